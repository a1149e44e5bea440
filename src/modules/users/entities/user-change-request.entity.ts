import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TrackedEntity } from '../../../core/records/tracked-entity';
import type { Role } from '../../../core/auth/roles';
import { Unit } from '../../units/entities/unit.entity';
import { User } from './user.entity';

export const CHANGE_REQUEST_STATUSES = ['pending', 'approved', 'refused'] as const;
export type ChangeRequestStatus = (typeof CHANGE_REQUEST_STATUSES)[number];

/**
 * A change to an account that needs a second admin (four eyes): created by the requester
 * (createdBy/createdAt), decided by another admin. `kind` is 'create' for an account made in such
 * a role (it waits, disabled, for the decision) or 'change' for a new role or unit.
 */
@Entity('user_change_requests')
@Check('ck_user_change_requests_kind', `"kind" IN ('create', 'change')`)
@Check('ck_user_change_requests_status', `"status" IN ('pending', 'approved', 'refused')`)
@Check('ck_user_change_requests_decided', `("status" = 'pending') = ("decided_by" IS NULL)`)
// Four eyes, in the database too: whoever asked never decides.
@Check('ck_user_change_requests_four_eyes', `"decided_by" IS NULL OR "decided_by" <> "created_by"`)
// One open request per account: a second would race the first for the same version.
@Index('uq_user_change_requests_pending', ['userId'], { unique: true, where: `"status" = 'pending'` })
@Index('ix_user_change_requests_status', ['status', 'createdAt'])
export class UserChangeRequest extends TrackedEntity {
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_user_change_requests_user' })
  user?: User;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_user_change_requests_unit' })
  unit?: Unit;

  /** The unit the account would be in: who may see and decide the request follows from it. */
  @Column({ type: 'uuid' })
  unitId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: 'create' | 'change';

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @Column({ type: 'varchar', length: 16, nullable: true })
  fromRole: Role | null;

  @Column({ type: 'uuid', nullable: true })
  fromUnitId: string | null;

  /** The account's version when the change was asked for; approval applies it only to that version. */
  @Column({ type: 'integer' })
  userVersion: number;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: ChangeRequestStatus;

  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  decisionReason: string | null;
}
