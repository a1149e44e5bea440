import { createHash } from 'node:crypto';

/**
 * The chain's hash rule: hash = SHA-256(prevHash + "\n" + the event's bytes), where the bytes
 * come from the database so the sealer here and the verifier in SQL hash exactly the same thing.
 *
 * - Form 1 (links made before the AuditChainForm2 migration): the event's canonical JSON text,
 *   haven_audit_canonical(e), UTF-8.
 * - Form 2 (every link made since): its binary record, haven_audit_record(e) — PostgreSQL's
 *   record_send of the same fields, a third of the cost to build when verifying.
 */
export const GENESIS_HASH = '0'.repeat(64);

/** The form the sealer makes links in. */
export const CHAIN_FORM = 2;

export function linkHash(prevHash: string, event: string | Buffer): string {
  const h = createHash('sha256').update(prevHash).update('\n');
  return (typeof event === 'string' ? h.update(event, 'utf8') : h.update(event)).digest('hex');
}
