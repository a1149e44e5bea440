/** One line of the bench table. */
export interface Row {
  figure: string;
  measured: string;
  ceiling?: string;
  ratio?: string;
  target?: string;
  /** true/false when there is a target; undefined when the row is informational. */
  met?: boolean | null;
  /** Shown after the met column, e.g. "p50 3.1 ms". */
  note?: string;
}

export const fmt = {
  rate: (n: number) => `${Math.round(n).toLocaleString('en-GB')} req/s`,
  eps: (n: number) => `${Math.round(n).toLocaleString('en-GB')} ev/s`,
  ms: (n: number) => (Number.isFinite(n) ? `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms` : 'n/a'),
  mb: (n: number) => (Number.isFinite(n) ? `${n.toFixed(0)} MB` : 'n/a'),
  ratio: (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a'),
  int: (n: number) => Math.round(n).toLocaleString('en-GB'),
};

/** A plain-text table (fits a terminal and pastes into Markdown as a code block). */
export function table(rows: Row[]): string {
  const head = ['figure', 'measured', 'ceiling', 'ratio', 'target', 'met?', 'notes'];
  const cells = rows.map((r) => [
    r.figure,
    r.measured,
    r.ceiling ?? '',
    r.ratio ?? '',
    r.target ?? '',
    r.met === undefined || r.met === null ? (r.target ? '?' : '') : r.met ? 'yes' : 'NO',
    r.note ?? '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => v.padEnd(widths[i]))
      .join(' | ')
      .trimEnd();
  const sep = widths.map((w) => '-'.repeat(w)).join('-+-');
  return [line(head), sep, ...cells.map(line)].join('\n');
}

/** The same rows as a Markdown table (for docs/performance.md). */
export function markdown(rows: Row[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const out = ['| figure | measured | ceiling | ratio | target | met? | notes |', '| --- | --- | --- | --- | --- | --- | --- |'];
  for (const r of rows) {
    const met = r.met === undefined || r.met === null ? (r.target ? '?' : '') : r.met ? 'yes' : '**no**';
    out.push(`| ${[r.figure, r.measured, r.ceiling ?? '', r.ratio ?? '', r.target ?? '', met, r.note ?? ''].map(esc).join(' | ')} |`);
  }
  return out.join('\n');
}
