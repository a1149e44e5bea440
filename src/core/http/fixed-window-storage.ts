interface Window {
  hits: number;
  endsAt: number;
}

/** One client's standing in its current window. */
export interface WindowCount {
  hits: number;
  /** Whether this hit went past the limit. */
  blocked: boolean;
  /** Whole seconds until the window ends (at least 1): the Retry-After of a refusal. */
  secondsLeft: number;
}

/**
 * Counts hits per key in fixed windows, synchronously and in O(1) per hit. A client over the limit
 * is refused until its window ends. Finished windows are swept now and then, so memory follows
 * the number of clients active in the last window.
 */
export class FixedWindowStorage {
  private readonly windows = new Map<string, Window>();
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    private readonly windowMs: number,
    private readonly limit: number,
  ) {}

  hit(key: string, now = Date.now()): WindowCount {
    let w = this.windows.get(key);
    if (!w || w.endsAt <= now) {
      w = { hits: 0, endsAt: now + this.windowMs };
      this.windows.set(key, w);
      this.sweepLater();
    }
    w.hits += 1;
    return { hits: w.hits, blocked: w.hits > this.limit, secondsLeft: Math.max(1, Math.ceil((w.endsAt - now) / 1000)) };
  }

  private sweepLater(): void {
    if (this.sweeper) return;
    this.sweeper = setTimeout(() => {
      this.sweeper = null;
      const now = Date.now();
      for (const [key, w] of this.windows) if (w.endsAt <= now) this.windows.delete(key);
      if (this.windows.size) this.sweepLater();
    }, this.windowMs);
    this.sweeper.unref();
  }
}
