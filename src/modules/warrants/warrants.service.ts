import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { fieldError } from '../../core/http/field-errors';
import { RecordService } from '../../core/records/record.service';
import { RecordStore } from '../../core/records/record-store';
import { WARRANT_RECORD_TYPE } from './warrant.record-type';
import { OperationsService } from '../operations/operations.service';
import { Warrant } from './entities/warrant.entity';

// Stored values come back as Date, incoming ones as ISO strings.
const instant = (v: Date | string) => new Date(v).getTime();

/** The store options, from the record type's description (read by the SQL snapshots, docs/sql/). */
export const WARRANT_STORE = WARRANT_RECORD_TYPE.storeOptions;

@Injectable()
export class WarrantsService extends RecordService<Warrant> {
  constructor(dataSource: DataSource, operations: OperationsService) {
    super(new RecordStore(dataSource, WARRANT_RECORD_TYPE.entity, WARRANT_RECORD_TYPE.storeOptions), [{ field: 'operationId', store: () => operations }]);
  }

  /**
   * The operation a warrant belongs to (for the records that hang off it), or null. Unscoped on
   * purpose: it is asked only for a warrant the caller named and could see (checked before), or
   * the one their own visible record already links to, and the link must hold either way.
   */
  async operationOf(warrantId: string): Promise<string | null> {
    const row = await this.store.storedValues(null, warrantId, ['operationId']);
    return (row?.operationId as string | null) ?? null;
  }

  /** executedAt is what weekly returns count by, so it must exist exactly when the warrant was executed. */
  protected override check(next: Warrant): void {
    const executed = next.status === 'executed';
    if (executed && !next.executedAt) throw fieldError('executedAt', 'an executed warrant needs executedAt');
    if (!executed && next.executedAt) throw fieldError('executedAt', 'executedAt is only recorded when status is executed');
    if (next.executedAt && next.grantedAt && instant(next.executedAt) < instant(next.grantedAt)) {
      throw fieldError('executedAt', 'executedAt must not be before grantedAt');
    }
  }
}
