import { randomBytes } from 'node:crypto';
import { bearer, createTestApp, FixtureName, TestApp } from '../support/test-app';

const ref = () => `JS/${randomBytes(4).toString('hex').toUpperCase()}`;

describe('exhibits: chain of custody', () => {
  let t: TestApp;
  const as = async (who: FixtureName) => bearer(await t.token(who));
  const movementsOf = (id: string) => `/api/v1/exhibits/${id}/movements`;
  const step = (fromLocation: string, toLocation: string, movedAt: string, extra: Record<string, unknown> = {}) => ({
    movedAt,
    fromLocation,
    toLocation,
    reason: `Moved to ${toLocation}`,
    ...extra,
  });

  async function seize(who: FixtureName = 'neOfficer'): Promise<string> {
    const res = await t
      .http()
      .post('/api/v1/exhibits')
      .set(await as(who))
      .send({ reference: ref(), itemType: 'laptop', seizedAt: '2021-03-01T06:30:00Z' });
    if (res.status !== 201) throw new Error(`exhibit create failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  /** Moves an exhibit A→B→C and returns the three movements. */
  async function chain(exhibitId: string) {
    const officer = await as('neOfficer');
    const out = [];
    for (const s of [
      step('Scene', 'NE property store', '2021-03-01T09:00:00Z'),
      step('NE property store', 'Forensic lab', '2021-03-02T10:00:00Z'),
      step('Forensic lab', 'NE property store', '2021-03-09T16:00:00+00:00'),
    ]) {
      const res = await t.http().post(movementsOf(exhibitId)).set(officer).send(s);
      if (res.status !== 201) throw new Error(`movement failed: ${res.status} ${JSON.stringify(res.body)}`);
      out.push(res.body);
    }
    return out;
  }

  const currentLocation = async (exhibitId: string) =>
    (
      await t
        .http()
        .get(`/api/v1/exhibits/${exhibitId}`)
        .set(await as('neOfficer'))
        .expect(200)
    ).body.currentLocation;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('records a chain, lists it oldest first, and shows where the exhibit is now', async () => {
    const exhibitId = await seize();
    expect(await currentLocation(exhibitId)).toBeNull();
    const [a, b, c] = await chain(exhibitId);
    expect(a).toMatchObject({
      exhibitId,
      unitId: t.units['BCU-NE'],
      fromLocation: 'Scene',
      toLocation: 'NE property store',
      createdBy: t.users.neOfficer,
      version: 1,
    });
    const list = await t
      .http()
      .get(movementsOf(exhibitId))
      .set(await as('neOfficer'))
      .expect(200);
    expect(list.body.items.map((m: { id: string }) => m.id)).toEqual([a.id, b.id, c.id]);
    expect(list.body.nextCursor).toBeNull();
    expect(await currentLocation(exhibitId)).toBe('NE property store');
    const newestFirst = await t
      .http()
      .get(`${movementsOf(exhibitId)}?direction=desc&limit=2`)
      .set(await as('centralOfficer'))
      .expect(200);
    expect(newestFirst.body.items.map((m: { id: string }) => m.id)).toEqual([c.id, b.id]);
    expect(newestFirst.body.nextCursor).toBeTruthy();
  });

  it('refuses a step that does not start where the last one ended (409), storing nothing', async () => {
    const exhibitId = await seize();
    await chain(exhibitId);
    const gap = await t
      .http()
      .post(movementsOf(exhibitId))
      .set(await as('neOfficer'))
      .send(step('Forensic lab', 'Court', '2021-03-10T09:00:00Z'))
      .expect(409);
    expect(gap.body).toMatchObject({ currentLocation: 'NE property store' });
    expect(gap.body.message).toMatch(/current location/);
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM exhibit_movements WHERE exhibit_id = $1', [exhibitId]);
    expect(n).toBe(3);
    const [ev] = await t.auditEvents({ action: 'create', entity_type: 'exhibit_movement', outcome: 'conflict', request_id: gap.headers['x-request-id'] });
    expect(ev.details.exhibitId).toBe(exhibitId);
  });

  it('refuses bad movement bodies with field errors, and steps dated before seizure or the last step', async () => {
    const exhibitId = await seize();
    await chain(exhibitId);
    const officer = await as('neOfficer');
    const cases: [Record<string, unknown>, string][] = [
      [step('NE property store', 'Court', '2021-02-30T10:00:00Z'), 'movedAt'],
      [step('NE property store', 'Court', '2021-03-10T10:00:00'), 'movedAt'],
      [step('NE property store', 'Court', '2021-03-10T10:00:00Z', { reason: undefined }), 'reason'],
      [step('NE property store', 'x'.repeat(81), '2021-03-10T10:00:00Z'), 'toLocation'],
      [step('NE property store', 42 as unknown as string, '2021-03-10T10:00:00Z'), 'toLocation'],
      [step('NE property store', 'Court', '2021-03-10T10:00:00Z', { by: 'someone' }), 'by'],
      [step('NE property store', 'Court', '2021-03-10T10:00:00Z', { reason: 'data:image/png;base64,iVBORw0KGgo=' }), 'reason'],
      [step('NE property store', 'Court', '2021-03-05T10:00:00Z'), 'movedAt'],
    ];
    for (const [body, field] of cases) {
      const res = await t.http().post(movementsOf(exhibitId)).set(officer).send(body);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const fresh = await seize();
    const early = await t
      .http()
      .post(movementsOf(fresh))
      .set(officer)
      .send(step('Scene', 'Van', '2021-03-01T06:00:00Z'))
      .expect(400);
    expect(early.body.errors.map((e: { field: string }) => e.field)).toEqual(['movedAt']);
    await t
      .http()
      .post(movementsOf('not-a-uuid'))
      .set(officer)
      .send(step('Scene', 'Van', '2021-03-01T07:00:00Z'))
      .expect(400);
  });

  it('has no way to edit a movement', async () => {
    const exhibitId = await seize();
    const [a] = await chain(exhibitId);
    await t
      .http()
      .patch(`${movementsOf(exhibitId)}/${a.id}`)
      .set(await as('neOfficer'))
      .send({ version: 1, toLocation: 'Elsewhere' })
      .expect(404);
    await t
      .http()
      .put(`${movementsOf(exhibitId)}/${a.id}`)
      .set(await as('neOfficer'))
      .send({ toLocation: 'Elsewhere' })
      .expect(404);
  });

  it('voids the latest step with a reason; it leaves the current location and the list', async () => {
    const exhibitId = await seize();
    const [a, b, c] = await chain(exhibitId);
    const officer = await as('neOfficer');
    const noReason = await t
      .http()
      .delete(`${movementsOf(exhibitId)}/${c.id}`)
      .set(officer)
      .send({})
      .expect(400);
    expect(noReason.body.errors.map((e: { field: string }) => e.field)).toContain('reason');
    // Voiding the middle of the chain would leave a gap.
    await t
      .http()
      .delete(`${movementsOf(exhibitId)}/${b.id}`)
      .set(officer)
      .send({ reason: 'Wrong lab' })
      .expect(409);
    const voided = await t
      .http()
      .delete(`${movementsOf(exhibitId)}/${c.id}`)
      .set(officer)
      .send({ reason: 'Entered on the wrong exhibit' })
      .expect(200);
    expect(voided.body).toMatchObject({ id: c.id, voidReason: 'Entered on the wrong exhibit', voidedBy: t.users.neOfficer });
    expect(await currentLocation(exhibitId)).toBe('Forensic lab');
    const list = await t.http().get(movementsOf(exhibitId)).set(officer).expect(200);
    expect(list.body.items.map((m: { id: string }) => m.id)).toEqual([a.id, b.id]);
    const all = await t
      .http()
      .get(`${movementsOf(exhibitId)}?includeVoided=true`)
      .set(officer)
      .expect(200);
    expect(all.body.items.map((m: { id: string }) => m.id)).toEqual([a.id, b.id, c.id]);
    await t
      .http()
      .delete(`${movementsOf(exhibitId)}/${c.id}`)
      .set(officer)
      .send({ reason: 'again' })
      .expect(409);
    // The chain carries on from where the exhibit now is.
    await t
      .http()
      .post(movementsOf(exhibitId))
      .set(officer)
      .send(step('NE property store', 'Court', '2021-03-10T09:00:00Z'))
      .expect(409);
    await t
      .http()
      .post(movementsOf(exhibitId))
      .set(officer)
      .send(step('Forensic lab', 'Court', '2021-03-10T09:00:00Z'))
      .expect(201);
    expect(await currentLocation(exhibitId)).toBe('Court');
    // A movement of another exhibit cannot be voided through this one.
    const other = await seize();
    await t
      .http()
      .delete(`${movementsOf(other)}/${a.id}`)
      .set(officer)
      .send({ reason: 'wrong' })
      .expect(404);
  });

  it("hides another borough's exhibit (404 on every custody route) and refuses a voided exhibit (409)", async () => {
    const exhibitId = await seize();
    const [a] = await chain(exhibitId);
    const sw = await as('swOfficer');
    await t.http().get(movementsOf(exhibitId)).set(sw).expect(404);
    await t
      .http()
      .post(movementsOf(exhibitId))
      .set(sw)
      .send(step('NE property store', 'SW store', '2021-03-10T09:00:00Z'))
      .expect(404);
    await t
      .http()
      .delete(`${movementsOf(exhibitId)}/${a.id}`)
      .set(sw)
      .send({ reason: 'not mine' })
      .expect(404);
    const misses = await t.auditEvents({ entity_type: 'exhibit_movement', actor_id: t.users.swOfficer, outcome: 'not_found' });
    expect(misses.map((e) => e.action).sort()).toEqual(['create', 'list', 'void']);
    // The central team sees every unit's custody.
    await t
      .http()
      .get(movementsOf(exhibitId))
      .set(await as('centralOfficer'))
      .expect(200);

    await t
      .http()
      .delete(`/api/v1/exhibits/${exhibitId}`)
      .set(await as('neOfficer'))
      .send({ reason: 'Duplicate' })
      .expect(200);
    await t
      .http()
      .post(movementsOf(exhibitId))
      .set(await as('neOfficer'))
      .send(step('NE property store', 'Court', '2021-03-10T09:00:00Z'))
      .expect(409);
    // Its history still reads.
    const history = await t
      .http()
      .get(movementsOf(exhibitId))
      .set(await as('neOfficer'))
      .expect(200);
    expect(history.body.items).toHaveLength(3);
  });

  it('refuses admins and auditors (403), and anyone without a token (401)', async () => {
    const exhibitId = await seize();
    const [a] = await chain(exhibitId);
    for (const who of ['admin', 'auditor'] as const) {
      await t
        .http()
        .get(movementsOf(exhibitId))
        .set(await as(who))
        .expect(403);
      await t
        .http()
        .post(movementsOf(exhibitId))
        .set(await as(who))
        .send(step('NE property store', 'Court', '2021-03-10T09:00:00Z'))
        .expect(403);
      await t
        .http()
        .delete(`${movementsOf(exhibitId)}/${a.id}`)
        .set(await as(who))
        .send({ reason: 'x' })
        .expect(403);
    }
    await t.http().get(movementsOf(exhibitId)).expect(401);
  });

  it('audits every movement create, list and void', async () => {
    const exhibitId = await seize();
    const [, , c] = await chain(exhibitId);
    const [created] = await t.auditEvents({ action: 'create', entity_type: 'exhibit_movement', entity_id: c.id });
    expect(created).toMatchObject({ outcome: 'success', actor_id: t.users.neOfficer });
    expect(created.changes).toMatchObject({ exhibitId: [null, exhibitId], fromLocation: [null, 'Forensic lab'], toLocation: [null, 'NE property store'] });
    const list = await t
      .http()
      .get(movementsOf(exhibitId))
      .set(await as('neOfficer'))
      .expect(200);
    const [listed] = await t.auditEvents({ action: 'list', entity_type: 'exhibit_movement', request_id: list.headers['x-request-id'] });
    expect(listed.details).toMatchObject({ filter: { exhibitId, sort: 'movedAt', direction: 'asc' }, ids: list.body.items.map((m: { id: string }) => m.id) });
    await t
      .http()
      .delete(`${movementsOf(exhibitId)}/${c.id}`)
      .set(await as('neOfficer'))
      .send({ reason: 'Typo in location' })
      .expect(200);
    const [voided] = await t.auditEvents({ action: 'void', entity_type: 'exhibit_movement', entity_id: c.id });
    expect(voided).toMatchObject({ outcome: 'success', details: { reason: 'Typo in location' } });
  });

  it('takes concurrent moves out of one place one at a time: exactly one wins', async () => {
    const exhibitId = await seize();
    await chain(exhibitId);
    const officer = await as('neOfficer');
    const results = await Promise.all(
      ['Court', 'SW store', 'Lab 2', 'Lab 3', 'Lab 4', 'Lab 5', 'Lab 6', 'Lab 7'].map(
        async (to) =>
          (
            await t
              .http()
              .post(movementsOf(exhibitId))
              .set(officer)
              .send(step('NE property store', to, '2021-03-10T09:00:00Z'))
          ).status,
      ),
    );
    expect(results.filter((s) => s === 201)).toHaveLength(1);
    expect(results.filter((s) => s === 409)).toHaveLength(7);
  });
});
