import { randomUUID } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import { hotp, base32Decode, TOTP_STEP_SECONDS } from '../../src/core/auth/totp';
import { bearer, createTestApp, TestApp, TEST_PASSWORD } from '../support/test-app';

const login = (t: TestApp, username: string, password: string, extra: Record<string, string> = {}) =>
  t
    .http()
    .post('/api/v1/auth/login')
    .send({ username, password, ...extra });

describe('sign-in throttling and account lockout', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_MAX_FAILURES_PER_USERNAME: '4', LOGIN_MAX_FAILURES_PER_IP: '1000', ACCOUNT_LOCK_AFTER_FAILURES: '3' } });
  });
  afterAll(() => t.close());

  it('throttles a username after repeated failures (429, shared in the database), whether or not it exists', async () => {
    for (let i = 0; i < 4; i++) await login(t, 'nobody.at.all', 'wrong-password-x').expect(401);
    const res = await login(t, 'nobody.at.all', 'wrong-password-x').expect(429);
    expect(res.body.retryAfterSeconds).toBeGreaterThan(0);
    const [row] = await t.db.query(`SELECT failures, blocked_until > now() AS blocked FROM login_throttles WHERE key = 'user:nobody.at.all'`);
    expect(row).toEqual({ failures: 4, blocked: true });
    const throttled = await t.auditEvents({ action: 'login', outcome: 'failure' });
    expect(throttled.some((e) => e.details.reason === 'throttled' && e.details.username === 'nobody.at.all')).toBe(true);
  });

  it('locks an account after consecutive wrong passwords, with the same generic answer; an admin unlocks it', async () => {
    for (let i = 0; i < 3; i++) await login(t, 'sw.officer', 'wrong-password-x').expect(401);
    const locked = await login(t, 'sw.officer', TEST_PASSWORD).expect(401);
    expect(locked.body.message).toBe('Invalid username or password');
    const [u] = await t.db.query('SELECT locked_at IS NOT NULL AS locked, failed_logins FROM users WHERE id = $1', [t.users.swOfficer]);
    expect(u).toEqual({ locked: true, failed_logins: 3 });
    expect(await t.auditEvents({ action: 'account.locked', entity_id: t.users.swOfficer })).toHaveLength(1);

    const admin = bearer(await t.token('admin'));
    const current = await t.http().get(`/api/v1/users/${t.users.swOfficer}`).set(admin).expect(200);
    expect(current.body.lockedAt).not.toBeNull();
    await t
      .http()
      .patch(`/api/v1/users/${t.users.swOfficer}`)
      .set(bearer(await t.token('centralSupervisor')))
      .send({ version: current.body.version, unlock: true })
      .expect(403);
    const unlocked = await t.http().patch(`/api/v1/users/${t.users.swOfficer}`).set(admin).send({ version: current.body.version, unlock: true }).expect(200);
    expect(unlocked.body).toMatchObject({ lockedAt: null, failedLogins: 0 });
    await login(t, 'sw.officer', TEST_PASSWORD).expect(200);
    expect(await t.auditEvents({ action: 'unlock', entity_id: t.users.swOfficer })).toHaveLength(1);
  });

  it('resets the consecutive-failure count on a good sign-in', async () => {
    await login(t, 'ne.officer', 'wrong-password-x').expect(401);
    await login(t, 'ne.officer', 'wrong-password-x').expect(401);
    await login(t, 'ne.officer', TEST_PASSWORD).expect(200);
    const [u] = await t.db.query('SELECT failed_logins FROM users WHERE id = $1', [t.users.neOfficer]);
    expect(u.failed_logins).toBe(0);
  });
});

describe('throttling per ip', () => {
  it('blocks an address that fails across many usernames', async () => {
    const t = await createTestApp({ env: { LOGIN_MAX_FAILURES_PER_USERNAME: '100', LOGIN_MAX_FAILURES_PER_IP: '5' } });
    try {
      for (let i = 0; i < 5; i++) await login(t, `spray.${i}`, 'wrong-password-x').expect(401);
      await login(t, 'ne.officer', TEST_PASSWORD).expect(429);
    } finally {
      await t.close();
    }
  });
});

