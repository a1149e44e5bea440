import type { Client as PgClient } from 'pg';
import { ServerProcess, startServer, tempDir } from '../support/server-process';
import { createDatabase } from '../support/test-database';
import { API, Haven, provision, refNo, serverEnv, sqlClient, stopIfRunning, verifyChain } from './support/haven';
import { Answer, Client, report } from './support/http';

const RACERS = 50;

/** One record of each type, and how to change it so that each racer's change is its own. */
interface RaceTarget {
  path: string;
  entityType: string;
  field: string;
  value: (i: number) => unknown;
  create: (c: Client, h: Haven) => Promise<{ id: string; version: number }>;
  writer: 'officer' | 'sup1';
}

const statuses = (answers: Answer[]) => {
  const m: Record<number, number> = {};
  for (const a of answers) m[a.status] = (m[a.status] ?? 0) + 1;
  return m;
};

/**
 * Issue 7.3: optimistic locking under a real race (50 PATCHes of one record with one version,
 * from 50 sockets at once), and sign-off steps of one weekly return raced against each other.
 */
describe('concurrency: one version, many writers', () => {
  let db: Awaited<ReturnType<typeof createDatabase>>;
  let sql: PgClient;
  let server: ServerProcess;
  let c: Client;
  let h: Haven;

  beforeAll(async () => {
    db = await createDatabase('haven_race');
    // The default pool (20 connections), so 50 racers outnumber it; a 2 s wait bound keeps a
    // starved pool from costing the suite 5 s a race.
    server = await startServer(
      serverEnv({ DATABASE_URL: db.url, DATA_DIR: tempDir('haven-race-'), DATABASE_TIMEOUT_MS: '2000', DATABASE_POOL_SIZE: process.env.FAULTS_POOL }),
    );
    c = new Client(server.base, 512);
    h = await provision(c, db.url);
    sql = await sqlClient(db.url);
  });
  afterAll(async () => {
    c?.close();
    await stopIfRunning(server, 'SIGTERM');
    await sql?.end();
    await db?.drop();
  });

  const post = async (who: keyof Haven['tokens'], path: string, body: Record<string, unknown>) =>
    c.expect(201, 'POST', `${API}/${path}`, { token: h.tokens[who], body }) as Promise<{ id: string; version: number }>;
  const operation = async () => (await post('sup1', 'operations', { name: 'LEGATUM', reference: refNo('OP'), startsOn: '2021-03-01' })).id;

  const targets: RaceTarget[] = [
    {
      path: 'operations',
      entityType: 'operation',
      field: 'description',
      value: (i) => `Racer ${i} was here`,
      writer: 'sup1',
      create: () => post('sup1', 'operations', { name: 'LEGATUM', reference: refNo('OP'), startsOn: '2021-03-01' }),
    },
    {
      path: 'warrants',
      entityType: 'warrant',
      field: 'childrenSafeguarded',
      value: (i) => i,
      writer: 'officer',
      create: async () =>
        post('officer', 'warrants', {
          operationId: await operation(),
          reference: refNo('W'),
          type: 'PCA 1978 s.4',
          status: 'executed',
          executedAt: '2021-03-01T06:00:00Z',
          childrenSafeguarded: 0,
        }),
    },
    {
      path: 'arrests',
      entityType: 'arrest',
      field: 'suspectRef',
      value: (i) => `SR/RACER${i}`,
      writer: 'officer',
      create: async () =>
        post('officer', 'arrests', {
          operationId: await operation(),
          arrestedAt: '2021-03-01T06:30:00Z',
          suspectRef: refNo('SR'),
          offenceCode: 'SX03001',
          outcome: 'bailed',
        }),
    },
    {
      path: 'exhibits',
      entityType: 'exhibit',
      field: 'sealNumber',
      value: (i) => `SEAL-RACER-${i}`,
      writer: 'officer',
      create: () => post('officer', 'exhibits', { reference: refNo('JS'), itemType: 'phone', seizedAt: '2021-03-01T06:30:00Z' }),
    },
    {
      path: 'safeguarding-visits',
      entityType: 'safeguarding_visit',
      field: 'childrenSafeguarded',
      value: (i) => i,
      writer: 'officer',
      create: async () => post('officer', 'safeguarding-visits', { operationId: await operation(), visitedAt: '2021-03-02T14:00:00Z', childrenSafeguarded: 1 }),
    },
    {
      path: 'referrals',
      entityType: 'referral',
      field: 'reference',
      value: (i) => `NCA-RACER-${i}`,
      writer: 'officer',
      create: () => post('officer', 'referrals', { source: 'NCA', reference: refNo(), receivedAt: '2021-03-01T09:00:00Z', riskGrade: 'high' }),
    },
  ];

  /** Every race's answers, for the 409-only check below. */
  const races: Record<string, Answer[]> = {};

  it(`lets exactly one of ${RACERS} concurrent PATCHes with the same version win, for every record type`, async () => {
    const lines: Record<string, string> = {};
    for (const t of targets) {
      const rec = await t.create(c, h);
      const t0 = Date.now();
      const answers = await Promise.all(
        Array.from({ length: RACERS }, (_, i) =>
          c.call('PATCH', `${API}/${t.path}/${rec.id}`, { token: h.tokens[t.writer], body: { version: rec.version, [t.field]: t.value(i) } }),
        ),
      );
      races[t.path] = answers;
      const winners = answers.map((a, i) => ({ a, i })).filter((x) => x.a.status === 200);
      const [row] = (
        await sql.query(
          `SELECT version, ${t.field.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`)} AS value FROM ${t.path.replace(/-/g, '_')} WHERE id = $1`,
          [rec.id],
        )
      ).rows;
      const events = Object.fromEntries(
        (
          await sql.query(`SELECT outcome, count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action = 'update' GROUP BY outcome`, [rec.id])
        ).rows.map((e: { outcome: string; n: number }) => [e.outcome, e.n]),
      );
      lines[t.path] =
        `${JSON.stringify(statuses(answers))} in ${Date.now() - t0} ms; stored version ${row.version}, ${t.field}=${JSON.stringify(row.value)} (racer ${winners[0]?.i}); update events ${JSON.stringify(events)}`;
      // One winner, whose change is what is stored, with exactly one update event.
      expect(winners).toHaveLength(1);
      expect(row.version).toBe(rec.version + 1);
      expect(row.value).toEqual(t.value(winners[0].i));
      expect(winners[0].a.body.version).toBe(rec.version + 1);
      expect(events.success).toBe(1);
      // Every loser was refused (never a 500, never silently applied), and each 409 is audited as a conflict.
      expect(answers.filter((a) => a.status !== 200 && ![409, 503, 401].includes(a.status))).toEqual([]);
      expect(events.conflict ?? 0).toBe(answers.filter((a) => a.status === 409).length);
    }
    report('concurrency', lines);
  });

  it('lets exactly one of 25 PATCHes and 25 voids of one version win, and the audit log shows only that one', async () => {
    const rec = await post('officer', 'referrals', { source: 'NCA', reference: refNo(), receivedAt: '2021-03-01T09:00:00Z', riskGrade: 'high' });
    const answers = await Promise.all(
      Array.from({ length: RACERS }, (_, i) =>
        i % 2 === 0
          ? c.call('PATCH', `${API}/referrals/${rec.id}`, { token: h.tokens.officer, body: { version: 1, status: 'triaged' } })
          : c.call('DELETE', `${API}/referrals/${rec.id}`, { token: h.tokens.officer2, body: { version: 1, reason: `Racer ${i}: entered twice` } }),
      ),
    );
    races['referrals: PATCH vs void'] = answers;
    const [row] = (await sql.query(`SELECT version, status, voided_at IS NOT NULL AS voided FROM referrals WHERE id = $1`, [rec.id])).rows;
    const events = (
      await sql.query(
        `SELECT action, outcome, count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action IN ('update', 'void') GROUP BY 1, 2 ORDER BY 1, 2`,
        [rec.id],
      )
    ).rows;
    const won = answers.findIndex((a) => a.status === 200) % 2 === 0 ? 'update' : 'void';
    report('concurrency', {
      'PATCH ×25 vs void ×25': `${JSON.stringify(statuses(answers))}; winner: ${won}; stored version ${row.version}, status ${row.status}, voided ${row.voided}`,
      'their audit events': JSON.stringify(events),
    });
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status !== 200 && ![409, 503, 401].includes(a.status))).toEqual([]);
    expect(row.version).toBe(2);
    expect(row.voided).toBe(won === 'void');
    expect(row.status).toBe(won === 'update' ? 'triaged' : 'received');
    expect(events.filter((e: { outcome: string }) => e.outcome === 'success')).toEqual([{ action: won, outcome: 'success', n: 1 }]);
    expect(events.filter((e: { outcome: string }) => e.outcome !== 'success').reduce((n: number, e: { n: number }) => n + e.n, 0)).toBe(
      answers.filter((a) => a.status === 409).length,
    );
  });

  // More racers than pooled connections: a loser's refusal is audited after its transaction has
  // rolled back, so it never needs a second connection while holding one (this once starved the pool).
  it(`answers every losing racer 409, even with more racers than pooled connections`, () => {
    expect(Object.keys(races).length).toBe(targets.length + 1);
    for (const [name, answers] of Object.entries(races)) expect({ name, statuses: statuses(answers) }).toEqual({ name, statuses: { 200: 1, 409: RACERS - 1 } });
  });

  it('gives concurrent submit / approve / return of one weekly return one consistent outcome', async () => {
    const week = '2021-W09';
    await post('officer', 'referrals', { source: 'NCA', reference: refNo(), receivedAt: '2021-03-02T09:00:00Z', riskGrade: 'high' });
    const url = `${API}/weekly-returns`;
    // 1. Twenty submissions of a return that does not exist yet, from three supervisors.
    const submitters = ['sup1', 'sup2', 'central'] as const;
    const submits = await Promise.all(
      Array.from({ length: 20 }, (_, i) => c.call('POST', url, { token: h.tokens[submitters[i % 3]], body: { unitId: h.units.ne, week } })),
    );
    const submitted = submits.find((a) => a.status === 201)!.body;
    const rowsAfterSubmit = (await sql.query(`SELECT id, status FROM weekly_returns WHERE unit_id = $1 AND week = $2`, [h.units.ne, week])).rows;

    // 2. Approvals and send-backs by the two supervisors who did not submit it, plus resubmissions by the submitter, all at once.
    const submitter = (Object.keys(h.users) as (keyof Haven['users'])[]).find((k) => h.users[k] === submitted.submittedBy)!;
    const reviewers = submitters.filter((k) => k !== submitter);
    const steps = await Promise.all(
      Array.from({ length: 30 }, (_, i) => {
        const who = reviewers[i % 2];
        if (i % 3 === 0) return c.call('POST', `${url}/${submitted.id}/approve`, { token: h.tokens[who], body: {} }).then((a) => ({ a, kind: 'approve' }));
        if (i % 3 === 1)
          return c
            .call('POST', `${url}/${submitted.id}/return`, { token: h.tokens[who], body: { reason: `Reviewer ${i}: figures need a second look` } })
            .then((a) => ({ a, kind: 'return' }));
        return c.call('POST', url, { token: h.tokens[submitter], body: { unitId: h.units.ne, week } }).then((a) => ({ a, kind: 'resubmit' }));
      }),
    );
    const [final] = (await sql.query(`SELECT id, status FROM weekly_returns WHERE unit_id = $1 AND week = $2`, [h.units.ne, week])).rows;
    // The order steps really happened in: audit seqs are drawn while the return's row is locked.
    const story: string[] = (
      await sql.query(`SELECT action FROM audit_events WHERE entity_type = 'weekly_return' AND entity_id = $1 AND outcome = 'success' ORDER BY seq`, [final.id])
    ).rows.map((r: { action: string }) => r.action);
    const history: string[] = (await sql.query(`SELECT action FROM weekly_return_steps WHERE return_id = $1 ORDER BY at, id`, [final.id])).rows.map(
      (r: { action: string }) => r.action,
    );
    const refusedEvents = (
      await sql.query(`SELECT count(*)::int AS n FROM audit_events WHERE entity_type = 'weekly_return' AND entity_id = $1 AND outcome <> 'success'`, [final.id])
    ).rows[0].n;
    const ok = (kind: string) => steps.filter((s) => s.kind === kind && s.a.status >= 200 && s.a.status < 300).length;
    const by = (kind: string) => JSON.stringify(statuses(steps.filter((s) => s.kind === kind).map((s) => s.a)));

    const shown = await c.expect(200, 'GET', `${url}/${final.id}`, { token: h.tokens.sup1 });
    const shownSteps: string[] = shown.return.steps.map((x: { action: string }) => x.action);
    report('concurrency', {
      'weekly return: 20 concurrent first submissions': `${JSON.stringify(statuses(submits))}; rows for the week: ${rowsAfterSubmit.length}`,
      'then 10 approve + 10 return + 10 resubmit at once': `approve ${by('approve')}, return ${by('return')}, resubmit ${by('resubmit')}`,
      'successful steps in audit (commit) order': story.join(' → '),
      'history steps by their time': history.join(' → '),
      'history as GET /weekly-returns/:id shows it': shownSteps.join(' → '),
      'final status; refused attempts audited': `${final.status}; ${refusedEvents}`,
    });

    expect(statuses(submits)).toEqual({ 201: 1, 409: 19 });
    expect(rowsAfterSubmit).toHaveLength(1);
    // No 5xx, and every refusal is a 409 (the four-eyes rule is not in play: reviewers never submitted).
    for (const s of steps) expect([200, 201, 409]).toContain(s.a.status);
    // One consistent outcome: the successful steps form a legal path of the sign-off machine
    // (submit → approve | return; return → submit; approve is final) …
    const next: Record<string, string[]> = { submit: ['approve', 'return'], return: ['submit'], approve: [] };
    expect(story[0]).toBe('submit');
    for (let i = 1; i < story.length; i++) expect(next[story[i - 1]]).toContain(story[i]);
    // … that matches what the callers were told, the history table and the row.
    expect(story.filter((a) => a === 'submit')).toHaveLength(1 + ok('resubmit'));
    expect(story.filter((a) => a === 'approve')).toHaveLength(ok('approve'));
    expect(story.filter((a) => a === 'return')).toHaveLength(ok('return'));
    expect([...history].sort()).toEqual([...story].sort());
    expect(final.status).toBe({ approve: 'approved', return: 'returned', submit: 'submitted' }[story[story.length - 1]]);
    // Every refused attempt is on record.
    expect(refusedEvents).toBe(19 + steps.filter((s) => s.a.status === 409).length);

    const verify = await verifyChain(c, h.tokens.auditor);
    report('concurrency', { verify: JSON.stringify(verify) });
    expect(verify.valid).toBe(true);
  });
});
