import { bearer, createTestApp, fixtureUsername, TestApp, TEST_PASSWORD } from '../support/test-app';

describe('login and tokens', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('logs in with a good password and returns a bearer token and the user', async () => {
    const res = await t.http().post('/api/v1/auth/login').send({ username: 'ne.officer', password: TEST_PASSWORD }).expect(200);
    expect(res.body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 900,
      user: { id: t.users.neOfficer, username: 'ne.officer', role: 'officer', unitId: t.units['BCU-NE'] },
    });
    expect(res.body.accessToken.split('.')).toHaveLength(3);
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|password/i);
    const me = await t.http().get('/api/v1/auth/me').set(bearer(res.body.accessToken)).expect(200);
    expect(me.body).toMatchObject({ id: t.users.neOfficer, role: 'officer', centralTeam: false });
  });

  it('refuses a wrong password and an unknown user with the same answer, and audits both', async () => {
    const wrong = await t.http().post('/api/v1/auth/login').send({ username: 'ne.officer', password: 'not-the-password-1' }).expect(401);
    const unknown = await t.http().post('/api/v1/auth/login').send({ username: 'nobody.here', password: 'not-the-password-1' }).expect(401);
    expect(wrong.body.message).toBe('Invalid username or password');
    expect(unknown.body.message).toBe(wrong.body.message);
    const failures = await t.auditEvents({ action: 'login', outcome: 'failure' });
    expect(failures.map((e) => e.details.username)).toEqual(expect.arrayContaining(['ne.officer', 'nobody.here']));
    const mine = failures.find((e) => e.details.username === 'ne.officer')!;
    expect(mine.entity_id).toBe(t.users.neOfficer);
    expect(mine.request_id).toBe(wrong.headers['x-request-id']);
    expect(mine.ip).toBeTruthy();
  });

  it('audits a good login with actor, role and unit', async () => {
    const res = await t.http().post('/api/v1/auth/login').send({ username: 'sw.officer', password: TEST_PASSWORD }).expect(200);
    const [ev] = await t.auditEvents({ action: 'login', outcome: 'success', actor_id: t.users.swOfficer });
    expect(ev).toMatchObject({ actor_role: 'officer', actor_unit_id: t.units['BCU-SW'], request_id: res.headers['x-request-id'] });
  });

  it('answers malformed login bodies with 400 and field errors', async () => {
    const res = await t.http().post('/api/v1/auth/login').send({ username: 42 }).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['password', 'username']);
    await t.http().post('/api/v1/auth/login').send({ username: 'a', password: 'b', admin: true }).expect(400);
  });

  it('needs a token: 401 without one, with a garbage one, or with one signed by another key', async () => {
    await t.http().get('/api/v1/auth/me').expect(401);
    await t.http().get('/api/v1/auth/me').set(bearer('not.a.token')).expect(401);
    const good = await t.token('neOfficer');
    const [h, p] = good.split('.');
    const forged = `${h}.${p}.${Buffer.from('x'.repeat(32)).toString('base64url')}`;
    await t.http().get('/api/v1/auth/me').set(bearer(forged)).expect(401);
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${p}.`;
    await t.http().get('/api/v1/auth/me').set(bearer(none)).expect(401);
  });

  it("stops a disabled user's existing token at once", async () => {
    const login = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: fixtureUsername('swSupervisor'), password: TEST_PASSWORD })
      .expect(200);
    const token = login.body.accessToken;
    await t.http().get('/api/v1/auth/me').set(bearer(token)).expect(200);
    const admin = await t.token('admin');
    const user = await t.http().get(`/api/v1/users/${t.users.swSupervisor}`).set(bearer(admin)).expect(200);
    await t.http().patch(`/api/v1/users/${t.users.swSupervisor}`).set(bearer(admin)).send({ version: user.body.version, disabled: true }).expect(200);
    await t.http().get('/api/v1/auth/me').set(bearer(token)).expect(401);
    await t.http().post('/api/v1/auth/login').send({ username: 'sw.supervisor', password: TEST_PASSWORD }).expect(401);
  });
});
