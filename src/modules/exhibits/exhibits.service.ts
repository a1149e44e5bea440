import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { scopeParam } from '../../core/auth/unit-scope';
import type { RequestContext } from '../../core/context/request-context';
import { RecordStore } from '../../core/records/record-store';
import { EXHIBIT_RECORD_TYPE } from './exhibit.record-type';
import { OperationsService } from '../operations/operations.service';
import { WarrantLinkedService } from '../warrants/warrant-linked.service';
import { WarrantsService } from '../warrants/warrants.service';
import { Exhibit } from './entities/exhibit.entity';
import { ExhibitMovement } from './entities/exhibit-movement.entity';

export type ExhibitView = Exhibit & { currentLocation: string | null };
export type CustodyHolder = Pick<Exhibit, 'id' | 'unitId' | 'voidedAt' | 'seizedAt'>;
export type LatestMovement = Pick<ExhibitMovement, 'id' | 'toLocation' | 'movedAt'>;

/** The store options, from the record type's description (read by the SQL snapshots, docs/sql/). */
export const EXHIBIT_STORE = EXHIBIT_RECORD_TYPE.storeOptions;

@Injectable()
export class ExhibitsService extends WarrantLinkedService<Exhibit> {
  constructor(
    private readonly dataSource: DataSource,
    operations: OperationsService,
    warrants: WarrantsService,
  ) {
    super(new RecordStore(dataSource, EXHIBIT_RECORD_TYPE.entity, EXHIBIT_RECORD_TYPE.storeOptions), operations, warrants);
  }

  /** The audited view, with where the exhibit is now according to its custody chain. */
  override get(ctx: RequestContext, id: string): Promise<ExhibitView> {
    return super.get(ctx, id) as Promise<ExhibitView>;
  }

  /** The last live step of the chain (by movedAt, then entry order), or null before the first move. */
  latestMovement(exhibitId: string, em: EntityManager = this.dataSource.manager): Promise<LatestMovement | null> {
    return em.getRepository(ExhibitMovement).findOne({
      select: { id: true, toLocation: true, movedAt: true },
      where: { exhibitId, voidedAt: IsNull() },
      order: { movedAt: 'DESC', createdAt: 'DESC' },
    });
  }

  /**
   * The exhibit a custody call names, if it is in the actor's units, voided or not (so the caller
   * can tell 404 from 409). Not audited: it returns nothing of the record, and the movement
   * store's own event names the exhibit.
   */
  custodyHolder(ctx: RequestContext, id: string, em: EntityManager = this.dataSource.manager): Promise<CustodyHolder | null> {
    const scope = scopeParam(ctx.requireActor());
    return em.getRepository(Exhibit).findOne({
      select: { id: true, unitId: true, voidedAt: true, seizedAt: true },
      where: { id, ...(scope ? { unitId: In(scope) } : {}) },
    });
  }
}
