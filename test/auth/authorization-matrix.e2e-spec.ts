import { RECORD_TYPES } from '../../src/modules/record-types';
import { csrfToken } from '../../src/web/session/csrf';
import { isWebRoute, publicWebPath } from '../../src/web/web-paths';
import { bearer, createTestApp, FixtureName, fixtureUsername, insertReadyUser, signInAs, TEST_PASSWORD, TestApp } from '../support/test-app';
import { fixtureOf } from '../support/record-type-fixtures';
import { routeTable } from '../support/route-table';
import { Access, AUTHORIZATION_MATRIX, RoleName } from './authorization-matrix';

type Place = 'own' | 'other' | 'central';
const USERS: Record<RoleName, Record<Place, FixtureName>> = {
  officer: { own: 'neOfficer', other: 'swOfficer', central: 'centralOfficer' },
  supervisor: { own: 'neSupervisor', other: 'swSupervisor', central: 'centralSupervisor' },
  auditor: { own: 'auditor', other: 'auditor', central: 'auditor' },
  admin: { own: 'admin', other: 'admin', central: 'admin' },
};
const granted = (s: number) => s < 500 && ![401, 403, 404].includes(s);
const expected = (a: Access, place: Place): 'granted' | 403 | 404 =>
  a === 'deny' ? 403 : a === 'any' ? 'granted' : a === 'scoped' ? (place === 'other' ? 404 : 'granted') : place === 'central' ? 'granted' : 403;

