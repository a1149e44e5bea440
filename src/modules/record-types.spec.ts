import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { getMetadataArgsStorage } from 'typeorm';
import { roleHas } from '../core/auth/roles';
import { FIGURE_KEYS } from './figures/figures';
import { RECORD_TYPES } from './record-types';

const ROOT = join(__dirname, '..', '..');
const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The properties an entity maps to columns, its base classes' included. */
function columnsOf(entity: object): Set<string> {
  const targets = new Set<unknown>();
  for (let t: unknown = entity; t && t !== Function.prototype; t = Object.getPrototypeOf(t)) targets.add(t);
  return new Set(
    getMetadataArgsStorage()
      .columns.filter((c) => targets.has(c.target))
      .map((c) => c.propertyName),
  );
}

describe('the record types, as described', () => {
  it('name each type, path and permission once', () => {
    for (const key of ['entityType', 'path'] as const) expect(new Set(RECORD_TYPES.map((t) => t[key])).size).toBe(RECORD_TYPES.length);
    const permissions = RECORD_TYPES.flatMap((t) => [t.permissions.read, t.permissions.write]);
    expect(new Set(permissions).size).toBe(permissions.length);
  });

  it('filter, sort and date only by columns the entity has', () => {
    for (const t of RECORD_TYPES) {
      const columns = columnsOf(t.entity);
      const named = [...t.storeOptions.filterable!, ...(t.store.sortable ?? []), t.store.dateProperty, t.store.defaultSort].filter((p): p is string => !!p);
      expect({ type: t.entityType, missing: named.filter((p) => !columns.has(p)) }).toEqual({ type: t.entityType, missing: [] });
    }
  });

  it('show only fields the entity maps, and filter by what the list query validates', () => {
    for (const t of RECORD_TYPES) {
      const columns = columnsOf(t.entity);
      expect({ type: t.entityType, missing: t.pages.fields.map((f) => f.name).filter((n) => !columns.has(n)) }).toEqual({ type: t.entityType, missing: [] });
      const validated = new Set(
        getMetadataStorage()
          .getTargetValidationMetadatas(t.listQuery, '', true, false)
          .map((m) => m.propertyName),
      );
      const wanted = [...t.filters.map((f) => f.name), 'unitId', 'from', 'to', 'limit', 'cursor'];
      expect({ type: t.entityType, undeclared: wanted.filter((n) => !validated.has(n)) }).toEqual({ type: t.entityType, undeclared: [] });
    }
  });

  it('feed every weekly-return figure, each by a date column of the record', () => {
    const feeds = RECORD_TYPES.flatMap((t) => t.returns.map((r) => ({ type: t, ...r })));
    expect([...new Set(feeds.map((f) => f.figure))].sort()).toEqual([...FIGURE_KEYS].sort());
    for (const f of feeds) {
      const columns = columnsOf(f.type.entity);
      expect({ figure: f.figure, date: columns.has(f.date), summed: typeof f.counts === 'object' ? columns.has(f.counts.sum) : true }).toEqual({
        figure: f.figure,
        date: true,
        summed: true,
      });
    }
  });

  it('give officers and supervisors each record type as its description says, and nobody else', () => {
    for (const t of RECORD_TYPES) {
      expect([t.entityType, roleHas('officer', t.permissions.read), roleHas('supervisor', t.permissions.read)]).toEqual([t.entityType, true, true]);
      expect([t.entityType, roleHas('officer', t.permissions.write), roleHas('supervisor', t.permissions.write)]).toEqual([
        t.entityType,
        t.writtenBy === 'officer',
        true,
      ]);
      for (const role of ['auditor', 'admin'] as const) {
        expect([t.entityType, role, roleHas(role, t.permissions.read), roleHas(role, t.permissions.write)]).toEqual([t.entityType, role, false, false]);
      }
    }
  });

  it('are the figures docs/counting-rules.md gives, each by the dates the descriptions name', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'counting-rules.md'), 'utf8');
    for (const t of RECORD_TYPES) {
      for (const r of t.returns) {
        const row = doc.split('\n').find((l) => l.startsWith(`| \`${r.figure}\` |`)) ?? '';
        expect({ type: t.entityType, figure: r.figure, dated: row.includes(`\`${snake(r.date)}\``) }).toEqual({
          type: t.entityType,
          figure: r.figure,
          dated: true,
        });
      }
    }
  });

  it('each have the conformance battery (test/records/<path>.e2e-spec.ts)', () => {
    for (const t of RECORD_TYPES) {
      const spec = join(ROOT, 'test', 'records', `${t.path}.e2e-spec.ts`);
      const text = existsSync(spec) ? readFileSync(spec, 'utf8') : '';
      expect({ type: t.entityType, battery: text.includes('describeRecordType(') && text.includes(`path: '${t.path}'`) }).toEqual({
        type: t.entityType,
        battery: true,
      });
    }
  });
});
