import type { SqlParams } from '../../core/database/sql-params';
import { fieldError } from '../../core/http/field-errors';
import type { AuditFilterDto } from './dto/audit-query.dto';

/** One audit event as auditors see it, with its chain link once the sealer has made it. */
export interface AuditItem {
  seq: string;
  /** UTC with microseconds, exactly as stored (a JS Date would drop the last three digits). */
  at: string;
  actorId: string | null;
  actorRole: string | null;
  actorUnitId: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  requestId: string | null;
  ip: string | null;
  outcome: string;
  purpose: string | null;
  changes: unknown;
  details: unknown;
  /** Null until the event is linked into the chain (within seconds of commit). */
  prevHash: string | null;
  hash: string | null;
}

export interface AuditPage<T = AuditItem> {
  items: T[];
  nextCursor: string | null;
}

/** The item's fields in output order: the CSV header and the NDJSON key order. */
export const AUDIT_ITEM_FIELDS = [
  'seq',
  'at',
  'actorId',
  'actorRole',
  'actorUnitId',
  'action',
  'entityType',
  'entityId',
  'requestId',
  'ip',
  'outcome',
  'purpose',
  'changes',
  'details',
  'prevHash',
  'hash',
] as const satisfies readonly (keyof AuditItem)[];

/** SELECT list over `audit_events e LEFT JOIN audit_chain c ON c.seq = e.seq`, aliased to AuditItem. */
export const AUDIT_ITEM_SELECT = `e.seq::text AS "seq",
  to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "at",
  e.actor_id AS "actorId", e.actor_role AS "actorRole", e.actor_unit_id AS "actorUnitId",
  e.action AS "action", e.entity_type AS "entityType", e.entity_id AS "entityId",
  e.request_id AS "requestId", e.ip AS "ip", e.outcome AS "outcome", e.purpose AS "purpose",
  e.changes AS "changes", e.details AS "details", c.prev_hash AS "prevHash", c.hash AS "hash"`;

export const AUDIT_ITEM_FROM = `audit_events e LEFT JOIN audit_chain c ON c.seq = e.seq`;

/** The search and export filters as SQL conditions on `e`, ANDed by the caller. */
export function auditFilterSql(f: AuditFilterDto, p: SqlParams): string[] {
  const where: string[] = [];
  if (f.actorId) where.push(`e.actor_id = ${p.add(f.actorId, 'uuid')}`);
  if (f.entityType) where.push(`e.entity_type = ${p.add(f.entityType)}`);
  if (f.entityId) where.push(`e.entity_id = ${p.add(f.entityId, 'uuid')}`);
  if (f.action) where.push(`e.action = ${p.add(f.action)}`);
  if (f.outcome) where.push(`e.outcome = ${p.add(f.outcome)}`);
  if (f.from) where.push(`e.at >= ${p.add(f.from, 'timestamptz')}`);
  if (f.to) where.push(`e.at < ${p.add(f.to, 'timestamptz')}`);
  return where;
}

/** The filter as recorded in the auditor's own audit event: only the fields that were given. */
export function describeFilter(f: AuditFilterDto): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ['actorId', 'entityType', 'entityId', 'action', 'outcome', 'from', 'to'] as const) {
    if (f[k] !== undefined && f[k] !== null) out[k] = String(f[k]);
  }
  return out;
}

/**
 * An opaque cursor over seq: "events older than this one". New events only ever get higher
 * numbers, so pages already handed out never shift while the log grows.
 */
export function encodeSeqCursor(seq: string): string {
  return Buffer.from(JSON.stringify({ before: seq })).toString('base64url');
}

export function decodeSeqCursor(cursor: string): string {
  try {
    const pos = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { before?: unknown };
    if (typeof pos.before !== 'string' || !/^[1-9]\d{0,18}$/.test(pos.before)) throw new Error('bad seq');
    return pos.before;
  } catch {
    throw fieldError('cursor', 'cursor is not valid');
  }
}

/** Trims the extra row fetched to learn whether another page exists. */
export function toPage<T extends { seq: string }>(rows: T[], limit: number): AuditPage<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeSeqCursor(items[items.length - 1].seq) : null };
}
