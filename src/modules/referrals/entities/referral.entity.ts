import { Column, Entity, Index } from 'typeorm';
import { OperationLinkedRecord } from '../../operations/entities/operation-linked.entity';

export const REFERRAL_SOURCES = ['NCA', 'CEOP', 'partner', 'internal', 'public'] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];
export const RISK_GRADES = ['low', 'medium', 'high', 'very_high'] as const;
export type RiskGrade = (typeof RISK_GRADES)[number];
export const REFERRAL_STATUSES = ['received', 'triaged', 'allocated', 'actioned', 'closed'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

@Entity('referrals')
@Index('ix_referrals_unit_received', ['unitId', 'receivedAt'], { where: 'voided_at IS NULL' })
// An operation's list, newest first, is one ordered scan of this index.
@Index('ix_referrals_operation_received', ['operationId', 'receivedAt', 'id'], { where: 'voided_at IS NULL' })
export class Referral extends OperationLinkedRecord {
  @Column({ type: 'varchar', length: 16 })
  source: ReferralSource;

  /** The sender's reference, e.g. an NCA package number. */
  @Column({ type: 'varchar', length: 40 })
  reference: string;

  @Column({ type: 'timestamptz' })
  receivedAt: Date;

  @Column({ type: 'varchar', length: 16 })
  riskGrade: RiskGrade;

  @Column({ type: 'varchar', length: 16, default: 'received' })
  status: ReferralStatus;
}
