import 'reflect-metadata';
import { join } from 'node:path';
import type { ClientBase } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface DatabaseTuning {
  poolSize?: number;
  timeoutMs?: number;
  applicationName?: string;
}

/**
 * Every pooled connection keeps an 'error' listener for its whole life. The pool listens only
 * while a connection is idle, and whoever holds it (a TypeORM query runner) only from a moment
 * after taking it: when Postgres finishes a statement and drops the connection in the same
 * packet (a shutdown, a restart, a terminated backend), the hand-over falls in that gap, and an
 * 'error' event nobody hears stops the process. The holder still learns of the loss: the
 * connection is no longer queryable, its next statement fails, and the pool discards it.
 */
export function listenForDroppedConnection(client: Pick<ClientBase, 'on'>): void {
  client.on('error', () => undefined);
}

/** One definition of the database for the Nest app, the TypeORM CLI, scripts and tests. */
export function dataSourceOptions(url: string, tuning: DatabaseTuning = {}): DataSourceOptions {
  const timeoutMs = tuning.timeoutMs ?? 5000;
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: [join(__dirname, '..', '..', '..', 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is built into Postgres 13+: no extension to install, so the server's
    // login needs no CREATE privilege.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    poolSize: tuning.poolSize ?? 20,
    applicationName: tuning.applicationName ?? 'haven',
    extra: {
      connectionTimeoutMillis: timeoutMs,
      // A query that cannot finish in time fails (and the request gets 503) rather than hanging.
      statement_timeout: timeoutMs * 2,
      query_timeout: timeoutMs * 2 + 500,
      idle_in_transaction_session_timeout: timeoutMs * 4,
      keepAlive: true,
      onConnect: listenForDroppedConnection,
    },
  };
}

// The TypeORM CLI (npm run migration:*) loads this default export; scripts/with-database.js
// supplies DATABASE_URL (the embedded database) when the operator has not.
export default new DataSource(dataSourceOptions(process.env.DATABASE_MIGRATION_URL ?? process.env.DATABASE_URL ?? 'postgres://unset'));
