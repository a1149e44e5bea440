import { bearer, createTestApp, TestApp, TEST_PASSWORD } from '../support/test-app';

describe('units and users (admin)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  const admin = async () => bearer(await t.token('admin'));

  it('lets an admin create and list units; others get 403; a second central team is refused', async () => {
    const res = await t
      .http()
      .post('/api/v1/units')
      .set(await admin())
      .send({ code: 'BCU-EA', name: 'East borough team', kind: 'borough' })
      .expect(201);
    expect(res.body).toMatchObject({ code: 'BCU-EA', kind: 'borough', version: 1 });
    const list = await t
      .http()
      .get('/api/v1/units')
      .set(await admin())
      .expect(200);
    expect(list.body.items.map((u: { code: string }) => u.code)).toEqual(['BCU-EA', 'BCU-NE', 'BCU-SW', 'CENTRAL']);
    await t
      .http()
      .post('/api/v1/units')
      .set(await admin())
      .send({ code: 'BCU-EA', name: 'Again', kind: 'borough' })
      .expect(409);
    await t
      .http()
      .post('/api/v1/units')
      .set(await admin())
      .send({ code: 'HQ2', name: 'Another centre', kind: 'central' })
      .expect(409);
    await t
      .http()
      .post('/api/v1/units')
      .set(await admin())
      .send({ code: 'bad code', name: 'x', kind: 'moon' })
      .expect(400);
    for (const who of ['auditor', 'centralSupervisor', 'neOfficer'] as const) {
      await t
        .http()
        .get('/api/v1/units')
        .set(bearer(await t.token(who)))
        .expect(403);
      await t
        .http()
        .post('/api/v1/units')
        .set(bearer(await t.token(who)))
        .send({ code: 'BCU-XX', name: 'x', kind: 'borough' })
        .expect(403);
    }
    const [ev] = await t.auditEvents({ action: 'create', entity_type: 'unit', entity_id: res.body.id });
    expect(ev.changes.code).toEqual([null, 'BCU-EA']);
  });

  it('creates a user with an argon2id hash that is never returned, logged in the audit diff, or listed', async () => {
    const res = await t
      .http()
      .post('/api/v1/users')
      .set(await admin())
      .send({
        username: 'new.officer',
        displayName: 'DC New',
        role: 'officer',
        unitId: t.units['BCU-NE'],
        password: 'Another-Long-Passphrase-7',
      })
      .expect(201);
    expect(res.body).not.toHaveProperty('passwordHash');
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|Passphrase/);
    const [row] = await t.db.query('SELECT password_hash FROM users WHERE id = $1', [res.body.id]);
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    const [ev] = await t.auditEvents({ action: 'create', entity_type: 'user', entity_id: res.body.id });
    expect(ev.changes.passwordHash).toEqual(['(hidden)', '(changed)']);
    expect(JSON.stringify(ev)).not.toMatch(/argon2|Passphrase/);
    const list = await t
      .http()
      .get('/api/v1/users?limit=200')
      .set(await admin())
      .expect(200);
    expect(JSON.stringify(list.body)).not.toMatch(/argon2|passwordHash/);
    // The first password is one-time: it opens nothing but its own replacement.
    await t.http().post('/api/v1/auth/login').send({ username: 'new.officer', password: 'Another-Long-Passphrase-7' }).expect(403);
    await t
      .http()
      .post('/api/v1/account/password')
      .send({ username: 'new.officer', password: 'Another-Long-Passphrase-7', newPassword: 'Own-Chosen-Passphrase-5' })
      .expect(204);
    await t.http().post('/api/v1/auth/login').send({ username: 'new.officer', password: 'Own-Chosen-Passphrase-5' }).expect(200);
  });

  it('refuses weak passwords, duplicate usernames and unknown units', async () => {
    const base = { username: 'weak.one', displayName: 'x', role: 'officer', unitId: t.units['BCU-NE'] };
    const short = await t
      .http()
      .post('/api/v1/users')
      .set(await admin())
      .send({ ...base, password: 'short' })
      .expect(400);
    expect(short.body.errors[0].field).toBe('password');
    await t
      .http()
      .post('/api/v1/users')
      .set(await admin())
      .send({ ...base, password: 'weak.one-is-my-password' })
      .expect(400);
    await t
      .http()
      .post('/api/v1/users')
      .set(await admin())
      .send({ ...base, username: 'ne.officer', password: TEST_PASSWORD })
      .expect(409);
    await t
      .http()
      .post('/api/v1/users')
      .set(await admin())
      .send({ ...base, unitId: '00000000-0000-4000-8000-000000000000', password: TEST_PASSWORD })
      .expect(422);
    await t
      .http()
      .post('/api/v1/users')
      .set(await admin())
      .send({ ...base, role: 'superuser', password: TEST_PASSWORD })
      .expect(400);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM users WHERE username = 'weak.one'`);
    expect(n).toBe(0);
  });

  it('changes a role and resets a password, revoking old tokens; a stale version gets 409', async () => {
    const created = await t
      .http()
      .post('/api/v1/users')
      .set(await admin())
      .send({
        username: 'role.change',
        displayName: 'x',
        role: 'officer',
        unitId: t.units['BCU-SW'],
        password: TEST_PASSWORD,
      })
      .expect(201);
    await t
      .http()
      .post('/api/v1/account/password')
      .send({ username: 'role.change', password: TEST_PASSWORD, newPassword: 'Own-Chosen-Passphrase-5' })
      .expect(204);
    const login = await t.http().post('/api/v1/auth/login').send({ username: 'role.change', password: 'Own-Chosen-Passphrase-5' }).expect(200);
    const old = bearer(login.body.accessToken);
    const promoted = await t
      .http()
      .patch(`/api/v1/users/${created.body.id}`)
      .set(await admin())
      .send({ version: 2, role: 'supervisor' })
      .expect(200);
    expect(promoted.body).toMatchObject({ role: 'supervisor', version: 3 });
    await t.http().get('/api/v1/auth/me').set(old).expect(401);
    await t
      .http()
      .patch(`/api/v1/users/${created.body.id}`)
      .set(await admin())
      .send({ version: 2, role: 'officer' })
      .expect(409);
    await t
      .http()
      .patch(`/api/v1/users/${created.body.id}`)
      .set(await admin())
      .send({ version: 3, password: 'A-Brand-New-Passphrase-3' })
      .expect(200);
    await t.http().post('/api/v1/auth/login').send({ username: 'role.change', password: 'Own-Chosen-Passphrase-5' }).expect(401);
    // A reset password is one-time too.
    const reset = await t.http().post('/api/v1/auth/login').send({ username: 'role.change', password: 'A-Brand-New-Passphrase-3' }).expect(403);
    expect(reset.body.mustChangePassword).toBe(true);
    const resets = await t.auditEvents({ action: 'password.reset', entity_id: created.body.id });
    expect(resets).toHaveLength(1);
    await t
      .http()
      .patch(`/api/v1/users/${created.body.id}`)
      .set(bearer(await t.token('centralSupervisor')))
      .send({ version: 4, disabled: true })
      .expect(403);
  });
});

describe('the first admin', () => {
  it('is created from HAVEN_ADMIN_USERNAME/PASSWORD when no user exists, in a new central team', async () => {
    const t = await createTestApp({ fixtures: false, env: { HAVEN_ADMIN_USERNAME: 'first.admin', HAVEN_ADMIN_PASSWORD: 'First-Admin-Passphrase-1' } });
    try {
      const login = await t.http().post('/api/v1/auth/login').send({ username: 'first.admin', password: 'First-Admin-Passphrase-1' }).expect(200);
      expect(login.body.user.role).toBe('admin');
      const units = await t.http().get('/api/v1/units').set(bearer(login.body.accessToken)).expect(200);
      expect(units.body.items).toEqual([expect.objectContaining({ code: 'CENTRAL', kind: 'central' })]);
      const created = await t.auditEvents({ action: 'create', entity_type: 'user' });
      expect(created).toHaveLength(1);
      expect(created[0].purpose).toBe('first administrator');
    } finally {
      await t.close();
    }
  });

  it('is not created when users already exist', async () => {
    const t = await createTestApp({ env: { HAVEN_ADMIN_USERNAME: 'second.admin', HAVEN_ADMIN_PASSWORD: 'Second-Admin-Passphrase-1' } });
    try {
      await t.http().post('/api/v1/auth/login').send({ username: 'second.admin', password: 'Second-Admin-Passphrase-1' }).expect(401);
    } finally {
      await t.close();
    }
  });
});
