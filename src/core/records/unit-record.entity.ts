import { Column, JoinColumn, ManyToOne } from 'typeorm';
import { Unit } from '../../modules/units/entities/unit.entity';
import { TrackedEntity } from './tracked-entity';

/** A case record: belongs to a unit, and is voided with a reason instead of ever being deleted. */
export abstract class UnitRecordEntity extends TrackedEntity {
  @Column({ type: 'uuid' })
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Unit;

  @Column({ type: 'timestamptz', nullable: true })
  voidedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  voidedBy: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  voidReason: string | null;
}
