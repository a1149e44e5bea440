import type { RequestContext } from '../context/request-context';
import { unusableReference } from '../http/field-errors';
import type { UnitRecordEntity } from './unit-record.entity';
import { ListQuery, Page, RecordStore } from './record-store';

/** A field that names another record, which must exist, be live, and be visible to the actor. */
export interface ReferenceRule {
  field: string;
  /** Anything that can say whether an id is live and visible: another module's service or store. */
  store: () => Pick<RecordStore<UnitRecordEntity>, 'isVisible'>;
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
    await this.checkReferences(ctx, values);
    await this.prepare(ctx, values, null);
    this.check(values as T, null);
    return this.store.create(ctx, values);
  }

  get(ctx: RequestContext, id: string): Promise<T> {
    return this.store.get(ctx, id);
  }

  list(ctx: RequestContext, q: ListQuery): Promise<Page<T>> {
    return this.store.list(ctx, q);
  }

  async update(ctx: RequestContext, id: string, dto: { version: number }): Promise<T> {
    const { version, ...patch } = dto;
    await this.checkReferences(ctx, patch as Partial<T>);
    await this.prepare(ctx, patch as Partial<T>, id);
    return this.store.update(ctx, id, version, patch as Partial<T>, { check: (current, next) => this.check(next, current) });
  }

  void(ctx: RequestContext, id: string, reason: string, version?: number): Promise<T> {
    return this.store.void(ctx, id, reason, version);
  }

  /** Whether the record is live and visible: for other modules' reference checks. */
  isVisible(ctx: RequestContext, id: string) {
    return this.store.isVisible(ctx, id);
  }

  /**
   * Rules that need other rows (run after the reference checks, before the write): may fill in
   * values or throw a 4xx. `id` is null for a create, the record's id for an update.
   */
  protected async prepare(_ctx: RequestContext, _values: Partial<T>, _id: string | null): Promise<void> {}

  /** Cross-field rules over the record as it would be stored; throw a 4xx to refuse. */
  protected check(_next: T, _current: T | null): void {}

  private async checkReferences(ctx: RequestContext, values: Partial<T>): Promise<void> {
    for (const rule of this.references) {
      const id = (values as Record<string, unknown>)[rule.field];
      if (id === undefined || id === null) continue;
      const found = await rule.store().isVisible(ctx, String(id));
      if (!found) throw unusableReference(rule.field, `${rule.field} does not name a live record you can see`);
    }
  }
}
