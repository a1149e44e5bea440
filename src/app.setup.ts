import { NestFastifyApplication, FastifyAdapter } from '@nestjs/platform-fastify';
import { RequestMethod } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { Logger } from 'nestjs-pino';
import { StartupQuietLogger } from './bootstrap/startup-logger';
import { AppConfig } from './core/config/app-config';
import { BODY_LIMIT_BYTES, registerMetadataOnlyHooks } from './core/http/metadata-only.hooks';
import { bindRequestLoggers } from './core/http/logging';
import { registerRateLimit } from './core/http/rate-limit';
import { applySecurity } from './core/http/security';
import { rewriteWebUrl, WEB_PREFIX_EXCLUDES } from './web/web-paths';
import { rateLimitedPage, registerWeb } from './web/web-setup';

// A client's own request id is kept (to trace a call end to end) only if it is a UUID: it is
// written into the append-only audit log, so it must not be a place to put anything else.
const CLIENT_REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The Fastify adapter with Haven's fixed settings: body limit, request ids, proxy trust. */
export function createFastifyAdapter(): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // Client ip comes from the socket unless an operator names the proxies to trust, so a
    // client cannot choose the ip the audit log records by sending X-Forwarded-For.
    trustProxy: process.env.TRUSTED_PROXIES ? process.env.TRUSTED_PROXIES.split(',').map((s) => s.trim()) : false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
    },
    logger: false,
    // No Express-style middleware is mounted (logging and security are Fastify hooks), so the
    // @fastify/middie layer Nest would add to every request is left out: it cost 3–4 % of a read.
    skipMiddie: true,
    // Web pages keep browser URLs (/operations, /warrants/:id) outside /api/v1: see web-paths.ts.
    rewriteUrl: (req: { url?: string }) => rewriteWebUrl(req.url),
  });
}

/** Everything the server and the e2e tests both need on top of AppModule. */
export async function configureApp(app: NestFastifyApplication): Promise<void> {
  app.useLogger(new StartupQuietLogger(app.get(Logger)));
  app.setGlobalPrefix('api/v1', { exclude: [{ path: 'health', method: RequestMethod.GET }, ...WEB_PREFIX_EXCLUDES] });
  bindRequestLoggers(app.getHttpAdapter().getInstance());
  applySecurity(app, app.get(AppConfig));
  // After the security headers (a 429 carries them too), before any body is read.
  registerRateLimit(app.getHttpAdapter().getInstance(), app.get(AppConfig).RATE_LIMIT_PER_MINUTE, rateLimitedPage);
  await registerWeb(app);
  const fastify = app.getHttpAdapter().getInstance();
  registerMetadataOnlyHooks(fastify);
  const doc = new DocumentBuilder()
    .setTitle('Haven')
    .setDescription('Back office of an online child sexual abuse and exploitation unit: records, weekly returns, audit. Metadata only.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: 'docs-json' });
}
