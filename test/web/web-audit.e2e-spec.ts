import { bearer, createTestApp, TestApp } from '../support/test-app';
import { errorSummary, signIn } from './web-support';

describe("web front office: the auditor's desk", () => {
  let t: TestApp;
  let exhibitId: string;
  beforeAll(async () => {
    t = await createTestApp();
    const res = await t
      .http()
      .post('/api/v1/exhibits')
      .set(bearer(await t.token('neOfficer')))
      .send({ reference: 'AUD/1', itemType: 'laptop', seizedAt: '2021-03-02T07:00:00Z' })
      .expect(201);
    exhibitId = res.body.id;
    const officer = await signIn(t, 'neOfficer');
    await officer.get('/exhibits').expect(200);
    await officer.get(`/exhibits/${exhibitId}`).expect(200);
  });
  afterAll(() => t.close());

  it("finds an officer's view of an exhibit by searching the log", async () => {
    const auditor = await signIn(t, 'auditor');
    const res = await auditor.get(`/audit?entityType=exhibit&action=view&actorId=${t.users.neOfficer}`).expect(200);
    const table = /<table class="govuk-table haven-audit">[\s\S]*?<\/table>/.exec(res.text)![0];
    const rows = table.split('<tr class="govuk-table__row">').slice(2);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(`Officer ${t.users.neOfficer}`);
    expect(rows[0]).toContain(exhibitId);
    expect(rows[0]).toContain('>view<');
    // The search is itself audited.
    const searches = await t.auditEvents({ action: 'audit.search', actor_id: t.users.auditor });
    expect(searches[searches.length - 1].details.filter).toEqual({ entityType: 'exhibit', action: 'view', actorId: t.users.neOfficer });
  });

  it("shows a record's access history, with the lists that showed it", async () => {
    const auditor = await signIn(t, 'auditor');
    const res = await auditor.get(`/audit/history?entityType=exhibit&entityId=${exhibitId}`).expect(200);
    expect(res.text).toContain(`History of exhibit ${exhibitId}`);
    expect(res.text).toContain('(in a list)');
    expect(res.text).toMatch(/>view</);
    expect(res.text).toMatch(/>create</);
    const missing = await auditor.get('/audit/history?entityType=exhibit&entityId=nope').expect(400);
    expect(errorSummary(missing.text)).toContain('Record id must be a UUID');
  });

  it('explains a wrong date instead of searching', async () => {
    const auditor = await signIn(t, 'auditor');
    const res = await auditor.get('/audit?from=2021-02-30').expect(400);
    expect(errorSummary(res.text)).toContain('From must be a real date, like 2021-03-01');
    expect(res.text).toContain('value="2021-02-30"');
  });

  it('verifies the chain on request, and records the check', async () => {
    const auditor = await signIn(t, 'auditor');
    const page = await auditor.get('/audit/verify').expect(200);
    expect(page.text).toContain('Verify the chain now');
    const res = await auditor.get('/audit/verify?run=1').expect(200);
    expect(res.text).toContain('The chain is intact');
    const checks = await t.auditEvents({ action: 'audit.verify', actor_id: t.users.auditor });
    expect(checks).toHaveLength(1);
    expect(checks[0].details.valid).toBe(true);
  });

  it('exports the log with a stated reason (required), as a download', async () => {
    const auditor = await signIn(t, 'auditor');
    await auditor.get('/audit/export').expect(200);
    const noReason = await auditor.get('/audit/export/download?entityType=exhibit&format=csv&reason=').expect(400);
    expect(errorSummary(noReason.text)).toContain('Enter why the export is needed');
    expect(noReason.text).toMatch(/value="exhibit" selected/);
    const res = await auditor
      .get(`/audit/export/download?entityType=exhibit&entityId=${exhibitId}&format=csv&reason=${encodeURIComponent('DPA request 42')}`)
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="/);
    expect(res.text.split('\n')[0]).toMatch(/^seq,at,actorId/);
    expect(res.text).toContain(exhibitId);
    const exports = await t.auditEvents({ action: 'audit.export', actor_id: t.users.auditor });
    expect(exports[0].details).toMatchObject({ reason: 'DPA request 42', format: 'csv' });
  });

  it('is for auditors only', async () => {
    const admin = await signIn(t, 'admin');
    await admin.get('/audit').expect(403);
    const officer = await signIn(t, 'neOfficer');
    await officer.get('/audit/history').expect(403);
  });
});
