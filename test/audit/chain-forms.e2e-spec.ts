import { Client } from 'pg';
import { GENESIS_HASH, linkHash } from '../../src/core/audit/chain/canonical';
import { ChainSealerService } from '../../src/core/audit/chain/chain-sealer.service';
import { ChainVerifierService } from '../../src/core/audit/chain/chain-verifier.service';
import { superuser } from '../support/test-database';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * A chain begun in form 1 (JSON text, before the AuditChainForm2 migration) and continued in
 * form 2 (binary record) verifies as one chain, and an edit is found in either part.
 */
describe('the audit chain across its two forms', () => {
  let t: TestApp;
  let su: Client;
  let sealer: ChainSealerService;
  let verifier: ChainVerifierService;
  let formOneSeq: string;
  let formTwoSeq: string;

  const tamper = async (sql: string, params: unknown[], table = 'audit_events') => {
    await su.query(`ALTER TABLE ${table} DISABLE TRIGGER ALL`);
    try {
      await su.query(sql, params);
    } finally {
      await su.query(`ALTER TABLE ${table} ENABLE ALWAYS TRIGGER ${table}_no_update_delete`);
      await su.query(`ALTER TABLE ${table} ENABLE ALWAYS TRIGGER ${table}_no_truncate`);
    }
  };

  beforeAll(async () => {
    t = await createTestApp();
    su = await superuser(t.databaseUrl);
    sealer = t.app.get(ChainSealerService);
    verifier = t.app.get(ChainVerifierService);
    // No timed passes: this test decides what is sealed, and how.
    await sealer.onApplicationShutdown();

    // The events so far, linked the way a server before the migration linked them (form 1).
    await su.query(
      `INSERT INTO audit_events (action, outcome, purpose, details) VALUES ('test.old', 'success', 'før "quotes" \\ and ünïcode', '{"b": [1, 2], "a": null}')`,
    );
    await su.query(`INSERT INTO audit_events (action, outcome) SELECT 'test.old', 'success' FROM generate_series(1, 3)`);
    const { rows } = await su.query<{ seq: string; canonical: string }>(
      `SELECT e.seq::text AS seq, haven_audit_canonical(e) AS canonical FROM audit_events e
        WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.seq = e.seq) ORDER BY e.seq`,
    );
    const { rows: head } = await su.query(`SELECT link_no::text, hash FROM audit_chain ORDER BY link_no DESC LIMIT 1`);
    let prev: string = head[0]?.hash ?? GENESIS_HASH;
    let linkNo = Number(head[0]?.link_no ?? 0);
    for (const e of rows) {
      const hash = linkHash(prev, e.canonical);
      await su.query(`INSERT INTO audit_chain (link_no, seq, prev_hash, hash, sealed_xmin, form) VALUES ($1, $2, $3, $4, 0, 1)`, [++linkNo, e.seq, prev, hash]);
      prev = hash;
    }
    formOneSeq = rows[0].seq;

    // Then the server goes on in form 2.
    await su.query(`INSERT INTO audit_events (action, outcome, changes) SELECT 'test.new', 'success', '{"n": [null, 1]}' FROM generate_series(1, 5)`);
    await sealer.sealAll();
    formTwoSeq = (await su.query(`SELECT seq::text FROM audit_chain WHERE form = 2 ORDER BY link_no LIMIT 1 OFFSET 2`)).rows[0].seq;
  });
  afterAll(async () => {
    await su.end();
    await t.close();
  });

  it('verifies a chain that changes form part-way', async () => {
    const { rows } = await su.query(`SELECT form, count(*)::int AS n FROM audit_chain GROUP BY form ORDER BY form`);
    expect(rows.map((r) => r.form)).toEqual([1, 2]);
    expect(rows[0].n).toBeGreaterThan(1);
    expect(rows[1].n).toBeGreaterThanOrEqual(5);
    const [{ total }] = (await su.query(`SELECT count(*)::int AS total FROM audit_events`)).rows;
    expect(await verifier.verify()).toMatchObject({ valid: true, checked: total, firstBrokenSeq: null });
  });

  it('seals form-2 links in the database exactly as the hash rule says, each link on the one before', async () => {
    // The sealer hashes inside PostgreSQL (haven_audit_seal_batch); the rule is checked here
    // independently, with Node's SHA-256 over each event's binary record.
    const { rows } = await su.query<{ seq: string; prev_hash: string; hash: string; record: Buffer }>(
      `SELECT c.seq::text AS seq, c.prev_hash, c.hash, haven_audit_record(e) AS record
         FROM audit_chain c JOIN audit_events e ON e.seq = c.seq WHERE c.form = 2 ORDER BY c.link_no`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(5);
    const { rows: before } = await su.query(`SELECT hash FROM audit_chain WHERE link_no = (SELECT min(link_no) - 1 FROM audit_chain WHERE form = 2)`);
    let prev: string = before[0].hash;
    for (const r of rows) {
      expect(r.prev_hash).toBe(prev);
      expect(r.hash).toBe(linkHash(prev, r.record));
      prev = r.hash;
    }
  });

  it('finds an edit in the form-1 part, and in the form-2 part', async () => {
    for (const seq of [formOneSeq, formTwoSeq]) {
      const [{ purpose }] = (await su.query(`SELECT purpose FROM audit_events WHERE seq = $1`, [seq])).rows;
      await tamper(`UPDATE audit_events SET purpose = 'edited afterwards' WHERE seq = $1`, [seq]);
      expect(await verifier.verify()).toMatchObject({ valid: false, firstBrokenSeq: seq });
      await tamper(`UPDATE audit_events SET purpose = $2 WHERE seq = $1`, [seq, purpose]);
      expect(await verifier.verify()).toMatchObject({ valid: true });
    }
  });

  it('fails a link whose form is changed, or is not one it knows', async () => {
    for (const form of [1, 3]) {
      await tamper(`UPDATE audit_chain SET form = $2 WHERE seq = $1`, [formTwoSeq, form], 'audit_chain');
      expect(await verifier.verify()).toMatchObject({ valid: false, firstBrokenSeq: formTwoSeq });
    }
    await tamper(`UPDATE audit_chain SET form = 2 WHERE seq = $1`, [formTwoSeq], 'audit_chain');
    expect(await verifier.verify()).toMatchObject({ valid: true });
  });
});
