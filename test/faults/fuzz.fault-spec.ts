import fc from 'fast-check';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Client as PgClient } from 'pg';
import { createTestApp, FixtureName, TestApp } from '../support/test-app';
import { superuser } from '../support/test-database';
import { report } from './support/http';

/**
 * Issue 7.6: property-based fuzzing of every API write body and every list query (fast-check),
 * in-process (Fastify inject) against a real database, run as the least-privilege login a server
 * uses. Each case must get an answer below 500, and a refused case must leave every table as it
 * was (audit events aside: a refusal is itself audited). FAULTS_FUZZ_SCALE multiplies the runs.
 */
const SCALE = Number(process.env.FAULTS_FUZZ_SCALE ?? 1);
/**
 * A fixed seed by default, so CI runs the same cases every time and a failure reproduces;
 * FAULTS_FUZZ_SEED=random (or a number) explores other cases. Each endpoint derives its own seed.
 */
const SEED = process.env.FAULTS_FUZZ_SEED === 'random' ? (Date.now() ^ (process.pid << 8)) | 0 : Number(process.env.FAULTS_FUZZ_SEED ?? 7007);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const API = '/api/v1';

// ---------- what gets sent ----------

/** Values chosen to hit edges: bad dates, huge and tiny numbers, embedded content, injection, unicode. */
const NASTY = [
  '',
  ' ',
  'null',
  'undefined',
  'true',
  '0',
  '-1',
  '1e309',
  'NaN',
  'Infinity',
  '99999999999999999999999999',
  '2021-02-30',
  '2021-02-30T10:00:00Z',
  '2021-03-01T09:00:00',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999999Z',
  '275760-09-13T00:00:00Z',
  '2021-03-01T09:00:00+14:00',
  '2021-W53',
  '2021-W00',
  '1999-W01',
  '0001-W01',
  'data:image/png;base64,iVBORw0KGgo=',
  'A'.repeat(121),
  'abc\u0000def',
  '\u202e\u2066',
  '💥'.repeat(40),
  'Ω≈ç√∫',
  "' OR 1=1 --",
  '"; DROP TABLE users; --',
  '${jndi:ldap://x}',
  '<script>alert(1)</script>',
  '=HYPERLINK("x")',
  '../../etc/passwd',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  randomUUID(),
  'not-a-uuid',
  'x'.repeat(5000),
];
const numbers = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, Number.MAX_VALUE, Number.MIN_VALUE, -0, 1e-7, 0.5, 999, 1000, 200, 201),
);
const strings = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(...NASTY),
  fc.uuid(),
  fc.date({ noInvalidDate: true, min: new Date(-62_000_000_000_000), max: new Date(250_000_000_000_000) }).map((d) => d.toISOString()),
);
const scalar = fc.oneof(strings, numbers, fc.boolean(), fc.constant(null));
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), scalar, { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
);

/** A recipe applied to a fresh valid body at send time, so shrinking works and uniques stay unique. */
type BodyRecipe =
  | { kind: 'mutate'; drop: number[]; set: [string | number, unknown][] }
  | { kind: 'vary'; fields: number[]; v: Variant }
  | { kind: 'whole'; value: unknown }
  | { kind: 'raw'; field: number; literal: string }
  | { kind: 'text'; text: string; contentType: string };

/**
 * Valid-looking but unusual values, picked by the type of the field they replace: far-off dates and
 * offsets, boundary counts, unicode text up to the limits, other real or unknown ids. These get past
 * validation, so the database sees them.
 */
