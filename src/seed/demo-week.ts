/**
 * An invented week of action at the scale of a real unit's published figures: 64 warrants executed,
 * 31 arrests, 68 children safeguarded, 264 exhibits, 33 safeguarding visits, ~50 referrals,
 * spread over the central team and twelve borough teams. Nothing here describes real people.
 */
export const DEMO_UNITS = [
  { code: 'CENTRAL', name: 'Central OCSAE team', kind: 'central' as const },
  ...['NE', 'NW', 'SE', 'SW', 'EA', 'WA', 'CN', 'CS', 'NC', 'SC', 'EC', 'WC'].map((c) => ({
    code: `BCU-${c}`,
    name: `Borough team ${c}`,
    kind: 'borough' as const,
  })),
];

export const DEMO_USERS = [
  { username: 'demo.admin', displayName: 'Demo Administrator', role: 'admin' as const, unit: 'CENTRAL' },
  { username: 'demo.auditor', displayName: 'Demo Auditor', role: 'auditor' as const, unit: 'CENTRAL' },
  { username: 'demo.supervisor', displayName: 'DS Demo Supervisor', role: 'supervisor' as const, unit: 'CENTRAL' },
  // A second central supervisor, so any demo return can be approved by someone who did not submit it.
  { username: 'demo.supervisor2', displayName: 'DS Second Supervisor', role: 'supervisor' as const, unit: 'CENTRAL' },
  { username: 'demo.officer', displayName: 'DC Demo Officer', role: 'officer' as const, unit: 'CENTRAL' },
  { username: 'demo.ne.supervisor', displayName: 'DS North East', role: 'supervisor' as const, unit: 'BCU-NE' },
  { username: 'demo.ne.officer', displayName: 'DC North East', role: 'officer' as const, unit: 'BCU-NE' },
];

export const DEMO_TARGETS = {
  warrantsExecuted: 64,
  warrantsNotExecuted: 6,
  arrests: 31,
  childrenAtWarrants: 41,
  exhibits: 264,
  safeguardingVisits: 33,
  childrenAtVisits: 27,
  referrals: 50,
};

/** A small deterministic generator, so every demo load is the same week. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Splits `total` into `parts` non-negative whole numbers that add up to it. */
export function spread(total: number, parts: number, rand: () => number): number[] {
  const out = new Array(parts).fill(0);
  for (let i = 0; i < total; i++) out[Math.floor(rand() * parts)] += 1;
  return out;
}
