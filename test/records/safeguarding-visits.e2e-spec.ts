import { describeRecordType } from '../support/record-conformance';
import { createOperation, insertWarrant } from '../support/record-fixtures';
import { bearer, createTestApp, FixtureName, TestApp } from '../support/test-app';

const visit = (extra: Record<string, unknown> = {}) => ({
  visitedAt: '2021-03-02T14:00:00Z',
  childrenSafeguarded: 3,
  agenciesNotified: "Children's social care; school nurse",
  outcome: 'Strategy meeting arranged',
  ...extra,
});

describeRecordType(
  {
    path: 'safeguarding-visits',
    entityType: 'safeguarding_visit',
    writers: ['neOfficer', 'swOfficer', 'centralOfficer'],
    validBody: async (t, unit) => ({ operationId: await createOperation(t, unit), ...visit() }),
    updateField: { field: 'childrenSafeguarded', value: 5 },
    invalidBodies: async () => [
      { name: 'wrong type', body: visit({ agenciesNotified: 42 }), field: 'agenciesNotified' },
      { name: 'count as a string', body: visit({ childrenSafeguarded: '3' }), field: 'childrenSafeguarded' },
      { name: 'negative count', body: visit({ childrenSafeguarded: -1 }), field: 'childrenSafeguarded' },
      { name: 'count out of range', body: visit({ childrenSafeguarded: 201 }), field: 'childrenSafeguarded' },
      { name: 'fractional count', body: visit({ childrenSafeguarded: 1.5 }), field: 'childrenSafeguarded' },
      { name: 'null count', body: visit({ childrenSafeguarded: null }), field: 'childrenSafeguarded' },
      { name: 'impossible date', body: visit({ visitedAt: '2021-02-30T10:00:00Z' }), field: 'visitedAt' },
      { name: 'date-time without offset', body: visit({ visitedAt: '2021-03-02T14:00:00' }), field: 'visitedAt' },
      { name: 'date without time', body: visit({ visitedAt: '2021-03-02' }), field: 'visitedAt' },
      { name: 'missing visitedAt', body: visit({ visitedAt: undefined }), field: 'visitedAt' },
      { name: 'operationId not a uuid', body: visit({ operationId: 'LEGATUM' }), field: 'operationId' },
      { name: 'warrantId not a uuid', body: visit({ warrantId: 'W/1' }), field: 'warrantId' },
      { name: 'agencies too long', body: visit({ agenciesNotified: 'Social care; '.repeat(20) }), field: 'agenciesNotified' },
      { name: 'outcome too long', body: visit({ outcome: 'Referred on. '.repeat(40) }), field: 'outcome' },
    ],
    listFilter: (rec) => ({ operationId: rec.operationId, unitId: rec.unitId, from: '2021-03-02', to: '2021-03-03' }),
  },
  'safeguarding_visits',
);

describe('safeguarding visits: defaults and references', () => {
  let t: TestApp;
  const url = '/api/v1/safeguarding-visits';
  const as = async (who: FixtureName) => bearer(await t.token(who));

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('counts no children unless told, and keeps the edges of the range', async () => {
    const none = await t
      .http()
      .post(url)
      .set(await as('neOfficer'))
      .send({ visitedAt: '2021-03-02T14:00:00+00:00' })
      .expect(201);
    expect(none.body).toMatchObject({ childrenSafeguarded: 0, operationId: null, warrantId: null, outcome: null });
    for (const childrenSafeguarded of [0, 200])
      await t
        .http()
        .post(url)
        .set(await as('neOfficer'))
        .send(visit({ childrenSafeguarded }))
        .expect(201);
    const cleared = await t
      .http()
      .patch(`${url}/${none.body.id}`)
      .set(await as('neOfficer'))
      .send({ version: 1, childrenSafeguarded: null })
      .expect(400);
    expect(cleared.body.errors.map((e: { field: string }) => e.field)).toEqual(['childrenSafeguarded']);
    await t
      .http()
      .patch(`${url}/${none.body.id}`)
      .set(await as('neOfficer'))
      .send({ version: 1, visitedAt: null })
      .expect(400);
  });

  it("links to the unit's live warrant; refuses another borough's or a voided one (422)", async () => {
    const own = await insertWarrant(t, 'BCU-NE');
    const ok = await t
      .http()
      .post(url)
      .set(await as('neOfficer'))
      .send(visit({ warrantId: own }))
      .expect(201);
    const filtered = await t
      .http()
      .get(`${url}?warrantId=${own}`)
      .set(await as('neOfficer'))
      .expect(200);
    expect(filtered.body.items.map((r: { id: string }) => r.id)).toEqual([ok.body.id]);
    for (const warrantId of [await insertWarrant(t, 'BCU-SW'), await insertWarrant(t, 'BCU-NE', true)]) {
      const res = await t
        .http()
        .post(url)
        .set(await as('neOfficer'))
        .send(visit({ warrantId }))
        .expect(422);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['warrantId']);
    }
    const swOp = await createOperation(t, 'BCU-SW');
    await t
      .http()
      .post(url)
      .set(await as('neOfficer'))
      .send(visit({ operationId: swOp }))
      .expect(422);
    await t
      .http()
      .post(url)
      .set(await as('centralOfficer'))
      .send(visit({ operationId: swOp, unitId: t.units['BCU-SW'] }))
      .expect(201);
  });

  it('sorts by visit time, newest first unless asked', async () => {
    const operationId = await createOperation(t, 'BCU-NE');
    const officer = await as('neOfficer');
    const first = await t
      .http()
      .post(url)
      .set(officer)
      .send(visit({ operationId, visitedAt: '2021-03-02T09:00:00Z' }))
      .expect(201);
    const second = await t
      .http()
      .post(url)
      .set(officer)
      .send(visit({ operationId, visitedAt: '2021-03-02T11:00:00+01:00' }))
      .expect(201);
    const desc = await t.http().get(`${url}?operationId=${operationId}`).set(officer).expect(200);
    expect(desc.body.items.map((r: { id: string }) => r.id)).toEqual([second.body.id, first.body.id]);
    const asc = await t.http().get(`${url}?operationId=${operationId}&direction=asc`).set(officer).expect(200);
    expect(asc.body.items.map((r: { id: string }) => r.id)).toEqual([first.body.id, second.body.id]);
    await t.http().get(`${url}?sort=outcome`).set(officer).expect(400);
  });
});
