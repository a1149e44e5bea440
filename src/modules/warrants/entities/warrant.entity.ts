import { Column, Entity, Index } from 'typeorm';
import { OperationLinkedRecord } from '../../operations/entities/operation-linked.entity';

export const WARRANT_STATUSES = ['applied', 'granted', 'executed', 'refused', 'withdrawn', 'expired'] as const;
export type WarrantStatus = (typeof WARRANT_STATUSES)[number];

@Entity('warrants')
@Index('ix_warrants_unit_executed', ['unitId', 'executedAt'], { where: `status = 'executed' AND voided_at IS NULL` })
// An operation's list, newest first, is one ordered scan of this index.
@Index('ix_warrants_operation_created', ['operationId', 'createdAt', 'id'], { where: 'voided_at IS NULL' })
export class Warrant extends OperationLinkedRecord {
  @Column({ type: 'varchar', length: 40 })
  reference: string;

  /** The power it is issued under, e.g. "PCA 1978 s.4" or "PACE s.8". */
  @Column({ type: 'varchar', length: 60 })
  type: string;

  @Column({ type: 'varchar', length: 16, default: 'applied' })
  status: WarrantStatus;

  @Column({ type: 'timestamptz', nullable: true })
  grantedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  executedAt: Date | null;

  /** A borough or postcode district (e.g. "NE1"), never an address. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  locationArea: string | null;

  /** Children safeguarded at execution. */
  @Column({ type: 'integer', default: 0 })
  childrenSafeguarded: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  outcome: string | null;
}
