import { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import { ActorCacheService } from '../../src/core/auth/actor-cache.service';
import { superuser } from '../support/test-database';
import { bearer, createTestApp, fixtureUsername, TEST_PASSWORD, TestApp } from '../support/test-app';

/**
 * Issue 13.3: signing out ends the session (every token of that sign-in) at once, on this
 * instance and on every other one over the same database, and the sign-out is audited.
 */
describe('API sign-out (POST /api/v1/auth/logout)', () => {
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

  const signIn = async (who: 'neOfficer' | 'swOfficer' | 'centralOfficer' | 'neSupervisor') => {
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: fixtureUsername(who), password: TEST_PASSWORD })
      .expect(200);
    return res.body.accessToken as string;
  };
  const eventually = async (check: () => Promise<boolean>, ms = 2000) => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (await check()) return true;
      await new Promise((r) => setTimeout(r, 10));
    }
    return false;
  };

  it('refuses the same bearer token and its refresh after logout, and audits the sign-out', async () => {
    const token = await signIn('neOfficer');
    await t.http().get('/api/v1/warrants').set(bearer(token)).expect(200);
    const out = await t.http().post('/api/v1/auth/logout').set(bearer(token)).expect(204);
    await t.http().get('/api/v1/auth/me').set(bearer(token)).expect(401);
    await t.http().get('/api/v1/warrants').set(bearer(token)).expect(401);
    await t.http().post('/api/v1/auth/refresh').set(bearer(token)).expect(401);
    const [ev] = await t.auditEvents({ action: 'logout', request_id: out.headers['x-request-id'] });
    expect(ev).toMatchObject({ actor_id: t.users.neOfficer, entity_type: 'user', entity_id: t.users.neOfficer, outcome: 'success' });
    expect(ev.details).toEqual({ sessionId: (jwt.decode(token) as { sid: string }).sid, via: 'api' });
  });

  it('ends every token of the session (one refreshed before logout too), and no other session', async () => {
    const first = await signIn('swOfficer');
    const elsewhere = await signIn('swOfficer');
    const refreshed = (await t.http().post('/api/v1/auth/refresh').set(bearer(first)).expect(200)).body.accessToken as string;
    expect((jwt.decode(refreshed) as { sid: string }).sid).toBe((jwt.decode(first) as { sid: string }).sid);
    await t.http().post('/api/v1/auth/logout').set(bearer(refreshed)).expect(204);
    await t.http().get('/api/v1/auth/me').set(bearer(first)).expect(401);
    await t.http().get('/api/v1/auth/me').set(bearer(refreshed)).expect(401);
    await t.http().get('/api/v1/auth/me').set(bearer(elsewhere)).expect(200);
  });

  it('needs a token: 401 without one', async () => {
    await t.http().post('/api/v1/auth/logout').expect(401);
  });

  it('stops a token within moments when its session is ended by another instance (the database notifies)', async () => {
    const token = await signIn('centralOfficer');
    await t.http().get('/api/v1/auth/me').set(bearer(token)).expect(200); // in this instance's caches now
    const { sid, at } = jwt.decode(token) as { sid: string; at: number };
    // What another instance's sign-out writes, done here as that instance would.
    await other.query(`INSERT INTO session_revocations (session_id, user_id, expires_at, reason) VALUES ($1, $2, to_timestamp($3), 'signed out')`, [
      sid,
      t.users.centralOfficer,
      at + 12 * 3600,
    ]);
    const started = Date.now();
    expect(await eventually(async () => (await t.http().get('/api/v1/auth/me').set(bearer(token))).status === 401)).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('still refuses a signed-out session while change notifications are down (asks the database)', async () => {
    const cache = t.app.get(ActorCacheService);
    const token = await signIn('neSupervisor');
    await t.http().post('/api/v1/auth/logout').set(bearer(token)).expect(204);
    await other.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'haven-actor-cache' AND datname = current_database()`);
    expect(await eventually(async () => !cache.active)).toBe(true);
    await t.http().get('/api/v1/auth/me').set(bearer(token)).expect(401);
    // Back up, the revocation is loaded again from the table.
    expect(await eventually(async () => cache.active, 6000)).toBe(true);
    expect(cache.sessionEnded((jwt.decode(token) as { sid: string }).sid)).toBe(true);
    await t.http().get('/api/v1/auth/me').set(bearer(token)).expect(401);
  });

  it('refuses a token that carries no session id (it could never be signed out)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const pinned = { algorithm: 'HS256' as const, issuer: 'haven', audience: 'haven-api', expiresIn: 300 };
    await t
      .http()
      .get('/api/v1/auth/me')
      .set(bearer(jwt.sign({ sub: t.users.neOfficer, tv: 0, at: now }, t.jwtSecret, pinned)))
      .expect(401);
    await t
      .http()
      .get('/api/v1/auth/me')
      .set(bearer(jwt.sign({ sub: t.users.neOfficer, tv: 0, at: now, sid: randomUUID() }, t.jwtSecret, pinned)))
      .expect(200);
  });
});
