import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { UnitRecordEntity } from '../../../core/records/unit-record.entity';
import { Exhibit } from './exhibit.entity';

/**
 * One step in an exhibit's chain of custody. Append-only: a movement is never edited, only
 * voided with a reason (and a corrected one added). unitId is the exhibit's, for scope.
 */
@Entity('exhibit_movements')
@Index('ix_exhibit_movements_exhibit', ['exhibitId', 'movedAt'])
export class ExhibitMovement extends UnitRecordEntity {
  @Column({ type: 'uuid' })
  exhibitId: string;

  @ManyToOne(() => Exhibit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'exhibit_id' })
  exhibit?: Exhibit;

  @Column({ type: 'timestamptz' })
  movedAt: Date;

  @Column({ type: 'varchar', length: 80 })
  fromLocation: string;

  @Column({ type: 'varchar', length: 80 })
  toLocation: string;

  @Column({ type: 'varchar', length: 200 })
  reason: string;

  /** The seal number after the movement (a re-seal gets a new one). */
  @Column({ type: 'varchar', length: 40, nullable: true })
  sealNumber: string | null;
}
