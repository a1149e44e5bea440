import { Client } from 'pg';

/** Tables the server may delete rows from: only its own throttle bookkeeping, never records. */
const DELETABLE = ['login_throttles'];
/** Append-only tables: the server may add rows and read them, nothing else. */
const APPEND_ONLY = ['audit_events', 'audit_chain', 'weekly_return_steps'];

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Gives the server's own login exactly what it needs after migrations ran as the owner: read,
 * insert and update rows (insert-only on the audit tables), delete nowhere but the throttle
 * table, and nothing else — it cannot alter the schema, drop or disable the audit triggers,
 * truncate, or delete a record. Run with the owner's connection; idempotent.
 */
export async function grantAppPrivileges(ownerUrl: string, appRole: string): Promise<void> {
  const c = new Client({ connectionString: ownerUrl, application_name: 'haven-grants' });
  await c.connect();
  try {
    const role = ident(appRole);
    const { rows } = await c.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
    await c.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role}`);
    await c.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
    await c.query(`REVOKE CREATE ON SCHEMA public FROM ${role}`);
    for (const { tablename } of rows) {
      const t = ident(tablename);
      if (tablename === 'migrations') await c.query(`GRANT SELECT ON ${t} TO ${role}`);
      else if (APPEND_ONLY.includes(tablename)) await c.query(`GRANT SELECT, INSERT ON ${t} TO ${role}`);
      else await c.query(`GRANT SELECT, INSERT, UPDATE${DELETABLE.includes(tablename) ? ', DELETE' : ''} ON ${t} TO ${role}`);
    }
    await c.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
  } finally {
    await c.end();
  }
}

/** The embedded database's own least-privilege login, made once (its password lives in DATA_DIR). */
export async function ensureAppLogin(ownerUrl: string, appRole: string, password: string): Promise<void> {
  const c = new Client({ connectionString: ownerUrl, application_name: 'haven-grants' });
  await c.connect();
  try {
    const { rowCount } = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [appRole]);
    const literal = `'${password.replace(/'/g, "''")}'`;
    if (!rowCount) {
      await c.query(`CREATE ROLE ${ident(appRole)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${literal}`);
    }
  } finally {
    await c.end();
  }
}

/** The login name in a postgres:// URL. */
export function loginOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}