interface Variant {
  dateTime: string;
  date: string;
  int: number;
  text: string;
  uuid: string;
}
const OFFSETS = ['Z', '+00:00', '+01:00', '-12:00', '+14:00', '+05:45', '-00:00'];
const variant: fc.Arbitrary<Variant> = fc.record({
  dateTime: fc
    .tuple(
      fc.date({ noInvalidDate: true, min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z') }),
      fc.constantFrom(...OFFSETS),
      fc.boolean(),
    )
    .map(([d, off, ms]) => d.toISOString().replace(ms ? /Z$/ : /\.\d{3}Z$/, off)),
  date: fc.date({ noInvalidDate: true, min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z') }).map((d) => d.toISOString().slice(0, 10)),
  int: fc.oneof(fc.integer({ min: -2, max: 1002 }), fc.constantFrom(0, 200, 201, 999, 1000, 2 ** 31 - 1)),
  text: fc.oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
    fc.string({ minLength: 1, maxLength: 600 }),
    fc.stringMatching(/^[A-Z]{2,4}[/-][A-Z0-9]{1,12}$/),
  ),
  uuid: fc.oneof(fc.uuid(), fc.constant(randomUUID())),
});
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function varied(value: unknown, v: Variant): unknown {
  if (typeof value === 'number') return v.int;
  if (typeof value !== 'string') return value;
  if (ISO_DATE_TIME.test(value)) return v.dateTime;
  if (ISO_DATE.test(value)) return v.date;
  if (UUID.test(value)) return v.uuid;
  return v.text;
}

const extraKeys = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'id',
  'version',
  'unitId',
  'createdBy',
  'voidedAt',
  'passwordHash',
  'figures',
  'status',
  '',
);
const bodyRecipe: fc.Arbitrary<BodyRecipe> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('mutate' as const),
      drop: fc.array(fc.nat(12), { maxLength: 2 }),
      // A number picks one of the valid body's own fields; a string adds or replaces any key.
      set: fc.array(
        fc.tuple(fc.oneof({ weight: 4, arbitrary: fc.nat(12) }, { weight: 1, arbitrary: fc.oneof(extraKeys, fc.string({ maxLength: 10 })) }), anyValue),
        { minLength: 1, maxLength: 3 },
      ),
    }),
  },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('vary' as const), fields: fc.array(fc.nat(12), { minLength: 1, maxLength: 3 }), v: variant }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('whole' as const), value: anyValue }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('raw' as const),
      field: fc.nat(12),
      literal: fc.constantFrom(
        '1e999',
        '-1e999',
        '123456789012345678901234567890',
        '-0',
        '1E400',
        '0.00000000000000000000000001',
        '[[[[[[[[[[]]]]]]]]]]',
        '"\\ud800"',
        '{"$gt":""}',
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('text' as const),
      text: fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('{', '{"a":', 'null', '[]', '""', '{"a":1,"a":2}', '\u0000', '{}'.padEnd(2000, ' '))),
      contentType: fc.constantFrom(
        'application/json',
        'application/json; charset=latin1',
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/json; charset=utf-16',
      ),
    }),
  },
);

function buildBody(base: Record<string, unknown>, r: BodyRecipe): { payload: string; contentType: string } {
  const keys = Object.keys(base);
  const keyOf = (k: string | number) => (typeof k === 'number' ? keys[k % keys.length] : k);
  if (r.kind === 'whole') return { payload: JSON.stringify(r.value) ?? 'null', contentType: 'application/json' };
  if (r.kind === 'text') return { payload: r.text, contentType: r.contentType };
  if (r.kind === 'raw') {
    const key = keyOf(r.field);
    const rest = { ...base };
    delete rest[key];
    const head = JSON.stringify(rest).slice(0, -1);
    return { payload: `${head}${head.length > 1 ? ',' : ''}${JSON.stringify(key)}:${r.literal}}`, contentType: 'application/json' };
  }
  const body: Record<string, unknown> = { ...base };
  if (r.kind === 'vary') {
    for (const f of r.fields) body[keyOf(f)] = varied(body[keyOf(f)], r.v);
    return { payload: JSON.stringify(body), contentType: 'application/json' };
  }
  for (const d of r.drop) delete body[keyOf(d)];
  for (const [k, v] of r.set) Object.defineProperty(body, keyOf(k), { value: v, enumerable: true, configurable: true, writable: true });
  return { payload: JSON.stringify(body), contentType: 'application/json' };
}

