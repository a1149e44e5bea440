import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The server the test run started (see test/setup/global-setup.mjs), as its superuser. */
export function adminUrl(): string {
  const url = process.env.HAVEN_TEST_ADMIN_URL;
  if (!url) throw new Error('HAVEN_TEST_ADMIN_URL is not set: run the tests through jest (npm test)');
  return url;
}

export function urlFor(database: string): string {
  const u = new URL(adminUrl());
  u.pathname = `/${database}`;
  return u.toString();
}

/** A fresh, empty database for one test file, so files never see each other's rows. */
export async function createDatabase(prefix = 'haven_t'): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const c = new Client({ connectionString: adminUrl() });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  return {
    name,
    url: urlFor(name),
    drop: async () => {
      const d = new Client({ connectionString: adminUrl() });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    },
  };
}

/** A superuser connection to a test database, for what the app itself must not be able to do. */
export async function superuser(url: string): Promise<Client> {
  const c = new Client({ connectionString: url });
  await c.connect();
  return c;
}
