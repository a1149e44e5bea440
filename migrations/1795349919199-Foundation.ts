import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795349919199 implements MigrationInterface {
  name = 'Foundation1795349919199';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // The inserting transaction's id as a plain bigint, for the chain sealer's watermark.
    await queryRunner.query(`CREATE FUNCTION haven_current_tx() RETURNS bigint LANGUAGE sql VOLATILE AS 'SELECT pg_current_xact_id()::text::bigint'`);
    await queryRunner.query(
      `CREATE TABLE "audit_chain" ("link_no" bigint NOT NULL, "seq" bigint NOT NULL, "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, "sealed_xmin" bigint NOT NULL, "sealed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bd7fbe0064b2f85cab3586807cd" PRIMARY KEY ("link_no"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_audit_chain_seq" ON "audit_chain"  ("seq") `);
    await queryRunner.query(
      `CREATE TABLE "audit_events" ("seq" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid, "actor_role" character varying(16), "actor_unit_id" uuid, "action" character varying(48) NOT NULL, "entity_type" character varying(48), "entity_id" uuid, "request_id" character varying(64), "ip" character varying(64), "outcome" character varying(16) NOT NULL, "purpose" character varying(200), "changes" jsonb, "details" jsonb, "tx" bigint NOT NULL DEFAULT haven_current_tx(), CONSTRAINT "PK_6e299f5706e715265416fefe53e" PRIMARY KEY ("seq"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_events_tx" ON "audit_events"  ("tx") `);
    await queryRunner.query(`CREATE INDEX "ix_audit_events_at" ON "audit_events"  ("at") `);
    await queryRunner.query(`CREATE INDEX "ix_audit_events_actor" ON "audit_events"  ("actor_id", "seq") `);
    await queryRunner.query(`CREATE INDEX "ix_audit_events_entity" ON "audit_events"  ("entity_type", "entity_id", "seq") `);
    await queryRunner.query(
      `CREATE TABLE "units" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by" uuid, "version" integer NOT NULL DEFAULT '1', "code" character varying(16) NOT NULL, "name" character varying(120) NOT NULL, "kind" character varying(16) NOT NULL, CONSTRAINT "PK_5a8f2f064919b587d93936cb223" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_units_code" ON "units"  ("code") `);
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by" uuid, "version" integer NOT NULL DEFAULT '1', "username" character varying(64) NOT NULL, "display_name" character varying(120) NOT NULL, "role" character varying(16) NOT NULL, "unit_id" uuid NOT NULL, "disabled" boolean NOT NULL DEFAULT false, "password_hash" character varying(255) NOT NULL, "token_version" integer NOT NULL DEFAULT '0', "failed_logins" integer NOT NULL DEFAULT '0', "locked_at" TIMESTAMP WITH TIME ZONE, "last_login_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_username" ON "users"  ("username") `);
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "fk_users_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // The audit log and its chain are append-only, enforced by the database itself. ENABLE
    // ALWAYS keeps the triggers firing even under session_replication_role = replica.
    await queryRunner.query(`
            CREATE FUNCTION haven_refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'the audit log is append-only: % on % refused', TG_OP, TG_TABLE_NAME
                    USING ERRCODE = 'insufficient_privilege';
            END $$`);
    for (const table of ['audit_events', 'audit_chain']) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION haven_refuse_audit_change()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION haven_refuse_audit_change()`,
      );
      await queryRunner.query(`ALTER TABLE "${table}" ENABLE ALWAYS TRIGGER ${table}_no_update_delete`);
      await queryRunner.query(`ALTER TABLE "${table}" ENABLE ALWAYS TRIGGER ${table}_no_truncate`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Dropping the tables drops their triggers; DROP is an owner's act, not a row change.
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "fk_users_unit"`);
    await queryRunner.query(`DROP INDEX "public"."uq_users_username"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."uq_units_code"`);
    await queryRunner.query(`DROP TABLE "units"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_events_entity"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_events_actor"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_events_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_events_tx"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
    await queryRunner.query(`DROP INDEX "public"."uq_audit_chain_seq"`);
    await queryRunner.query(`DROP TABLE "audit_chain"`);
    await queryRunner.query(`DROP FUNCTION haven_refuse_audit_change()`);
    await queryRunner.query(`DROP FUNCTION haven_current_tx()`);
  }
}
