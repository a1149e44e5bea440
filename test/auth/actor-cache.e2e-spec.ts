import { Client } from 'pg';
import { ActorCacheService } from '../../src/core/auth/actor-cache.service';
import { superuser } from '../support/test-database';
import { bearer, createTestApp, TestApp } from '../support/test-app';

/**
 * The server caches who a token speaks for. A change made elsewhere (another instance, or an
 * operator in SQL) must still stop that token within moments, through PostgreSQL's notification.
 */
describe('the actor cache follows changes made by other instances', () => {
  let t: TestApp;
  let other: Client;
  beforeAll(async () => {
    t = await createTestApp({ leastPrivilege: true });
    other = await superuser(t.databaseUrl);
  });
  afterAll(async () => {
    await other.end();
    await t.close();
  });

  const eventually = async (check: () => Promise<boolean>, ms = 3000) => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (await check()) return true;
      await new Promise((r) => setTimeout(r, 25));
    }
    return false;
  };

  it('is on (listening) and serves repeated requests without re-reading the user', async () => {
    expect(t.app.get(ActorCacheService).active).toBe(true);
    const token = bearer(await t.token('neOfficer'));
    await t.http().get('/api/v1/auth/me').set(token).expect(200);
    expect(t.app.get(ActorCacheService).get(t.users.neOfficer)).not.toBeNull();
  });

  it('drops a user disabled by someone else, so the token stops within moments', async () => {
    const token = bearer(await t.token('swOfficer'));
    await t.http().get('/api/v1/auth/me').set(token).expect(200);
    await other.query('UPDATE users SET disabled = true WHERE id = $1', [t.users.swOfficer]);
    expect(await eventually(async () => (await t.http().get('/api/v1/auth/me').set(token)).status === 401)).toBe(true);
  });

  it('drops a user whose role changed elsewhere, so a new role is never acted on with old rights', async () => {
    const token = bearer(await t.token('centralOfficer'));
    await t.http().get('/api/v1/warrants').set(token).expect(200);
    await other.query(`UPDATE users SET role = 'auditor', token_version = token_version + 1 WHERE id = $1`, [t.users.centralOfficer]);
    expect(await eventually(async () => (await t.http().get('/api/v1/warrants').set(token)).status === 401)).toBe(true);
  });

  it('empties and bypasses itself when the notification connection is lost, then recovers', async () => {
    const cache = t.app.get(ActorCacheService);
    await other.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'haven-actor-cache' AND datname = current_database()`);
    expect(await eventually(async () => !cache.active, 2000)).toBe(true);
    const token = bearer(await t.token('neSupervisor'));
    await t.http().get('/api/v1/auth/me').set(token).expect(200); // still served, from the database
    expect(cache.get(t.users.neSupervisor)).toBeNull();
    expect(await eventually(async () => cache.active, 6000)).toBe(true);
  });
});
