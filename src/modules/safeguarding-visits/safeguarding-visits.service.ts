import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RecordStore } from '../../core/records/record-store';
import { SAFEGUARDING_VISIT_RECORD_TYPE } from './safeguarding-visit.record-type';
import { OperationsService } from '../operations/operations.service';
import { WarrantLinkedService } from '../warrants/warrant-linked.service';
import { WarrantsService } from '../warrants/warrants.service';
import { SafeguardingVisit } from './entities/safeguarding-visit.entity';

/** The store options, from the record type's description (read by the SQL snapshots, docs/sql/). */
export const SAFEGUARDING_VISIT_STORE = SAFEGUARDING_VISIT_RECORD_TYPE.storeOptions;

@Injectable()
export class SafeguardingVisitsService extends WarrantLinkedService<SafeguardingVisit> {
  constructor(dataSource: DataSource, operations: OperationsService, warrants: WarrantsService) {
    super(new RecordStore(dataSource, SAFEGUARDING_VISIT_RECORD_TYPE.entity, SAFEGUARDING_VISIT_RECORD_TYPE.storeOptions), operations, warrants);
  }
}