/** Percent-encodes every byte that is not unreserved, so any string (lone surrogates too) goes on the wire. */
const enc = (s: string) =>
  [...Buffer.from(s, 'utf8')]
    .map((b) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0').toUpperCase()}`))
    .join('');
const cursorLike = fc
  .oneof(fc.record({ v: fc.oneof(strings, fc.constant(null), numbers), id: fc.oneof(fc.uuid(), strings) }), anyValue)
  .map((v) => Buffer.from(JSON.stringify(v) ?? 'x').toString('base64url'));

/** Plausible values for the query parameters Haven knows, so many queries pass validation and reach SQL. */
function goodValues(ids: { units: string[]; records: string[] }): Record<string, fc.Arbitrary<string>> {
  const dateish = variant.chain((v) => fc.constantFrom(v.date, v.dateTime));
  const id = fc.oneof(fc.constantFrom(...ids.records, ...ids.units), fc.uuid());
  const weekIn = (min: number, max: number) =>
    fc.tuple(fc.integer({ min, max }), fc.integer({ min: 0, max: 54 })).map(([y, w]) => `${y}-W${String(w).padStart(2, '0')}`);
  const week = fc.oneof(weekIn(2019, 2023), weekIn(1900, 2100));
  const cursor = fc
    .record({ v: fc.oneof(dateish, fc.string({ maxLength: 20 }), fc.constant(null)), id: fc.uuid() })
    .map((c) => Buffer.from(JSON.stringify(c)).toString('base64url'));
  const words = (...w: string[]) => fc.oneof(fc.constantFrom(...w), fc.string({ maxLength: 12 }));
  return {
    limit: fc.integer({ min: -1, max: 201 }).map(String),
    cursor,
    sort: words(
      'createdAt',
      'updatedAt',
      'startsOn',
      'executedAt',
      'arrestedAt',
      'seizedAt',
      'visitedAt',
      'receivedAt',
      'movedAt',
      'reference',
      'name',
      'status',
      'seq',
      'code',
      'username',
      'id',
    ),
    direction: words('asc', 'desc', 'ASC'),
    includeVoided: words('true', 'false', '1'),
    disabled: words('true', 'false'),
    unitId: id,
    operationId: id,
    warrantId: id,
    entityId: id,
    actorId: id,
    from: fc.oneof(dateish, week),
    to: fc.oneof(dateish, week),
    week,
    status: words('planned', 'active', 'closed', 'applied', 'granted', 'executed', 'received', 'triaged', 'draft', 'submitted', 'approved', 'returned'),
    outcome: words('charged', 'bailed', 'nfa', 'success', 'denied', 'conflict', 'not_found', 'failure'),
    source: words('NCA', 'CEOP', 'partner', 'internal', 'public'),
    riskGrade: words('low', 'medium', 'high', 'very_high'),
    kind: words('central', 'borough'),
    role: words('officer', 'supervisor', 'auditor', 'admin'),
    itemType: words('phone', 'tablet', 'laptop', 'desktop', 'storage', 'other'),
    forensicStatus: words('awaiting', 'in_progress', 'examined', 'not_required'),
    entityType: words('operation', 'warrant', 'arrest', 'exhibit', 'safeguarding_visit', 'referral', 'weekly_return', 'user', 'unit', 'audit_chain'),
    action: words('view', 'list', 'create', 'update', 'void', 'login', 'export', 'access.denied', 'submit', 'approve'),
    reason: words('Monthly review of the unit', 'Disclosure request', '', 'x'.repeat(600)),
    format: words('csv', 'json', 'xml'),
  };
}

function queryArb(keys: string[], good: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<string> {
  const key = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...keys) },
    { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('__proto__', 'a[b]', 'limit[]', 'sort[0]', 'constructor[prototype]')) },
  );
  const wild = fc.oneof(
    { weight: 5, arbitrary: strings },
    { weight: 2, arbitrary: numbers.map(String) },
    { weight: 1, arbitrary: cursorLike },
    { weight: 1, arbitrary: fc.string({ minLength: 300, maxLength: 3000 }) },
  );
  const goodFor = (k: string) => (Object.prototype.hasOwnProperty.call(good, k) ? good[k] : undefined);
  const pair = key.chain((k) => {
    const g = goodFor(k);
    return fc.tuple(fc.constant(k), g ? fc.oneof({ weight: 3, arbitrary: g }, { weight: 1, arbitrary: wild }) : wild);
  });
  // Mostly the endpoint's own parameters, each at most once, with good or wild values; sometimes repeated or unknown keys.
  const known = fc.subarray(keys, { maxLength: Math.min(5, keys.length) }).chain((ks) =>
    fc.tuple(
      ...ks.map((k) => {
        const g = goodFor(k);
        return fc.tuple(fc.constant(k), g ? fc.oneof({ weight: 4, arbitrary: g }, { weight: 1, arbitrary: wild }) : wild);
      }),
    ),
  );
  const encoded = fc
    .oneof({ weight: 3, arbitrary: known as fc.Arbitrary<[string, string][]> }, { weight: 1, arbitrary: fc.array(pair, { maxLength: 6 }) })
    .map((pairs) => pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&'));
  // Raw: broken percent-encoding, bare keys, brackets, repeated separators.
  const raw = fc.string({ unit: fc.constantFrom(...'abcsortlimitcursorfromto=&%[]+.-_~0123456789fFzZ:'.split('')), maxLength: 60 });
  return fc.oneof({ weight: 8, arbitrary: encoded }, { weight: 1, arbitrary: raw });
}

