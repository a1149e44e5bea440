import { MigrationInterface, QueryRunner } from 'typeorm';

export class WeeklyReturns1795350941467 implements MigrationInterface {
  name = 'WeeklyReturns1795350941467';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "weekly_returns" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by" uuid, "version" integer NOT NULL DEFAULT '1', "unit_id" uuid NOT NULL, "week" character varying(8) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'draft', "figures" jsonb, "figures_hash" character(64), "submitted_by" uuid, "submitted_at" TIMESTAMP WITH TIME ZONE, "approved_by" uuid, "approved_at" TIMESTAMP WITH TIME ZONE, "returned_by" uuid, "returned_at" TIMESTAMP WITH TIME ZONE, "return_reason" character varying(500), "comment" character varying(1000), CONSTRAINT "ck_weekly_returns_status" CHECK (status IN ('draft', 'submitted', 'approved', 'returned')), CONSTRAINT "PK_bda0fbd5258347c1370d1e54e8b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_weekly_returns_week" ON "weekly_returns"  ("week") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_weekly_returns_unit_week" ON "weekly_returns"  ("unit_id", "week") `);
    await queryRunner.query(
      `CREATE TABLE "weekly_return_steps" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "return_id" uuid NOT NULL, "action" character varying(16) NOT NULL, "actor_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "reason" character varying(1000), "figures_hash" character(64), "figures" jsonb, CONSTRAINT "ck_weekly_return_steps_action" CHECK (action IN ('submit', 'approve', 'return')), CONSTRAINT "PK_e7b03c49dd0f7c0225105ad5955" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_weekly_return_steps_return" ON "weekly_return_steps"  ("return_id", "at") `);
    await queryRunner.query(
      `ALTER TABLE "weekly_returns" ADD CONSTRAINT "FK_f9d9bc86bb64da34a6eda582df4" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "weekly_return_steps" ADD CONSTRAINT "FK_215524654707da1f9d762e6909d" FOREIGN KEY ("return_id") REFERENCES "weekly_returns"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Sign-off history is append-only, and an approved return is a locked snapshot: the
    // database itself refuses to change either, whatever code or console asks it to.
    await queryRunner.query(`
            CREATE FUNCTION haven_refuse_return_step_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'weekly return history is append-only: % on % refused', TG_OP, TG_TABLE_NAME
                    USING ERRCODE = 'insufficient_privilege';
            END $$`);
    await queryRunner.query(
      `CREATE TRIGGER weekly_return_steps_no_update_delete BEFORE UPDATE OR DELETE ON "weekly_return_steps" FOR EACH ROW EXECUTE FUNCTION haven_refuse_return_step_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER weekly_return_steps_no_truncate BEFORE TRUNCATE ON "weekly_return_steps" FOR EACH STATEMENT EXECUTE FUNCTION haven_refuse_return_step_change()`,
    );
    await queryRunner.query(`ALTER TABLE "weekly_return_steps" ENABLE ALWAYS TRIGGER weekly_return_steps_no_update_delete`);
    await queryRunner.query(`ALTER TABLE "weekly_return_steps" ENABLE ALWAYS TRIGGER weekly_return_steps_no_truncate`);
    await queryRunner.query(`
            CREATE FUNCTION haven_refuse_approved_return_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'DELETE' THEN
                    RAISE EXCEPTION 'weekly returns are never deleted' USING ERRCODE = 'insufficient_privilege';
                END IF;
                RAISE EXCEPTION 'weekly return % is approved and locked: % refused', OLD.id, TG_OP
                    USING ERRCODE = 'insufficient_privilege';
            END $$`);
    await queryRunner.query(
      `CREATE TRIGGER weekly_returns_locked BEFORE UPDATE ON "weekly_returns" FOR EACH ROW WHEN (OLD.status = 'approved') EXECUTE FUNCTION haven_refuse_approved_return_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER weekly_returns_no_delete BEFORE DELETE ON "weekly_returns" FOR EACH ROW EXECUTE FUNCTION haven_refuse_approved_return_change()`,
    );
    await queryRunner.query(`ALTER TABLE "weekly_returns" ENABLE ALWAYS TRIGGER weekly_returns_locked`);
    await queryRunner.query(`ALTER TABLE "weekly_returns" ENABLE ALWAYS TRIGGER weekly_returns_no_delete`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "weekly_return_steps" DROP CONSTRAINT "FK_215524654707da1f9d762e6909d"`);
    await queryRunner.query(`ALTER TABLE "weekly_returns" DROP CONSTRAINT "FK_f9d9bc86bb64da34a6eda582df4"`);
    await queryRunner.query(`DROP INDEX "public"."ix_weekly_return_steps_return"`);
    await queryRunner.query(`DROP TABLE "weekly_return_steps"`);
    await queryRunner.query(`DROP INDEX "public"."uq_weekly_returns_unit_week"`);
    await queryRunner.query(`DROP INDEX "public"."ix_weekly_returns_week"`);
    await queryRunner.query(`DROP TABLE "weekly_returns"`);
    await queryRunner.query(`DROP FUNCTION haven_refuse_approved_return_change()`);
    await queryRunner.query(`DROP FUNCTION haven_refuse_return_step_change()`);
  }
}
