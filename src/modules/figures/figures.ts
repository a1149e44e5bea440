/** The six weekly-return figures, in the order docs/counting-rules.md lists them. */
export const FIGURE_KEYS = ['warrantsExecuted', 'arrests', 'childrenSafeguarded', 'exhibitsSeized', 'safeguardingVisits', 'referralsReceived'] as const;

export type FigureKey = (typeof FIGURE_KEYS)[number];
export type Figures = Record<FigureKey, number>;

export function zeroFigures(): Figures {
  return Object.fromEntries(FIGURE_KEYS.map((k) => [k, 0])) as Figures;
}

export function addFigures(a: Figures, b: Figures): Figures {
  return Object.fromEntries(FIGURE_KEYS.map((k) => [k, a[k] + b[k]])) as Figures;
}

/** Percent change from `before` to `now`; null when there is nothing to compare with (0 before). */
export function percentChange(before: number, now: number): number | null {
  if (before === 0) return null;
  return Math.round(((now - before) / before) * 1000) / 10;
}
