import { Client } from 'pg';

/**
 * The bench's dataset, written straight into PostgreSQL with INSERT … SELECT generate_series (no
 * API, no client-side rows): about 1M records in well under a minute on a laptop.
 *
 * Proportions follow a typical published week of action (64 warrants, 31 arrests, 264 exhibits,
 * 33 safeguarding visits, ~50 referrals), so exhibits are ~4× warrants. Dates are spread evenly
 * over 2020-01-01 .. 2024-12-31 (five years), records round-robin over the units given, about 70%
 * linked to one of the generated operations of their unit, 2% voided. Randomness is seeded, so a
 * given call sequence always produces the same dataset.
 */

export const SHARES = { warrants: 64, arrests: 31, exhibits: 264, safeguarding_visits: 33, referrals: 50 } as const;
export type RecordTable = keyof typeof SHARES;
const SHARE_TOTAL = Object.values(SHARES).reduce((a, b) => a + b, 0);

/** Records per generated operation (so operations grow with the dataset). */
const RECORDS_PER_OPERATION = 600;
const BATCH = 200_000;
const FIVE_YEARS = `interval '1827 days'`; // 2020-01-01 .. 2024-12-31 inclusive
const EPOCH = `timestamptz '2020-01-01 00:00:00+00'`;

export interface GenerateOptions {
  /** Units the records belong to (round-robin). */
  unitIds: string[];
  /** The user the records are created by. */
  creatorId: string;
  /** How many records to add, over all five tables. */
  count: number;
  log?: (line: string) => void;
}

export interface GenerateResult {
  added: Record<RecordTable | 'operations', number>;
  ms: number;
}

/** Splits `count` over the tables by SHARES (exact total). */
export function split(count: number): Record<RecordTable, number> {
  const tables = Object.keys(SHARES) as RecordTable[];
  const out = {} as Record<RecordTable, number>;
  let left = count;
  tables.forEach((t, i) => {
    out[t] = i === tables.length - 1 ? left : Math.round((count * SHARES[t]) / SHARE_TOTAL);
    left -= out[t];
  });
  return out;
}

