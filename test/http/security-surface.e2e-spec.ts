import { randomUUID } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import { bearer, createTestApp, TestApp } from '../support/test-app';

describe('HTTP security surface', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '40' } });
  });
  afterAll(() => t.close());

  it('sends security headers and no server fingerprint', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it.each([
    ['a refusal (401)', '/api/v1/operations', 401],
    ['an unknown path (404)', '/api/v1/nowhere', 404],
    ['a web page', '/sign-in', 200],
  ])('sends the same headers and a request id on %s', async (_what, path, status) => {
    const res = await t.http().get(path).expect(status);
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps CORS closed: no Access-Control header for another origin, preflight not honoured', async () => {
    const res = await t.http().get('/health').set('Origin', 'https://evil.example');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const pre = await t.http().options('/api/v1/operations').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('records the socket address, not a client-supplied X-Forwarded-For', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', '203.0.113.9')
      .send({ username: 'ne.officer', password: 'wrong-password-here' });
    expect(res.status).toBe(401);
    const [ev] = await t.auditEvents({ request_id: res.headers['x-request-id'] });
    expect(ev.ip).not.toBe('203.0.113.9');
    expect(ev.ip).toMatch(/127\.0\.0\.1|::1|::ffff:127\.0\.0\.1/);
  });

  describe('JWT: algorithm, issuer, audience and expiry are pinned', () => {
    const sign = (claims: object, opts: jwt.SignOptions, secret = t.jwtSecret) => jwt.sign(claims, secret, opts);
    const base = () => ({ sub: t.users.neOfficer, tv: 0, at: Math.floor(Date.now() / 1000), sid: randomUUID() });
    const pinned: jwt.SignOptions = { algorithm: 'HS256', issuer: 'haven', audience: 'haven-api', expiresIn: 300 };

    it('accepts a token made exactly as Haven makes them (control)', async () => {
      await t
        .http()
        .get('/api/v1/auth/me')
        .set(bearer(sign(base(), pinned)))
        .expect(200);
    });

    it.each([
      ['expired', { ...pinned, expiresIn: -10 }],
      ['wrong issuer', { ...pinned, issuer: 'someone-else' }],
      ['wrong audience', { ...pinned, audience: 'other-api' }],
      ['HS512 instead of HS256', { ...pinned, algorithm: 'HS512' as const }],
    ])('refuses a token that is %s', async (_name, opts) => {
      await t
        .http()
        .get('/api/v1/auth/me')
        .set(bearer(sign(base(), opts)))
        .expect(401);
    });

    it('refuses a token signed with another key, and one with alg none', async () => {
      await t
        .http()
        .get('/api/v1/auth/me')
        .set(bearer(sign(base(), pinned, 'another-secret-another-secret-123')))
        .expect(401);
      const unsigned = jwt.sign(base(), '', { algorithm: 'none', issuer: 'haven', audience: 'haven-api' } as jwt.SignOptions);
      await t.http().get('/api/v1/auth/me').set(bearer(unsigned)).expect(401);
    });

    it('refuses a real token whose claims were edited (another user, a role claim)', async () => {
      const real = await t.token('neOfficer');
      const [h, , s] = real.split('.');
      for (const claims of [
        { ...base(), sub: t.users.admin },
        { ...base(), role: 'admin' },
      ]) {
        const body = Buffer.from(JSON.stringify({ ...claims, iss: 'haven', aud: 'haven-api', exp: Math.floor(Date.now() / 1000) + 300 })).toString('base64url');
        await t
          .http()
          .get('/api/v1/auth/me')
          .set(bearer(`${h}.${body}.${s}`))
          .expect(401);
      }
    });

    it('refuses a validly signed token for a token version that was revoked', async () => {
      await t
        .http()
        .get('/api/v1/auth/me')
        .set(bearer(sign({ ...base(), tv: 99 }, pinned)))
        .expect(401);
    });
  });

  it('rate-limits every route per client ip (429 with Retry-After), except health', async () => {
    let limited: { status: number; headers: Record<string, string> } | undefined;
    for (let i = 0; i < 60 && !limited; i++) {
      const res = await t.http().get('/api/v1/auth/me');
      if (res.status === 429) limited = res as never;
    }
    expect(limited?.status).toBe(429);
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
    await t.http().get('/health').expect(200);
  });
});
