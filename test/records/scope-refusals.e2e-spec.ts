import { randomUUID } from 'node:crypto';
import { createOperation, ref } from '../support/record-fixtures';
import { bearer, createTestApp, FixtureName, TestApp } from '../support/test-app';

/**
 * Issue 13.6 and 13.7: a record outside the caller's units answers exactly as an absent one
 * does, every refused write is on record, and a refusal never quotes a stored value.
 */
describe('out of scope looks like absent; refused writes are audited', () => {
  let t: TestApp;
  let neOp: string;
  let swOp: string;
  let swWarrant: string;
  const as = async (who: FixtureName) => bearer(await t.token(who));
  const withoutRequestId = (body: Record<string, unknown>) => {
    const { requestId: _ignored, ...rest } = body;
    return rest;
  };

  beforeAll(async () => {
    t = await createTestApp();
    neOp = await createOperation(t, 'BCU-NE');
    swOp = await createOperation(t, 'BCU-SW');
    swWarrant = (
      await t
        .http()
        .post('/api/v1/warrants')
        .set(await as('swOfficer'))
        .send({ operationId: swOp, reference: ref('W'), type: 'PACE s.8', status: 'granted' })
        .expect(201)
    ).body.id;
  });
  afterAll(() => t.close());

  const bodies: Record<string, object> = {
    arrests: { arrestedAt: '2021-03-02T07:00:00Z', suspectRef: ref('SUS', '-'), offenceCode: '86/2' },
    exhibits: { reference: ref('JS'), itemType: 'phone', seizedAt: '2021-03-02T08:00:00Z' },
    'safeguarding-visits': { visitedAt: '2021-03-03T10:00:00Z' },
  };

  it.each(Object.keys(bodies))('PATCH /%s/{another unit’s id} with an operationId answers as a random id does: 404, same body, audited', async (path) => {
    const theirs = (
      await t
        .http()
        .post(`/api/v1/${path}`)
        .set(await as('swOfficer'))
        .send({ ...bodies[path], warrantId: swWarrant })
        .expect(201)
    ).body.id;
    const absent = randomUUID();
    const patch = { version: 1, operationId: neOp };
    const hidden = await t
      .http()
      .patch(`/api/v1/${path}/${theirs}`)
      .set(await as('neOfficer'))
      .send(patch);
    const missing = await t
      .http()
      .patch(`/api/v1/${path}/${absent}`)
      .set(await as('neOfficer'))
      .send(patch);
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(withoutRequestId(hidden.body)).toEqual(withoutRequestId(missing.body));
    for (const [res, id] of [
      [hidden, theirs],
      [missing, absent],
    ] as const) {
      const events = await t.auditEvents({ request_id: res.headers['x-request-id'] });
      expect(events.map((e) => [e.action, e.entity_id, e.outcome])).toEqual([['update', id, 'not_found']]);
    }
    // And nothing changed on the hidden record.
    const [row] = await t.db.query(`SELECT operation_id, version FROM ${path.replace('-', '_')} WHERE id = $1`, [theirs]);
    expect(row).toEqual({ operation_id: swOp, version: 1 });
  });

  it("answers a reference to another unit's operation as one to an absent id (422, same body), and audits both", async () => {
    const officer = await as('neOfficer');
    const hidden = await t
      .http()
      .post('/api/v1/arrests')
      .set(officer)
      .send({ ...bodies.arrests, operationId: swOp });
    const missing = await t
      .http()
      .post('/api/v1/arrests')
      .set(officer)
      .send({ ...bodies.arrests, operationId: randomUUID() });
    expect(hidden.status).toBe(422);
    expect(withoutRequestId(hidden.body)).toEqual(withoutRequestId(missing.body));
    for (const res of [hidden, missing]) {
      const events = await t.auditEvents({ request_id: res.headers['x-request-id'] });
      expect(events.map((e) => [e.action, e.entity_type, e.outcome, e.details?.field])).toEqual([['create', 'arrest', 'invalid', 'operationId']]);
    }
  });

  it("audits naming another operation than the warrant's (422)", async () => {
    const neWarrant = (
      await t
        .http()
        .post('/api/v1/warrants')
        .set(await as('neOfficer'))
        .send({ operationId: neOp, reference: ref('W'), type: 'PACE s.8', status: 'granted' })
        .expect(201)
    ).body.id;
    const otherOp = await createOperation(t, 'BCU-NE');
    const res = await t
      .http()
      .post('/api/v1/safeguarding-visits')
      .set(await as('neOfficer'))
      .send({ ...bodies['safeguarding-visits'], warrantId: neWarrant, operationId: otherOp })
      .expect(422);
    const events = await t.auditEvents({ request_id: res.headers['x-request-id'] });
    expect(events.map((e) => [e.action, e.entity_type, e.outcome, e.details?.field])).toEqual([['create', 'safeguarding_visit', 'invalid', 'operationId']]);
  });

  it("audits a create naming another unit's unitId (403)", async () => {
    const res = await t
      .http()
      .post('/api/v1/warrants')
      .set(await as('neOfficer'))
      .send({ reference: ref('W'), type: 'PACE s.8', status: 'granted', unitId: t.units['BCU-SW'] });
    expect(res.status).toBe(403);
    const events = await t.auditEvents({ request_id: res.headers['x-request-id'] });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'create', entity_type: 'warrant', entity_id: null, outcome: 'denied', actor_id: t.users.neOfficer });
    expect(events[0].details).toMatchObject({ unitId: t.units['BCU-SW'] });
    expect(await t.db.query('SELECT count(*)::int AS n FROM warrants WHERE unit_id = $1', [t.units['BCU-SW']])).toEqual([{ n: 1 }]);
  });

  it('audits an update moving a record to another unit (403), changing nothing', async () => {
    const mine = (
      await t
        .http()
        .post('/api/v1/warrants')
        .set(await as('neOfficer'))
        .send({ reference: ref('W'), type: 'PACE s.8', status: 'granted' })
        .expect(201)
    ).body.id;
    const res = await t
      .http()
      .patch(`/api/v1/warrants/${mine}`)
      .set(await as('neOfficer'))
      .send({ version: 1, unitId: t.units['BCU-SW'] });
    expect(res.status).toBe(403);
    const events = await t.auditEvents({ request_id: res.headers['x-request-id'] });
    expect(events.map((e) => [e.action, e.entity_id, e.outcome])).toEqual([['update', mine, 'denied']]);
    const [row] = await t.db.query('SELECT unit_id, version FROM warrants WHERE id = $1', [mine]);
    expect(row).toEqual({ unit_id: t.units['BCU-NE'], version: 1 });
  });

  it('refuses an out-of-order movement without quoting the stored times, and audits each refusal', async () => {
    const officer = await as('neOfficer');
    const exhibit = (
      await t
        .http()
        .post('/api/v1/exhibits')
        .set(officer)
        .send({ reference: ref('JS'), itemType: 'laptop', seizedAt: '2021-03-01T06:30:00Z' })
        .expect(201)
    ).body.id;
    const move = (movedAt: string, fromLocation = 'Scene') =>
      t.http().post(`/api/v1/exhibits/${exhibit}/movements`).set(officer).send({ movedAt, fromLocation, toLocation: 'NE property store', reason: 'Booked in' });
    await move('2021-03-02T10:15:00Z').expect(201);
    const beforeLatest = await move('2021-03-01T12:00:00Z', 'NE property store');
    const beforeSeizure = await move('2021-03-01T06:00:00Z', 'NE property store');
    for (const res of [beforeLatest, beforeSeizure]) {
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('movedAt');
      // Neither the latest movement's time nor the seizure's, in any form.
      expect(JSON.stringify(res.body)).not.toMatch(/2021-03-0[12]|10:15|06:30/);
      const events = await t.auditEvents({ request_id: res.headers['x-request-id'] });
      expect(events.map((e) => [e.action, e.entity_type, e.outcome, e.details?.exhibitId])).toEqual([['create', 'exhibit_movement', 'invalid', exhibit]]);
    }
    expect(beforeLatest.body.errors[0].messages[0]).toBe("movedAt must not be before the exhibit's latest movement");
  });
});
