import { createHash } from 'node:crypto';

/** The fields of an audit event that the chain protects, as the sealer and verifier read them. */
export interface ChainedEvent {
  seq: string;
  /** Microseconds since the epoch, as text: exact, unlike a JS Date. */
  at_us: string;
  actor_id: string | null;
  actor_role: string | null;
  actor_unit_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  request_id: string | null;
  ip: string | null;
  outcome: string;
  purpose: string | null;
  changes: unknown;
  details: unknown;
}

/** SELECT list giving ChainedEvent columns from `audit_events e`. */
export const CHAINED_EVENT_COLUMNS = `e.seq::text AS seq, (extract(epoch from e.at) * 1000000)::bigint::text AS at_us,
  e.actor_id, e.actor_role, e.actor_unit_id, e.action, e.entity_type, e.entity_id, e.request_id, e.ip,
  e.outcome, e.purpose, e.changes, e.details`;

/** JSON with object keys sorted at every depth, so the same content always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value as Record<string, unknown>).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

export function canonicalEvent(e: ChainedEvent): string {
  return canonicalJson([
    e.seq,
    e.at_us,
    e.actor_id,
    e.actor_role,
    e.actor_unit_id,
    e.action,
    e.entity_type,
    e.entity_id,
    e.request_id,
    e.ip,
    e.outcome,
    e.purpose,
    e.changes ?? null,
    e.details ?? null,
  ]);
}

export const GENESIS_HASH = '0'.repeat(64);

export function linkHash(prevHash: string, e: ChainedEvent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalEvent(e)).digest('hex');
}
