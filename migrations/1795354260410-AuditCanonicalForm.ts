import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The canonical text of an audit event, defined once in the database: the sealer hashes it as it
 * links events, and the verifier recomputes every link in one SQL pass (Postgres's own sha256),
 * so both read the same bytes. jsonb_build_array keeps field order, marks nulls unambiguously and
 * prints nested jsonb with its keys in jsonb's fixed order; the timestamp is exact microseconds.
 */
export class AuditCanonicalForm1795354260410 implements MigrationInterface {
  name = 'AuditCanonicalForm1795354260410';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE FUNCTION haven_audit_canonical(e audit_events) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
                SELECT jsonb_build_array(
                    e.seq::text, ((extract(epoch FROM e.at) * 1000000)::bigint)::text,
                    e.actor_id, e.actor_role, e.actor_unit_id, e.action, e.entity_type, e.entity_id,
                    e.request_id, e.ip, e.outcome, e.purpose, e.changes, e.details
                )::text
            $$`);
    await queryRunner.query(`
            CREATE FUNCTION haven_audit_link_hash(prev_hash text, e audit_events) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
                SELECT encode(sha256(convert_to(prev_hash || E'\\n' || haven_audit_canonical(e), 'UTF8')), 'hex')
            $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION haven_audit_link_hash(text, audit_events)`);
    await queryRunner.query(`DROP FUNCTION haven_audit_canonical(audit_events)`);
  }
}
