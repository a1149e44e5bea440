import { Logger } from '@nestjs/common';
import { createTestApp, TestApp } from '../support/test-app';
import { csrfFrom } from '../web/web-support';

/** The pen test's body (issue 13, point 1): a field of "data:" and 65,000 dots, just under 64 KiB. */
const STALL = `data:${'.'.repeat(65_000)}`;

async function timed<T>(work: Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = Date.now();
  const value = await work;
  return { ms: Date.now() - t0, value };
}

describe('content checks cannot stall the server (issue 13, point 1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
  });
  afterAll(() => t.close());

  it('answers worst-case sign-ins (API and web) quickly, and /health answers meanwhile', async () => {
    const server = t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
    const form = await t.http().get('/sign-in').expect(200);
    const cookies = form.headers['set-cookie'] as unknown as string[];
    const logins = [
      ...Array.from({ length: 4 }, () => t.http().post('/api/v1/auth/login').send({ username: STALL, password: 'irrelevant-password' })),
      t
        .http()
        .post('/sign-in')
        .set('Cookie', cookies)
        .type('form')
        .send({ _csrf: csrfFrom(form.text), username: STALL, password: 'irrelevant-password' }),
    ].map((r) => timed(Promise.resolve(r)));
    await new Promise((ok) => setTimeout(ok, 20));
    const health = await timed(Promise.resolve(t.http().get('/health')));
    const done = await Promise.all(logins);
    expect(health.value.status).toBe(200);
    expect(health.ms).toBeLessThan(1000);
    for (const { ms, value } of done) {
      expect(value.status).toBeGreaterThanOrEqual(400);
      expect(value.status).toBeLessThan(500);
      expect(ms).toBeLessThan(2000);
    }
  }, 120_000);
});

describe('the per-address rate limit comes before any body work (issue 13, point 1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ fixtures: false, env: { RATE_LIMIT_PER_MINUTE: '10' } });
  });
  afterAll(() => t.close());

  it('refuses a client over its limit with 429 and Retry-After before its body is parsed or checked; /health stays open', async () => {
    for (let i = 0; i < 10; i++) await t.http().get('/api/v1/auth/me').expect(401);
    // Malformed JSON and content the metadata-only check would refuse: both are 400 when the body is read.
    const malformed = await t.http().post('/api/v1/auth/login').set('content-type', 'application/json').send('{"username":');
    expect(malformed.status).toBe(429);
    expect(Number(malformed.headers['retry-after'])).toBeGreaterThan(0);
    expect(malformed.body).toMatchObject({
      statusCode: 429,
      message: expect.stringContaining('Too many requests'),
      requestId: malformed.headers['x-request-id'],
    });
    const content = await t.http().post('/api/v1/auth/login').send({ username: STALL, password: 'irrelevant-password' });
    expect(content.status).toBe(429);
    // A web page gets a page, with the same headers.
    const page = await t.http().get('/sign-in');
    expect(page.status).toBe(429);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('Too many requests');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    await t.http().get('/health').expect(200);
  });
});

describe('a deeply nested body (issue 13, point 8)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ fixtures: false });
  });
  afterAll(() => t.close());

  it.each([
    ['5,000 levels', 5000],
    ['32,000 levels (the whole 64 KiB)', 32_000],
  ])('is refused with 400 and a clear message at %s, with no error (or stack) logged', async (_name, depth) => {
    const errors = jest.spyOn(Logger.prototype, 'error');
    try {
      const body = `{"username":${'['.repeat(depth)}${']'.repeat(depth)},"password":"x"}`;
      const res = await t.http().post('/api/v1/auth/login').set('content-type', 'application/json').send(body);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: expect.stringMatching(/^username/), messages: [expect.stringContaining('nested more than 32 levels deep')] }]);
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });

  it('still takes an ordinary nested body', async () => {
    // Nested but shallow: the validation pipe answers (400 for the unknown shape), not the depth rule.
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: { a: { b: ['c'] } }, password: 'x' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.errors)).not.toContain('nested more than');
  });
});
