import { ConflictException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RequestContext } from '../../core/context/request-context';
import { ListQuery, Page, RecordStore, RecordStoreOptions } from '../../core/records/record-store';
import { CreateUnitDto } from './dto/unit.dto';
import { Unit } from './entities/unit.entity';

/** How the store reads and writes Unit records (also read by the SQL snapshots, docs/sql/). */
export const UNIT_STORE: RecordStoreOptions = {
  entityType: 'unit',
  sortable: ['code', 'createdAt'],
  defaultSort: 'code',
  defaultDirection: 'asc',
  filterable: ['kind'],
};

@Injectable()
export class UnitsService {
  private readonly store: RecordStore<Unit>;

  constructor(private readonly dataSource: DataSource) {
    this.store = new RecordStore(dataSource, Unit, UNIT_STORE);
  }

  async create(ctx: RequestContext, dto: CreateUnitDto): Promise<Unit> {
    if (dto.kind === 'central') {
      const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM units WHERE kind = 'central'`);
      if (n > 0) throw new ConflictException('There is already a central team');
    }
    return this.store.create(ctx, dto);
  }

  list(ctx: RequestContext, q: ListQuery): Promise<Page<Unit>> {
    return this.store.list(ctx, q);
  }

  get(ctx: RequestContext, id: string): Promise<Unit> {
    return this.store.get(ctx, id);
  }

  /** Whether a unit exists (for validating references); not a read of case data. */
  async exists(id: string): Promise<{ id: string; kind: string } | null> {
    const rows = await this.dataSource.query('SELECT id, kind FROM units WHERE id = $1::uuid', [id]);
    return rows[0] ?? null;
  }
}
