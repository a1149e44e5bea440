import { Column, Entity, Index } from 'typeorm';
import { WarrantLinkedRecord } from '../../warrants/entities/warrant-linked.entity';

@Entity('safeguarding_visits')
@Index('ix_safeguarding_visits_unit_visited', ['unitId', 'visitedAt'], { where: 'voided_at IS NULL' })
// An operation's list, newest first, is one ordered scan of this index.
@Index('ix_safeguarding_visits_operation_visited', ['operationId', 'visitedAt', 'id'], { where: 'voided_at IS NULL' })
export class SafeguardingVisit extends WarrantLinkedRecord {
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
