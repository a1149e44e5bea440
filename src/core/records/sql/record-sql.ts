import { AUDIT_COLUMN_LIST, auditValuesSql } from '../../audit/audit-entry';
import { SqlParams } from '../../database/sql-params';
import { ColumnMap, quote, RecordTable } from '../record-table';

/**
 * Every statement RecordStore sends, written from the table's description (RecordTable) and
 * nothing else: no database, no request, no string patching. Each function returns the text
 * and its parameters, or, for a statement the store prepares once, the text and a function
 * that puts the arguments in the order the text numbers them. The texts are checked in under
 * docs/sql/ (see record-sql.spec.ts), so a changed statement shows in review.
 *
 * `t` is always the record's own table; a statement's audit insert rides in the same
 * statement as its work, so the two commit together or not at all.
 */

/** A statement whose text is built once; `params` gives its arguments in the text's order. */
export interface Prepared<A> {
  text: string;
  params(args: A): unknown[];
}

export interface Statement {
  text: string;
  params: unknown[];
}

type AnyTable = RecordTable<object>;

const AUDIT_INSERT = `INSERT INTO audit_events (${AUDIT_COLUMN_LIST})`;

/** Every column that is read back, as `t."col", …`. */
export function selectList(t: AnyTable): string {
  return t.columns.map((c) => `t.${quote(c.db)}`).join(', ');
}

/** selectList plus the computed values (`… AS "computed:prop"`): what get and list return. */
export function readList(t: AnyTable): string {
  const computed = Object.entries(t.computed).map(([prop, sql]) => `${sql} AS ${quote(`computed:${prop}`)}`);
  return [selectList(t), ...computed].join(', ');
}

/** The RETURNING list of a write: the same columns as selectList, unqualified. */
export function returnList(t: AnyTable): string {
  return t.columns.map((c) => quote(c.db)).join(', ');
}

/**
 * The row `t` is in the units listed by `scope` (SQL for a uuid[]; null lists every unit). On a
 * table that is not unit-scoped only a null list passes, so an unscoped store never answers a
 * scoped actor by mistake.
 */
export function inScope(t: AnyTable, scope: string): string {
  if (!t.scope) return `${scope}::uuid[] IS NULL`;
  return `(${scope}::uuid[] IS NULL OR t.${quote(t.scope.db)} = ANY(${scope}::uuid[]))`;
}

/**
 * The record `idSql` names is live and, when the table is unit-scoped, in the units `scopeSql`
 * lists (an unscoped table ignores the list): isVisible's condition.
 */
function visibleWhere(t: AnyTable, idSql: string, scopeSql: string): string {
  const where = [`t."id" = ${idSql}::uuid`];
  if (t.voidable) where.push('t."voided_at" IS NULL');
  if (t.scope) where.push(inScope(t, scopeSql));
  return where.join(' AND ');
}

/** visibleWhere as a condition inside another statement (a create naming this record). */
export function visibleSql(t: AnyTable, idSql: string, scopeSql: string): string {
  return `EXISTS (SELECT 1 FROM ${t.table} t WHERE ${visibleWhere(t, idSql, scopeSql)})`;
}

/** The id and unit of a live record in scope: for reference checks, unaudited (it shows nothing). */
export function isVisibleStatement(t: AnyTable): Prepared<{ id: string; scope: string[] | null }> {
  const unit = t.scope ? `t.${quote(t.scope.db)}` : 'NULL';
  return {
    text: `SELECT t."id", ${unit} AS unit_id FROM ${t.table} t WHERE ${visibleWhere(t, '$1', '$2')}`,
    params: t.scope ? (a) => [a.id, a.scope] : (a) => [a.id],
  };
}

/**
 * The request fields of a read batch, as `jsonb_to_recordset` reads them: `i` is the request's
 * place in the batch. The batcher sends one JSON object per request with these keys.
 */
const READ_REQUEST = `i int, id uuid, scope uuid[], actor_id uuid, actor_role text,
    actor_unit_id uuid, action text, request_id text, ip text, purpose text`;

/**
 * The group-commit read: reads every requested record in scope and inserts one audit event per
 * request (`not_found` when its record was not read) in the same statement. A read with no
 * stated purpose is recorded as being for the record's operation. $1 is the batch as JSON, $2
 * the entity type.
 */
