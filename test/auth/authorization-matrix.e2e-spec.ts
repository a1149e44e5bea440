import { bearer, createTestApp, FixtureName, TestApp } from '../support/test-app';
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
    ids.operations = await post('operations', sup, { name: 'MATRIX', reference: 'OP/MATRIX', startsOn: '2021-03-01' });
    ids.warrants = await post('warrants', off, { operationId: ids.operations, reference: 'W/M/1', type: 'PACE s.8', status: 'executed', executedAt: '2021-03-02T06:00:00Z' });
    ids.arrests = await post('arrests', off, { warrantId: ids.warrants, arrestedAt: '2021-03-02T07:00:00Z', suspectRef: 'SUS-M1', offenceCode: '86/1' });
    ids.exhibits = await post('exhibits', off, { warrantId: ids.warrants, reference: 'MX/1', itemType: 'phone', seizedAt: '2021-03-02T08:00:00Z' });
    ids.movements = await post(`exhibits/${ids.exhibits}/movements`, off, { movedAt: '2021-03-02T09:00:00Z', fromLocation: 'Scene', toLocation: 'Store', reason: 'Booked in' });
    ids['safeguarding-visits'] = await post('safeguarding-visits', off, { visitedAt: '2021-03-03T10:00:00Z', childrenSafeguarded: 1 });
    ids.referrals = await post('referrals', off, { source: 'NCA', reference: 'NCA/M/1', receivedAt: '2021-03-01T09:00:00Z', riskGrade: 'high' });
    // Submitted by the unit's second supervisor, so the first may approve it (four eyes).
    ids['weekly-returns'] = await post('weekly-returns', bearer(await t.token('neSupervisor2')), { unitId: t.units['BCU-NE'], week: '2021-W09' });
    ids.users = t.users.neOfficer;
    ids.units = t.units['BCU-NE'];
  });
  afterAll(() => t.close());

  function requestFor(route: string): { method: string; url: string; body?: object } {
    const [method, path] = route.split(' ');
    const resource = path.split('/')[1];
    let url = path
      .replace(':entityType', 'operation')
      .replace(':entityId', ids.operations)
      .replace(':movementId', ids.movements)
      .replace(':id', ids[resource]);
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
    const body = method === 'PATCH' ? { version: 1 } : method === 'DELETE' || path.endsWith('/return') ? { reason: 'authorization matrix' } : method === 'POST' ? {} : undefined;
    return { method, url: `${path === '/health' ? '' : '/api/v1'}${url}`, body };
  }

  async function call(route: string, token?: string) {
    const { method, url, body } = requestFor(route);
    let req = t.http()[method.toLowerCase() as 'get'](url);
    if (token) req = req.set(bearer(token));
    return body ? req.send(body) : req;
  }

  it('has a reviewed entry for every live route, and no entry for a route that is gone', () => {
    const live = routeTable(t).map((r) => r.route);
    expect(live.filter((r) => !(r in AUTHORIZATION_MATRIX))).toEqual([]);
    expect(Object.keys(AUTHORIZATION_MATRIX).filter((r) => !live.includes(r))).toEqual([]);
  });

  it('answers every request as the matrix says', async () => {
    // Voids last (movements before their exhibit), so earlier checks see live records.
    const routes = routeTable(t).map((r) => r.route).sort((a, b) => Number(a.startsWith('DELETE')) - Number(b.startsWith('DELETE')) || b.length - a.length);
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
      if (anon.status !== 401) failures.push(`${route} without a token: ${anon.status}, expected 401`);
      for (const role of Object.keys(USERS) as RoleName[]) {
        for (const place of ['own', 'other', 'central'] as Place[]) {
          const want = expected(rule[role], place);
          const res = await call(route, await t.token(USERS[role][place]));
          requests++;
          const ok = want === 'granted' ? granted(res.status) : res.status === want;
          if (!ok) failures.push(`${route} as ${role} (${place}): ${res.status}, expected ${want}`);
        }
      }
    }
    process.stdout.write(`[authorization matrix] ${routes.length} routes, ${requests} requests, ${failures.length} mismatches\n`);
    expect(failures).toEqual([]);
  });
});
