import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Chain form 2: a link hashes the event's binary record instead of its JSON text.
 *
 * Form 1 (AuditCanonicalForm) hashes jsonb_build_array(...)::text: building that text is most of
 * the cost of verifying, about 5 µs an event. Form 2 hashes record_send(ROW(...)) of the same 14
 * fields in the same order: PostgreSQL's binary record format, which is unambiguous by
 * construction (a field count, then per field its type oid, its byte length or -1 for null, and
 * its binary value: int8 and timestamptz as 8-byte integers — exact microseconds —, uuid as 16
 * bytes, varchar as its UTF-8 bytes, jsonb as a version byte and its canonical text). Changing a
 * field's type would change the bytes, so that would be a form 3.
 *
 * hash = SHA-256(prevHash + "\n" + record). Links already made keep form 1 and are verified as
 * they were sealed; the sealer makes every new link in form 2. Nothing is re-hashed.
 */
export class AuditChainForm21795369243778 implements MigrationInterface {
  name = 'AuditChainForm21795369243778';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_chain" ADD "form" smallint NOT NULL DEFAULT 1`);
    await queryRunner.query(`ALTER TABLE "audit_chain" ALTER COLUMN "form" SET DEFAULT 2`);
    await queryRunner.query(`
            CREATE FUNCTION haven_audit_record(e audit_events) RETURNS bytea LANGUAGE sql STABLE PARALLEL SAFE AS $$
                SELECT record_send(ROW(
                    e.seq, e.at, e.actor_id, e.actor_role, e.actor_unit_id, e.action, e.entity_type, e.entity_id,
                    e.request_id, e.ip, e.outcome, e.purpose, e.changes, e.details
                ))
            $$`);
    await queryRunner.query(`
            CREATE FUNCTION haven_audit_link_hash_v2(prev_hash text, e audit_events) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
                SELECT encode(sha256(convert_to(prev_hash || E'\\n', 'UTF8') || haven_audit_record(e)), 'hex')
            $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION haven_audit_link_hash_v2(text, audit_events)`);
    await queryRunner.query(`DROP FUNCTION haven_audit_record(audit_events)`);
    await queryRunner.query(`ALTER TABLE "audit_chain" DROP COLUMN "form"`);
  }
}
