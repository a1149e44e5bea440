import { Client } from 'pg';
import { ChainSealerService } from '../../src/core/audit/chain/chain-sealer.service';
import { ChainVerifierService } from '../../src/core/audit/chain/chain-verifier.service';
import { superuser } from '../support/test-database';
import { bearer, createTestApp, TestApp } from '../support/test-app';

describe('the audit log: append-only, chained, verified', () => {
  let t: TestApp;
  let su: Client;
  beforeAll(async () => {
    t = await createTestApp();
    su = await superuser(t.databaseUrl);
  });
  afterAll(async () => {
    await su.end();
    await t.close();
  });

  const insertEvent = (c: Client, action: string) =>
    c.query(`INSERT INTO audit_events (action, outcome) VALUES ($1, 'success') RETURNING seq::text`, [action]).then((r) => r.rows[0].seq as string);

  it('refuses UPDATE, DELETE and TRUNCATE, even to a superuser and under replica role', async () => {
    await insertEvent(su, 'test.event');
    await t.app.get(ChainSealerService).sealAll(); // so audit_chain has rows for the row triggers
    for (const sql of [
      'UPDATE audit_events SET action = $$x$$',
      'DELETE FROM audit_events',
      'TRUNCATE audit_events',
      'DELETE FROM audit_chain',
      'TRUNCATE audit_chain CASCADE',
    ]) {
      await expect(su.query(sql)).rejects.toThrow(/append-only/);
    }
    await su.query(`SET session_replication_role = replica`);
    await expect(su.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
    await expect(su.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
    await su.query(`SET session_replication_role = origin`);
    // Through the app's own connection pool too.
    await expect(t.db.query('UPDATE audit_events SET outcome = $$x$$')).rejects.toThrow(/append-only/);
  });

  it('links late commits and skips rolled-back sequence numbers, keeping one valid chain', async () => {
    const sealer = t.app.get(ChainSealerService);
    const verifier = t.app.get(ChainVerifierService);
    await sealer.sealAll();
    const slow = await superuser(t.databaseUrl);
    const aborted = await superuser(t.databaseUrl);
    try {
      await slow.query('BEGIN');
      const lateSeq = await insertEvent(slow, 'test.late'); // takes a seq, commits last
      await aborted.query('BEGIN');
      const goneSeq = await insertEvent(aborted, 'test.rolled-back');
      await aborted.query('ROLLBACK'); // a gap in seq forever
      const earlySeq = await insertEvent(su, 'test.early'); // higher seq, commits first
      await sealer.sealAll();
      const linked = async (seq: string) => (await su.query('SELECT 1 FROM audit_chain WHERE seq = $1', [seq])).rowCount;
      expect(await linked(earlySeq)).toBe(1);
      expect(await linked(lateSeq)).toBe(0); // not visible yet: not linked yet
      await slow.query('COMMIT');
      await sealer.sealAll();
      expect(await linked(lateSeq)).toBe(1);
      expect(await linked(goneSeq)).toBe(0);
      const { rows } = await su.query(`SELECT count(*)::int AS events, (SELECT count(*)::int FROM audit_chain) AS links FROM audit_events`);
      expect(rows[0].links).toBe(rows[0].events);
      const result = await verifier.verify();
      expect(result).toMatchObject({ valid: true, firstBrokenSeq: null });
      expect(result.checked).toBe(rows[0].events);
    } finally {
      await slow.end();
      await aborted.end();
    }
  });

  it('keeps linking past ten links and across many passes (numeric, not text, order of the head)', async () => {
    const sealer = t.app.get(ChainSealerService);
    for (let pass = 0; pass < 4; pass++) {
      await su.query(`INSERT INTO audit_events (action, outcome) SELECT 'test.bulk', 'success' FROM generate_series(1, 37)`);
      await sealer.sealAll();
    }
    const { rows } = await su.query(`SELECT (SELECT count(*)::int FROM audit_events) AS events, (SELECT count(*)::int FROM audit_chain) AS links,
      (SELECT max(link_no)::int FROM audit_chain) AS head`);
    expect(rows[0].events).toBeGreaterThan(148);
    expect(rows[0].links).toBe(rows[0].events);
    expect(rows[0].head).toBe(rows[0].events);
    expect(await t.app.get(ChainVerifierService).verify()).toMatchObject({ valid: true, checked: rows[0].events });
  });

  it('after a backlog of several batches, moves the watermark on and still links a late commit', async () => {
    const sealer = t.app.get(ChainSealerService);
    await sealer.sealAll();
    const head = async () => (await su.query(`SELECT sealed_xmin::text AS xmin FROM audit_chain ORDER BY link_no DESC LIMIT 1`)).rows[0].xmin as string;
    const before = await head();
    const slow = await superuser(t.databaseUrl);
    try {
      await slow.query('BEGIN');
      const lateSeq = await insertEvent(slow, 'test.late-in-backlog');
      const [{ xid }] = (await slow.query(`SELECT pg_current_xact_id()::text AS xid`)).rows;
      // More than two batches' worth (20,000 a batch), committed while the slow one is open.
      await su.query(`INSERT INTO audit_events (action, outcome) SELECT 'test.backlog', 'success' FROM generate_series(1, 45000)`);
      await sealer.sealAll();
      const after = await head();
      expect(BigInt(after)).toBeGreaterThan(BigInt(before));
      expect(BigInt(after)).toBeLessThanOrEqual(BigInt(xid)); // the open transaction is not behind it
      expect((await su.query('SELECT 1 FROM audit_chain WHERE seq = $1', [lateSeq])).rowCount).toBe(0);
      await slow.query('COMMIT');
      await sealer.sealAll();
      expect((await su.query('SELECT 1 FROM audit_chain WHERE seq = $1', [lateSeq])).rowCount).toBe(1);
      const { rows } = await su.query(`SELECT (SELECT count(*)::int FROM audit_events) AS events, (SELECT count(*)::int FROM audit_chain) AS links`);
      expect(rows[0].links).toBe(rows[0].events);
      expect(await t.app.get(ChainVerifierService).verify()).toMatchObject({ valid: true, checked: rows[0].events });
    } finally {
      await slow.end();
    }
  });

  it('verifies over the API for auditors only, and reports the first event edited behind its back', async () => {
    const auditor = bearer(await t.token('auditor'));
    await t
      .http()
      .get('/api/v1/audit-events/verify')
      .set(bearer(await t.token('admin')))
      .expect(403);
    await t
      .http()
      .get('/api/v1/audit-events/verify')
      .set(bearer(await t.token('neSupervisor')))
      .expect(403);
    const ok = await t.http().get('/api/v1/audit-events/verify').set(auditor).expect(200);
    expect(ok.body).toMatchObject({ valid: true, firstBrokenSeq: null });
    expect(ok.body.checked).toBeGreaterThan(3);

    // A superuser disables the guard triggers and rewrites history.
    const { rows } = await su.query(`SELECT seq::text FROM audit_chain ORDER BY link_no LIMIT 1 OFFSET 2`);
    const victim = rows[0].seq;
    await su.query('ALTER TABLE audit_events DISABLE TRIGGER ALL');
    await su.query(`UPDATE audit_events SET outcome = 'failure' WHERE seq = $1`, [victim]);
    await su.query('ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_no_update_delete');
    await su.query('ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_no_truncate');
    const bad = await t.http().get('/api/v1/audit-events/verify').set(auditor).expect(200);
    expect(bad.body).toMatchObject({ valid: false, firstBrokenSeq: victim });
    expect(bad.body.checked).toBe(2);
    const verifications = await t.auditEvents({ action: 'audit.verify' });
    expect(verifications.map((v) => v.details.valid)).toEqual(expect.arrayContaining([true, false]));
  });

  it('fails a read, returning nothing, when its audit event cannot be written', async () => {
    const sup = bearer(await t.token('neSupervisor'));
    const op = await t.http().post('/api/v1/operations').set(sup).send({ name: 'SENTRY', reference: 'OP/AUDIT-FAIL', startsOn: '2021-03-01' }).expect(201);
    await su.query(`CREATE FUNCTION refuse_views() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.action = 'view' THEN RAISE EXCEPTION 'audit store unavailable'; END IF; RETURN NEW; END $$`);
    await su.query('CREATE TRIGGER refuse_views BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_views()');
    try {
      const res = await t.http().get(`/api/v1/operations/${op.body.id}`).set(sup);
      expect(res.status).toBeGreaterThanOrEqual(500);
      expect(JSON.stringify(res.body)).not.toContain('SENTRY');
      expect(res.body.message).not.toMatch(/audit store unavailable/);
    } finally {
      await su.query('DROP TRIGGER refuse_views ON audit_events');
      await su.query('DROP FUNCTION refuse_views()');
    }
    await t.http().get(`/api/v1/operations/${op.body.id}`).set(sup).expect(200);
  });
});
