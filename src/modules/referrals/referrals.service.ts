import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RecordService } from '../../core/records/record.service';
import { RecordStore } from '../../core/records/record-store';
import { OperationsService } from '../operations/operations.service';
import { Referral } from './entities/referral.entity';

@Injectable()
export class ReferralsService extends RecordService<Referral> {
  constructor(dataSource: DataSource, operations: OperationsService) {
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
