import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { createDatabase } from '../support/test-database';
import { runMigrations } from '../../src/core/database/migrate';

const run = promisify(execFile);
const SEED = join(resolve(__dirname, '..', '..'), 'dist', 'src', 'seed', 'seed-demo.js');

describe('npm run seed:demo', () => {
  it('loads a typical published week through the audited services, then refuses a second load', async () => {
    const db = await createDatabase();
    await runMigrations(db.url);
    const env = { ...process.env, DATABASE_URL: db.url, JWT_SECRET: 'x'.repeat(40), LOG_LEVEL: 'error' };
    const c = new Client({ connectionString: db.url });
    await c.connect();
    try {
      const t0 = Date.now();
      const first = await run(process.execPath, [SEED, '2021-W09'], { env });
      const ms = Date.now() - t0;
      expect(first.stdout).toContain('Demo data for 2021-W09');
      expect(first.stdout.match(/^ {2}demo\.\S+/gm)).toHaveLength(7);
      // Two central supervisors: one submits a return, the other approves it (four eyes).
      expect(first.stdout).toMatch(/^ {2}demo\.supervisor2 +supervisor +CENTRAL /m);
      const q = async (sql: string) => Number((await c.query(sql)).rows[0].n);
      const week = `executed_at >= '2021-03-01T00:00:00Z' AND executed_at < '2021-03-08T00:00:00Z'`;
      expect(await q(`SELECT count(*) AS n FROM units`)).toBe(13);
      expect(await q(`SELECT count(*) AS n FROM warrants WHERE status = 'executed' AND ${week}`)).toBe(64);
      expect(await q(`SELECT count(*) AS n FROM arrests`)).toBe(31);
      expect(await q(`SELECT count(*) AS n FROM exhibits`)).toBe(264);
      expect(await q(`SELECT count(*) AS n FROM safeguarding_visits`)).toBe(33);
      expect(await q(`SELECT count(*) AS n FROM referrals`)).toBe(50);
      expect(await q(`SELECT (SELECT sum(children_safeguarded) FROM warrants) + (SELECT sum(children_safeguarded) FROM safeguarding_visits) AS n`)).toBe(68);
      // Every record was created through the store, so each has its create event.
      const unaudited = await q(`SELECT count(*) AS n FROM (
        SELECT id FROM warrants UNION ALL SELECT id FROM arrests UNION ALL SELECT id FROM exhibits
        UNION ALL SELECT id FROM safeguarding_visits UNION ALL SELECT id FROM referrals UNION ALL SELECT id FROM exhibit_movements) r
        WHERE NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.entity_id = r.id AND e.action = 'create')`);
      expect(unaudited).toBe(0);
      const passwords = await q(`SELECT count(*) AS n FROM users WHERE password_hash LIKE '$argon2id$%'`);
      expect(passwords).toBe(7);
      // The printed demo passwords sign in as they are: not one-time, nothing waiting for approval.
      expect(await q(`SELECT count(*) AS n FROM users WHERE must_change_password OR awaiting_approval OR disabled`)).toBe(0);
      const again = await run(process.execPath, [SEED], { env }).then(
        () => null,
        (e: { code: number; stderr: string }) => e,
      );
      expect(again?.code).toBe(1);
      expect(again?.stderr).toMatch(/already holds \d+ case records/);
      process.stdout.write(`[seed:demo] loaded in ${ms} ms (process start to exit, migrations already applied)\n`);
    } finally {
      await c.end();
      await db.drop();
    }
  });
});