async function nextIndex(c: Client, table: string): Promise<number> {
  const { rows } = await c.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`);
  return Number(rows[0].n) + 1;
}

/** A row source: i, its unit, a random instant in the five years, and three random numbers; joined to a generated operation of the same unit. */
function source(units: number): string {
  return `
    src AS (
      SELECT i, ($1::uuid[])[1 + (i % ${units})] AS unit_id, (i % ${units}) AS unit_no,
             ${EPOCH} + random() * ${FIVE_YEARS} AS d, random() AS r, random() AS r2, random() AS r3
        FROM generate_series($2::bigint, $3::bigint) AS i),
    s AS (
      SELECT src.*, o.id AS operation_id, (src.r3 >= 0.98) AS voided
        FROM src LEFT JOIN bench_ops o ON o.unit_no = src.unit_no AND o.k = (src.i / ${units}) % $4::int AND src.r2 < 0.7)`;
}

const VOID_COLS = `voided_at, voided_by, void_reason`;
const voidVals = `CASE WHEN voided THEN d + interval '2 days' END, CASE WHEN voided THEN $5::uuid END, CASE WHEN voided THEN 'Entered twice' END`;
const META_COLS = `created_at, updated_at, created_by, updated_by`;
const metaVals = `d + interval '1 hour', d + interval '1 hour', $5::uuid, $5::uuid`;

const INSERTS: Record<RecordTable, (units: number) => string> = {
  warrants: (u) => `WITH ${source(u)}
    INSERT INTO warrants (unit_id, operation_id, reference, type, status, granted_at, executed_at, location_area, children_safeguarded, outcome, ${META_COLS}, ${VOID_COLS})
    SELECT unit_id, operation_id, 'GW/' || i, (ARRAY['s.8 PACE', 's.4 PoCA 1978', 's.2 OPA 1959'])[1 + i % 3],
           CASE WHEN r < 0.80 THEN 'executed' WHEN r < 0.87 THEN 'granted' WHEN r < 0.92 THEN 'expired' WHEN r < 0.96 THEN 'refused' WHEN r < 0.98 THEN 'withdrawn' ELSE 'applied' END,
           CASE WHEN r < 0.96 THEN d - interval '3 days' END, CASE WHEN r < 0.80 THEN d END,
           'BCU area ' || (i % 40), CASE WHEN r < 0.80 THEN (i % 5) / 3 ELSE 0 END, CASE WHEN r < 0.80 THEN 'Devices seized' END,
           ${metaVals}, ${voidVals}
      FROM s`,
  arrests: (u) => `WITH ${source(u)}
    INSERT INTO arrests (unit_id, operation_id, arrested_at, suspect_ref, offence_code, outcome, ${META_COLS}, ${VOID_COLS})
    SELECT unit_id, operation_id, d, 'SR' || lpad((i % 1000000)::text, 7, '0'), (ARRAY['86/2', '86/12', '195/94', '88/22'])[1 + i % 4],
           (ARRAY['charged', 'released_under_investigation', 'bailed', 'cautioned', 'nfa'])[1 + (r * 5)::int % 5],
           ${metaVals}, ${voidVals}
      FROM s`,
  exhibits: (u) => `WITH ${source(u)}
    INSERT INTO exhibits (unit_id, operation_id, reference, item_type, seized_at, seal_number, description, sha256, forensic_status, ${META_COLS}, ${VOID_COLS})
    SELECT unit_id, operation_id, 'GX/' || i, (ARRAY['phone', 'phone', 'phone', 'tablet', 'laptop', 'desktop', 'storage', 'storage', 'other'])[1 + i % 9], d,
           'SL' || lpad(i::text, 8, '0'), (ARRAY['Black smartphone', 'Silver laptop', 'USB stick, blue', 'External drive', 'Tablet in red case'])[1 + i % 5],
           CASE WHEN r < 0.3 THEN md5(i::text) || md5((i + 1)::text) END,
           (ARRAY['awaiting', 'in_progress', 'examined', 'examined', 'not_required'])[1 + (r * 5)::int % 5],
           ${metaVals}, ${voidVals}
      FROM s`,
  safeguarding_visits: (u) => `WITH ${source(u)}
    INSERT INTO safeguarding_visits (unit_id, operation_id, visited_at, children_safeguarded, agencies_notified, outcome, ${META_COLS}, ${VOID_COLS})
    SELECT unit_id, operation_id, d, (i % 4), 'Children''s social care', 'Safety plan agreed', ${metaVals}, ${voidVals}
      FROM s`,
  referrals: (u) => `WITH ${source(u)}
    INSERT INTO referrals (unit_id, operation_id, source, reference, received_at, risk_grade, status, ${META_COLS}, ${VOID_COLS})
    SELECT unit_id, operation_id, (ARRAY['NCA', 'NCA', 'NCA', 'CEOP', 'partner', 'internal', 'public'])[1 + i % 7], 'GR/' || i, d,
           (ARRAY['low', 'medium', 'medium', 'high', 'very_high'])[1 + (r * 5)::int % 5],
           (ARRAY['received', 'triaged', 'allocated', 'actioned', 'closed'])[1 + (r2 * 5)::int % 5],
           ${metaVals}, ${voidVals}
      FROM s`,
};

/** Adds `count` records (and their operations) to the database at `url` (an owner login: it makes a temp table). */
export async function generateRecords(url: string, o: GenerateOptions): Promise<GenerateResult> {
  const log = o.log ?? (() => undefined);
  const t0 = Date.now();
  const c = new Client({ connectionString: url, application_name: 'haven-bench-generator' });
  await c.connect();
  const units = o.unitIds.length;
  try {
    await c.query(`SET statement_timeout = 0`);
    await c.query(`SELECT setseed(0.4242)`);
    // Operations for this slice of data: about one per RECORDS_PER_OPERATION records, spread over the units.
    const perUnit = Math.max(1, Math.round(o.count / RECORDS_PER_OPERATION / units));
    const firstOp = await nextIndex(c, 'operations');
    await c.query(`CREATE TEMP TABLE IF NOT EXISTS bench_ops (unit_no int, k int, id uuid, PRIMARY KEY (unit_no, k))`);
    await c.query(`TRUNCATE bench_ops`);
    await c.query(
      `WITH made AS (
         INSERT INTO operations (unit_id, name, reference, starts_on, ends_on, status, description, created_by, updated_by)
         SELECT ($1::uuid[])[1 + (n % ${units})], 'GENERATED ' || n, 'GOP/' || n, d::date, (d + interval '90 days')::date,
                CASE WHEN d < now() - interval '180 days' THEN 'closed' ELSE 'active' END, 'Generated for the benchmark', $4::uuid, $4::uuid
           FROM (SELECT n, ${EPOCH} + random() * ${FIVE_YEARS} AS d FROM generate_series($2::bigint, $3::bigint) AS n) x
         RETURNING id, reference)
       INSERT INTO bench_ops (unit_no, k, id)
       SELECT n % ${units}, (n - $2::bigint) / ${units}, id FROM (SELECT id, substr(reference, 5)::bigint AS n FROM made) m`,
      [o.unitIds, firstOp, firstOp + perUnit * units - 1, o.creatorId],
    );
    const added = { operations: perUnit * units } as GenerateResult['added'];
    for (const [table, n] of Object.entries(split(o.count)) as [RecordTable, number][]) {
      const first = await nextIndex(c, table);
      const t1 = Date.now();
      for (let from = first; from < first + n; from += BATCH) {
        const to = Math.min(first + n - 1, from + BATCH - 1);
        await c.query(INSERTS[table](units), [o.unitIds, from, to, perUnit, o.creatorId]);
      }
      added[table] = n;
      log(`  ${table}: +${n.toLocaleString('en-GB')} in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
    }
    return { added, ms: Date.now() - t0 };
  } finally {
    await c.end();
  }
}

/**
 * Adds `count` audit events shaped like the server's own (views with a purpose, lists with the
 * ids they returned, creates with a field diff), so the chain has something real to hash. They
 * go in unlinked: the server's sealer links them into the chain as it would any new event.
 */
