import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RecordStore } from '../../core/records/record-store';
import { OperationsService } from '../operations/operations.service';
import { WarrantLinkedService } from '../warrants/warrant-linked.service';
import { WarrantsService } from '../warrants/warrants.service';
import { SafeguardingVisit } from './entities/safeguarding-visit.entity';

@Injectable()
export class SafeguardingVisitsService extends WarrantLinkedService<SafeguardingVisit> {
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
      operations,
      warrants,
    );
  }
}
