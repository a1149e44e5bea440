import { Column, JoinColumn, ManyToOne } from 'typeorm';
import { OperationLinkedRecord } from '../../operations/entities/operation-linked.entity';
import { Warrant } from './warrant.entity';

/** A record that may come from a warrant's execution (arrests, exhibits, safeguarding visits). */
export abstract class WarrantLinkedRecord extends OperationLinkedRecord {
  @Column({ type: 'uuid', nullable: true })
  warrantId: string | null;

  @ManyToOne(() => Warrant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'warrant_id' })
  warrant?: Warrant;
}
