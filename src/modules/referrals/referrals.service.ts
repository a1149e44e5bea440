import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RecordService } from '../../core/records/record.service';
import { RecordStore } from '../../core/records/record-store';
import { REFERRAL_RECORD_TYPE } from './referral.record-type';
import { OperationsService } from '../operations/operations.service';
import { Referral } from './entities/referral.entity';

/** The store options, from the record type's description (read by the SQL snapshots, docs/sql/). */
export const REFERRAL_STORE = REFERRAL_RECORD_TYPE.storeOptions;

@Injectable()
export class ReferralsService extends RecordService<Referral> {
  constructor(dataSource: DataSource, operations: OperationsService) {
    super(new RecordStore(dataSource, REFERRAL_RECORD_TYPE.entity, REFERRAL_RECORD_TYPE.storeOptions), [{ field: 'operationId', store: () => operations }]);
  }
}
