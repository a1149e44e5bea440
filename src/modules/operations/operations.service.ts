import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { scopeParam } from '../../core/auth/unit-scope';
import type { RequestContext } from '../../core/context/request-context';
import { fieldError } from '../../core/http/field-errors';
import { RecordService } from '../../core/records/record.service';
import { RecordStore, RecordStoreOptions } from '../../core/records/record-store';
import { Figures } from '../figures/figures';
import { FiguresService } from '../figures/figures.service';
import { Operation } from './entities/operation.entity';

/** How the store reads and writes Operation records (also read by the SQL snapshots, docs/sql/). */
export const OPERATION_STORE: RecordStoreOptions = {
  entityType: 'operation',
  scopeProperty: 'unitId',
  voidable: true,
  filterable: ['unitId', 'status'],
  dateProperty: 'startsOn',
  sortable: ['startsOn', 'createdAt', 'name', 'reference'],
  defaultSort: 'startsOn',
  defaultDirection: 'desc',
};

@Injectable()
export class OperationsService extends RecordService<Operation> {
  constructor(
    dataSource: DataSource,
    private readonly figures: FiguresService,
  ) {
    super(
      new RecordStore(dataSource, Operation, OPERATION_STORE),
    );
  }

  /**
   * The weekly-return figures over all of the operation's live records (any date) that the actor
   * may see. Reading it is audited as a 'summary' of the operation.
   */
  async summary(ctx: RequestContext, id: string): Promise<{ operation: Operation; figures: Figures }> {
    const operation = await this.store.get(ctx, id, 'summary');
    const figures = await this.figures.total({ unitIds: scopeParam(ctx.requireActor()), operationId: id });
    return { operation, figures };
  }

  protected override check(next: Operation): void {
    if (next.endsOn && next.startsOn && next.endsOn < next.startsOn) throw fieldError('endsOn', 'endsOn must not be before startsOn');
  }
}
