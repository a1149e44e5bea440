import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RecordStore, RecordStoreOptions } from '../../core/records/record-store';
import { OperationsService } from '../operations/operations.service';
import { WarrantLinkedService } from '../warrants/warrant-linked.service';
import { WarrantsService } from '../warrants/warrants.service';
import { SafeguardingVisit } from './entities/safeguarding-visit.entity';

/** How the store reads and writes SafeguardingVisit records (also read by the SQL snapshots, docs/sql/). */
export const SAFEGUARDING_VISIT_STORE: RecordStoreOptions = {
  entityType: 'safeguarding_visit',
  scopeProperty: 'unitId',
  voidable: true,
  filterable: ['operationId', 'warrantId', 'unitId'],
  dateProperty: 'visitedAt',
  sortable: ['visitedAt', 'createdAt'],
  defaultSort: 'visitedAt',
  defaultDirection: 'desc',
};

@Injectable()
export class SafeguardingVisitsService extends WarrantLinkedService<SafeguardingVisit> {
  constructor(dataSource: DataSource, operations: OperationsService, warrants: WarrantsService) {
    super(
      new RecordStore(dataSource, SafeguardingVisit, SAFEGUARDING_VISIT_STORE),
      operations,
      warrants,
    );
  }
}
