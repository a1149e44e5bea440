import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isWebRoute } from '../web-paths';

/** The browser session: the same short-lived JWT the API issues, kept where script cannot read it. */
export const SESSION_COOKIE = 'haven_session';
/** The random half of the CSRF double-submit pair (see csrf.ts). */
export const CSRF_COOKIE = 'haven_csrf';

/** Secure whenever the browser reached us over TLS (directly, or through a trusted proxy). */
export function cookieOptions(req: FastifyRequest) {
  return { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: req.protocol === 'https' };
}

/**
 * passport-jwt extractor: the session cookie, on web pages only. The JSON API keeps taking a
 * Bearer header alone, so no API route can be driven by a cookie the browser attaches for it.
 */
export function sessionCookieExtractor(req: FastifyRequest): string | null {
  if (!isWebRoute(req.url)) return null;
  const token = req.cookies?.[SESSION_COOKIE];
  return typeof token === 'string' && token.length > 0 ? token : null;
}

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string): void {
  // No Max-Age: the cookie goes when the browser closes; the token inside expires on its own.
  void reply.setCookie(SESSION_COOKIE, token, cookieOptions(req));
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, cookieOptions(req));
}
