import { RequestMethod } from '@nestjs/common';
import { RECORD_TYPES } from '../modules/record-types';

/**
 * Where the web pages live. Nest matches global-prefix exclusions by path alone, so a page at
 * `operations` would also pull the API's `operations` routes out of /api/v1. The web controllers
 * are therefore mounted under an internal prefix that no API route uses, excluded from the
 * global prefix, and the browser's URLs (/operations, /warrants/:id …) are rewritten onto it
 * before routing. Only the sections named here are rewritten: every other path (the API, /docs,
 * /health, /assets, anything another module adds at the root) is left exactly as it was.
 */
export const WEB_MOUNT = 'web';

/** First path segments that belong to the web front office ('' is the home page). */
export const WEB_SECTIONS: ReadonlySet<string> = new Set([
  '',
  'sign-in',
  'sign-out',
  'account',
  ...RECORD_TYPES.map((t) => t.path),
  'weekly-returns',
  'audit',
  'units',
  'users',
]);

/** RouteInfo excludes for setGlobalPrefix: the web mount and everything under it. */
export const WEB_PREFIX_EXCLUDES = [
  { path: WEB_MOUNT, method: RequestMethod.ALL },
  { path: `${WEB_MOUNT}/{*path}`, method: RequestMethod.ALL },
];

function firstSegment(url: string): string {
  const path = url.split(/[?#]/, 1)[0];
  return path.split('/')[1] ?? '';
}

/** Fastify's rewriteUrl: a browser URL of a web section → the internal route it is served by. */
export function rewriteWebUrl(url: string | undefined): string {
  const u = url ?? '/';
  if (u.startsWith('/api/') || !u.startsWith('/') || !WEB_SECTIONS.has(firstSegment(u))) return u;
  if (u === '/' || u.startsWith('/?')) return `/${WEB_MOUNT}${u.slice(1)}`;
  return `/${WEB_MOUNT}${u}`;
}

/** Whether a (rewritten) request URL is served by the web front office. */
export function isWebRoute(url: string | undefined): boolean {
  return !!url && (url === `/${WEB_MOUNT}` || url.startsWith(`/${WEB_MOUNT}/`) || url.startsWith(`/${WEB_MOUNT}?`));
}

/**
 * The browser's URL for an internal web URL or route path: the rewrite only ever adds the mount,
 * so taking it off gives back what the browser asked for, whatever layers (a middleware layer
 * can overwrite Fastify's originalUrl) sit in front of the route.
 */
export function publicWebPath(internal: string): string {
  if (internal === `/${WEB_MOUNT}`) return '/';
  if (internal.startsWith(`/${WEB_MOUNT}?`)) return `/${internal.slice(WEB_MOUNT.length + 1)}`;
  return internal.startsWith(`/${WEB_MOUNT}/`) ? internal.slice(WEB_MOUNT.length + 1) : internal;
}
