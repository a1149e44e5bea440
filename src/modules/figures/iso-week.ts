/** ISO 8601 weeks ('2021-W09'): Monday to Sunday, week 1 holds the year's first Thursday. */

const WEEK = /^(\d{4})-W(\d{2})$/;
const DAY_MS = 86_400_000;

export interface IsoWeek {
  year: number;
  week: number;
}

/** 52 or 53: a year has 53 ISO weeks when 28 December falls in week 53. */
export function weeksInYear(year: number): number {
  const dec28 = Date.UTC(year, 11, 28);
  return isoWeekOfUtc(dec28).week;
}

function isoWeekOfUtc(ms: number): IsoWeek {
  const d = new Date(ms);
  const dow = (d.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date(ms + (3 - dow) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return { year, week };
}

export function parseIsoWeek(text: string): IsoWeek | null {
  const m = WEEK.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (year < 2000 || year > 2999 || week < 1 || week > weeksInYear(year)) return null;
  return { year, week };
}

export function formatIsoWeek(w: IsoWeek): string {
  return `${w.year}-W${String(w.week).padStart(2, '0')}`;
}

/** The Monday of an ISO week as a calendar date, YYYY-MM-DD. */
export function mondayOf(w: IsoWeek): string {
  const jan4 = Date.UTC(w.year, 0, 4);
  const jan4Dow = (new Date(jan4).getUTCDay() + 6) % 7;
  const monday = jan4 - jan4Dow * DAY_MS + (w.week - 1) * 7 * DAY_MS;
  return new Date(monday).toISOString().slice(0, 10);
}

/** The ISO week holding a calendar date (YYYY-MM-DD). */
export function isoWeekOfDate(date: string): IsoWeek {
  return isoWeekOfUtc(Date.parse(`${date}T00:00:00Z`));
}

export function addWeeks(w: IsoWeek, n: number): IsoWeek {
  const monday = Date.parse(`${mondayOf(w)}T00:00:00Z`) + n * 7 * DAY_MS;
  return isoWeekOfUtc(monday);
}

/** The same week number a year before; week 53 maps to week 52 when the earlier year has none. */
export function sameWeekLastYear(w: IsoWeek): IsoWeek {
  return { year: w.year - 1, week: Math.min(w.week, weeksInYear(w.year - 1)) };
}
