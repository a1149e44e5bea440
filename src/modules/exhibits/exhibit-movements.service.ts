import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuditEntry, AuditOutcome } from '../../core/audit/audit-entry';
import { AuditService } from '../../core/audit/audit.service';
import type { RequestContext } from '../../core/context/request-context';
import { NotFoundInScopeError, VoidedRecordError } from '../../core/errors/domain-errors';
import { fieldError } from '../../core/http/field-errors';
import type { PageQueryDto } from '../../core/records/dto/page-query.dto';
import { Page, RecordStore, RecordStoreOptions } from '../../core/records/record-store';
import { auditingRefusals, RefusedWrite } from '../../core/records/refused-write';
import type { CreateMovementDto } from './dto/exhibit-movement.dto';
import { ExhibitMovement } from './entities/exhibit-movement.entity';
import { CustodyHolder, ExhibitsService } from './exhibits.service';

const ENTITY_TYPE = 'exhibit_movement';

/** How the store reads and writes ExhibitMovement records (also read by the SQL snapshots, docs/sql/). */
export const EXHIBIT_MOVEMENT_STORE: RecordStoreOptions = {
  entityType: ENTITY_TYPE,
  scopeProperty: 'unitId',
  voidable: true,
  filterable: ['exhibitId'],
  sortable: ['movedAt', 'createdAt'],
  defaultSort: 'movedAt',
  defaultDirection: 'asc',
};

/**
 * An exhibit's chain of custody: append-only steps that must join up (each starts where the
 * last one ended). Movements take the exhibit's unit, so the store's unit scope covers them.
 */
@Injectable()
export class ExhibitMovementsService {
  private readonly store: RecordStore<ExhibitMovement>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly exhibits: ExhibitsService,
    private readonly audit: AuditService,
  ) {
    this.store = new RecordStore(dataSource, ExhibitMovement, EXHIBIT_MOVEMENT_STORE);
  }

  create(ctx: RequestContext, exhibitId: string, dto: CreateMovementDto): Promise<ExhibitMovement> {
    return this.holdingExhibit(ctx, exhibitId, async (em) => {
      const exhibit = await this.liveHolder(ctx, exhibitId, 'create', null, em);
      const latest = await this.exhibits.latestMovement(exhibitId, em);
      const movedAt = new Date(dto.movedAt);
      // These refusals are audited (repeated tries would otherwise find the stored times unseen),
      // and never quote the stored time: the caller reads it, audited, from the exhibit itself.
      if (movedAt < exhibit.seizedAt) {
        throw new RefusedWrite(
          this.refusal('create', null, 'invalid', { exhibitId, rule: 'before seizure' }),
          fieldError('movedAt', 'movedAt must not be before the exhibit was seized'),
        );
      }
      // Out of order, it would not become the latest step and the chain would fork.
      if (latest && movedAt < latest.movedAt) {
        throw new RefusedWrite(
          this.refusal('create', null, 'invalid', { exhibitId, rule: 'before latest movement' }),
          fieldError('movedAt', "movedAt must not be before the exhibit's latest movement"),
        );
      }
      if (latest && dto.fromLocation !== latest.toLocation) {
        throw new RefusedWrite(
          this.refusal('create', null, 'conflict', { exhibitId, currentLocation: latest.toLocation }),
          new ConflictException({
            message: `fromLocation must be the exhibit's current location ("${latest.toLocation}"): a chain of custody has no gaps`,
            currentLocation: latest.toLocation,
          }),
        );
      }
      return this.store.create(ctx, { ...dto, movedAt, exhibitId, unitId: exhibit.unitId }, em);
    });
  }

  /** The chain, oldest first; readable for a voided exhibit too (its history stands). */
  async list(ctx: RequestContext, exhibitId: string, q: PageQueryDto): Promise<Page<ExhibitMovement>> {
    if (!(await this.exhibits.custodyHolder(ctx, exhibitId))) {
      await this.audit.write(ctx, this.refusal('list', null, 'not_found', { exhibitId }));
      throw new NotFoundException('exhibit not found');
    }
    return this.store.list(ctx, { ...q.toListQuery(), filters: { exhibitId } });
  }

  /** Only the latest live step may be voided, so what remains is still a continuous chain. */
  void(ctx: RequestContext, exhibitId: string, movementId: string, reason: string, version?: number): Promise<ExhibitMovement> {
    return this.holdingExhibit(ctx, exhibitId, async (em) => {
      await this.liveHolder(ctx, exhibitId, 'void', movementId, em);
      const movement = await em.getRepository(ExhibitMovement).findOne({
        select: { id: true, voidedAt: true },
        where: { id: movementId, exhibitId },
      });
      if (!movement) throw this.notFound('void', movementId, exhibitId, ENTITY_TYPE);
      const latest = await this.exhibits.latestMovement(exhibitId, em);
      if (!movement.voidedAt && latest && latest.id !== movementId) {
        throw new RefusedWrite(
          this.refusal('void', movementId, 'conflict', { exhibitId, latestMovementId: latest.id }),
          new ConflictException('only the latest movement may be voided: void the later ones first, so the chain stays continuous'),
        );
      }
      return this.store.void(ctx, movementId, reason, version, em);
    });
  }

  /** The exhibit for a custody write: 404 outside the actor's units, 409 once it is voided. */
  private async liveHolder(ctx: RequestContext, exhibitId: string, action: string, movementId: string | null, em: EntityManager): Promise<CustodyHolder> {
    const exhibit = await this.exhibits.custodyHolder(ctx, exhibitId, em);
    if (!exhibit) throw this.notFound(action, movementId, exhibitId);
    if (exhibit.voidedAt) {
      throw new RefusedWrite(
        this.refusal(action, movementId, 'conflict', { exhibitId, exhibitVoided: true }),
        new VoidedRecordError('exhibit is voided: its chain of custody is closed'),
      );
    }
    return exhibit;
  }

  private notFound(action: string, movementId: string | null, exhibitId: string, what = 'exhibit'): RefusedWrite {
    return new RefusedWrite(this.refusal(action, movementId, 'not_found', { exhibitId }), new NotFoundInScopeError(what));
  }

  // A refused attempt is on record too, as the store does for its own refusals.
  private refusal(action: string, movementId: string | null, outcome: AuditOutcome, details: Record<string, unknown>): AuditEntry {
    return { action, entityType: ENTITY_TYPE, entityId: movementId, outcome, details };
  }

  /**
   * Custody writes to one exhibit run one at a time, across every server instance: the exhibit's
   * row is locked for the transaction in which the continuity check and the write both happen.
   * Another writer waits, then sees the step just committed and is checked against it.
   */
  private holdingExhibit<R>(ctx: RequestContext, exhibitId: string, work: (em: EntityManager) => Promise<R>): Promise<R> {
    // Refusals are put on record after the rollback, never from inside the transaction.
    return auditingRefusals(
      (entry) => this.audit.write(ctx, entry),
      () =>
        this.dataSource.transaction(async (em) => {
          await em.query('SELECT 1 FROM exhibits WHERE id = $1::uuid FOR UPDATE', [exhibitId]);
          return work(em);
        }),
    );
  }
}
