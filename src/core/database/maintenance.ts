import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';

/** How long one maintenance statement (sealing, verifying the chain) may run. */
export const MAINTENANCE_TIMEOUT_MS = 15 * 60_000;

export type Query = <R = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<R[]>;

/**
 * A transaction for maintenance work on one of the pool's connections, with its own deadline on
 * both sides (statement_timeout in Postgres, the client's read timeout): requests get a few
 * seconds before they answer 503, but linking or verifying a million audit events takes longer.
 */
export async function maintenanceTransaction<R>(
  dataSource: DataSource,
  isolation: 'READ COMMITTED' | 'REPEATABLE READ',
  work: (q: Query) => Promise<R>,
): Promise<R> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  const client: PoolClient = await pool.connect();
  // A connection the database drops meanwhile is heard by the listener every pooled connection
  // has (listenForDroppedConnection): the work's next statement fails, and the pool discards it.
  // node-pg honours a per-query read timeout (its types omit it).
  const q: Query = async <T>(sql: string, params: unknown[] = []) => {
    const config = { text: sql, values: params, query_timeout: MAINTENANCE_TIMEOUT_MS } as { text: string; values: unknown[] };
    return (await client.query(config)).rows as T[];
  };
  let failed = false;
  try {
    await q(`BEGIN ISOLATION LEVEL ${isolation}`);
    await q(`SET LOCAL statement_timeout = ${MAINTENANCE_TIMEOUT_MS}`);
    const result = await work(q);
    await q('COMMIT');
    return result;
  } catch (e) {
    failed = true;
    await q('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    // A connection that failed, or whose rollback may not have gone through, is not reused.
    client.release(failed ? true : undefined);
  }
}
