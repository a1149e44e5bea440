import { Column, Entity, Index } from 'typeorm';
import { UnitRecordEntity } from '../../../core/records/unit-record.entity';

export const OPERATION_STATUSES = ['planned', 'active', 'closed'] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];

@Entity('operations')
@Index('ix_operations_unit_starts', ['unitId', 'startsOn'])
export class Operation extends UnitRecordEntity {
  /** Code name, e.g. LEGATUM. */
  @Column({ type: 'varchar', length: 60 })
  name: string;

  @Index('uq_operations_reference', { unique: true, where: 'voided_at IS NULL' })
  @Column({ type: 'varchar', length: 40 })
  reference: string;

  @Column({ type: 'date' })
  startsOn: string;

  @Column({ type: 'date', nullable: true })
  endsOn: string | null;

  @Column({ type: 'varchar', length: 16, default: 'planned' })
  status: OperationStatus;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  description: string | null;
}
