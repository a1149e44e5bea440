import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, tempDir } from '../support/server-process';

/**
 * The README's start command on the machines people have: root with the clone in a private
 * folder (mode 0700, as /root is), and an ordinary user. Each runs the built server as a process
 * from its own copy of the project (dist/, package.json, node_modules), with the default DATA_DIR.
 */
const ROOT = resolve(__dirname, '..', '..');
const asRoot = process.getuid?.() === 0;
const ADMIN = { HAVEN_ADMIN_USERNAME: 'fresh.admin', HAVEN_ADMIN_PASSWORD: 'Fresh-Machine-Passphrase-7' };
const NOBODY = { uid: 65534, gid: 65534 };

/** dist/, package.json and node_modules into `dir`: node_modules hard-linked when it can be. */
function copyProject(dir: string): void {
  cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  const linked = spawnSync('cp', ['-al', join(ROOT, 'node_modules'), join(dir, 'node_modules')]);
  if (linked.status !== 0) execFileSync('cp', ['-a', join(ROOT, 'node_modules'), join(dir, 'node_modules')]);
}

interface Started {
  base: string;
  output: () => string;
  msToHealthy: number;
  stop(): Promise<number | null>;
}

async function start(cwd: string, env: Record<string, string>, user?: { uid: number; gid: number }): Promise<Started> {
  const port = await freePort();
  const childEnv: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: env.HOME ?? cwd, LOG_LEVEL: 'info', ...env, PORT: String(port) };
  const t0 = Date.now();
  const proc = spawn(process.execPath, ['dist/src/main.js'], { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], ...(user ?? {}) });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d.toString()));
  proc.stderr!.on('data', (d) => (out += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`the server exited with ${proc.exitCode}:\n${out}`);
    if (Date.now() - t0 > 90_000) throw new Error(`no healthy /health after 90 s:\n${out}`);
    const ok = await fetch(`${base}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const msToHealthy = Date.now() - t0;
  return {
    base,
    output: () => out,
    msToHealthy,
    stop: () =>
      new Promise((ok) => {
        if (proc.exitCode !== null) return ok(proc.exitCode);
        proc.once('exit', (code) => ok(code));
        proc.kill('SIGTERM');
      }),
  };
}

/** Sign in as the first admin, make a unit and read it back: the database really works. */
async function useIt(base: string): Promise<void> {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: ADMIN.HAVEN_ADMIN_USERNAME, password: ADMIN.HAVEN_ADMIN_PASSWORD }),
  });
  expect(login.status).toBe(200);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const auth = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
  const made = await fetch(`${base}/api/v1/units`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ code: 'BCU-FRESH', name: 'Fresh machine', kind: 'borough' }),
  });
  expect(made.status).toBe(201);
  const { id } = (await made.json()) as { id: string };
  const read = await fetch(`${base}/api/v1/units/${id}`, { headers: auth });
  expect(read.status).toBe(200);
}

const mode = (path: string) => statSync(path).mode & 0o777;

describe('npm start on a fresh machine', () => {
  if (!asRoot) {
    // Run by an ordinary user, this whole suite (and the server-process spec) is that case.
    it.skip('as root in a 0700 folder, and as an unprivileged user: needs root to switch users', () => undefined);
    return;
  }

  it('as root, from a clone in a folder only root may enter (mode 0700, like /root)', async () => {
    const home = mkdtempSync(join(ROOT, '.private-home-'));
    chmodSync(home, 0o700);
    const app = join(home, 'haven');
    mkdirSync(app, { mode: 0o700 });
    // Where Haven keeps what the database user must reach; a fresh one, so the copy is made anew.
    const system = tempDir('haven-system-');
    chmodSync(system, 0o755);
    try {
      copyProject(app);
      const server = await start(app, { ...ADMIN, HAVEN_SYSTEM_DIR: system });
      try {
        await useIt(server.base);
        const link = join(app, '.haven', 'pg');
        expect(lstatSync(link).isSymbolicLink()).toBe(true);
        const pgDir = readlinkSync(link);
        expect(pgDir.startsWith(join(system, 'data'))).toBe(true);
        expect(server.output()).toContain(`${link} links there`);
        // PostgreSQL ran as the unprivileged postgres user, from its own copy of the programs.
        expect(statSync(pgDir).uid).not.toBe(0);
        const copies = readdirSync(system).filter((d) => d.startsWith('postgresql-'));
        expect(copies).toHaveLength(1);
        expect(existsSync(join(system, copies[0], 'bin', 'postgres'))).toBe(true);
        // The user's folders were left as they were.
        expect(mode(home)).toBe(0o700);
        expect(mode(app)).toBe(0o700);
        process.stdout.write(
          `[fresh machine] root in a 0700 folder: ${server.msToHealthy} ms from start to a healthy /health (fresh data folder, first copy of the programs)\n`,
        );
      } finally {
        expect(await server.stop()).toBe(0);
      }
      // A second start finds the same data through the link.
      const again = await start(app, { ...ADMIN, HAVEN_SYSTEM_DIR: system });
      expect(again.output()).not.toContain('initialising embedded PostgreSQL');
      expect(await again.stop()).toBe(0);
    } finally {
      rmSync(home, { recursive: true, force: true });
      rmSync(system, { recursive: true, force: true });
    }
  });

  it('as an ordinary (unprivileged) user, with the data in DATA_DIR itself', async () => {
    const where = mkdtempSync(join(tmpdir(), 'haven-user-'));
    chmodSync(where, 0o755);
    const app = join(where, 'haven');
    mkdirSync(app, { mode: 0o755 });
    try {
      copyProject(app);
      // The user's own home, which no one else may enter: DATA_DIR defaults to ./.haven there.
      const home = join(where, 'home');
      mkdirSync(home, { mode: 0o700 });
      chownSync(home, NOBODY.uid, NOBODY.gid);
      const dataDir = join(home, '.haven');
      const nodeOk = spawnSync('test', ['-x', process.execPath], { ...NOBODY }).status === 0;
      const node = nodeOk ? process.execPath : join(where, 'node');
      if (!nodeOk) copyFileSync(process.execPath, node);
      chmodSync(join(app), 0o755);
      const server = await startAs(app, node, { ...ADMIN, HOME: home, DATA_DIR: dataDir });
      try {
        await useIt(server.base);
        expect(lstatSync(join(dataDir, 'pg')).isDirectory()).toBe(true);
        expect(statSync(join(dataDir, 'pg')).uid).toBe(NOBODY.uid);
        expect(server.output()).toContain(`data in ${join(dataDir, 'pg')}`);
        process.stdout.write(`[fresh machine] ordinary user: ${server.msToHealthy} ms from start to a healthy /health (fresh data folder)\n`);
      } finally {
        expect(await server.stop()).toBe(0);
      }
    } finally {
      rmSync(where, { recursive: true, force: true });
    }
  });
});

/** `start`, as the unprivileged user `nobody`, with a node binary that user may run. */
async function startAs(cwd: string, node: string, env: Record<string, string>): Promise<Started> {
  const original = process.execPath;
  Object.defineProperty(process, 'execPath', { value: node, configurable: true });
  try {
    return await start(cwd, env, NOBODY);
  } finally {
    Object.defineProperty(process, 'execPath', { value: original, configurable: true });
  }
}

describe('when the embedded database cannot start', () => {
  it('says what went wrong and what to do in one sentence, and exits non-zero', async () => {
    const dataDir = tempDir('haven-broken-');
    try {
      // A data folder from a PostgreSQL this Haven does not ship.
      mkdirSync(join(dataDir, 'pg'), { mode: 0o700 });
      writeFileSync(join(dataDir, 'pg', 'PG_VERSION'), '9\n');
      writeFileSync(join(dataDir, 'pg', 'postgresql.conf'), '');
      if (asRoot) execFileSync('chown', ['-R', 'postgres:', join(dataDir, 'pg')]);
      const port = await freePort();
      const run = spawnSync(process.execPath, [join(ROOT, 'dist/src/main.js')], {
        env: { PATH: process.env.PATH, DATA_DIR: dataDir, PORT: String(port) },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status).toBe(1);
      const said = `${run.stdout}${run.stderr}`
        .trim()
        .split('\n')
        .filter((l) => !l.startsWith('{'));
      expect(said).toEqual([expect.stringMatching(/^Haven failed to start: The data in .* was written by a different PostgreSQL version .*\.$/)]);
      expect(run.stderr).not.toMatch(/spawn|\n\s+at /);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("the tests' own database set-up does the same", () => {
    const run = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', `import(${JSON.stringify(join(ROOT, 'test/setup/global-setup.mjs'))}).then((m) => m.default())`],
      {
        env: { PATH: process.env.PATH, TMPDIR: '/nonexistent/haven-tmp' },
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      'The tests cannot start their database: no temporary folder could be made in /nonexistent/haven-tmp (ENOENT): set TMPDIR to a folder you may write to.',
    );
  });
});