export function readBatchStatement(t: AnyTable): Prepared<{ batch: string }> {
  const join = ['t."id" = r.id'];
  if (t.scope) join.push(`(r.scope IS NULL OR t.${quote(t.scope.db)} = ANY(r.scope))`);
  const purpose = t.operationColumn
    ? `COALESCE(r.purpose, (SELECT 'operation ' || ${quote(t.operationColumn)}::text FROM rec WHERE rec."__i" = r.i))`
    : 'r.purpose';
  const text = `WITH req AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(${READ_REQUEST})
),
rec AS (
  SELECT r.i AS "__i", ${readList(t)}
    FROM req r JOIN ${t.table} t ON ${join.join(' AND ')}
),
ev AS (
  ${AUDIT_INSERT}
  SELECT r.actor_id, r.actor_role, r.actor_unit_id, r.action, $2, r.id, r.request_id, r.ip,
         CASE WHEN EXISTS (SELECT 1 FROM rec WHERE rec."__i" = r.i) THEN 'success' ELSE 'not_found' END,
         ${purpose}, NULL, NULL
    FROM req r ORDER BY r.i
)
SELECT * FROM rec`;
  return { text, params: (a) => [a.batch, t.entityType] };
}

/** One page of a list, as the store has checked and resolved it (see record-list.ts). */
export interface ListPlan {
  /** The actor's units (null: every unit), or null on an unscoped table. */
  scope: string[] | null;
  includeVoided: boolean;
  /** Equality filters, in the order given. */
  filters: readonly { col: ColumnMap; value: unknown }[];
  /** The record's own date, from (inclusive) and to (exclusive). */
  date: { col: ColumnMap; from?: string; to?: string } | null;
  sort: ColumnMap;
  dir: 'ASC' | 'DESC';
  /** Keyset position: rows strictly after this (sort value, id). */
  after: { v: unknown; id: string } | null;
  limit: number;
  /** The list's audit event, as auditParams() gives it; the ids returned are added in SQL. */
  audit: readonly unknown[];
}

/** `"sort" DIR, "id" DIR` on `alias` (e.g. 'p.'), the id breaking ties so the order is total. */
function orderBy(alias: string, sort: ColumnMap, dir: string): string {
  return `${alias}${quote(sort.db)} ${dir}, ${alias}"id" ${dir}`;
}

/**
 * A page of records (limit + 1 rows, the extra one saying whether another page exists) with the
 * sort value as text for the next cursor, and the list's audit event carrying the ids of the
 * page it returned. Parameters: the scope, each filter, from, to, the cursor, then the audit.
 */
export function listStatement(t: AnyTable, plan: ListPlan): Statement {
  const p = new SqlParams();
  const where = [inScope(t, p.add(plan.scope))];
  if (t.voidable && !plan.includeVoided) where.push('t."voided_at" IS NULL');
  for (const f of plan.filters) where.push(`t.${quote(f.col.db)} = ${p.add(f.value, f.col.type)}`);
  if (plan.date?.from) where.push(`t.${quote(plan.date.col.db)} >= ${p.add(plan.date.from, plan.date.col.type)}`);
  if (plan.date?.to) where.push(`t.${quote(plan.date.col.db)} < ${p.add(plan.date.to, plan.date.col.type)}`);
  const s = plan.sort;
  if (plan.after) {
    const cmp = plan.dir === 'ASC' ? '>' : '<';
    where.push(`(t.${quote(s.db)}, t."id") ${cmp} (${p.add(plan.after.v, s.type)}, ${p.add(plan.after.id, 'uuid')})`);
  }
  const ids = `COALESCE((SELECT jsonb_agg(p."id" ORDER BY ${orderBy('p.', s, plan.dir)}) FROM (SELECT * FROM page ORDER BY ${orderBy('', s, plan.dir)} LIMIT ${plan.limit}) p), '[]'::jsonb)`;
  const audit = auditValuesSql(p, plan.audit, { details: (param) => `${param} || jsonb_build_object('ids', ${ids})` });
  const text = `WITH page AS (
  SELECT ${readList(t)}, t.${quote(s.db)}::text AS __cursor
    FROM ${t.table} t
   WHERE ${where.join(' AND ')}
   ORDER BY ${orderBy('t.', s, plan.dir)} LIMIT ${plan.limit + 1}
),
ev AS (
  ${AUDIT_INSERT}
  SELECT ${audit}
)
SELECT * FROM page ORDER BY ${orderBy('', s, plan.dir)}`;
  return { text, params: p.values };
}

/**
 * One create and its audit event, in one statement (used inside a caller's transaction, and for
 * tables whose id the database assigns). Parameters: the values in `cols` order, then the audit
 * event as auditParams() gives it; the event's entity id is the new record's.
 */
export function createStatement(t: AnyTable, cols: ColumnMap[], values: readonly unknown[], audit: readonly unknown[]): Statement {
  const p = new SqlParams();
  const placeholders = cols.map((c, i) => p.add(values[i], c.type));
  const ev = auditValuesSql(p, audit, { entity_id: 'rec."id"' });
  const text = `WITH rec AS (
  INSERT INTO ${t.table} (${cols.map((c) => quote(c.db)).join(', ')})
  VALUES (${placeholders.join(', ')})
  RETURNING ${returnList(t)}
),
ev AS (
  ${AUDIT_INSERT}
  SELECT ${ev} FROM rec
)
SELECT * FROM rec`;
  return { text, params: p.values };
}

