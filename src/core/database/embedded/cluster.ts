import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { freePort } from '../free-port';
import { OsUser } from './os-user';
import { EmbeddedDatabaseError, explainFailure } from './start-failure';

export interface ClusterSpec {
  /** The PostgreSQL installation: bin/, lib/, share/. */
  installDir: string;
  /** The data folder (PGDATA). */
  pgDir: string;
  /** Set when running as root: the unprivileged account PostgreSQL runs as. */
  runAs?: OsUser;
  /** Name for messages of the account PostgreSQL runs as. */
  userName: string;
  superuser: string;
  password: string;
  /** Extra `-c name=value` settings. */
  settings: Record<string, string>;
  log: (line: string) => void;
}

export interface RunningCluster {
  port: number;
  stop(): Promise<void>;
}

// Messages in English whatever the machine's locale: readiness is read from PostgreSQL's log.
const ENV = { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C', LANG: 'C' };
/** Lines of PostgreSQL's own output kept to explain a failure. */
const KEPT_LINES = 60;

function identity(spec: ClusterSpec): { uid?: number; gid?: number } {
  return spec.runAs ? { uid: spec.runAs.uid, gid: spec.runAs.gid } : {};
}

/** Runs one of PostgreSQL's programs to its end; rejects with the failure explained. */
function run(spec: ClusterSpec, program: string, args: string[], port?: number): Promise<void> {
  return new Promise((ok, fail) => {
    let output = '';
    const child = spawn(join(spec.installDir, 'bin', program), args, { ...identity(spec), env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    const take = (d: Buffer) => {
      output = (output + d.toString()).slice(-20_000);
      for (const line of d.toString().split('\n')) if (line.trim()) spec.log(line.trim());
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.once('error', (e: NodeJS.ErrnoException) => fail(explainFailure(`${e.code ?? ''} ${e.message}`, { pgDir: spec.pgDir, port, user: spec.userName })));
    child.once('close', (code) => (code === 0 ? ok() : fail(explainFailure(output, { pgDir: spec.pgDir, port, user: spec.userName }))));
  });
}

/** A new, empty data folder owned by the database's account; the superuser password never on argv. */
export async function initCluster(spec: ClusterSpec): Promise<void> {
  const pwfile = join(dirname(spec.pgDir), `.pg-password-${randomBytes(6).toString('hex')}`);
  try {
    mkdirSync(spec.pgDir, { recursive: true, mode: 0o700 });
    if (spec.runAs) chownSync(spec.pgDir, spec.runAs.uid, spec.runAs.gid);
    writeFileSync(pwfile, `${spec.password}\n`, { mode: 0o600 });
    if (spec.runAs) chownSync(pwfile, spec.runAs.uid, spec.runAs.gid);
  } catch (e) {
    const { code, message } = e as NodeJS.ErrnoException;
    if (code === 'EEXIST' || code === 'ENOTDIR')
      throw new EmbeddedDatabaseError(`${spec.pgDir} exists but is not a folder: move it away and start Haven again.`);
    throw explainFailure(`${code ?? ''} ${message}`, { pgDir: spec.pgDir, user: spec.userName });
  }
  try {
    await run(spec, 'initdb', [
      `--pgdata=${spec.pgDir}`,
      '--auth=scram-sha-256',
      `--username=${spec.superuser}`,
      `--pwfile=${pwfile}`,
      '--encoding=UTF8',
      '--locale=C',
      '--lc-messages=C',
    ]);
  } finally {
    rmSync(pwfile, { force: true });
  }
}

export const isInitialised = (pgDir: string): boolean => existsSync(join(pgDir, 'PG_VERSION'));

/** Owner of an existing data folder: PostgreSQL must run as it. */
export function ownerOf(path: string): { uid: number; gid: number } {
  const st = statSync(path);
  return { uid: st.uid, gid: st.gid };
}

function startOnce(spec: ClusterSpec, port: number): Promise<ChildProcess> {
  const settings = { listen_addresses: '127.0.0.1', unix_socket_directories: '', ...spec.settings };
  const args = ['-D', spec.pgDir, '-p', String(port), ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
  return new Promise((ok, fail) => {
    const lines: string[] = [];
    let ready = false;
    const child = spawn(join(spec.installDir, 'bin', 'postgres'), args, { ...identity(spec), env: ENV, stdio: ['ignore', 'ignore', 'pipe'] });
    let pending = '';
    child.stderr!.on('data', (d: Buffer) => {
      pending += d.toString();
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      for (const raw of parts) {
        const line = raw.trim();
        if (!line) continue;
        spec.log(line);
        if (!ready) {
          lines.push(line);
          if (lines.length > KEPT_LINES) lines.shift();
          if (line.includes('database system is ready to accept connections')) {
            ready = true;
            ok(child);
          }
        }
      }
    });
    child.once('error', (e: NodeJS.ErrnoException) => fail(explainFailure(`${e.code ?? ''} ${e.message}`, { pgDir: spec.pgDir, port, user: spec.userName })));
    child.once('exit', () => {
      if (!ready) fail(explainFailure(lines.join('\n') + pending, { pgDir: spec.pgDir, port, user: spec.userName }));
    });
  });
}

/**
 * Starts PostgreSQL on a free port of 127.0.0.1 (TCP only: no Unix socket, so no shared socket
 * folder is needed) and waits until it accepts connections. A port another program took between
 * choosing and binding is retried with a new one.
 */
export async function startCluster(spec: ClusterSpec): Promise<RunningCluster> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      const child = await startOnce(spec, port);
      // If this process ends without stopping it (an uncaught error), PostgreSQL still gets a
      // fast shutdown instead of running on as an orphan.
      const onExit = () => child.kill('SIGINT');
      process.once('exit', onExit);
      return {
        port,
        stop: () =>
          new Promise<void>((ok) => {
            process.removeListener('exit', onExit);
            if (child.exitCode !== null || child.signalCode !== null) return ok();
            const force = setTimeout(() => child.kill('SIGKILL'), 30_000);
            child.once('exit', () => {
              clearTimeout(force);
              ok();
            });
            // SIGINT is PostgreSQL's fast shutdown: roll back open transactions, checkpoint, exit.
            child.kill('SIGINT');
          }),
      };
    } catch (e) {
      const portTaken = e instanceof EmbeddedDatabaseError && e.message.startsWith('Port ');
      if (!portTaken || attempt >= 3) throw e;
    }
  }
}
