import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One link of the tamper-evident chain: hash = SHA-256(prevHash + "\n" + the event in its form). Append-only. */
@Entity('audit_chain')
export class AuditChainLink {
  @PrimaryColumn({ type: 'bigint' })
  linkNo: string;

  @Index('uq_audit_chain_seq', { unique: true })
  @Column({ type: 'bigint' })
  seq: string;

  @Column({ type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;

  /** Every transaction older than this had finished when the link was made (the sealer's watermark). */
  @Column({ type: 'bigint' })
  sealedXmin: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  sealedAt: Date;

  /** How the event was put into bytes for this link: 1 its JSON text, 2 its binary record (see canonical.ts). */
  @Column({ type: 'smallint', default: 2 })
  form: number;
}
