import { Column, Entity, Index } from 'typeorm';
import { TrackedEntity } from '../../../core/records/tracked-entity';

export const UNIT_KINDS = ['central', 'borough'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

@Entity('units')
export class Unit extends TrackedEntity {
  @Index('uq_units_code', { unique: true })
  @Column({ type: 'varchar', length: 16 })
  code: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  kind: UnitKind;
}
