import type { FastifyInstance, FastifyRequest } from 'fastify';
import { FixedWindowStorage } from './fixed-window-storage';

const WINDOW_MS = 60_000;

export const RATE_LIMITED_MESSAGE = 'Too many requests: slow down and try again shortly';

/**
 * A per-instance ceiling on requests per client ip, on every route but /health, so one client
 * cannot starve the others. It is a flood guard, not an account-security control: the login
 * throttle and account lockout (shared by all instances) live in PostgreSQL.
 *
 * It runs in Fastify's onRequest hook, before the body is read, parsed or checked for file
 * content, so a flood costs one map look-up per request and never any body work (a Nest guard
 * runs after all of that). It is plain and synchronous rather than @nestjs/throttler's: that
 * guard's metadata lookups, hashed keys, awaits and three X-RateLimit headers were 7 % of the
 * bytes an audited read allocated and about 5 % of its CPU (docs/performance.md).
 *
 * `page` answers a refused browser page (the web front office) with HTML instead of JSON.
 */
export function registerRateLimit(fastify: FastifyInstance, perMinute: number, page?: (req: FastifyRequest) => string | null): void {
  const windows = new FixedWindowStorage(WINDOW_MS, perMinute);
  fastify.addHook('onRequest', (req, reply, done) => {
    if (req.url === '/health') return done();
    // The ip Fastify resolved with the fixed trusted-proxy setting, never a client header.
    const { blocked, secondsLeft } = windows.hit(req.ip ?? 'unknown');
    if (!blocked) return done();
    void reply.code(429).header('retry-after', String(secondsLeft));
    const html = page?.(req);
    if (html) {
      void reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
      return;
    }
    void reply.send({ statusCode: 429, error: 'Too many requests', message: RATE_LIMITED_MESSAGE, requestId: req.id });
  });
}
