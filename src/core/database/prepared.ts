import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Runs a statement on TypeORM's own pg pool as a named prepared statement, for the hot paths
 * (audited reads, lists and creates): Postgres plans each distinct statement once per
 * connection instead of on every call, which at this size of query cost more than running it.
 * The name is derived from the SQL text, so the same text always reuses the same plan.
 */
const names = new Map<string, string>();

function nameFor(sql: string): string {
  let name = names.get(sql);
  if (!name) {
    name = `h_${createHash('sha1').update(sql).digest('base64url').slice(0, 20)}`;
    // Statement shapes are few (one per record type and filter combination); bound it anyway.
    if (names.size > 5000) names.clear();
    names.set(sql, name);
  }
  return name;
}

export async function preparedQuery<R = Record<string, unknown>>(dataSource: DataSource, sql: string, params: unknown[]): Promise<R[]> {
  const pool = (dataSource.driver as unknown as { master?: Pool }).master;
  if (!pool) return dataSource.query(sql, params);
  const name = nameFor(sql);
  const result = await pool.query({ name, text: sql, values: params });
  return result.rows as R[];
}
