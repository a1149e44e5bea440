import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Failed sign-ins per username and per ip, shared by every server instance (the server keeps no
 * state of its own). A key over its limit within the window is blocked until blocked_until.
 */
@Entity('login_throttles')
export class LoginThrottle {
  /** 'user:<username>' or 'ip:<address>'. */
  @PrimaryColumn({ type: 'varchar', length: 160 })
  key: string;

  @Column({ type: 'integer', default: 0 })
  failures: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  windowStartedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  blockedUntil: Date | null;
}
