import type { Client as PgClient } from 'pg';
import { ServerProcess, startServer, tempDir } from '../support/server-process';
import { createDatabase } from '../support/test-database';
import {
  API,
  chainFigures,
  checkReferrals,
  login,
  newLog,
  PASSWORD,
  provision,
  runWriters,
  serverEnv,
  sqlClient,
  stopIfRunning,
  USERS,
  verifyChain,
} from './support/haven';
import { Client, report, waitFor } from './support/http';

/**
 * Issue 7.4: two server processes on one database, both writing and both sealing the audit chain
 * (AUDIT_SEAL_INTERVAL_MS=50 on each, so their sealers contend all the time).
 */
describe('several instances on one database', () => {
  let db: Awaited<ReturnType<typeof createDatabase>>;
  let sql: PgClient;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    db = await createDatabase('haven_multi');
    sql = await sqlClient(db.url);
  });
  afterAll(async () => {
    for (const s of servers) await stopIfRunning(s, 'SIGTERM');
    await sql?.end();
    await db?.drop();
  });

  it('keeps one audit chain that verifies, with no duplicate seq and no gap it cannot explain', async () => {
    const env = serverEnv({ DATABASE_URL: db.url, AUDIT_SEAL_INTERVAL_MS: '50' });
    // Both start at once on an empty database: migrations and the first admin race too.
    const [a, b] = await Promise.all([
      startServer({ ...env, DATA_DIR: tempDir('haven-multi-a-') }),
      startServer({ ...env, DATA_DIR: tempDir('haven-multi-b-') }),
    ]);
    servers.push(a, b);
    const ca = new Client(a.base);
    const cb = new Client(b.base);
    const h = await provision(ca, db.url);
    const admins = (await sql.query(`SELECT count(*)::int AS n FROM users WHERE role = 'admin'`)).rows[0].n;

    let stop = false;
    const log = newLog();
    const load = runWriters({
      workers: 100,
      clients: [ca, cb],
      tokens: [h.tokens.officer, h.tokens.officer2, h.tokens.sup1, h.tokens.sup2],
      stop: () => stop,
      timeoutMs: 30000,
      log,
    });
    await waitFor('writes through both instances', () => log.created.size >= 1200, 90000, 20);
    stop = true;
    await load;

    const found = await checkReferrals(sql, log);
    const before = await chainFigures(sql);
    const va = await verifyChain(ca, h.tokens.auditor);
    const vb = await verifyChain(cb, h.tokens.auditor);
    const after = await chainFigures(sql);
    ca.close();
    cb.close();
    // Every write that did not get a 2xx may have used an identity value that was rolled back.
    const failedRequests = log.tally.count((s) => s !== '200' && s !== '201');
    const perInstance = [0, 1].map((i) => log.answers.filter((x) => x.target === i && (x.status === 200 || x.status === 201)).length);

    report('instances', {
      'instances / writers': '2 / 100 (50 per instance)',
      'started together in (ms)': `${a.startMs} and ${b.startMs}; admins created: ${admins}`,
      answers: log.tally.toString(),
      'acknowledged writes per instance': perInstance,
      'creates / updates acknowledged': `${log.created.size} / ${log.updated.size}`,
      'rows found': found.rows,
      'lost creates, lost updates, rows without their event, events without a row, version mismatches': [
        found.lost.length,
        found.lostUpdates.length,
        found.rowsWithoutOneCreateEvent.length,
        found.eventsWithoutRow.length,
        found.versionMismatch.length,
      ],
      'audit events / linked when the load stopped': `${before.events} / ${before.links}`,
      'verify through instance A': va,
      'verify through instance B': vb,
      'chain after': `${after.links} links, link_no 1..${after.maxLinkNo}, ${after.distinctSeqs} distinct seqs, ${after.unlinked} unlinked`,
      'seq values never committed (gaps) / failed requests': `${after.seqGaps} / ${failedRequests}`,
    });

    expect(admins).toBe(1);
    // 503 is an honest answer from a saturated pool; a 500 or no answer is not.
    expect(log.tally.count((s) => (s.startsWith('5') && s !== '503') || s.startsWith('no answer'))).toBe(0);
    expect(perInstance[0]).toBeGreaterThan(0);
    expect(perInstance[1]).toBeGreaterThan(0);
    expect(found.lost).toEqual([]);
    expect(found.lostUpdates).toEqual([]);
    expect(found.rowsWithoutOneCreateEvent).toEqual([]);
    expect(found.eventsWithoutRow).toEqual([]);
    expect(found.versionMismatch).toEqual([]);
    expect(va).toMatchObject({ valid: true, firstBrokenSeq: null });
    expect(vb).toMatchObject({ valid: true, firstBrokenSeq: null });
    expect(va.checked).toBeGreaterThanOrEqual(before.events);
    expect(vb.checked).toBeGreaterThanOrEqual(va.checked);
    // One chain: link numbers 1..n without a hole, each event linked once.
    expect(after.maxLinkNo).toBe(after.links);
    expect(after.distinctSeqs).toBe(after.links);
    expect(after.unlinked).toBeLessThanOrEqual(1); // the last verify call's own event
    // A seq gap is an identity value a rolled-back insert used: there can be no more of them than requests that failed.
    expect(after.seqGaps).toBeLessThanOrEqual(failedRequests);
  });

  // Issue 13.3: a session signed out through one instance is refused by the other at once.
  it('ends a session signed out through one instance on the other as well', async () => {
    const [a, b] = servers;
    const ca = new Client(a.base);
    const cb = new Client(b.base);
    try {
      const { token } = await login(ca, USERS.officer.username, PASSWORD);
      // Instance B has the user and the session in memory before the sign-out happens on A.
      await cb.expect(200, 'GET', `${API}/auth/me`, { token });
      await cb.expect(200, 'GET', `${API}/referrals`, { token });
      await ca.expect(204, 'POST', `${API}/auth/logout`, { token });
      const seenAfterMs = await waitFor(
        'instance B to refuse the signed-out token',
        async () => (await cb.call('GET', `${API}/referrals`, { token })).status === 401,
        2000,
        5,
      );
      const refresh = await cb.call('POST', `${API}/auth/refresh`, { token });
      const onA = await ca.call('GET', `${API}/auth/me`, { token });
      report('instances: sign-out', {
        'refused by the other instance after (ms)': seenAfterMs,
        'refresh through B': refresh.status,
        'same token on A': onA.status,
      });
      expect(seenAfterMs).toBeLessThan(1000);
      // Issue 13.8: these run NODE_ENV=production on plain HTTP with no TRUSTED_PROXIES, so each said once that cookies lack Secure.
      for (const s of [a, b])
        expect(
          s
            .output()
            .split('\n')
            .filter((l) => l.includes('WITHOUT Secure')).length,
        ).toBe(1);
      expect(refresh.status).toBe(401);
      expect(onA.status).toBe(401);
    } finally {
      ca.close();
      cb.close();
    }
  });
});
