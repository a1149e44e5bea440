import { randomUUID } from 'node:crypto';
import { figuresHash } from '../../src/modules/weekly-returns/figures-hash';
import { bearer, createTestApp, FixtureName, TestApp } from '../support/test-app';
import { figures, rows } from './weekly-return-rows';

describe('weekly returns: sign-off', () => {
  let t: TestApp;
  let r: ReturnType<typeof rows>;
  let NE: string;
  let SW: string;
  const url = '/api/v1/weekly-returns';
  const as = async (who: FixtureName) => bearer(await t.token(who));
  const submit = async (who: FixtureName, unitId: string, week: string, extra: Record<string, unknown> = {}) =>
    t
      .http()
      .post(url)
      .set(await as(who))
      .send({ unitId, week, ...extra });
  const approve = async (who: FixtureName, id: string, body: Record<string, unknown> = {}) =>
    t
      .http()
      .post(`${url}/${id}/approve`)
      .set(await as(who))
      .send(body);
  const sendBack = async (who: FixtureName, id: string, body: Record<string, unknown>) =>
    t
      .http()
      .post(`${url}/${id}/return`)
      .set(await as(who))
      .send(body);

  beforeAll(async () => {
    t = await createTestApp();
    r = rows(t);
    NE = t.units['BCU-NE'];
    SW = t.units['BCU-SW'];
    await r.warrant(NE, '2021-03-01T06:00:00Z', { children: 2 });
    await r.arrest(NE, '2021-03-01T07:00:00Z');
    await r.referral(NE, '2021-03-02T09:00:00Z');
  });
  afterAll(() => t.close());

  it('refuses officers, admins and auditors (403, audited) and callers without a token (401)', async () => {
    for (const who of ['neOfficer', 'centralOfficer', 'admin', 'auditor'] as const) {
      expect((await submit(who, NE, '2021-W09')).status).toBe(403);
    }
    await t.http().post(url).send({ unitId: NE, week: '2021-W09' }).expect(401);
    const denied = await t.auditEvents({ actor_id: t.users.neOfficer, action: 'access.denied' });
    expect(denied.length).toBeGreaterThan(0);
    expect(denied[0].details).toMatchObject({ permission: 'weekly-return.submit' });
    expect((await t.db.query('SELECT count(*)::int AS n FROM weekly_returns'))[0].n).toBe(0);
  });

  it('runs submit → return with a reason → resubmit → approve by another supervisor, keeping every step', async () => {
    const first = await submit('neSupervisor', NE, '2021-W09', { comment: 'Operation LEGATUM week' });
    expect(first.status).toBe(201);
    const expected = figures({ warrantsExecuted: 1, arrests: 1, childrenSafeguarded: 2, referralsReceived: 1 });
    expect(first.body).toMatchObject({
      unitId: NE,
      week: '2021-W09',
      status: 'submitted',
      figures: expected,
      submittedBy: t.users.neSupervisor,
      comment: 'Operation LEGATUM week',
    });
    expect(first.body.figuresHash).toBe(figuresHash(NE, '2021-W09', expected));
    const id = first.body.id;

    // Submitting again while it waits for review is a conflict.
    expect((await submit('neSupervisor2', NE, '2021-W09')).status).toBe(409);

    // Four eyes: the submitter can neither approve it …
    const own = await approve('neSupervisor', id);
    expect(own.status).toBe(403);
    // … and the reason is required to send it back.
    expect((await sendBack('neSupervisor2', id, {})).status).toBe(400);
    expect((await sendBack('neSupervisor2', id, { reason: '   ' })).status).toBe(400);
    const tooLong = await sendBack('neSupervisor2', id, { reason: 'One arrest is missing. '.repeat(30).slice(0, 501) });
    expect([tooLong.status, tooLong.body.errors]).toEqual([400, [{ field: 'reason', messages: [expect.stringContaining('500')] }]]);

    const returned = await sendBack('neSupervisor2', id, { reason: 'One arrest is missing' });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ id, status: 'returned', returnedBy: t.users.neSupervisor2, returnReason: 'One arrest is missing' });
    expect((await approve('neSupervisor2', id)).status).toBe(409);

    // Corrected: the missing arrest is recorded, and the return compiled and submitted again.
    await r.arrest(NE, '2021-03-03T07:00:00Z');
    const again = await submit('neSupervisor', NE, '2021-W09');
    expect(again.status).toBe(201);
    const corrected = figures({ warrantsExecuted: 1, arrests: 2, childrenSafeguarded: 2, referralsReceived: 1 });
    expect(again.body).toMatchObject({ id, status: 'submitted', figures: corrected, returnReason: null, comment: null });

    // A reviewer may pin the figures they reviewed; stale ones are refused.
    expect((await approve('neSupervisor2', id, { figuresHash: first.body.figuresHash })).status).toBe(409);
    const approved = await approve('neSupervisor2', id, { figuresHash: again.body.figuresHash });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ id, status: 'approved', approvedBy: t.users.neSupervisor2, figures: corrected, figuresHash: again.body.figuresHash });

    // Approved is final.
    expect((await approve('centralSupervisor', id)).status).toBe(409);
    expect((await sendBack('centralSupervisor', id, { reason: 'late change' })).status).toBe(409);
    expect((await submit('neSupervisor', NE, '2021-W09')).status).toBe(409);

    const read = await t
      .http()
      .get(`${url}/${id}`)
      .set(await as('neOfficer'))
      .expect(200);
    expect(read.body.return.steps.map((s: { action: string; actorId: string; reason: string | null }) => [s.action, s.actorId, s.reason])).toEqual([
      ['submit', t.users.neSupervisor, 'Operation LEGATUM week'],
      ['return', t.users.neSupervisor2, 'One arrest is missing'],
      ['submit', t.users.neSupervisor, null],
      ['approve', t.users.neSupervisor2, null],
    ]);
    expect(read.body.return.steps.map((s: { figuresHash: string }) => s.figuresHash)).toEqual([
      first.body.figuresHash,
      first.body.figuresHash,
      again.body.figuresHash,
      again.body.figuresHash,
    ]);
    expect(read.body).toMatchObject({ stale: false, approved: corrected, live: corrected });

    const events = await t.auditEvents({ entity_type: 'weekly_return', entity_id: id });
    expect(events.map((e) => [e.action, e.outcome, e.actor_id])).toEqual([
      ['submit', 'success', t.users.neSupervisor],
      ['submit', 'conflict', t.users.neSupervisor2],
      ['approve', 'denied', t.users.neSupervisor],
      ['return', 'success', t.users.neSupervisor2],
      ['approve', 'conflict', t.users.neSupervisor2],
      ['submit', 'success', t.users.neSupervisor],
      ['approve', 'conflict', t.users.neSupervisor2],
      ['approve', 'success', t.users.neSupervisor2],
      ['approve', 'conflict', t.users.centralSupervisor],
      ['return', 'conflict', t.users.centralSupervisor],
      ['submit', 'conflict', t.users.neSupervisor],
      ['view', 'success', t.users.neOfficer],
    ]);
    expect(events[0].changes).toMatchObject({ status: ['draft', 'submitted'] });
    expect(events[0].details).toMatchObject({ unitId: NE, week: '2021-W09', resubmission: false });
    expect(events[3].details).toMatchObject({ reason: 'One arrest is missing' });
    expect(events[5].details).toMatchObject({ resubmission: true, figures: corrected });
    expect(events[7].changes).toEqual({ status: ['submitted', 'approved'] });
  });

  it("keeps borough supervisors to their own unit, and lets the central team approve any unit's return", async () => {
    await r.exhibit(SW, '2021-03-02T10:00:00Z');
    const sw = await submit('swSupervisor', SW, '2021-W09');
    expect(sw.status).toBe(201);
    expect(sw.body.figures).toEqual(figures({ exhibitsSeized: 1 }));
    // Another borough's return does not exist as far as NE is concerned.
    expect((await approve('neSupervisor2', sw.body.id)).status).toBe(404);
    expect((await sendBack('neSupervisor2', sw.body.id, { reason: 'not ours' })).status).toBe(404);
    await t
      .http()
      .get(`${url}/${sw.body.id}`)
      .set(await as('neOfficer'))
      .expect(404);
    expect((await submit('neSupervisor', SW, '2021-W10')).status).toBe(404);
    expect((await submit('neSupervisor', randomUUID(), '2021-W10')).status).toBe(404);
    // Officers cannot approve even their own unit's.
    expect((await approve('swOfficer', sw.body.id)).status).toBe(403);

    // No body at all is fine: figuresHash is optional.
    const ok = await t
      .http()
      .post(`${url}/${sw.body.id}/approve`)
      .set(await as('centralSupervisor'));
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'approved', approvedBy: t.users.centralSupervisor });
    // The central team can also compile and submit a borough's return.
    expect((await submit('centralSupervisor', NE, '2021-W10')).status).toBe(201);
  });

  it('refuses weeks not yet over, bad weeks, bad ids and unknown returns', async () => {
    const next = new Date(Date.now() + 7 * 86_400_000);
    const thisYear = next.getUTCFullYear() + 1;
    const future = await submit('neSupervisor', NE, `${thisYear}-W02`);
    expect(future.status).toBe(400);
    expect(future.body.errors[0].field).toBe('week');
    expect((await submit('neSupervisor', NE, '2021-W53')).status).toBe(400);
    const longComment = await submit('neSupervisor', NE, '2021-W11', { comment: 'A long note on the week. '.repeat(50).slice(0, 1001) });
    expect([longComment.status, longComment.body.errors]).toEqual([400, [{ field: 'comment', messages: [expect.stringContaining('1000')] }]]);
    expect((await submit('neSupervisor', NE, '2021-W11', { figures: { arrests: 99 } })).status).toBe(400);
    expect((await approve('neSupervisor2', 'not-a-uuid')).status).toBe(400);
    await t
      .http()
      .get(`${url}/not-a-uuid`)
      .set(await as('neOfficer'))
      .expect(400);
    expect((await approve('neSupervisor2', randomUUID())).status).toBe(404);
  });

  it('lets only one of several concurrent approvals (or submissions) succeed', async () => {
    await r.arrest(NE, '2021-03-15T10:00:00Z');
    const submitters: FixtureName[] = ['neSupervisor', 'neSupervisor2', 'centralSupervisor', 'neSupervisor', 'neSupervisor2', 'centralSupervisor'];
    const racedSubmits = await Promise.all(submitters.map((who) => submit(who, NE, '2021-W11')));
    expect(racedSubmits.map((x) => x.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    const winner = racedSubmits.find((x) => x.status === 201)!.body;
    // Two supervisors who did not submit it race to approve it, several times over.
    const others = (['neSupervisor', 'neSupervisor2', 'centralSupervisor'] as const).filter((who) => t.users[who] !== winner.submittedBy);
    const approvers: FixtureName[] = [...others, ...others, ...others];
    const raced = await Promise.all(approvers.map((who) => approve(who, winner.id)));
    expect(raced.map((x) => x.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    const steps = await t.db.query('SELECT action FROM weekly_return_steps WHERE return_id = $1 ORDER BY at', [winner.id]);
    expect(steps.map((s: { action: string }) => s.action)).toEqual(['submit', 'approve']);
  });

  it('has the database refuse to change an approved return or any history step', async () => {
    const [approved] = await t.db.query(`SELECT id FROM weekly_returns WHERE status = 'approved' LIMIT 1`);
    await expect(t.db.query(`UPDATE weekly_returns SET figures = '{}'::jsonb WHERE id = $1`, [approved.id])).rejects.toThrow(/approved and locked/);
    await expect(t.db.query(`DELETE FROM weekly_returns WHERE id = $1`, [approved.id])).rejects.toThrow(/never deleted/);
    await expect(t.db.query(`UPDATE weekly_return_steps SET reason = 'edited' WHERE return_id = $1`, [approved.id])).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM weekly_return_steps WHERE return_id = $1`, [approved.id])).rejects.toThrow(/append-only/);
  });
});
