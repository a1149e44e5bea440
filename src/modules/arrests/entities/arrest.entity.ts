import { Column, Entity, Index } from 'typeorm';
import { WarrantLinkedRecord } from '../../warrants/entities/warrant-linked.entity';

export const ARREST_OUTCOMES = ['charged', 'released_under_investigation', 'bailed', 'cautioned', 'nfa'] as const;
export type ArrestOutcome = (typeof ARREST_OUTCOMES)[number];

@Entity('arrests')
@Index('ix_arrests_unit_arrested', ['unitId', 'arrestedAt'], { where: 'voided_at IS NULL' })
// An operation's list, newest first, is one ordered scan of this index.
@Index('ix_arrests_operation_arrested', ['operationId', 'arrestedAt', 'id'], { where: 'voided_at IS NULL' })
@Index('ix_arrests_warrant', ['warrantId'])
export class Arrest extends WarrantLinkedRecord {
  @Column({ type: 'timestamptz' })
  arrestedAt: Date;

  /** Pseudonymous reference into the force's records system, never a name. */
  @Column({ type: 'varchar', length: 40 })
  suspectRef: string;

  /** Home Office offence code or CJS code. */
  @Column({ type: 'varchar', length: 20 })
  offenceCode: string;

  /** Null while the outcome is pending. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  outcome: ArrestOutcome | null;
}
