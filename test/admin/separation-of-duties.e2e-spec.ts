import { bearer, createTestApp, insertReadyUser, signInAs, TestApp, TEST_PASSWORD } from '../support/test-app';

/**
 * Issue 13, point 2: an admin must never reach case data by any path they can take alone.
 * (The penetration test: an admin PATCHed their own account to central supervisor and read every
 * unit's warrants; a borough admin created central-team supervisors.)
 */
describe('separation of duties for admins', () => {
  let t: TestApp;
  let admin2: string;
  let neAdmin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin2 = await insertReadyUser(t, 'second.admin', 'admin', 'CENTRAL');
    neAdmin = await insertReadyUser(t, 'ne.admin', 'admin', 'BCU-NE');
  });
  afterAll(() => t.close());
  const admin = async () => bearer(await t.token('admin'));
  const user = async (id: string) => (await t.db.query('SELECT * FROM users WHERE id = $1', [id]))[0];
  const newUser = async (username: string, role: string, unit: keyof TestApp['units'], as?: { Authorization: string }) =>
    t
      .http()
      .post('/api/v1/users')
      .set(as ?? (await admin()))
      .send({ username, displayName: username, role, unitId: t.units[unit], password: TEST_PASSWORD });
  const choosePassword = (username: string, password = TEST_PASSWORD, newPassword = 'Own-Chosen-Passphrase-5') =>
    t.http().post('/api/v1/account/password').send({ username, password, newPassword });

  it('refuses an admin changing their own role or unit (the pen-test path), and audits it', async () => {
    const me = await user(t.users.admin);
    const res = await t
      .http()
      .patch(`/api/v1/users/${t.users.admin}`)
      .set(await admin())
      .send({ version: me.version, role: 'supervisor', unitId: t.units.CENTRAL })
      .expect(403);
    expect(res.body.message).toMatch(/own role or unit/);
    await t
      .http()
      .patch(`/api/v1/users/${t.users.admin}`)
      .set(await admin())
      .send({ version: me.version, unitId: t.units['BCU-NE'] })
      .expect(403);
    expect((await user(t.users.admin)).role).toBe('admin');
    const refusals = await t.auditEvents({ action: 'update', entity_id: t.users.admin, outcome: 'denied' });
    expect(refusals).toHaveLength(2);
    expect(refusals[0].details).toEqual({ reason: 'own role or unit' });
    // Still an admin: case records stay out of reach.
    await t
      .http()
      .get('/api/v1/warrants')
      .set(await admin())
      .expect(403);
  });

  it('keeps a borough admin to their own unit: no accounts elsewhere, none seen elsewhere, no central supervisors', async () => {
    const ne = await signInAs(t, 'ne.admin');
    const central = await newUser('ne.made.central', 'supervisor', 'CENTRAL', ne);
    expect(central.status).toBe(403);
    expect(central.body.message).toMatch(/own unit/);
    expect((await newUser('ne.made.sw', 'officer', 'BCU-SW', ne)).status).toBe(403);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM users WHERE username LIKE 'ne.made.%'`);
    expect(n).toBe(0);
    expect(await t.auditEvents({ action: 'create', entity_type: 'user', actor_id: neAdmin, outcome: 'denied' })).toHaveLength(2);
    await t.http().get(`/api/v1/users/${t.users.swOfficer}`).set(ne).expect(404);
    const list = await t.http().get('/api/v1/users?limit=200').set(ne).expect(200);
    expect(new Set(list.body.items.map((u: { unitId: string }) => u.unitId))).toEqual(new Set([t.units['BCU-NE']]));
    const sw = await t.db.query('SELECT version FROM users WHERE id = $1', [t.users.swOfficer]);
    await t.http().patch(`/api/v1/users/${t.users.swOfficer}`).set(ne).send({ version: sw[0].version, disabled: true }).expect(404);
    const mine = await t.db.query('SELECT version FROM users WHERE id = $1', [t.users.neOfficer]);
    await t.http().patch(`/api/v1/users/${t.users.neOfficer}`).set(ne).send({ version: mine[0].version, unitId: t.units['BCU-SW'] }).expect(403);
    expect((await newUser('ne.made.officer', 'officer', 'BCU-NE', ne)).status).toBe(201);
  });

  it('gives a new account a one-time password that opens nothing but its replacement', async () => {
    const created = await newUser('one.time', 'officer', 'BCU-SW');
    expect(created.status).toBe(201);
    expect(created.body.mustChangePassword).toBe(true);
    const login = await t.http().post('/api/v1/auth/login').send({ username: 'one.time', password: TEST_PASSWORD }).expect(403);
    expect(login.body).toMatchObject({ mustChangePassword: true });
    expect(login.body.message).toMatch(/POST \/api\/v1\/account\/password/);
    expect(login.body).not.toHaveProperty('accessToken');
    // The same one again, one under the policy, or a wrong current password: refused, nothing changed.
    const same = await choosePassword('one.time', TEST_PASSWORD, TEST_PASSWORD).expect(400);
    expect(same.body.errors[0]).toEqual({ field: 'newPassword', messages: ['newPassword must be different from the password it replaces'] });
    const weak = await choosePassword('one.time', TEST_PASSWORD, 'password1234').expect(400);
    expect(weak.body.errors[0].field).toBe('newPassword');
    await choosePassword('one.time', 'Not-The-Password-77', 'Own-Chosen-Passphrase-5').expect(401);
    expect((await user(created.body.id)).must_change_password).toBe(true);
    await choosePassword('one.time').expect(204);
    const [ev] = await t.auditEvents({ action: 'password.change', entity_id: created.body.id });
    expect(ev).toMatchObject({ actor_id: created.body.id, outcome: 'success' });
    expect(ev.changes).toEqual({ passwordHash: ['(hidden)', '(changed)'], mustChangePassword: [true, false] });
    await t.http().post('/api/v1/auth/login').send({ username: 'one.time', password: TEST_PASSWORD }).expect(401);
    await t.http().post('/api/v1/auth/login').send({ username: 'one.time', password: 'Own-Chosen-Passphrase-5' }).expect(200);
  });

  it('turns a move into a central case role into a request a second admin approves, at the version asked for', async () => {
    const target = await insertReadyUser(t, 'to.central', 'officer', 'BCU-NE');
    const oldToken = await signInAs(t, 'to.central');
    const before = await user(target);
    const asked = await t
      .http()
      .patch(`/api/v1/users/${target}`)
      .set(await admin())
      .send({ version: before.version, role: 'supervisor', unitId: t.units.CENTRAL })
      .expect(202);
    expect(asked.body.pendingChange).toMatchObject({
      userId: target,
      kind: 'change',
      role: 'supervisor',
      unitId: t.units.CENTRAL,
      fromRole: 'officer',
      fromUnitId: t.units['BCU-NE'],
      status: 'pending',
      createdBy: t.users.admin,
    });
    expect(await user(target)).toMatchObject({ role: 'officer', unit_id: t.units['BCU-NE'], version: before.version });
    const id = asked.body.pendingChange.id;
    // A second request for the same account waits for the first.
    await t
      .http()
      .patch(`/api/v1/users/${target}`)
      .set(await admin())
      .send({ version: before.version, role: 'auditor' })
      .expect(409);

    const own = await t
      .http()
      .post(`/api/v1/user-change-requests/${id}/approve`)
      .set(await admin())
      .expect(403);
    expect(own.body.message).toMatch(/another administrator must approve/);
    expect(await t.auditEvents({ action: 'approve', entity_id: id, outcome: 'denied' })).toHaveLength(1);
    const pending = await t
      .http()
      .get('/api/v1/user-change-requests?status=pending')
      .set(await signInAs(t, 'second.admin'))
      .expect(200);
    expect(pending.body.items.map((r: { id: string }) => r.id)).toContain(id);

    const approved = await t
      .http()
      .post(`/api/v1/user-change-requests/${id}/approve`)
      .set(await signInAs(t, 'second.admin'))
      .expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: admin2 });
    expect(await user(target)).toMatchObject({ role: 'supervisor', unit_id: t.units.CENTRAL, version: before.version + 1 });
    await t.http().get('/api/v1/auth/me').set(oldToken).expect(401);
    const [applied] = await t.auditEvents({ action: 'update', entity_id: target, outcome: 'success' });
    expect(applied).toMatchObject({ actor_id: admin2, changes: { role: ['officer', 'supervisor'], unitId: [t.units['BCU-NE'], t.units.CENTRAL] } });
    expect(applied.details).toEqual({ changeRequest: id, requestedBy: t.users.admin });
    expect(await t.auditEvents({ action: 'approve', entity_id: id, outcome: 'success' })).toHaveLength(1);
    await t
      .http()
      .post(`/api/v1/user-change-requests/${id}/approve`)
      .set(await signInAs(t, 'second.admin'))
      .expect(409);
  });

  it('needs approval to move an admin into a case role, and refuses to apply a request to a changed account', async () => {
    const exAdmin = await insertReadyUser(t, 'leaving.admin', 'admin', 'BCU-SW');
    const v = (await user(exAdmin)).version;
    const asked = await t
      .http()
      .patch(`/api/v1/users/${exAdmin}`)
      .set(await admin())
      .send({ version: v, role: 'officer' })
      .expect(202);
    await t
      .http()
      .patch(`/api/v1/users/${exAdmin}`)
      .set(await admin())
      .send({ version: v, displayName: 'Renamed meanwhile' })
      .expect(200);
    const stale = await t
      .http()
      .post(`/api/v1/user-change-requests/${asked.body.pendingChange.id}/approve`)
      .set(await signInAs(t, 'second.admin'))
      .expect(409);
    expect(stale.body.message).toMatch(/changed since/);
    expect((await user(exAdmin)).role).toBe('admin');
    const refused = await t
      .http()
      .post(`/api/v1/user-change-requests/${asked.body.pendingChange.id}/refuse`)
      .set(await signInAs(t, 'second.admin'))
      .send({ reason: 'Ask again on the current account' })
      .expect(200);
    expect(refused.body).toMatchObject({ status: 'refused', decidedBy: admin2, decisionReason: 'Ask again on the current account' });
    await t
      .http()
      .post(`/api/v1/user-change-requests/${asked.body.pendingChange.id}/refuse`)
      .set(await signInAs(t, 'second.admin'))
      .send({ reason: '' })
      .expect(400);
  });

  it('creates a central supervisor disabled until a second admin approves; enabling is no way round it', async () => {
    const created = await newUser('new.central', 'supervisor', 'CENTRAL');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ disabled: true, awaitingApproval: true, pendingChange: { kind: 'create', status: 'pending' } });
    await choosePassword('new.central').expect(401);
    const enable = await t
      .http()
      .patch(`/api/v1/users/${created.body.id}`)
      .set(await admin())
      .send({ version: created.body.version, disabled: false })
      .expect(409);
    expect(enable.body.message).toMatch(/waiting for a second administrator/);
    expect((await user(created.body.id)).disabled).toBe(true);
    await t
      .http()
      .post(`/api/v1/user-change-requests/${created.body.pendingChange.id}/approve`)
      .set(await signInAs(t, 'second.admin'))
      .expect(200);
    expect(await user(created.body.id)).toMatchObject({ disabled: false, awaiting_approval: false, must_change_password: true });
    await choosePassword('new.central').expect(204);
    await signInAs(t, 'new.central', 'Own-Chosen-Passphrase-5');
  });

  it("closes the chain: an admin account one admin asked for cannot approve that admin's requests", async () => {
    // The first admin asks for a second admin account (which they could hand to themselves) ...
    const made = await newUser('made.by.first', 'admin', 'CENTRAL');
    expect(made.body.pendingChange.kind).toBe('create');
    // ... which an existing, other admin has to approve.
    await t
      .http()
      .post(`/api/v1/user-change-requests/${made.body.pendingChange.id}/approve`)
      .set(await admin())
      .expect(403);
    await t
      .http()
      .post(`/api/v1/user-change-requests/${made.body.pendingChange.id}/approve`)
      .set(await signInAs(t, 'second.admin'))
      .expect(200);
    await choosePassword('made.by.first').expect(204);
    const puppet = await signInAs(t, 'made.by.first', 'Own-Chosen-Passphrase-5');

    const target = await insertReadyUser(t, 'chain.target', 'officer', 'BCU-SW');
    const asked = await t
      .http()
      .patch(`/api/v1/users/${target}`)
      .set(await admin())
      .send({ version: 1, role: 'auditor' })
      .expect(202);
    const refusal = await t.http().post(`/api/v1/user-change-requests/${asked.body.pendingChange.id}/approve`).set(puppet).expect(403);
    expect(refusal.body.message).toMatch(/made with this requester's help/);
    expect((await user(target)).role).toBe('officer');
    // The same holds one step further: an admin the puppet asked for (approved by the first admin) is tainted too.
    const grandchild = await newUser('made.by.puppet', 'admin', 'CENTRAL', puppet);
    await t
      .http()
      .post(`/api/v1/user-change-requests/${grandchild.body.pendingChange.id}/approve`)
      .set(await admin())
      .expect(200);
    await choosePassword('made.by.puppet').expect(204);
    const grand = await signInAs(t, 'made.by.puppet', 'Own-Chosen-Passphrase-5');
    await t.http().post(`/api/v1/user-change-requests/${asked.body.pendingChange.id}/approve`).set(grand).expect(403);
    // An independent admin may.
    await t
      .http()
      .post(`/api/v1/user-change-requests/${asked.body.pendingChange.id}/approve`)
      .set(await signInAs(t, 'second.admin'))
      .expect(200);
    expect((await user(target)).role).toBe('auditor');
  });

  it("closes the chain through a reset: an admin whose password one admin set cannot approve that admin's requests", async () => {
    const other = await insertReadyUser(t, 'reset.admin', 'admin', 'CENTRAL');
    // The first admin resets the other admin's password, so knows it, and signs in as them ...
    await t
      .http()
      .patch(`/api/v1/users/${other}`)
      .set(await admin())
      .send({ version: 1, password: 'Reset-By-First-Admin-4' })
      .expect(200);
    await choosePassword('reset.admin', 'Reset-By-First-Admin-4').expect(204);
    const hijacked = await signInAs(t, 'reset.admin', 'Own-Chosen-Passphrase-5');
    // ... to approve their own request: refused.
    const target = await insertReadyUser(t, 'reset.target', 'officer', 'BCU-NE');
    const asked = await t
      .http()
      .patch(`/api/v1/users/${target}`)
      .set(await admin())
      .send({ version: 1, unitId: t.units.CENTRAL })
      .expect(202);
    await t.http().post(`/api/v1/user-change-requests/${asked.body.pendingChange.id}/approve`).set(hijacked).expect(403);
    expect((await user(target)).unit_id).toBe(t.units['BCU-NE']);
  });

  it('lets only admins see or decide requests', async () => {
    for (const who of ['auditor', 'centralSupervisor', 'neOfficer'] as const) {
      await t
        .http()
        .get('/api/v1/user-change-requests')
        .set(bearer(await t.token(who)))
        .expect(403);
    }
    await t.http().get('/api/v1/user-change-requests').expect(401);
  });
});
