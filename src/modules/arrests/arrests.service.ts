import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RecordStore } from '../../core/records/record-store';
import { ARREST_RECORD_TYPE } from './arrest.record-type';
import { OperationsService } from '../operations/operations.service';
import { WarrantLinkedService } from '../warrants/warrant-linked.service';
import { WarrantsService } from '../warrants/warrants.service';
import { Arrest } from './entities/arrest.entity';

/** The store options, from the record type's description (read by the SQL snapshots, docs/sql/). */
export const ARREST_STORE = ARREST_RECORD_TYPE.storeOptions;

@Injectable()
export class ArrestsService extends WarrantLinkedService<Arrest> {
  constructor(dataSource: DataSource, operations: OperationsService, warrants: WarrantsService) {
    super(new RecordStore(dataSource, ARREST_RECORD_TYPE.entity, ARREST_RECORD_TYPE.storeOptions), operations, warrants);
  }
}
