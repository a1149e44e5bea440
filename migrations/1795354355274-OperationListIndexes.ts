import { MigrationInterface, QueryRunner } from 'typeorm';

export class OperationListIndexes1795354355274 implements MigrationInterface {
  name = 'OperationListIndexes1795354355274';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_warrants_operation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_arrests_operation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_exhibits_operation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_safeguarding_visits_operation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_referrals_operation"`);
    await queryRunner.query(`CREATE INDEX "ix_warrants_operation_created" ON "warrants"  ("operation_id", "created_at", "id") WHERE voided_at IS NULL`);
    await queryRunner.query(`CREATE INDEX "ix_arrests_operation_arrested" ON "arrests"  ("operation_id", "arrested_at", "id") WHERE voided_at IS NULL`);
    await queryRunner.query(`CREATE INDEX "ix_exhibits_operation_seized" ON "exhibits"  ("operation_id", "seized_at", "id") WHERE voided_at IS NULL`);
    await queryRunner.query(
      `CREATE INDEX "ix_safeguarding_visits_operation_visited" ON "safeguarding_visits"  ("operation_id", "visited_at", "id") WHERE voided_at IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX "ix_referrals_operation_received" ON "referrals"  ("operation_id", "received_at", "id") WHERE voided_at IS NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_referrals_operation_received"`);
    await queryRunner.query(`DROP INDEX "public"."ix_safeguarding_visits_operation_visited"`);
    await queryRunner.query(`DROP INDEX "public"."ix_exhibits_operation_seized"`);
    await queryRunner.query(`DROP INDEX "public"."ix_arrests_operation_arrested"`);
    await queryRunner.query(`DROP INDEX "public"."ix_warrants_operation_created"`);
    await queryRunner.query(`CREATE INDEX "ix_referrals_operation" ON "referrals" USING btree ("operation_id") `);
    await queryRunner.query(`CREATE INDEX "ix_safeguarding_visits_operation" ON "safeguarding_visits" USING btree ("operation_id") `);
    await queryRunner.query(`CREATE INDEX "ix_exhibits_operation" ON "exhibits" USING btree ("operation_id") `);
    await queryRunner.query(`CREATE INDEX "ix_arrests_operation" ON "arrests" USING btree ("operation_id") `);
    await queryRunner.query(`CREATE INDEX "ix_warrants_operation" ON "warrants" USING btree ("operation_id") `);
  }
}
