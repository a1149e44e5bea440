import 'reflect-metadata';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { AUDIT_COLUMNS, AUDIT_INSERT_SQL } from '../../audit/audit-entry';
import { dataSourceOptions } from '../../database/data-source';
import { ARREST_STORE } from '../../../modules/arrests/arrests.service';
import { Arrest } from '../../../modules/arrests/entities/arrest.entity';
import { ExhibitMovement } from '../../../modules/exhibits/entities/exhibit-movement.entity';
import { Exhibit } from '../../../modules/exhibits/entities/exhibit.entity';
import { EXHIBIT_MOVEMENT_STORE } from '../../../modules/exhibits/exhibit-movements.service';
import { EXHIBIT_STORE } from '../../../modules/exhibits/exhibits.service';
import { Operation } from '../../../modules/operations/entities/operation.entity';
import { OPERATION_STORE } from '../../../modules/operations/operations.service';
import { Referral } from '../../../modules/referrals/entities/referral.entity';
import { REFERRAL_STORE } from '../../../modules/referrals/referrals.service';
import { SafeguardingVisit } from '../../../modules/safeguarding-visits/entities/safeguarding-visit.entity';
import { SAFEGUARDING_VISIT_STORE } from '../../../modules/safeguarding-visits/safeguarding-visits.service';
import { Unit } from '../../../modules/units/entities/unit.entity';
import { UNIT_STORE } from '../../../modules/units/units.service';
import { User } from '../../../modules/users/entities/user.entity';
import { USER_STORE } from '../../../modules/users/users.service';
import { Warrant } from '../../../modules/warrants/entities/warrant.entity';
import { WARRANT_STORE } from '../../../modules/warrants/warrants.service';
import { RecordTable } from '../record-table';
import type { RecordStoreOptions } from '../record-store.types';
import * as sql from './record-sql';

/**
 * Every statement RecordStore sends, for every record type's store, checked in under docs/sql/
 * (one file per type), so a reviewer sees a changed query in the diff. The test fails when a
 * statement's text differs from its file; to accept the change, regenerate the files with
 *
 *   UPDATE_SQL_SNAPSHOTS=1 npx jest src/core/records/sql/record-sql.spec.ts
 *
 * The tables are described from TypeORM metadata without a database: a DataSource built from
 * the app's own options but never initialised, whose buildMetadatas() only reads the entities.
 */

const DOCS = join(__dirname, '..', '..', '..', '..', 'docs', 'sql');
const UPDATE = process.env.UPDATE_SQL_SNAPSHOTS === '1';

const TYPES: { file: string; entity: EntityTarget<ObjectLiteral>; opts: RecordStoreOptions; options: string }[] = [
  { file: 'operation', entity: Operation, opts: OPERATION_STORE, options: 'OPERATION_STORE' },
  { file: 'warrant', entity: Warrant, opts: WARRANT_STORE, options: 'WARRANT_STORE' },
  { file: 'arrest', entity: Arrest, opts: ARREST_STORE, options: 'ARREST_STORE' },
  { file: 'exhibit', entity: Exhibit, opts: EXHIBIT_STORE, options: 'EXHIBIT_STORE' },
  { file: 'exhibit_movement', entity: ExhibitMovement, opts: EXHIBIT_MOVEMENT_STORE, options: 'EXHIBIT_MOVEMENT_STORE' },
  { file: 'safeguarding_visit', entity: SafeguardingVisit, opts: SAFEGUARDING_VISIT_STORE, options: 'SAFEGUARDING_VISIT_STORE' },
  { file: 'referral', entity: Referral, opts: REFERRAL_STORE, options: 'REFERRAL_STORE' },
  { file: 'user', entity: User, opts: USER_STORE, options: 'USER_STORE' },
  { file: 'unit', entity: Unit, opts: UNIT_STORE, options: 'UNIT_STORE' },
];

/** Columns a create sends besides the record's own fields (the store stamps these itself). */
const STAMPED = new Set(['id', 'createdAt', 'updatedAt', 'version', 'voidedAt', 'voidedBy', 'voidReason']);

async function offlineDataSource(): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions('postgres://sql-snapshots.invalid/haven'));
  await (ds as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
  return ds;
}

function section(title: string, params: string, text: string): string {
  return `-- ${title}\n-- params: ${params}\n${text.trim()};\n`;
}

