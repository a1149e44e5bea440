import { randomUUID } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import request from 'supertest';
import { bearer, createTestApp, fixtureUsername, TEST_PASSWORD, TestApp } from '../support/test-app';
import { csrfFrom, errorSummary, setCookie, signIn, submit } from './web-support';

const AUDIT_COLUMNS = ['actor_id', 'actor_role', 'actor_unit_id', 'action', 'entity_type', 'entity_id', 'outcome', 'purpose', 'changes', 'details'];

describe('web front office: sign-in, session and CSRF', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('sends an anonymous page request to sign in, remembering where it was going', async () => {
    const res = await t.http().get('/operations?status=active').expect(303);
    expect(res.headers.location).toBe(`/sign-in?next=${encodeURIComponent('/operations?status=active')}`);
  });

  it('signs in with a session cookie that is httpOnly, SameSite=Strict and not readable by the API', async () => {
    const agent = request.agent(t.app.getHttpServer());
    const form = await agent.get('/sign-in').expect(200);
    expect(setCookie(form, 'haven_csrf')).toMatch(/HttpOnly; SameSite=Strict/);
    const res = await agent
      .post('/sign-in?next=%2Fwarrants')
      .type('form')
      .send({ _csrf: csrfFrom(form.text), username: 'ne.officer', password: TEST_PASSWORD })
      .expect(303);
    expect(res.headers.location).toBe('/warrants');
    const cookie = setCookie(res, 'haven_session')!;
    expect(cookie).toMatch(/^haven_session=[\w-]+\.[\w-]+\.[\w-]+; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(cookie).not.toMatch(/Secure/);
    expect((await agent.get('/warrants')).status).toBe(200);
    // The cookie is for pages only: the JSON API still wants a Bearer token.
    await agent.get('/api/v1/warrants').expect(401);
    const logins = await t.auditEvents({ action: 'login', actor_id: t.users.neOfficer, outcome: 'success' });
    expect(logins.length).toBeGreaterThan(0);
  });

  it('shows a wrong password the GOV.UK way and keeps the username', async () => {
    const agent = request.agent(t.app.getHttpServer());
    const form = await agent.get('/sign-in');
    const res = await agent
      .post('/sign-in')
      .type('form')
      .send({ _csrf: csrfFrom(form.text), username: 'ne.officer', password: 'not the password' })
      .expect(401);
    expect(errorSummary(res.text)).toContain('Enter a correct username and password');
    expect(res.text).toContain('value="ne.officer"');
    expect(setCookie(res, 'haven_session')).toBeUndefined();
  });

  it('refuses a form post without a valid CSRF token (403), and stores nothing', async () => {
    const anon = request.agent(t.app.getHttpServer());
    await anon.get('/sign-in');
    const login = await anon.post('/sign-in').type('form').send({ username: 'ne.officer', password: TEST_PASSWORD });
    expect(login.status).toBe(403);
    expect(setCookie(login, 'haven_session')).toBeUndefined();

    const officer = await signIn(t, 'neOfficer');
    const before = await t.db.query('SELECT count(*)::int AS n FROM warrants');
    const fields = { reference: 'CSRF/1', type: 'PACE s.8' };
    const missing = await officer.post('/warrants').type('form').send(fields);
    expect(missing.status).toBe(403);
    expect(missing.text).toContain('This form has expired or did not come from Haven');
    // A token from another user's page is no good either.
    const other = await signIn(t, 'neSupervisor');
    const stolen = csrfFrom((await other.get('/warrants/new')).text);
    await officer
      .post('/warrants')
      .type('form')
      .send({ ...fields, _csrf: stolen })
      .expect(403);
    await officer
      .post('/warrants')
      .type('form')
      .send({ ...fields, _csrf: 'x'.repeat(43) })
      .expect(403);
    expect(await t.db.query('SELECT count(*)::int AS n FROM warrants')).toEqual(before);
    const denied = await t.auditEvents({ action: 'access.denied', actor_id: t.users.neOfficer });
    expect(denied.filter((e) => e.details?.reason === 'missing or invalid CSRF token').length).toBe(3);
  });

  it('signs out by clearing the cookie', async () => {
    const agent = await signIn(t, 'neOfficer');
    const home = await agent.get('/').expect(200);
    const res = await agent
      .post('/sign-out')
      .type('form')
      .send({ _csrf: csrfFrom(home.text) })
      .expect(303);
    expect(res.headers.location).toBe('/sign-in?out=1');
    expect(setCookie(res, 'haven_session')).toMatch(/^haven_session=;.*Expires=Thu, 01 Jan 1970/);
    const after = await agent.get('/').expect(303);
    expect(after.headers.location).toMatch(/^\/sign-in/);
  });

  it('ends the session on the server: the old cookie, and the same token as a Bearer, are refused after sign-out (audited)', async () => {
    const agent = request.agent(t.app.getHttpServer());
    const form = await agent.get('/sign-in').expect(200);
    const signedIn = await agent
      .post('/sign-in')
      .type('form')
      .send({ _csrf: csrfFrom(form.text), username: fixtureUsername('neOfficer'), password: TEST_PASSWORD })
      .expect(303);
    const token = /^haven_session=([^;]+)/.exec(setCookie(signedIn, 'haven_session')!)![1];
    const home = await agent.get('/warrants').expect(200);
    await t.http().get('/api/v1/auth/me').set(bearer(token)).expect(200);
    const out = await agent
      .post('/sign-out')
      .type('form')
      .send({ _csrf: csrfFrom(home.text) })
      .expect(303);
    // A copy of the cookie kept from before sign-out (another tab, a stolen copy) no longer reads records.
    const replay = await t.http().get('/warrants').set('cookie', `haven_session=${token}`);
    expect(replay.status).toBe(303);
    expect(replay.headers.location).toMatch(/^\/sign-in/);
    await t.http().get('/api/v1/auth/me').set(bearer(token)).expect(401);
    await t.http().post('/api/v1/auth/refresh').set(bearer(token)).expect(401);
    const [ev] = await t.auditEvents({ action: 'logout', request_id: out.headers['x-request-id'] });
    expect(ev).toMatchObject({ actor_id: t.users.neOfficer, entity_type: 'user', entity_id: t.users.neOfficer, outcome: 'success' });
    expect(ev.details).toMatchObject({ via: 'web' });
  });

  it('slides the idle timeout on activity: a token in its second half is reissued (audited)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = (exp: number) =>
      jwt.sign({ sub: t.users.neOfficer, tv: 0, at: now - 60, sid: randomUUID(), exp }, t.jwtSecret, {
        algorithm: 'HS256',
        issuer: 'haven',
        audience: 'haven-api',
      });
    const young = await t
      .http()
      .get('/')
      .set('cookie', `haven_session=${token(now + 800)}`)
      .expect(200);
    expect(setCookie(young, 'haven_session')).toBeUndefined();
    const old = await t
      .http()
      .get('/')
      .set('cookie', `haven_session=${token(now + 120)}`)
      .expect(200);
    const renewed = setCookie(old, 'haven_session')!;
    expect(renewed).toMatch(/HttpOnly; SameSite=Strict/);
    const claims = jwt.decode(renewed.split(';')[0].split('=')[1]) as { exp: number; at: number };
    expect(claims.exp).toBeGreaterThan(now + 600);
    expect(claims.at).toBe(now - 60);
    expect((await t.auditEvents({ action: 'token.refresh', actor_id: t.users.neOfficer, outcome: 'success' })).length).toBeGreaterThan(0);
  });

  it('signs out an idle session: an expired token goes back to sign-in, saying why', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = jwt.sign({ sub: t.users.neOfficer, tv: 0, at: now - 3600, sid: randomUUID(), exp: now - 5 }, t.jwtSecret, {
      algorithm: 'HS256',
      issuer: 'haven',
      audience: 'haven-api',
    });
    const res = await t.http().get('/warrants').set('cookie', `haven_session=${expired}`).expect(303);
    expect(res.headers.location).toBe('/sign-in?next=%2Fwarrants&expired=1');
    expect(setCookie(res, 'haven_session')).toMatch(/Expires=Thu, 01 Jan 1970/);
    const page = await t.http().get(res.headers.location).expect(200);
    expect(page.text).toContain('You were signed out because you were inactive for 15 minutes');
  });

  it('answers a role without the permission with a 403 page', async () => {
    const auditor = await signIn(t, 'auditor');
    const res = await auditor.get('/warrants').expect(403);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('You do not have access to this page');
  });

  describe('records', () => {
    let warrantId: string;
    beforeAll(async () => {
      const res = await t
        .http()
        .post('/api/v1/warrants')
        .set(bearer(await t.token('neOfficer')))
        .send({ reference: 'NE/W/WEB/1', type: 'PACE s.8' })
        .expect(201);
      warrantId = res.body.id;
    });

    it('audits a page view of a record exactly like an API read', async () => {
      await t
        .http()
        .get(`/api/v1/warrants/${warrantId}`)
        .set(bearer(await t.token('neOfficer')))
        .expect(200);
      const officer = await signIn(t, 'neOfficer');
      const page = await officer.get(`/warrants/${warrantId}`).expect(200);
      expect(page.text).toContain('NE/W/WEB/1');
      const views = await t.auditEvents({ action: 'view', entity_id: warrantId });
      expect(views).toHaveLength(2);
      const [api, web] = views.map((e) => Object.fromEntries(AUDIT_COLUMNS.map((c) => [c, e[c]])));
      expect(web).toEqual(api);
      expect(web).toMatchObject({ actor_id: t.users.neOfficer, entity_type: 'warrant', outcome: 'success' });
    });

    it('records the session purpose given at sign-in on the views it audits', async () => {
      const officer = await signIn(t, 'neOfficer', 'Operation WEB week of action');
      await officer.get(`/warrants/${warrantId}`).expect(200);
      const views = await t.auditEvents({ action: 'view', entity_id: warrantId });
      expect(views[views.length - 1].purpose).toBe('Operation WEB week of action');
    });

    it("shows another borough's record as the same 404 page as a missing one (audited as not found)", async () => {
      const sw = await signIn(t, 'swOfficer');
      const res = await sw.get(`/warrants/${warrantId}`).expect(404);
      expect(res.text).toContain('Page not found');
      expect(res.text).not.toContain('NE/W/WEB/1');
      await sw.get('/warrants/00000000-0000-4000-8000-000000000000').expect(404);
      await sw.get('/warrants/not-a-uuid').expect(404);
      const refused = await t.auditEvents({ action: 'view', entity_id: warrantId, actor_id: t.users.swOfficer });
      expect(refused.map((e) => e.outcome)).toEqual(['not_found']);
      // Nor can it be changed from there.
      const edit = await submit(sw, '/warrants/new', `/warrants/${warrantId}`, { reference: 'TAKEN', type: 'PACE s.8', version: '1' });
      expect(edit.status).toBe(404);
    });

    it('answers a web address that matches no page with the 404 page, and the API with JSON', async () => {
      const officer = await signIn(t, 'neOfficer');
      for (const path of ['/warrants/new/extra', '/operations/a/b/c', '/weekly-returns/nowhere/at/all']) {
        const res = await officer.get(path).expect(404);
        expect(res.headers['content-type']).toMatch(/^text\/html/);
        expect(res.text).toContain('Page not found');
      }
      const api = await t.http().get('/api/v1/no-such-route').expect(404);
      expect(api.headers['content-type']).toMatch(/^application\/json/);
      expect(api.body).toMatchObject({ statusCode: 404, requestId: expect.any(String) });
    });

    it('shows validation errors the GOV.UK way, keeping everything typed', async () => {
      const officer = await signIn(t, 'neOfficer');
      const res = await submit(officer, '/warrants/new', '/warrants', {
        reference: 'NE/W/WEB/2',
        type: '',
        status: 'executed',
        'executedAt-day': '31',
        'executedAt-month': '2',
        'executedAt-year': '2021',
        'executedAt-time': '06:30',
        locationArea: '10 Downing Street',
        childrenSafeguarded: 'three',
        outcome: 'Entry gained',
      });
      expect(res.status).toBe(400);
      const summary = errorSummary(res.text);
      expect(summary).toContain('There is a problem');
      expect(summary).toContain('Enter the power the warrant is issued under');
      expect(summary).toContain('Executed must be a real date');
      expect(summary).toContain('never an address');
      expect(summary).toContain('Children safeguarded at execution must be a whole number');
      expect(res.text).toContain('href="#executedAt-day"');
      expect(res.text).toContain('<title>Error: Add a warrant – Haven</title>');
      for (const kept of ['value="NE/W/WEB/2"', 'value="10 Downing Street"', 'value="three"', 'value="31"', 'value="06:30"', 'Entry gained'])
        expect(res.text).toContain(kept);
      expect(res.text).toMatch(/value="executed" checked/);
      expect(await t.db.query(`SELECT 1 FROM warrants WHERE reference = 'NE/W/WEB/2'`)).toHaveLength(0);
    });

    it('creates, changes and voids a record through forms, with the API services and audit', async () => {
      const officer = await signIn(t, 'neOfficer');
      const created = await submit(officer, '/warrants/new', '/warrants', {
        reference: 'NE/W/WEB/3',
        type: 'PCA 1978 s.4',
        status: 'executed',
        'executedAt-day': '1',
        'executedAt-month': '6',
        'executedAt-year': '2021',
        'executedAt-time': '06:00',
        locationArea: 'NE1',
        childrenSafeguarded: '2',
      });
      expect(created.status).toBe(303);
      const id = /^\/warrants\/([0-9a-f-]{36})$/.exec(created.headers.location)![1];
      const [row] = await t.db.query('SELECT executed_at, children_safeguarded, unit_id FROM warrants WHERE id = $1', [id]);
      // 06:00 in London in June is 05:00 UTC (BST).
      expect(new Date(row.executed_at).toISOString()).toBe('2021-06-01T05:00:00.000Z');
      expect(row).toMatchObject({ children_safeguarded: 2, unit_id: t.units['BCU-NE'] });
      const page = await officer.get(created.headers.location).expect(200);
      expect(page.text).toContain('Warrant saved: Warrant NE/W/WEB/3');
      expect(page.text).toContain('1 June 2021 at 6:00am');

      const edit = await officer.get(`/warrants/${id}/edit`).expect(200);
      expect(edit.text).toContain('value="06:00"');
      const changed = await officer
        .post(`/warrants/${id}`)
        .type('form')
        .send({
          _csrf: csrfFrom(edit.text),
          version: '1',
          reference: 'NE/W/WEB/3',
          type: 'PCA 1978 s.4',
          status: 'executed',
          'executedAt-day': '1',
          'executedAt-month': '6',
          'executedAt-year': '2021',
          'executedAt-time': '06:00',
          locationArea: 'NE2',
          childrenSafeguarded: '3',
        });
      expect(changed.status).toBe(303);
      const updates = await t.auditEvents({ action: 'update', entity_id: id });
      expect(updates).toHaveLength(1);
      expect(updates[0].changes).toMatchObject({ locationArea: ['NE1', 'NE2'], childrenSafeguarded: [2, 3] });

      // The same form again with the version it was opened at: someone else got there first.
      const stale = await officer
        .post(`/warrants/${id}`)
        .type('form')
        .send({ _csrf: csrfFrom(edit.text), version: '1', reference: 'NE/W/WEB/3', type: 'PCA 1978 s.4', locationArea: 'NE9' });
      expect(stale.status).toBe(409);
      expect(errorSummary(stale.text)).toContain('Someone else changed this warrant after you opened it');
      expect(stale.text).toContain('value="NE9"');

      const voidPage = await officer.get(`/warrants/${id}/void`).expect(200);
      const empty = await officer
        .post(`/warrants/${id}/void`)
        .type('form')
        .send({ _csrf: csrfFrom(voidPage.text), version: '2', reason: '' })
        .expect(400);
      expect(errorSummary(empty.text)).toContain('Enter why the record is void');
      await officer
        .post(`/warrants/${id}/void`)
        .type('form')
        .send({ _csrf: csrfFrom(voidPage.text), version: '2', reason: 'Entered twice' })
        .expect(303);
      const voided = await officer.get(`/warrants/${id}`).expect(200);
      expect(voided.text).toContain('is void');
      expect(await t.auditEvents({ action: 'void', entity_id: id })).toHaveLength(1);
    });
  });

  it('serves the GOV.UK Design System assets and keeps the strict CSP on pages', async () => {
    const css = await t.http().get('/assets/govuk-frontend.min.css').expect(200);
    expect(css.headers['content-type']).toMatch(/text\/css/);
    await t.http().get('/assets/haven.js').expect(200);
    await t.http().get('/assets/govuk-frontend.min.js').expect(200);
    const page = await t.http().get('/sign-in').expect(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(page.headers['cache-control']).toBe('no-store');
  });

  it('leaves the JSON API as it was: its routes, prefix and Bearer tokens', async () => {
    await t.http().get('/api/v1/operations').expect(401);
    await t.http().get('/health').expect(200);
    const login = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: fixtureUsername('neOfficer'), password: TEST_PASSWORD })
      .expect(200);
    await t.http().get('/api/v1/operations').set(bearer(login.body.accessToken)).expect(200);
    // A Bearer token also works on pages (for tools), while a page cookie never works on the API.
    await t.http().get('/operations').set(bearer(login.body.accessToken)).expect(200);
  });

  it('refuses a form value that looks like file content with a page, storing nothing', async () => {
    const officer = await signIn(t, 'neOfficer');
    const res = await submit(officer, '/warrants/new', '/warrants', {
      reference: 'NE/W/DATA/1',
      type: 'PACE s.8',
      outcome: `data:image/png;base64,${'iVBORw0KGgo'.repeat(20)}`,
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('looks like the contents of a file');
    expect(res.text).not.toContain('iVBORw0KGgo');
    expect(await t.db.query(`SELECT 1 FROM warrants WHERE reference = 'NE/W/DATA/1'`)).toHaveLength(0);
    // The API keeps its JSON answer.
    const api = await t
      .http()
      .post('/api/v1/warrants')
      .set(bearer(await t.token('neOfficer')))
      .send({ reference: 'X', type: 'y', outcome: `data:image/png;base64,${'iVBORw0KGgo'.repeat(20)}` });
    expect(api.status).toBe(400);
    expect(api.body.errors[0].field).toBe('outcome');
  });
});
