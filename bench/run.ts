/**
 * npm run bench [-- --quick] [-- --duration 10 --connections 32 --records 1000000 --audit-events 1000000 --json out.json --no-build]
 *
 * Builds the server, starts it on a fresh database (an embedded PostgreSQL, or a new database on
 * DATABASE_URL's server), loads data, and prints one table: each figure, the ceiling it is
 * compared with (the same database work from a plain pg client at the same concurrency), the
 * ratio, the issue's target and whether it was met. See docs/performance.md.
 */
import * as argon2 from 'argon2';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { call, destroyAgent, login, must } from './api';
import { CeilingResult, ceilingLoop, columnsOf, createQuery, listQuery, readQuery } from './ceiling';
import { CpuShare, cpuWindow, formatCpu, postmasterOf } from './cpu';
import { BenchDatabase, startBenchDatabase } from './db';
import { analyze, generateAuditEvents, generateRecords, recordCounts } from './generate-records';
import { HttpLoadResult, httpLoad, sequentialTimings } from './load';
import { fmt, markdown, Row, table } from './report';
import { BenchServer, memoryOf, sampleRss, startBenchServer, startScript } from './server';

// ---------------------------------------------------------------- options

interface Options {
  quick: boolean;
  durationSec: number;
  warmupSec: number;
  connections: number;
  /** Records at the small and the large point of the growth check. */
  smallRecords: number;
  records: number;
  auditEvents: number;
  samples: number;
  build: boolean;
  json?: string;
  /** Leave the server and database running at the end, for a look inside. */
  keep: boolean;
}

function parseOptions(argv: string[]): Options {
  const flag = (name: string) => argv.includes(`--${name}`);
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    if (i >= 0 && argv[i + 1] && !argv[i + 1].startsWith('--')) return argv[i + 1];
    const eq = argv.find((a) => a.startsWith(`--${name}=`));
    return eq?.slice(name.length + 3);
  };
  const num = (name: string, dflt: number) => {
    const v = value(name);
    if (v === undefined) return dflt;
    const n = Number(v.replace(/_/g, ''));
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
    return n;
  };
  const quick = flag('quick');
  const records = num('records', quick ? 100_000 : 1_000_000);
  return {
    quick,
    durationSec: num('duration', quick ? 3 : 10),
    warmupSec: num('warmup', quick ? 1 : 3),
    connections: num('connections', 32),
    records,
    smallRecords: Math.min(records, num('small-records', Math.round(records / 10))),
    auditEvents: num('audit-events', quick ? 100_000 : 1_000_000),
    samples: num('samples', quick ? 20 : 50),
    build: !flag('no-build'),
    json: value('json'),
    keep: flag('keep'),
  };
}

// ---------------------------------------------------------------- helpers

const t0 = Date.now();
const log = (s: string) => process.stdout.write(`[bench ${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${s}\n`);

/** ISO week (YYYY-Www) of a UTC date. */
function isoWeek(d: Date): string {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const year = t.getUTCFullYear();
  const week = Math.ceil(((t.getTime() - Date.UTC(year, 0, 1)) / 86400000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Weeks spread over the five generated years, five weeks apart. */
function weeks(n: number): string[] {
  return Array.from({ length: n }, (_, k) => isoWeek(new Date(Date.UTC(2020, 2, 2) + ((k * 5) % 250) * 7 * 86400000)));
}

async function sql<T extends Record<string, unknown>>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(text, values)).rows;
  } finally {
    await c.end();
  }
}

const PASSWORD = 'Kestrel-Bench-2931!q';
const ONE_TIME_PASSWORD = 'Osprey-Bench-One-Time-4417';

interface Session {
  username: string;
  token: string;
  userId: string;
  unitId: string;
  role: string;
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const rows: Row[] = [];
  const raw: Record<string, unknown> = { options: o };
  const loadAtStart = loadavg();

  if (o.build) {
    log('building the server (npm run build)');
    const b = spawnSync('npm', ['run', 'build', '--silent'], { cwd: resolve(__dirname, '..'), stdio: 'inherit' });
    if (b.status !== 0) throw new Error('npm run build failed');
  }

