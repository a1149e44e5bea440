import { Controller, Get, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { PERMISSION_KEY, PUBLIC_KEY } from '../../src/core/auth/access.decorator';
import { bearer, createTestApp, TestApp } from '../support/test-app';

interface RouteEntry {
  route: string;
  access: string;
}

/** Every route Nest serves, with what its handler declares: a permission, public, or nothing. */
export function routeTable(t: TestApp): RouteEntry[] {
  const discovery = new DiscoveryService(t.app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const reflector = new Reflector();
  const out: RouteEntry[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as object | undefined;
    if (!instance || !wrapper.metatype) continue;
    const base = String(Reflect.getMetadata(PATH_METADATA, wrapper.metatype) ?? '');
    const proto = Object.getPrototypeOf(instance);
    for (const name of scanner.getAllMethodNames(proto)) {
      const handler = proto[name];
      const path = Reflect.getMetadata(PATH_METADATA, handler);
      if (path === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      const targets = [handler, wrapper.metatype];
      const permission = reflector.getAllAndOverride<string>(PERMISSION_KEY, targets);
      const isPublic = reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets);
      const full = `/${[base, String(path)].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/');
      out.push({ route: `${method} ${full}`, access: isPublic ? 'PUBLIC' : (permission ?? 'NONE') });
    }
  }
  return out.sort((a, b) => a.route.localeCompare(b.route));
}

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

  it('keeps only login and health public', () => {
    expect(routeTable(t).filter((r) => r.access === 'PUBLIC').map((r) => r.route)).toEqual(['GET /health', 'POST /auth/login']);
  });

  it('matches the reviewed route → permission map (update the snapshot deliberately)', () => {
    const map = Object.fromEntries(routeTable(t).map((r) => [r.route, r.access]));
    expect(map).toMatchSnapshot();
  });

  it('lists real routes: each one is registered with Fastify under its prefix', () => {
    const fastify = t.app.getHttpAdapter().getInstance();
    for (const r of routeTable(t)) {
      const [method, path] = r.route.split(' ');
      const url = path === '/health' ? path : `/api/v1${path}`;
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
    expect(routeTable(t).filter((r) => r.access === 'NONE').map((r) => r.route)).toEqual(['GET /rogue']);
  });

  it('is refused by the global guard for every role (deny by default)', async () => {
    for (const who of ['admin', 'auditor', 'centralSupervisor', 'neOfficer'] as const) {
      const res = await t.http().get('/api/v1/rogue').set(bearer(await t.token(who)));
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.body)).not.toContain('should never be served');
    }
    await t.http().get('/api/v1/rogue').expect(403);
  });
});
