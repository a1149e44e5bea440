import { resolve } from 'node:path';
import { loadOrCreateSecrets } from '../core/config/secrets';
import { validateEnvironment } from '../core/config/env.schema';
import { ensureAppLogin, grantAppPrivileges, loginOf } from '../core/database/app-login';
import { runMigrations } from '../core/database/migrate';

/** The embedded database's least-privilege login. */
const EMBEDDED_APP_LOGIN = 'haven_app';

export interface Runtime {
  /** Which database the server uses, in words: embedded with its folder, or external with its host. */
  database: string;
  /** Stops what start-up started (the embedded database); a no-op with an external one. */
  stopDatabase(): Promise<void>;
}

const debug = () => process.env.LOG_LEVEL === 'debug' || process.env.LOG_LEVEL === 'trace';

/** `host:port/database` of a connection URL: never its login or password. */
function hostOf(url: string): string {
  const u = new URL(url);
  return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
}

/**
 * Resolves what the app needs before Nest starts, writing it into process.env: the database
 * (the operator's DATABASE_URL, or an embedded PostgreSQL under DATA_DIR) with migrations
 * applied, and the JWT secret (given, or generated once into DATA_DIR). Tests never import this:
 * their global setup provides the database.
 */
export async function prepareRuntime(log: (line: string) => void): Promise<Runtime> {
  const env = validateEnvironment(process.env);
  const dataDir = resolve(env.DATA_DIR);
  let stopDatabase: () => Promise<void> = async () => undefined;
  const needsSecrets = !env.DATABASE_URL || !env.JWT_SECRET;
  const secrets = needsSecrets ? loadOrCreateSecrets(dataDir) : null;
  let database = `external PostgreSQL at ${env.DATABASE_URL ? hostOf(env.DATABASE_URL) : ''}`;
  if (!env.DATABASE_URL) {
    const { startEmbeddedPostgres } = await import('../core/database/embedded-postgres');
    const t0 = Date.now();
    const db = await startEmbeddedPostgres({
      dataDir,
      password: secrets!.databasePassword,
      log: (l) => {
        if (l.startsWith('initialising')) log(`${l} (first start: this takes a few seconds)`);
        else if (debug()) log(`postgres: ${l}`);
      },
    });
    database = `embedded PostgreSQL, ${db.placement ?? `data in ${db.pgDir}`}`;
    if (debug()) log(`embedded PostgreSQL ready in ${Date.now() - t0} ms`);
    // Migrations run as the embedded superuser; the server itself as a login that cannot change
    // the schema or the audit triggers.
    process.env.DATABASE_MIGRATION_URL = db.url;
    try {
      await ensureAppLogin(db.url, EMBEDDED_APP_LOGIN, secrets!.appDatabasePassword);
    } catch (e) {
      await db.stop();
      throw e;
    }
    const appUrl = new URL(db.url);
    appUrl.username = EMBEDDED_APP_LOGIN;
    appUrl.password = secrets!.appDatabasePassword;
    process.env.DATABASE_URL = appUrl.toString();
    stopDatabase = db.stop;
  }
  if (!env.JWT_SECRET) process.env.JWT_SECRET = secrets!.jwtSecret;
  try {
    const ownerUrl = process.env.DATABASE_MIGRATION_URL ?? process.env.DATABASE_URL!;
    const applied = await runMigrations(ownerUrl);
    if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
    const appLogin = loginOf(process.env.DATABASE_URL!);
    if (appLogin !== loginOf(ownerUrl)) {
      await grantAppPrivileges(ownerUrl, appLogin);
      database += ` (migrations as "${loginOf(ownerUrl)}", server as "${appLogin}": rows only, no schema changes, no deletes)`;
    }
  } catch (e) {
    await stopDatabase();
    throw e;
  }
  return { database, stopDatabase };
}
