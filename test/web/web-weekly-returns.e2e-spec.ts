import { bearer, createTestApp, TestApp } from '../support/test-app';
import { lastWeek } from '../../src/web/returns/weekly-return-pages.controller';
import { csrfFrom, errorSummary, signIn } from './web-support';

describe('web front office: weekly returns', () => {
  let t: TestApp;
  let ne: string;
  const page = (unitId: string, week: string) => `/weekly-returns?unitId=${unitId}&week=${week}`;
  beforeAll(async () => {
    t = await createTestApp();
    ne = t.units['BCU-NE'];
    const off = bearer(await t.token('neOfficer'));
    const w = await t
      .http()
      .post('/api/v1/warrants')
      .set(off)
      .send({ reference: 'NE/W/R/1', type: 'PACE s.8', status: 'executed', executedAt: '2021-03-02T06:00:00Z', childrenSafeguarded: 3 })
      .expect(201);
    await t
      .http()
      .post('/api/v1/exhibits')
      .set(off)
      .send({ warrantId: w.body.id, reference: 'R/1', itemType: 'phone', seizedAt: '2021-03-02T07:00:00Z' })
      .expect(201);
    await t
      .http()
      .post('/api/v1/warrants')
      .set(off)
      .send({ reference: 'NE/W/R/2', type: 'PACE s.8', status: 'executed', executedAt: '2021-02-23T06:00:00Z' })
      .expect(201);
  });
  afterAll(() => t.close());

  it("shows a unit's week: live figures, comparisons and a 12-week trend drawn on the server", async () => {
    const sup = await signIn(t, 'neSupervisor');
    const res = await sup.get(page(ne, '2021-W09')).expect(200);
    expect(res.text).toContain('Weekly return: BCU-NE, week 2021-W09');
    expect(res.text).toContain('1 March 2021 to 7 March 2021');
    const figures = /<table class="govuk-table" id="figures">[\s\S]*?<\/table>/
      .exec(res.text)![0]
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');
    expect(figures).toContain('Warrants executed 1 1 (0%)');
    expect(figures).toContain('Children safeguarded 3 0 (no comparison)');
    expect(figures).toContain('Exhibits seized 1');
    const charts = res.text.match(/<svg class="haven-chart"[^>]*role="img"/g) ?? [];
    expect(charts).toHaveLength(6);
    expect(res.text).toContain('<title id="trend-warrantsExecuted-title">Warrants executed per week, 2020-W51 to 2021-W09</title>');
    expect(res.text).toContain('Not submitted');
    const reads = await t.auditEvents({ entity_type: 'weekly_return', actor_id: t.users.neSupervisor });
    expect(reads.map((e) => e.action)).toEqual(['view', 'series']);
  });

  it('defaults to the last full week of the user’s own unit', async () => {
    const off = await signIn(t, 'neOfficer');
    const res = await off.get('/weekly-returns').expect(200);
    expect(res.text).toContain(`Weekly return: BCU-NE, week ${lastWeek()}`);
    // Officers read returns; only supervisors get the sign-off forms.
    expect(res.text).not.toContain('Submit return');
  });

  it('is submitted by one supervisor and approved by another (four eyes), then reports staleness', async () => {
    const sup1 = await signIn(t, 'neSupervisor');
    const before = await sup1.get(page(ne, '2021-W09'));
    const submitted = await sup1
      .post('/weekly-returns/submit')
      .type('form')
      .send({ _csrf: csrfFrom(before.text), unitId: ne, week: '2021-W09', comment: 'Week of action' })
      .expect(303);
    expect(submitted.headers.location).toBe(page(ne, '2021-W09'));
    const mine = await sup1.get(submitted.headers.location).expect(200);
    expect(mine.text).toContain('has been submitted');
    expect(mine.text).toContain('Submitted: awaiting approval');
    expect(mine.text).toContain('You submitted this return, so another supervisor must approve it');
    expect(mine.text).not.toContain('Approve return');

    // Posting the approval anyway is refused by the service (and audited there).
    const id = (await t.db.query(`SELECT id FROM weekly_returns WHERE unit_id = $1 AND week = '2021-W09'`, [ne]))[0].id;
    const self = await sup1
      .post(`/weekly-returns/${id}/approve`)
      .type('form')
      .send({ _csrf: csrfFrom(mine.text), unitId: ne, week: '2021-W09' })
      .expect(303);
    expect(errorSummary((await sup1.get(self.headers.location)).text)).toContain('The supervisor who submitted a return cannot approve it');

    const sup2 = await signIn(t, 'neSupervisor2');
    const review = await sup2.get(page(ne, '2021-W09')).expect(200);
    expect(review.text).toContain('Approve return');
    await sup2
      .post(`/weekly-returns/${id}/approve`)
      .type('form')
      .send({ _csrf: csrfFrom(review.text), figuresHash: /name="figuresHash" value="([0-9a-f]{64})"/.exec(review.text)![1], unitId: ne, week: '2021-W09' })
      .expect(303);
    const approved = await sup2.get(page(ne, '2021-W09')).expect(200);
    expect(approved.text).toContain('is approved');
    expect(approved.text).toMatch(/govuk-tag--green[^>]*>\s*Approved/);
    expect((await t.auditEvents({ action: 'approve', entity_id: id })).map((e) => [e.actor_id, e.outcome])).toEqual([
      [t.users.neSupervisor, 'denied'],
      [t.users.neSupervisor2, 'success'],
    ]);

    await t
      .http()
      .post('/api/v1/arrests')
      .set(bearer(await t.token('neOfficer')))
      .send({ arrestedAt: '2021-03-03T09:00:00Z', suspectRef: 'SR-LATE', offenceCode: '86/2' })
      .expect(201);
    const stale = await sup2.get(page(ne, '2021-W09')).expect(200);
    expect(stale.text).toContain('The records have changed since this return was approved');
    expect(stale.text).toContain('differs');
  });

  it('goes back with a reason, which is required, and can be submitted again', async () => {
    const sup1 = await signIn(t, 'neSupervisor');
    const p = await sup1.get(page(ne, '2021-W08'));
    await sup1
      .post('/weekly-returns/submit')
      .type('form')
      .send({ _csrf: csrfFrom(p.text), unitId: ne, week: '2021-W08' })
      .expect(303);
    const id = (await t.db.query(`SELECT id FROM weekly_returns WHERE unit_id = $1 AND week = '2021-W08'`, [ne]))[0].id;
    const sup2 = await signIn(t, 'neSupervisor2');
    const form = await sup2.get(`/weekly-returns/${id}/return`).expect(200);
    const empty = await sup2
      .post(`/weekly-returns/${id}/return`)
      .type('form')
      .send({ _csrf: csrfFrom(form.text), reason: '  ', unitCode: 'BCU-NE', week: '2021-W08' })
      .expect(400);
    expect(errorSummary(empty.text)).toContain('Enter why the return is going back');
    await sup2
      .post(`/weekly-returns/${id}/return`)
      .type('form')
      .send({ _csrf: csrfFrom(form.text), reason: 'Two exhibits missing', unitCode: 'BCU-NE', week: '2021-W08' })
      .expect(303);
    const back = await sup1.get(page(ne, '2021-W08')).expect(200);
    expect(back.text).toContain('Returned for correction');
    expect(back.text).toContain('Two exhibits missing');
    expect(back.text).toContain('Submit this return again');
  });

  it('refuses to submit a week that has not ended, saying why, with the comment kept', async () => {
    const sup1 = await signIn(t, 'neSupervisor');
    const current = new Date(Date.now() + 7 * 86_400_000);
    const week = lastWeek(current);
    const p = await sup1.get(page(ne, week));
    const res = await sup1
      .post('/weekly-returns/submit')
      .type('form')
      .send({ _csrf: csrfFrom(p.text), unitId: ne, week, comment: 'Too early' })
      .expect(400);
    expect(errorSummary(res.text)).toContain('The week has not ended yet');
    expect(res.text).toContain('Too early');
  });

  it('gives the central team the force-wide summary, and boroughs a 403', async () => {
    const central = await signIn(t, 'centralSupervisor');
    const res = await central.get('/weekly-returns/summary?week=2021-W09').expect(200);
    expect(res.text).toContain('Force-wide summary, week 2021-W09');
    expect(res.text).toMatch(/BCU-NE<\/a>/);
    const borough = await signIn(t, 'neSupervisor');
    await borough.get('/weekly-returns/summary?week=2021-W09').expect(403);
    await borough.get(page(t.units['BCU-SW'], '2021-W09')).expect(404);
  });
});
