import { randomUUID } from 'node:crypto';
import { ForbiddenException } from '@nestjs/common';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { AUDIT_INSERT_SQL, AuditEntry, auditParams } from '../audit/audit-entry';
import { scopeParam } from '../auth/unit-scope';
import type { RequestContext } from '../context/request-context';
import { preparedQuery } from '../database/prepared';
import { asDomainError, NotFoundInScopeError, StaleVersionError, VoidedRecordError } from '../errors/domain-errors';
import { updateReturning } from '../database/returning';
import { encodeCursor } from './cursor';
import { RecordTable } from './record-table';
import { CreateBatchers, ReadBatcher } from './record-batches';
import { listAuditDetails, planList } from './record-list';
import { auditingRefusals, RefusedWrite } from './refused-write';
import { diffFields } from './record-diff';
import * as sql from './sql/record-sql';

export * from './record-store.types';
import { ListQuery, Page, RecordStoreOptions, UpdateOptions } from './record-store.types';

/** A record another must name, to be checked live and visible inside the create (see createIf). */
export interface ReferenceCheck {
  check: Pick<RecordStore<ObjectLiteral>, 'visibleSql' | 'entityType'>;
  id: string;
}

type Row = Record<string, unknown>;

/** A unique violation leaves the store as a DuplicateError, so no caller matches Postgres codes. */
function rethrowAsDomainError(e: unknown): never {
  throw asDomainError(e);
}

/**
 * Reads and writes one kind of stored thing, and audits every call in the same statement or
 * transaction: a view, list, create, update or void cannot happen without its audit event, and
 * a read's result is not returned until its event has committed. Unit scope is applied here
 * from the actor, so no caller can forget it. The statements come from sql/record-sql.ts (their
 * texts are in docs/sql/); concurrent reads and creates are group-committed (record-batches.ts).
 */
export class RecordStore<T extends ObjectLiteral> {
  /** How the entity maps onto its table: columns, scope, row → object. */
  private readonly map: RecordTable<T>;
  private readonly reads: ReadBatcher;
  private readonly creates: CreateBatchers;
  /** The statements whose text never changes, built once. */
  private readonly lockSql: sql.Prepared<{ id: string; scope: string[] | null }>;
  private readonly visibleStatement: sql.Prepared<{ id: string; scope: string[] | null }>;
  private readonly voidSql: sql.Prepared<{ id: string; actorId: string; reason: string }>;

  constructor(
    private readonly dataSource: DataSource,
    entity: EntityTarget<T>,
    private readonly opts: RecordStoreOptions,
  ) {
    this.map = new RecordTable(dataSource, entity, opts);
    this.reads = new ReadBatcher(dataSource, this.map);
    this.creates = new CreateBatchers(dataSource, this.map);
    this.lockSql = sql.lockVisibleStatement(this.map);
    this.visibleStatement = sql.isVisibleStatement(this.map);
    this.voidSql = sql.voidStatement(this.map);
  }

  get entityType(): string {
    return this.opts.entityType;
  }

