import { ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../src/core/database/free-port';
export { freePort };

const ROOT = resolve(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'src', 'main.js');

/** A temp folder the `postgres` user can reach when the tests run as root. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o711);
  return dir;
}

export interface ServerProcess {
  proc: ChildProcess;
  port: number;
  base: string;
  output: () => string;
  /** Milliseconds from spawn to "listening". */
  startMs: number;
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; ms: number }>;
}

/** Runs the built server (dist/src/main.js) as its own process, as an operator would. */
export async function startServer(env: Record<string, string | undefined>, timeoutMs = 60000): Promise<ServerProcess> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does)`);
  const port = await freePort();
  const childEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, LOG_LEVEL: 'info', ...env, PORT: String(port), HOST: '127.0.0.1' })) {
    if (v !== undefined) childEnv[k] = v;
  }
  const t0 = Date.now();
  const proc = spawn(process.execPath, [MAIN], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d.toString()));
  proc.stderr!.on('data', (d) => (out += d.toString()));
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start in ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const check = setInterval(() => {
      if (out.includes('Haven listening')) {
        clearInterval(check);
        clearTimeout(timer);
        ok();
      }
    }, 20);
    proc.once('exit', (code) => {
      clearInterval(check);
      clearTimeout(timer);
      fail(new Error(`server exited with ${code} before listening:\n${out}`));
    });
  });
  const startMs = Date.now() - t0;
  return {
    proc,
    port,
    base: `http://127.0.0.1:${port}`,
    output: () => out,
    startMs,
    stop: (signal = 'SIGTERM') =>
      new Promise((ok) => {
        const s0 = Date.now();
        if (proc.exitCode !== null) return ok({ code: proc.exitCode, ms: 0 });
        proc.once('exit', (code) => ok({ code, ms: Date.now() - s0 }));
        proc.kill(signal);
      }),
  };
}

/** Runs the built server expecting it to refuse to start; returns its exit code and output. */
export async function runToExit(env: Record<string, string>, timeoutMs = 30000): Promise<{ code: number | null; output: string }> {
  const childEnv = { ...process.env, ...env } as Record<string, string>;
  return new Promise((ok, fail) => {
    const proc = spawn(process.execPath, [MAIN], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout!.on('data', (d) => (out += d.toString()));
    proc.stderr!.on('data', (d) => (out += d.toString()));
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      fail(new Error(`still running after ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      ok({ code, output: out });
    });
  });
}

/** Debian's PostgreSQL server binaries, if installed (the CI script installs them). */
export function systemPostgresBin(): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(base, versions[0], 'bin') : null;
}

/** Starts a throwaway cluster of the system PostgreSQL, as the postgres user when we are root. */
export async function startSystemPostgres(bin: string): Promise<{
  url: string;
  stop(): void;
  version: string;
  /** Fast shutdown without blocking the event loop (for tests that keep load running meanwhile). */
  stopAsync(): Promise<void>;
  /** Starts it again after a stop, on the same port and data, without blocking the event loop. */
  start(): Promise<void>;
}> {
  const dir = tempDir('haven-ext-pg-');
  const data = join(dir, 'data');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { stdio: 'pipe' })
      : execFileSync(join(bin, cmd), args, { stdio: 'pipe' });
  const runAsync = (cmd: string, args: string[]) =>
    new Promise<void>((ok, fail) => {
      const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] : [join(bin, cmd), args];
      execFile(file, argv as string[], (err, _out, stderr) => (err ? fail(new Error(`${cmd} failed: ${err.message}\n${stderr}`)) : ok()));
    });
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C']);
  const startArgs = ['-D', data, '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, '-w', '-l', join(dir, 'log'), 'start'];
  run('pg_ctl', startArgs);
  run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'haven']);
  const version = run('postgres', ['--version']).toString().trim();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/haven`,
    version,
    stop: () => {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    },
    stopAsync: () => runAsync('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']),
    start: () => runAsync('pg_ctl', startArgs),
  };
}
