// Starts one real PostgreSQL for the whole test run: the operator's DATABASE_URL when given,
// otherwise an embedded one, started by the server's own launcher (built into dist/ by
// `npm test` before Jest runs), so the tests meet exactly what `npm start` meets: as root in a
// private folder too. This file is .mjs because Jest loads global setup with native import.
import { existsSync, mkdtempSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LAUNCHER = join(ROOT, 'dist', 'src', 'core', 'database', 'embedded-postgres.js');

function fail(sentence) {
  process.stderr.write(`\nThe tests cannot start their database: ${sentence}\n`);
  process.exit(1);
}

export default async function globalSetup() {
  const started = Date.now();
  if (process.env.DATABASE_URL) {
    process.env.HAVEN_TEST_ADMIN_URL = process.env.DATABASE_URL;
    process.env.HAVEN_TEST_DB_KIND = 'external';
  } else {
    if (!existsSync(LAUNCHER)) fail('dist/ is missing: run "npm run build" first (npm test does it for you).');
    const { startEmbeddedPostgres } = (await import(LAUNCHER)).default;
    let dir;
    try {
      dir = mkdtempSync(join(tmpdir(), 'haven-test-pg-'));
    } catch (e) {
      fail(`no temporary folder could be made in ${tmpdir()} (${e.code}): set TMPDIR to a folder you may write to.`);
    }
    // The database's own folder inside is made by the launcher, for the user PostgreSQL runs as.
    chmodSync(dir, 0o711);
    try {
      const db = await startEmbeddedPostgres({
        dataDir: dir,
        password: 'test-only-password',
        database: 'postgres',
        // Test data is thrown away: trade durability for speed here, never in the server.
        settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '300' },
      });
      globalThis.__HAVEN_PG__ = { db, dir };
      process.env.HAVEN_TEST_ADMIN_URL = db.url;
      process.env.HAVEN_TEST_DB_KIND = 'embedded';
    } catch (e) {
      fail(e && e.name === 'EmbeddedDatabaseError' ? e.message : String(e && e.message ? e.message : e));
    }
  }
  process.stdout.write(`\n[test db] ${process.env.HAVEN_TEST_DB_KIND} PostgreSQL ready in ${Date.now() - started} ms\n`);
}
