import { createHash } from 'node:crypto';
import { figuresHash } from './figures-hash';

const unitId = '7b0c1a2e-0000-4000-8000-000000000001';
const figures = { warrantsExecuted: 64, arrests: 31, childrenSafeguarded: 68, exhibitsSeized: 264, safeguardingVisits: 33, referralsReceived: 50 };

describe('figuresHash', () => {
  it('is SHA-256 of the sorted-key JSON of {unitId, week, figures}', () => {
    const canonical =
      '{"figures":{"arrests":31,"childrenSafeguarded":68,"exhibitsSeized":264,"referralsReceived":50,"safeguardingVisits":33,"warrantsExecuted":64},' +
      `"unitId":"${unitId}","week":"2021-W09"}`;
    expect(figuresHash(unitId, '2021-W09', figures)).toBe(createHash('sha256').update(canonical).digest('hex'));
  });

  it('does not depend on key order, and changes with any figure, the week or the unit', () => {
    const reordered = Object.fromEntries(Object.entries(figures).reverse()) as typeof figures;
    const base = figuresHash(unitId, '2021-W09', figures);
    expect(figuresHash(unitId, '2021-W09', reordered)).toBe(base);
    expect(figuresHash(unitId, '2021-W09', { ...figures, arrests: 32 })).not.toBe(base);
    expect(figuresHash(unitId, '2021-W10', figures)).not.toBe(base);
    expect(figuresHash(unitId.replace(/1$/, '2'), '2021-W09', figures)).not.toBe(base);
  });
});