export async function generateAuditEvents(
  url: string,
  o: { count: number; actorIds: string[]; unitIds: string[]; log?: (l: string) => void },
): Promise<number> {
  const c = new Client({ connectionString: url, application_name: 'haven-bench-generator' });
  await c.connect();
  const t0 = Date.now();
  try {
    await c.query(`SET statement_timeout = 0`);
    const first = await nextIndex(c, 'audit_events');
    for (let from = first; from < first + o.count; from += BATCH) {
      const to = Math.min(first + o.count - 1, from + BATCH - 1);
      await c.query(
        `INSERT INTO audit_events (at, actor_id, actor_role, actor_unit_id, action, entity_type, entity_id, request_id, ip, outcome, purpose, changes, details)
         SELECT ${EPOCH} + i * interval '150 seconds', ($3::uuid[])[1 + i % cardinality($3::uuid[])], 'officer', ($4::uuid[])[1 + i % cardinality($4::uuid[])],
                a, 'exhibit', CASE WHEN a <> 'list' THEN gen_random_uuid() END, 'gen-' || i, '10.1.' || (i % 250) || '.' || (i % 199), 'success',
                CASE WHEN a = 'view' THEN 'operation ' || gen_random_uuid() END,
                CASE WHEN a = 'create' THEN jsonb_build_object('reference', jsonb_build_array(NULL, 'GX/' || i), 'itemType', jsonb_build_array(NULL, 'phone'),
                                                               'seizedAt', jsonb_build_array(NULL, '2023-03-01T06:00:00.000Z')) END,
                CASE WHEN a = 'list' THEN jsonb_build_object('filter', jsonb_build_object('operationId', gen_random_uuid(), 'sort', 'seizedAt', 'direction', 'desc', 'limit', 50),
                                                             'ids', (SELECT jsonb_agg(gen_random_uuid()) FROM generate_series(1, 10 + 0 * i))) END
           FROM (SELECT i, CASE WHEN i % 20 < 17 THEN 'view' WHEN i % 20 < 19 THEN 'list' ELSE 'create' END AS a
                   FROM generate_series($1::bigint, $2::bigint) AS i) x`,
        [from, to, o.actorIds, o.unitIds],
      );
      o.log?.(`  audit_events: ${(to - first + 1).toLocaleString('en-GB')} of ${o.count.toLocaleString('en-GB')}`);
    }
    o.log?.(`  audit_events: +${o.count.toLocaleString('en-GB')} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return o.count;
  } finally {
    await c.end();
  }
}

/** VACUUM ANALYZE after a bulk load, as autovacuum would shortly do, so plans and visibility maps are current; then a checkpoint. */
export async function analyze(url: string): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`SET statement_timeout = 0`);
    for (const t of ['operations', 'warrants', 'arrests', 'exhibits', 'safeguarding_visits', 'referrals', 'audit_events', 'audit_chain']) {
      await c.query(`VACUUM ANALYZE ${t}`);
    }
    // Write the bulk load's dirty pages out now, not as a checkpoint in the middle of a measurement
    // (needs superuser or pg_checkpoint; skipped quietly without).
    await c.query(`CHECKPOINT`).catch(() => undefined);
  } finally {
    await c.end();
  }
}

/** Row counts of the record tables. */
export async function recordCounts(url: string): Promise<Record<string, number>> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const out: Record<string, number> = {};
    for (const t of ['operations', ...Object.keys(SHARES), 'audit_events', 'audit_chain']) {
      const { rows } = await c.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${t}`);
      out[t] = Number(rows[0].n);
    }
    return out;
  } finally {
    await c.end();
  }
}

// Stand-alone: add records to an existing Haven database (an owner login), e.g.
//   npx ts-node --transpile-only -P bench/tsconfig.json bench/generate-records.ts postgres://… 1000000
if (require.main === module) {
  const [url, countArg] = process.argv.slice(2);
  if (!url) {
    process.stderr.write('usage: generate-records.ts <owner postgres:// url> [records=1000000]\n');
    process.exit(2);
  }
  (async () => {
    const c = new Client({ connectionString: url });
    await c.connect();
    const units = (await c.query<{ id: string }>(`SELECT id FROM units ORDER BY code`)).rows.map((r) => r.id);
    const creator = (await c.query<{ id: string }>(`SELECT id FROM users ORDER BY created_at LIMIT 1`)).rows[0]?.id;
    await c.end();
    if (!units.length || !creator) throw new Error('no units or users yet: start the server once with a first admin, and create the units');
    const r = await generateRecords(url, {
      unitIds: units,
      creatorId: creator,
      count: Number(countArg ?? 1_000_000),
      log: (l) => process.stdout.write(`${l}\n`),
    });
    await analyze(url);
    process.stdout.write(`added ${JSON.stringify(r.added)} in ${(r.ms / 1000).toFixed(1)} s\n`);
  })().catch((e: Error) => {
    process.stderr.write(`${e.stack ?? e.message}\n`);
    process.exit(1);
  });
}
