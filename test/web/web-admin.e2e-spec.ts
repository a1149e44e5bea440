import { createTestApp, TestApp } from '../support/test-app';
import { csrfFrom, errorSummary, signIn, submit } from './web-support';

describe('web front office: units and users (admins)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lists and adds units, refusing a bad code the GOV.UK way', async () => {
    const admin = await signIn(t, 'admin');
    const list = await admin.get('/units').expect(200);
    expect(list.text).toContain('BCU-NE');
    const bad = await submit(admin, '/units/new', '/units', { code: 'ne', name: 'x', kind: '' });
    expect(bad.status).toBe(400);
    expect(errorSummary(bad.text)).toContain('Select the kind of unit');
    const ok = await submit(admin, '/units/new', '/units', { code: 'bcu-se', name: 'South East borough team', kind: 'borough' });
    expect(ok.status).toBe(303);
    expect((await admin.get('/units')).text).toContain('BCU-SE');
    const dup = await submit(admin, '/units/new', '/units', { code: 'BCU-SE', name: 'Again', kind: 'borough' });
    expect(dup.status).toBe(409);
    expect(errorSummary(dup.text)).toContain('A unit with that code already exists');
  });

  it('adds a user, keeping what was typed except the password when refused', async () => {
    const admin = await signIn(t, 'admin');
    const base = { username: 'j.smith', displayName: 'DC J Smith', role: 'officer', unitId: t.units['BCU-NE'] };
    const weak = await submit(admin, '/users/new', '/users', { ...base, password: 'password1234' });
    expect(weak.status).toBe(400);
    expect(errorSummary(weak.text)).toContain('built on a pattern common in breached passwords');
    expect(weak.text).toContain('value="DC J Smith"');
    expect(weak.text).not.toContain('password1234');
    const ok = await submit(admin, '/users/new', '/users', { ...base, password: 'Tulip-Granite-Orbit-7' });
    expect(ok.status).toBe(303);
    const page = await admin.get(ok.headers.location).expect(200);
    expect(page.text).toContain('User j.smith added');
    expect(page.text).toContain('BCU-NE');
    const [row] = await t.db.query(`SELECT id FROM users WHERE username = 'j.smith'`);
    expect((await t.auditEvents({ action: 'create', entity_id: row.id })).length).toBe(1);
  });

  it('changes role, disables, unlocks and resets a password, each audited', async () => {
    const admin = await signIn(t, 'admin');
    const id = t.users.swOfficer;
    const post = async (action: string, fields: Record<string, string>) => {
      const page = await admin.get(`/users/${id}`).expect(200);
      const version = /name="version" value="(\d+)"/.exec(page.text)![1];
      return admin
        .post(`/users/${id}/${action}`)
        .type('form')
        .send({ _csrf: csrfFrom(page.text), version, ...fields });
    };
    expect((await post('role', { role: 'supervisor' })).status).toBe(303);
    expect((await t.db.query('SELECT role FROM users WHERE id = $1', [id]))[0].role).toBe('supervisor');
    expect((await post('access', { disabled: 'true' })).status).toBe(303);
    expect((await admin.get(`/users/${id}`)).text).toContain('Enable account');
    expect((await post('access', { disabled: 'false' })).status).toBe(303);
    await t.db.query('UPDATE users SET locked_at = now(), failed_logins = 10 WHERE id = $1', [id]);
    const locked = await admin.get(`/users/${id}`).expect(200);
    expect(locked.text).toContain('Unlock account');
    expect((await post('unlock', {})).status).toBe(303);
    expect((await t.db.query('SELECT locked_at FROM users WHERE id = $1', [id]))[0].locked_at).toBeNull();
    const weak = await post('password', { password: 'short' });
    expect(weak.status).toBe(400);
    expect(errorSummary(weak.text)).toContain('at least 12 characters');
    expect((await post('password', { password: 'Maple-Quartz-River-42' })).status).toBe(303);
    const actions = (await t.auditEvents({ entity_id: id, actor_id: t.users.admin })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['update', 'unlock', 'password.reset']));
    // A stale form (the version it was opened at) changes nothing.
    const page = await admin.get(`/users/${id}`);
    const stale = await admin
      .post(`/users/${id}/role`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), version: '1', role: 'auditor' });
    expect(stale.status).toBe(409);
    expect((await t.db.query('SELECT role FROM users WHERE id = $1', [id]))[0].role).toBe('supervisor');
  });

  it('is for admins only', async () => {
    const officer = await signIn(t, 'neOfficer');
    await officer.get('/users').expect(403);
    await officer.get('/units').expect(403);
    const auditor = await signIn(t, 'auditor');
    await auditor.get(`/users/${t.users.neOfficer}`).expect(403);
  });
});
