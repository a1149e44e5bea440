import request from 'supertest';
import { createTestApp, insertReadyUser, TestApp, TEST_PASSWORD } from '../support/test-app';
import { Agent, csrfFrom, errorSummary, signIn, submit } from './web-support';

/** Issue 13, point 2, in the web front office: one-time passwords and four eyes on account standing. */
describe('web front office: separation of duties for admins', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await insertReadyUser(t, 'second.admin', 'admin', 'CENTRAL');
  });
  afterAll(() => t.close());

  async function webSignIn(username: string, password = TEST_PASSWORD): Promise<{ agent: Agent; res: request.Response }> {
    const agent = request.agent(t.app.getHttpServer());
    const form = await agent.get('/sign-in').expect(200);
    const res = await agent
      .post('/sign-in')
      .type('form')
      .send({ _csrf: csrfFrom(form.text), username, password });
    return { agent, res };
  }

  it('sends a user with a one-time password to choose their own, and nowhere else', async () => {
    const admin = await signIn(t, 'admin');
    const added = await submit(admin, '/users/new', '/users', {
      username: 'w.onetime',
      displayName: 'DC One Time',
      role: 'officer',
      unitId: t.units['BCU-SW'],
      password: 'Tulip-Granite-Orbit-7',
    });
    expect(added.status).toBe(303);
    const { agent, res } = await webSignIn('w.onetime', 'Tulip-Granite-Orbit-7');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/account/password?oneTime=1&username=w.onetime');
    expect(res.headers['set-cookie']?.toString() ?? '').not.toMatch(/haven_session=[^;]+\./);
    await agent.get('/').expect(303);
    const page = await agent.get(res.headers.location).expect(200);
    expect(page.text).toContain('one-time password');
    expect(page.text).toContain('value="w.onetime"');
    const post = (fields: Record<string, string>) =>
      agent
        .post('/account/password')
        .type('form')
        .send({ _csrf: csrfFrom(page.text), username: 'w.onetime', password: 'Tulip-Granite-Orbit-7', ...fields });
    const same = await post({ newPassword: 'Tulip-Granite-Orbit-7', confirmPassword: 'Tulip-Granite-Orbit-7' });
    expect(same.status).toBe(400);
    expect(errorSummary(same.text)).toContain('must be different from the password it replaces');
    const mismatch = await post({ newPassword: 'Cedar-Lantern-Brook-8', confirmPassword: 'Cedar-Lantern-Brook-9' });
    expect(mismatch.status).toBe(400);
    expect(errorSummary(mismatch.text)).toContain('Enter the same new password twice');
    const ok = await post({ newPassword: 'Cedar-Lantern-Brook-8', confirmPassword: 'Cedar-Lantern-Brook-8' });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/sign-in');
    const again = await webSignIn('w.onetime', 'Cedar-Lantern-Brook-8');
    expect(again.res.status).toBe(303);
    expect(again.res.headers.location).toBe('/');
    expect(await t.auditEvents({ action: 'password.change', outcome: 'success' })).toHaveLength(1);
  });

  it('refuses an admin changing their own role, in words, and changes nothing', async () => {
    const admin = await signIn(t, 'admin');
    const page = await admin.get(`/users/${t.users.admin}`).expect(200);
    const version = /name="version" value="(\d+)"/.exec(page.text)![1];
    const res = await admin
      .post(`/users/${t.users.admin}/role`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), version, role: 'supervisor' });
    expect(res.status).toBe(403);
    expect(errorSummary(res.text)).toContain('You may not change your own role or unit');
    expect((await t.db.query('SELECT role FROM users WHERE id = $1', [t.users.admin]))[0].role).toBe('admin');
  });

  it('shows a change that needs a second admin as waiting, and lets only another admin approve it', async () => {
    const admin = await signIn(t, 'admin');
    const id = t.users.neOfficer;
    const page = await admin.get(`/users/${id}`).expect(200);
    const version = /name="version" value="(\d+)"/.exec(page.text)![1];
    const asked = await admin
      .post(`/users/${id}/role`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), version, role: 'auditor' });
    expect(asked.status).toBe(303);
    const after = await admin.get(`/users/${id}`).expect(200);
    expect(after.text).toContain('it takes effect when another administrator approves it');
    expect(after.text).toContain('Waiting for a second administrator');
    expect((await t.db.query('SELECT role FROM users WHERE id = $1', [id]))[0].role).toBe('officer');

    const mine = await admin.get('/users/requests').expect(200);
    expect(mine.text).toContain('You asked for this');
    const [{ id: requestId }] = await t.db.query(`SELECT id FROM user_change_requests WHERE user_id = $1 AND status = 'pending'`, [id]);
    const own = await admin
      .post(`/users/requests/${requestId}/approve`)
      .type('form')
      .send({ _csrf: csrfFrom(mine.text) });
    expect(own.status).toBe(403);
    expect(errorSummary(own.text)).toContain('another administrator must approve it');

    const { agent: other } = await webSignIn('second.admin');
    const list = await other.get('/users/requests').expect(200);
    expect(list.text).toContain('ne.officer');
    expect(list.text).toContain('Approve');
    const noReason = await other
      .post(`/users/requests/${requestId}/refuse`)
      .type('form')
      .send({ _csrf: csrfFrom(list.text), reason: '' });
    expect(noReason.status).toBe(400);
    expect(errorSummary(noReason.text)).toContain('Enter why you refuse or withdraw it');
    const approved = await other
      .post(`/users/requests/${requestId}/approve`)
      .type('form')
      .send({ _csrf: csrfFrom(list.text) });
    expect(approved.status).toBe(303);
    expect((await t.db.query('SELECT role FROM users WHERE id = $1', [id]))[0].role).toBe('auditor');
    expect((await other.get('/users/requests')).text).toContain('Nothing is waiting for approval');
  });

  it('adds an account in a central case role disabled, awaiting approval', async () => {
    const admin = await signIn(t, 'admin');
    const res = await submit(admin, '/users/new', '/users', {
      username: 'w.central',
      displayName: 'DS Central',
      role: 'supervisor',
      unitId: t.units.CENTRAL,
      password: 'Tulip-Granite-Orbit-7',
    });
    expect(res.status).toBe(303);
    const page = await admin.get(res.headers.location).expect(200);
    expect(page.text).toContain('disabled until another administrator approves');
    expect(page.text).toContain('Awaiting approval');
    expect((await webSignIn('w.central', 'Tulip-Granite-Orbit-7')).res.status).toBe(401);
  });
});
