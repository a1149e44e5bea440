import { fieldError } from '../http/field-errors';
import { decodeCursor } from './cursor';
import type { ColumnMap, RecordTable } from './record-table';
import { DEFAULT_PAGE_SIZE, ListQuery, MAX_PAGE_SIZE, RecordStoreOptions } from './record-store.types';
import type { ListPlan } from './sql/record-sql';

/** A list's plan without its audit event, and the sort as the property the request named. */
export type PlannedList = Omit<ListPlan, 'audit'> & { sortProp: string };

/**
 * A list request checked against what the store allows (its filters, date, sorts) and resolved
 * into the plan the SQL builder writes the page's statement from. Throws a field error (400)
 * for a filter or sort the list does not offer, and for a cursor that is not valid.
 */
export function planList(table: RecordTable<object>, opts: RecordStoreOptions, q: ListQuery, scope: string[] | null): PlannedList {
  const filters: { col: ColumnMap; value: unknown }[] = [];
  for (const [prop, value] of Object.entries(q.filters ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    if (!(opts.filterable ?? []).includes(prop)) throw fieldError(prop, `${prop} is not a filter here`);
    filters.push({ col: table.col(prop), value });
  }
  if ((q.from || q.to) && !opts.dateProperty) throw fieldError('from', 'this list has no date to filter on');
  const date = opts.dateProperty ? { col: table.col(opts.dateProperty), from: q.from || undefined, to: q.to || undefined } : null;
  const sortProp = q.sort ?? opts.defaultSort ?? 'createdAt';
  if (!(opts.sortable ?? ['createdAt']).includes(sortProp)) throw fieldError('sort', `cannot sort on ${sortProp}`);
  const dir = (q.direction ?? opts.defaultDirection ?? 'desc') === 'asc' ? 'ASC' : 'DESC';
  const sort = table.col(sortProp);
  const after = q.cursor ? decodeCursor(q.cursor, sort) : null;
  const limit = Math.min(Math.max(q.limit ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
  return {
    scope,
    includeVoided: !!q.includeVoided,
    filters,
    date,
    sort,
    sortProp,
    dir,
    after,
    limit,
  };
}

/**
 * What a list's audit event records about the request (the ids it returned are added by the
 * statement itself): the filters that were given, the sort, the page size and the position after
 * which the page starts. The
 * one place a list's audit details are built; `plan` holds the request as resolved (its
 * decoded cursor position is `plan.after`).
 */
export function listAuditDetails(q: ListQuery, plan: Pick<PlannedList, 'sortProp' | 'dir' | 'limit' | 'after'>): Record<string, unknown> {
  const { sortProp: sort, dir, limit } = plan;
  const f: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(q.filters ?? {})) if (v !== undefined && v !== null && v !== '') f[k] = v;
  if (q.from) f.from = q.from;
  if (q.to) f.to = q.to;
  if (q.includeVoided) f.includeVoided = true;
  // Only the checked position, never the client's token: the audit log is append-only for ever.
  if (plan.after) f.after = { [sort]: plan.after.v, id: plan.after.id };
  return { filter: { ...f, sort, direction: dir.toLowerCase(), limit } };
}
