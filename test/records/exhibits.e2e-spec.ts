import { randomBytes } from 'node:crypto';
import { describeRecordType } from '../support/record-conformance';
import { ref, createOperation, insertWarrant } from '../support/record-fixtures';
import { OperationsService } from '../../src/modules/operations/operations.service';
import { bearer, createTestApp, FixtureName, TestApp } from '../support/test-app';

const digest = () => randomBytes(32).toString('hex');

const seized = (extra: Record<string, unknown> = {}) => ({
  reference: ref('JS'),
  itemType: 'phone',
  seizedAt: '2021-03-01T06:30:00Z',
  sealNumber: 'SEAL-000123',
  description: 'Black smartphone, cracked screen',
  sha256: digest(),
  ...extra,
});

describeRecordType(
  {
    path: 'exhibits',
    entityType: 'exhibit',
    writers: ['neOfficer', 'swOfficer', 'centralOfficer'],
    validBody: async (t, unit) => ({ operationId: await createOperation(t, unit), ...seized() }),
    updateField: { field: 'forensicStatus', value: 'in_progress' },
    invalidBodies: async () => [
      { name: 'wrong type', body: seized({ reference: 42 }), field: 'reference' },
      { name: 'seal number as a number', body: seized({ sealNumber: 123 }), field: 'sealNumber' },
      { name: 'impossible date', body: seized({ seizedAt: '2021-02-30T10:00:00Z' }), field: 'seizedAt' },
      { name: 'date-time without offset', body: seized({ seizedAt: '2021-03-01T06:30:00' }), field: 'seizedAt' },
      { name: 'date without time', body: seized({ seizedAt: '2021-03-01' }), field: 'seizedAt' },
      { name: 'missing seizedAt', body: seized({ seizedAt: undefined }), field: 'seizedAt' },
      { name: 'unknown item type', body: seized({ itemType: 'camera' }), field: 'itemType' },
      { name: 'unknown forensic status', body: seized({ forensicStatus: 'done' }), field: 'forensicStatus' },
      { name: 'null forensic status', body: seized({ forensicStatus: null }), field: 'forensicStatus' },
      { name: 'description too long', body: seized({ description: 'Black phone '.repeat(20) }), field: 'description' },
      { name: 'reference too long', body: seized({ reference: 'JS/'.padEnd(41, '1') }), field: 'reference' },
      { name: 'reference with odd characters', body: seized({ reference: 'JS<1>' }), field: 'reference' },
      { name: 'operationId not a uuid', body: seized({ operationId: 'LEGATUM' }), field: 'operationId' },
      { name: 'sha256 too short', body: seized({ sha256: digest().slice(1) }), field: 'sha256' },
      { name: 'sha256 not hex', body: seized({ sha256: 'g'.repeat(64) }), field: 'sha256' },
      { name: 'sha256 longer than a digest (65 hex)', body: seized({ sha256: `${digest()}a` }), field: 'sha256' },
      { name: 'sha256 as a long hex run', body: seized({ sha256: digest().repeat(4) }), field: 'sha256' },
      { name: 'sha256 as base64 content', body: seized({ sha256: randomBytes(60).toString('base64') }), field: 'sha256' },
      { name: 'sha256 as a short base64 string', body: seized({ sha256: randomBytes(48).toString('base64') }), field: 'sha256' },
    ],
    listFilter: (rec) => ({ operationId: rec.operationId, itemType: rec.itemType, forensicStatus: rec.forensicStatus, from: '2021-03-01', to: '2021-03-02' }),
  },
  'exhibits',
);

