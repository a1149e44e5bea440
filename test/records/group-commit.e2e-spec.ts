import { randomUUID } from 'node:crypto';
import { AuthService } from '../../src/core/auth/auth.service';
import { RequestContext } from '../../src/core/context/request-context';
import { ExhibitsService } from '../../src/modules/exhibits/exhibits.service';
import { UnitsService } from '../../src/modules/units/units.service';
import { createOperation } from '../support/record-fixtures';
import { bearer, createTestApp, TestApp } from '../support/test-app';

describe('audited reads under concurrency (group commit)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
  });
  afterAll(() => t.close());

  it('answers a mixed burst correctly, with exactly one audit event per request', async () => {
    const opId = await createOperation(t, 'BCU-NE');
    const ne = bearer(await t.token('neOfficer'));
    const sw = bearer(await t.token('swOfficer'));
    const central = bearer(await t.token('centralOfficer'));
    const who = [ne, sw, central];
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, n) =>
        t
          .http()
          .get(`/api/v1/operations/${opId}`)
          .set(who[n % 3])
          .set('X-Purpose', `burst ${n}`),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s, n) => s !== (n % 3 === 1 ? 404 : 200))).toEqual([]);
    expect(responses.filter((r) => r.status === 200).every((r) => r.body.id === opId)).toBe(true);
    const events = await t.auditEvents({ action: 'view', entity_id: opId });
    expect(events).toHaveLength(60);
    for (const [n, r] of responses.entries()) {
      const ev = events.find((e) => e.request_id === r.headers['x-request-id']);
      expect(ev).toMatchObject({ outcome: n % 3 === 1 ? 'not_found' : 'success', purpose: `burst ${n}` });
      expect(ev?.actor_id).toBe([t.users.neOfficer, t.users.swOfficer, t.users.centralOfficer][n % 3]);
    }
  });

  it('group-commits a burst of creates: each its own row and audit event, many in one transaction', async () => {
    const neOp = await createOperation(t, 'BCU-NE');
    const swOp = await createOperation(t, 'BCU-SW');
    const auth = t.app.get(AuthService);
    const actorOf = async (id: string) => (await auth.actorForToken({ sub: id, tv: 0, at: Math.floor(Date.now() / 1000), sid: randomUUID() }))!;
    const ne = await actorOf(t.users.neOfficer);
    const sw = await actorOf(t.users.swOfficer);
    const exhibits = t.app.get(ExhibitsService);
    // 60 creates arriving together, as a busy server sees them. Every third names another
    // borough's operation: refused (422) from inside the same batches, the others unharmed.
    const outcomes = await Promise.all(
      Array.from({ length: 60 }, (_, n) => {
        const ctx = new RequestContext(n % 3 === 2 ? sw : ne, `gc-create-${n}`, '127.0.0.1', `seizure ${n}`);
        const dto = {
          operationId: n % 3 === 0 ? neOp : swOp,
          reference: `GC/${n}`,
          itemType: 'phone',
          seizedAt: new Date('2024-06-01T10:00:00Z'),
          sealNumber: `GCS${n}`,
        };
        return exhibits.create(ctx, dto).then(
          (rec) => ({ n, rec, status: 201 }),
          (e: { getStatus?: () => number }) => ({ n, rec: null, status: e.getStatus?.() ?? 500 }),
        );
      }),
    );
    expect(outcomes.map((o) => o.status)).toEqual(Array.from({ length: 60 }, (_, n) => (n % 3 === 1 ? 422 : 201)));
    const events = await t.auditEvents({ action: 'create', entity_type: 'exhibit' });
    for (const { n, rec } of outcomes) {
      const own = events.filter((e) => e.request_id === `gc-create-${n}`);
      if (!rec) {
        // Refused: on record as a refusal (issue 13.7), never as a create.
        expect(own.map((e) => [e.outcome, e.entity_id, e.details?.field])).toEqual([['invalid', null, 'operationId']]);
        continue;
      }
      expect(rec).toMatchObject({ reference: `GC/${n}`, operationId: n % 3 === 0 ? neOp : swOp, version: 1 });
      expect(own).toHaveLength(1);
      expect(own[0]).toMatchObject({
        entity_id: rec.id,
        outcome: 'success',
        purpose: `seizure ${n}`,
        actor_id: n % 3 === 2 ? t.users.swOfficer : t.users.neOfficer,
      });
      expect(own[0].changes.reference).toEqual([null, `GC/${n}`]);
      expect(own[0].changes.id).toBeUndefined();
    }
    const [{ rows, txs }] = await t.db.query(
      `SELECT count(*)::int AS rows, count(DISTINCT e.tx)::int AS txs FROM exhibits x JOIN audit_events e ON e.entity_id = x.id AND e.action = 'create' WHERE x.reference LIKE 'GC/%'`,
    );
    expect(rows).toBe(40);
    expect(txs).toBeLessThan(rows / 4);
  });

  it('fails only the create the database refuses when it shares a batch with others', async () => {
    const admin = (await t.app.get(AuthService).actorForToken({ sub: t.users.admin, tv: 0, at: Math.floor(Date.now() / 1000), sid: randomUUID() }))!;
    const units = t.app.get(UnitsService);
    // Seven creates together, two with the same code: the unique index refuses one of them,
    // which fails the batch's statement; each is then tried alone.
    const codes = ['GC-A', 'GC-B', 'GC-C', 'GC-D', 'GC-E', 'GC-F', 'GC-C'];
    const outcomes = await Promise.all(
      codes.map((code, n) =>
        units.create(new RequestContext(admin, `gc-unit-${n}`, '127.0.0.1'), { code, name: `Group commit ${n}`, kind: 'borough' }).then(
          () => 'created',
          (e: { code?: string; driverError?: { code?: string } }) => e.driverError?.code ?? e.code ?? String(e),
        ),
      ),
    );
    expect(outcomes.filter((o) => o === 'created')).toHaveLength(6);
    expect(outcomes.filter((o) => o !== 'created')).toEqual(['23505']);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM units WHERE code LIKE 'GC-%'`);
    expect(n).toBe(6);
    for (const [i, o] of outcomes.entries()) {
      expect(await t.auditEvents({ request_id: `gc-unit-${i}`, action: 'create' })).toHaveLength(o === 'created' ? 1 : 0);
    }
  });
});
