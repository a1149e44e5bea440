/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled;
 * objects as compact JSON. Text a spreadsheet would run as a formula (=, +, -, @, tab or CR at
 * the start) gets a leading apostrophe: a value any user can type (a purpose, a description)
 * must not become code on the machine of whoever opens the export. NDJSON exports stay exact.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  let s = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A whole CSV document with CRLF line ends. */
export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