describe('exhibits: digests, references and fixed fields', () => {
  let t: TestApp;
  const url = '/api/v1/exhibits';
  const as = async (who: FixtureName) => bearer(await t.token(who));

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('accepts a 64-hex SHA-256 in either case and stores it lower-case', async () => {
    const sha = digest();
    const res = await t
      .http()
      .post(url)
      .set(await as('neOfficer'))
      .send(seized({ sha256: sha.toUpperCase(), forensicStatus: undefined }))
      .expect(201);
    expect(res.body).toMatchObject({ sha256: sha, forensicStatus: 'awaiting' });
    const read = await t
      .http()
      .get(`${url}/${res.body.id}`)
      .set(await as('neOfficer'))
      .expect(200);
    expect(read.body).toMatchObject({ sha256: sha, currentLocation: null });
    const [row] = await t.db.query('SELECT sha256 FROM exhibits WHERE id = $1', [res.body.id]);
    expect(row.sha256).toBe(sha);
  });

  it('refuses a 65-hex or base64 "digest" with 400 and stores nothing', async () => {
    const reference = ref('JS');
    for (const sha256 of [`${digest()}0`, randomBytes(64).toString('base64')]) {
      const res = await t
        .http()
        .post(url)
        .set(await as('neOfficer'))
        .send(seized({ reference, sha256 }))
        .expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['sha256']);
    }
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM exhibits WHERE reference = $1', [reference]);
    expect(n).toBe(0);
  });

  it("links to a live warrant of the unit; refuses another borough's or a voided one (422)", async () => {
    const own = await insertWarrant(t, 'BCU-NE');
    const ok = await t
      .http()
      .post(url)
      .set(await as('neOfficer'))
      .send(seized({ warrantId: own }))
      .expect(201);
    expect(ok.body.warrantId).toBe(own);
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
        .send(seized({ warrantId }))
        .expect(422);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['warrantId']);
    }
    const swOp = await createOperation(t, 'BCU-SW');
    await t
      .http()
      .post(url)
      .set(await as('neOfficer'))
      .send(seized({ operationId: swOp }))
      .expect(422);
    await t
      .http()
      .patch(`${url}/${ok.body.id}`)
      .set(await as('neOfficer'))
      .send({ version: 1, operationId: swOp })
      .expect(422);
  });

  it('checks the named operation inside the insert: an unusable one is refused (422) with nothing written', async () => {
    const reference = ref('JS');
    const voidedOp = await createOperation(t, 'BCU-NE');
    await t.db.query(`UPDATE operations SET voided_at = now(), void_reason = 'test' WHERE id = $1`, [voidedOp]);
    for (const operationId of [await createOperation(t, 'BCU-SW'), voidedOp, '00000000-0000-4000-8000-000000000000']) {
      const res = await t
        .http()
        .post(url)
        .set(await as('neOfficer'))
        .send(seized({ reference, operationId }))
        .expect(422);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['operationId']);
      // On record as a refusal (issue 13.7), never as a create that happened.
      const events = await t.auditEvents({ request_id: res.headers['x-request-id'], action: 'create' });
      expect(events.map((e) => [e.outcome, e.entity_id, e.details?.field])).toEqual([['invalid', null, 'operationId']]);
    }
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM exhibits WHERE reference = $1', [reference]);
    expect(n).toBe(0);
  });

  it('refuses (409) and writes nothing when the operation is voided between its check and the insert', async () => {
    const operationId = await createOperation(t, 'BCU-NE');
    await t.db.query(`UPDATE operations SET voided_at = now(), void_reason = 'test' WHERE id = $1`, [operationId]);
    // As if the separate check had run just before the void: it says the operation is usable.
    const operations = t.app.get(OperationsService);
    const check = jest.spyOn(operations, 'isVisible').mockResolvedValue({ id: operationId, unitId: t.units['BCU-NE'] });
    try {
      const reference = ref('JS');
      const res = await t
        .http()
        .post(url)
        .set(await as('neOfficer'))
        .send(seized({ reference, operationId }))
        .expect(409);
      expect(res.body.message).toMatch(/changed meanwhile/);
      const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM exhibits WHERE reference = $1', [reference]);
      expect(n).toBe(0);
      // On record as a refusal (issue 13.7), never as a create that happened.
      const events = await t.auditEvents({ request_id: res.headers['x-request-id'], action: 'create' });
      expect(events.map((e) => [e.outcome, e.entity_id])).toEqual([['conflict', null]]);
    } finally {
      check.mockRestore();
    }
  });

  it('keeps the unit fixed after creation and refuses emptying a required field', async () => {
    const rec = await t
      .http()
      .post(url)
      .set(await as('centralOfficer'))
      .send(seized({ unitId: t.units['BCU-NE'] }))
      .expect(201);
    const moved = await t
      .http()
      .patch(`${url}/${rec.body.id}`)
      .set(await as('centralOfficer'))
      .send({ version: 1, unitId: t.units['BCU-SW'] })
      .expect(400);
    expect(moved.body.errors.map((e: { field: string }) => e.field)).toContain('unitId');
    for (const field of ['reference', 'itemType', 'seizedAt', 'forensicStatus']) {
      const res = await t
        .http()
        .patch(`${url}/${rec.body.id}`)
        .set(await as('centralOfficer'))
        .send({ version: 1, [field]: null })
        .expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const cleared = await t
      .http()
      .patch(`${url}/${rec.body.id}`)
      .set(await as('centralOfficer'))
      .send({ version: 1, sha256: null, description: null })
      .expect(200);
    expect(cleared.body).toMatchObject({ sha256: null, description: null, version: 2 });
  });

  it('sorts by seizure time (newest first) by default, and by reference on request', async () => {
    const operationId = await createOperation(t, 'BCU-NE');
    const officer = await as('neOfficer');
    const early = await t
      .http()
      .post(url)
      .set(officer)
      .send(seized({ operationId, reference: 'JS/2', seizedAt: '2021-03-01T06:00:00Z' }))
      .expect(201);
    const late = await t
      .http()
      .post(url)
      .set(officer)
      .send(seized({ operationId, reference: 'JS/1', seizedAt: '2021-03-01T08:00:00+01:00' }))
      .expect(201);
    const byTime = await t.http().get(`${url}?operationId=${operationId}`).set(officer).expect(200);
    expect(byTime.body.items.map((r: { id: string }) => r.id)).toEqual([late.body.id, early.body.id]);
    const byRef = await t.http().get(`${url}?operationId=${operationId}&sort=reference&direction=asc`).set(officer).expect(200);
    expect(byRef.body.items.map((r: { reference: string }) => r.reference)).toEqual(['JS/1', 'JS/2']);
    await t.http().get(`${url}?sort=description`).set(officer).expect(400);
  });
});
