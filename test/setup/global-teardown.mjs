export default async function globalTeardown() {
  const pg = globalThis.__HAVEN_PG__;
  if (pg) await pg.stop();
}
