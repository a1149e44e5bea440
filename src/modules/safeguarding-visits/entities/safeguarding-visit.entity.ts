import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { UnitRecordEntity } from '../../../core/records/unit-record.entity';
import { Operation } from '../../operations/entities/operation.entity';
import { Warrant } from '../../warrants/entities/warrant.entity';

@Entity('safeguarding_visits')
@Index('ix_safeguarding_visits_unit_visited', ['unitId', 'visitedAt'], { where: 'voided_at IS NULL' })
@Index('ix_safeguarding_visits_operation', ['operationId'])
export class SafeguardingVisit extends UnitRecordEntity {
  @Column({ type: 'uuid', nullable: true })
  operationId: string | null;

  @ManyToOne(() => Operation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'operation_id' })
  operation?: Operation;

  @Column({ type: 'uuid', nullable: true })
  warrantId: string | null;

  @ManyToOne(() => Warrant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'warrant_id' })
  warrant?: Warrant;

  @Column({ type: 'timestamptz' })
  visitedAt: Date;

  @Column({ type: 'integer', default: 0 })
  childrenSafeguarded: number;

  /** Agencies told, e.g. "Children's social care; school nurse". */
  @Column({ type: 'varchar', length: 200, nullable: true })
  agenciesNotified: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  outcome: string | null;
}
