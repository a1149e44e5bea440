import { createHash } from 'node:crypto';

/**
 * The chain's hash rule. The canonical text of an event comes from the database function
 * haven_audit_canonical (see the AuditCanonicalForm migration), so the sealer here and the
 * verifier in SQL hash exactly the same bytes: hash = SHA-256(prevHash + "\n" + canonical).
 */
export const GENESIS_HASH = '0'.repeat(64);

export function linkHash(prevHash: string, canonical: string): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonical, 'utf8').digest('hex');
}
