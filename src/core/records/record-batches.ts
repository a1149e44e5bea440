import type { DataSource } from 'typeorm';
import { preparedQuery } from '../database/prepared';
import { GroupCommit, ItemFailure } from './group-commit';
import type { ColumnMap, RecordTable } from './record-table';
import { createBatchStatement, Prepared, readBatchStatement, VisibleCheck } from './sql/record-sql';

type Row = Record<string, unknown>;

/** Who asks, for the audit event a batched read or create inserts. */
export interface BatchedAudit {
  actor_id: string | null;
  actor_role: string | null;
  actor_unit_id: string | null;
  request_id: string | null;
  ip: string | null;
  purpose: string | null;
}

/** One audited read waiting to be group-committed (the keys readBatchStatement's JSON reads). */
export interface BatchedRead extends BatchedAudit {
  id: string;
  scope: string[] | null;
  action: string;
}

/**
 * The group-committed audited reads of one store: concurrent get()s are answered by one
 * statement that reads the records and inserts their audit events (see GroupCommit). Its text
 * is the same for every batch, so it is prepared once per connection.
 */
export class ReadBatcher {
  private readonly statement: Prepared<{ batch: string }>;
  private readonly reads = new GroupCommit<BatchedRead, Row>((reqs) => this.run(reqs));

  constructor(
    private readonly dataSource: DataSource,
    table: RecordTable<object>,
  ) {
    this.statement = readBatchStatement(table);
  }

  /** The record's row when it exists and is in scope, once its audit event has committed. */
  load(req: BatchedRead): Promise<Row | undefined> {
    return this.reads.load(req);
  }

  private async run(reqs: BatchedRead[]): Promise<(Row | undefined)[]> {
    const batch = JSON.stringify(reqs.map((r, i) => ({ ...r, i })));
    const rows = await preparedQuery(this.dataSource, this.statement.text, this.statement.params({ batch }));
    const byIndex = new Map(rows.map((row) => [Number(row.__i), row]));
    return reqs.map((_, i) => byIndex.get(i));
  }
}

/** One create waiting to be group-committed: its column values, the ids it names, its audit fields. */
export interface BatchedCreate extends BatchedAudit {
  /** Column values by database name, as JSON values; `id` is always set. */
  values: Record<string, unknown>;
  /** The ids the shape's checks test, in order. */
  refs: string[];
  scope: string[] | null;
  changes: Record<string, [unknown, unknown]>;
}

/**
 * The group-committed creates of one store, one batcher per shape (the columns sent and the
 * records named), each with its statement built once. If a batch's statement fails (a
 * duplicate, a value the database refuses), each create is tried again on its own, so one bad
 * request fails alone.
 */
export class CreateBatchers {
  private readonly shapes = new Map<string, GroupCommit<BatchedCreate, Row>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly table: RecordTable<object>,
  ) {}

  /** The inserted row, or undefined when a named record was not usable (nothing written). */
  load(cols: ColumnMap[], checks: (VisibleCheck & { entityType: string })[], req: BatchedCreate): Promise<Row | undefined> {
    const key = `${cols.map((c) => c.db).join(',')}|${checks.map((c) => c.entityType).join(',')}`;
    let batcher = this.shapes.get(key);
    if (!batcher) {
      const statement = createBatchStatement(this.table, cols, checks);
      batcher = new GroupCommit<BatchedCreate, Row>((reqs) => this.run(statement, reqs));
      // Shapes are few (one per set of fields sent); bound the map anyway.
      if (this.shapes.size > 200) this.shapes.clear();
      this.shapes.set(key, batcher);
    }
    return batcher.load(req);
  }

  private async run(statement: Prepared<{ batch: string }>, reqs: BatchedCreate[]): Promise<(Row | undefined | ItemFailure)[]> {
    const once = async (batch: BatchedCreate[]) => {
      const json = JSON.stringify(
        batch.map((r, i) => ({
          ...r.values,
          ...Object.fromEntries(r.refs.map((id, k) => [`__ref${k}`, id])),
          __i: i,
          __scope: r.scope,
          __actor_id: r.actor_id,
          __actor_role: r.actor_role,
          __actor_unit_id: r.actor_unit_id,
          __request_id: r.request_id,
          __ip: r.ip,
          __purpose: r.purpose,
          __changes: r.changes,
        })),
      );
      const rows = await preparedQuery(this.dataSource, statement.text, statement.params({ batch: json }));
      const byId = new Map(rows.map((row) => [String(row.id), row]));
      return batch.map((r) => byId.get(String(r.values.id)));
    };
    try {
      return await once(reqs);
    } catch (e) {
      if (reqs.length === 1) throw e;
      // One statement, so nothing of it was written: each create on its own, to fail alone.
      return Promise.all(
        reqs.map((r) =>
          once([r]).then(
            (rows) => rows[0],
            (err: unknown) => new ItemFailure(err),
          ),
        ),
      );
    }
  }
}
