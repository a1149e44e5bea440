import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReferenceRule, RecordService } from '../../core/records/record.service';
import { RecordStore } from '../../core/records/record-store';
import { Operation } from '../operations/entities/operation.entity';
import { Warrant } from '../warrants/entities/warrant.entity';
import { SafeguardingVisit } from './entities/safeguarding-visit.entity';

// Stores used only for isVisible (unaudited, returns id and unit only), so references can be
// checked without depending on when the operations and warrants services are wired.
function references(dataSource: DataSource): ReferenceRule[] {
  const live = { scopeProperty: 'unitId', voidable: true };
  const operations = new RecordStore(dataSource, Operation, { entityType: 'operation', ...live });
  const warrants = new RecordStore(dataSource, Warrant, { entityType: 'warrant', ...live });
  return [
    { field: 'operationId', store: () => operations },
    { field: 'warrantId', store: () => warrants },
  ];
}

@Injectable()
export class SafeguardingVisitsService extends RecordService<SafeguardingVisit> {
  constructor(dataSource: DataSource) {
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
      references(dataSource),
    );
  }
}
