import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerModuleOptions } from '@nestjs/throttler';
import type { AppConfig } from '../config/app-config';
import { FixedWindowStorage } from './fixed-window-storage';

/**
 * A per-instance ceiling on requests per client ip, on every route, so one client cannot starve
 * the others. It is a flood guard, not an account-security control: the login throttle and
 * account lockout (shared by all instances) live in PostgreSQL.
 */
export function rateLimitOptions(config: AppConfig): ThrottlerModuleOptions {
  return { throttlers: [{ name: 'default', ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE }], storage: new FixedWindowStorage() };
}

@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  // The ip Fastify resolved with the fixed trusted-proxy setting, never a client header.
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    return String(req.ip ?? 'unknown');
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<{ url?: string }>();
    return req.url === '/health';
  }
}
