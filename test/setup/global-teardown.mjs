import { rmSync } from 'node:fs';
import { dirname } from 'node:path';

export default async function globalTeardown() {
  const pg = globalThis.__HAVEN_PG__;
  if (!pg) return;
  await pg.db.stop();
  rmSync(pg.dir, { recursive: true, force: true });
  // As root in a private temp folder, the data lived where the database user could reach it.
  if (pg.db.pgDir && !pg.db.pgDir.startsWith(pg.dir)) rmSync(dirname(pg.db.pgDir), { recursive: true, force: true });
}
