import { createOperation, ref } from '../support/record-fixtures';
import { bearer, createTestApp, TestApp } from '../support/test-app';

describe("records from a warrant's execution belong to the warrant's operation", () => {
  let t: TestApp;
  let opA: string;
  let opB: string;
  let warrantA: string;
  let warrantB: string;
  beforeAll(async () => {
    t = await createTestApp();
    opA = await createOperation(t, 'BCU-NE');
    opB = await createOperation(t, 'BCU-NE');
    const w = async (operationId: string) =>
      (
        await t
          .http()
          .post('/api/v1/warrants')
          .set(bearer(await t.token('neOfficer')))
          .send({ operationId, reference: ref('W'), type: 'PACE s.8', status: 'granted' })
          .expect(201)
      ).body.id;
    warrantA = await w(opA);
    warrantB = await w(opB);
  });
  afterAll(() => t.close());
  const officer = async () => bearer(await t.token('neOfficer'));
  const arrest = (extra: object) => ({ arrestedAt: '2021-03-02T07:00:00Z', suspectRef: ref('SUS', '-'), offenceCode: '86/2', ...extra });

  it('fills in the operation from the warrant when only the warrant is named', async () => {
    const res = await t
      .http()
      .post('/api/v1/arrests')
      .set(await officer())
      .send(arrest({ warrantId: warrantA }))
      .expect(201);
    expect(res.body.operationId).toBe(opA);
    const ex = await t
      .http()
      .post('/api/v1/exhibits')
      .set(await officer())
      .send({ warrantId: warrantB, reference: ref('JS'), itemType: 'phone', seizedAt: '2021-03-02T08:00:00Z' })
      .expect(201);
    expect(ex.body.operationId).toBe(opB);
  });

  it("refuses another operation than the warrant's (422), storing nothing", async () => {
    const [{ n: before }] = await t.db.query('SELECT count(*)::int AS n FROM safeguarding_visits');
    const res = await t
      .http()
      .post('/api/v1/safeguarding-visits')
      .set(await officer())
      .send({ warrantId: warrantA, operationId: opB, visitedAt: '2021-03-03T10:00:00Z' })
      .expect(422);
    expect(res.body.errors[0].field).toBe('operationId');
    const [{ n: after }] = await t.db.query('SELECT count(*)::int AS n FROM safeguarding_visits');
    expect(after).toBe(before);
  });

  it('keeps the link on update: another operation alone is refused, another warrant moves the operation with it', async () => {
    const created = await t
      .http()
      .post('/api/v1/arrests')
      .set(await officer())
      .send(arrest({ warrantId: warrantA }))
      .expect(201);
    await t
      .http()
      .patch(`/api/v1/arrests/${created.body.id}`)
      .set(await officer())
      .send({ version: 1, operationId: opB })
      .expect(422);
    const moved = await t
      .http()
      .patch(`/api/v1/arrests/${created.body.id}`)
      .set(await officer())
      .send({ version: 1, warrantId: warrantB })
      .expect(200);
    expect(moved.body).toMatchObject({ warrantId: warrantB, operationId: opB, version: 2 });
  });
});
