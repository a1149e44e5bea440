import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface GeneratedSecrets {
  jwtSecret: string;
  /** The embedded database's owner (superuser) password: migrations only. */
  databasePassword: string;
  /** The embedded database's least-privilege login the server runs as. */
  appDatabasePassword: string;
}

/**
 * Secrets Haven makes for itself when the operator gives none: created once, kept in DATA_DIR
 * readable by the server's user only, so tokens survive restarts and nothing is committed.
 */
export function loadOrCreateSecrets(dataDir: string): GeneratedSecrets {
  // 0711: when run as root, the embedded Postgres runs as the `postgres` user and must reach its folder.
  mkdirSync(dataDir, { recursive: true, mode: 0o711 });
  const file = join(dataDir, 'secrets.json');
  const fresh: GeneratedSecrets = {
    jwtSecret: randomBytes(48).toString('base64url'),
    databasePassword: randomBytes(24).toString('base64url'),
    appDatabasePassword: randomBytes(24).toString('base64url'),
  };
  const existing = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<GeneratedSecrets>) : {};
  // Keep what exists; add what a newer version needs.
  const secrets = { ...fresh, ...existing } as GeneratedSecrets;
  if (Object.keys(existing).length !== Object.keys(secrets).length) writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
