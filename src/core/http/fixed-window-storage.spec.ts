import { FixedWindowStorage } from './fixed-window-storage';

describe('fixed-window rate-limit storage', () => {
  it('counts per key and refuses past the limit until the window ends', async () => {
    const s = new FixedWindowStorage();
    for (let i = 1; i <= 3; i++) expect((await s.increment('ip:a', 1000, 3, 0, 'default')).isBlocked).toBe(false);
    const fourth = await s.increment('ip:a', 1000, 3, 0, 'default');
    expect(fourth).toMatchObject({ totalHits: 4, isBlocked: true });
    expect(fourth.timeToBlockExpire).toBeGreaterThan(0);
    expect((await s.increment('ip:b', 1000, 3, 0, 'default')).isBlocked).toBe(false);
  });

  it('starts a new window once the old one ends', async () => {
    const s = new FixedWindowStorage();
    await s.increment('k', 30, 1, 0, 'default');
    expect((await s.increment('k', 30, 1, 0, 'default')).isBlocked).toBe(true);
    await new Promise((r) => setTimeout(r, 40));
    expect((await s.increment('k', 30, 1, 0, 'default')).isBlocked).toBe(false);
  });
});
