import { createOperation, ref } from '../support/record-fixtures';
import { superuser } from '../support/test-database';
import { bearer, createTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

/**
 * Issue 13.9, decided: auditors are force-wide. DESIGN's roles table gives the auditor "read and
 * search the audit log, see any record's access history, verify the chain, export the log" with
 * no unit limit (unlike officers and supervisors, "of their unit"), so an auditor whose account
 * sits in a borough reads every unit's events, field diffs (`changes`) included. This pins it: a
 * change to borough-scoped auditing must be a deliberate decision that edits this test.
 */
describe('auditors are force-wide, wherever their account sits', () => {
  let t: TestApp;
  let boroughAuditor: Record<string, string>;
  let swWarrant: { id: string; reference: string };

  beforeAll(async () => {
    t = await createTestApp();
    const su = await superuser(t.databaseUrl);
    try {
      await su.query(
        `INSERT INTO users (username, display_name, role, unit_id, password_hash)
         SELECT 'ne.auditor', 'NE auditor', 'auditor', $1, password_hash FROM users WHERE username = 'ne.officer'`,
        [t.units['BCU-NE']],
      );
    } finally {
      await su.end();
    }
    const login = await t.http().post('/api/v1/auth/login').send({ username: 'ne.auditor', password: TEST_PASSWORD }).expect(200);
    boroughAuditor = bearer(login.body.accessToken);
    const swOp = await createOperation(t, 'BCU-SW');
    const body = (
      await t
        .http()
        .post('/api/v1/warrants')
        .set(bearer(await t.token('swOfficer')))
        .send({ operationId: swOp, reference: ref('W'), type: 'PACE s.8', status: 'granted', locationArea: 'SW1' })
        .expect(201)
    ).body;
    swWarrant = { id: body.id, reference: body.reference };
  });
  afterAll(() => t.close());

  it("lets a borough auditor search another unit's events, field values in `changes` included", async () => {
    const res = await t.http().get(`/api/v1/audit-events?entityType=warrant&entityId=${swWarrant.id}`).set(boroughAuditor).expect(200);
    const created = res.body.items.find((e: { action: string }) => e.action === 'create');
    expect(created).toBeDefined();
    expect(created.changes.reference).toEqual([null, swWarrant.reference]);
    expect(created.changes.unitId).toEqual([null, t.units['BCU-SW']]);
  });

  it("lets a borough auditor read another unit's record history", async () => {
    const res = await t.http().get(`/api/v1/audit-events/history/warrant/${swWarrant.id}`).set(boroughAuditor).expect(200);
    expect(res.body.items.some((e: { action: string }) => e.action === 'create')).toBe(true);
  });

  it('still gives a borough auditor no record itself (no access to case records)', async () => {
    await t.http().get(`/api/v1/warrants/${swWarrant.id}`).set(boroughAuditor).expect(403);
  });
});
