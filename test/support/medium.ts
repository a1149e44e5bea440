import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/core/database/data-source';
import { runMigrations } from '../../src/core/database/migrate';
import { Actor } from '../../src/core/auth/actor';
import { RequestContext } from '../../src/core/context/request-context';
import { createDatabase } from './test-database';

/**
 * The middle tier of tests: a service or the store on a real, migrated database, without Nest's
 * HTTP layer, guards or the AppModule. A rule is tested in milliseconds; the e2e tier shows the
 * same rule reaches the API.
 */
export interface MediumDatabase {
  ds: DataSource;
  /** A unit, made directly: its id. */
  unit(code: string, kind?: 'central' | 'borough'): Promise<string>;
  /** A request context for an actor of the given role in a unit (central when the unit is). */
  ctx(role: Actor['role'], unitId: string, central?: boolean): RequestContext;
  close(): Promise<void>;
}

export async function mediumDatabase(): Promise<MediumDatabase> {
  const db = await createDatabase('haven_m');
  await runMigrations(db.url);
  const ds = new DataSource(dataSourceOptions(db.url, { poolSize: 4, applicationName: 'haven-medium-test' }));
  await ds.initialize();
  return {
    ds,
    unit: async (code, kind = 'borough') => {
      const [row] = await ds.query(`INSERT INTO units (code, name, kind) VALUES ($1, $1, $2) RETURNING id`, [code, kind]);
      return row.id as string;
    },
    ctx: (role, unitId, central = false) =>
      new RequestContext({ id: '00000000-0000-4000-8000-000000000001', username: `medium.${role}`, role, unitId, central }, 'medium-test', '127.0.0.1', null),
    close: async () => {
      await ds.destroy();
      await db.drop();
    },
  };
}
