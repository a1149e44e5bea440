import { describeRecordType } from '../support/record-conformance';
import { ref as refWith, createOperation } from '../support/record-fixtures';
import { bearer, createTestApp, FixtureName, TestApp } from '../support/test-app';

const ref = (prefix: string) => refWith(prefix, '-');

const received = (extra: Record<string, unknown> = {}) => ({
  source: 'NCA',
  reference: ref('NCA'),
  receivedAt: '2021-03-03T08:15:00Z',
  riskGrade: 'high',
  ...extra,
});

describeRecordType(
  {
    path: 'referrals',
    entityType: 'referral',
    writers: ['neOfficer', 'swOfficer', 'centralOfficer'],
    validBody: async (t, unit) => ({ operationId: await createOperation(t, unit), ...received({ status: 'triaged' }) }),
    updateField: { field: 'status', value: 'allocated' },
    invalidBodies: async () => [
      { name: 'wrong type', body: received({ reference: 42 }), field: 'reference' },
      { name: 'risk grade as a number', body: received({ riskGrade: 3 }), field: 'riskGrade' },
      { name: 'unknown source', body: received({ source: 'FBI' }), field: 'source' },
      { name: 'source in the wrong case', body: received({ source: 'nca' }), field: 'source' },
      { name: 'unknown risk grade', body: received({ riskGrade: 'critical' }), field: 'riskGrade' },
      { name: 'unknown status', body: received({ status: 'done' }), field: 'status' },
      { name: 'null status', body: received({ status: null }), field: 'status' },
      { name: 'missing risk grade', body: received({ riskGrade: undefined }), field: 'riskGrade' },
      { name: 'impossible date', body: received({ receivedAt: '2021-02-30T10:00:00Z' }), field: 'receivedAt' },
      { name: 'date-time without offset', body: received({ receivedAt: '2021-03-03T08:15:00' }), field: 'receivedAt' },
      { name: 'date without time', body: received({ receivedAt: '2021-03-03' }), field: 'receivedAt' },
      { name: 'reference too long', body: received({ reference: 'NCA-'.padEnd(41, '7') }), field: 'reference' },
      { name: 'reference with odd characters', body: received({ reference: 'NCA<1>' }), field: 'reference' },
      { name: 'operationId not a uuid', body: received({ operationId: 'LEGATUM' }), field: 'operationId' },
    ],
    listFilter: (rec) => ({
      operationId: rec.operationId,
      status: rec.status,
      source: rec.source,
      riskGrade: rec.riskGrade,
      from: '2021-03-03',
      to: '2021-03-04',
    }),
  },
  'referrals',
);

describe('referrals: defaults, references and filters', () => {
  let t: TestApp;
  const url = '/api/v1/referrals';
  const as = async (who: FixtureName) => bearer(await t.token(who));

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("starts as received, and refuses another borough's or a voided operation (422)", async () => {
    const res = await t
      .http()
      .post(url)
      .set(await as('neOfficer'))
      .send(received())
      .expect(201);
    expect(res.body).toMatchObject({ status: 'received', operationId: null, unitId: t.units['BCU-NE'] });
    const swOp = await createOperation(t, 'BCU-SW');
    const away = await t
      .http()
      .post(url)
      .set(await as('neOfficer'))
      .send(received({ operationId: swOp }))
      .expect(422);
    expect(away.body.errors.map((e: { field: string }) => e.field)).toEqual(['operationId']);
    const neOp = await createOperation(t, 'BCU-NE');
    await t
      .http()
      .delete(`/api/v1/operations/${neOp}`)
      .set(await as('neSupervisor'))
      .send({ reason: 'Duplicate' })
      .expect(200);
    await t
      .http()
      .post(url)
      .set(await as('neOfficer'))
      .send(received({ operationId: neOp }))
      .expect(422);
    await t
      .http()
      .patch(`${url}/${res.body.id}`)
      .set(await as('neOfficer'))
      .send({ version: 1, operationId: neOp })
      .expect(422);
    await t
      .http()
      .patch(`${url}/${res.body.id}`)
      .set(await as('neOfficer'))
      .send({ version: 1, riskGrade: null })
      .expect(400);
  });

  it('filters by source, risk grade and status, and refuses an unknown filter value or field', async () => {
    const officer = await as('swOfficer');
    const ceop = await t
      .http()
      .post(url)
      .set(officer)
      .send(received({ source: 'CEOP', riskGrade: 'very_high' }))
      .expect(201);
    await t
      .http()
      .post(url)
      .set(officer)
      .send(received({ source: 'public', riskGrade: 'low', status: 'closed' }))
      .expect(201);
    const hits = await t.http().get(`${url}?source=CEOP&riskGrade=very_high&status=received`).set(officer).expect(200);
    expect(hits.body.items.map((r: { id: string }) => r.id)).toEqual([ceop.body.id]);
    await t.http().get(`${url}?riskGrade=critical`).set(officer).expect(400);
    await t.http().get(`${url}?reference=NCA-1`).set(officer).expect(400);
  });

  it('sorts by receipt time (newest first) by default, and by reference on request', async () => {
    const operationId = await createOperation(t, 'BCU-NE');
    const officer = await as('neOfficer');
    const older = await t
      .http()
      .post(url)
      .set(officer)
      .send(received({ operationId, reference: 'NCA-B', receivedAt: '2021-03-03T08:00:00Z' }))
      .expect(201);
    const newer = await t
      .http()
      .post(url)
      .set(officer)
      .send(received({ operationId, reference: 'NCA-A', receivedAt: '2021-03-03T10:00:00+01:00' }))
      .expect(201);
    const byTime = await t.http().get(`${url}?operationId=${operationId}`).set(officer).expect(200);
    expect(byTime.body.items.map((r: { id: string }) => r.id)).toEqual([newer.body.id, older.body.id]);
    const byRef = await t.http().get(`${url}?operationId=${operationId}&sort=reference&direction=asc`).set(officer).expect(200);
    expect(byRef.body.items.map((r: { reference: string }) => r.reference)).toEqual(['NCA-A', 'NCA-B']);
  });
});
