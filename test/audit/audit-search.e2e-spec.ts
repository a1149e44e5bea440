import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { superuser } from '../support/test-database';
import { bearer, createTestApp, FixtureName, TestApp } from '../support/test-app';

const ref = () => `OP/${randomBytes(4).toString('hex').toUpperCase()}`;
const seqs = (items: { seq: string }[]) => items.map((i) => BigInt(i.seq));
const strictlyDescending = (xs: bigint[]) => xs.every((x, i) => i === 0 || xs[i - 1] > x);

describe('the auditor searches the log and reads a record’s access history', () => {
  let t: TestApp;
  let su: Client;
  let auditor: Record<string, string>;
  let opA: Record<string, any>;
  let opB: Record<string, any>;
  let listSeq: string;

  beforeAll(async () => {
    t = await createTestApp();
    su = await superuser(t.databaseUrl);
    auditor = bearer(await t.token('auditor'));
    const sup = bearer(await t.token('neSupervisor'));
    const officer = bearer(await t.token('neOfficer'));
    opA = (await t.http().post('/api/v1/operations').set(sup).send({ name: 'LEGATUM', reference: ref(), startsOn: '2021-03-01' }).expect(201)).body;
    opB = (await t.http().post('/api/v1/operations').set(sup).send({ name: 'SENTRY', reference: ref(), startsOn: '2021-03-02' }).expect(201)).body;
    await t.http().patch(`/api/v1/operations/${opA.id}`).set(sup).send({ version: opA.version, status: 'active' }).expect(200);
    await t.http().get(`/api/v1/operations/${opA.id}`).set(officer).set('x-purpose', 'Preparing warrant bundle').expect(200);
    await t.http().get(`/api/v1/operations/${opA.id}`).set(officer).expect(200);
    // Another borough asks for it: refused as not found, and that refusal is part of its history.
    await t
      .http()
      .get(`/api/v1/operations/${opA.id}`)
      .set(bearer(await t.token('swOfficer')))
      .expect(404);
    const list = await t.http().get('/api/v1/operations').set(officer).expect(200);
    expect(list.body.items.map((o: { id: string }) => o.id)).toEqual(expect.arrayContaining([opA.id, opB.id]));
    const [ev] = await t.auditEvents({ action: 'list', actor_id: t.users.neOfficer });
    listSeq = ev.seq;
  });
  afterAll(async () => {
    await su.end();
    await t.close();
  });

  describe('who may ask', () => {
    const routes = () => ['/api/v1/audit-events', `/api/v1/audit-events/history/operation/${opA.id}`];

    it('answers 401 without a token', async () => {
      for (const url of routes()) await t.http().get(url).expect(401);
    });

    it('refuses admins, supervisors and officers with 403, and audits each refusal', async () => {
      for (const name of ['admin', 'neSupervisor', 'neOfficer', 'centralSupervisor'] as FixtureName[]) {
        for (const url of routes())
          await t
            .http()
            .get(url)
            .set(bearer(await t.token(name)))
            .expect(403);
        const denied = await t.auditEvents({ action: 'access.denied', actor_id: t.users[name] });
        expect(denied.map((d) => d.details)).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ permission: 'audit.read', route: '/api/v1/audit-events' }),
            expect.objectContaining({ permission: 'audit.read', route: '/api/v1/audit-events/history/:entityType/:entityId' }),
          ]),
        );
        expect(denied.every((d) => d.outcome === 'denied')).toBe(true);
      }
    });
  });

  describe('search', () => {
    const search = (query: Record<string, string | number>) => t.http().get('/api/v1/audit-events').query(query).set(auditor);

    it('returns every field of an event, newest first', async () => {
      const res = await search({ entityType: 'operation', entityId: opA.id }).expect(200);
      expect(strictlyDescending(seqs(res.body.items))).toBe(true);
      expect(res.body.items.map((i: any) => i.action)).toEqual(['view', 'view', 'view', 'update', 'create']);
      const update = res.body.items[3];
      expect(update).toEqual({
        seq: expect.stringMatching(/^\d+$/),
        at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/),
        actorId: t.users.neSupervisor,
        actorRole: 'supervisor',
        actorUnitId: t.units['BCU-NE'],
        action: 'update',
        entityType: 'operation',
        entityId: opA.id,
        requestId: expect.any(String),
        ip: expect.any(String),
        outcome: 'success',
        purpose: null,
        changes: expect.objectContaining({ status: ['planned', 'active'] }),
        details: null,
        prevHash: update.hash ? expect.stringMatching(/^[0-9a-f]{64}$/) : null,
        hash: update.hash ? expect.stringMatching(/^[0-9a-f]{64}$/) : null,
      });
      const [stored] = await t.auditEvents({ seq: update.seq });
      expect(new Date(update.at).getTime()).toBe(new Date(stored.at).getTime());
      expect(res.body.nextCursor).toBeNull();
    });

    it('carries each event’s chain link once the sealer has made it (LEFT JOIN: unsealed events still show)', async () => {
      const res = await search({ limit: 200 }).expect(200);
      const { rows } = await su.query('SELECT seq::text AS s, prev_hash, hash FROM audit_chain');
      const links = new Map(rows.map((r: { s: string; prev_hash: string; hash: string }) => [r.s, { prevHash: r.prev_hash, hash: r.hash }]));
      const sealed = res.body.items.filter((i: any) => i.hash !== null);
      expect(sealed.length).toBeGreaterThan(0);
      for (const i of sealed) expect({ seq: i.seq, prevHash: i.prevHash, hash: i.hash }).toEqual({ seq: i.seq, ...links.get(i.seq) });
      for (const i of res.body.items.filter((x: any) => x.hash === null)) expect(i.prevHash).toBeNull();
      // Events the sealer has not reached are listed all the same.
      const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM audit_events WHERE seq <= $1', [res.body.items[0].seq]);
      expect(res.body.items).toHaveLength(Math.min(n, 200));
    });

    it('filters by actor, action, outcome and entity, each on its own and together', async () => {
      const byActor = await search({ actorId: t.users.neOfficer }).expect(200);
      expect(byActor.body.items.length).toBeGreaterThanOrEqual(3);
      expect(byActor.body.items.every((i: any) => i.actorId === t.users.neOfficer)).toBe(true);

      const views = await search({ action: 'view' }).expect(200);
      expect(views.body.items.map((i: any) => i.actorId).sort()).toEqual([t.users.neOfficer, t.users.neOfficer, t.users.swOfficer].sort());

      const refused = await search({ outcome: 'not_found' }).expect(200);
      expect(refused.body.items).toHaveLength(1);
      expect(refused.body.items[0]).toMatchObject({ actorId: t.users.swOfficer, entityId: opA.id, action: 'view' });

      const ofB = await search({ entityId: opB.id }).expect(200);
      expect(ofB.body.items.map((i: any) => i.action)).toEqual(['create']);

      const both = await search({ actorId: t.users.neOfficer, action: 'view', entityType: 'operation', entityId: opA.id }).expect(200);
      expect(both.body.items).toHaveLength(2);
      expect(both.body.items.map((i: any) => i.purpose)).toEqual([`operation ${opA.id}`, 'Preparing warrant bundle']); // a plain read defaults to its operation

      const logins = await search({ action: 'login', actorId: t.users.auditor }).expect(200);
      expect(logins.body.items.length).toBeGreaterThan(0);
      expect(logins.body.items.every((i: any) => i.action === 'login' && i.actorId === t.users.auditor)).toBe(true);
    });

    it('filters by time: from is inclusive, to exclusive, both with an offset', async () => {
      const [create] = await t.auditEvents({ action: 'create', entity_id: opB.id });
      const [update] = await t.auditEvents({ action: 'update', entity_id: opA.id });
      const at = (d: Date) => d.toISOString();
      const res = await search({ entityType: 'operation', from: at(create.at), to: at(new Date(update.at.getTime() + 1)) }).expect(200);
      expect(res.body.items.map((i: any) => i.seq)).toEqual(
        (
          await t.db.query(`SELECT seq::text AS s FROM audit_events WHERE entity_type = 'operation' AND at >= $1 AND at < $2 ORDER BY seq DESC`, [
            at(create.at),
            at(new Date(update.at.getTime() + 1)),
          ])
        ).map((r: { s: string }) => r.s),
      );
      expect(res.body.items.map((i: any) => i.action)).toEqual(expect.arrayContaining(['create', 'update']));
      const [createA] = await t.auditEvents({ action: 'create', entity_id: opA.id });
      expect(res.body.items.map((i: any) => i.seq)).not.toContain(createA.seq);
      // The same instant written with a +01:00 offset finds the same events.
      const plusOne = new Date(create.at.getTime() + 3_600_000).toISOString().replace('Z', '+01:00');
      const res2 = await search({ entityType: 'operation', from: plusOne, to: at(new Date(update.at.getTime() + 1)) }).expect(200);
      expect(res2.body.items.map((i: any) => i.seq)).toEqual(res.body.items.map((i: any) => i.seq));
      await search({ from: at(new Date(Date.now() + 3_600_000)) })
        .expect(200)
        .expect((r) => expect(r.body.items).toEqual([]));
    });

    it('answers bad filters with 400 and the field at fault', async () => {
      const cases: [Record<string, string>, string][] = [
        [{ actorId: 'nobody' }, 'actorId'],
        [{ entityId: '42' }, 'entityId'],
        [{ from: '2021-03-01T06:00:00' }, 'from'],
        [{ to: '2021-03-01' }, 'to'],
        [{ outcome: 'maybe' }, 'outcome'],
        [{ limit: '201' }, 'limit'],
        [{ limit: '0' }, 'limit'],
        [{ cursor: 'not-a-cursor' }, 'cursor'],
        [{ entityType: 'DROP TABLE' }, 'entityType'],
        [{ colour: 'red' }, 'colour'],
      ];
      for (const [query, field] of cases) {
        const res = await search(query).expect(400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
    });

    it('pages by cursor: every event exactly once, even while new events arrive', async () => {
      const sup = bearer(await t.token('neSupervisor'));
      const seen: bigint[] = [];
      let cursor: string | null = null;
      let top: bigint | null = null;
      let pages = 0;
      do {
        const res: { body: { items: { seq: string }[]; nextCursor: string | null } } = await search({ limit: 7, ...(cursor ? { cursor } : {}) }).expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(7);
        top ??= BigInt(res.body.items[0].seq);
        seen.push(...seqs(res.body.items));
        cursor = res.body.nextCursor;
        pages += 1;
        // New activity between page fetches: through the API and straight into the table.
        if (pages % 2) await t.http().post('/api/v1/operations').set(sup).send({ name: 'LATE', reference: ref(), startsOn: '2021-04-01' }).expect(201);
        else await t.db.query(`INSERT INTO audit_events (action, outcome) VALUES ('test.interleaved', 'success')`);
      } while (cursor && pages < 100);
      expect(cursor).toBeNull();
      expect(pages).toBeGreaterThan(3);
      expect(strictlyDescending(seen)).toBe(true);
      const expected = (await t.db.query('SELECT seq::text AS s FROM audit_events WHERE seq <= $1 ORDER BY seq DESC', [String(top)])).map((r: { s: string }) =>
        BigInt(r.s),
      );
      expect(seen).toEqual(expected);
      // The defaults: 50 a page, and a cursor when there is more.
      await t.db.query(`INSERT INTO audit_events (action, outcome) SELECT 'test.filler', 'success' FROM generate_series(1, 60)`);
      const first = await search({}).expect(200);
      expect(first.body.items).toHaveLength(50);
      expect(typeof first.body.nextCursor).toBe('string');
      const full = await search({ limit: 200 }).expect(200);
      expect(full.body.items.length).toBeGreaterThan(50);
    });

    it('records each search the auditor makes, with its filter and how many events it returned', async () => {
      const res = await search({ actorId: t.users.neOfficer, action: 'view', limit: 5 }).expect(200);
      const mine = await t.auditEvents({ action: 'audit.search', actor_id: t.users.auditor });
      const last = mine[mine.length - 1];
      expect(last).toMatchObject({
        entity_type: 'audit_event',
        outcome: 'success',
        actor_role: 'auditor',
        details: { filter: { actorId: t.users.neOfficer, action: 'view' }, before: null, limit: 5, count: res.body.items.length },
      });
      // Written before the answer: it is newer than anything the answer held.
      expect(BigInt(last.seq)).toBeGreaterThan(BigInt(res.body.items[0].seq));
    });
  });

  describe('access history of one record', () => {
    const history = (type: string, id: string, query: Record<string, string | number> = {}) =>
      t.http().get(`/api/v1/audit-events/history/${type}/${id}`).query(query).set(auditor);

    it('shows its create, update, views, the refusal, and the list that returned it, with who and when', async () => {
      const res = await history('operation', opA.id).expect(200);
      const items = res.body.items as any[];
      expect(strictlyDescending(seqs(items))).toBe(true);
      expect(items.map((i) => [i.kind, i.action, i.actorId, i.outcome])).toEqual([
        ['list', 'list', t.users.neOfficer, 'success'],
        ['direct', 'view', t.users.swOfficer, 'not_found'],
        ['direct', 'view', t.users.neOfficer, 'success'],
        ['direct', 'view', t.users.neOfficer, 'success'],
        ['direct', 'update', t.users.neSupervisor, 'success'],
        ['direct', 'create', t.users.neSupervisor, 'success'],
      ]);
      expect(items[0]).toMatchObject({ seq: listSeq, entityType: 'operation', entityId: null, at: expect.any(String) });
      expect(items[0].details.ids).toContain(opA.id);
      expect(items[3].purpose).toBe('Preparing warrant bundle');
      expect(items[4].changes.status).toEqual(['planned', 'active']);
      expect(res.body.nextCursor).toBeNull();

      // B was in the same list but has a history of its own.
      const b = await history('operation', opB.id).expect(200);
      expect(b.body.items.map((i: any) => [i.kind, i.action])).toEqual([
        ['list', 'list'],
        ['direct', 'create'],
      ]);
    });

    it('records the lookup against the record, so the next lookup shows the auditor looked', async () => {
      const before = await history('operation', opB.id).expect(200);
      const lookups = await t.auditEvents({ action: 'audit.history', entity_id: opB.id });
      expect(lookups.length).toBeGreaterThanOrEqual(2);
      expect(lookups[lookups.length - 1]).toMatchObject({
        actor_id: t.users.auditor,
        entity_type: 'operation',
        outcome: 'success',
        details: { count: before.body.items.length, listHits: 1, limit: 50, before: null },
      });
      const after = await history('operation', opB.id).expect(200);
      expect(after.body.items[0]).toMatchObject({ kind: 'direct', action: 'audit.history', actorId: t.users.auditor });
    });

    it('pages the history by cursor without losing or repeating an event', async () => {
      const all = (await history('operation', opA.id, { limit: 200 }).expect(200)).body.items.map((i: any) => i.seq);
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: { seq: string }[]; nextCursor: string | null } } = await history('operation', opA.id, {
          limit: 2,
          ...(cursor ? { cursor } : {}),
        }).expect(200);
        paged.push(...res.body.items.map((i) => i.seq));
        cursor = res.body.nextCursor;
      } while (cursor);
      // Each paged lookup is itself a newer direct event, above where the paging started.
      expect(paged.filter((s) => BigInt(s) <= BigInt(all[0]))).toEqual(all);
    });

    it('answers an unknown record with an empty history, and a malformed one with 400', async () => {
      const res = await history('warrant', '00000000-0000-4000-8000-000000000000').expect(200);
      expect(res.body).toEqual({ items: [], nextCursor: null });
      const bad = await history('operation', 'not-a-uuid').expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('entityId');
      await history('Operation;', opA.id).expect(400);
    });

    it('finds list hits through the GIN index on the ids a list returned', async () => {
      await su.query('SET enable_seqscan = off');
      const { rows } = await su.query(`EXPLAIN SELECT seq FROM audit_events WHERE action = 'list' AND details -> 'ids' ? $1::text`, [opA.id]);
      await su.query('RESET enable_seqscan');
      expect(rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')).toMatch(/ix_audit_events_list_ids/);
    });
  });
});
