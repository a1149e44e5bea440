import { rmSync } from 'node:fs';
import type { Client as PgClient } from 'pg';
import { ServerProcess, startServer, tempDir } from '../support/server-process';
import { createDatabase } from '../support/test-database';
import { API, chainFigures, checkReferrals, Haven, newLog, provision, runWriters, serverEnv, sqlClient, stopIfRunning, verifyChain } from './support/haven';
import { Client, report, waitFor } from './support/http';

/**
 * Issue 7.1: 200 writers, then kill -9 of the server mid-load (the database keeps running, as it
 * would on its own host), then a restart on the same database.
 */
describe('crash mid-load: kill -9 with 200 concurrent writers', () => {
  const dataDir = tempDir('haven-crash-');
  let db: Awaited<ReturnType<typeof createDatabase>>;
  let sql: PgClient;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    db = await createDatabase('haven_crash');
    sql = await sqlClient(db.url);
  });
  afterAll(async () => {
    for (const s of servers) await stopIfRunning(s);
    await sql?.end();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged write with its audit event, and no event for what did not commit; the chain verifies', async () => {
    const env = serverEnv({ DATABASE_URL: db.url, DATA_DIR: dataDir, AUDIT_SEAL_INTERVAL_MS: '50' });
    const first = await startServer(env);
    servers.push(first);
    const c = new Client(first.base);
    const h: Haven = await provision(c, db.url);

    let stop = false;
    const log = newLog();
    const load = runWriters({
      workers: 200,
      clients: [c],
      tokens: [h.tokens.officer, h.tokens.officer2, h.tokens.sup1],
      stop: () => stop,
      timeoutMs: 30000,
      log,
    });
    // Kill once the load is in full swing: writes acknowledged and many more in flight.
    await waitFor('acknowledged writes', () => log.created.size >= 400, 60000, 5);
    const killedAt = Date.now();
    first.proc.kill('SIGKILL');
    stop = true; // each worker stops after the answer (or the failure) it is waiting for
    await load;
    c.close();

    const unanswered = log.answers.filter((a) => a.status === 0 && a.startedAt <= killedAt).length;

    // What the database holds, before anything restarts.
    const found = await checkReferrals(sql, log);
    const atCrash = await chainFigures(sql);

    // Restart on the same database: it must start without repair and verify the chain.
    const second = await startServer(env);
    servers.push(second);
    const c2 = new Client(second.base);
    expect((await c2.call('GET', '/health')).status).toBe(200);
    const verify = await verifyChain(c2, h.tokens.auditor);
    const afterRestart = await chainFigures(sql);
    // Tokens issued before the crash still work, and writing works again.
    const again = await c2.call('POST', `${API}/referrals`, {
      token: h.tokens.officer,
      body: { source: 'NCA', reference: 'NCA-AFTER-CRASH', receivedAt: '2021-03-01T09:00:00Z', riskGrade: 'high' },
    });
    c2.close();

    report('crash', {
      writers: 200,
      'requests sent': log.answers.length,
      'answers by status': log.tally.toString(),
      'creates acknowledged (201)': log.created.size,
      'updates acknowledged (200)': log.updated.size,
      'in flight at kill -9 (no answer)': unanswered,
      'rows found after the crash': found.rows,
      'create / update audit events': `${found.createEvents} / ${found.updateEvents}`,
      'committed but unacknowledged rows': found.committedUnacknowledged,
      'lost acknowledged creates / updates': `${found.lost.length} / ${found.lostUpdates.length}`,
      'rows without exactly one create event': found.rowsWithoutOneCreateEvent.length,
      'events for a record that was never committed': found.eventsWithoutRow.length,
      'version ≠ 1 + update events': found.versionMismatch.length,
      'audit events / linked at the crash': `${atCrash.events} / ${atCrash.links}`,
      'restart took (ms)': second.startMs,
      'verify after restart': verify,
      'audit events / links after verify': `${afterRestart.events} / ${afterRestart.links} (link_no 1..${afterRestart.maxLinkNo}, ${afterRestart.distinctSeqs} distinct seqs)`,
    });

    expect(log.created.size).toBeGreaterThanOrEqual(400);
    expect(unanswered).toBeGreaterThan(0);
    expect(found.lost).toEqual([]);
    expect(found.lostUpdates).toEqual([]);
    expect(found.rowsWithoutOneCreateEvent).toEqual([]);
    expect(found.eventsWithoutRow).toEqual([]);
    expect(found.versionMismatch).toEqual([]);
    // 503 is an honest answer from a saturated pool; a 500 is not.
    expect(log.tally.count((s) => s.startsWith('5') && s !== '503')).toBe(0);
    expect(second.output()).not.toMatch(/error/i);
    expect(verify).toMatchObject({ valid: true, firstBrokenSeq: null });
    // Everything committed before the verify call is in the chain, once, with no hole in link_no.
    expect(verify.checked).toBeGreaterThanOrEqual(atCrash.events);
    expect(afterRestart.maxLinkNo).toBe(afterRestart.links);
    expect(afterRestart.distinctSeqs).toBe(afterRestart.links);
    expect(afterRestart.unlinked).toBeLessThanOrEqual(1); // at most the verify call's own event
    expect(again.status).toBe(201);
  });
});
