import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import nunjucks from 'nunjucks';
import { formatDate, formatDateTime } from '../forms/london-time';

/** The templates: src/web/views from the sources, dist/src/web/views once built. */
export const VIEWS_DIR = join(__dirname, '..', 'views');

/** govuk-frontend's dist folder, so templates can `{% from "govuk/components/…/macro.njk" import … %}`. */
export function govukFrontendDist(): string {
  return join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');
}

const LABELS: Record<string, string> = {
  released_under_investigation: 'Released under investigation',
  nfa: 'No further action',
  very_high: 'Very high',
  in_progress: 'In progress',
  not_required: 'Not required',
  NCA: 'NCA',
  CEOP: 'CEOP',
};

/** An enum value as a person reads it: in_progress → In progress. */
export function humanise(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  const s = String(value);
  if (LABELS[s]) return LABELS[s];
  const spaced = s.replace(/_/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

let env: nunjucks.Environment | null = null;

/** One Nunjucks environment for the process: autoescaping on, templates cached once read. */
export function nunjucksEnv(): nunjucks.Environment {
  if (env) return env;
  if (!existsSync(VIEWS_DIR)) throw new Error(`web templates not found at ${VIEWS_DIR}: run "npm run build" (it copies them)`);
  const e = new nunjucks.Environment(new nunjucks.FileSystemLoader([VIEWS_DIR, govukFrontendDist()], { noCache: false }), {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
  e.addFilter('dateTime', formatDateTime);
  e.addFilter('date', formatDate);
  e.addFilter('humanise', humanise);
  e.addFilter('number', (n: unknown) => (typeof n === 'number' ? n.toLocaleString('en-GB') : String(n ?? '')));
  e.addFilter('errorLinks', (errors: { href: string; text: string }[]) => (errors ?? []).map((x) => ({ text: x.text, href: `#${x.href}` })));
  e.addFilter('percent', (n: unknown) => (typeof n === 'number' ? `${n > 0 ? '+' : ''}${n}%` : 'no comparison'));
  env = e;
  return e;
}