  /**
   * One record, audited as a view (or `action`); 404 when it does not exist or is outside the
   * actor's units. Concurrent reads are group-committed: one statement reads the records and
   * inserts their audit events, and each answer waits for that commit.
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
    if (!row) throw new NotFoundInScopeError(this.opts.entityType);
    return this.map.hydrate(row);
  }

  /** A page of records, audited with the filter used and the ids returned. */
  async list(ctx: RequestContext, q: ListQuery): Promise<Page<T>> {
    const plan = planList(this.map, this.opts, q, this.scope(ctx));
    const details = listAuditDetails(q, plan);
    const audit = auditParams(ctx, { action: 'list', entityType: this.opts.entityType, outcome: 'success', details });
    const statement = sql.listStatement(this.map, { ...plan, audit });
    const rows = await preparedQuery(this.dataSource, statement.text, statement.params);
    const items = rows.slice(0, plan.limit).map((r) => this.map.hydrate(r));
    let nextCursor: string | null = null;
    if (rows.length > plan.limit) {
      const last = rows[plan.limit - 1];
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
    const audit = auditParams(ctx, { action: 'create', entityType: this.opts.entityType, outcome: 'success', changes });
    const statement = sql.createStatement(this.map, cols, params, audit);
    const run = em ? em.query(statement.text, statement.params) : preparedQuery(this.dataSource, statement.text, statement.params);
    const rows: Row[] = await run.catch(rethrowAsDomainError);
    return this.map.hydrate(rows[0]);
  }

  /**
   * Creates the record only if every record it names is live and visible to the actor, checked in
   * the insert itself (so the check and the write cannot drift apart, and the check costs no round
   * trip). Null, with nothing written, when one is not. Concurrent creates of the same shape are
   * group-committed like reads: one statement inserts every record and its audit event, and each
   * answer waits for that commit. If the statement fails (a duplicate, a value the database
   * refuses), each create is tried again on its own, so one bad request fails alone.
   */
  async createIf(ctx: RequestContext, values: Partial<T>, refs: ReferenceCheck[] = []): Promise<T | null> {
    await this.createAllowed(ctx, values);
    const { cols, json, changes } = this.createValues(ctx, values, true);
    const a = ctx.requireActor();
    const row = await this.creates
      .load(
        cols,
        refs.map((r) => r.check),
        {
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
        },
      )
      .catch(rethrowAsDomainError);
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

  /**
   * Applies `patch` when `version` is still current: a stale version gets 409 and changes nothing.
   * The update and its audit event (with the field diff) commit in one transaction.
   */
  async update(ctx: RequestContext, id: string, version: number, patch: Partial<T>, opts: UpdateOptions<T> = {}): Promise<T> {
    const action = opts.action ?? 'update';
    const actor = ctx.requireActor();
    return this.refusalsAudited(ctx, () =>
      this.dataSource.transaction(async (em) => {
        const current = await this.lockVisible(ctx, em, id, action);
        if (this.opts.voidable && current.voidedAt) {
          throw new RefusedWrite(this.refusal(action, id, 'conflict'), new VoidedRecordError(`${this.opts.entityType} is voided`));
        }
        this.assertVersion(action, id, version, current);
        this.assertUnitAllowed(ctx, patch, action, id);
        opts.check?.(current, { ...current, ...patch });
        const entries = Object.entries(patch).filter(
          ([k, v]) => v !== undefined && this.map.byProp.has(k) && !['id', 'version', 'createdAt', 'createdBy'].includes(k),
        );
        const changes = this.map.redact(diffFields(current as Row, Object.fromEntries(entries)));
        const sets = entries.map(([k, v]) => ({ col: this.map.col(k), value: this.map.toParam(v) }));
        const statement = sql.updateStatement(this.map, id, actor.id, sets, opts.extraSets);
        const rows = await updateReturning(em, statement.text, statement.params);
        await em.query(AUDIT_INSERT_SQL, auditParams(ctx, { action, entityType: this.opts.entityType, entityId: id, outcome: 'success', changes }));
        return this.map.hydrate(rows[0]);
      }),
    ).catch(rethrowAsDomainError);
  }

  /** Marks a record void with a reason; it stays stored, and drops out of lists and figures. */
  async void(ctx: RequestContext, id: string, reason: string, version?: number, outer?: EntityManager): Promise<T> {
    const actor = ctx.requireActor();
    if (!this.opts.voidable) throw new Error(`${this.opts.entityType} cannot be voided`);
    // Inside a caller's transaction, a refusal goes up to the caller, who audits it after rollback.
    const inTransaction = <R>(work: (em: EntityManager) => Promise<R>) =>
      outer ? work(outer) : this.refusalsAudited(ctx, () => this.dataSource.transaction(work));
    return inTransaction(async (em) => {
      const current = await this.lockVisible(ctx, em, id, 'void');
      if (current.voidedAt) {
        throw new RefusedWrite(this.refusal('void', id, 'conflict'), new VoidedRecordError(`${this.opts.entityType} is already voided`));
      }
      if (version !== undefined) this.assertVersion('void', id, version, current);
      const rows = await updateReturning(em, this.voidSql.text, this.voidSql.params({ id, actorId: actor.id, reason }));
      const after = this.map.hydrate(rows[0]) as Row;
      const changes = diffFields(current as Row, { voidedAt: after.voidedAt, voidedBy: after.voidedBy, voidReason: after.voidReason });
      await em.query(
        AUDIT_INSERT_SQL,
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
    const s = this.visibleStatement;
    const rows = await preparedQuery<{ id: string; unit_id: string | null }>(this.dataSource, s.text, s.params({ id, scope: this.scope(ctx) }));
    return rows[0] ? { id: rows[0].id, unitId: rows[0].unit_id } : null;
  }

  /**
   * isVisible as an SQL condition inside another statement (see createIf): the record `idSql`
   * names is live and, when this table is unit-scoped, in the units `scopeSql` lists (null: all).
   */
  visibleSql(idSql: string, scopeSql: string): string {
    return sql.visibleSql(this.map, idSql, scopeSql);
  }

  /**
   * A few stored values of a record, for consistency checks before a write (not a read for the
   * user: nothing of it is returned to them, so it is not audited). Null when there is no such
   * row, or when it lies outside the actor's units: a rule that reads a record the caller cannot
   * see would answer differently for it than for an absent id, and so tell them it exists. Only
   * `null` for `ctx` reads unscoped, for a link the caller's own visible record already names.
   */
  async storedValues(ctx: RequestContext | null, id: string, props: string[]): Promise<Row | null> {
    const s = sql.storedValuesStatement(this.map, props);
    const rows = await preparedQuery(this.dataSource, s.text, s.params({ id, scope: ctx ? this.scope(ctx) : null }));
    return rows[0] ?? null;
  }

  // ---- internals ----

  /** The record, locked, when it is in the actor's units; refused as not found otherwise. */
  private async lockVisible(ctx: RequestContext, em: EntityManager, id: string, action: string): Promise<T> {
    const rows: Row[] = await em.query(this.lockSql.text, this.lockSql.params({ id, scope: this.scope(ctx) }));
    if (rows.length === 0) throw new RefusedWrite(this.refusal(action, id, 'not_found'), new NotFoundInScopeError(this.opts.entityType));
    return this.map.hydrate(rows[0]);
  }

  /** A write names the version it read; another write since then refuses it (409). */
  private assertVersion(action: string, id: string, version: number, current: T): void {
    if (Number(current.version) === Number(version)) return;
    throw new RefusedWrite(
      this.refusal(action, id, 'conflict', { expectedVersion: version, currentVersion: current.version }),
      new StaleVersionError(this.opts.entityType, current.version),
    );
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
    return auditingRefusals((entry) => this.dataSource.query(AUDIT_INSERT_SQL, auditParams(ctx, entry)).then(() => undefined), work);
  }

  /**
   * The unit check for a create. Inside a caller's transaction the refusal goes up to the caller,
   * who audits it after the rollback (as with void); otherwise it is audited here.
   */
  private async createAllowed(ctx: RequestContext, values: Partial<T>, em?: EntityManager): Promise<void> {
    if (em) return this.assertUnitAllowed(ctx, values, 'create', null);
    await this.refusalsAudited(ctx, async () => this.assertUnitAllowed(ctx, values, 'create', null));
  }

  /**
   * The one place that checks the unit a write names: a create or update may only name a unit
   * within the actor's scope; a refusal (403) goes on record.
   */
  private assertUnitAllowed(ctx: RequestContext, values: Partial<T>, action: string, id: string | null): void {
    if (!this.opts.scopeProperty) return;
    const unitId = (values as Row)[this.opts.scopeProperty];
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
}
