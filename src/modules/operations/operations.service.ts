import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { scopeParam } from '../../core/auth/unit-scope';
import type { RequestContext } from '../../core/context/request-context';
import { fieldError } from '../../core/http/field-errors';
import { RecordService } from '../../core/records/record.service';
import { RecordStore } from '../../core/records/record-store';
import { OPERATION_RECORD_TYPE } from './operation.record-type';
import { Figures } from '../figures/figures';
import { FiguresService } from '../figures/figures.service';
import { Operation } from './entities/operation.entity';

/** The store options, from the record type's description (read by the SQL snapshots, docs/sql/). */
export const OPERATION_STORE = OPERATION_RECORD_TYPE.storeOptions;

@Injectable()
export class OperationsService extends RecordService<Operation> {
  constructor(
    dataSource: DataSource,
    private readonly figures: FiguresService,
  ) {
    super(new RecordStore(dataSource, OPERATION_RECORD_TYPE.entity, OPERATION_RECORD_TYPE.storeOptions));
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
