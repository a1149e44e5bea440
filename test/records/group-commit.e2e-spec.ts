import { createOperation } from '../support/record-fixtures';
import { bearer, createTestApp, TestApp } from '../support/test-app';

describe('audited reads under concurrency (group commit)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
  });
  afterAll(() => t.close());

  it('answers a mixed burst correctly, with exactly one audit event per request', async () => {
    const opId = await createOperation(t, 'BCU-NE');
    const ne = bearer(await t.token('neOfficer'));
    const sw = bearer(await t.token('swOfficer'));
    const central = bearer(await t.token('centralOfficer'));
    const who = [ne, sw, central];
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, n) => t.http().get(`/api/v1/operations/${opId}`).set(who[n % 3]).set('X-Purpose', `burst ${n}`)),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s, n) => s !== (n % 3 === 1 ? 404 : 200))).toEqual([]);
    expect(responses.filter((r) => r.status === 200).every((r) => r.body.id === opId)).toBe(true);
    const events = await t.auditEvents({ action: 'view', entity_id: opId });
    expect(events).toHaveLength(60);
    for (const [n, r] of responses.entries()) {
      const ev = events.find((e) => e.request_id === r.headers['x-request-id']);
      expect(ev).toMatchObject({ outcome: n % 3 === 1 ? 'not_found' : 'success', purpose: `burst ${n}` });
      expect(ev?.actor_id).toBe([t.users.neOfficer, t.users.swOfficer, t.users.centralOfficer][n % 3]);
    }
  });
});
