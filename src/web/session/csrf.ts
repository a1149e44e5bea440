import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AuditService } from '../../core/audit/audit.service';
import { AppConfig } from '../../core/config/app-config';
import { contextFromRequest } from '../../core/context/request-context';
import { cookieOptions, CSRF_COOKIE } from './session-cookie';

/** The form field every POST form carries. */
export const CSRF_FIELD = '_csrf';

/**
 * A signed double-submit token. The browser holds a random value in an httpOnly cookie; each
 * form carries HMAC(key, value | who), where "who" is the signed-in user's id (or "anonymous" on
 * the sign-in form). A forged form has neither the cookie's value nor the key, and a token taken
 * from one user's page is no good for another's session. The session cookie is SameSite=Strict
 * as well, so this is the second of two locks.
 */
export function csrfToken(secret: string, cookieValue: string, who: string | null): string {
  const key = createHmac('sha256', secret).update('haven web csrf v1').digest();
  return createHmac('sha256', key)
    .update(`${cookieValue}|${who ?? 'anonymous'}`)
    .digest('base64url');
}

export function newCsrfCookieValue(): string {
  return randomBytes(32).toString('base64url');
}

/** The request's CSRF cookie value, creating (and setting) one when the browser has none yet. */
export function ensureCsrfCookie(req: FastifyRequest, reply: FastifyReply): string {
  const existing = req.cookies?.[CSRF_COOKIE];
  if (typeof existing === 'string' && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const value = newCsrfCookieValue();
  // Later reads in this request see the new value, so the page it renders carries a matching token.
  req.cookies = { ...(req.cookies ?? {}), [CSRF_COOKIE]: value };
  void reply.setCookie(CSRF_COOKIE, value, cookieOptions(req));
  return value;
}

/** Replaces the CSRF cookie (at sign-in and sign-out), so a value seen before does not carry over. */
export function rotateCsrfCookie(req: FastifyRequest, reply: FastifyReply): void {
  const value = newCsrfCookieValue();
  req.cookies = { ...(req.cookies ?? {}), [CSRF_COOKIE]: value };
  void reply.setCookie(CSRF_COOKIE, value, cookieOptions(req));
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Refuses every state-changing web request whose form does not carry the right token (403,
 * audited as a denied request). Runs after the global access guard, so it knows who is signed in.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    if (req.method === 'GET' || req.method === 'HEAD') return true;
    const cookie = req.cookies?.[CSRF_COOKIE];
    const given = (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
    const ok = typeof cookie === 'string' && typeof given === 'string' && sameToken(given, csrfToken(this.config.JWT_SECRET, cookie, req.user?.id ?? null));
    if (ok) return true;
    await this.audit.write(contextFromRequest(req), {
      action: 'access.denied',
      outcome: 'denied',
      details: { method: req.method, route: req.routeOptions?.url ?? req.url, reason: 'missing or invalid CSRF token' },
    });
    throw new ForbiddenException({ message: 'This form has expired or did not come from Haven: go back, reload the page and try again', csrf: true });
  }
}