// ---------- what is stored ----------

/** Row counts, version sums and void counts of every table but the audit log's (audited refusals are expected). */
async function snapshotSql(c: PgClient): Promise<string> {
  const { rows } = await c.query(`
    SELECT t.table_name AS t,
           bool_or(c.column_name = 'version') AS v,
           bool_or(c.column_name = 'voided_at') AS vd
      FROM information_schema.tables t JOIN information_schema.columns c USING (table_schema, table_name)
     WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE'
       AND t.table_name NOT IN ('audit_events', 'audit_chain', 'migrations') AND t.table_name NOT LIKE 'login_%'
     GROUP BY 1 ORDER BY 1`);
  const parts = rows.map(
    (r: { t: string; v: boolean; vd: boolean }) =>
      `'${r.t}', (SELECT jsonb_build_array(count(*), ${r.v ? 'coalesce(sum(version), 0)' : '0'}, ${r.vd ? 'count(voided_at)' : '0'}) FROM "${r.t}")`,
  );
  return `SELECT jsonb_build_object(${parts.join(', ')}) AS s`;
}
type Snapshot = Record<string, [number, number, number]>;

function diff(a: Snapshot, b: Snapshot): Record<string, [number, number, number]> {
  const out: Record<string, [number, number, number]> = {};
  for (const k of Object.keys(b)) {
    const d = b[k].map((x, i) => Number(x) - Number(a[k]?.[i] ?? 0)) as [number, number, number];
    if (d.some((x) => x !== 0)) out[k] = d;
  }
  return out;
}

// ---------- the endpoints ----------

interface Endpoint {
  name: string;
  method: 'POST' | 'PATCH' | 'DELETE' | 'GET';
  who: FixtureName;
  runs: number;
  path: () => string;
  /** Write endpoints: a valid body (fresh each time). List endpoints: the query keys they know. */
  base?: () => Record<string, unknown>;
  keys?: string[];
  /** Tables a 2xx may change (for GETs: none). */
  mayChange?: string[];
  /** After a 2xx: keep the target usable (new version, new record). */
  onSuccess?: (body: any) => Promise<void> | void;
}

