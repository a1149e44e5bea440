import { Client, QueryConfig } from 'pg';
import { percentile } from './load';

/**
 * The ceiling: what PostgreSQL itself does with the same work when nothing stands between the
 * client and the database — no HTTP, no framework, no validation — at the same concurrency. Each
 * endpoint's database work is written in its fastest single-request form: one prepared statement
 * per request that does the record work and inserts the audit event (the same row the server
 * writes), so a request is one round trip.
 */

export interface CeilingResult {
  title: string;
  connections: number;
  requests: number;
  errors: number;
  firstError?: string;
  seconds: number;
  reqPerSec: number;
  p50: number;
  p99: number;
}

const AUDIT_COLUMNS = 'actor_id, actor_role, actor_unit_id, action, entity_type, entity_id, request_id, ip, outcome, purpose, changes, details';

export interface Actor {
  id: string;
  role: string;
  unitId: string;
}

/** All of a table's columns, as the server's record store selects them. */
export async function columnsOf(url: string, table: string): Promise<string[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
      [table],
    );
    return rows.map((r) => r.column_name);
  } finally {
    await c.end();
  }
}

const q = (s: string) => `"${s}"`;

/** GET /exhibits/:id: the record (in the actor's units), its current custody location, and a `view` event. */
export function readQuery(cols: string[], actor: Actor, ids: string[]): (i: number) => QueryConfig {
  const text = `
    WITH rec AS (SELECT ${cols.map((c) => `t.${q(c)}`).join(', ')} FROM exhibits t WHERE t.id = $1::uuid AND t.unit_id = ANY($2::uuid[])),
    ev AS (INSERT INTO audit_events (${AUDIT_COLUMNS})
           SELECT $3::uuid, $4, $5::uuid, 'view', 'exhibit', $1::uuid, $6, '127.0.0.1',
                  CASE WHEN EXISTS (SELECT 1 FROM rec) THEN 'success' ELSE 'not_found' END,
                  (SELECT 'operation ' || operation_id::text FROM rec), NULL, NULL)
    SELECT rec.*, (SELECT m.to_location FROM exhibit_movements m WHERE m.exhibit_id = $1::uuid AND m.voided_at IS NULL
                    ORDER BY m.moved_at DESC, m.created_at DESC LIMIT 1) AS current_location
      FROM rec`;
  return (i) => ({ name: 'ceiling_read', text, values: [ids[i % ids.length], [actor.unitId], actor.id, actor.role, actor.unitId, `ceiling-${i}`] });
}

/** POST /exhibits: the operation must be live and in the actor's units; insert the exhibit and a `create` event with its field diff. */
export function createQuery(cols: string[], actor: Actor, operationId: string, body: (i: number) => Record<string, unknown>): (i: number) => QueryConfig {
  const text = `
    WITH rec AS (
      INSERT INTO exhibits (unit_id, operation_id, reference, item_type, seized_at, seal_number, description, created_by, updated_by)
      SELECT $1::uuid, $2::uuid, $3, $4, $5::timestamptz, $6, $7, $8::uuid, $8::uuid
       WHERE EXISTS (SELECT 1 FROM operations o WHERE o.id = $2::uuid AND o.voided_at IS NULL AND o.unit_id = ANY($9::uuid[]))
      RETURNING ${cols.map(q).join(', ')}),
    ev AS (INSERT INTO audit_events (${AUDIT_COLUMNS})
           SELECT $8::uuid, $10, $11::uuid, 'create', 'exhibit', rec.id, $12, '127.0.0.1', 'success', NULL, $13::jsonb, NULL FROM rec)
    SELECT * FROM rec`;
  return (i) => {
    const b = body(i);
    const changes = {
      unitId: [null, actor.unitId],
      operationId: [null, operationId],
      reference: [null, b.reference],
      itemType: [null, b.itemType],
      seizedAt: [null, b.seizedAt],
      sealNumber: [null, b.sealNumber],
      description: [null, b.description],
    };
    return {
      name: 'ceiling_create',
      text,
      values: [
        actor.unitId,
        operationId,
        b.reference,
        b.itemType,
        b.seizedAt,
        b.sealNumber,
        b.description,
        actor.id,
        [actor.unitId],
        actor.role,
        actor.unitId,
        `ceiling-${i}`,
        JSON.stringify(changes),
      ],
    };
  };
}

