#!/usr/bin/env node
// Runs a command (the TypeORM CLI, mostly) with DATABASE_URL set: the operator's own, or the
// embedded PostgreSQL under DATA_DIR, started for the command and stopped after it.
'use strict';
const { spawnSync } = require('node:child_process');

async function main() {
  const [cmd, ...args] = process.argv.slice(2);
  if (!cmd) {
    console.error('usage: with-database.js <command> [args...]');
    process.exit(2);
  }
  let stop = async () => undefined;
  const env = { ...process.env };
  if (!env.DATABASE_URL) {
    require('ts-node').register({ transpileOnly: true });
    const { startEmbeddedPostgres } = require('../src/core/database/embedded-postgres');
    const { loadOrCreateSecrets } = require('../src/core/config/secrets');
    const dataDir = env.DATA_DIR || './.haven';
    const secrets = loadOrCreateSecrets(dataDir);
    const db = await startEmbeddedPostgres({ dataDir, password: secrets.databasePassword });
    env.DATABASE_URL = db.url;
    stop = db.stop;
  }
  // A migration is generated against the schema as the existing migrations leave it.
  if (args.includes('migration:generate')) {
    const run = spawnSync(cmd, args.filter((a) => a !== 'migration:generate' && !a.startsWith('migrations/')).concat('migration:run'), {
      stdio: 'inherit',
      env,
    });
    if (run.status !== 0) {
      await stop();
      process.exit(run.status ?? 1);
    }
  }
  const result = spawnSync(cmd, args, { stdio: 'inherit', env, shell: false });
  await stop();
  process.exit(result.status ?? 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