/** Anything that can say, as SQL, whether the record an id names is live and visible. */
export interface VisibleCheck {
  visibleSql(idSql: string, scopeSql: string): string;
}

/**
 * The group-commit create for one shape (the columns written and the records named): inserts
 * every create whose named records are live and in its actor's units, and one audit event per
 * record inserted. A create that names an unusable record inserts nothing and is not audited
 * here (the store says which reference failed). $1 is the batch as JSON, one object per create
 * with the columns' names as keys and `__i` (its place), `__scope`, `__ref0…` (the ids
 * `checks` test, in order) and the audit fields `__actor_id` … `__changes`; $2 the entity type.
 */
export function createBatchStatement(t: AnyTable, cols: ColumnMap[], checks: readonly VisibleCheck[]): Prepared<{ batch: string }> {
  const defs = [
    '"__i" int',
    ...cols.map((c) => `${quote(c.db)} ${c.type}`),
    '"__scope" uuid[]',
    ...checks.map((_, k) => `"__ref${k}" uuid`),
    '"__actor_id" uuid, "__actor_role" text, "__actor_unit_id" uuid, "__request_id" text, "__ip" text, "__purpose" text, "__changes" jsonb',
  ];
  const where = checks.map((c, k) => c.visibleSql(`i."__ref${k}"`, 'i."__scope"'));
  const text = `WITH input AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(${defs.join(', ')})),
rec AS (
  INSERT INTO ${t.table} (${cols.map((c) => quote(c.db)).join(', ')})
  SELECT ${cols.map((c) => `i.${quote(c.db)}`).join(', ')} FROM input i${where.length ? `\n   WHERE ${where.join('\n     AND ')}` : ''}
   ORDER BY i."__i"
  RETURNING ${returnList(t)}
),
ev AS (
  ${AUDIT_INSERT}
  SELECT i."__actor_id", i."__actor_role", i."__actor_unit_id", 'create', $2, rec."id", i."__request_id", i."__ip", 'success', i."__purpose", i."__changes", NULL
    FROM rec JOIN input i ON i."id" = rec."id" ORDER BY i."__i"
)
SELECT * FROM rec`;
  return { text, params: (a) => [a.batch, t.entityType] };
}

/**
 * The record, locked for a write, when it is in the actor's units: an update or void reads it
 * with this first, inside its transaction. $1 the id, $2 the actor's units (null: every unit).
 */
export function lockVisibleStatement(t: AnyTable): Prepared<{ id: string; scope: string[] | null }> {
  return {
    text: `SELECT ${selectList(t)} FROM ${t.table} t WHERE t."id" = $1::uuid AND ${inScope(t, '$2')} FOR UPDATE`,
    params: (a) => [a.id, a.scope],
  };
}

/**
 * An update of the given columns that bumps the version and stamps who and when (`extraSets`
 * are further SET clauses as SQL, e.g. bumping a counter). The version was checked under the
 * lock before this runs. Parameters: the id, the actor, then the values in `sets` order.
 */
export function updateStatement(
  t: AnyTable,
  id: string,
  actorId: string,
  sets: { col: ColumnMap; value: unknown }[],
  extraSets: readonly string[] = [],
): Statement {
  const p = new SqlParams();
  const idParam = p.add(id, 'uuid');
  const by = p.add(actorId, 'uuid');
  const assignments = [
    ...sets.map((s) => `${quote(s.col.db)} = ${p.add(s.value, s.col.type)}`),
    ...extraSets,
    '"version" = "version" + 1',
    '"updated_at" = now()',
    `"updated_by" = ${by}`,
  ];
  return { text: `UPDATE ${t.table} SET ${assignments.join(', ')} WHERE "id" = ${idParam} RETURNING ${returnList(t)}`, params: p.values };
}

/** Marks a record void, bumping the version. $1 the id, $2 the actor, $3 the reason. */
export function voidStatement(t: AnyTable): Prepared<{ id: string; actorId: string; reason: string }> {
  const text = `UPDATE ${t.table}
   SET "voided_at" = now(), "voided_by" = $2::uuid, "void_reason" = $3, "version" = "version" + 1, "updated_at" = now(), "updated_by" = $2::uuid
 WHERE "id" = $1::uuid RETURNING ${returnList(t)}`;
  return { text, params: (a) => [a.id, a.actorId, a.reason] };
}

/** A few stored values of a record by property name, for consistency checks. $1 the id. */
export function storedValuesStatement(t: AnyTable, props: string[]): Prepared<{ id: string; scope: string[] | null }> {
  const cols = props.map((prop) => `t.${quote(t.col(prop).db)} AS ${quote(prop)}`).join(', ');
  return { text: `SELECT ${cols} FROM ${t.table} t WHERE t."id" = $1::uuid AND ${inScope(t, '$2')}`, params: (a) => [a.id, a.scope] };
}
