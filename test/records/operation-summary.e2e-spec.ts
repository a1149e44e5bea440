import { bearer, createTestApp, TestApp } from '../support/test-app';

describe('GET /operations/:id/summary', () => {
  let t: TestApp;
  let opId: string;
  beforeAll(async () => {
    t = await createTestApp();
    const op = await t
      .http()
      .post('/api/v1/operations')
      .set(bearer(await t.token('centralSupervisor')))
      .send({ name: 'LEGATUM', reference: 'OP/LEGATUM', startsOn: '2021-03-01', status: 'active', unitId: t.units.CENTRAL })
      .expect(201);
    opId = op.body.id;
    const ne = t.units['BCU-NE'];
    const central = t.units.CENTRAL;
    const q = (sql: string, p: unknown[]) => t.db.query(sql, p);
    // Hand-built records: two executed warrants (3 + 2 children), one granted, one voided executed.
    for (const [unit, status, at, kids, voided] of [
      [ne, 'executed', '2021-03-02T06:00:00Z', 3, null],
      [central, 'executed', '2021-03-03T06:00:00Z', 2, null],
      [ne, 'granted', null, 0, null],
      [ne, 'executed', '2021-03-04T06:00:00Z', 9, '2021-03-05T00:00:00Z'],
    ] as const) {
      await q(
        `INSERT INTO warrants (unit_id, operation_id, reference, type, status, executed_at, children_safeguarded, voided_at)
               VALUES ($1, $2, 'W/' || gen_random_uuid(), 'PCA 1978 s.4', $3, $4, $5, $6)`,
        [unit, opId, status, at, kids, voided],
      );
    }
    for (const unit of [ne, ne, central]) {
      await q(`INSERT INTO arrests (unit_id, operation_id, arrested_at, suspect_ref, offence_code) VALUES ($1, $2, '2021-03-02T07:00:00Z', 'SUS-1', '86/1')`, [
        unit,
        opId,
      ]);
    }
    for (let i = 0; i < 5; i++) {
      await q(`INSERT INTO exhibits (unit_id, operation_id, reference, item_type, seized_at) VALUES ($1, $2, $3, 'phone', '2021-03-02T08:00:00Z')`, [
        ne,
        opId,
        `JS/${i}`,
      ]);
    }
    await q(`INSERT INTO safeguarding_visits (unit_id, operation_id, visited_at, children_safeguarded) VALUES ($1, $2, '2021-03-03T10:00:00Z', 4)`, [ne, opId]);
    await q(
      `INSERT INTO referrals (unit_id, operation_id, source, reference, received_at, risk_grade) VALUES ($1, $2, 'NCA', 'NCA-1', '2021-02-20T10:00:00Z', 'high')`,
      [central, opId],
    );
    // A record of another operation must not count.
    await q(`INSERT INTO arrests (unit_id, arrested_at, suspect_ref, offence_code) VALUES ($1, '2021-03-02T07:00:00Z', 'SUS-2', '86/1')`, [ne]);
  });
  afterAll(() => t.close());

  it("gives the figures over all the operation's live records to the central team, and audits it", async () => {
    const res = await t
      .http()
      .get(`/api/v1/operations/${opId}/summary`)
      .set(bearer(await t.token('centralOfficer')))
      .expect(200);
    expect(res.body.operation.id).toBe(opId);
    expect(res.body.figures).toEqual({
      warrantsExecuted: 2,
      arrests: 3,
      childrenSafeguarded: 3 + 2 + 4,
      exhibitsSeized: 5,
      safeguardingVisits: 1,
      referralsReceived: 1,
    });
    const [ev] = await t.auditEvents({ action: 'summary', entity_id: opId });
    expect(ev).toMatchObject({ entity_type: 'operation', outcome: 'success', actor_id: t.users.centralOfficer });
  });

  it('is 404 for a borough officer who cannot see the operation, 403 for an admin, 401 without a token', async () => {
    await t
      .http()
      .get(`/api/v1/operations/${opId}/summary`)
      .set(bearer(await t.token('neOfficer')))
      .expect(404);
    await t
      .http()
      .get(`/api/v1/operations/${opId}/summary`)
      .set(bearer(await t.token('admin')))
      .expect(403);
    await t.http().get(`/api/v1/operations/${opId}/summary`).expect(401);
    await t
      .http()
      .get(`/api/v1/operations/not-a-uuid/summary`)
      .set(bearer(await t.token('centralOfficer')))
      .expect(400);
  });
});