describe('authorization matrix: every route × role × own unit / other borough / central team', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
    const sup = bearer(await t.token('neSupervisor'));
    const off = bearer(await t.token('neOfficer'));
    const post = async (path: string, who: Record<string, string>, body: object) => {
      const res = await t.http().post(`/api/v1/${path}`).set(who).send(body);
      if (res.status !== 201) throw new Error(`fixture ${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.id as string;
    };
    // One record of each type, in the list's order (so each finds the ones it names), by a role that may write it.
    for (const type of RECORD_TYPES) ids[type.path] = await post(type.path, type.writtenBy === 'supervisor' ? sup : off, fixtureOf(type.entityType).body(ids));
    ids.movements = await post(`exhibits/${ids.exhibits}/movements`, off, {
      movedAt: '2021-03-02T09:00:00Z',
      fromLocation: 'Scene',
      toLocation: 'Store',
      reason: 'Booked in',
    });
    // Submitted by the unit's second supervisor, so the first may approve it (four eyes).
    ids['weekly-returns'] = await post('weekly-returns', bearer(await t.token('neSupervisor2')), { unitId: t.units['BCU-NE'], week: '2021-W09' });
    ids.users = t.users.neOfficer;
    ids.units = t.units['BCU-NE'];
    // A change waiting for a second admin, asked for by another admin so the fixture admin may decide it.
    const target = await insertReadyUser(t, 'matrix.target', 'officer', 'BCU-NE');
    await insertReadyUser(t, 'matrix.admin', 'admin', 'CENTRAL');
    const asked = await t
      .http()
      .patch(`/api/v1/users/${target}`)
      .set(await signInAs(t, 'matrix.admin'))
      .send({ version: 1, role: 'auditor' });
    if (asked.status !== 202) throw new Error(`fixture change request: ${asked.status} ${JSON.stringify(asked.body)}`);
    ids['user-change-requests'] = asked.body.pendingChange.id;
  });
  afterAll(() => t.close());

  // Complete forms, so a web page reaches the service behind it (which answers 404 outside scope)
  // instead of stopping at the form's own validation (see record-type-fixtures.ts).
  const webForms = (): Record<string, Record<string, string>> =>
    Object.fromEntries(RECORD_TYPES.map((type) => [type.path, fixtureOf(type.entityType).webForm]));

  function webRequestFor(route: string, who: FixtureName | null): { method: string; url: string; body?: object; cookie?: string } {
    const [method, internal] = route.split(' ');
    const path = publicWebPath(internal);
    const resource = path.split('/')[1];
    const url = path
      .replace('/users/requests/:id', `/users/requests/${ids['user-change-requests']}`)
      .replace(':movementId', ids.movements)
      .replace(':id', ids[resource]);
    const webQueries: Record<string, string> = {
      '/weekly-returns': `unitId=${t.units['BCU-NE']}&week=2021-W09`,
      '/weekly-returns/summary': 'week=2021-W09',
      '/audit/history': `entityType=operation&entityId=${ids.operations}`,
      '/audit/verify': 'run=1',
      '/audit/export/download': 'format=ndjson&reason=matrix',
    };
    if (method !== 'POST') return { method, url: webQueries[path] ? `${url}?${webQueries[path]}` : url };
    // Every web form carries its CSRF token, made for this user the way the page would have.
    const cookie = 'matrix-csrf-cookie-value-aaaaaaaaaaaaaaaaaaaa';
    const _csrf = csrfToken(t.jwtSecret, cookie, who ? t.users[who] : null);
    let body: Record<string, string> = {};
    if (/^\/[\w-]+\/:id$/.test(path)) body = { ...webForms()[resource], version: '1' };
    if (path.endsWith('/void')) body = { reason: 'authorization matrix', version: '1' };
    if (path.endsWith('/return')) body = { reason: 'authorization matrix' };
    return { method, url, body: { ...body, _csrf }, cookie: `haven_csrf=${cookie}` };
  }

  function requestFor(route: string): { method: string; url: string; body?: object } {
    const [method, path] = route.split(' ');
    const resource = path.split('/')[1];
    let url = path.replace(':entityType', 'operation').replace(':entityId', ids.operations).replace(':movementId', ids.movements).replace(':id', ids[resource]);
    const ne = t.units['BCU-NE'];
    const queries: Record<string, string> = {
      '/weekly-returns': `unitId=${ne}&week=2021-W09`,
      '/weekly-returns/export': `unitId=${ne}&week=2021-W09&reason=matrix`,
      '/weekly-returns/series': `unitId=${ne}&from=2021-W01&to=2021-W09`,
      '/weekly-returns/series/export': `unitId=${ne}&from=2021-W01&to=2021-W09&reason=matrix`,
      '/weekly-returns/summary': 'week=2021-W09',
      '/weekly-returns/summary/export': 'week=2021-W09&reason=matrix',
      '/audit-events/export': 'format=ndjson&reason=matrix',
    };
    if (method === 'GET' && queries[path]) url += `?${queries[path]}`;
    const body =
      method === 'PATCH'
        ? { version: 1 }
        : method === 'DELETE' || path.endsWith('/return')
          ? { reason: 'authorization matrix' }
          : method === 'POST'
            ? {}
            : undefined;
    return { method, url: `${path === '/health' ? '' : '/api/v1'}${url}`, body };
  }

  // A request with no answer in 20 s counts as status -1: a mismatch reported against its route.
  async function call(route: string, who?: FixtureName): Promise<{ status: number; headers: Record<string, string> }> {
    return send(route, who).catch(() => ({ status: -1, headers: {} }));
  }

  const ENDS_SESSION = ['POST /auth/logout', 'POST /web/sign-out'];
  async function freshToken(who: FixtureName): Promise<string> {
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: fixtureUsername(who), password: TEST_PASSWORD });
    return res.body.accessToken as string;
  }

  async function send(route: string, who?: FixtureName) {
    const web = isWebRoute(route.split(' ')[1]);
    const { method, url, body, cookie } = web ? webRequestFor(route, who ?? null) : { ...requestFor(route), cookie: undefined };
    // A request that never answers is reported against its route, not as a suite timeout.
    let req = t.http()[method.toLowerCase() as 'get'](url).timeout(20_000);
    // Signing out ends the session it is sent with: those routes get a session of their own.
    if (who) req = req.set(bearer(ENDS_SESSION.includes(route) ? await freshToken(who) : await t.token(who)));
    if (cookie) req = req.set('cookie', cookie);
    if (web && body) return req.type('form').send(body);
    return body ? req.send(body) : req;
  }

  it('has a reviewed entry for every live route, and no entry for a route that is gone', () => {
    const live = routeTable(t).map((r) => r.route);
    expect(live.filter((r) => !(r in AUTHORIZATION_MATRIX))).toEqual([]);
    expect(Object.keys(AUTHORIZATION_MATRIX).filter((r) => !live.includes(r))).toEqual([]);
  });

  it('answers every request as the matrix says', async () => {
    // Voids last (movements before their exhibit), so earlier checks see live records.
    const voids = (r: string) => Number(r.startsWith('DELETE') || r.endsWith('/void'));
    const routes = routeTable(t)
      .map((r) => r.route)
      .sort((a, b) => voids(a) - voids(b) || b.length - a.length);
    const failures: string[] = [];
    let requests = 0;
    for (const route of routes) {
      const rule = AUTHORIZATION_MATRIX[route];
      if (rule === 'public') {
        const res = await call(route);
        requests++;
        if (!granted(res.status) && res.status !== 400) failures.push(`${route} without a token: ${res.status}`);
        continue;
      }
      const anon = await call(route);
      requests++;
      // A web page sends the browser to sign in; the API answers 401.
      if (isWebRoute(route.split(' ')[1])) {
        if (anon.status !== 303 || !String(anon.headers.location).startsWith('/sign-in'))
          failures.push(`${route} without a session: ${anon.status} ${anon.headers.location}, expected 303 to /sign-in`);
      } else if (anon.status !== 401) failures.push(`${route} without a token: ${anon.status}, expected 401`);
      for (const role of Object.keys(USERS) as RoleName[]) {
        for (const place of ['own', 'other', 'central'] as Place[]) {
          const want = expected(rule[role], place);
          const res = await call(route, USERS[role][place]);
          requests++;
          const ok = want === 'granted' ? granted(res.status) : res.status === want;
          if (!ok) failures.push(`${route} as ${role} (${place}): ${res.status}, expected ${want}`);
        }
      }
    }
    process.stdout.write(`[authorization matrix] ${routes.length} routes, ${requests} requests, ${failures.length} mismatches\n`);
    expect(failures).toEqual([]);
  }, 300_000); // ~1,800 requests, the web pages among them: minutes on a busy CI machine
});
