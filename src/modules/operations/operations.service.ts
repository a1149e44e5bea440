import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { fieldError } from '../../core/http/field-errors';
import { RecordService } from '../../core/records/record.service';
import { RecordStore } from '../../core/records/record-store';
import { Operation } from './entities/operation.entity';

@Injectable()
export class OperationsService extends RecordService<Operation> {
  constructor(dataSource: DataSource) {
    super(
      new RecordStore(dataSource, Operation, {
        entityType: 'operation',
        scopeProperty: 'unitId',
        voidable: true,
        filterable: ['unitId', 'status'],
        dateProperty: 'startsOn',
        sortable: ['startsOn', 'createdAt', 'name', 'reference'],
        defaultSort: 'startsOn',
        defaultDirection: 'desc',
      }),
    );
  }

  protected override check(next: Operation): void {
    if (next.endsOn && next.startsOn && next.endsOn < next.startsOn) throw fieldError('endsOn', 'endsOn must not be before startsOn');
  }
}
