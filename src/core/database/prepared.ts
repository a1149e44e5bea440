import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Runs a statement on TypeORM's own pg pool as a named prepared statement, for the hot paths
 * (audited reads, lists and creates): Postgres plans each distinct statement once per
 * connection instead of on every call, which at this size of query cost more than running it.
 * The name is derived from the SQL text, so the same text always reuses the same plan.
 */
export async function preparedQuery<R = Record<string, unknown>>(dataSource: DataSource, sql: string, params: unknown[]): Promise<R[]> {
  const pool = (dataSource.driver as unknown as { master?: Pool }).master;
  if (!pool) return dataSource.query(sql, params);
  const name = `h_${createHash('sha1').update(sql).digest('base64url').slice(0, 20)}`;
  const result = await pool.query({ name, text: sql, values: params });
  return result.rows as R[];
}
