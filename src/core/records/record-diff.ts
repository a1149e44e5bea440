/** Comparable form of a stored value: dates as ISO strings, everything else as JSON would show it. */
export function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value === undefined) return null;
  return value;
}

const IGNORED = new Set(['version', 'updatedAt', 'updatedBy', 'createdAt', 'createdBy']);

/** Field-level diff { field: [before, after] } over the fields a write touched. */
export function diffFields(before: Record<string, unknown> | null, after: Record<string, unknown>): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const [key, value] of Object.entries(after)) {
    if (IGNORED.has(key)) continue;
    const a = normalise(before ? before[key] : null);
    const b = normalise(value);
    if (JSON.stringify(a) !== JSON.stringify(b)) out[key] = [a, b];
  }
  return out;
}
