import { Column, JoinColumn, ManyToOne } from 'typeorm';
import { UnitRecordEntity } from '../../../core/records/unit-record.entity';
import { Operation } from './operation.entity';

/** A record that may belong to an operation (warrants, referrals, and all that hangs off warrants). */
export abstract class OperationLinkedRecord extends UnitRecordEntity {
  @Column({ type: 'uuid', nullable: true })
  operationId: string | null;

  @ManyToOne(() => Operation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'operation_id' })
  operation?: Operation;
}