/** GET /exhibits?operationId=: a page of 50 (one more to know there is a next page) and a `list` event naming the filter and the ids returned. */
export function listQuery(cols: string[], actor: Actor, operationId: string, limit = 50): (i: number) => QueryConfig {
  const order = 'seized_at DESC, id DESC';
  const text = `
    WITH page AS (SELECT ${cols.map((c) => `t.${q(c)}`).join(', ')}, t.seized_at::text AS __cursor FROM exhibits t
                   WHERE t.unit_id = ANY($1::uuid[]) AND t.voided_at IS NULL AND t.operation_id = $2::uuid
                   ORDER BY t.seized_at DESC, t.id DESC LIMIT ${limit + 1}),
    ev AS (INSERT INTO audit_events (${AUDIT_COLUMNS})
           SELECT $3::uuid, $4, $5::uuid, 'list', 'exhibit', NULL, $6, '127.0.0.1', 'success', NULL, NULL,
                  $7::jsonb || jsonb_build_object('ids', COALESCE((SELECT jsonb_agg(p.id ORDER BY p.${order.replace(', id', ', p.id')})
                                                               FROM (SELECT * FROM page ORDER BY ${order} LIMIT ${limit}) p), '[]'::jsonb)))
    SELECT * FROM page ORDER BY ${order}`;
  const details = JSON.stringify({ filter: { operationId, sort: 'seizedAt', direction: 'desc', limit } });
  return (i) => ({ name: 'ceiling_list', text, values: [[actor.unitId], operationId, actor.id, actor.role, actor.unitId, `ceiling-${i}`, details] });
}

/**
 * `connections` clients, each looping its query back to back: a warm-up, then `durationSec`
 * measured. A loop finishes the query it has in flight when time is up, so every counted request
 * completed.
 */
export async function ceilingLoop(
  title: string,
  url: string,
  connections: number,
  durationSec: number,
  warmupSec: number,
  query: (i: number) => QueryConfig,
  hooks: { onMeasuredStart?: () => void; onMeasuredEnd?: () => void } = {},
): Promise<CeilingResult> {
  const clients = await Promise.all(
    Array.from({ length: connections }, async () => {
      const c = new Client({ connectionString: url, application_name: 'haven-bench-ceiling' });
      await c.connect();
      return c;
    }),
  );
  let seq = 0;
  let errors = 0;
  let firstError: string | undefined;
  const phase = async (seconds: number, latencies: number[] | null) => {
    const until = Date.now() + seconds * 1000;
    let done = 0;
    const t0 = process.hrtime.bigint();
    await Promise.all(
      clients.map(async (c) => {
        while (Date.now() < until) {
          const s = process.hrtime.bigint();
          try {
            const r = await c.query(query(seq++));
            if (r.rows.length === 0) throw new Error('no row returned');
            done += 1;
            latencies?.push(Number(process.hrtime.bigint() - s) / 1e6);
          } catch (e) {
            errors += 1;
            firstError ??= (e as Error).message;
          }
        }
      }),
    );
    return { done, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
  };
  try {
    await phase(warmupSec, null);
    errors = 0;
    const latencies: number[] = [];
    hooks.onMeasuredStart?.();
    const m = await phase(durationSec, latencies);
    hooks.onMeasuredEnd?.();
    return {
      title,
      connections,
      requests: m.done,
      errors,
      firstError,
      seconds: m.seconds,
      reqPerSec: m.done / m.seconds,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
    };
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  }
}
