import { Column, Entity } from 'typeorm';
import { TrackedEntity } from '../../../core/records/tracked-entity';
import type { Role } from '../../../core/auth/roles';

export const CHANGE_REQUEST_STATUSES = ['pending', 'approved', 'refused'] as const;
export type ChangeRequestStatus = (typeof CHANGE_REQUEST_STATUSES)[number];

/**
 * A change to an account that needs a second admin (four eyes): created by the requester
 * (createdBy/createdAt), decided by another admin. `kind` is 'create' for an account made in such
 * a role (it waits, disabled, for the decision) or 'change' for a new role or unit.
 */
@Entity('user_change_requests')
export class UserChangeRequest extends TrackedEntity {
  @Column({ type: 'uuid' })
  userId: string;

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
