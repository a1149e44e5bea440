import { GroupCommit } from './group-commit';

describe('GroupCommit (group commit for audited reads and creates)', () => {
  it('answers a burst with few batches, each caller getting its own row', async () => {
    const batches: number[][] = [];
    const b = new GroupCommit<number, string>(
      async (reqs) => {
        batches.push(reqs);
        await new Promise((r) => setTimeout(r, 5));
        return reqs.map((n) => (n % 3 === 0 ? undefined : `row-${n}`));
      },
      64,
      2,
    );
    const answers = await Promise.all(Array.from({ length: 40 }, (_, n) => b.load(n)));
    expect(answers).toEqual(Array.from({ length: 40 }, (_, n) => (n % 3 === 0 ? undefined : `row-${n}`)));
    expect(batches.flat().sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, n) => n));
    expect(batches.length).toBeLessThan(5);
  });

  it('fails every read of a batch whose statement fails, and keeps serving after', async () => {
    let fail = true;
    const b = new GroupCommit<number, number>(async (reqs) => {
      if (fail) throw new Error('audit write failed');
      return reqs;
    });
    const results = await Promise.allSettled([b.load(1), b.load(2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(b.load(3)).resolves.toBe(3);
  });

  it('never has more batches with the database than allowed', async () => {
    let now = 0;
    let peak = 0;
    const b = new GroupCommit<number, number>(
      async (reqs) => {
        peak = Math.max(peak, ++now);
        await new Promise((r) => setTimeout(r, 3));
        now--;
        return reqs;
      },
      1,
      3,
    );
    await Promise.all(Array.from({ length: 20 }, (_, n) => b.load(n)));
    expect(peak).toBe(3);
  });
});
