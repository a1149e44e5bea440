import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RecordService } from '../../core/records/record.service';
import { RecordStore } from '../../core/records/record-store';
import { OperationsService } from '../operations/operations.service';
import { WarrantsService } from '../warrants/warrants.service';
import { SafeguardingVisit } from './entities/safeguarding-visit.entity';

@Injectable()
export class SafeguardingVisitsService extends RecordService<SafeguardingVisit> {
  constructor(dataSource: DataSource, operations: OperationsService, warrants: WarrantsService) {
    super(
      new RecordStore(dataSource, SafeguardingVisit, {
        entityType: 'safeguarding_visit',
        scopeProperty: 'unitId',
        voidable: true,
        filterable: ['operationId', 'warrantId', 'unitId'],
        dateProperty: 'visitedAt',
        sortable: ['visitedAt', 'createdAt'],
        defaultSort: 'visitedAt',
        defaultDirection: 'desc',
      }),
      [
        { field: 'operationId', store: () => operations },
        { field: 'warrantId', store: () => warrants },
      ],
    );
  }
}
