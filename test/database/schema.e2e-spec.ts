import { createTestApp, TestApp } from '../support/test-app';

describe('the schema', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ fixtures: false });
  });
  afterAll(() => t.close());

  it('is exactly what the entities describe: the migrations leave nothing to generate', async () => {
    const pending = await t.db.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('has no column that could hold a file: no bytea, large object, or unbounded text', async () => {
    const rows: { table_name: string; column_name: string; data_type: string; character_maximum_length: number | null }[] = await t.db.query(
      `SELECT table_name, column_name, data_type, character_maximum_length FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> 'migrations'`,
    );
    expect(rows.filter((r) => ['bytea', 'oid', 'text', 'xml'].includes(r.data_type))).toEqual([]);
    expect(rows.filter((r) => r.data_type === 'character varying' && (r.character_maximum_length ?? 0) > 1000)).toEqual([]);
  });

  it('can be rolled back migration by migration and applied again', async () => {
    const count = (await t.db.query('SELECT count(*)::int AS n FROM migrations'))[0].n;
    expect(count).toBeGreaterThan(1);
    for (let i = 0; i < count; i++) await t.db.undoLastMigration({ transaction: 'each' });
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`);
    expect(n).toBe(0);
    const applied = await t.db.runMigrations({ transaction: 'each' });
    expect(applied).toHaveLength(count);
  });
});
