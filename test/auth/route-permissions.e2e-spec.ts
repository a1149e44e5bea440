import { Controller, Get } from '@nestjs/common';
import { isWebRoute } from '../../src/web/web-paths';
import { routeTable } from '../support/route-table';
import { bearer, createTestApp, TestApp } from '../support/test-app';

describe('every route declares who may call it', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ fixtures: false });
  });
  afterAll(() => t.close());

  it('finds no route without a permission or @Public()', () => {
    const table = routeTable(t);
    expect(table.length).toBeGreaterThan(10);
    expect(table.filter((r) => r.access === 'NONE')).toEqual([]);
  });

  // Changing one's own password is public like sign-in: a one-time password opens no session, so
  // the request proves who it is with the current password, through the same throttled LoginService.
  it('keeps only login, own-password change (API and web) and health public', () => {
    expect(
      routeTable(t)
        .filter((r) => r.access === 'PUBLIC')
        .map((r) => r.route),
    ).toEqual([
      'GET /health',
      'GET /web/account/password',
      'GET /web/sign-in',
      'POST /account/password',
      'POST /auth/login',
      'POST /web/account/password',
      'POST /web/sign-in',
    ]);
  });

  it('matches the reviewed route → permission map (update the snapshot deliberately)', () => {
    const map = Object.fromEntries(routeTable(t).map((r) => [r.route, r.access]));
    expect(map).toMatchSnapshot();
  });

  it('lists real routes: each one is registered with Fastify under its prefix', () => {
    const fastify = t.app.getHttpAdapter().getInstance();
    for (const r of routeTable(t)) {
      const [method, path] = r.route.split(' ');
      // Web pages are mounted outside /api/v1 (src/web/web-paths.ts).
      const url = path === '/health' || isWebRoute(path) ? path : `/api/v1${path}`;
      expect({ route: r.route, served: fastify.hasRoute({ method: method as 'GET', url }) }).toEqual({ route: r.route, served: true });
    }
  });
});

@Controller('rogue')
class RogueController {
  @Get()
  leak() {
    return { secret: 'should never be served' };
  }
}

describe('a route that forgets to declare a permission', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ extraControllers: [RogueController] });
  });
  afterAll(() => t.close());

  it('is caught by the route walk', () => {
    expect(
      routeTable(t)
        .filter((r) => r.access === 'NONE')
        .map((r) => r.route),
    ).toEqual(['GET /rogue']);
  });

  it('is refused by the global guard for every role (deny by default)', async () => {
    for (const who of ['admin', 'auditor', 'centralSupervisor', 'neOfficer'] as const) {
      const res = await t
        .http()
        .get('/api/v1/rogue')
        .set(bearer(await t.token(who)));
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.body)).not.toContain('should never be served');
    }
    await t.http().get('/api/v1/rogue').expect(403);
  });
});
