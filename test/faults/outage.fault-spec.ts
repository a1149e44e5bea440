import type { Client as PgClient } from 'pg';
import { ServerProcess, startServer, startSystemPostgres, systemPostgresBin, tempDir } from '../support/server-process';
import {
  API,
  ChainFigures,
  chainFigures,
  checkReferrals,
  Consistency,
  newLog,
  PASSWORD,
  provision,
  runWriters,
  Sent,
  serverEnv,
  sqlClient,
  stopIfRunning,
  USERS,
  verifyChain,
} from './support/haven';
import { Answer, Client, report, sleep, Tally, waitFor } from './support/http';

/** The server's stated bound on waiting for the database (DATABASE_TIMEOUT_MS). */
const DB_TIMEOUT_MS = 2000;
/**
 * No request may take longer than this while the database is away: the bound is one wait for a
 * connection (DB_TIMEOUT_MS) plus the request's own work, with room for a loaded 2-core machine.
 */
const ANSWER_BOUND_MS = 2 * DB_TIMEOUT_MS + 1000;

/**
 * Issue 7.2: PostgreSQL stops under load and starts again; the server is never restarted.
 * Uses Debian's PostgreSQL (CI installs it), which the test can stop and start under the server.
 */
describe('database outage under load', () => {
  const bin = systemPostgresBin();
  if (!bin && process.env.HAVEN_REQUIRE_EXTERNAL_PG !== '1') {
    process.stdout.write("[faults:outage] skipped: Debian's postgresql package is not installed (CI installs it)\n");
    it.skip("needs Debian's postgresql package (CI installs it)", () => undefined);
    return;
  }

  let pg: Awaited<ReturnType<typeof startSystemPostgres>>;
  let server: ServerProcess | undefined;
  let sql: PgClient | undefined;
  let pid: number | undefined;
  const log = newLog();
  const health: Answer[] = [];
  const logins: Answer[] = [];
  let healthAfter: Answer;
  let stoppingAt = 0;
  let downAt = 0;
  let startingAt = 0;
  let upAt = 0;
  let recoveredIn = 0;
  let found: Consistency;
  let verify: { valid: boolean; checked: number; firstBrokenSeq: string | null };
  let chain: ChainFigures;
  const phase = (pred: (a: Sent) => boolean) => {
    const t = new Tally();
    for (const a of log.answers) if (pred(a)) t.add(a);
    return t;
  };
  /** Sent and answered entirely while Postgres was stopped. */
  const whileDown = (a: Answer) => a.startedAt >= downAt && a.endedAt <= startingAt;

  beforeAll(async () => {
    expect(bin).not.toBeNull();
    pg = await startSystemPostgres(bin!);
    server = await startServer(serverEnv({ DATABASE_URL: pg.url, DATA_DIR: tempDir('haven-outage-'), DATABASE_TIMEOUT_MS: String(DB_TIMEOUT_MS) }));
    const c = new Client(server.base);
    const h = await provision(c, pg.url);
    pid = server.proc.pid;

    let stop = false;
    /** A wait that ends at once, with the server's last words, if the server has died. */
    const alive = (check: () => boolean) => () => {
      if (server!.proc.exitCode !== null || server!.proc.signalCode !== null) {
        throw new Error(`the server exited (${server!.proc.exitCode ?? server!.proc.signalCode}):\n${server!.output().slice(-3000)}`);
      }
      return check();
    };
    // 24 writers (create, then PATCH) and 6 readers (list) — every request with a client-side
    // limit far above the bound, so a hang shows as a slow answer, not a stuck test.
    const load = runWriters({
      workers: 30,
      readerEvery: 5,
      clients: [c],
      tokens: [h.tokens.officer, h.tokens.officer2],
      stop: () => stop,
      timeoutMs: 20000,
      log,
    });
    try {
      await waitFor(
        'writes before the outage',
        alive(() => log.created.size >= 100),
        30000,
        10,
      );

      stoppingAt = Date.now();
      await pg.stopAsync();
      downAt = Date.now();
      // While it is down the load goes on; /health and sign-in are asked too.
      while (Date.now() - downAt < 3 * DB_TIMEOUT_MS) {
        health.push(await c.call('GET', '/health', { timeoutMs: 20000 }));
        logins.push(await c.call('POST', `${API}/auth/login`, { body: { username: USERS.officer.username, password: PASSWORD }, timeoutMs: 20000 }));
        await sleep(400);
      }
      startingAt = Date.now();
      await pg.start();
      upAt = Date.now();
      // Recovery: the first write acknowledged after Postgres is back, without touching the server.
      recoveredIn = await waitFor(
        'a write after the database came back',
        alive(() => log.answers.some((a) => a.kind === 'create' && a.status === 201 && a.startedAt >= upAt)),
        30000,
        10,
      );
      healthAfter = await c.call('GET', '/health');
      // A little more load on the recovered server, then stop.
      await sleep(1000);
    } finally {
      stop = true;
      await load;
      c.close();
    }

    sql = await sqlClient(pg.url);
    found = await checkReferrals(sql, log);
    const verifyClient = new Client(server.base);
    verify = await verifyChain(verifyClient, h.tokens.auditor);
    verifyClient.close();
    chain = await chainFigures(sql);

    const during = phase(whileDown);
    report('outage', {
      'stated bound (DATABASE_TIMEOUT_MS / answer within)': `${DB_TIMEOUT_MS} ms / ${ANSWER_BOUND_MS} ms`,
      'Postgres stop took / was down for (ms)': `${downAt - stoppingAt} / ${upAt - downAt}`,
      'before the outage': phase((a) => a.endedAt < stoppingAt).toString(),
      'while down': during.toString(),
      'while stopping/starting': phase((a) => a.endedAt >= stoppingAt && !whileDown(a) && a.startedAt < upAt).toString(),
      'after it came back': phase((a) => a.startedAt >= upAt).toString(),
      '/health while down': health.map((x) => `${x.status} ${x.body?.details?.database?.status ?? ''} ${x.ms}ms`).join(', '),
      'sign-in while down': logins.map((x) => `${x.status} ${x.ms}ms`).join(', '),
      '/health after': `${healthAfter.status} ${healthAfter.body?.details?.database?.status}`,
      'first acknowledged write after Postgres started (ms)': recoveredIn,
      'server restarted?': server.proc.pid === pid && server.proc.exitCode === null ? 'no (same process)' : 'yes',
      'creates / updates acknowledged': `${log.created.size} / ${log.updated.size}`,
      'rows found / committed but unacknowledged': `${found.rows} / ${found.committedUnacknowledged}`,
      'lost creates, lost updates, rows without their event, events without a row, version mismatches': [
        found.lost.length,
        found.lostUpdates.length,
        found.rowsWithoutOneCreateEvent.length,
        found.eventsWithoutRow.length,
        found.versionMismatch.length,
      ],
      verify: verify,
      'audit events / links': `${chain.events} / ${chain.links} (${chain.seqGaps} unused seq values from rolled-back inserts)`,
    });
  });

  afterAll(async () => {
    await stopIfRunning(server);
    await sql?.end().catch(() => undefined);
    try {
      pg?.stop();
    } catch {
      /* already stopped */
    }
  });

  it('never answers 500 nor hangs past the stated bound, and /health reports the database down', () => {
    expect(log.tally.count((s) => s.startsWith('5') && s !== '503')).toBe(0);
    expect(log.tally.count((s) => s.startsWith('no answer'))).toBe(0);
    const sentWhileDown = log.answers.filter((a) => a.startedAt >= downAt && a.startedAt <= startingAt);
    expect(sentWhileDown.length).toBeGreaterThan(20);
    expect(Math.max(...sentWhileDown.map((a) => a.ms))).toBeLessThanOrEqual(ANSWER_BOUND_MS);
    expect(health.length).toBeGreaterThan(0);
    for (const x of health) {
      expect([x.status, x.body?.details?.database?.status]).toEqual([503, 'down']);
      expect(x.ms).toBeLessThanOrEqual(ANSWER_BOUND_MS);
    }
  });

  it('recovers on its own once Postgres is back — same process, no restart — with nothing half-written', () => {
    expect(server!.proc.exitCode).toBeNull();
    expect(server!.proc.pid).toBe(pid);
    expect([healthAfter.status, healthAfter.body?.details?.database?.status]).toEqual([200, 'up']);
    const after = phase((a) => a.startedAt >= upAt);
    expect(after.count((s) => s === '201')).toBeGreaterThan(0);
    expect(after.count((s) => !/^20[01]$/.test(s))).toBe(0);
    expect(found.lost).toEqual([]);
    expect(found.lostUpdates).toEqual([]);
    expect(found.rowsWithoutOneCreateEvent).toEqual([]);
    expect(found.eventsWithoutRow).toEqual([]);
    expect(found.versionMismatch).toEqual([]);
    expect(verify).toMatchObject({ valid: true, firstBrokenSeq: null });
    expect(chain.links).toBe(chain.maxLinkNo);
    expect(chain.unlinked).toBeLessThanOrEqual(1);
  });

  it('answers sign-in attempts with 503 while the database is down', () => {
    expect(logins.map((x) => x.status)).toEqual(logins.map(() => 503));
  });

  // A token that cannot be checked because the database is away is not a bad token: 503, not 401.
  it('answers signed-in requests with 503 (not 401) while the database is down', () => {
    const during = phase(whileDown);
    expect(during.sent).toBeGreaterThan(20);
    expect([...during.byStatus.keys()]).toEqual(['503']);
  });
});
