import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand: TypeORM cannot describe an expression index, so the entity declares it with
 * synchronize: false and schema diffs leave it alone. It answers "which lists returned this
 * record?" (details -> 'ids' ? id) for the auditor's access history without scanning the log.
 */
export class AuditListHitIndex1795351712384 implements MigrationInterface {
  name = 'AuditListHitIndex1795351712384';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_audit_events_list_ids" ON "audit_events" USING gin ((details -> 'ids')) WHERE action = 'list'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_audit_events_list_ids"`);
  }
}
