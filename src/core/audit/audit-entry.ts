import type { RequestContext } from '../context/request-context';
import { SqlParams } from '../database/sql-params';

export type AuditOutcome = 'success' | 'failure' | 'denied' | 'not_found' | 'conflict' | 'invalid';

/** What happened, in the audit log's terms. The request context supplies who, where and why. */
export interface AuditEntry {
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  outcome: AuditOutcome;
  changes?: Record<string, [unknown, unknown]> | null;
  details?: Record<string, unknown> | null;
  purpose?: string | null;
}

/** Columns every audit insert writes, in the order auditParams() gives them. */
export const AUDIT_COLUMNS = [
  'actor_id',
  'actor_role',
  'actor_unit_id',
  'action',
  'entity_type',
  'entity_id',
  'request_id',
  'ip',
  'outcome',
  'purpose',
  'changes',
  'details',
] as const;

export const AUDIT_COLUMN_LIST = AUDIT_COLUMNS.join(', ');

export function auditParams(ctx: RequestContext, e: AuditEntry): unknown[] {
  const a = ctx.actor;
  return [
    a?.id ?? null,
    a?.role ?? null,
    a?.unitId ?? null,
    e.action,
    e.entityType ?? null,
    e.entityId ?? null,
    ctx.requestId,
    ctx.ip,
    e.outcome,
    e.purpose ?? ctx.purpose ?? null,
    e.changes ? JSON.stringify(e.changes) : null,
    e.details ? JSON.stringify(e.details) : null,
  ];
}

export type AuditColumn = (typeof AUDIT_COLUMNS)[number];

/** The cast each audit column's parameter carries: jsonb for the diffs, uuid for the ids. */
function auditCast(c: AuditColumn): string | undefined {
  if (c === 'changes' || c === 'details') return 'jsonb';
  if (c.endsWith('_id') && c !== 'request_id') return 'uuid';
  return undefined;
}

/**
 * The value list of an audit insert, one parameter per column added to `p` in AUDIT_COLUMNS
 * order (`values` as auditParams() gives them). A column in `sqlFor` is given as SQL instead:
 * a string is used as it is and takes no parameter (the new record's id, an outcome that
 * depends on whether a row was found); a function wraps the column's parameter (the ids a list
 * returned, added to its details).
 */
export function auditValuesSql(
  p: SqlParams,
  values: readonly unknown[],
  sqlFor: Partial<Record<AuditColumn, string | ((param: string) => string)>> = {},
): string {
  return AUDIT_COLUMNS.map((c, i) => {
    const override = sqlFor[c];
    if (typeof override === 'string') return override;
    const param = p.add(values[i], auditCast(c));
    return override ? override(param) : param;
  }).join(', ');
}

/**
 * `INSERT INTO audit_events … VALUES ($1, …, $12)`, parameters in auditParams() order: the
 * audit service's insert and every refusal's. One text, built once.
 */
export const AUDIT_INSERT_SQL = `INSERT INTO audit_events (${AUDIT_COLUMN_LIST}) VALUES (${auditValuesSql(new SqlParams(), AUDIT_COLUMNS)})`;