/** The file for one type: each statement the store sends, in the order a reader meets them. */
function statementsOf(ds: DataSource, type: (typeof TYPES)[number]): string {
  const t = new RecordTable(ds, type.entity, type.opts);
  const operation = new RecordTable(ds, Operation, OPERATION_STORE);
  const warrant = new RecordTable(ds, Warrant, WARRANT_STORE);
  const audit = AUDIT_COLUMNS.map(() => null);
  const writable = [...t.byProp.values()].filter((c) => !STAMPED.has(c.prop));
  const sort = t.col(type.opts.defaultSort ?? 'createdAt');
  const dir = (type.opts.defaultDirection ?? 'desc') === 'asc' ? 'ASC' : 'DESC';
  const date = type.opts.dateProperty ? t.col(type.opts.dateProperty) : null;
  const basePlan = { scope: null, includeVoided: false, filters: [], date: null, sort, dir, after: null, limit: 50, audit } as const;
  const fullPlan = {
    ...basePlan,
    filters: (type.opts.filterable ?? []).map((p) => ({ col: t.col(p), value: null })),
    date: date ? { col: date, from: 'from', to: 'to' } : null,
    after: { v: null, id: 'id' },
  };
  // A create through RecordService names its operation (and warrant) and has them checked in the insert.
  const checks = [
    ...(t.byProp.has('operationId') ? [{ visibleSql: (id: string, scope: string) => sql.visibleSql(operation, id, scope) }] : []),
    ...(t.byProp.has('warrantId') ? [{ visibleSql: (id: string, scope: string) => sql.visibleSql(warrant, id, scope) }] : []),
  ];
  const refs = ['operationId', 'warrantId'].filter((p) => t.byProp.has(p));
  const out = [
    `-- The statements RecordStore sends for ${type.file} records (store options ${type.options}).`,
    '-- Generated by src/core/records/sql/record-sql.spec.ts: do not edit; regenerate with',
    '--   UPDATE_SQL_SNAPSHOTS=1 npx jest src/core/records/sql/record-sql.spec.ts',
    '',
    section('get: the group-commit read batch', '$1 the batch (JSON), $2 the entity type', sql.readBatchStatement(t).text),
    section('list: the first page, default sort', 'the scope, then the audit event', sql.listStatement(t, basePlan).text),
    section(
      'list: every filter, the date range, after a cursor',
      'the scope, each filter, from, to, the cursor (value, id), then the audit event',
      sql.listStatement(t, fullPlan).text,
    ),
    section(
      'create, one record (inside a transaction, or with a database-assigned id)',
      'each column, then the audit event',
      sql.createStatement(
        t,
        writable,
        writable.map(() => null),
        audit,
      ).text,
    ),
    section(
      `createIf: the group-commit create batch, every column${refs.length ? `, naming ${refs.join(' and ')}` : ''}`,
      '$1 the batch (JSON), $2 the entity type',
      sql.createBatchStatement(t, [t.col('id'), ...writable], checks).text,
    ),
    section('update/void: lock the record when it is in scope', '$1 the id, $2 the scope', sql.lockVisibleStatement(t).text),
    section(
      'update, every field',
      '$1 the id, $2 the actor, then each column',
      sql.updateStatement(
        t,
        'id',
        'actor',
        writable.filter((c) => !['createdBy', 'updatedBy'].includes(c.prop)).map((col) => ({ col, value: null })),
      ).text,
    ),
  ];
  if (t.voidable) out.push(section('void', '$1 the id, $2 the actor, $3 the reason', sql.voidStatement(t).text));
  out.push(
    section('isVisible: a reference check', t.scope ? '$1 the id, $2 the scope' : '$1 the id', sql.isVisibleStatement(t).text),
    section(
      'visibleSql: the same check inside another statement (here over $1 and $2)',
      'as the enclosing statement',
      `SELECT ${sql.visibleSql(t, '$1', '$2')}`,
    ),
  );
  if (refs.length) out.push(section(`storedValues(${refs.join(', ')})`, '$1 the id, $2 the scope (null: unscoped)', sql.storedValuesStatement(t, refs).text));
  out.push(section('a refused write, audited after the rollback (every audit insert)', 'as auditParams() gives them', AUDIT_INSERT_SQL));
  return out.join('\n');
}

describe('record statements (docs/sql/*.sql)', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await offlineDataSource();
  });

  it('builds the tables without a database', () => {
    expect(ds.isInitialized).toBe(false);
  });

  it.each(TYPES)('$file: every statement matches docs/sql/$file.sql', (type) => {
    const text = statementsOf(ds, type);
    const file = join(DOCS, `${type.file}.sql`);
    if (UPDATE) {
      mkdirSync(DOCS, { recursive: true });
      writeFileSync(file, text);
    }
    expect(existsSync(file)).toBe(true);
    // On failure: a statement changed. Review docs/sql/ after regenerating (see the top of this file).
    expect(text).toBe(readFileSync(file, 'utf8'));
  });

  it.each(TYPES)('$file: the variable statements number exactly the parameters they carry', (type) => {
    const t = new RecordTable(ds, type.entity, type.opts);
    const audit = AUDIT_COLUMNS.map(() => null);
    const sort = t.col(type.opts.defaultSort ?? 'createdAt');
    const filters = (type.opts.filterable ?? []).map((p) => ({ col: t.col(p), value: p }));
    const date = type.opts.dateProperty ? { col: t.col(type.opts.dateProperty), from: 'a', to: 'b' } : null;
    const cols = [...t.byProp.values()].filter((c) => !STAMPED.has(c.prop));
    const highest = (text: string) => Math.max(0, ...[...text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
    for (const s of [
      sql.listStatement(t, { scope: ['u'], includeVoided: true, filters, date, sort, dir: 'ASC', after: { v: 'v', id: 'i' }, limit: 5, audit }),
      sql.createStatement(
        t,
        cols,
        cols.map((c) => c.prop),
        audit,
      ),
      sql.updateStatement(
        t,
        'id',
        'actor',
        cols.map((col) => ({ col, value: col.prop })),
      ),
    ]) {
      expect(highest(s.text)).toBe(s.params.length);
    }
  });
});
