import type { EntityManager } from 'typeorm';

/**
 * Rows of an UPDATE … RETURNING run inside a transaction. TypeORM answers a plain UPDATE with
 * [rows, count] unless the query runner is asked for a structured result.
 */
export async function updateReturning<R = Record<string, unknown>>(em: EntityManager, sql: string, params: unknown[]): Promise<R[]> {
  if (!em.queryRunner) throw new Error('updateReturning() runs inside a transaction');
  const result = await em.queryRunner.query(sql, params, true);
  return (result as { records: R[] }).records;
}
