import { randomBytes } from 'node:crypto';
import { describeRecordType } from '../support/record-conformance';
import { bearer, createTestApp, FixtureName, TestApp } from '../support/test-app';

type UnitCode = 'CENTRAL' | 'BCU-NE' | 'BCU-SW';
const ref = (prefix: string) => `${prefix}/${randomBytes(4).toString('hex').toUpperCase()}`;
const SUPERVISOR: Record<UnitCode, FixtureName> = { CENTRAL: 'centralSupervisor', 'BCU-NE': 'neSupervisor', 'BCU-SW': 'swSupervisor' };
const OFFICER: Record<UnitCode, FixtureName> = { CENTRAL: 'centralOfficer', 'BCU-NE': 'neOfficer', 'BCU-SW': 'swOfficer' };

async function post(t: TestApp, who: FixtureName, path: string, body: Record<string, unknown>): Promise<string> {
  const res = await t
    .http()
    .post(`/api/v1/${path}`)
    .set(bearer(await t.token(who)))
    .send(body);
  if (res.status !== 201) throw new Error(`${path} create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** An operation and an executed warrant under it, in one unit: what an arrest usually hangs off. */
async function prerequisites(t: TestApp, unit: UnitCode): Promise<{ operationId: string; warrantId: string }> {
  const operationId = await post(t, SUPERVISOR[unit], 'operations', { name: 'LEGATUM', reference: ref('OP'), startsOn: '2021-03-01' });
  const warrantId = await post(t, OFFICER[unit], 'warrants', {
    operationId,
    reference: ref('W'),
    type: 'PCA 1978 s.4',
    status: 'executed',
    executedAt: '2021-03-01T06:00:00Z',
  });
  return { operationId, warrantId };
}

const arrest = (extra: Record<string, unknown> = {}) => ({
  arrestedAt: '2021-03-01T06:30:00Z',
  suspectRef: ref('SR'),
  offenceCode: 'SX03001',
  outcome: 'bailed',
  ...extra,
});

describeRecordType(
  {
    path: 'arrests',
    entityType: 'arrest',
    writers: ['neOfficer', 'swOfficer', 'centralOfficer'],
    validBody: async (t, unit) => ({ ...(await prerequisites(t, unit)), ...arrest() }),
    updateField: { field: 'outcome', value: 'charged' },
    invalidBodies: async () => [
      { name: 'wrong type', body: arrest({ suspectRef: 12345 }), field: 'suspectRef' },
      { name: 'missing arrestedAt', body: arrest({ arrestedAt: undefined }), field: 'arrestedAt' },
      { name: 'null arrestedAt', body: arrest({ arrestedAt: null }), field: 'arrestedAt' },
      { name: 'impossible date', body: arrest({ arrestedAt: '2021-02-30T10:00:00Z' }), field: 'arrestedAt' },
      { name: 'date-time without offset', body: arrest({ arrestedAt: '2021-03-01T06:30:00' }), field: 'arrestedAt' },
      { name: 'date without time', body: arrest({ arrestedAt: '2021-03-01' }), field: 'arrestedAt' },
      { name: 'unknown outcome', body: arrest({ outcome: 'convicted' }), field: 'outcome' },
      { name: 'offence code with a space', body: arrest({ offenceCode: 'SX 03001' }), field: 'offenceCode' },
      { name: 'offence code too long', body: arrest({ offenceCode: 'SX03001-SX03001-SX03' + '1' }), field: 'offenceCode' },
      { name: 'suspect ref with punctuation a reference never has', body: arrest({ suspectRef: 'Smith, John (b. 1970)' }), field: 'suspectRef' },
      { name: 'suspect ref too long', body: arrest({ suspectRef: 'SR-'.repeat(14) }), field: 'suspectRef' },
      { name: 'missing suspect ref', body: arrest({ suspectRef: undefined }), field: 'suspectRef' },
      { name: 'warrantId not a uuid', body: arrest({ warrantId: 'W/1' }), field: 'warrantId' },
      { name: 'operationId wrong type', body: arrest({ operationId: 7 }), field: 'operationId' },
    ],
    listFilter: (rec) => ({ operationId: rec.operationId, warrantId: rec.warrantId, outcome: rec.outcome, from: '2021-03-01', to: '2021-03-02' }),
  },
  'arrests',
);

describe('arrests: references, outcome and lists', () => {
  let t: TestApp;
  const url = '/api/v1/arrests';
  const as = async (who: FixtureName) => bearer(await t.token(who));
  const stored = async (suspectRef: string) => (await t.db.query('SELECT count(*)::int AS n FROM arrests WHERE suspect_ref = $1', [suspectRef]))[0].n;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("refuses another borough's operation or warrant (422) and stores nothing", async () => {
    const sw = await prerequisites(t, 'BCU-SW');
    for (const field of ['operationId', 'warrantId'] as const) {
      const body = arrest({ [field]: sw[field] });
      const res = await t
        .http()
        .post(url)
        .set(await as('neOfficer'))
        .send(body)
        .expect(422);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
      expect(await stored(body.suspectRef)).toBe(0);
    }
    const own = await t
      .http()
      .post(url)
      .set(await as('neOfficer'))
      .send(arrest())
      .expect(201);
    await t
      .http()
      .patch(`${url}/${own.body.id}`)
      .set(await as('neOfficer'))
      .send({ version: 1, warrantId: sw.warrantId })
      .expect(422);
    const now = await t
      .http()
      .get(`${url}/${own.body.id}`)
      .set(await as('neOfficer'))
      .expect(200);
    expect(now.body).toMatchObject({ version: 1, warrantId: null });
  });

  it("lets a central officer reference any unit's operation and warrant", async () => {
    const sw = await prerequisites(t, 'BCU-SW');
    const res = await t
      .http()
      .post(url)
      .set(await as('centralOfficer'))
      .send(arrest({ ...sw, unitId: t.units['BCU-SW'] }))
      .expect(201);
    expect(res.body).toMatchObject({ ...sw, unitId: t.units['BCU-SW'] });
  });

  it('refuses a voided operation or warrant (422)', async () => {
    const ne = await prerequisites(t, 'BCU-NE');
    await t
      .http()
      .delete(`/api/v1/warrants/${ne.warrantId}`)
      .set(await as('neOfficer'))
      .send({ reason: 'Entered against the wrong operation' })
      .expect(200);
    await t
      .http()
      .post(url)
      .set(await as('neOfficer'))
      .send(arrest({ warrantId: ne.warrantId }))
      .expect(422);
    await t
      .http()
      .delete(`/api/v1/operations/${ne.operationId}`)
      .set(await as('neSupervisor'))
      .send({ reason: 'Duplicate of another operation' })
      .expect(200);
    const body = arrest({ operationId: ne.operationId });
    await t
      .http()
      .post(url)
      .set(await as('neOfficer'))
      .send(body)
      .expect(422);
    expect(await stored(body.suspectRef)).toBe(0);
  });

  it('keeps a pending outcome as null, and refuses nulling a required field (400)', async () => {
    const res = await t
      .http()
      .post(url)
      .set(await as('neOfficer'))
      .send(arrest({ outcome: undefined }))
      .expect(201);
    expect(res.body.outcome).toBeNull();
    const charged = await t
      .http()
      .patch(`${url}/${res.body.id}`)
      .set(await as('neOfficer'))
      .send({ version: 1, outcome: 'charged' })
      .expect(200);
    expect(charged.body.outcome).toBe('charged');
    await t
      .http()
      .patch(`${url}/${res.body.id}`)
      .set(await as('neOfficer'))
      .send({ version: 2, outcome: null })
      .expect(200);
    for (const field of ['arrestedAt', 'suspectRef', 'offenceCode']) {
      const bad = await t
        .http()
        .patch(`${url}/${res.body.id}`)
        .set(await as('neOfficer'))
        .send({ version: 3, [field]: null });
      expect({ field, status: bad.status }).toEqual({ field, status: 400 });
    }
  });

  it('documents suspectRef as a pseudonymous reference, not a name', async () => {
    const doc = await t.http().get('/docs-json').expect(200);
    const prop = doc.body.components.schemas.CreateArrestDto.properties.suspectRef;
    expect(prop).toMatchObject({ type: 'string', maxLength: 40 });
    expect(prop.description).toMatch(/pseudonymous/i);
    expect(prop.description).toMatch(/never a name/i);
  });

  it('filters by warrant and outcome, sorts by arrestedAt, and bounds by date', async () => {
    const ne = await prerequisites(t, 'BCU-NE');
    const early = await t
      .http()
      .post(url)
      .set(await as('neOfficer'))
      .send(arrest({ ...ne, arrestedAt: '2021-03-01T05:00:00Z', outcome: 'nfa' }))
      .expect(201);
    const late = await t
      .http()
      .post(url)
      .set(await as('neOfficer'))
      .send(arrest({ ...ne, arrestedAt: '2021-03-01T09:00:00+01:00', outcome: 'charged' }))
      .expect(201);
    const byWarrant = await t
      .http()
      .get(`${url}?warrantId=${ne.warrantId}`)
      .set(await as('neOfficer'))
      .expect(200);
    expect(byWarrant.body.items.map((r: { id: string }) => r.id)).toEqual([late.body.id, early.body.id]);
    const asc = await t
      .http()
      .get(`${url}?warrantId=${ne.warrantId}&sort=arrestedAt&direction=asc`)
      .set(await as('neOfficer'))
      .expect(200);
    expect(asc.body.items.map((r: { id: string }) => r.id)).toEqual([early.body.id, late.body.id]);
    const nfa = await t
      .http()
      .get(`${url}?operationId=${ne.operationId}&outcome=nfa`)
      .set(await as('neOfficer'))
      .expect(200);
    expect(nfa.body.items.map((r: { id: string }) => r.id)).toEqual([early.body.id]);
    const window = await t
      .http()
      .get(`${url}?warrantId=${ne.warrantId}&from=2021-03-01T07:00:00Z&to=2021-03-01T09:00:00Z`)
      .set(await as('neOfficer'))
      .expect(200);
    expect(window.body.items.map((r: { id: string }) => r.id)).toEqual([late.body.id]);
    await t
      .http()
      .get(`${url}?outcome=convicted`)
      .set(await as('neOfficer'))
      .expect(400);
    await t
      .http()
      .get(`${url}?sort=suspectRef`)
      .set(await as('neOfficer'))
      .expect(400);
  });
});
