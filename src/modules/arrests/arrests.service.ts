import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RecordStore, RecordStoreOptions } from '../../core/records/record-store';
import { OperationsService } from '../operations/operations.service';
import { WarrantLinkedService } from '../warrants/warrant-linked.service';
import { WarrantsService } from '../warrants/warrants.service';
import { Arrest } from './entities/arrest.entity';

/** How the store reads and writes Arrest records (also read by the SQL snapshots, docs/sql/). */
export const ARREST_STORE: RecordStoreOptions = {
  entityType: 'arrest',
  scopeProperty: 'unitId',
  voidable: true,
  filterable: ['unitId', 'operationId', 'warrantId', 'outcome'],
  dateProperty: 'arrestedAt',
  sortable: ['arrestedAt', 'createdAt'],
  defaultSort: 'arrestedAt',
  defaultDirection: 'desc',
};

@Injectable()
export class ArrestsService extends WarrantLinkedService<Arrest> {
  constructor(dataSource: DataSource, operations: OperationsService, warrants: WarrantsService) {
    super(
      new RecordStore(dataSource, Arrest, ARREST_STORE),
      operations,
      warrants,
    );
  }
}
