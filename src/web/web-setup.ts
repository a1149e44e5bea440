import fastifyCookie from '@fastify/cookie';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { govukFrontendDist } from './render/nunjucks-env';

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
