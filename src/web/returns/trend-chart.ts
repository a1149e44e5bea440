import type { FigureKey } from '../../modules/figures/figures';
import type { SeriesWeek } from '../../modules/weekly-returns/weekly-return.views';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface ChartOptions {
  id: string;
  title: string;
  figure: FigureKey;
  /** The week the page is about: its bar is drawn darker. */
  current: string;
}

/**
 * A small column chart of one figure over a run of weeks, as inline SVG: drawn on the server, so
 * it needs no script and passes the CSP. Each column carries its value as text, and the chart
 * names itself (role="img" with a title and description); the same numbers are in a table too.
 */
export function columnChart(weeks: SeriesWeek[], o: ChartOptions): string {
  const width = 480;
  const height = 190;
  const top = 22;
  const bottom = 30;
  const left = 8;
  const plot = height - top - bottom;
  const slot = (width - left * 2) / Math.max(weeks.length, 1);
  const bar = Math.max(4, slot * 0.62);
  const values = weeks.map((w) => w.figures[o.figure]);
  const max = Math.max(1, ...values);
  const desc = weeks.map((w) => `${w.week}: ${w.figures[o.figure]}`).join('; ');
  const cols = weeks
    .map((w, i) => {
      const v = w.figures[o.figure];
      const h = Math.round((v / max) * plot);
      const x = left + i * slot + (slot - bar) / 2;
      const y = top + plot - h;
      const cls = w.week === o.current ? 'haven-chart__bar haven-chart__bar--current' : 'haven-chart__bar';
      const label = `W${w.week.slice(-2)}`;
      return [
        `<rect class="${cls}" x="${x.toFixed(1)}" y="${y}" width="${bar.toFixed(1)}" height="${Math.max(h, v > 0 ? 1 : 0)}"></rect>`,
        `<text class="haven-chart__label" x="${(x + bar / 2).toFixed(1)}" y="${y - 5}" text-anchor="middle">${v}</text>`,
        `<text class="haven-chart__label" x="${(x + bar / 2).toFixed(1)}" y="${height - 10}" text-anchor="middle">${label}</text>`,
      ].join('');
    })
    .join('');
  const axisY = top + plot + 0.5;
  return (
    `<svg class="haven-chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${o.id}-title ${o.id}-desc" focusable="false">` +
    `<title id="${o.id}-title">${esc(o.title)}, ${esc(weeks[0]?.week ?? '')} to ${esc(weeks[weeks.length - 1]?.week ?? '')}</title>` +
    `<desc id="${o.id}-desc">${esc(desc)}</desc>` +
    `<line class="haven-chart__axis" x1="${left}" y1="${axisY}" x2="${width - left}" y2="${axisY}"></line>` +
    cols +
    `</svg>`
  );
}
