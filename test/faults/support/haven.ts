import { randomBytes } from 'node:crypto';
import type { Client as PgClient } from 'pg';
import type { ServerProcess } from '../../support/server-process';
import { insertReadyUserAt } from '../../support/ready-user';
import { superuser } from '../../support/test-database';
import { Answer, Client, sleep, Tally } from './http';

export const ADMIN = { HAVEN_ADMIN_USERNAME: 'fault.admin', HAVEN_ADMIN_PASSWORD: 'Fault-Admin-Passphrase-31' };
export const PASSWORD = 'Fault-Test-Passphrase-77';
const ONE_TIME_PASSWORD = 'Fault-One-Time-Passphrase-13';
export const API = '/api/v1';

/**
 * The environment every fault-test server gets: the first admin, a fixed JWT secret (so tokens
 * survive restarts and work on every instance), a rate limit that all-from-127.0.0.1 load cannot
 * hit, and a fast sealer so the chain is busy while things break.
 */
export function serverEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    ...ADMIN,
    JWT_SECRET: 'fault-tests-only-'.padEnd(48, 'x'),
    RATE_LIMIT_PER_MINUTE: '10000000',
    AUDIT_SEAL_INTERVAL_MS: '100',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    ...extra,
  };
}

export const USERS = {
  officer: { username: 'ne.officer', role: 'officer', unit: 'ne' },
  officer2: { username: 'ne.officer2', role: 'officer', unit: 'ne' },
  sup1: { username: 'ne.sup1', role: 'supervisor', unit: 'ne' },
  sup2: { username: 'ne.sup2', role: 'supervisor', unit: 'ne' },
  central: { username: 'central.sup', role: 'supervisor', unit: 'central' },
  auditor: { username: 'fault.auditor', role: 'auditor', unit: 'central' },
} as const;
export type UserKey = keyof typeof USERS | 'admin';

export interface Haven {
  units: { central: string; ne: string };
  users: Record<UserKey, string>;
  tokens: Record<UserKey, string>;
}

export async function login(c: Client, username: string, password: string): Promise<{ token: string; id: string }> {
  const body = await c.expect(200, 'POST', `${API}/auth/login`, { body: { username, password } });
  return { token: body.accessToken, id: body.user.id };
}

/** Roles an admin alone may not give (four eyes, issue 13): made by the operator, as with the CLI. */
const NEEDS_APPROVAL = (u: { role: string; unit: string }) => u.role === 'auditor' || u.unit === 'central';

/**
 * A borough unit and one user per role, each signed in once. Borough accounts go through the admin
 * API as a new officer's would: created with a one-time password, which the user then replaces.
 * The central supervisor and the auditor need a second admin's approval, so the operator makes them.
 */
export async function provision(c: Client, databaseUrl: string): Promise<Haven> {
  const admin = await login(c, ADMIN.HAVEN_ADMIN_USERNAME, ADMIN.HAVEN_ADMIN_PASSWORD);
  const central = (await c.expect(200, 'GET', `${API}/units?kind=central`, { token: admin.token })).items[0].id as string;
  const ne = (await c.expect(201, 'POST', `${API}/units`, { token: admin.token, body: { code: 'BCU-NE', name: 'North East borough team', kind: 'borough' } }))
    .id as string;
  const units = { central, ne };
  const users = { admin: admin.id } as Record<UserKey, string>;
  const tokens = { admin: admin.token } as Record<UserKey, string>;
  for (const [key, u] of Object.entries(USERS) as [keyof typeof USERS, (typeof USERS)[keyof typeof USERS]][]) {
    if (NEEDS_APPROVAL(u)) {
      users[key] = await insertReadyUserAt(databaseUrl, { username: u.username, displayName: key, role: u.role, unitId: units[u.unit], password: PASSWORD });
    } else {
      const created = await c.expect(201, 'POST', `${API}/users`, {
        token: admin.token,
        body: { username: u.username, displayName: key, role: u.role, unitId: units[u.unit], password: ONE_TIME_PASSWORD },
      });
      users[key] = created.id;
      await c.expect(204, 'POST', `${API}/account/password`, { body: { username: u.username, password: ONE_TIME_PASSWORD, newPassword: PASSWORD } });
    }
    tokens[key] = (await login(c, u.username, PASSWORD)).token;
  }
  return { units, users, tokens };
}

export const refNo = (prefix = 'NCA') => `${prefix}-${randomBytes(5).toString('hex').toUpperCase()}`;
export const referral = () => ({ source: 'NCA', reference: refNo(), receivedAt: '2021-03-01T09:00:00Z', riskGrade: 'high' });

export interface Sent extends Answer {
  kind: 'create' | 'update' | 'list';
  /** Which client (server instance) it went to. */
  target: number;
}

/** What writers sent and what was acknowledged: the ids a 201 returned, the ids a PATCH 200 changed. */
export interface WriteLog {
  answers: Sent[];
  created: Set<string>;
  updated: Set<string>;
  tally: Tally;
}

export interface WriterOptions {
  workers: number;
  /** The server instances to spread the writers over (worker i uses clients[i % n]). */
  clients: Client[];
  tokens: string[];
  stop: () => boolean;
  timeoutMs?: number;
  /** Every n-th worker lists instead of writing (0: none). */
  readerEvery?: number;
  log?: WriteLog;
  /**
   * The workers give up after this long even if stop() never comes (a failed step in the test
   * never got to say stop): a fault run must end, not loop on a dead server until CI's limit.
   */
  deadlineMs?: number;
}

export function newLog(): WriteLog {
  return { answers: [], created: new Set(), updated: new Set(), tally: new Tally() };
}

/**
 * Runs writers until stop(): each creates a referral and, when that was acknowledged, PATCHes it
 * once with the version it got. Returns when every worker has its last answer.
 */
