import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../src/core/database/embedded-postgres';
import { freePort } from '../src/core/database/free-port';
export { freePort };

/** The database a bench run uses: an owner login (migrations, generator) and the server's login. */
export interface BenchDatabase {
  kind: 'embedded' | 'external';
  /** Owner login: runs migrations, the generator and ANALYZE. */
  ownerUrl: string;
  /** The server's login (least privilege on the embedded database); the ceiling loops use it too. */
  appUrl: string;
  stop(): Promise<void>;
}

/** A temp folder the `postgres` user can reach when the bench runs as root. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o711);
  return dir;
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * A fresh database for one bench run. With DATABASE_URL: a new database `haven_bench_<hex>` on
 * that server (the login needs CREATEDB), dropped afterwards; the server and the ceiling use that
 * one login. Without: an embedded PostgreSQL (the same binaries and settings the server uses on
 * its own: durable, fsync on) in a temp folder, with a least-privilege `haven_app` login for the
 * server, as the server's own embedded mode does.
 */
export async function startBenchDatabase(externalUrl: string | undefined, log: (s: string) => void): Promise<BenchDatabase> {
  if (externalUrl) {
    const name = `haven_bench_${randomBytes(4).toString('hex')}`;
    const admin = new Client({ connectionString: externalUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${ident(name)}`);
    } finally {
      await admin.end();
    }
    const u = new URL(externalUrl);
    u.pathname = `/${name}`;
    log(`external PostgreSQL: fresh database ${name}`);
    return {
      kind: 'external',
      ownerUrl: u.toString(),
      appUrl: u.toString(),
      stop: async () => {
        const c = new Client({ connectionString: externalUrl });
        await c.connect();
        try {
          await c.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`);
        } finally {
          await c.end();
        }
      },
    };
  }
  const dir = tempDir('haven-bench-pg-');
  const password = randomBytes(12).toString('hex');
  const t0 = Date.now();
  // The server's own launcher and settings: durable commits, as in production.
  const pg = await startEmbeddedPostgres({ dataDir: dir, password, database: 'haven' });
  const ownerUrl = pg.url;
  const appPassword = randomBytes(12).toString('hex');
  const c = new Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    await c.query(`CREATE ROLE haven_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '${appPassword}'`);
  } finally {
    await c.end();
  }
  log(`embedded PostgreSQL ready in ${Date.now() - t0} ms (${dir})`);
  return {
    kind: 'embedded',
    ownerUrl,
    appUrl: Object.assign(new URL(ownerUrl), { username: 'haven_app', password: appPassword }).toString(),
    stop: async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
      if (!pg.pgDir.startsWith(dir)) rmSync(dirname(pg.pgDir), { recursive: true, force: true });
    },
  };
}
