import type { RequestContext } from '../../core/context/request-context';
import { unusableReference } from '../../core/http/field-errors';
import { RecordService } from '../../core/records/record.service';
import { RefusedWrite } from '../../core/records/refused-write';
import type { RecordStore } from '../../core/records/record-store';
import type { OperationsService } from '../operations/operations.service';
import type { WarrantLinkedRecord } from './entities/warrant-linked.entity';
import type { WarrantsService } from './warrants.service';

/**
 * Records that come from a warrant's execution (arrests, exhibits, safeguarding visits) belong to
 * the warrant's operation: naming the warrant fills the operation in, and naming a different
 * operation is refused, so an operation's summary never counts another operation's seizures.
 */
export abstract class WarrantLinkedService<T extends WarrantLinkedRecord> extends RecordService<T> {
  protected constructor(
    store: RecordStore<T>,
    operations: OperationsService,
    private readonly warrants: WarrantsService,
  ) {
    super(store, [
      { field: 'operationId', store: () => operations },
      { field: 'warrantId', store: () => warrants },
    ]);
  }

  // prepare() asks for the named warrant's operation: the warrant is checked before that.
  protected override readonly referencesPrepareReads = ['warrantId'];

  protected override async prepare(ctx: RequestContext, values: Partial<T>, id: string | null): Promise<void> {
    if (values.warrantId === undefined && values.operationId === undefined) return;
    // Scoped: another unit's record reads as absent here, so the update goes on to the store's
    // own 404 (audited, the same answer as for an id that does not exist) instead of a 422.
    const stored = id ? await this.store.storedValues(ctx, id, ['warrantId', 'operationId']) : null;
    if (id && !stored) return;
    const warrantId = values.warrantId !== undefined ? values.warrantId : ((stored?.warrantId as string | null) ?? null);
    if (!warrantId) return;
    const warrantOperation = await this.warrants.operationOf(warrantId);
    if (!warrantOperation) return;
    if (values.operationId === undefined || values.operationId === null) {
      if (values.warrantId !== undefined || values.operationId === null) values.operationId = warrantOperation;
      return;
    }
    if (values.operationId !== warrantOperation) {
      throw new RefusedWrite(
        this.store.refusal(id ? 'update' : 'create', id, 'invalid', { field: 'operationId', reason: "not the warrant's operation" }),
        unusableReference('operationId', "operationId must be the warrant's operation"),
      );
    }
  }
}
