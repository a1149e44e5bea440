import * as argon2 from 'argon2';
import { superuser } from './test-database';

/** An argon2id hash as the server makes them, for accounts tests write straight into the database. */
export function testPasswordHash(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 });
}

/**
 * A ready account (not one-time, not awaiting approval) written straight into the database, as an
 * operator makes one: for tests that need accounts an admin alone may not give (a second admin, an
 * auditor, a central case role). Accounts made through the API get one-time passwords and four eyes.
 */
export async function insertReadyUserAt(
  databaseUrl: string,
  u: { username: string; displayName?: string; role: string; unitId: string; password: string },
): Promise<string> {
  const c = await superuser(databaseUrl);
  try {
    const { rows } = await c.query(`INSERT INTO users (username, display_name, role, unit_id, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
      u.username,
      u.displayName ?? u.username,
      u.role,
      u.unitId,
      await testPasswordHash(u.password),
    ]);
    return rows[0].id as string;
  } finally {
    await c.end();
  }
}
