import type { Type } from '@nestjs/common';
import type { Permission } from '../auth/permissions';
import type { RecordListQueryDto } from './dto/record-list-query.dto';
import { listQueryDto } from './dto/list-query-factory';
import type { ColumnDef, FieldDef, RecordRow, ValueFormat } from './record-fields';
import type { RecordStoreOptions } from './record-store.types';
import type { UnitRecordEntity } from './unit-record.entity';

/** An equality filter on a column with fixed values (status, outcome …). */
export interface EnumFilter {
  name: string;
  label: string;
  values: readonly string[];
}

/** A filter naming the operation or warrant the records hang off. */
export interface ReferenceFilter {
  name: 'operationId' | 'warrantId';
  label: string;
  reference: true;
}

/** One list filter: the API's query parameter, the store's whitelist and the web page's filter, at once. */
export type ListFilter = EnumFilter | ReferenceFilter;

/**
 * Which weekly-return figure a record type feeds, and by which of its dates. FiguresService's SQL
 * is the rule as applied; this says it in data, so docs and tests can check one against the other.
 */
export interface ReturnsFeed {
  /** A key of FIGURE_KEYS (modules/figures/figures.ts). */
  figure: string;
  /** The property whose date puts the record in a week. */
  date: string;
  /** 'count' counts records; otherwise the property summed. */
  counts: 'count' | { sum: string };
  /** A condition a record must meet besides being live and in the week, in words. */
  when?: string;
}

/** Where the record type shows on the home page. */
export interface HomeLinks {
  section: 'A week of action' | 'Records';
  /** Link text (default: the plural label). */
  text?: string;
  /** Whether the home page also offers "Add a …". */
  add?: boolean;
}

/** The web pages: what the generic list, view and form pages of this record type show. */
export interface RecordPagesContent {
  fields: FieldDef[];
  columns: ColumnDef[];
  /** What the record is called on its own page, e.g. "Warrant NE/W/2021/0117". */
  title: (r: RecordRow, f: ValueFormat) => string;
  /** Query keys a "new" link may prefill (e.g. warrantId and operationId from a warrant's page). */
  prefill?: string[];
  /** Labels of the from/to filters on the record's own date (store.dateProperty). */
  dateFilter: { from: string; to: string };
  home: HomeLinks;
}

/** A record type as its module describes it, once. */
export interface RecordTypeInput<T extends UnitRecordEntity = UnitRecordEntity> {
  /** Name in the audit log, e.g. 'safeguarding_visit'. */
  entityType: string;
  /** API path under /api/v1 and the web section: 'safeguarding-visits'. */
  path: string;
  entity: Type<T>;
  /** Further tables and audited things the record type's module owns (an exhibit's custody movements). */
  related?: { entities?: Type<unknown>[]; auditTypes?: { entityType: string; label: string }[] };
  labels: { singular: string; plural: string; /** In the navigation bar, when shorter than the plural. */ nav?: string };
  /** The permissions the record type's routes and pages require: named here and nowhere else. */
  permissions: { read: Permission; write: Permission };
  /** Who may write: officers and supervisors, or supervisors only. Everyone who may write may read. */
  writtenBy: 'officer' | 'supervisor';
  /** The store options (entityType and the filter whitelist come from above). */
  store: Omit<RecordStoreOptions, 'entityType' | 'filterable'>;
  dto: { create: Type<object>; update: Type<{ version: number }> };
  /** List filters besides unitId, from and to (which every record list takes). */
  filters: ListFilter[];
  pages: RecordPagesContent;
  /** The weekly-return figures it feeds; empty when it counts in none. */
  returns: ReturnsFeed[];
}

/** A record type with what is derived from its description. */
export interface RecordTypeDescription<T extends UnitRecordEntity = UnitRecordEntity> extends RecordTypeInput<T> {
  /** The list route's query class, built from `filters`. */
  listQuery: Type<RecordListQueryDto>;
  /** What RecordStore takes: `store` plus the entity type and the filters' whitelist. */
  storeOptions: RecordStoreOptions;
}

const pascal = (s: string) => s.replace(/(^|_)([a-z])/g, (_m, _u, c: string) => c.toUpperCase());

/** Completes a description with what is derived from it: the list query class and the store's options. */
export function defineRecordType<T extends UnitRecordEntity>(input: RecordTypeInput<T>): RecordTypeDescription<T> {
  const filterable = [...(input.store.scopeProperty ? [input.store.scopeProperty] : []), ...input.filters.map((f) => f.name)];
  return {
    ...input,
    listQuery: listQueryDto(`${pascal(input.entityType)}ListQueryDto`, input.filters),
    storeOptions: { ...input.store, entityType: input.entityType, filterable },
  };
}

export const isReferenceFilter = (f: ListFilter): f is ReferenceFilter => 'reference' in f;
