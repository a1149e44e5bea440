import { FixedWindowStorage } from './fixed-window-storage';

describe('fixed-window rate-limit storage', () => {
  it('counts per key and refuses past the limit until the window ends', () => {
    const s = new FixedWindowStorage(1000, 3);
    for (let i = 1; i <= 3; i++) expect(s.hit('ip:a')).toMatchObject({ hits: i, blocked: false });
    const fourth = s.hit('ip:a');
    expect(fourth).toMatchObject({ hits: 4, blocked: true });
    expect(fourth.secondsLeft).toBe(1);
    expect(s.hit('ip:b').blocked).toBe(false);
  });

  it('says how many whole seconds are left in the window', () => {
    const s = new FixedWindowStorage(60_000, 1);
    s.hit('k', 1_000_000);
    expect(s.hit('k', 1_000_000 + 15_500)).toMatchObject({ blocked: true, secondsLeft: 45 });
  });

  it('starts a new window once the old one ends', async () => {
    const s = new FixedWindowStorage(30, 1);
    s.hit('k');
    expect(s.hit('k').blocked).toBe(true);
    await new Promise((r) => setTimeout(r, 40));
    expect(s.hit('k')).toMatchObject({ hits: 1, blocked: false });
  });
});
