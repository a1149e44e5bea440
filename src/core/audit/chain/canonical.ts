import { createHash } from 'node:crypto';

/**
 * The chain's hash rule: hash = SHA-256(prevHash + "\n" + the event's bytes), where the bytes
 * come from the database. The sealer (haven_audit_seal_batch, which makes form-2 links) and the
 * verifier apply it in SQL; linkHash states it independently, for tests and for anyone checking
 * an exported chain.
 *
 * - Form 1 (links made before the AuditChainForm2 migration): the event's canonical JSON text,
 *   haven_audit_canonical(e), UTF-8.
 * - Form 2 (every link made since): its binary record, haven_audit_record(e) — PostgreSQL's
 *   record_send of the same fields, a third of the cost to build when verifying.
 */
export const GENESIS_HASH = '0'.repeat(64);

export function linkHash(prevHash: string, event: string | Buffer): string {
  const h = createHash('sha256').update(prevHash).update('\n');
  return (typeof event === 'string' ? h.update(event, 'utf8') : h.update(event)).digest('hex');
}