describe('second factor (TOTP) and token refresh', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { REQUIRE_TOTP_FOR: 'admin,auditor' } });
  });
  afterAll(() => t.close());
  const codeFor = (secret: string, offsetSteps = 0) => hotp(base32Decode(secret), BigInt(Math.floor(Date.now() / 1000 / TOTP_STEP_SECONDS) + offsetSteps));

  it('gives an admin without a second factor a token that can only set one up, then requires codes', async () => {
    const first = await login(t, 'admin', TEST_PASSWORD).expect(200);
    expect(first.body.mustEnrolTotp).toBe(true);
    const enrol = bearer(first.body.accessToken);
    const refused = await t.http().get('/api/v1/users').set(enrol).expect(403);
    expect(refused.body.mustEnrolTotp).toBe(true);
    await t.http().get('/api/v1/auth/me').set(enrol).expect(200);
    const setup = await t.http().post('/api/v1/auth/totp/setup').set(enrol).expect(200);
    expect(setup.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/Haven%3Aadmin\?secret=[A-Z2-7]+/);
    const [stored] = await t.db.query('SELECT totp_secret FROM users WHERE id = $1', [t.users.admin]);
    expect(stored.totp_secret).not.toContain(setup.body.secret); // encrypted at rest
    await t.http().post('/api/v1/auth/totp/enable').set(enrol).send({ code: '000000' }).expect(400);
    await t
      .http()
      .post('/api/v1/auth/totp/enable')
      .set(enrol)
      .send({ code: codeFor(setup.body.secret) })
      .expect(204);
    await t.http().get('/api/v1/auth/me').set(enrol).expect(401); // enabling revokes earlier tokens

    // A right password without its code, or with a wrong one, answers exactly as a wrong password does.
    const answer = (res: { status: number; body: Record<string, unknown> }) => {
      const { requestId: _ignored, ...rest } = res.body;
      return [res.status, rest];
    };
    const throttled = async () => (await t.db.query(`SELECT failures FROM login_throttles WHERE key = 'user:admin'`))[0]?.failures ?? 0;
    const failuresBefore = await throttled();
    const noCode = await login(t, 'admin', TEST_PASSWORD);
    const wrongCode = await login(t, 'admin', TEST_PASSWORD, { totp: '123456' });
    const wrongPassword = await login(t, 'admin', 'not-the-password-9', { totp: '123456' });
    expect(answer(noCode)).toEqual([401, { statusCode: 401, message: 'Invalid username or password', error: 'Unauthorized' }]);
    expect(answer(wrongCode)).toEqual(answer(noCode));
    expect(answer(wrongPassword)).toEqual(answer(noCode));
    // Still throttled: each of them counted as a failed sign-in.
    expect(await throttled()).toBe(failuresBefore + 3);
    const code = codeFor(setup.body.secret, 1);
    const ok = await login(t, 'admin', TEST_PASSWORD, { totp: code }).expect(200);
    expect(ok.body.mustEnrolTotp).toBe(false);
    await t.http().get('/api/v1/users').set(bearer(ok.body.accessToken)).expect(200);
    await login(t, 'admin', TEST_PASSWORD, { totp: code }).expect(401); // a code works once
    const user = await t.http().get(`/api/v1/users/${t.users.admin}`).set(bearer(ok.body.accessToken)).expect(200);
    expect(JSON.stringify(user.body)).not.toMatch(/totpSecret|totpLastStep/);
    expect(user.body.totpEnabledAt).not.toBeNull();
  });

  it('leaves roles that do not require it alone', async () => {
    const res = await login(t, 'ne.officer', TEST_PASSWORD).expect(200);
    expect(res.body.mustEnrolTotp).toBe(false);
  });

  it('refreshes a valid token, keeping the sign-in time, and refuses past the maximum session', async () => {
    const res = await login(t, 'ne.officer', TEST_PASSWORD).expect(200);
    const fresh = await t.http().post('/api/v1/auth/refresh').set(bearer(res.body.accessToken)).expect(200);
    const a = jwt.decode(res.body.accessToken) as { at: number };
    const b = jwt.decode(fresh.body.accessToken) as { at: number };
    expect(b.at).toBe(a.at);
    await t.http().get('/api/v1/auth/me').set(bearer(fresh.body.accessToken)).expect(200);
    const old = jwt.sign({ sub: t.users.neOfficer, tv: 0, at: Math.floor(Date.now() / 1000) - 13 * 3600, sid: randomUUID() }, t.jwtSecret, {
      algorithm: 'HS256',
      issuer: 'haven',
      audience: 'haven-api',
      expiresIn: 300,
    });
    await t.http().post('/api/v1/auth/refresh').set(bearer(old)).expect(401);
  });
});
