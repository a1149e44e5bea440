import type { RequestContext } from '../context/request-context';
import { ReferenceChangedError } from '../errors/domain-errors';
import { unusableReference } from '../http/field-errors';
import type { UnitRecordEntity } from './unit-record.entity';
import { ListQuery, Page, RecordStore } from './record-store';
import { RefusedWrite } from './refused-write';

/** A field that names another record, which must exist, be live, and be visible to the actor. */
export interface ReferenceRule {
  field: string;
  /** Anything that can say whether an id is live and visible: another module's service or store. */
  store: () => Pick<RecordStore<UnitRecordEntity>, 'isVisible' | 'visibleSql' | 'entityType'>;
}

/**
 * What every case-record service does, on top of the audited store: default the unit to the
 * actor's own, check references are visible, apply cross-field rules on create and update.
 * Subclasses add the record's own rules by overriding check().
 */
export abstract class RecordService<T extends UnitRecordEntity> {
  protected constructor(
    protected readonly store: RecordStore<T>,
    private readonly references: ReferenceRule[] = [],
  ) {}

  async create(ctx: RequestContext, dto: object): Promise<T> {
    const values = { ...(dto as Partial<T>) } as Partial<T>;
    values.unitId ??= ctx.requireActor().unitId;
    const beforePrepare = (rule: ReferenceRule) => this.referencesPrepareReads.includes(rule.field);
    await this.checkReferences(ctx, values, 'create', null, beforePrepare);
    // The other references the caller named are checked by the insert itself: one statement, no
    // round trip of their own (those prepare() fills in come from a record already checked).
    const named = this.references.filter((r) => !beforePrepare(r) && this.referenced(values, r) !== null);
    await this.store.refusing(ctx, () => this.prepare(ctx, values, null));
    this.check(values as T, null);
    const created = await this.store.createIf(
      ctx,
      values,
      named.map((r) => ({ check: r.store(), id: this.referenced(values, r)! })),
    );
    if (created) return created;
    // Not inserted: say which reference is unusable, as the separate checks would have.
    await this.checkReferences(ctx, values, 'create', null, (r) => named.includes(r));
    const refused = this.store.refusal('create', null, 'conflict', { reason: 'a named record changed meanwhile' });
    return this.store.refusing(ctx, () => Promise.reject(new RefusedWrite(refused, new ReferenceChangedError())));
  }

  /** Reference fields prepare() reads: checked before it runs, never inside the insert. */
  protected readonly referencesPrepareReads: readonly string[] = [];

  get(ctx: RequestContext, id: string): Promise<T> {
    return this.store.get(ctx, id);
  }

  list(ctx: RequestContext, q: ListQuery): Promise<Page<T>> {
    return this.store.list(ctx, q);
  }

  async update(ctx: RequestContext, id: string, dto: { version: number }): Promise<T> {
    const { version, ...patch } = dto;
    await this.checkReferences(ctx, patch as Partial<T>, 'update', id);
    await this.store.refusing(ctx, () => this.prepare(ctx, patch as Partial<T>, id));
    return this.store.update(ctx, id, version, patch as Partial<T>, { check: (current, next) => this.check(next, current) });
  }

  void(ctx: RequestContext, id: string, reason: string, version?: number): Promise<T> {
    return this.store.void(ctx, id, reason, version);
  }

  /** Whether the record is live and visible: for other modules' reference checks. */
  isVisible(ctx: RequestContext, id: string) {
    return this.store.isVisible(ctx, id);
  }

  /** The same check as an SQL condition, for another module's insert (see RecordStore.createIf). */
  visibleSql(idSql: string, scopeSql: string): string {
    return this.store.visibleSql(idSql, scopeSql);
  }

  get entityType(): string {
    return this.store.entityType;
  }

  /**
   * Rules that need other rows (run after the reference checks, before the write): may fill in
   * values or throw a 4xx. `id` is null for a create, the record's id for an update.
   */
  protected async prepare(_ctx: RequestContext, _values: Partial<T>, _id: string | null): Promise<void> {}

  /** Cross-field rules over the record as it would be stored; throw a 4xx to refuse. */
  protected check(_next: T, _current: T | null): void {}

  /**
   * Every named reference must be live and visible. A refusal is audited (a reference to another
   * unit's record is a probe as much as a mistake) and answers alike for hidden and absent.
   */
  private async checkReferences(
    ctx: RequestContext,
    values: Partial<T>,
    action: string,
    recordId: string | null,
    which: (rule: ReferenceRule) => boolean = () => true,
  ): Promise<void> {
    for (const rule of this.references) {
      const id = this.referenced(values, rule);
      if (id === null || !which(rule)) continue;
      const found = await rule.store().isVisible(ctx, id);
      if (!found) {
        const refused = this.store.refusal(action, recordId, 'invalid', { field: rule.field, reason: 'reference not usable' });
        await this.store.refusing(ctx, () =>
          Promise.reject(new RefusedWrite(refused, unusableReference(rule.field, `${rule.field} does not name a live record you can see`))),
        );
      }
    }
  }

  private referenced(values: Partial<T>, rule: ReferenceRule): string | null {
    const id = (values as Record<string, unknown>)[rule.field];
    return id === undefined || id === null ? null : String(id);
  }
}
