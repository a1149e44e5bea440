#!/usr/bin/env node
// Part of `npm run build`: puts what the web front office needs beside the compiled code.
//   dist/src/web/views   the Nunjucks templates
//   dist/src/web/public  served under /assets: govuk-frontend's CSS, JS and images, and Haven's own files
// Haven is not a GOV.UK service, so the GDS Transport typeface (licensed for GOV.UK only) is taken
// out of govuk-frontend's CSS and its font files are not copied: text falls back to Arial.
'use strict';
const { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

const root = join(__dirname, '..');
const out = join(root, 'dist', 'src', 'web');
const govuk = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist', 'govuk');

function withoutTransport(css) {
  return css
    .replace(/@font-face\{[^}]*\}/g, '')
    .replace(/font-family:\s*"?GDS Transport"?,\s*/g, 'font-family:')
    .replace(/\/\*# sourceMappingURL=[^*]*\*\//g, '');
}

for (const dir of ['views', 'public']) rmSync(join(out, dir), { recursive: true, force: true });
mkdirSync(join(out, 'public'), { recursive: true });
cpSync(join(root, 'src', 'web', 'views'), join(out, 'views'), { recursive: true });
cpSync(join(root, 'src', 'web', 'public'), join(out, 'public'), { recursive: true });
cpSync(join(govuk, 'assets', 'images'), join(out, 'public', 'images'), { recursive: true });
const js = readFileSync(join(govuk, 'govuk-frontend.min.js'), 'utf8').replace(/\/\/# sourceMappingURL=\S+\s*$/, '');
writeFileSync(join(out, 'public', 'govuk-frontend.min.js'), js);
const css = withoutTransport(readFileSync(join(govuk, 'govuk-frontend.min.css'), 'utf8'));
if (css.includes('GDS Transport')) throw new Error('copy-web-assets: GDS Transport is still referenced in the CSS');
writeFileSync(join(out, 'public', 'govuk-frontend.min.css'), css);
if (!existsSync(join(out, 'views', 'layout.njk'))) throw new Error('copy-web-assets: templates missing');
