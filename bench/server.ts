import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort, tempDir } from './db';

const ROOT = resolve(__dirname, '..');
const MAIN = join(ROOT, 'dist', 'src', 'main.js');

export interface BenchServer {
  proc: ChildProcess;
  pid: number;
  base: string;
  output(): string;
  stop(): Promise<number | null>;
}

/** The built server (dist/src/main.js) as its own process, as an operator runs it. */
export async function startBenchServer(opts: {
  appUrl: string;
  ownerUrl: string;
  adminUsername: string;
  adminPassword: string;
  env?: Record<string, string>;
}): Promise<BenchServer> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first`);
  const port = await freePort();
  const dataDir = tempDir('haven-bench-data-');
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  Object.assign(env, {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    ...opts.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: opts.appUrl,
    DATABASE_MIGRATION_URL: opts.ownerUrl,
    JWT_SECRET: randomBytes(32).toString('hex'),
    HAVEN_ADMIN_USERNAME: opts.adminUsername,
    HAVEN_ADMIN_PASSWORD: opts.adminPassword,
    // The limiter counts per client address; every bench request comes from 127.0.0.1.
    RATE_LIMIT_PER_MINUTE: '10000000',
  });
  const start = startCommand();
  const proc = spawn(process.execPath, [...start.flags, MAIN], { cwd: ROOT, env: { ...start.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start in 120 s:\n${out}`)), 120_000);
    const check = setInterval(() => {
      if (out.includes('Haven listening')) {
        clearInterval(check);
        clearTimeout(timer);
        proc.removeListener('exit', onExit);
        ok();
      }
    }, 20);
    const onExit = (code: number | null) => {
      clearInterval(check);
      clearTimeout(timer);
      fail(new Error(`server exited with ${code} before listening:\n${out}`));
    };
    proc.once('exit', onExit);
  });
  return {
    proc,
    pid: proc.pid!,
    base: `http://127.0.0.1:${port}`,
    output: () => out,
    stop: () =>
      new Promise((ok) => {
        const done = (code: number | null) => {
          rmSync(dataDir, { recursive: true, force: true });
          ok(code);
        };
        if (proc.exitCode !== null) return done(proc.exitCode);
        const kill = setTimeout(() => proc.kill('SIGKILL'), 15_000);
        proc.once('exit', (code) => {
          clearTimeout(kill);
          done(code);
        });
        proc.kill('SIGTERM');
      }),
  };
}

/** Resident and peak resident memory of a process, in MB, from /proc/<pid>/status. */
export function memoryOf(pid: number): { rssMb: number; hwmMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** Samples a process's RSS every `everyMs` until stopped; returns the highest sample. */
export function sampleRss(pid: number, everyMs = 100): { stop(): { maxRssMb: number; hwmMb: number; samples: number } } {
  let max = 0;
  let samples = 0;
  const tick = () => {
    const m = memoryOf(pid);
    if (m && Number.isFinite(m.rssMb)) {
      max = Math.max(max, m.rssMb);
      samples += 1;
    }
  };
  tick();
  const timer = setInterval(tick, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      tick();
      return { maxRssMb: max, hwmMb: memoryOf(pid)?.hwmMb ?? NaN, samples };
    },
  };
}

/**
 * How `npm start` runs the server (its environment settings and Node flags: heap limits, malloc
 * tuning), so the bench measures that server.
 */
function startCommand(): { env: Record<string, string>; flags: string[] } {
  const words = startScript().split(/\s+/);
  const env: Record<string, string> = {};
  for (const w of words.slice(0, words.indexOf('node'))) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(w);
    if (m) env[m[1]] = m[2];
  }
  return { env, flags: words.filter((w) => w.startsWith('--')) };
}

/** The package's `npm start` script. */
export function startScript(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../package.json').scripts.start as string;
}
