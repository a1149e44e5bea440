/**
 * Officers enter and read times as they are on the wall in London; the API stores instants with
 * an offset. These convert between the two with the runtime's time-zone data (GMT or BST).
 */
const ZONE = 'Europe/London';

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export interface LondonParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export function londonParts(instant: Date): LondonParts {
  const p = Object.fromEntries(partsFormat.formatToParts(instant).map((x) => [x.type, x.value]));
  return { year: Number(p.year), month: Number(p.month), day: Number(p.day), hour: Number(p.hour) % 24, minute: Number(p.minute) };
}

/** Minutes London is ahead of UTC at an instant: 0 (GMT) or 60 (BST). */
function offsetMinutes(utcMs: number): number {
  const p = londonParts(new Date(utcMs));
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return Math.round((asUtc - Math.floor(utcMs / 60000) * 60000) / 60000);
}

const two = (n: number) => String(n).padStart(2, '0');

/** A London wall-clock time as ISO 8601 with its offset, e.g. 2021-06-01T06:00:00+01:00. */
export function londonToIso(year: number, month: number, day: number, hour: number, minute: number): string {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  let offset = offsetMinutes(wall);
  const again = offsetMinutes(wall - offset * 60000);
  if (again !== offset) offset = again;
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${year}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:00${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

export function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function clock(hour: number, minute: number): string {
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  return `${h12}:${two(minute)}${hour < 12 ? 'am' : 'pm'}`;
}

/** "1 March 2021 at 6:00am" in London time, the GOV.UK way of writing a date and time. */
export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return '';
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  const p = londonParts(d);
  return `${p.day} ${MONTHS[p.month - 1]} ${p.year} at ${clock(p.hour, p.minute)}`;
}

/** "1 March 2021" for a calendar date (YYYY-MM-DD) or, in London time, an instant. */
export function formatDate(value: Date | string | null | undefined): string {
  if (!value) return '';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number);
    return `${d} ${MONTHS[m - 1]} ${y}`;
  }
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  const p = londonParts(d);
  return `${p.day} ${MONTHS[p.month - 1]} ${p.year}`;
}

/** The London calendar date of an instant, YYYY-MM-DD. */
export function londonDate(instant: Date): string {
  const p = londonParts(instant);
  return `${p.year}-${two(p.month)}-${two(p.day)}`;
}
