import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TrackedEntity } from '../../../core/records/tracked-entity';
import { Unit } from '../../units/entities/unit.entity';
import type { Role } from '../../../core/auth/roles';

@Entity('users')
export class User extends TrackedEntity {
  @Index('uq_users_username', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Column({ type: 'varchar', length: 120 })
  displayName: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @Column({ type: 'uuid' })
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_users_unit' })
  unit?: Unit;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  /** The password is one-time (a new account, a reset): sign-in is refused until its owner replaces it. */
  @Column({ type: 'boolean', default: false })
  mustChangePassword: boolean;

  /** Created in a role that needs a second admin's approval: disabled until a request approves it. */
  @Column({ type: 'boolean', default: false })
  awaitingApproval: boolean;

  /**
   * For an admin: everyone whose request or approval made it one (and theirs), and anyone who set
   * its password. None of them may have a request approved by this account. Never returned.
   */
  @Column({ type: 'uuid', array: true, default: () => "'{}'", select: false })
  adminVouchers: string[];

  /** argon2id encoded hash; never selected unless asked for. */
  @Column({ type: 'varchar', length: 255, select: false })
  passwordHash: string;

  /** Bumped whenever earlier tokens must stop working (disable, password or role change). */
  @Column({ type: 'integer', default: 0 })
  tokenVersion: number;

  @Column({ type: 'integer', default: 0 })
  failedLogins: number;

  @Column({ type: 'timestamptz', nullable: true })
  lockedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  /** TOTP shared secret, encrypted (AES-256-GCM); never selected unless asked for. */
  @Column({ type: 'varchar', length: 200, nullable: true, select: false })
  totpSecret: string | null;

  /** Set once the user has proved the authenticator works; from then on sign-in needs a code. */
  @Column({ type: 'timestamptz', nullable: true })
  totpEnabledAt: Date | null;

  /** The last 30-second step a code was accepted for, so a code cannot be replayed. */
  @Column({ type: 'bigint', nullable: true, select: false })
  totpLastStep: string | null;
}
