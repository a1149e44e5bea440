import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One line of the audit log. Rows are only ever inserted: triggers in the database refuse
 * UPDATE, DELETE and TRUNCATE. The hash chain lives in audit_chain, written after commit.
 */
@Entity('audit_events')
@Index('ix_audit_events_entity', ['entityType', 'entityId', 'seq'])
@Index('ix_audit_events_actor', ['actorId', 'seq'])
@Index('ix_audit_events_at', ['at'])
@Index('ix_audit_events_list_ids', { synchronize: false }) // GIN on (details -> 'ids') WHERE action = 'list': see its migration
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  seq: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  actorRole: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorUnitId: string | null;

  @Column({ type: 'varchar', length: 48 })
  action: string;

  @Column({ type: 'varchar', length: 48, nullable: true })
  entityType: string | null;

  @Column({ type: 'uuid', nullable: true })
  entityId: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ type: 'varchar', length: 16 })
  outcome: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  purpose: string | null;

  /** Field-level diff of a write: { field: [before, after] }. Metadata only. */
  @Column({ type: 'jsonb', nullable: true })
  changes: Record<string, [unknown, unknown]> | null;

  /** What else an auditor needs: a list's filter and the ids it returned, a void's reason. */
  @Column({ type: 'jsonb', nullable: true })
  details: Record<string, unknown> | null;

  /** The inserting transaction's id; lets the sealer find late commits without scanning. */
  @Index('ix_audit_events_tx')
  @Column({ type: 'bigint', default: () => 'haven_current_tx()', select: false })
  tx: string;
}
