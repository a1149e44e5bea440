import type { RequestContext } from '../context/request-context';

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

/** `$n, $n+1, …` placeholders for the audit columns, starting after `offset` earlier parameters. */
export function auditPlaceholders(offset: number): string {
  return AUDIT_COLUMNS.map((c, i) => {
    const p = `$${offset + i + 1}`;
    if (c === 'changes' || c === 'details') return `${p}::jsonb`;
    if (c.endsWith('_id') && c !== 'request_id') return `${p}::uuid`;
    return p;
  }).join(', ');
}

export type AuditColumn = (typeof AUDIT_COLUMNS)[number];

/**
 * The value list of an audit insert that rides inside another statement: parameters numbered
 * after `offset`, with some columns given as SQL instead (the new record's id, an outcome that
 * depends on whether a row was found, the ids a list returned).
 */
export function auditSelect(
  ctx: RequestContext,
  entry: AuditEntry,
  offset: number,
  sqlFor: Partial<Record<AuditColumn, (param: string | null) => string>> = {},
): { sql: string; params: unknown[] } {
  const values = auditParams(ctx, entry);
  const params: unknown[] = [];
  const parts = AUDIT_COLUMNS.map((c, i) => {
    const override = sqlFor[c];
    const usesParam = !override || override.length > 0;
    let p: string | null = null;
    if (usesParam) {
      params.push(values[i]);
      p = `$${offset + params.length}`;
      if (c === 'changes' || c === 'details') p += '::jsonb';
      else if (c.endsWith('_id') && c !== 'request_id') p += '::uuid';
    }
    return override ? override(p) : (p as string);
  });
  return { sql: parts.join(', '), params };
}
