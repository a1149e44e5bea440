import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { PERMISSION_KEY, PUBLIC_KEY } from '../../src/core/auth/access.decorator';
import type { TestApp } from './test-app';

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
