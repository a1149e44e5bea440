import { Column, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** Who made a row and when, and its optimistic-lock version: every stored thing in Haven has these. */
export abstract class TrackedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  updatedBy: string | null;

  @VersionColumn({ default: 1 })
  version: number;
}

/** A case record: belongs to a unit, and is voided with a reason instead of ever being deleted. */
export abstract class UnitRecordEntity extends TrackedEntity {
  @Column({ type: 'uuid' })
  unitId: string;

  @Column({ type: 'timestamptz', nullable: true })
  voidedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  voidedBy: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  voidReason: string | null;
}
