import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/core/database/data-source';
import { createDatabase, superuser } from '../support/test-database';

/**
 * Postgres can drop a connection while the pool has handed it to someone who is not yet
 * listening (a shutdown under load: the last result and the goodbye arrive in one packet). That
 * must cost the connection, never the process: an 'error' event nobody hears is fatal in Node.
 */
describe('a pooled connection Postgres drops while it is checked out', () => {
  let db: Awaited<ReturnType<typeof createDatabase>>;
  let ds: DataSource;
  let pool: Pool;
  beforeAll(async () => {
    db = await createDatabase();
    ds = await new DataSource(dataSourceOptions(db.url, { poolSize: 2 })).initialize();
    pool = (ds.driver as unknown as { master: Pool }).master;
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('is heard, discarded by the pool, and the next query gets a fresh connection', async () => {
    const client: PoolClient = await pool.connect();
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const pid = rows[0].pid;
    const uncaught: Error[] = [];
    const onUncaught = (e: Error) => uncaught.push(e);
    process.prependListener('uncaughtException', onUncaught);
    try {
      // No listener of ours here: the pool has stopped listening, as it does for any holder.
      const ended = new Promise<string>((ok) => {
        client.once('end', () => ok('ended'));
        setTimeout(() => ok('still open after 5 s'), 5000).unref();
      });
      const admin = await superuser(db.url);
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      await admin.end();
      const outcome = await ended;
      expect(uncaught.map((e) => e.message)).toEqual([]);
      expect(outcome).toBe('ended');
      await expect(client.query('SELECT 1')).rejects.toThrow(/not queryable|terminated|ended/i);
    } finally {
      process.removeListener('uncaughtException', onUncaught);
      client.release(true);
    }

    const again = await ds.query('SELECT pg_backend_pid() AS pid');
    expect(again[0].pid).not.toBe(pid);
  });
});
