import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TrackedEntity } from '../../../core/records/tracked-entity';
import type { Figures } from '../../figures/figures';
import { Unit } from '../../units/entities/unit.entity';

export const RETURN_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

/**
 * One unit's return for one ISO week. The figures are compiled when it is submitted and, once
 * approved, never change again (the database refuses any update to an approved row): later
 * record changes show up as staleness against the live figures, not as edits.
 */
@Entity('weekly_returns')
@Index('uq_weekly_returns_unit_week', ['unitId', 'week'], { unique: true })
@Index('ix_weekly_returns_week', ['week'])
@Check('ck_weekly_returns_status', `status IN ('draft', 'submitted', 'approved', 'returned')`)
export class WeeklyReturn extends TrackedEntity {
  @Column({ type: 'uuid' })
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Unit;

  /** ISO week, YYYY-Www. */
  @Column({ type: 'varchar', length: 8 })
  week: string;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: ReturnStatus;

  /** The figures as compiled at the last submission (null until first submitted). */
  @Column({ type: 'jsonb', nullable: true })
  figures: Figures | null;

  /** SHA-256 (hex) of the canonical JSON of {unitId, week, figures}. */
  @Column({ type: 'char', length: 64, nullable: true })
  figuresHash: string | null;

  @Column({ type: 'uuid', nullable: true })
  submittedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  approvedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  returnedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  returnedAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  returnReason: string | null;

  /** The submitter's note on the return. */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  comment: string | null;
}
