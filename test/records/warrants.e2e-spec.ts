import { describeRecordType } from '../support/record-conformance';
import { ref, createOperation } from '../support/record-fixtures';
import { bearer, createTestApp, FixtureName, TestApp } from '../support/test-app';

const executed = (extra: Record<string, unknown> = {}) => ({
  reference: ref('W'),
  type: 'PCA 1978 s.4',
  status: 'executed',
  grantedAt: '2021-02-26T10:00:00Z',
  executedAt: '2021-03-01T06:00:00Z',
  locationArea: 'NE1',
  childrenSafeguarded: 2,
  outcome: 'Two devices seized',
  ...extra,
});

describeRecordType(
  {
    path: 'warrants',
    entityType: 'warrant',
    writers: ['neOfficer', 'swOfficer', 'centralOfficer'],
    validBody: async (t, unit) => ({ operationId: await createOperation(t, unit), ...executed() }),
    updateField: { field: 'childrenSafeguarded', value: 4 },
    invalidBodies: async () => [
      { name: 'wrong type', body: executed({ reference: 42 }), field: 'reference' },
      { name: 'count as a string', body: executed({ childrenSafeguarded: '3' }), field: 'childrenSafeguarded' },
      { name: 'negative count', body: executed({ childrenSafeguarded: -1 }), field: 'childrenSafeguarded' },
      { name: 'count out of range', body: executed({ childrenSafeguarded: 1000 }), field: 'childrenSafeguarded' },
      { name: 'fractional count', body: executed({ childrenSafeguarded: 2.5 }), field: 'childrenSafeguarded' },
      { name: 'null count', body: executed({ childrenSafeguarded: null }), field: 'childrenSafeguarded' },
      { name: 'impossible date', body: executed({ grantedAt: '2021-02-30T10:00:00Z' }), field: 'grantedAt' },
      { name: 'date-time without offset', body: executed({ executedAt: '2021-03-01T06:00:00' }), field: 'executedAt' },
      { name: 'date without time', body: executed({ executedAt: '2021-03-01' }), field: 'executedAt' },
      { name: 'unknown status', body: executed({ status: 'done' }), field: 'status' },
      { name: 'null status', body: executed({ status: null }), field: 'status' },
      { name: 'operationId not a uuid', body: executed({ operationId: 'LEGATUM' }), field: 'operationId' },
      { name: 'type too long', body: executed({ type: 'PACE s.8 '.repeat(7) }), field: 'type' },
      { name: 'missing type', body: executed({ type: undefined }), field: 'type' },
      { name: 'full postcode', body: executed({ locationArea: 'NE1 4ST' }), field: 'locationArea' },
      { name: 'full postcode, no space', body: executed({ locationArea: 'SW1A2AA' }), field: 'locationArea' },
      { name: 'street address', body: executed({ locationArea: '12 Acacia Avenue' }), field: 'locationArea' },
      { name: 'area too long', body: executed({ locationArea: 'Newcastle upon Tyne North East Borough Area' }), field: 'locationArea' },
      { name: 'executed without executedAt', body: executed({ executedAt: undefined }), field: 'executedAt' },
      { name: 'executedAt while only granted', body: executed({ status: 'granted' }), field: 'executedAt' },
      { name: 'executedAt with the default status', body: executed({ status: undefined }), field: 'executedAt' },
      { name: 'executed before granted', body: executed({ grantedAt: '2021-03-02T10:00:00Z' }), field: 'executedAt' },
      { name: 'outcome too long', body: executed({ outcome: 'seized '.repeat(80) }), field: 'outcome' },
    ],
    listFilter: (rec) => ({ operationId: rec.operationId, status: rec.status, from: '2021-03-01', to: '2021-03-02' }),
  },
  'warrants',
);

