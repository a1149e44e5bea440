import { CanActivate, ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { FixedWindowStorage } from './fixed-window-storage';

const WINDOW_MS = 60_000;

/**
 * A per-instance ceiling on requests per client ip, on every route but /health, so one client
 * cannot starve the others. It is a flood guard, not an account-security control: the login
 * throttle and account lockout (shared by all instances) live in PostgreSQL.
 *
 * It is a plain synchronous guard rather than @nestjs/throttler's: that guard's metadata lookups,
 * hashed keys, awaits and three X-RateLimit headers were 7 % of the bytes an audited read
 * allocated and about 5 % of its CPU (docs/performance.md), for a single fixed limit.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly windows: FixedWindowStorage;

  constructor(config: AppConfig) {
    this.windows = new FixedWindowStorage(WINDOW_MS, config.RATE_LIMIT_PER_MINUTE);
  }

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const req = http.getRequest<FastifyRequest>();
    if (req.url === '/health') return true;
    // The ip Fastify resolved with the fixed trusted-proxy setting, never a client header.
    const { blocked, secondsLeft } = this.windows.hit(req.ip ?? 'unknown');
    if (!blocked) return true;
    http.getResponse<FastifyReply>().header('retry-after', String(secondsLeft));
    throw new HttpException('Too many requests: slow down and try again shortly', HttpStatus.TOO_MANY_REQUESTS);
  }
}
