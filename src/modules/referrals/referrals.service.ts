import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RecordService } from '../../core/records/record.service';
import { RecordStore, RecordStoreOptions } from '../../core/records/record-store';
import { OperationsService } from '../operations/operations.service';
import { Referral } from './entities/referral.entity';

/** How the store reads and writes Referral records (also read by the SQL snapshots, docs/sql/). */
export const REFERRAL_STORE: RecordStoreOptions = {
  entityType: 'referral',
  scopeProperty: 'unitId',
  voidable: true,
  filterable: ['operationId', 'unitId', 'status', 'source', 'riskGrade'],
  dateProperty: 'receivedAt',
  sortable: ['receivedAt', 'createdAt', 'reference'],
  defaultSort: 'receivedAt',
  defaultDirection: 'desc',
};

@Injectable()
export class ReferralsService extends RecordService<Referral> {
  constructor(dataSource: DataSource, operations: OperationsService) {
    super(
      new RecordStore(dataSource, Referral, REFERRAL_STORE),
      [{ field: 'operationId', store: () => operations }],
    );
  }
}
