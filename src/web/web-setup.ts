import fastifyCookie from '@fastify/cookie';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyRequest } from 'fastify';
import { contentProblems } from '../core/http/metadata-only.hooks';
import { RATE_LIMITED_MESSAGE } from '../core/http/rate-limit';
import { govukFrontendDist, nunjucksEnv } from './render/nunjucks-env';
import { isWebRoute } from './web-paths';

/** Where /assets is served from: the build's prepared folder, or the sources and govuk-frontend. */
export function assetRoots(): string[] {
  const built = join(__dirname, 'public');
  if (existsSync(join(built, 'govuk-frontend.min.css'))) return [built];
  // Running from the TypeScript sources (the e2e tests): govuk-frontend's files as published.
  const govuk = join(govukFrontendDist(), 'govuk');
  return [built, govuk, join(govuk, 'assets')];
}

/**
 * What the web pages need from Fastify, registered before the routes: cookies (the session and
 * the CSRF pair) and the static files of the GOV.UK Design System plus Haven's own script and
 * styles under /assets. Form bodies (application/x-www-form-urlencoded) are parsed by the body
 * parser Nest registers on Fastify itself.
 */
export async function registerWeb(app: NestFastifyApplication): Promise<void> {
  await app.register(fastifyCookie as never);
  // Metadata only, the GOV.UK way: a form value that looks like file content is refused (400)
  // before any handler runs, as the API's own check does, but with a page instead of JSON.
  // Registered before that check, so on web routes it answers first; nothing is stored either way.
  // Both hooks share one scan of the request (contentProblems keeps its answer on the request).
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('preHandler', async (req, reply) => {
      if (!isWebRoute(req.url)) return;
      if (!contentProblems(req).length) return;
      const html = nunjucksEnv().render('error.njk', {
        title: 'There is a problem with what you entered',
        message:
          'Something you entered looks like the contents of a file (an image, a document or encoded data). Haven records metadata only, so nothing was saved. Go back, remove it and try again.',
        status: 400,
      });
      return reply.code(400).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
    });
  app.useStaticAssets({
    root: assetRoots(),
    prefix: '/assets/',
    decorateReply: false,
    index: false,
    list: false,
    dotfiles: 'deny',
    // Asset names are not fingerprinted (govuk-frontend's are stable per version): a short cache.
    maxAge: 3600 * 1000,
  });
}

/** The page a browser gets when the per-address rate limit refuses a web page; null for the API. */
export function rateLimitedPage(req: FastifyRequest): string | null {
  if (!isWebRoute(req.url)) return null;
  return nunjucksEnv().render('error.njk', { title: 'Too many requests', message: `${RATE_LIMITED_MESSAGE}.`, status: 429 });
}
