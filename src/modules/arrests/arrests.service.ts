import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RecordService } from '../../core/records/record.service';
import { RecordStore } from '../../core/records/record-store';
import { OperationsService } from '../operations/operations.service';
import { WarrantsService } from '../warrants/warrants.service';
import { Arrest } from './entities/arrest.entity';

@Injectable()
export class ArrestsService extends RecordService<Arrest> {
  constructor(dataSource: DataSource, operations: OperationsService, warrants: WarrantsService) {
    super(
      new RecordStore(dataSource, Arrest, {
        entityType: 'arrest',
        scopeProperty: 'unitId',
        voidable: true,
        filterable: ['unitId', 'operationId', 'warrantId', 'outcome'],
        dateProperty: 'arrestedAt',
        sortable: ['arrestedAt', 'createdAt'],
        defaultSort: 'arrestedAt',
        defaultDirection: 'desc',
      }),
      [
        { field: 'operationId', store: () => operations },
        { field: 'warrantId', store: () => warrants },
      ],
    );
  }
}
