import { rmSync } from 'node:fs';
import { startServer, tempDir } from '../support/server-process';

describe('secrets never reach the logs', () => {
  it('logs requests (with their ids) but never a password, a token or the signing key, even at trace level', async () => {
    const dataDir = tempDir('haven-logs-');
    const password = 'Log-Test-Passphrase-73';
    const jwtSecret = 'k'.repeat(20) + 'secret-in-env-never-logged';
    const server = await startServer({
      DATA_DIR: dataDir,
      DATABASE_URL: undefined,
      JWT_SECRET: jwtSecret,
      LOG_LEVEL: 'trace',
      HAVEN_ADMIN_USERNAME: 'log.admin',
      HAVEN_ADMIN_PASSWORD: password,
    });
    try {
      const login = await fetch(`${server.base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': '00000000-0000-4000-8000-00000000109a' },
        body: JSON.stringify({ username: 'log.admin', password }),
      });
      const { accessToken } = (await login.json()) as { accessToken: string };
      await fetch(`${server.base}/api/v1/users`, {
        headers: { authorization: `Bearer ${accessToken}`, 'x-request-id': '00000000-0000-4000-8000-00000000109b' },
      });
      await fetch(`${server.base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'log.admin', password: 'Wrong-But-Secret-99' }),
      });
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
    const out = server.output();
    expect(out).toContain('00000000-0000-4000-8000-00000000109b'); // request lines are there, with their ids
    for (const secret of [password, 'Wrong-But-Secret-99', jwtSecret]) expect(out).not.toContain(secret);
    expect(out).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/); // no JWT
    expect(out).not.toMatch(/\$argon2id\$/);
  });
});
