import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { AppConfig } from '../config/app-config';

/** The CSP fits the API, the OpenAPI UI and the web pages (scripts are files, icons data: images). */
const HELMET: Readonly<HelmetOptions> = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
    },
  },
  hsts: { maxAge: 31_536_000, includeSubDomains: true },
  referrerPolicy: { policy: 'no-referrer' },
  crossOriginResourcePolicy: { policy: 'same-origin' },
};

/**
 * The headers helmet sets for this configuration. They depend on nothing in the request (no
 * nonces), so helmet runs once, at start-up, against a recording response; @fastify/helmet
 * instead rebuilt helmet's middleware (parsing the CSP again) for every request, a tenth of the
 * CPU of an audited read.
 */
export function securityHeaders(options: Readonly<HelmetOptions> = HELMET): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let ran = false;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, () => {
    ran = true;
  });
  if (!ran || !headers['content-security-policy']) throw new Error('helmet did not produce the security headers');
  return headers;
}

/**
 * Security headers and the request id on every response, and CORS closed unless the operator
 * names origins.
 */
export function applySecurity(app: NestFastifyApplication, config: AppConfig): void {
  const headers = securityHeaders();
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (req, reply, done) => {
      void reply.headers(headers).header('x-request-id', req.id);
      done();
    });
  const origins = config.CORS_ORIGINS?.split(',').map((o) => o.trim());
  if (origins?.length) {
    app.enableCors({ origin: origins, credentials: false, methods: ['GET', 'POST', 'PATCH', 'DELETE'], maxAge: 600 });
  }
  // Without CORS_ORIGINS no Access-Control-* header is ever sent: browsers on other origins cannot read answers.
}
