import { randomUUID } from 'node:crypto';
import { ConflictException, ForbiddenException, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { AUDIT_COLUMN_LIST, AuditEntry, auditParams, auditPlaceholders, auditSelect } from '../audit/audit-entry';
import { scopeParam } from '../auth/unit-scope';
import type { RequestContext } from '../context/request-context';
import { fieldError } from '../http/field-errors';
import { preparedQuery } from '../database/prepared';
import { updateReturning } from '../database/returning';
import { CursorPosition, decodeCursor, encodeCursor } from './cursor';
import { quote, RecordTable } from './record-table';
import { ItemFailure, GroupCommit } from './group-commit';
import { auditingRefusals, RefusedWrite } from './refused-write';
import { diffFields } from './record-diff';

export * from './record-store.types';
import { DEFAULT_PAGE_SIZE, ListQuery, MAX_PAGE_SIZE, Page, RecordStoreOptions, UpdateOptions } from './record-store.types';


/** One create waiting to be group-committed: its column values, the ids it names, its audit fields. */
interface BatchedCreate {
  values: Record<string, unknown>;
  refs: string[];
  scope: string[] | null;
  actor_id: string;
  actor_role: string;
  actor_unit_id: string | null;
  request_id: string | null;
  ip: string | null;
  purpose: string | null;
  changes: Record<string, [unknown, unknown]>;
}

/** A record another must name, to be checked live and visible inside the create (see createIf). */
export interface ReferenceCheck {
  check: Pick<RecordStore<ObjectLiteral>, 'visibleSql' | 'entityType'>;
  id: string;
}

/** One audited read waiting to be group-committed. */
interface BatchedRead {
  id: string;
  scope: string[] | null;
  actor_id: string | null;
  actor_role: string | null;
  actor_unit_id: string | null;
  action: string;
  request_id: string | null;
  ip: string | null;
  purpose: string | null;
}

/**
 * Reads and writes one kind of stored thing, and audits every call in the same statement or
 * transaction: a view, list, create, update or void cannot happen without its audit event, and
 * a read's result is not returned until its event has committed. Unit scope is applied here
 * from the actor, so no caller can forget it.
 */
export class RecordStore<T extends ObjectLiteral> {
  /** How the entity maps onto its table: columns, select lists, row → object. */
  private readonly map: RecordTable<T>;
  private readonly reads = new GroupCommit<BatchedRead, Record<string, unknown>>((reqs) => this.readBatch(reqs));
  /** Group commit for creates, one batcher per shape (the fields sent and the records named). */
  private readonly creates = new Map<string, GroupCommit<BatchedCreate, Record<string, unknown>>>();
  /** The group-commit read statement: the same text for every batch. */
  private readonly readBatchSql: string;

  constructor(
    private readonly dataSource: DataSource,
    entity: EntityTarget<T>,
    private readonly opts: RecordStoreOptions,
  ) {
    this.map = new RecordTable(dataSource, entity, opts);
    this.readBatchSql = this.buildReadBatchSql();
  }

  get entityType(): string {
    return this.opts.entityType;
  }

  /**
   * One record, audited as a view (or `action`); 404 when it does not exist or is outside the
   * actor's units. Concurrent reads are group-committed (see GroupCommit): one statement reads the
   * records and inserts their audit events, and each answer waits for that commit.
   */
  async get(ctx: RequestContext, id: string, action = 'view'): Promise<T> {
    const a = ctx.actor;
    const row = await this.reads.load({
      id,
      scope: this.scope(ctx),
      actor_id: a?.id ?? null,
      actor_role: a?.role ?? null,
      actor_unit_id: a?.unitId ?? null,
      action,
      request_id: ctx.requestId,
      ip: ctx.ip,
      purpose: ctx.purpose,
    });
    if (!row) throw new NotFoundException(`${this.opts.entityType} not found`);
    return this.map.hydrate(row);
  }

  private buildReadBatchSql(): string {
    const scoped = this.opts.scopeProperty ? `AND (r.scope IS NULL OR t.${quote(this.map.col(this.opts.scopeProperty).db)} = ANY(r.scope))` : '';
    const purpose = this.map.purposeSql ? `COALESCE(r.purpose, (SELECT ${this.map.purposeSql} FROM rec WHERE rec."__i" = r.i))` : 'r.purpose';
    return `
      WITH req AS (
        SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(i int, id uuid, scope uuid[], actor_id uuid, actor_role text,
          actor_unit_id uuid, action text, request_id text, ip text, purpose text)
      ),
      rec AS (SELECT r.i AS "__i", ${this.map.readList} FROM req r JOIN ${this.map.table} t ON t."id" = r.id ${scoped}),
      ev AS (
        INSERT INTO audit_events (${AUDIT_COLUMN_LIST})
        SELECT r.actor_id, r.actor_role, r.actor_unit_id, r.action, $2, r.id, r.request_id, r.ip,
               CASE WHEN EXISTS (SELECT 1 FROM rec WHERE rec."__i" = r.i) THEN 'success' ELSE 'not_found' END,
               ${purpose}, NULL, NULL
          FROM req r ORDER BY r.i
      )
      SELECT * FROM rec`;
  }

  private readBatch(reqs: BatchedRead[]): Promise<(Record<string, unknown> | undefined)[]> {
    const sql = this.readBatchSql;
    const payload = JSON.stringify(reqs.map((r, i) => ({ ...r, i })));
    return preparedQuery(this.dataSource, sql, [payload, this.opts.entityType]).then((rows) => {
      const byIndex = new Map(rows.map((row) => [Number(row.__i), row]));
      return reqs.map((_, i) => byIndex.get(i));
    });
  }

  /** A page of records, audited with the filter used and the ids returned. */
  async list(ctx: RequestContext, q: ListQuery): Promise<Page<T>> {
    const params: unknown[] = [this.scope(ctx)];
    const where: string[] = [this.map.scopeSql('$1').replace(/^AND /, '') || 'TRUE'];
    const add = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (this.opts.voidable && !q.includeVoided) where.push('t."voided_at" IS NULL');
    for (const [prop, value] of Object.entries(q.filters ?? {})) {
      if (value === undefined || value === null || value === '') continue;
      if (!(this.opts.filterable ?? []).includes(prop)) throw fieldError(prop, `${prop} is not a filter here`);
      const c = this.map.col(prop);
      where.push(`t.${quote(c.db)} = ${add(value)}::${c.type}`);
    }
    if ((q.from || q.to) && !this.opts.dateProperty) throw fieldError('from', 'this list has no date to filter on');
    if (this.opts.dateProperty) {
      const d = this.map.col(this.opts.dateProperty);
      if (q.from) where.push(`t.${quote(d.db)} >= ${add(q.from)}::${d.type}`);
      if (q.to) where.push(`t.${quote(d.db)} < ${add(q.to)}::${d.type}`);
    }
    const sortProp = q.sort ?? this.opts.defaultSort ?? 'createdAt';
    if (!(this.opts.sortable ?? ['createdAt']).includes(sortProp)) throw fieldError('sort', `cannot sort on ${sortProp}`);
    const s = this.map.col(sortProp);
    const dir = (q.direction ?? this.opts.defaultDirection ?? 'desc') === 'asc' ? 'ASC' : 'DESC';
    const cmp = dir === 'ASC' ? '>' : '<';
    const pos = q.cursor ? decodeCursor(q.cursor, s) : null;
    if (pos) {
      where.push(`(t.${quote(s.db)}, t."id") ${cmp} (${add(pos.v)}::${s.type}, ${add(pos.id)}::uuid)`);
    }
    const limit = Math.min(Math.max(q.limit ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
    const order = `${quote(s.db)} ${dir}, "id" ${dir}`;
    const details = { filter: this.describeQuery(q, sortProp, dir, limit, pos) };
    const idsSql = `COALESCE((SELECT jsonb_agg(p."id" ORDER BY p.${quote(s.db)} ${dir}, p."id" ${dir}) FROM (SELECT * FROM page ORDER BY ${order} LIMIT ${limit}) p), '[]'::jsonb)`;
    const audit = auditSelect(ctx, { action: 'list', entityType: this.opts.entityType, outcome: 'success', details }, params.length, {
      details: (p) => `${p} || jsonb_build_object('ids', ${idsSql})`,
    });
    params.push(...audit.params);
    const sql = `
      WITH page AS (SELECT ${this.map.readList}, t.${quote(s.db)}::text AS __cursor FROM ${this.map.table} t WHERE ${where.join(' AND ')} ORDER BY t.${order.replace(/, "id"/, ', t."id"')} LIMIT ${limit + 1}),
      ev AS (INSERT INTO audit_events (${AUDIT_COLUMN_LIST}) SELECT ${audit.sql})
      SELECT * FROM page ORDER BY ${order}`;
    const rows = await preparedQuery(this.dataSource, sql, params);
    const items = rows.slice(0, limit).map((r) => this.map.hydrate(r));
    let nextCursor: string | null = null;
    if (rows.length > limit) {
      const last = rows[limit - 1];
      // The sort value as Postgres prints it keeps full precision (microseconds), unlike a JS Date.
      nextCursor = encodeCursor({ v: String(last.__cursor), id: String(last.id) });
    }
    return { items, nextCursor };
  }

  /** Inserts a record and its `create` audit event in one statement (inside `em`'s transaction when given). */
  async create(ctx: RequestContext, values: Partial<T>, em?: EntityManager): Promise<T> {
    if (!em && this.map.byProp.has('id')) return (await this.createIf(ctx, values))!;
    await this.createAllowed(ctx, values, em);
    const { cols, params, changes } = this.createValues(ctx, values, false);
    const audit = auditSelect(ctx, { action: 'create', entityType: this.opts.entityType, outcome: 'success', changes }, params.length, {
      entity_id: () => 'rec."id"',
    });
    const sql = `
      WITH rec AS (INSERT INTO ${this.map.table} (${cols.map((c) => quote(c.db)).join(', ')}) VALUES (${cols.map((c, i) => `$${i + 1}::${c.type}`).join(', ')}) RETURNING ${this.map.returnList()}),
      ev AS (INSERT INTO audit_events (${AUDIT_COLUMN_LIST}) SELECT ${audit.sql} FROM rec)
      SELECT * FROM rec`;
    const allParams = [...params, ...audit.params];
    const rows: Record<string, unknown>[] = em ? await em.query(sql, allParams) : await preparedQuery(this.dataSource, sql, allParams);
    return this.map.hydrate(rows[0]);
  }

  /**
   * Creates the record only if every record it names is live and visible to the actor, checked in
   * the insert itself (so the check and the write cannot drift apart, and the check costs no round
   * trip). Null, with nothing written, when one is not. Concurrent creates of the same shape are
   * group-committed like reads (see GroupCommit): one statement inserts every record and its audit
   * event, and each answer waits for that commit. If the statement fails (a duplicate, a value the
   * database refuses), each create is tried again on its own, so one bad request fails alone.
   */
  async createIf(ctx: RequestContext, values: Partial<T>, refs: ReferenceCheck[] = []): Promise<T | null> {
    await this.createAllowed(ctx, values);
    const { cols, json, changes } = this.createValues(ctx, values, true);
    const key = `${cols.map((c) => c.db).join(',')}|${refs.map((r) => r.check.entityType).join(',')}`;
    let batcher = this.creates.get(key);
    if (!batcher) {
      const sql = this.createBatchSql(cols, refs.map((r) => r.check));
      batcher = new GroupCommit<BatchedCreate, Record<string, unknown>>((reqs) => this.createBatch(sql, reqs));
      // Shapes are few (one per set of fields sent); bound the map anyway.
      if (this.creates.size > 200) this.creates.clear();
      this.creates.set(key, batcher);
    }
    const a = ctx.requireActor();
    const row = await batcher.load({
      values: Object.fromEntries(cols.map((c, i) => [c.db, json[i]])),
      refs: refs.map((r) => r.id),
      scope: scopeParam(a),
      actor_id: a.id,
      actor_role: a.role,
      actor_unit_id: a.unitId,
      request_id: ctx.requestId,
      ip: ctx.ip,
      purpose: ctx.purpose,
      changes,
    });
    return row ? this.map.hydrate(row) : null;
  }

  /** The columns and values a create writes (with a new id when `withId`), and its audit diff. */
  private createValues(ctx: RequestContext, values: Partial<T>, withId: boolean) {
    const actor = ctx.requireActor();
    const data: Record<string, unknown> = { ...values, createdBy: actor.id, updatedBy: actor.id };
    const entries = Object.entries(data).filter(([k, v]) => v !== undefined && this.map.byProp.has(k));
    const changes = this.map.redact(diffFields(null, Object.fromEntries(entries)));
    if (withId && data.id === undefined) entries.unshift(['id', randomUUID()]);
    return {
      cols: entries.map(([k]) => this.map.col(k)),
      params: entries.map(([, v]) => this.map.toParam(v)),
      // As JSON for a batch (jsonb values stay objects; jsonb_to_recordset reads each column's type).
      json: entries.map(([, v]) => (v instanceof Date ? v.toISOString() : v)),
      changes,
    };
  }

  /** The statement for one shape's batches: the same text every time, so prepared once per connection. */
  private createBatchSql(cols: { db: string; type: string }[], checks: ReferenceCheck['check'][]): string {
    const defs = [
      '"__i" int',
      ...cols.map((c) => `${quote(c.db)} ${c.type}`),
      '"__scope" uuid[]',
      ...checks.map((_, k) => `"__ref${k}" uuid`),
      '"__actor_id" uuid, "__actor_role" text, "__actor_unit_id" uuid, "__request_id" text, "__ip" text, "__purpose" text, "__changes" jsonb',
    ];
    const where = checks.map((c, k) => c.visibleSql(`i."__ref${k}"`, 'i."__scope"'));
    return `
      WITH input AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(${defs.join(', ')})),
      rec AS (
        INSERT INTO ${this.map.table} (${cols.map((c) => quote(c.db)).join(', ')})
        SELECT ${cols.map((c) => `i.${quote(c.db)}`).join(', ')} FROM input i
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY i."__i"
        RETURNING ${this.map.returnList()}
      ),
      ev AS (
        INSERT INTO audit_events (${AUDIT_COLUMN_LIST})
        SELECT i."__actor_id", i."__actor_role", i."__actor_unit_id", 'create', $2, rec."id", i."__request_id", i."__ip", 'success', i."__purpose", i."__changes", NULL
          FROM rec JOIN input i ON i."id" = rec."id" ORDER BY i."__i"
      )
      SELECT * FROM rec`;
  }

  private async createBatch(sql: string, reqs: BatchedCreate[]): Promise<(Record<string, unknown> | undefined | ItemFailure)[]> {
    const run = async (batch: BatchedCreate[]) => {
      const payload = JSON.stringify(
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
      const rows = await preparedQuery(this.dataSource, sql, [payload, this.opts.entityType]);
      const byId = new Map(rows.map((row) => [String(row.id), row]));
      return batch.map((r) => byId.get(String(r.values.id)));
    };
    try {
      return await run(reqs);
    } catch (e) {
      if (reqs.length === 1) throw e;
      // One statement, so nothing of it was written: each create on its own, to fail alone.
      return Promise.all(reqs.map((r) => run([r]).then((rows) => rows[0], (err: unknown) => new ItemFailure(err))));
    }
  }

  /**
   * Applies `patch` when `version` is still current: a stale version gets 409 and changes nothing.
   * The update and its audit event (with the field diff) commit in one transaction.
   */
  async update(ctx: RequestContext, id: string, version: number, patch: Partial<T>, opts: UpdateOptions<T> = {}): Promise<T> {
    const action = opts.action ?? 'update';
    const actor = ctx.requireActor();
    return this.refusalsAudited(ctx, () => this.dataSource.transaction(async (em) => {
      const current = await this.lockVisible(ctx, em.query.bind(em), id, action);
      if (this.opts.voidable && current.voidedAt) {
        throw new RefusedWrite(this.refusal(action, id, 'conflict'), new ConflictException(`${this.opts.entityType} is voided`));
      }
      if (Number(current.version) !== Number(version)) {
        throw new RefusedWrite(
          this.refusal(action, id, 'conflict', { expectedVersion: version, currentVersion: current.version }),
          new ConflictException({ message: `${this.opts.entityType} was changed by someone else: reload it and try again`, currentVersion: current.version }),
        );
      }
      this.assertUnitAllowed(ctx, patch, action, id);
      opts.check?.(current, { ...current, ...patch });
      const entries = Object.entries(patch).filter(([k, v]) => v !== undefined && this.map.byProp.has(k) && !['id', 'version', 'createdAt', 'createdBy'].includes(k));
      const changes = this.map.redact(diffFields(current as Record<string, unknown>, Object.fromEntries(entries)));
      const params: unknown[] = [id, actor.id];
      const sets = entries.map(([k, v]) => {
        params.push(this.map.toParam(v));
        return `${quote(this.map.col(k).db)} = $${params.length}::${this.map.col(k).type}`;
      });
      sets.push(...(opts.extraSets ?? []), '"version" = "version" + 1', '"updated_at" = now()', '"updated_by" = $2::uuid');
      const rows = await updateReturning(em, `UPDATE ${this.map.table} SET ${sets.join(', ')} WHERE "id" = $1::uuid RETURNING ${this.map.returnList()}`, params);
      await em.query(
        `INSERT INTO audit_events (${AUDIT_COLUMN_LIST}) VALUES (${auditPlaceholders(0)})`,
        auditParams(ctx, { action, entityType: this.opts.entityType, entityId: id, outcome: 'success', changes }),
      );
      return this.map.hydrate(rows[0]);
    }));
  }

  /** Marks a record void with a reason; it stays stored, and drops out of lists and figures. */
  async void(ctx: RequestContext, id: string, reason: string, version?: number, outer?: EntityManager): Promise<T> {
    const actor = ctx.requireActor();
    if (!this.opts.voidable) throw new Error(`${this.opts.entityType} cannot be voided`);
    // Inside a caller's transaction, a refusal goes up to the caller, who audits it after rollback.
    const inTransaction = <R>(work: (em: EntityManager) => Promise<R>) =>
      outer ? work(outer) : this.refusalsAudited(ctx, () => this.dataSource.transaction(work));
    return inTransaction(async (em) => {
      const current = await this.lockVisible(ctx, em.query.bind(em), id, 'void');
      if (current.voidedAt) {
        throw new RefusedWrite(this.refusal('void', id, 'conflict'), new ConflictException(`${this.opts.entityType} is already voided`));
      }
      if (version !== undefined && Number(current.version) !== Number(version)) {
        throw new RefusedWrite(
          this.refusal('void', id, 'conflict', { expectedVersion: version, currentVersion: current.version }),
          new ConflictException({ message: `${this.opts.entityType} was changed by someone else: reload it and try again`, currentVersion: current.version }),
        );
      }
      const rows = await updateReturning(
        em,
        `UPDATE ${this.map.table} SET "voided_at" = now(), "voided_by" = $2::uuid, "void_reason" = $3, "version" = "version" + 1, "updated_at" = now(), "updated_by" = $2::uuid
         WHERE "id" = $1::uuid RETURNING ${this.map.returnList()}`,
        [id, actor.id, reason],
      );
      const after = this.map.hydrate(rows[0]) as Record<string, unknown>;
      const changes = diffFields(current as Record<string, unknown>, {
        voidedAt: after.voidedAt,
        voidedBy: after.voidedBy,
        voidReason: after.voidReason,
      });
      await em.query(
        `INSERT INTO audit_events (${AUDIT_COLUMN_LIST}) VALUES (${auditPlaceholders(0)})`,
        auditParams(ctx, { action: 'void', entityType: this.opts.entityType, entityId: id, outcome: 'success', changes, details: { reason } }),
      );
      return after as T;
    });
  }

  /**
   * Whether a record with this id exists, is not voided and lies within the actor's units:
   * for checking references (a warrant's operationId) before a write. Not audited: it returns
   * nothing of the record.
   */
  async isVisible(ctx: RequestContext, id: string): Promise<{ id: string; unitId: string | null } | null> {
    const unitCol = this.opts.scopeProperty ? `t.${quote(this.map.col(this.opts.scopeProperty).db)}` : 'NULL';
    const rows = await preparedQuery<{ id: string; unit_id: string | null }>(
      this.dataSource,
      `SELECT t."id", ${unitCol} AS unit_id FROM ${this.map.table} t WHERE ${this.visibleWhere('$1', '$2')}`,
      this.opts.scopeProperty ? [id, this.scope(ctx)] : [id],
    );
    return rows[0] ? { id: rows[0].id, unitId: rows[0].unit_id } : null;
  }

  /**
   * isVisible as an SQL condition inside another statement (see createIf): the record `idSql`
   * names is live and, when this table is unit-scoped, in the units `scopeSql` lists (null: all).
   */
  visibleSql(idSql: string, scopeSql: string): string {
    return `EXISTS (SELECT 1 FROM ${this.map.table} t WHERE ${this.visibleWhere(idSql, scopeSql)})`;
  }

  /** Live, and in the listed units when this table is unit-scoped (an unscoped table ignores the list). */
  private visibleWhere(idSql: string, scopeSql: string): string {
    const voided = this.opts.voidable ? 'AND t."voided_at" IS NULL' : '';
    return `t."id" = ${idSql}::uuid ${voided} ${this.opts.scopeProperty ? this.map.scopeSql(scopeSql) : ''}`;
  }

  /**
   * A few stored values of a record, for consistency checks before a write (not a read for the
   * user: nothing of it is returned to them, so it is not audited). Null when there is no such
   * row, or when it lies outside the actor's units: a rule that reads a record the caller cannot
   * see would answer differently for it than for an absent id, and so tell them it exists. Only
   * `null` for `ctx` reads unscoped, for a link the caller's own visible record already names.
   */
  async storedValues(ctx: RequestContext | null, id: string, props: string[]): Promise<Record<string, unknown> | null> {
    const cols = props.map((p) => `t.${quote(this.map.col(p).db)} AS ${quote(p)}`).join(', ');
    const scoped = ctx !== null && Boolean(this.opts.scopeProperty);
    const rows = await preparedQuery(
      this.dataSource,
      `SELECT ${cols} FROM ${this.map.table} t WHERE t."id" = $1::uuid ${scoped ? this.map.scopeSql('$2') : ''}`,
      scoped ? [id, this.scope(ctx!)] : [id],
    );
    return rows[0] ?? null;
  }

  // ---- internals ----


  private async lockVisible(ctx: RequestContext, query: (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>, id: string, action: string): Promise<T> {
    const rows = await query(
      `SELECT ${this.map.selectList} FROM ${this.map.table} t WHERE t."id" = $1::uuid ${this.map.scopeSql('$2')} FOR UPDATE`,
      [id, this.scope(ctx)],
    );
    if (rows.length === 0) throw new RefusedWrite(this.refusal(action, id, 'not_found'), new NotFoundException(`${this.opts.entityType} not found`));
    return this.map.hydrate(rows[0]);
  }

  /**
   * Runs a check before a write (a service's rule that needs other rows); a RefusedWrite from it
   * is put on record, then answered, exactly as the store's own refusals are.
   */
  refusing<R>(ctx: RequestContext, work: () => Promise<R>): Promise<R> {
    return this.refusalsAudited(ctx, work);
  }

  /** The audit entry for a refused write of this record type. */
  refusal(action: string, id: string | null, outcome: AuditEntry['outcome'], details?: Record<string, unknown>): AuditEntry {
    return { action, entityType: this.opts.entityType, entityId: id, outcome, details: details ?? null };
  }

  /** Runs a write transaction; a refusal from it is put on record after the rollback. */
  private refusalsAudited<R>(ctx: RequestContext, work: () => Promise<R>): Promise<R> {
    return auditingRefusals(
      (entry) => this.dataSource.query(`INSERT INTO audit_events (${AUDIT_COLUMN_LIST}) VALUES (${auditPlaceholders(0)})`, auditParams(ctx, entry)).then(() => undefined),
      work,
    );
  }


  /**
   * The unit check for a create. Inside a caller's transaction the refusal goes up to the caller,
   * who audits it after the rollback (as with void); otherwise it is audited here.
   */
  private async createAllowed(ctx: RequestContext, values: Partial<T>, em?: EntityManager): Promise<void> {
    if (em) return this.assertUnitAllowed(ctx, values, 'create', null);
    await this.refusalsAudited(ctx, async () => this.assertUnitAllowed(ctx, values, 'create', null));
  }

  /** A write naming a unit outside the actor's is refused (403), and the refusal goes on record. */
  private assertUnitAllowed(ctx: RequestContext, values: Partial<T>, action: string, id: string | null): void {
    if (!this.opts.scopeProperty) return;
    const unitId = (values as Record<string, unknown>)[this.opts.scopeProperty];
    if (unitId === undefined) return;
    const scope = this.scope(ctx);
    if (scope !== null && !scope.includes(String(unitId))) {
      throw new RefusedWrite(
        this.refusal(action, id, 'denied', { reason: 'unit outside your scope', [this.opts.scopeProperty]: unitId }),
        new ForbiddenException(`you may not write records of unit ${String(unitId)}`),
      );
    }
  }

  private scope(ctx: RequestContext): string[] | null {
    if (!this.opts.scopeProperty) return null;
    return scopeParam(ctx.requireActor());
  }





  /** What the list's audit event records of its query: the cursor only as its checked position. */
  private describeQuery(q: ListQuery, sort: string, dir: string, limit: number, pos: CursorPosition | null): Record<string, unknown> {
    const f: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(q.filters ?? {})) if (v !== undefined && v !== null && v !== '') f[k] = v;
    if (q.from) f.from = q.from;
    if (q.to) f.to = q.to;
    if (q.includeVoided) f.includeVoided = true;
    if (pos) f.after = { [sort]: pos.v, id: pos.id };
    return { ...f, sort, direction: dir.toLowerCase(), limit };
  }

}