  let db: BenchDatabase | null = null;
  let server: BenchServer | null = null;
  const cleanup = async () => {
    destroyAgent();
    if (server) await server.stop().catch(() => undefined);
    server = null;
    if (db) await db.stop().catch((e: Error) => log(`could not stop the database: ${e.message}`));
    db = null;
  };
  const onSignal = () => {
    log('interrupted: stopping the server and the database');
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    db = await startBenchDatabase(process.env.DATABASE_URL, log);
    const pgVersion = (await sql<{ v: string }>(db.ownerUrl, `SELECT current_setting('server_version') AS v`))[0].v;
    const pgSettings = await sql<{ name: string; setting: string }>(
      db.ownerUrl,
      `SELECT name, setting FROM pg_settings WHERE name IN ('shared_buffers', 'synchronous_commit', 'fsync', 'max_connections') ORDER BY name`,
    );
    const admin = { username: 'bench.admin', password: PASSWORD };
    server = await startBenchServer({
      appUrl: db.appUrl,
      ownerUrl: db.ownerUrl,
      adminUsername: admin.username,
      adminPassword: admin.password,
      // Long enough for a full run; everything else is the server's default configuration.
      env: { JWT_TTL_SECONDS: '3600' },
    });
    const base = server.base;
    log(`server pid ${server.pid} on ${base}`);

    // -------------------------------------------------------- units, users, an operation
    const adminToken = (await login(base, admin.username, admin.password)).token;
    const units = await must<{ items: { id: string; code: string }[] }>(base, 'GET', '/api/v1/units?limit=200', adminToken);
    const central = units.items.find((u) => u.code === 'CENTRAL');
    if (!central) throw new Error('no CENTRAL unit after start-up');
    const unitIds = [central.id];
    for (let i = 1; i <= 12; i++) {
      const u = await must<{ id: string }>(base, 'POST', '/api/v1/units', adminToken, {
        code: `BCU-${String(i).padStart(2, '0')}`,
        name: `Borough team ${i}`,
        kind: 'borough',
      });
      unitIds.push(u.id);
    }
    const borough = unitIds[1];
    const people: [string, string, string][] = [
      ['bench.officer', 'officer', borough],
      ['bench.supervisor', 'supervisor', borough],
      ['bench.central', 'supervisor', central.id],
      ['bench.auditor', 'auditor', central.id],
    ];
    for (const [username, role, unitId] of people) {
      if (role === 'auditor' || unitId === central.id) {
        // These need a second admin's approval (separation of duties): made by the operator, as with the CLI.
        const hash = await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 });
        await sql(db.ownerUrl, `INSERT INTO users (username, display_name, role, unit_id, password_hash) VALUES ($1, $1, $2, $3, $4)`, [
          username,
          role,
          unitId,
          hash,
        ]);
      } else {
        // A borough account through the admin API, whose one-time password its user replaces.
        await must(base, 'POST', '/api/v1/users', adminToken, { username, displayName: username, role, unitId, password: ONE_TIME_PASSWORD });
        await must(base, 'POST', '/api/v1/account/password', null, { username, password: ONE_TIME_PASSWORD, newPassword: PASSWORD }, 204);
      }
    }
    const sessions = async (): Promise<Record<string, Session>> => {
      const out: Record<string, Session> = {};
      for (const [username, role] of people) out[username] = { username, role, ...(await login(base, username, PASSWORD)) };
      return out;
    };
    let s = await sessions();
    const officer = () => s['bench.officer'];
    const op = await must<{ id: string }>(base, 'POST', '/api/v1/operations', s['bench.supervisor'].token, {
      name: 'BENCHMARK',
      reference: 'OP/BENCH/1',
      startsOn: '2024-01-01',
      status: 'active',
    });
    const writesOp = await must<{ id: string }>(base, 'POST', '/api/v1/operations', s['bench.supervisor'].token, {
      name: 'BENCHMARK WRITES',
      reference: 'OP/BENCH/2',
      startsOn: '2024-01-01',
      status: 'active',
    });
    const apiExhibitIds: string[] = [];
    for (let i = 1; i <= 60; i++) {
      const e = await must<{ id: string }>(base, 'POST', '/api/v1/exhibits', officer().token, {
        operationId: op.id,
        reference: `BX/${i}`,
        itemType: i % 3 === 0 ? 'laptop' : 'phone',
        seizedAt: new Date(Date.UTC(2024, 0, 10, 6, i)).toISOString(),
        sealNumber: `BXS${i}`,
        description: 'Black smartphone',
      });
      apiExhibitIds.push(e.id);
    }
    log(`units 13, users ${people.length + 1}, operation with 60 exhibits (via the API)`);

    // -------------------------------------------------------- weekly returns as the data grows
    const weeklyAt = async (label: string, records: number) => {
      await analyze(db!.ownerUrl);
      s = await sessions();
      const ws = weeks(o.samples);
      const get = async (path: string, token: string) => {
        const r = await call(base, 'GET', path, token);
        if (r.status !== 200) throw new Error(`GET ${path} answered ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
        return r.ms;
      };
      const unitPath = (w: string) => `/api/v1/weekly-returns?unitId=${borough}&week=${w}`;
      const summaryPath = (w: string) => `/api/v1/weekly-returns/summary?week=${w}`;
      for (let i = 0; i < 3; i++) {
        await get(unitPath(ws[i]), officer().token);
        await get(summaryPath(ws[i]), s['bench.central'].token);
      }
      const unitWeek = await sequentialTimings(o.samples, (i) => get(unitPath(ws[i]), officer().token));
      const summary = await sequentialTimings(o.samples, (i) => get(summaryPath(ws[i]), s['bench.central'].token));
      log(
        `weekly returns @ ${label}: unit-week p50 ${fmt.ms(unitWeek.p50)} (p95 ${fmt.ms(unitWeek.p95)}), force-wide p50 ${fmt.ms(summary.p50)} (p95 ${fmt.ms(summary.p95)})`,
      );
      // The audited read and list one request at a time, to show whether they stay flat as the tables grow.
      const readOne = await sequentialTimings(o.samples, (i) => get(`/api/v1/exhibits/${apiExhibitIds[i % apiExhibitIds.length]}`, officer().token));
      const listOne = await sequentialTimings(o.samples, () => get(`/api/v1/exhibits?operationId=${op.id}&limit=50`, officer().token));
      log(`single requests @ ${label}: read p50 ${fmt.ms(readOne.p50)}, list (50) p50 ${fmt.ms(listOne.p50)}`);
      raw[`growth@${label}`] = { records, unitWeek, summary, readOne, listOne };
      return { unitWeek, summary, readOne, listOne, records };
    };

    log(`generating ${fmt.int(o.smallRecords)} records (13 units, 2020-2024)`);
    const g1 = await generateRecords(db.ownerUrl, { unitIds, creatorId: officer().userId, count: o.smallRecords, log });
    log(`  done in ${(g1.ms / 1000).toFixed(1)} s`);
    const small = await weeklyAt(`${fmt.int(o.smallRecords)} records`, o.smallRecords);
    let large = small;
    if (o.records > o.smallRecords) {
      log(`growing to ${fmt.int(o.records)} records`);
      const g2 = await generateRecords(db.ownerUrl, { unitIds, creatorId: officer().userId, count: o.records - o.smallRecords, log });
      log(
        `  done in ${(g2.ms / 1000).toFixed(1)} s (${fmt.int(o.records - o.smallRecords)} records: ${fmt.int(((o.records - o.smallRecords) / g2.ms) * 1000)} records/s)`,
      );
      raw.generator = { recordsPerSec: ((o.records - o.smallRecords) / g2.ms) * 1000 };
      large = await weeklyAt(`${fmt.int(o.records)} records`, o.records);
    }
    raw.counts = await recordCounts(db.ownerUrl);

    // -------------------------------------------------------- audited loads
    const exhibitCols = await columnsOf(db.appUrl, 'exhibits');
    const readIds = (
      await sql<{ id: string }>(db.ownerUrl, `SELECT id FROM exhibits WHERE unit_id = $1 AND voided_at IS NULL ORDER BY md5(id::text) LIMIT 2000`, [borough])
    ).map((r) => r.id);
    const countEvents = async (action: string, actorId: string) =>
      Number(
        (
          await sql<{ n: string }>(
            db!.ownerUrl,
            `SELECT count(*)::text AS n FROM audit_events WHERE actor_id = $1 AND action = $2 AND entity_type = 'exhibit' AND outcome = 'success'
                AND (request_id IS NULL OR request_id NOT LIKE 'ceiling-%')`,
            [actorId, action],
          )
        )[0].n,
      );
    const auditChecks: { load: string; events: number; ok2xx: number }[] = [];
    // The checkpointer lives as long as the cluster; its parent is the postmaster (when it runs here).
    const checkpointer = (await sql<{ pid: number }>(db.ownerUrl, `SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer'`))[0]?.pid;
    const local = ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(db.ownerUrl).hostname);
    const postmaster = local && checkpointer ? postmasterOf(Number(checkpointer)) : null;
    const cpu: Record<string, CpuShare> = {};
    const cpuHooks = (key: string, also: { onMeasuredStart?: () => void; onMeasuredEnd?: () => void } = {}) => {
      let w: ReturnType<typeof cpuWindow> | null = null;
      return {
        onMeasuredStart: () => {
          also.onMeasuredStart?.();
          w = cpuWindow(server!.pid, postmaster);
        },
        onMeasuredEnd: () => {
          cpu[key] = w!.stop();
          also.onMeasuredEnd?.();
        },
      };
    };
    const audited = async (
      title: string,
      action: string,
      spec: Omit<Parameters<typeof httpLoad>[0], 'title' | 'base' | 'token' | 'connections' | 'durationSec' | 'warmupSec' | 'beforeMeasured'>,
    ): Promise<HttpLoadResult> => {
      let before = 0;
      const r = await httpLoad({
        title,
        base,
        token: officer().token,
        connections: o.connections,
        durationSec: o.durationSec,
        warmupSec: o.warmupSec,
        beforeMeasured: async () => {
          before = await countEvents(action, officer().userId);
        },
        ...spec,
        ...cpuHooks(title, spec),
      });
      const events = (await countEvents(action, officer().userId)) - before;
      auditChecks.push({ load: title, events, ok2xx: r.ok2xx });
      log(
        `${title}: ${fmt.rate(r.reqPerSec)} (${fmt.int(r.ok2xx)} × 2xx in ${r.seconds.toFixed(1)} s; non-2xx ${r.non2xx}, errors ${r.errors}) ` +
          `p50 ${fmt.ms(r.p50)} p99 ${fmt.ms(r.p99)}; audit events ${fmt.int(events)} ${events === r.ok2xx ? 'OK' : 'MISMATCH'}; ${formatCpu(cpu[title], r.ok2xx)}`,
      );
      return r;
    };
    const ceiling = async (title: string, query: Parameters<typeof ceilingLoop>[5]): Promise<CeilingResult> => {
      const c = await ceilingLoop(title, db!.appUrl, o.connections, o.durationSec, o.warmupSec, query, cpuHooks(title));
      log(
        `${title}: ${fmt.rate(c.reqPerSec)} (${fmt.int(c.requests)} in ${c.seconds.toFixed(1)} s, errors ${c.errors}${c.firstError ? `: ${c.firstError}` : ''}) ` +
          `p50 ${fmt.ms(c.p50)} p99 ${fmt.ms(c.p99)}; ${formatCpu(cpu[title], c.requests)}`,
      );
      return c;
    };
    const actor = () => ({ id: officer().userId, role: officer().role, unitId: borough });

    // Read: a borough officer reading exhibits of their own borough (real token, real scope check).
    s = await sessions();
    log(`audited read: ${o.connections} connections, ${o.durationSec} s, cycling over ${readIds.length} exhibits`);
    const readCeiling = await ceiling('ceiling read', readQuery(exhibitCols, actor(), readIds));
    const idleRssMb = memoryOf(server.pid)?.rssMb ?? NaN;
    let rss = { maxRssMb: NaN, hwmMb: NaN, samples: 0 };
    let sampler: ReturnType<typeof sampleRss> | null = null;
    const read = await audited('audited read', 'view', {
      method: 'GET',
      path: (i) => `/api/v1/exhibits/${readIds[i % readIds.length]}`,
      onMeasuredStart: () => {
        sampler = sampleRss(server!.pid, 100);
      },
      onMeasuredEnd: () => {
        rss = sampler!.stop();
      },
    });
    log(
      `server memory under the read load: peak RSS ${fmt.mb(rss.maxRssMb)} (${rss.samples} samples; ${fmt.mb(idleRssMb)} before), VmHWM ${fmt.mb(rss.hwmMb)}`,
    );

    // Create: into a second operation, so the list below keeps its page-of-50 shape.
    const exhibitBody = (prefix: string) => (i: number) => ({
      operationId: writesOp.id,
      reference: `${prefix}/${i}`,
      itemType: 'phone',
      seizedAt: '2024-06-01T10:00:00.000Z',
      sealNumber: `${prefix}S${i}`,
      description: 'Black smartphone',
    });
    s = await sessions();
    const createCeiling = await ceiling('ceiling create', createQuery(exhibitCols, actor(), writesOp.id, exhibitBody('CC')));
    const create = await audited('audited create', 'create', { method: 'POST', path: () => '/api/v1/exhibits', body: exhibitBody('BC') });

    // List: a page of 50 of one operation's exhibits.
    s = await sessions();
    const listCeiling = await ceiling('ceiling list', listQuery(exhibitCols, actor(), op.id));
    const list = await audited('audited list', 'list', { method: 'GET', path: () => `/api/v1/exhibits?operationId=${op.id}&limit=50` });
    raw.loads = { read, readCeiling, create, createCeiling, list, listCeiling, rss, idleRssMb, auditChecks, cpu };

    // -------------------------------------------------------- audit chain verification
    const [{ n: existing }] = await sql<{ n: string }>(db.ownerUrl, `SELECT count(*)::text AS n FROM audit_events`);
    const toAdd = Math.max(0, o.auditEvents - Number(existing));
    log(`audit log: ${fmt.int(Number(existing))} events so far; adding ${fmt.int(toAdd)} for the verification figure`);
    await generateAuditEvents(db.ownerUrl, {
      count: toAdd,
      actorIds: Object.values(s).map((x) => x.userId),
      unitIds,
      log,
    });
    await analyze(db.ownerUrl);
    s = await sessions();
    const auditor = s['bench.auditor'].token;
    const [{ n: unsealed }] = await sql<{ n: string }>(
      db.ownerUrl,
      `SELECT ((SELECT count(*) FROM audit_events) - (SELECT count(*) FROM audit_chain))::text AS n`,
    );
    log(`verify #1 (links the ${fmt.int(Number(unsealed))} unlinked events first, then walks the chain)…`);
    const v1 = await call<{ valid: boolean; checked: number }>(base, 'GET', '/api/v1/audit-events/verify', auditor);
    if (v1.status !== 200 || !v1.body.valid) throw new Error(`verify #1 answered ${v1.status}: ${JSON.stringify(v1.body)}`);
    log(`  ${fmt.int(v1.body.checked)} links valid in ${(v1.ms / 1000).toFixed(1)} s`);
    const v2 = await call<{ valid: boolean; checked: number }>(base, 'GET', '/api/v1/audit-events/verify', auditor);
    if (v2.status !== 200 || !v2.body.valid) throw new Error(`verify #2 answered ${v2.status}: ${JSON.stringify(v2.body)}`);
    const verifyRate = (v2.body.checked / v2.ms) * 1000;
    log(`verify #2: ${fmt.int(v2.body.checked)} links valid in ${(v2.ms / 1000).toFixed(2)} s = ${fmt.eps(verifyRate)}`);
    const sealMs = Math.max(1, v1.ms - v2.ms);
    const sealRate = (Number(unsealed) / sealMs) * 1000;
    raw.verify = { first: { ms: v1.ms, checked: v1.body.checked }, second: { ms: v2.ms, checked: v2.body.checked }, unsealed: Number(unsealed), sealRate };

    // -------------------------------------------------------- the table
    const ratio = (r: { reqPerSec: number }, c: CeilingResult) => r.reqPerSec / c.reqPerSec;
    rows.push({
      figure: `audited read GET /exhibits/:id (${o.connections} conn)`,
      measured: fmt.rate(read.reqPerSec),
      ceiling: fmt.rate(readCeiling.reqPerSec),
      ratio: fmt.ratio(read.reqPerSec, readCeiling.reqPerSec),
      target: '≥ 0.5× ceiling',
      met: ratio(read, readCeiling) >= 0.5,
      note: `p50 ${fmt.ms(read.p50)}; ceiling p50 ${fmt.ms(readCeiling.p50)}; ${fmt.int(read.ok2xx)} in ${read.seconds.toFixed(1)} s`,
    });
    rows.push({
      figure: 'audited read p99',
      measured: fmt.ms(read.p99),
      ceiling: fmt.ms(readCeiling.p99),
      target: '≤ 30 ms',
      met: read.p99 <= 30,
    });
    rows.push({
      figure: `audited create POST /exhibits (${o.connections} conn)`,
      measured: fmt.rate(create.reqPerSec),
      ceiling: fmt.rate(createCeiling.reqPerSec),
      ratio: fmt.ratio(create.reqPerSec, createCeiling.reqPerSec),
      target: '≥ 0.4× ceiling',
      met: ratio(create, createCeiling) >= 0.4,
      note: `p50 ${fmt.ms(create.p50)} p99 ${fmt.ms(create.p99)}; ${fmt.int(create.ok2xx)} in ${create.seconds.toFixed(1)} s`,
    });
    rows.push({
      figure: `audited list GET /exhibits?operationId= (50/page, ${o.connections} conn)`,
      measured: fmt.rate(list.reqPerSec),
      ceiling: fmt.rate(listCeiling.reqPerSec),
      ratio: fmt.ratio(list.reqPerSec, listCeiling.reqPerSec),
      target: '≥ 500 req/s',
      met: list.reqPerSec >= 500,
      note: `p50 ${fmt.ms(list.p50)} p99 ${fmt.ms(list.p99)}; ${fmt.int(list.ok2xx)} in ${list.seconds.toFixed(1)} s`,
    });
    for (const [point, isTarget] of [
      [small, false],
      [large, true],
    ] as const) {
      if (!isTarget && small === large) continue;
      const at = `${fmt.int(point.records)} records`;
      rows.push({
        figure: `weekly return, one unit-week p50 @ ${at}`,
        measured: fmt.ms(point.unitWeek.p50),
        target: isTarget ? '≤ 25 ms' : '',
        met: isTarget ? point.unitWeek.p50 <= 25 : undefined,
        note: `p95 ${fmt.ms(point.unitWeek.p95)}, ${point.unitWeek.n} weeks`,
      });
      rows.push({
        figure: `force-wide summary p50 @ ${at}`,
        measured: fmt.ms(point.summary.p50),
        target: isTarget ? '≤ 100 ms' : '',
        met: isTarget ? point.summary.p50 <= 100 : undefined,
        note: `p95 ${fmt.ms(point.summary.p95)}, ${point.summary.n} weeks`,
      });
    }
    for (const point of small === large ? [small] : [small, large]) {
      rows.push({
        figure: `single audited read / list p50 @ ${fmt.int(point.records)} records`,
        measured: `${fmt.ms(point.readOne.p50)} / ${fmt.ms(point.listOne.p50)}`,
        note: `one request at a time; p95 ${fmt.ms(point.readOne.p95)} / ${fmt.ms(point.listOne.p95)}`,
      });
    }
    rows.push({
      figure: `audit chain verification (${fmt.int(v2.body.checked)} events)`,
      measured: fmt.eps(verifyRate),
      target: '≥ 300,000 ev/s',
      met: verifyRate >= 300_000,
      note: `${(v2.ms / 1000).toFixed(2)} s, chain valid`,
    });
    rows.push({
      figure: `audit chain sealing of a ${fmt.int(Number(unsealed))}-event backlog`,
      measured: fmt.eps(sealRate),
      note: `${(sealMs / 1000).toFixed(1)} s (verify #1 minus verify #2); informational`,
    });
    rows.push({
      figure: 'server RSS, peak under the read load',
      measured: fmt.mb(rss.maxRssMb),
      target: '≤ 250 MB',
      met: rss.maxRssMb <= 250,
      note: `before the load ${fmt.mb(idleRssMb)}; VmHWM since start ${fmt.mb(rss.hwmMb)}`,
    });
    for (const c of auditChecks) {
      rows.push({
        figure: `audit events = 2xx (${c.load.replace('audited ', '')})`,
        measured: `${fmt.int(c.events)} / ${fmt.int(c.ok2xx)}`,
        target: 'equal',
        met: c.events === c.ok2xx,
        note: c.events === c.ok2xx ? 'OK' : 'MISMATCH',
      });
    }

    const counts = { ...(raw.counts as Record<string, number>), ...(await recordCounts(db.ownerUrl)) };
    const details = [
      '',
      'per load (measured run only):',
      ...(
        [
          [read, readCeiling],
          [create, createCeiling],
          [list, listCeiling],
        ] as const
      ).flatMap(([r, c]) => [
        `  ${r.title}: ${fmt.int(r.requests)} requests, ${fmt.int(r.ok2xx)} × 2xx, non-2xx ${r.non2xx} ${JSON.stringify(r.statusCodes)}, errors ${r.errors}; ` +
          `latency p50 ${fmt.ms(r.p50)} p90 ${fmt.ms(r.p90)} p99 ${fmt.ms(r.p99)} max ${fmt.ms(r.max)}; ${formatCpu(cpu[r.title], r.ok2xx)}`,
        `  ${c.title}: ${fmt.int(c.requests)} requests, errors ${c.errors}; latency p50 ${fmt.ms(c.p50)} p99 ${fmt.ms(c.p99)}; ${formatCpu(cpu[c.title], c.requests)}`,
      ]),
      `  (CPU as a share of one core; ${cpus().length} cores in all)`,
      '',
    ];
    const header = [
      '',
      `Haven bench — ${o.quick ? 'QUICK run (short loads, small dataset: indicative only)' : 'full run'} — ${new Date().toISOString()}`,
      `machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM (${(freemem() / 2 ** 30).toFixed(1)} GB free), load average at start ${loadAtStart.map((x) => x.toFixed(2)).join(' ')}, at end ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
      `server: ${startScript()} (as npm start)`,
      `node ${process.version}; PostgreSQL ${pgVersion} (${db.kind}; ${pgSettings.map((r) => `${r.name}=${r.setting}`).join(', ')})`,
      `loads: ${o.connections} connections, ${o.warmupSec} s warm-up + ~${o.durationSec} s measured (by count); ceiling = plain pg client, one prepared statement per request, same concurrency`,
      `data: ${Object.entries(counts)
        .map(([k, v]) => `${k} ${fmt.int(v)}`)
        .join(', ')}`,
      '',
    ];
    const out = `${header.join('\n')}${table(rows)}\n${details.join('\n')}`;
    process.stdout.write(out);
    if (o.json) {
      writeFileSync(o.json, JSON.stringify({ header, rows, details, markdown: markdown(rows), raw }, null, 2));
      log(`results written to ${o.json}`);
    }
    const mismatches = auditChecks.filter((c) => c.events !== c.ok2xx);
    if (mismatches.length) process.exitCode = 3;
    if (o.keep) {
      log(`--keep: database ${db.ownerUrl} (server login ${db.appUrl}), server ${base} (admin ${admin.username} / ${PASSWORD}); Ctrl-C to stop`);
      await new Promise(() => undefined);
    }
  } catch (e) {
    if (server) {
      const tail = server.output().split('\n').slice(-30).join('\n');
      process.stderr.write(`\nlast server output:\n${tail}\n`);
    }
    throw e;
  } finally {
    await cleanup();
  }
}

main().catch((e: Error) => {
  process.stderr.write(`bench failed: ${e.stack ?? e.message}\n`);
  process.exit(1);
});
