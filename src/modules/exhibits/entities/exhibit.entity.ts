import { Column, Entity, Index } from 'typeorm';
import { WarrantLinkedRecord } from '../../warrants/entities/warrant-linked.entity';

export const EXHIBIT_ITEM_TYPES = ['phone', 'tablet', 'laptop', 'desktop', 'storage', 'other'] as const;
export type ExhibitItemType = (typeof EXHIBIT_ITEM_TYPES)[number];
export const FORENSIC_STATUSES = ['awaiting', 'in_progress', 'examined', 'not_required'] as const;
export type ForensicStatus = (typeof FORENSIC_STATUSES)[number];

@Entity('exhibits')
@Index('ix_exhibits_unit_seized', ['unitId', 'seizedAt'], { where: 'voided_at IS NULL' })
// An operation's list, newest first, is one ordered scan of this index.
@Index('ix_exhibits_operation_seized', ['operationId', 'seizedAt', 'id'], { where: 'voided_at IS NULL' })
@Index('ix_exhibits_warrant', ['warrantId'])
export class Exhibit extends WarrantLinkedRecord {
  /** The seizing officer's exhibit label, e.g. "JS/1". */
  @Column({ type: 'varchar', length: 40 })
  reference: string;

  @Column({ type: 'varchar', length: 16 })
  itemType: ExhibitItemType;

  @Column({ type: 'timestamptz' })
  seizedAt: Date;

  @Column({ type: 'varchar', length: 40, nullable: true })
  sealNumber: string | null;

  /** A short description of the item (make, colour), never of its contents. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  description: string | null;

  /** SHA-256 of an acquired image, lower-case hex: a digest is metadata, the image is not. */
  @Column({ type: 'char', length: 64, nullable: true })
  sha256: string | null;

  @Column({ type: 'varchar', length: 16, default: 'awaiting' })
  forensicStatus: ForensicStatus;
}