describe('bad input at volume (fast-check over every write body and list query)', () => {
  let t: TestApp;
  let sql: PgClient;
  let snapshotQuery: string;
  const tokens = {} as Record<FixtureName, string>;
  const figures: Record<string, string> = {};
  let total = 0;
  let fiveHundreds = 0;
  let good: Record<string, fc.Arbitrary<string>> = {};

  const send = async (method: string, url: string, who: FixtureName, payload?: string, contentType?: string) => {
    const res = await t.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: method as 'GET',
        url,
        headers: { authorization: `Bearer ${tokens[who]}`, ...(payload !== undefined ? { 'content-type': contentType ?? 'application/json' } : {}) },
        payload,
      });
    let body: any = res.body;
    try {
      body = res.json();
    } catch {
      /* CSV or empty */
    }
    return { status: res.statusCode, body };
  };
  const must = async (status: number, method: string, url: string, who: FixtureName, body?: unknown) => {
    const res = await send(method, url, who, body === undefined ? undefined : JSON.stringify(body));
    if (res.status !== status) throw new Error(`${method} ${url}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const snapshot = async (): Promise<Snapshot> => (await sql.query(snapshotQuery)).rows[0].s;

  beforeAll(async () => {
    t = await createTestApp({ leastPrivilege: true, env: { RATE_LIMIT_PER_MINUTE: '10000000' } });
    sql = await superuser(t.databaseUrl);
    sql.on('error', () => undefined);
    snapshotQuery = await snapshotSql(sql);
    for (const who of ['admin', 'auditor', 'neOfficer', 'neSupervisor', 'neSupervisor2', 'centralSupervisor'] as const) tokens[who] = await t.token(who);
  });
  afterAll(async () => {
    report('fuzz', { ...figures, 'total cases / 5xx': `${total} / ${fiveHundreds}`, 'seed (FAULTS_FUZZ_SEED)': SEED });
    await sql?.end();
    await t?.close();
  });

  let endpointNo = 0;
  /** Runs one endpoint's property: below 500 always; a refusal changes nothing; a success only its own tables. */
  async function fuzz(e: Endpoint): Promise<void> {
    const counts = new Map<number, number>();
    const t0 = Date.now();
    const arb = e.method === 'GET' ? queryArb(e.keys ?? [], good).map((q) => ({ q, r: null as BodyRecipe | null })) : bodyRecipe.map((r) => ({ q: '', r }));
    await fc.assert(
      fc.asyncProperty(arb, async ({ q, r }) => {
        const before = await snapshot();
        const body = r && e.base ? buildBody(e.base(), r) : undefined;
        const url = `${e.path()}${q ? `?${q}` : ''}`;
        const res = await send(e.method, url, e.who, body?.payload, body?.contentType);
        total += 1;
        counts.set(res.status, (counts.get(res.status) ?? 0) + 1);
        if (res.status >= 500) fiveHundreds += 1;
        const changed = diff(before, await snapshot());
        const ok = res.status >= 200 && res.status < 300;
        const where = `${e.method} ${url.slice(0, 300)} ${body ? body.payload.slice(0, 300) : ''} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
        if (res.status >= 500) throw new Error(`5xx: ${where}`);
        if (!ok && Object.keys(changed).length) throw new Error(`a refused request changed ${JSON.stringify(changed)}: ${where}`);
        const stray = Object.keys(changed).filter((k) => !(e.mayChange ?? []).includes(k));
        if (ok && stray.length) throw new Error(`a ${res.status} changed tables it should not (${JSON.stringify(changed)}): ${where}`);
        if (ok && e.method === 'POST' && e.mayChange?.length && !Object.keys(changed).length) throw new Error(`a ${res.status} stored nothing: ${where}`);
        if (ok && e.onSuccess) await e.onSuccess(res.body);
      }),
      { numRuns: e.runs, endOnFailure: true, seed: SEED + 1000 * endpointNo++ },
    );
    figures[e.name] = `${e.runs} cases in ${Date.now() - t0} ms: ${[...counts.entries()]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}×${n}`)
      .join(' ')}`;
  }

  it('never answers 5xx to any write body, and stores nothing from a refused one', async () => {
    const ref = (p: string, sep = '/') => `${p}${sep}${randomBytes(4).toString('hex').toUpperCase()}`;
    const NE = t.units['BCU-NE'];
    const operationId = (await must(201, 'POST', `${API}/operations`, 'neSupervisor', { name: 'LEGATUM', reference: ref('OP'), startsOn: '2021-03-01' })).id;
    const warrantBody = () => ({
      operationId,
      reference: ref('W'),
      type: 'PCA 1978 s.4',
      status: 'executed',
      grantedAt: '2021-02-26T10:00:00Z',
      executedAt: '2021-03-01T06:00:00Z',
      locationArea: 'NE1',
      childrenSafeguarded: 2,
      outcome: 'Two devices seized',
    });
    const warrantId = (await must(201, 'POST', `${API}/warrants`, 'neOfficer', warrantBody())).id;

    const records: { path: string; table: string; who: FixtureName; create: () => Record<string, unknown>; patch: Record<string, unknown> }[] = [
      {
        path: 'operations',
        table: 'operations',
        who: 'neSupervisor',
        create: () => ({
          name: 'LEGATUM',
          reference: ref('OP'),
          startsOn: '2021-03-01',
          endsOn: '2021-03-08',
          status: 'active',
          description: 'Week of action',
        }),
        patch: { status: 'closed', description: 'Closed after review' },
      },
      { path: 'warrants', table: 'warrants', who: 'neOfficer', create: warrantBody, patch: { childrenSafeguarded: 4, outcome: 'Three devices seized' } },
      {
        path: 'arrests',
        table: 'arrests',
        who: 'neOfficer',
        create: () => ({ operationId, warrantId, arrestedAt: '2021-03-01T06:30:00Z', suspectRef: ref('SR'), offenceCode: 'SX03001', outcome: 'bailed' }),
        patch: { outcome: 'charged' },
      },
      {
        path: 'exhibits',
        table: 'exhibits',
        who: 'neOfficer',
        create: () => ({
          operationId,
          warrantId,
          reference: ref('JS'),
          itemType: 'phone',
          seizedAt: '2021-03-01T06:30:00Z',
          sealNumber: 'SEAL-000123',
          description: 'Black smartphone',
          sha256: randomBytes(32).toString('hex'),
        }),
        patch: { forensicStatus: 'in_progress' },
      },
      {
        path: 'safeguarding-visits',
        table: 'safeguarding_visits',
        who: 'neOfficer',
        create: () => ({
          operationId,
          warrantId,
          visitedAt: '2021-03-02T14:00:00Z',
          childrenSafeguarded: 3,
          agenciesNotified: "Children's social care",
          outcome: 'Strategy meeting arranged',
        }),
        patch: { childrenSafeguarded: 5 },
      },
      {
        path: 'referrals',
        table: 'referrals',
        who: 'neOfficer',
        create: () => ({ operationId, source: 'NCA', reference: ref('NCA', '-'), receivedAt: '2021-03-03T08:15:00Z', riskGrade: 'high', status: 'triaged' }),
        patch: { status: 'allocated', riskGrade: 'medium' },
      },
    ];

    for (const rec of records) {
      await fuzz({
        name: `POST ${rec.path}`,
        method: 'POST',
        who: rec.who,
        runs: runs(140),
        path: () => `${API}/${rec.path}`,
        base: rec.create,
        mayChange: [rec.table],
      });
      const target = { id: '', version: 1 };
      const fresh = async () => {
        const b = await must(201, 'POST', `${API}/${rec.path}`, rec.who, rec.create());
        Object.assign(target, { id: b.id, version: b.version });
      };
      await fresh();
      await fuzz({
        name: `PATCH ${rec.path}/:id`,
        method: 'PATCH',
        who: rec.who,
        runs: runs(90),
        path: () => `${API}/${rec.path}/${target.id}`,
        base: () => ({ version: target.version, ...rec.patch }),
        mayChange: [rec.table],
        onSuccess: (b) => void (target.version = b.version),
      });
      await fresh();
      await fuzz({
        name: `DELETE ${rec.path}/:id`,
        method: 'DELETE',
        who: rec.who,
        runs: runs(30),
        path: () => `${API}/${rec.path}/${target.id}`,
        base: () => ({ reason: 'Entered twice by mistake', version: target.version }),
        mayChange: [rec.table],
        onSuccess: fresh,
      });
    }

    // Custody movements: a step must start where the last ended, so a success moves the expected origin.
    const exhibit = { id: (await must(201, 'POST', `${API}/exhibits`, 'neOfficer', records[3].create())).id, at: 'Scene', n: 0 };
    await fuzz({
      name: 'POST exhibits/:id/movements',
      method: 'POST',
      who: 'neOfficer',
      runs: runs(90),
      path: () => `${API}/exhibits/${exhibit.id}/movements`,
      base: () => ({
        movedAt: `2021-03-${String(2 + (exhibit.n % 20)).padStart(2, '0')}T09:00:00Z`,
        fromLocation: exhibit.at,
        toLocation: `Store ${exhibit.n + 1}`,
        reason: 'Booked in',
        sealNumber: 'SEAL-1',
      }),
      mayChange: ['exhibit_movements', 'exhibits'],
      onSuccess: (b) => {
        exhibit.at = b.toLocation;
        exhibit.n += 1;
      },
    });
    // Voiding a movement: on an exhibit of its own, with one movement.
    const moved = (await must(201, 'POST', `${API}/exhibits`, 'neOfficer', records[3].create())).id;
    const movementId = (
      await must(201, 'POST', `${API}/exhibits/${moved}/movements`, 'neOfficer', {
        movedAt: '2021-03-02T09:00:00Z',
        fromLocation: 'Scene',
        toLocation: 'Court',
        reason: 'Produced at court',
      })
    ).id;
    await fuzz({
      name: 'DELETE exhibits/:id/movements/:movementId',
      method: 'DELETE',
      who: 'neOfficer',
      runs: runs(25),
      path: () => `${API}/exhibits/${moved}/movements/${movementId}`,
      base: () => ({ reason: 'Wrong store entered', version: 1 }),
      mayChange: ['exhibit_movements', 'exhibits'],
    });

    // Weekly returns: submit, then return and approve by another supervisor.
    await fuzz({
      name: 'POST weekly-returns',
      method: 'POST',
      who: 'neSupervisor',
      runs: runs(80),
      path: () => `${API}/weekly-returns`,
      base: () => ({ unitId: NE, week: '2021-W09', comment: 'Operation LEGATUM week' }),
      mayChange: ['weekly_returns', 'weekly_return_steps'],
    });
    const submitted = await must(201, 'POST', `${API}/weekly-returns`, 'neSupervisor', { unitId: NE, week: '2021-W10' });
    await fuzz({
      name: 'POST weekly-returns/:id/return',
      method: 'POST',
      who: 'neSupervisor2',
      runs: runs(40),
      path: () => `${API}/weekly-returns/${submitted.id}/return`,
      base: () => ({ reason: 'One arrest is missing' }),
      mayChange: ['weekly_returns', 'weekly_return_steps'],
    });
    const again = await must(201, 'POST', `${API}/weekly-returns`, 'neSupervisor', { unitId: NE, week: '2021-W11' });
    await fuzz({
      name: 'POST weekly-returns/:id/approve',
      method: 'POST',
      who: 'neSupervisor2',
      runs: runs(40),
      path: () => `${API}/weekly-returns/${again.id}/approve`,
      base: () => ({ figuresHash: again.figuresHash }),
      mayChange: ['weekly_returns', 'weekly_return_steps'],
    });

    // Admin: units and users.
    await fuzz({
      name: 'POST units',
      method: 'POST',
      who: 'admin',
      runs: runs(80),
      path: () => `${API}/units`,
      base: () => ({ code: `FZ-${randomBytes(3).toString('hex').toUpperCase()}`, name: 'Fuzzed borough team', kind: 'borough' }),
      mayChange: ['units'],
    });
    await fuzz({
      name: 'POST users',
      method: 'POST',
      who: 'admin',
      runs: runs(50),
      path: () => `${API}/users`,
      base: () => ({
        username: `fz.${randomBytes(3).toString('hex')}`,
        displayName: 'DC Fuzz',
        role: 'officer',
        unitId: NE,
        password: 'Kestrel-Orbit-Lantern-52',
      }),
      mayChange: ['users'],
    });
    const user = await must(201, 'POST', `${API}/users`, 'admin', {
      username: 'fz.target',
      displayName: 'DC Target',
      role: 'officer',
      unitId: NE,
      password: 'Kestrel-Orbit-Lantern-52',
    });
    const userState = { version: user.version as number };
    await fuzz({
      name: 'PATCH users/:id',
      method: 'PATCH',
      who: 'admin',
      runs: runs(50),
      path: () => `${API}/users/${user.id}`,
      base: () => ({ version: userState.version, displayName: 'DC Target (moved)', role: 'supervisor', disabled: false }),
      mayChange: ['users'],
      onSuccess: (b) => void (userState.version = b.version),
    });

    // Sessions last: failed sign-ins throttle this address, which would stop the logins above.
    await fuzz({
      name: 'POST auth/totp/enable',
      method: 'POST',
      who: 'neOfficer',
      runs: runs(20),
      path: () => `${API}/auth/totp/enable`,
      base: () => ({ code: '123456' }),
      mayChange: ['users'],
    });
    await fuzz({
      name: 'POST auth/login',
      method: 'POST',
      who: 'neOfficer',
      runs: runs(30),
      path: () => `${API}/auth/login`,
      base: () => ({ username: 'fz.nobody', password: 'Kestrel-Orbit-Lantern-52' }),
      mayChange: ['users'],
    });
  });

  it('never answers 5xx to any list query, and a list stores nothing', async () => {
    const page = ['limit', 'cursor', 'sort', 'direction', 'includeVoided'];
    const rec = [...page, 'unitId', 'from', 'to', 'operationId', 'warrantId'];
    const [op] = await sql.query(`SELECT id FROM operations LIMIT 1`).then((r) => r.rows);
    const [ex] = await sql.query(`SELECT id FROM exhibits LIMIT 1`).then((r) => r.rows);
    const records = (
      await sql.query(`(SELECT id FROM operations LIMIT 3) UNION ALL (SELECT id FROM warrants LIMIT 3) UNION ALL (SELECT id FROM users LIMIT 3)`)
    ).rows.map((r: { id: string }) => r.id);
    good = goodValues({ units: Object.values(t.units), records });
    const lists: Endpoint[] = [
      {
        name: 'GET operations',
        method: 'GET',
        who: 'centralSupervisor',
        runs: runs(100),
        path: () => `${API}/operations`,
        keys: [...rec, 'status', 'name', 'reference'],
      },
      { name: 'GET warrants', method: 'GET', who: 'neOfficer', runs: runs(100), path: () => `${API}/warrants`, keys: [...rec, 'status', 'type'] },
      { name: 'GET arrests', method: 'GET', who: 'neOfficer', runs: runs(85), path: () => `${API}/arrests`, keys: [...rec, 'outcome', 'offenceCode'] },
      { name: 'GET exhibits', method: 'GET', who: 'neOfficer', runs: runs(85), path: () => `${API}/exhibits`, keys: [...rec, 'itemType', 'forensicStatus'] },
      { name: 'GET safeguarding-visits', method: 'GET', who: 'neOfficer', runs: runs(85), path: () => `${API}/safeguarding-visits`, keys: rec },
      {
        name: 'GET referrals',
        method: 'GET',
        who: 'neOfficer',
        runs: runs(100),
        path: () => `${API}/referrals`,
        keys: [...rec, 'status', 'source', 'riskGrade'],
      },
      { name: 'GET exhibits/:id/movements', method: 'GET', who: 'neOfficer', runs: runs(55), path: () => `${API}/exhibits/${ex.id}/movements`, keys: page },
      {
        name: 'GET operations/:id/summary',
        method: 'GET',
        who: 'neOfficer',
        runs: runs(40),
        path: () => `${API}/operations/${op.id}/summary`,
        keys: ['from', 'to', 'week'],
      },
      { name: 'GET units', method: 'GET', who: 'admin', runs: runs(55), path: () => `${API}/units`, keys: [...page, 'kind'] },
      { name: 'GET users', method: 'GET', who: 'admin', runs: runs(55), path: () => `${API}/users`, keys: [...page, 'unitId', 'role', 'disabled'] },
      {
        name: 'GET audit-events',
        method: 'GET',
        who: 'auditor',
        runs: runs(110),
        path: () => `${API}/audit-events`,
        keys: ['limit', 'cursor', 'actorId', 'entityType', 'entityId', 'action', 'outcome', 'from', 'to'],
      },
      {
        name: 'GET audit-events/export',
        method: 'GET',
        who: 'auditor',
        runs: runs(55),
        path: () => `${API}/audit-events/export`,
        keys: ['reason', 'format', 'actorId', 'entityType', 'entityId', 'action', 'outcome', 'from', 'to'],
      },
      {
        name: 'GET audit-events/history/:type/:id',
        method: 'GET',
        who: 'auditor',
        runs: runs(40),
        path: () => `${API}/audit-events/history/operation/${op.id}`,
        keys: ['limit', 'cursor'],
      },
      { name: 'GET weekly-returns', method: 'GET', who: 'neSupervisor', runs: runs(85), path: () => `${API}/weekly-returns`, keys: ['unitId', 'week'] },
      {
        name: 'GET weekly-returns/summary',
        method: 'GET',
        who: 'centralSupervisor',
        runs: runs(55),
        path: () => `${API}/weekly-returns/summary`,
        keys: ['week'],
      },
      {
        name: 'GET weekly-returns/series',
        method: 'GET',
        who: 'centralSupervisor',
        runs: runs(70),
        path: () => `${API}/weekly-returns/series`,
        keys: ['unitId', 'from', 'to'],
      },
      {
        name: 'GET weekly-returns/export',
        method: 'GET',
        who: 'neSupervisor',
        runs: runs(40),
        path: () => `${API}/weekly-returns/export`,
        keys: ['unitId', 'week', 'reason'],
      },
      {
        name: 'GET weekly-returns/summary/export',
        method: 'GET',
        who: 'centralSupervisor',
        runs: runs(40),
        path: () => `${API}/weekly-returns/summary/export`,
        keys: ['week', 'reason'],
      },
      {
        name: 'GET weekly-returns/series/export',
        method: 'GET',
        who: 'centralSupervisor',
        runs: runs(40),
        path: () => `${API}/weekly-returns/series/export`,
        keys: ['unitId', 'from', 'to', 'reason'],
      },
    ];
    for (const e of lists) await fuzz(e);
  });
});
