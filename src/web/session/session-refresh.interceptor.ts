import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { AuthService, MAX_SESSION_SECONDS } from '../../core/auth/auth.service';
import { AppConfig } from '../../core/config/app-config';
import { contextFromRequest } from '../../core/context/request-context';
import { SESSION_COOKIE, setSessionCookie } from './session-cookie';

/** The expiry of a token the guard has already verified (its payload only, no second check). */
function expiryOf(token: string): number | null {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp : null;
  } catch {
    return null;
  }
}

/**
 * Session timeout: the session cookie holds the API's short-lived token (JWT_TTL_SECONDS, 15
 * minutes by default), so a browser left alone for that long is signed out. While the user is
 * active, a page served when less than half the token's life remains reissues it through
 * AuthService.refresh — audited, and refused twelve hours after sign-in — so activity slides the
 * idle timeout forward but never past the absolute limit. Only a sign-out is kept on the server (session_revocations), which ends the refreshing too.
 */
@Injectable()
export class SessionRefreshInterceptor implements NestInterceptor {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const token = req.cookies?.[SESSION_COOKIE];
    const actor = req.user;
    // Only a session that came from the cookie (a Bearer caller manages its own token).
    if (actor && !actor.enrolOnly && typeof token === 'string' && !req.headers.authorization) {
      const now = Date.now() / 1000;
      const exp = expiryOf(token);
      const young = now - (actor.authTime ?? 0) < MAX_SESSION_SECONDS;
      if (exp !== null && exp - now < this.config.JWT_TTL_SECONDS / 2 && young) {
        const fresh = await this.auth.refresh(contextFromRequest(req));
        setSessionCookie(req, reply, fresh.accessToken);
      }
    }
    return next.handle();
  }
}
