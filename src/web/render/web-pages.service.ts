import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Actor } from '../../core/auth/actor';
import { Permission } from '../../core/auth/permissions';
import { roleHas } from '../../core/auth/roles';
import { AppConfig } from '../../core/config/app-config';
import { RECORD_TYPES } from '../../modules/record-types';
import { CSRF_FIELD, csrfToken, ensureCsrfCookie } from '../session/csrf';
import { cookieOptions } from '../session/session-cookie';
import { publicWebPath } from '../web-paths';
import { nunjucksEnv } from './nunjucks-env';

const FLASH_COOKIE = 'haven_flash';

interface NavItem {
  text: string;
  href: string;
  permission: Permission;
}

const NAV: NavItem[] = [
  ...RECORD_TYPES.map((t) => ({ text: t.labels.nav ?? t.labels.plural, href: `/${t.path}`, permission: t.permissions.read })),
  { text: 'Weekly return', href: '/weekly-returns', permission: Permission.WeeklyReturnRead },
  { text: 'Audit log', href: '/audit', permission: Permission.AuditRead },
  { text: 'Access history', href: '/audit/history', permission: Permission.AuditRead },
  { text: 'Verify chain', href: '/audit/verify', permission: Permission.AuditVerify },
  { text: 'Export', href: '/audit/export', permission: Permission.AuditExport },
  { text: 'Units', href: '/units', permission: Permission.UnitRead },
  { text: 'Users', href: '/users', permission: Permission.UserRead },
];

/** The browser URL of the page being served (before the internal rewrite), with its query. */
export function browserUrl(req: FastifyRequest): string {
  return publicWebPath(req.url);
}

/** The browser path of the page being served, without its query. */
export function browserPath(req: FastifyRequest): string {
  return browserUrl(req).split('?')[0];
}

/**
 * Renders pages and answers form posts. Every page gets the signed-in user, the navigation their
 * permissions allow, a CSRF token for its forms, and any one-time notice left by a redirect.
 */
@Injectable()
export class WebPages {
  constructor(private readonly config: AppConfig) {}

  /** Sends a rendered page (no-store: case pages must not linger in caches). */
  render(reply: FastifyReply, template: string, data: Record<string, unknown> = {}, status = 200): FastifyReply {
    const req = reply.request;
    const html = nunjucksEnv().render(`${template}.njk`, { ...this.common(req, reply), ...data });
    return reply.status(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  }

  /**
   * 303 See Other to a browser path, with an optional message shown once on the next page: a
   * success banner, or (kind 'error') an error summary for a refusal that has no form to go back to.
   */
  redirect(reply: FastifyReply, location: string, notice?: string, kind: 'success' | 'error' = 'success'): FastifyReply {
    if (notice) void reply.setCookie(FLASH_COOKIE, this.signFlash(`${kind === 'error' ? '!' : ' '}${notice}`), { ...cookieOptions(reply.request), maxAge: 60 });
    return reply.status(303).header('location', safeLocal(location)).header('cache-control', 'no-store').send();
  }

  csrfToken(req: FastifyRequest, reply: FastifyReply): string {
    return csrfToken(this.config.JWT_SECRET, ensureCsrfCookie(req, reply), req.user?.id ?? null);
  }

  private common(req: FastifyRequest, reply: FastifyReply): Record<string, unknown> {
    const actor: Actor | null = req.user ?? null;
    const path = browserPath(req);
    const can = (p: Permission) => !!actor && !actor.enrolOnly && roleHas(actor.role, p);
    const allowed = actor && !actor.enrolOnly ? NAV.filter((n) => can(n.permission)) : [];
    const matches = (href: string) => path === href || path.startsWith(`${href}/`);
    const best = allowed.filter((n) => matches(n.href)).sort((a, b) => b.href.length - a.href.length)[0];
    const navigation = allowed.map((n) => ({ text: n.text, href: n.href, active: n === best }));
    return {
      user: actor ? { username: actor.username, role: actor.role, central: actor.central } : null,
      can,
      P: Permission,
      navigation,
      csrfField: CSRF_FIELD,
      csrfToken: this.csrfToken(req, reply),
      currentPath: path,
      ...this.flash(req, reply),
    };
  }

  private flash(req: FastifyRequest, reply: FastifyReply): { notice: string | null; flashError: string | null } {
    const raw = this.takeFlash(req, reply);
    if (!raw) return { notice: null, flashError: null };
    return raw.startsWith('!') ? { notice: null, flashError: raw.slice(1) } : { notice: raw.slice(1), flashError: null };
  }

  private signFlash(message: string): string {
    const text = Buffer.from(message.slice(0, 300)).toString('base64url');
    return `${text}.${this.mac(text)}`;
  }

  private takeFlash(req: FastifyRequest, reply: FastifyReply): string | null {
    const raw = req.cookies?.[FLASH_COOKIE];
    if (typeof raw !== 'string') return null;
    void reply.clearCookie(FLASH_COOKIE, cookieOptions(req));
    const [text, mac] = raw.split('.');
    if (!text || !mac) return null;
    const want = Buffer.from(this.mac(text));
    const got = Buffer.from(mac);
    if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
    return Buffer.from(text, 'base64url').toString('utf8');
  }

  private mac(text: string): string {
    return createHmac('sha256', this.config.JWT_SECRET).update(`haven web flash v1|${text}`).digest('base64url');
  }
}

/** Only ever redirect within Haven: a path that starts with one slash. */
export function safeLocal(location: string): string {
  return /^\/(?![/\\])/.test(location) ? location : '/';
}