export async function runWriters(o: WriterOptions): Promise<WriteLog> {
  const log = o.log ?? newLog();
  const note = (kind: Sent['kind'], target: number, a: Answer) => {
    log.tally.add(a);
    log.answers.push({ ...a, kind, target });
    return a;
  };
  const giveUpAt = Date.now() + (o.deadlineMs ?? 150_000);
  const worker = async (i: number) => {
    const target = i % o.clients.length;
    const c = o.clients[target];
    const token = o.tokens[i % o.tokens.length];
    const reader = o.readerEvery ? i % o.readerEvery === o.readerEvery - 1 : false;
    while (!o.stop() && Date.now() < giveUpAt) {
      if (reader) {
        const a = note('list', target, await c.call('GET', `${API}/referrals?limit=5`, { token, timeoutMs: o.timeoutMs }));
        if (a.status === 0) await sleep(25);
        continue;
      }
      const a = note('create', target, await c.call('POST', `${API}/referrals`, { token, body: referral(), timeoutMs: o.timeoutMs }));
      if (a.status === 201) {
        log.created.add(a.body.id);
        const u = note(
          'update',
          target,
          await c.call('PATCH', `${API}/referrals/${a.body.id}`, { token, body: { version: a.body.version, status: 'triaged' }, timeoutMs: o.timeoutMs }),
        );
        if (u.status === 200) log.updated.add(a.body.id);
      } else if (a.status === 0) {
        await sleep(25);
      }
    }
  };
  await Promise.all(Array.from({ length: o.workers }, (_, i) => worker(i)));
  return log;
}

export interface Consistency {
  rows: number;
  createEvents: number;
  updateEvents: number;
  /** Acknowledged creates whose row is not there: lost writes. */
  lost: string[];
  /** Rows with no create event, or more than one. */
  rowsWithoutOneCreateEvent: string[];
  /** Create or update events for a record that does not exist: an audit event for an uncommitted change. */
  eventsWithoutRow: string[];
  /** Records whose version does not match their update events (an update without its event, or the reverse). */
  versionMismatch: string[];
  /** Acknowledged updates that are not in the row. */
  lostUpdates: string[];
  /** Committed rows nobody got an answer for (in flight when things broke): allowed, and counted. */
  committedUnacknowledged: number;
}

/** Compares the referrals table and its audit events with what the writers were told. */
export async function checkReferrals(db: PgClient, log: WriteLog): Promise<Consistency> {
  const rows: { id: string; version: number; status: string }[] = (await db.query(`SELECT id::text, version, status FROM referrals`)).rows;
  const events: { id: string; action: string; n: number }[] = (
    await db.query(
      `SELECT entity_id::text AS id, action, count(*)::int AS n FROM audit_events
        WHERE entity_type = 'referral' AND outcome = 'success' AND action IN ('create', 'update') GROUP BY 1, 2`,
    )
  ).rows;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const creates = new Map<string, number>();
  const updates = new Map<string, number>();
  for (const e of events) (e.action === 'create' ? creates : updates).set(e.id, e.n);
  return {
    rows: rows.length,
    createEvents: [...creates.values()].reduce((a, b) => a + b, 0),
    updateEvents: [...updates.values()].reduce((a, b) => a + b, 0),
    lost: [...log.created].filter((id) => !byId.has(id)),
    rowsWithoutOneCreateEvent: rows.filter((r) => creates.get(r.id) !== 1).map((r) => r.id),
    eventsWithoutRow: [...creates.keys(), ...updates.keys()].filter((id) => !byId.has(id)),
    versionMismatch: rows.filter((r) => r.version - 1 !== (updates.get(r.id) ?? 0) || r.version > 1 !== (r.status === 'triaged')).map((r) => r.id),
    lostUpdates: [...log.updated].filter((id) => (byId.get(id)?.version ?? 0) < 2),
    committedUnacknowledged: rows.filter((r) => !log.created.has(r.id)).length,
  };
}

export interface ChainFigures {
  events: number;
  links: number;
  maxLinkNo: number;
  distinctSeqs: number;
  /** Committed events not (yet) linked. */
  unlinked: number;
  /** Identity values between the first and last seq that no committed event holds (rolled-back inserts). */
  seqGaps: number;
}

export async function chainFigures(db: PgClient): Promise<ChainFigures> {
  const [r] = (
    await db.query(`
      SELECT (SELECT count(*)::int FROM audit_events) AS events,
             (SELECT count(*)::int FROM audit_chain) AS links,
             (SELECT coalesce(max(link_no), 0)::int FROM audit_chain) AS "maxLinkNo",
             (SELECT count(DISTINCT seq)::int FROM audit_chain) AS "distinctSeqs",
             (SELECT count(*)::int FROM audit_events e WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.seq = e.seq)) AS unlinked,
             (SELECT coalesce(max(seq) - min(seq) + 1 - count(*), 0)::int FROM audit_events) AS "seqGaps"`)
  ).rows;
  return r;
}

/** The auditor's verification through the API of a given instance. */
export async function verifyChain(c: Client, auditorToken: string): Promise<{ valid: boolean; checked: number; firstBrokenSeq: string | null }> {
  return c.expect(200, 'GET', `${API}/audit-events/verify`, { token: auditorToken, timeoutMs: 60000 });
}

/** Stops a server process unless it already exited (a killed one has a signalCode, not an exitCode). */
export async function stopIfRunning(s: ServerProcess | undefined, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (s && s.proc.exitCode === null && s.proc.signalCode === null) await s.stop(signal);
}

/** A superuser connection that survives the database going away under it (errors are reported by queries). */
export async function sqlClient(url: string): Promise<PgClient> {
  const c = await superuser(url);
  c.on('error', () => undefined);
  return c;
}
