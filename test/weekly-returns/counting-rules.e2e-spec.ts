import { randomUUID } from 'node:crypto';
import { bearer, createTestApp, FixtureName, TestApp } from '../support/test-app';
import { figures, rows } from './weekly-return-rows';

describe('weekly returns: the counting rules', () => {
  let t: TestApp;
  let r: ReturnType<typeof rows>;
  let NE: string;
  let SW: string;
  const as = async (who: FixtureName) => bearer(await t.token(who));
  const live = async (unitId: string, week: string, who: FixtureName = 'neOfficer') => {
    const res = await t
      .http()
      .get('/api/v1/weekly-returns')
      .query({ unitId, week })
      .set(await as(who));
    if (res.status !== 200) throw new Error(`GET ${week}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.live;
  };

  beforeAll(async () => {
    t = await createTestApp();
    r = rows(t);
    NE = t.units['BCU-NE'];
    SW = t.units['BCU-SW'];
  });
  afterAll(() => t.close());

  it('counts each figure from its own record and date, leaving out voided records and other units', async () => {
    // 2021-W09: Monday 1 March to Sunday 7 March 2021 (GMT).
    await r.warrant(NE, '2021-03-01T06:00:00Z', { children: 2 });
    await r.warrant(NE, '2021-03-07T23:30:00Z', { children: 3 });
    await r.warrant(NE, null, { status: 'granted', children: 9 });
    await r.warrant(NE, '2021-03-02T06:00:00Z', { children: 5, voided: true });
    for (const at of ['2021-03-01T07:00:00Z', '2021-03-03T12:00:00Z', '2021-03-06T18:00:00Z']) await r.arrest(NE, at);
    await r.arrest(NE, '2021-03-04T09:00:00Z', { voided: true });
    for (let i = 0; i < 4; i++) await r.exhibit(NE, `2021-03-0${i + 1}T10:00:00Z`);
    await r.exhibit(NE, '2021-03-05T10:00:00Z', { voided: true });
    await r.visit(NE, '2021-03-02T14:00:00Z', { children: 1 });
    await r.visit(NE, '2021-03-05T14:00:00Z', { children: 4 });
    await r.visit(NE, '2021-03-06T14:00:00Z', { children: 7, voided: true });
    for (let i = 0; i < 5; i++) await r.referral(NE, `2021-03-0${i + 1}T08:00:00Z`);
    await r.referral(NE, '2021-03-07T08:00:00Z', { voided: true });
    // Another unit's records in the same week, and this unit's records the weeks either side.
    await r.warrant(SW, '2021-03-03T06:00:00Z', { children: 6 });
    await r.arrest(SW, '2021-03-03T07:00:00Z');
    await r.exhibit(SW, '2021-03-03T08:00:00Z');
    await r.visit(SW, '2021-03-03T09:00:00Z', { children: 2 });
    await r.referral(SW, '2021-03-03T10:00:00Z');
    await r.arrest(NE, '2021-02-28T23:59:59Z');
    await r.arrest(NE, '2021-03-08T00:00:00Z');

    expect(await live(NE, '2021-W09')).toEqual(
      figures({ warrantsExecuted: 2, arrests: 3, childrenSafeguarded: 10, exhibitsSeized: 4, safeguardingVisits: 2, referralsReceived: 5 }),
    );
    expect(await live(SW, '2021-W09', 'swOfficer')).toEqual(
      figures({ warrantsExecuted: 1, arrests: 1, childrenSafeguarded: 8, exhibitsSeized: 1, safeguardingVisits: 1, referralsReceived: 1 }),
    );
    expect(await live(NE, '2021-W08')).toEqual(figures({ arrests: 1 }));
    expect(await live(NE, '2021-W10')).toEqual(figures({ arrests: 1 }));
  });

  it('puts the week edge at Monday 00:00 Europe/London across the 2021 start of BST (Sun 28 March 01:00 UTC)', async () => {
    // W12 starts Mon 22 March 00:00 GMT and ends Mon 29 March 00:00 BST = 28 March 23:00 UTC.
    await r.referral(NE, '2021-03-21T23:59:59Z'); // W11
    await r.referral(NE, '2021-03-22T00:00:00Z'); // W12, first second
    await r.exhibit(NE, '2021-03-28T00:59:59Z'); // W12, just before the clocks go forward
    await r.exhibit(NE, '2021-03-28T01:00:00Z'); // W12, just after
    await r.arrest(NE, '2021-03-28T22:59:59Z'); // W12, last second (Sun 23:59:59 BST)
    await r.warrant(NE, '2021-03-28T23:00:00Z', { children: 1 }); // W13, first second (Mon 00:00 BST)
    await r.visit(NE, '2021-03-28T23:30:00Z', { children: 2 }); // W13

    expect(await live(NE, '2021-W11')).toEqual(figures({ referralsReceived: 1 }));
    expect(await live(NE, '2021-W12')).toEqual(figures({ referralsReceived: 1, exhibitsSeized: 2, arrests: 1 }));
    expect(await live(NE, '2021-W13')).toEqual(figures({ warrantsExecuted: 1, childrenSafeguarded: 3, safeguardingVisits: 1 }));
  });

  it('puts the week edge at Monday 00:00 Europe/London across the 2021 end of BST (Sun 31 October 01:00 UTC)', async () => {
    // W43 starts Mon 25 October 00:00 BST = 24 October 23:00 UTC and ends Mon 1 November 00:00 GMT.
    await r.arrest(NE, '2021-10-24T22:59:59Z'); // W42, last second
    await r.arrest(NE, '2021-10-24T23:00:00Z'); // W43, first second
    await r.exhibit(NE, '2021-10-31T00:59:59Z'); // W43, the first 01:00-01:59 (BST)
    await r.exhibit(NE, '2021-10-31T01:30:00Z'); // W43, the repeated 01:00-01:59 (GMT)
    await r.referral(NE, '2021-10-31T23:59:59Z'); // W43, last second (Sun 23:59:59 GMT)
    await r.referral(NE, '2021-11-01T00:00:00Z'); // W44, first second

    expect(await live(NE, '2021-W42')).toEqual(figures({ arrests: 1 }));
    expect(await live(NE, '2021-W43')).toEqual(figures({ arrests: 1, exhibitsSeized: 2, referralsReceived: 1 }));
    expect(await live(NE, '2021-W44')).toEqual(figures({ referralsReceived: 1 }));
  });

  it('counts week 53 of a long ISO year (2020-W53 runs Mon 28 Dec 2020 to Sun 3 Jan 2021)', async () => {
    await r.arrest(NE, '2020-12-27T23:59:59Z'); // 2020-W52
    await r.arrest(NE, '2020-12-28T00:00:00Z'); // 2020-W53
    await r.exhibit(NE, '2021-01-01T12:00:00Z'); // 2020-W53, though in calendar 2021
    await r.referral(NE, '2021-01-03T23:59:59Z'); // 2020-W53, last second
    await r.referral(NE, '2021-01-04T00:00:00Z'); // 2021-W01

    expect(await live(NE, '2020-W52')).toEqual(figures({ arrests: 1 }));
    expect(await live(NE, '2020-W53')).toEqual(figures({ arrests: 1, exhibitsSeized: 1, referralsReceived: 1 }));
    expect(await live(NE, '2021-W01')).toEqual(figures({ referralsReceived: 1 }));
  });

  it('refuses weeks that do not exist or are badly written (400, field week)', async () => {
    for (const week of ['2021-W53', '2021-W00', '2021-09', '2021-W9', '2021W09', '2021-w09', '']) {
      const res = await t
        .http()
        .get('/api/v1/weekly-returns')
        .query({ unitId: NE, week })
        .set(await as('neOfficer'));
      expect({ week, status: res.status }).toEqual({ week, status: 400 });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['week']);
    }
    const missing = await t
      .http()
      .get('/api/v1/weekly-returns')
      .query({ unitId: NE })
      .set(await as('neOfficer'))
      .expect(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(['week']);
    const badUnit = await t
      .http()
      .get('/api/v1/weekly-returns')
      .query({ unitId: 'BCU-NE', week: '2021-W09' })
      .set(await as('neOfficer'))
      .expect(400);
    expect(badUnit.body.errors.map((e: { field: string }) => e.field)).toEqual(['unitId']);
  });

  it("answers 404 for an unknown unit and for another borough's unit, and audits both", async () => {
    await t
      .http()
      .get('/api/v1/weekly-returns')
      .query({ unitId: randomUUID(), week: '2021-W09' })
      .set(await as('neOfficer'))
      .expect(404);
    await t
      .http()
      .get('/api/v1/weekly-returns')
      .query({ unitId: SW, week: '2021-W09' })
      .set(await as('neOfficer'))
      .expect(404);
    const refused = await t.auditEvents({ actor_id: t.users.neOfficer, entity_type: 'weekly_return', outcome: 'not_found' });
    expect(refused.map((e) => e.details.unitId)).toEqual([expect.any(String), SW]);
    // The central team sees every unit.
    expect(await live(NE, '2021-W09', 'centralOfficer')).toEqual(expect.objectContaining({ arrests: 3 }));
  });

  it('lets officers and supervisors read, not admins or auditors, and not without a token', async () => {
    const q = { unitId: NE, week: '2021-W09' };
    await t.http().get('/api/v1/weekly-returns').query(q).expect(401);
    for (const who of ['admin', 'auditor'] as const)
      await t
        .http()
        .get('/api/v1/weekly-returns')
        .query(q)
        .set(await as(who))
        .expect(403);
    for (const who of ['neOfficer', 'neSupervisor'] as const)
      await t
        .http()
        .get('/api/v1/weekly-returns')
        .query(q)
        .set(await as(who))
        .expect(200);
  });

  it('audits each read of a week before answering', async () => {
    const res = await t
      .http()
      .get('/api/v1/weekly-returns')
      .query({ unitId: NE, week: '2021-W10' })
      .set(await as('neSupervisor'))
      .expect(200);
    expect(res.body).toMatchObject({ unit: { id: NE, code: 'BCU-NE' }, week: '2021-W10', weekStarting: '2021-03-08', return: null, stale: false });
    const events = await t.auditEvents({ actor_id: t.users.neSupervisor, action: 'view', entity_type: 'weekly_return' });
    expect(events.at(-1)).toMatchObject({ outcome: 'success', entity_id: null, details: { unitId: NE, week: '2021-W10', status: null, stale: false } });
  });
});
