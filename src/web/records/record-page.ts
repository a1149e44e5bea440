import type { Type } from '@nestjs/common';
import type { Permission } from '../../core/auth/permissions';
import type { RecordListQueryDto } from '../../core/records/dto/record-list-query.dto';
import type { ColumnDef, ValueFormat } from '../../core/records/record-fields';
import { isReferenceFilter, RecordTypeDescription } from '../../core/records/record-type';
import type { FieldDef, Option } from '../forms/form-fields';
import { formatDate, formatDateTime } from '../forms/london-time';
import { humanise } from '../render/nunjucks-env';

export type Row = Record<string, unknown>;

export interface Column {
  header: string;
  value: (r: Row) => string;
  /** The column that links to the record's page. */
  link?: boolean;
  numeric?: boolean;
}

/** Everything the generic record pages need to know about one record type. */
export interface RecordPageDef {
  /** URL segment, also the API's: 'warrants'. */
  path: string;
  /** Audit log entity type, for the auditor's access-history link. */
  entityType: string;
  singular: string;
  plural: string;
  read: Permission;
  write: Permission;
  createDto: Type<object>;
  updateDto: Type<{ version: number }>;
  listQuery: Type<RecordListQueryDto>;
  fields: FieldDef[];
  /** List filters; their names are the list query's keys (status, operationId, from, to …). */
  filters: FieldDef[];
  columns: Column[];
  /** What the record is called on its own page, e.g. "Warrant NE/W/2021/0117". */
  title: (r: Row) => string;
  /** Query keys a "new" link may prefill (e.g. warrantId and operationId from a warrant's page). */
  prefill?: string[];
}

export const options = (values: readonly string[]): Option[] => values.map((v) => ({ value: v, text: humanise(v) }));

/** A field's stored value as a person reads it on the record's page. */
export function displayValue(f: FieldDef, value: unknown, choices: Record<string, Option[]> = {}): string {
  if (value === null || value === undefined || value === '') return '';
  if (f.kind === 'datetime') return formatDateTime(value as string | Date);
  if (f.kind === 'date') return formatDate(value as string);
  if (f.kind === 'select' || f.kind === 'radios') {
    const o = (choices[f.name] ?? f.options ?? []).find((x) => x.value === String(value));
    return o ? o.text : humanise(value);
  }
  return String(value);
}

export const dateCol = (header: string, key: string): Column => ({ header, value: (r) => formatDateTime(r[key] as Date | null) });
export const textCol = (header: string, key: string, link = false): Column => ({ header, value: (r) => String(r[key] ?? ''), link });
export const enumCol = (header: string, key: string): Column => ({ header, value: (r) => humanise(r[key]) });

const DATE_FILTER_HINT = 'For example, 2021-03-01';
export const fromFilter = (label = 'From'): FieldDef => ({ name: 'from', label, kind: 'text', hint: DATE_FILTER_HINT, classes: 'govuk-input--width-10' });
export const toFilter = (label = 'Before'): FieldDef => ({ name: 'to', label, kind: 'text', hint: DATE_FILTER_HINT, classes: 'govuk-input--width-10' });

/** How titles format values on the web: London dates, enum values in words. */
export const WEB_FORMAT: ValueFormat = {
  date: (v) => formatDate(v as Date | string | null),
  dateTime: (v) => formatDateTime(v as Date | string | null),
  words: (v) => humanise(v),
};

/** A list column as its description says it. */
export function column(c: ColumnDef): Column {
  const show = (r: Row): string => {
    const v = r[c.key];
    if (c.empty !== undefined && (v === null || v === undefined || v === '')) return c.empty;
    switch (c.format ?? 'text') {
      case 'date':
        return formatDate(v as string);
      case 'datetime':
        return formatDateTime(v as Date | null);
      case 'enum':
        return humanise(v);
      case 'number':
        return String(v ?? 0);
      default:
        return String(v ?? '');
    }
  };
  return { header: c.header, value: show, link: c.link, numeric: c.numeric };
}

const withOptions = (f: FieldDef): FieldDef => (f.values && !f.options ? { ...f, options: options(f.values) } : f);

/** The generic record pages' definition, from the record type's description. */
export function recordPageDef(d: RecordTypeDescription): RecordPageDef {
  const p = d.pages;
  const filters: FieldDef[] = d.filters.map((f) =>
    isReferenceFilter(f) ? { name: f.name, label: f.label, kind: 'select' } : { name: f.name, label: f.label, kind: 'select', options: options(f.values) },
  );
  return {
    path: d.path,
    entityType: d.entityType,
    singular: d.labels.singular,
    plural: d.labels.plural,
    read: d.permissions.read,
    write: d.permissions.write,
    createDto: d.dto.create,
    updateDto: d.dto.update,
    listQuery: d.listQuery,
    fields: p.fields.map(withOptions),
    filters: [...filters, fromFilter(p.dateFilter.from), toFilter(p.dateFilter.to)],
    columns: p.columns.map(column),
    title: (r) => p.title(r, WEB_FORMAT),
    prefill: p.prefill,
  };
}
