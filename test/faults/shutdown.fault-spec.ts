import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Client as PgClient } from 'pg';
import { ServerProcess, startServer, tempDir } from '../support/server-process';
import { superuser } from '../support/test-database';
import { Answer, Client, report, sleep, Tally, waitFor } from './support/http';
import { ChainFigures, chainFigures, checkReferrals, Consistency, newLog, provision, runWriters, serverEnv, stopIfRunning, verifyChain } from './support/haven';

/** What PostgreSQL says at start-up when the last stop was not clean and it has to replay WAL. */
const RECOVERY = /database system was not properly shut down|redo starts|automatic recovery in progress|database system was interrupted/;

/**
 * Issue 7.5: SIGTERM to a server on its embedded PostgreSQL while 40 writers are busy. In-flight
 * requests finish, new ones are refused, the database stops cleanly, and the next start (with
 * PostgreSQL's own log shown, LOG_LEVEL=debug) replays nothing.
 */
describe('graceful shutdown under load (embedded PostgreSQL)', () => {
  const dataDir = tempDir('haven-shutdown-');
  let first: ServerProcess;
  let second: ServerProcess | undefined;
  let sql: PgClient | undefined;
  const log = newLog();
  const probes: Answer[] = [];
  let sigtermAt = 0;
  let noticedAt = 0;
  let exit: { code: number | null; ms: number };
  let pidFileLeft = true;
  let found: Consistency;
  let atRestart: ChainFigures;
  let verify: { valid: boolean; checked: number };
  let pgLog = '';

  const inFlightAtSignal = () => log.answers.filter((a) => a.startedAt < sigtermAt && a.endedAt >= sigtermAt);
  /** Requests begun once the server had logged that it was stopping. */
  const startedWhileStopping = () => [...log.answers, ...probes].filter((a) => noticedAt > 0 && a.startedAt > noticedAt);

  beforeAll(async () => {
    // The sealer's timer never fires in this test (60 s), so what is linked at the restart is
    // what the graceful stop itself linked.
    const env = serverEnv({ DATA_DIR: dataDir, DATABASE_URL: undefined, AUDIT_SEAL_INTERVAL_MS: '60000' });
    first = await startServer(env, 120000);
    const c = new Client(first.base);
    const h = await provision(c, embeddedUrl(dataDir));

    let stop = false;
    const load = runWriters({ workers: 40, clients: [c], tokens: [h.tokens.officer, h.tokens.officer2], stop: () => stop, timeoutMs: 30000, log });
    await waitFor('writes before the signal', () => log.created.size >= 200, 60000, 5);
    const exited = new Promise<{ code: number | null; ms: number }>((ok) => first.proc.once('exit', (code) => ok({ code, ms: Date.now() - sigtermAt })));
    sigtermAt = Date.now();
    first.proc.kill('SIGTERM');
    // Until it exits: note when it says it is stopping, and try a new connection every 20 ms.
    const watching = (async () => {
      while (first.proc.exitCode === null && first.proc.signalCode === null) {
        if (!noticedAt && first.output().includes('SIGTERM received')) noticedAt = Date.now();
        if (noticedAt) probes.push(await c.call('GET', '/health', { fresh: true, timeoutMs: 10000 }));
        await sleep(noticedAt ? 20 : 2);
      }
    })();
    exit = await exited;
    stop = true;
    await Promise.all([load, watching]);
    c.close();
    pidFileLeft = existsSync(join(dataDir, 'pg', 'postmaster.pid'));

    // The next start, with PostgreSQL's own start-up log in the output.
    second = await startServer({ ...env, LOG_LEVEL: 'debug' }, 120000);
    pgLog = second
      .output()
      .split('\n')
      .filter((l) => l.includes('postgres: '))
      .join('\n');
    sql = await embeddedSuperuser(dataDir);
    found = await checkReferrals(sql, log);
    atRestart = await chainFigures(sql);
    const c2 = new Client(second.base);
    verify = await verifyChain(c2, h.tokens.auditor);
    c2.close();

    const tally = (xs: Answer[]) => xs.reduce((t, a) => (t.add(a), t), new Tally()).toString();
    report('shutdown', {
      writers: 40,
      'answers before SIGTERM was sent': tally(log.answers.filter((a) => a.endedAt < sigtermAt)),
      'in flight when SIGTERM was sent': tally(inFlightAtSignal()),
      'begun after "SIGTERM received" (load + new-connection probes)': tally(startedWhileStopping()),
      'exit code / stop took (ms)': `${exit.code} / ${exit.ms}`,
      '"stopped cleanly" logged; postmaster.pid left behind': `${first.output().includes('stopped cleanly')}; ${pidFileLeft}`,
      'creates / updates acknowledged': `${log.created.size} / ${log.updated.size}`,
      'rows found after restart / committed but unacknowledged': `${found.rows} / ${found.committedUnacknowledged}`,
      'lost creates, lost updates, rows without their event, events without a row, version mismatches': [
        found.lost.length,
        found.lostUpdates.length,
        found.rowsWithoutOneCreateEvent.length,
        found.eventsWithoutRow.length,
        found.versionMismatch.length,
      ],
      'restart (ms); PostgreSQL start-up log lines seen': `${second.startMs}; ${pgLog.split('\n').filter(Boolean).length}`,
      'PostgreSQL says': (pgLog.match(/database system was [^"\\]*/g) ?? []).join(' | ') || '(nothing)',
      'crash recovery at restart': RECOVERY.test(pgLog) ? `YES: ${pgLog.match(RECOVERY)![0]}` : 'none',
      'audit events / linked at restart (before any sealing)': `${atRestart.events} / ${atRestart.links}`,
      'verify after restart': verify,
    });
  });

  afterAll(async () => {
    await sql?.end().catch(() => undefined);
    await stopIfRunning(first);
    await stopIfRunning(second, 'SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes every request in flight when SIGTERM arrives, with a 2xx', () => {
    const inFlight = inFlightAtSignal();
    expect(inFlight.length).toBeGreaterThan(0);
    expect(inFlight.filter((a) => a.status < 200 || a.status >= 300)).toEqual([]);
  });

  it('refuses new requests once it is stopping, never with a 500 or a hang', () => {
    const late = startedWhileStopping();
    expect(late.length).toBeGreaterThan(0);
    // Refused: the connection is refused or closed, or 503 while the listener drains.
    const refused = late.filter((a) => a.status === 503 || /ECONNREFUSED|ECONNRESET|socket hang up/.test(a.error ?? ''));
    expect(late.filter((a) => a.status >= 500 && a.status !== 503)).toEqual([]);
    expect(late.filter((a) => a.error === 'timeout')).toEqual([]);
    expect(refused.length).toBeGreaterThan(0);
  });

  it('exits 0 after stopping the embedded database cleanly', () => {
    expect(exit.code).toBe(0);
    expect(first.output()).toContain('stopped cleanly');
    expect(pidFileLeft).toBe(false);
  });

  it('starts again without crash recovery, with every acknowledged write and its audit event', () => {
    expect(pgLog).toMatch(/database system was shut down at/);
    expect(pgLog).not.toMatch(RECOVERY);
    expect(second!.output()).not.toContain('still running; stopping it');
    expect(found.lost).toEqual([]);
    expect(found.lostUpdates).toEqual([]);
    expect(found.rowsWithoutOneCreateEvent).toEqual([]);
    expect(found.eventsWithoutRow).toEqual([]);
    expect(found.versionMismatch).toEqual([]);
    expect(verify.valid).toBe(true);
    expect(verify.checked).toBeGreaterThanOrEqual(atRestart.events);
  });

  // The timed sealer never fires here (60 s): only the final seal of a graceful stop can link them.
  it('links every committed audit event into the chain before it stops', () => {
    expect(atRestart.unlinked).toBe(0);
  });
});

/** The embedded database's superuser URL, from what the server keeps in DATA_DIR (port from postmaster.pid). */
function embeddedUrl(dataDir: string): string {
  const { databasePassword } = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as { databasePassword: string };
  const port = readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8')
    .split('\n')[3]
    .trim();
  return `postgres://postgres:${encodeURIComponent(databasePassword)}@127.0.0.1:${port}/haven`;
}

async function embeddedSuperuser(dataDir: string): Promise<PgClient> {
  const c = await superuser(embeddedUrl(dataDir));
  c.on('error', () => undefined);
  return c;
}
