import { createHash } from 'node:crypto';
import { canonicalJson } from '../../core/json/canonical-json';
import { FIGURE_KEYS, Figures } from '../figures/figures';

/** Only the six figures, as integers: whatever else a stored object holds is not part of a return. */
export function pickFigures(source: Partial<Record<string, unknown>>): Figures {
  return Object.fromEntries(FIGURE_KEYS.map((k) => [k, Number(source[k] ?? 0)])) as Figures;
}

/**
 * The snapshot hash of a return: SHA-256 (hex) of the canonical JSON (keys sorted at every depth)
 * of {unitId, week, figures}. The same figures for the same unit and week always give the same
 * hash, so comparing it with the live figures' hash says whether the return is stale.
 */
export function figuresHash(unitId: string, week: string, figures: Figures): string {
  return createHash('sha256')
    .update(canonicalJson({ unitId, week, figures: pickFigures(figures) }))
    .digest('hex');
}
