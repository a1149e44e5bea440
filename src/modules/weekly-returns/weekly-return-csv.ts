import { FIGURE_KEYS, Figures } from '../figures/figures';
import { toCsv } from '../../core/http/csv';
import type { ReturnView, SeriesView, SummaryView } from './weekly-return.views';

type Cell = string | number | boolean | null | undefined;

const figureCells = (f: Figures | Record<string, number | null>): Cell[] => FIGURE_KEYS.map((k) => f[k]);

/** One row per figure, in FIGURE_KEYS order: the return's value, the live one, and the comparisons. */
export function returnCsv(v: ReturnView): string {
  const header = [
    'unit',
    'week',
    'status',
    'stale',
    'figure',
    'returnValue',
    'liveValue',
    'previousWeek',
    'previousWeekValue',
    'previousWeekChangePercent',
    'sameWeekLastYear',
    'sameWeekLastYearValue',
    'sameWeekLastYearChangePercent',
  ];
  const { previousWeek: p, sameWeekLastYear: y } = v.comparisons;
  const rows = FIGURE_KEYS.map((k) => [
    v.unit.code,
    v.week,
    v.return?.status ?? 'none',
    v.stale,
    k,
    v.return?.figures?.[k] ?? null,
    v.live[k],
    p.week,
    p.figures[k],
    p.changePercent[k],
    y.week,
    y.figures[k],
    y.changePercent[k],
  ]);
  return toCsv(header, rows);
}

/** One row per unit (by code), then the force-wide total, the comparison weeks and the changes. */
export function summaryCsv(s: SummaryView): string {
  const header = ['row', 'week', 'unit', 'unitName', 'status', 'stale', ...FIGURE_KEYS];
  const { previousWeek: p, sameWeekLastYear: y } = s.comparisons;
  const rows: Cell[][] = s.units.map((u) => [
    'unit',
    s.week,
    u.unit.code,
    u.unit.name,
    u.return?.status ?? 'none',
    u.return?.stale ?? null,
    ...figureCells(u.figures),
  ]);
  rows.push(
    ['total', s.week, 'ALL', 'All units', null, null, ...figureCells(s.total)],
    ['previousWeek', p.week, 'ALL', 'All units', null, null, ...figureCells(p.figures)],
    ['sameWeekLastYear', y.week, 'ALL', 'All units', null, null, ...figureCells(y.figures)],
    ['changePercentOnPreviousWeek', s.week, 'ALL', 'All units', null, null, ...figureCells(p.changePercent)],
    ['changePercentOnSameWeekLastYear', s.week, 'ALL', 'All units', null, null, ...figureCells(y.changePercent)],
  );
  return toCsv(header, rows);
}

/** One row per week, oldest first. */
export function seriesCsv(s: SeriesView): string {
  const unit = s.unit?.code ?? 'ALL';
  return toCsv(
    ['unit', 'week', 'weekStarting', ...FIGURE_KEYS],
    s.weeks.map((w) => [unit, w.week, w.weekStarting, ...figureCells(w.figures)]),
  );
}
