import { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { RecordStoreOptions } from './record-store.types';

export const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export interface ColumnMap {
  prop: string;
  db: string;
  type: string;
  /** The declared length of a varchar or char column. */
  length?: number;
}

/**
 * How an entity maps onto its table, read from TypeORM's metadata: the description the SQL
 * builder (sql/record-sql.ts) writes RecordStore's statements from, and row ↔ object mapping.
 * The metadata needs no live database (see sql/record-sql.spec.ts), so neither does the builder.
 */
export class RecordTable<T extends ObjectLiteral> {
  readonly meta: EntityMetadata;
  readonly table: string;
  /** Columns that are read back (not hidden). */
  readonly columns: ColumnMap[];
  /** Every column, hidden ones too (they can be written). */
  readonly byProp: Map<string, ColumnMap>;
  /** Columns that may be written but are never read back or shown in a diff. */
  readonly hidden: Set<string>;
  /** The column holding the owning unit, when records are unit-scoped. */
  readonly scope: ColumnMap | null;
  /** Whether the table has voided_at/voided_by/void_reason. */
  readonly voidable: boolean;
  /** Read-only values computed over the row `t` in a get or list, by property. */
  readonly computed: Readonly<Record<string, string>>;
  /** A read with no stated purpose is recorded as being for this column's operation. */
  readonly operationColumn: string | null;
  readonly entityType: string;

  constructor(
    dataSource: DataSource,
    entity: EntityTarget<T>,
    private readonly opts: RecordStoreOptions,
  ) {
    this.meta = dataSource.getMetadata(entity);
    this.table = quote(this.meta.tableName);
    this.hidden = new Set(opts.hidden ?? []);
    const all = this.meta.columns.map((c) => ({
      prop: c.propertyName,
      db: c.databaseName,
      type: this.sqlType(c.type),
      ...(Number(c.length) > 0 ? { length: Number(c.length) } : {}),
    }));
    this.columns = all.filter((c) => !this.hidden.has(c.prop));
    this.byProp = new Map(all.map((c) => [c.prop, c]));
    this.scope = opts.scopeProperty ? this.col(opts.scopeProperty) : null;
    this.voidable = opts.voidable ?? false;
    this.computed = opts.computed ?? {};
    this.entityType = opts.entityType;
    this.operationColumn = (opts.entityType === 'operation' ? 'id' : this.byProp.get('operationId')?.db) ?? null;
  }

  /** A hidden value (a password hash) shows in the audit diff only as having changed. */
  redact(changes: Record<string, [unknown, unknown]>): Record<string, [unknown, unknown]> {
    for (const k of Object.keys(changes)) if (this.hidden.has(k)) changes[k] = ['(hidden)', '(changed)'];
    return changes;
  }

  col(prop: string): ColumnMap {
    const c = this.byProp.get(prop);
    if (!c) throw new Error(`${this.meta.name} has no column ${prop}`);
    return c;
  }

  sqlType(type: unknown): string {
    const t = typeof type === 'function' ? (type as { name: string }).name.toLowerCase() : String(type);
    const map: Record<string, string> = {
      string: 'varchar',
      number: 'integer',
      boolean: 'boolean',
      date: 'timestamptz',
      'timestamp with time zone': 'timestamptz',
      'character varying': 'varchar',
      // Postgres reads a bare ::char as char(1): cast fixed-width text as bpchar, which keeps its length.
      character: 'bpchar',
      char: 'bpchar',
      int: 'integer',
    };
    return map[t] ?? t;
  }

  toParam(v: unknown): unknown {
    if (v instanceof Date) return v.toISOString();
    if (v !== null && typeof v === 'object') return JSON.stringify(v);
    return v;
  }

  hydrate(row: Record<string, unknown>): T {
    const out: Record<string, unknown> = {};
    for (const c of this.columns) if (c.db in row) out[c.prop] = row[c.db];
    for (const prop of Object.keys(this.opts.computed ?? {})) if (`computed:${prop}` in row) out[prop] = row[`computed:${prop}`];
    return out as T;
  }
}
