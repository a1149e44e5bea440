import { bearer, createTestApp, FixtureName, TestApp } from '../support/test-app';
import { figures, rows } from './weekly-return-rows';

const HEADER = 'warrantsExecuted,arrests,childrenSafeguarded,exhibitsSeized,safeguardingVisits,referralsReceived';
const lines = (text: string) => text.split('\r\n');
/** Plain words, so only the length rule (not the embedded-content rule) can refuse it. */
const text = (n: number) => `${'Needed for review. '.repeat(20).slice(0, n - 1)}.`;
const ok = <T extends { status: number; body: unknown }>(res: T): T => {
  if (res.status !== 200) throw new Error(`expected 200, got ${res.status} ${JSON.stringify(res.body)}`);
  return res;
};

describe('weekly returns: staleness, comparisons, summary, series and exports', () => {
  let t: TestApp;
  let r: ReturnType<typeof rows>;
  let NE: string;
  let SW: string;
  let CENTRAL: string;
  const url = '/api/v1/weekly-returns';
  const as = async (who: FixtureName) => bearer(await t.token(who));
  const get = async (who: FixtureName, path: string, query: Record<string, string>) =>
    t
      .http()
      .get(`${url}${path}`)
      .query(query)
      .set(await as(who));
  const submitAndApprove = async (unitId: string, week: string) => {
    const s = await t
      .http()
      .post(url)
      .set(await as('neSupervisor'))
      .send({ unitId, week })
      .expect(201);
    return (
      await t
        .http()
        .post(`${url}/${s.body.id}/approve`)
        .set(await as('neSupervisor2'))
        .send({})
        .expect(200)
    ).body;
  };

  beforeAll(async () => {
    t = await createTestApp();
    r = rows(t);
    NE = t.units['BCU-NE'];
    SW = t.units['BCU-SW'];
    CENTRAL = t.units.CENTRAL;
    // 2021-W29 (from Mon 19 July 2021): nothing at all.
    // 2021-W30 (from Mon 26 July 2021, BST).
    await r.warrant(NE, '2021-07-27T05:00:00Z', { children: 1 });
    await r.warrant(NE, '2021-07-28T05:00:00Z', { children: 1 });
    for (const d of ['26', '27', '28', '29']) await r.arrest(NE, `2021-07-${d}T10:00:00Z`);
    for (const d of ['27', '30']) await r.referral(NE, `2021-07-${d}T09:00:00Z`);
    // 2021-W31 (from Mon 2 August 2021).
    for (const d of ['02', '03', '04', '05', '06']) await r.arrest(NE, `2021-08-${d}T10:00:00Z`);
    for (const d of ['03', '04', '05']) await r.exhibit(NE, `2021-08-${d}T11:00:00Z`);
    await r.visit(NE, '2021-08-04T15:00:00Z', { children: 2 });
    for (const d of ['02', '08']) await r.referral(NE, `2021-08-${d}T09:00:00Z`);
    await r.referral(SW, '2021-08-03T09:00:00Z');
    await r.arrest(CENTRAL, '2021-08-03T09:00:00Z');
    // 2020-W31 (from Mon 27 July 2020): the same week a year before.
    for (const d of ['28', '29']) await r.arrest(NE, `2020-07-${d}T10:00:00Z`);
  });
  afterAll(() => t.close());

  describe('staleness of an approved return', () => {
    it('keeps the approved figures and hash, and says stale with approved and live side by side once a record changes', async () => {
      const a1 = await r.arrest(NE, '2021-05-18T10:00:00Z');
      await r.arrest(NE, '2021-05-19T10:00:00Z');
      await r.exhibit(NE, '2021-05-19T11:00:00Z');
      const approved = await submitAndApprove(NE, '2021-W20');
      const lockedFigures = figures({ arrests: 2, exhibitsSeized: 1 });
      expect(approved.figures).toEqual(lockedFigures);

      const fresh = (await get('neOfficer', '', { unitId: NE, week: '2021-W20' }).then((x) => x.body)) as Record<string, any>;
      expect(fresh).toMatchObject({ stale: false, approved: lockedFigures, live: lockedFigures, liveHash: approved.figuresHash });
      expect(fresh.sideBySide.every((row: { difference: number }) => row.difference === 0)).toBe(true);

      // An officer voids one of the week's arrests through the API, and a new exhibit is recorded.
      await t
        .http()
        .delete(`/api/v1/arrests/${a1}`)
        .set(await as('neOfficer'))
        .send({ reason: 'Recorded against the wrong suspect' })
        .expect(200);
      await r.exhibit(NE, '2021-05-20T11:00:00Z');

      const res = await get('neOfficer', '', { unitId: NE, week: '2021-W20' }).then((x) => x.body);
      expect(res.stale).toBe(true);
      expect(res.approved).toEqual(lockedFigures);
      expect(res.live).toEqual(figures({ arrests: 1, exhibitsSeized: 2 }));
      expect(res.liveHash).not.toBe(approved.figuresHash);
      expect(res.return).toMatchObject({
        id: approved.id,
        status: 'approved',
        figures: lockedFigures,
        figuresHash: approved.figuresHash,
        snapshotIntact: true,
      });
      expect(res.sideBySide).toEqual([
        { figure: 'warrantsExecuted', approved: 0, live: 0, difference: 0 },
        { figure: 'arrests', approved: 2, live: 1, difference: -1 },
        { figure: 'childrenSafeguarded', approved: 0, live: 0, difference: 0 },
        { figure: 'exhibitsSeized', approved: 1, live: 2, difference: 1 },
        { figure: 'safeguardingVisits', approved: 0, live: 0, difference: 0 },
        { figure: 'referralsReceived', approved: 0, live: 0, difference: 0 },
      ]);
      const [row] = await t.db.query('SELECT figures, figures_hash, status FROM weekly_returns WHERE id = $1', [approved.id]);
      expect(row).toEqual({ figures: lockedFigures, figures_hash: approved.figuresHash, status: 'approved' });
      const views = await t.auditEvents({ action: 'view', entity_id: approved.id });
      expect(views.at(-1)!.details).toMatchObject({ stale: true, status: 'approved' });
    });

    it('flags a submitted return whose records changed before approval, and notes it in the approval audit', async () => {
      await r.referral(NE, '2021-05-25T09:00:00Z');
      const s = await t
        .http()
        .post(url)
        .set(await as('neSupervisor'))
        .send({ unitId: NE, week: '2021-W21' })
        .expect(201);
      await r.referral(NE, '2021-05-26T09:00:00Z');
      const read = await get('neSupervisor2', `/${s.body.id}`, {}).then((x) => x.body);
      expect(read).toMatchObject({
        stale: true,
        approved: null,
        sideBySide: null,
        live: figures({ referralsReceived: 2 }),
        return: { status: 'submitted', figures: figures({ referralsReceived: 1 }) },
      });
      await t
        .http()
        .post(`${url}/${s.body.id}/approve`)
        .set(await as('neSupervisor2'))
        .send({})
        .expect(200);
      const [event] = await t.auditEvents({ action: 'approve', entity_id: s.body.id, outcome: 'success' });
      expect(event.details).toMatchObject({ liveDiffered: true, figuresHash: s.body.figuresHash });
    });
  });

  describe('comparisons', () => {
    it('gives null change when the week compared with was zero', async () => {
      const res = await get('neOfficer', '', { unitId: NE, week: '2021-W30' }).then((x) => x.body);
      expect(res.live).toEqual(figures({ warrantsExecuted: 2, arrests: 4, childrenSafeguarded: 2, referralsReceived: 2 }));
      const allNull = {
        warrantsExecuted: null,
        arrests: null,
        childrenSafeguarded: null,
        exhibitsSeized: null,
        safeguardingVisits: null,
        referralsReceived: null,
      };
      expect(res.comparisons).toEqual({
        previousWeek: { week: '2021-W29', figures: figures(), changePercent: allNull },
        sameWeekLastYear: { week: '2020-W30', figures: figures(), changePercent: allNull },
      });
    });

    it('gives the change in percent on the previous week and the same week a year before', async () => {
      const res = await get('neOfficer', '', { unitId: NE, week: '2021-W31' }).then((x) => x.body);
      expect(res.live).toEqual(figures({ arrests: 5, childrenSafeguarded: 2, exhibitsSeized: 3, safeguardingVisits: 1, referralsReceived: 2 }));
      expect(res.comparisons.previousWeek).toEqual({
        week: '2021-W30',
        figures: figures({ warrantsExecuted: 2, arrests: 4, childrenSafeguarded: 2, referralsReceived: 2 }),
        changePercent: { warrantsExecuted: -100, arrests: 25, childrenSafeguarded: 0, exhibitsSeized: null, safeguardingVisits: null, referralsReceived: 0 },
      });
      expect(res.comparisons.sameWeekLastYear).toEqual({
        week: '2020-W31',
        figures: figures({ arrests: 2 }),
        changePercent: {
          warrantsExecuted: null,
          arrests: 150,
          childrenSafeguarded: null,
          exhibitsSeized: null,
          safeguardingVisits: null,
          referralsReceived: null,
        },
      });
    });
  });

  describe('force-wide summary', () => {
    it('sums every unit with the same comparisons, for the central team only', async () => {
      const res = await get('centralOfficer', '/summary', { week: '2021-W31' }).then((x) => x.body);
      expect(res.units.map((u: { unit: { code: string } }) => u.unit.code)).toEqual(['BCU-NE', 'BCU-SW', 'CENTRAL']);
      expect(res.units[1]).toMatchObject({ figures: figures({ referralsReceived: 1 }), return: null });
      expect(res.total).toEqual(figures({ arrests: 6, childrenSafeguarded: 2, exhibitsSeized: 3, safeguardingVisits: 1, referralsReceived: 3 }));
      expect(res.comparisons.previousWeek.changePercent).toEqual({
        warrantsExecuted: -100,
        arrests: 50,
        childrenSafeguarded: 0,
        exhibitsSeized: null,
        safeguardingVisits: null,
        referralsReceived: 50,
      });
      expect(res.comparisons.sameWeekLastYear).toMatchObject({ week: '2020-W31', changePercent: { arrests: 200, warrantsExecuted: null } });

      const stale = await get('centralSupervisor', '/summary', { week: '2021-W20' }).then((x) => x.body);
      expect(stale.units[0].return).toMatchObject({ status: 'approved', stale: true });

      expect((await get('neSupervisor', '/summary', { week: '2021-W31' })).status).toBe(403);
      expect((await get('centralOfficer', '/summary', { week: '2021-W53' })).status).toBe(400);
      expect((await t.auditEvents({ actor_id: t.users.neSupervisor, action: 'summary' })).map((e) => e.outcome)).toEqual(['denied']);
      expect((await t.auditEvents({ actor_id: t.users.centralOfficer, action: 'summary' })).map((e) => e.details.week)).toEqual(['2021-W31']);
    });
  });

  describe('series of weeks', () => {
    it("gives a unit's weeks in order with the change on each previous week", async () => {
      const res = await get('neOfficer', '/series', { unitId: NE, from: '2021-W29', to: '2021-W31' }).then((x) => x.body);
      expect(res.weeks.map((w: { week: string; weekStarting: string }) => [w.week, w.weekStarting])).toEqual([
        ['2021-W29', '2021-07-19'],
        ['2021-W30', '2021-07-26'],
        ['2021-W31', '2021-08-02'],
      ]);
      expect(res.weeks.map((w: { figures: { arrests: number } }) => w.figures.arrests)).toEqual([0, 4, 5]);
      expect(res.weeks.map((w: { changePercent: { arrests: number | null } }) => w.changePercent.arrests)).toEqual([null, null, 25]);
      expect(res.total).toEqual(
        figures({ warrantsExecuted: 2, arrests: 9, childrenSafeguarded: 4, exhibitsSeized: 3, safeguardingVisits: 1, referralsReceived: 4 }),
      );
    });

    it('runs across week 53 and gives force-wide series to the central team only', async () => {
      const res = await get('centralSupervisor', '/series', { from: '2020-W52', to: '2021-W02' }).then((x) => x.body);
      expect(res.unit).toBeNull();
      expect(res.weeks.map((w: { week: string }) => w.week)).toEqual(['2020-W52', '2020-W53', '2021-W01', '2021-W02']);
      const all = await get('centralSupervisor', '/series', { from: '2021-W31', to: '2021-W31' }).then((x) => x.body);
      expect(all.weeks[0].figures).toEqual(figures({ arrests: 6, childrenSafeguarded: 2, exhibitsSeized: 3, safeguardingVisits: 1, referralsReceived: 3 }));
      expect((await get('neOfficer', '/series', { from: '2021-W29', to: '2021-W31' })).status).toBe(403);
      expect((await get('neOfficer', '/series', { unitId: SW, from: '2021-W29', to: '2021-W31' })).status).toBe(404);
    });

    it('refuses reversed ranges and ranges over 260 weeks', async () => {
      const reversed = await get('neOfficer', '/series', { unitId: NE, from: '2021-W31', to: '2021-W29' });
      expect(reversed.status).toBe(400);
      expect(reversed.body.errors[0].field).toBe('to');
      expect((await get('neOfficer', '/series', { unitId: NE, from: '2016-W01', to: '2020-W52' })).status).toBe(200); // 260 weeks
      expect((await get('neOfficer', '/series', { unitId: NE, from: '2016-W01', to: '2020-W53' })).status).toBe(400); // 261
      expect((await get('neOfficer', '/series', { unitId: NE, from: '2021-W29' })).status).toBe(400);
    });
  });

  describe('CSV exports', () => {
    it('exports a return as CSV, one row per figure, audited with its reason', async () => {
      await submitAndApprove(NE, '2021-W31');
      const res = await get('neSupervisor', '/export', { unitId: NE, week: '2021-W31', reason: 'Monthly performance pack' }).then(ok);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toBe('attachment; filename="weekly-return-BCU-NE-2021-W31.csv"');
      expect(lines(res.text)).toEqual([
        'unit,week,status,stale,figure,returnValue,liveValue,previousWeek,previousWeekValue,previousWeekChangePercent,sameWeekLastYear,sameWeekLastYearValue,sameWeekLastYearChangePercent',
        'BCU-NE,2021-W31,approved,false,warrantsExecuted,0,0,2021-W30,2,-100,2020-W31,0,',
        'BCU-NE,2021-W31,approved,false,arrests,5,5,2021-W30,4,25,2020-W31,2,150',
        'BCU-NE,2021-W31,approved,false,childrenSafeguarded,2,2,2021-W30,2,0,2020-W31,0,',
        'BCU-NE,2021-W31,approved,false,exhibitsSeized,3,3,2021-W30,0,,2020-W31,0,',
        'BCU-NE,2021-W31,approved,false,safeguardingVisits,1,1,2021-W30,0,,2020-W31,0,',
        'BCU-NE,2021-W31,approved,false,referralsReceived,2,2,2021-W30,2,0,2020-W31,0,',
        '',
      ]);
      const [event] = await t.auditEvents({ actor_id: t.users.neSupervisor, action: 'export' });
      expect(event).toMatchObject({ entity_type: 'weekly_return', outcome: 'success' });
      expect(event.details).toEqual({ kind: 'return', format: 'csv', unitId: NE, week: '2021-W31', reason: 'Monthly performance pack' });
    });

    it('exports the force-wide summary as CSV: units, total, comparison weeks and changes', async () => {
      const res = await get('centralSupervisor', '/summary/export', { week: '2021-W31', reason: 'Force performance board' }).then(ok);
      expect(res.headers['content-disposition']).toBe('attachment; filename="weekly-returns-all-units-2021-W31.csv"');
      expect(lines(res.text)).toEqual([
        `row,week,unit,unitName,status,stale,${HEADER}`,
        'unit,2021-W31,BCU-NE,BCU-NE team,approved,false,0,5,2,3,1,2',
        'unit,2021-W31,BCU-SW,BCU-SW team,none,,0,0,0,0,0,1',
        'unit,2021-W31,CENTRAL,CENTRAL team,none,,0,1,0,0,0,0',
        'total,2021-W31,ALL,All units,,,0,6,2,3,1,3',
        'previousWeek,2021-W30,ALL,All units,,,2,4,2,0,0,2',
        'sameWeekLastYear,2020-W31,ALL,All units,,,0,2,0,0,0,0',
        'changePercentOnPreviousWeek,2021-W31,ALL,All units,,,-100,50,0,,,50',
        'changePercentOnSameWeekLastYear,2021-W31,ALL,All units,,,,200,,,,',
        '',
      ]);
      const [event] = await t.auditEvents({ actor_id: t.users.centralSupervisor, action: 'export' });
      expect(event.details).toEqual({ kind: 'summary', format: 'csv', week: '2021-W31', reason: 'Force performance board' });
      expect((await get('neSupervisor', '/summary/export', { week: '2021-W31', reason: 'curious' })).status).toBe(403);
    });

    it('exports a series of weeks as CSV, one row per week', async () => {
      const res = await get('neSupervisor', '/series/export', { unitId: NE, from: '2021-W29', to: '2021-W31', reason: 'Trend for the inspection' }).then(ok);
      expect(lines(res.text)).toEqual([
        `unit,week,weekStarting,${HEADER}`,
        'BCU-NE,2021-W29,2021-07-19,0,0,0,0,0,0',
        'BCU-NE,2021-W30,2021-07-26,2,4,2,0,0,2',
        'BCU-NE,2021-W31,2021-08-02,0,5,2,3,1,2',
        '',
      ]);
      const all = await get('centralSupervisor', '/series/export', { from: '2021-W30', to: '2021-W31', reason: 'Force trend' }).then(ok);
      expect(lines(all.text).slice(1, 3)).toEqual(['ALL,2021-W30,2021-07-26,2,4,2,0,0,2', 'ALL,2021-W31,2021-08-02,0,6,2,3,1,3']);
      const events = await t.auditEvents({ actor_id: t.users.neSupervisor, action: 'export' });
      expect(events.at(-1)!.details).toEqual({
        kind: 'series',
        format: 'csv',
        unitId: NE,
        from: '2021-W29',
        to: '2021-W31',
        reason: 'Trend for the inspection',
      });
    });

    it('refuses an export without a stated reason, with one over 200 characters, and for officers', async () => {
      const before = (await t.auditEvents({ action: 'export' })).length;
      for (const [path, q] of [
        ['/export', { unitId: NE, week: '2021-W31' }],
        ['/summary/export', { week: '2021-W31' }],
        ['/series/export', { unitId: NE, from: '2021-W29', to: '2021-W31' }],
      ] as const) {
        for (const reason of [undefined, '', '   ', text(201)]) {
          const res = await get('centralSupervisor', path, reason === undefined ? q : { ...q, reason });
          expect({ path, reason, status: res.status }).toEqual({ path, reason, status: 400 });
          expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['reason']);
        }
      }
      expect((await get('centralSupervisor', '/export', { unitId: NE, week: '2021-W31', reason: text(200) })).status).toBe(200);
      expect((await get('neOfficer', '/export', { unitId: NE, week: '2021-W31', reason: 'wanted a copy' })).status).toBe(403);
      expect((await get('neSupervisor', '/export', { unitId: SW, week: '2021-W31', reason: 'not my unit' })).status).toBe(404);
      const after = await t.auditEvents({ action: 'export' });
      expect(after.slice(before).map((e) => [e.outcome, e.details.reason?.length])).toEqual([
        ['success', 200],
        ['not_found', 'not my unit'.length],
      ]);
    });
  });
});
