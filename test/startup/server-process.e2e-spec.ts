import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runToExit, startServer, startSystemPostgres, systemPostgresBin, tempDir } from '../support/server-process';

const ADMIN = { HAVEN_ADMIN_USERNAME: 'ops.admin', HAVEN_ADMIN_PASSWORD: 'Start-Up-Passphrase-42' };

async function login(base: string) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: ADMIN.HAVEN_ADMIN_USERNAME, password: ADMIN.HAVEN_ADMIN_PASSWORD }),
  });
  return { status: res.status, body: (await res.json()) as { accessToken: string } };
}

describe('the server as a process, on the embedded database', () => {
  const dataDir = tempDir('haven-start-');
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts, keeps its data between starts, and stops cleanly on SIGTERM', async () => {
    const first = await startServer({ ...ADMIN, DATA_DIR: dataDir, DATABASE_URL: undefined, JWT_SECRET: undefined });
    const health = await fetch(`${first.base}/health`);
    expect(health.status).toBe(200);
    const { status, body } = await login(first.base);
    expect(status).toBe(200);
    const unit = await fetch(`${first.base}/api/v1/units`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${body.accessToken}` },
      body: JSON.stringify({ code: 'BCU-KEPT', name: 'Kept between starts', kind: 'borough' }),
    });
    expect(unit.status).toBe(201);
    expect(first.output()).toContain('created the first admin');
    const stopped = await first.stop('SIGTERM');
    expect(stopped.code).toBe(0);
    expect(first.output()).toContain('stopped cleanly');
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    const second = await startServer({ ...ADMIN, DATA_DIR: dataDir, DATABASE_URL: undefined, JWT_SECRET: undefined });
    expect(second.output()).not.toContain('initialising embedded PostgreSQL');
    expect(second.output()).not.toContain('applied migrations');
    expect(second.output()).not.toContain('created the first admin');
    // The token from the first run still verifies: the JWT secret was kept in DATA_DIR.
    const units = await fetch(`${second.base}/api/v1/units`, { headers: { authorization: `Bearer ${body.accessToken}` } });
    expect(units.status).toBe(200);
    expect(JSON.stringify(await units.json())).toContain('BCU-KEPT');
    const stop2 = await second.stop('SIGINT');
    expect(stop2.code).toBe(0);
    process.stdout.write(
      `[start-up] embedded, first start ${first.startMs} ms (initdb included), second start ${second.startMs} ms; stops took ${stopped.ms} / ${stop2.ms} ms\n`,
    );
  });

  it('refuses to start on bad configuration, naming the variable', async () => {
    const port = await runToExit({ PORT: 'eighty', DATA_DIR: dataDir });
    expect(port.code).toBe(1);
    expect(port.output).toMatch(/PORT/);
    const secret = await runToExit({ JWT_SECRET: 'short', DATA_DIR: dataDir });
    expect(secret.code).toBe(1);
    expect(secret.output).toMatch(/JWT_SECRET must be at least 32 characters/);
    const admin = await runToExit({ HAVEN_ADMIN_USERNAME: 'x.admin', DATA_DIR: dataDir });
    expect(admin.code).toBe(1);
    expect(admin.output).toMatch(/HAVEN_ADMIN_USERNAME and HAVEN_ADMIN_PASSWORD must be set together/);
  });
});

describe('the server as a process, on an external PostgreSQL (DATABASE_URL)', () => {
  const bin = systemPostgresBin();
  const required = process.env.HAVEN_REQUIRE_EXTERNAL_PG === '1';
  if (!bin && !required) {
    it.skip("needs Debian's postgresql package (CI installs it)", () => undefined);
    return;
  }

  it('runs the migrations there and serves the same API', async () => {
    expect(bin).not.toBeNull();
    const pg = await startSystemPostgres(bin!);
    try {
      const server = await startServer({ ...ADMIN, DATABASE_URL: pg.url, DATA_DIR: tempDir('haven-ext-data-'), JWT_SECRET: 'x'.repeat(40) });
      expect(server.output()).toContain('applied migrations');
      expect(server.output()).not.toContain('embedded PostgreSQL');
      expect((await fetch(`${server.base}/health`)).status).toBe(200);
      expect((await login(server.base)).status).toBe(200);
      expect((await server.stop()).code).toBe(0);
      process.stdout.write(`[start-up] external ${pg.version}: start ${server.startMs} ms\n`);
    } finally {
      pg.stop();
    }
  });
});
