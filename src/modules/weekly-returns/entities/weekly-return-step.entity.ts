import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Figures } from '../../figures/figures';
import { WeeklyReturn } from './weekly-return.entity';

export const STEP_ACTIONS = ['submit', 'approve', 'return'] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];

/**
 * One step in a return's sign-off (submitted, approved, returned): who, when, why, and the hash
 * of the figures the step was about. Append-only: the database refuses UPDATE, DELETE, TRUNCATE.
 */
@Entity('weekly_return_steps')
@Index('ix_weekly_return_steps_return', ['returnId', 'at'])
@Check('ck_weekly_return_steps_action', `action IN ('submit', 'approve', 'return')`)
export class WeeklyReturnStep {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  returnId: string;

  @ManyToOne(() => WeeklyReturn, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'return_id' })
  weeklyReturn?: WeeklyReturn;

  @Column({ type: 'varchar', length: 16 })
  action: StepAction;

  @Column({ type: 'uuid' })
  actorId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  /** Why it was returned (or the submitter's comment on a submission). */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  reason: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  figuresHash: string | null;

  /** The figures submitted at this step, so every submission's figures stay on record. */
  @Column({ type: 'jsonb', nullable: true })
  figures: Figures | null;
}