describe('warrants: references and status rules', () => {
  let t: TestApp;
  const url = '/api/v1/warrants';
  const as = async (who: FixtureName) => bearer(await t.token(who));
  const stored = async (reference: string) => (await t.db.query('SELECT count(*)::int AS n FROM warrants WHERE reference = $1', [reference]))[0].n;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("refuses another borough's operation (422) and stores nothing", async () => {
    const swOp = await createOperation(t, 'BCU-SW');
    const body = executed({ operationId: swOp });
    const res = await t
      .http()
      .post(url)
      .set(await as('neOfficer'))
      .send(body)
      .expect(422);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['operationId']);
    expect(await stored(body.reference)).toBe(0);

    const own = await t
      .http()
      .post(url)
      .set(await as('neOfficer'))
      .send(executed({ operationId: await createOperation(t, 'BCU-NE') }))
      .expect(201);
    await t
      .http()
      .patch(`${url}/${own.body.id}`)
      .set(await as('neOfficer'))
      .send({ version: 1, operationId: swOp })
      .expect(422);
    const now = await t
      .http()
      .get(`${url}/${own.body.id}`)
      .set(await as('neOfficer'))
      .expect(200);
    expect(now.body).toMatchObject({ version: 1, operationId: own.body.operationId });
  });

  it('refuses an operation that does not exist (422)', async () => {
    await t
      .http()
      .post(url)
      .set(await as('neOfficer'))
      .send(executed({ operationId: '00000000-0000-4000-8000-000000000000' }))
      .expect(422);
  });

  it("lets a central officer reference any unit's operation", async () => {
    const swOp = await createOperation(t, 'BCU-SW');
    const forSw = await t
      .http()
      .post(url)
      .set(await as('centralOfficer'))
      .send(executed({ operationId: swOp, unitId: t.units['BCU-SW'] }))
      .expect(201);
    expect(forSw.body).toMatchObject({ operationId: swOp, unitId: t.units['BCU-SW'] });
    const neOp = await createOperation(t, 'BCU-NE');
    const own = await t
      .http()
      .post(url)
      .set(await as('centralOfficer'))
      .send(executed({ operationId: neOp }))
      .expect(201);
    expect(own.body.unitId).toBe(t.units.CENTRAL);
  });

  it('refuses a voided operation (422)', async () => {
    const op = await createOperation(t, 'BCU-NE');
    await t
      .http()
      .delete(`/api/v1/operations/${op}`)
      .set(await as('neSupervisor'))
      .send({ reason: 'Duplicate of another operation' })
      .expect(200);
    const body = executed({ operationId: op });
    await t
      .http()
      .post(url)
      .set(await as('neOfficer'))
      .send(body)
      .expect(422);
    expect(await stored(body.reference)).toBe(0);
  });

  it('refuses status executed without executedAt (400), on create and on update', async () => {
    const created = await t
      .http()
      .post(url)
      .set(await as('neOfficer'))
      .send(executed({ executedAt: undefined }))
      .expect(400);
    expect(created.body.errors).toEqual([{ field: 'executedAt', messages: [expect.stringMatching(/executedAt/)] }]);

    const granted = await t
      .http()
      .post(url)
      .set(await as('neOfficer'))
      .send(executed({ status: 'granted', executedAt: undefined }))
      .expect(201);
    expect(granted.body).toMatchObject({ status: 'granted', executedAt: null, childrenSafeguarded: 2 });
    const id = granted.body.id;
    await t
      .http()
      .patch(`${url}/${id}`)
      .set(await as('neOfficer'))
      .send({ version: 1, status: 'executed' })
      .expect(400);
    await t
      .http()
      .patch(`${url}/${id}`)
      .set(await as('neOfficer'))
      .send({ version: 1, executedAt: '2021-03-01T06:00:00Z' })
      .expect(400);
    await t
      .http()
      .patch(`${url}/${id}`)
      .set(await as('neOfficer'))
      .send({ version: 1, status: 'executed', executedAt: '2021-02-25T06:00:00Z' })
      .expect(400);
    const ok = await t
      .http()
      .patch(`${url}/${id}`)
      .set(await as('neOfficer'))
      .send({ version: 1, status: 'executed', executedAt: '2021-03-01T07:00:00+01:00' })
      .expect(200);
    expect(ok.body).toMatchObject({ version: 2, status: 'executed' });
    expect(new Date(ok.body.executedAt).toISOString()).toBe('2021-03-01T06:00:00.000Z');
    // Withdrawing an executed warrant must also clear executedAt, or it would still count as executed.
    await t
      .http()
      .patch(`${url}/${id}`)
      .set(await as('neOfficer'))
      .send({ version: 2, status: 'withdrawn' })
      .expect(400);
    await t
      .http()
      .patch(`${url}/${id}`)
      .set(await as('neOfficer'))
      .send({ version: 2, status: 'withdrawn', executedAt: null })
      .expect(200);
  });

  it('refuses null for required fields on update (400), not a database error', async () => {
    const w = await t
      .http()
      .post(url)
      .set(await as('neOfficer'))
      .send(executed())
      .expect(201);
    for (const field of ['reference', 'type', 'status', 'childrenSafeguarded']) {
      const res = await t
        .http()
        .patch(`${url}/${w.body.id}`)
        .set(await as('neOfficer'))
        .send({ version: 1, [field]: null });
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
    }
  });

  it('applies the defaults and accepts boroughs and postcode districts', async () => {
    const res = await t
      .http()
      .post(url)
      .set(await as('neOfficer'))
      .send({ reference: ref('W'), type: 'PACE s.8' })
      .expect(201);
    expect(res.body).toMatchObject({ status: 'applied', childrenSafeguarded: 0, operationId: null, locationArea: null });
    for (const area of ['SW1A', 'ne1', 'B33', 'Tower Hamlets', "King's Lynn", 'Stoke-on-Trent']) {
      await t
        .http()
        .post(url)
        .set(await as('neOfficer'))
        .send(executed({ locationArea: area }))
        .expect(201);
    }
  });

  it('filters by operation and status, sorts on reference, and refuses sorting on a nullable column', async () => {
    const op = await createOperation(t, 'BCU-NE');
    const a = await t
      .http()
      .post(url)
      .set(await as('neOfficer'))
      .send(executed({ operationId: op, reference: 'A/1' }))
      .expect(201);
    const b = await t
      .http()
      .post(url)
      .set(await as('neOfficer'))
      .send(executed({ operationId: op, reference: 'B/1', status: 'refused', executedAt: undefined }))
      .expect(201);
    const all = await t
      .http()
      .get(`${url}?operationId=${op}&sort=reference&direction=asc`)
      .set(await as('neOfficer'))
      .expect(200);
    expect(all.body.items.map((r: { id: string }) => r.id)).toEqual([a.body.id, b.body.id]);
    const refused = await t
      .http()
      .get(`${url}?operationId=${op}&status=refused`)
      .set(await as('neOfficer'))
      .expect(200);
    expect(refused.body.items.map((r: { id: string }) => r.id)).toEqual([b.body.id]);
    await t
      .http()
      .get(`${url}?status=done`)
      .set(await as('neOfficer'))
      .expect(400);
    await t
      .http()
      .get(`${url}?sort=executedAt`)
      .set(await as('neOfficer'))
      .expect(400);
  });
});
