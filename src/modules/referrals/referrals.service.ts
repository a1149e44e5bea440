import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RecordService } from '../../core/records/record.service';
import { RecordStore } from '../../core/records/record-store';
import { Operation } from '../operations/entities/operation.entity';
import { Referral } from './entities/referral.entity';

@Injectable()
export class ReferralsService extends RecordService<Referral> {
  constructor(dataSource: DataSource) {
    // Used only for isVisible (unaudited, returns id and unit only) on operationId.
    const operations = new RecordStore(dataSource, Operation, { entityType: 'operation', scopeProperty: 'unitId', voidable: true });
    super(
      new RecordStore(dataSource, Referral, {
        entityType: 'referral',
        scopeProperty: 'unitId',
        voidable: true,
        filterable: ['operationId', 'unitId', 'status', 'source', 'riskGrade'],
        dateProperty: 'receivedAt',
        sortable: ['receivedAt', 'createdAt', 'reference'],
        defaultSort: 'receivedAt',
        defaultDirection: 'desc',
      }),
      [{ field: 'operationId', store: () => operations }],
    );
  }
}
