/**
 * A sliding-window counter kept in this process's memory (a log of at most `limit` timestamps per
 * key).
 *
 * Multi-instance behaviour: every server instance counts on its own. Behind a load balancer with
 * N instances an attacker gets at most N × limit attempts per window, and a restart forgets the
 * counts. That is the accepted trade-off for a login throttle (the argon2 cost still bounds the
 * guessing rate); if it ever is not, move the buckets to a Postgres table keyed the same way.
 *
 * Memory is bounded: a key holds at most `limit` timestamps and the map at most `maxKeys` keys
 * (the oldest keys go first when a flood of distinct keys arrives).
 */
export class SlidingWindowLimiter {
  private readonly buckets = new Map<string, number[]>();
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(opts: { limit: number; windowMs: number; maxKeys?: number; now?: () => number }) {
    this.limit = opts.limit;
    this.windowMs = opts.windowMs;
    this.maxKeys = opts.maxKeys ?? 100_000;
    this.now = opts.now ?? Date.now;
  }

  /** Seconds until `key` may try again, or 0 when it is under the limit now. */
  retryAfter(key: string): number {
    const hits = this.live(key);
    if (hits.length < this.limit) return 0;
    const oldest = hits[hits.length - this.limit] ?? this.now();
    return Math.max(1, Math.ceil((oldest + this.windowMs - this.now()) / 1000));
  }

  /** Counts one attempt for `key`. */
  hit(key: string): void {
    const hits = this.live(key);
    hits.push(this.now());
    if (hits.length > this.limit) hits.splice(0, hits.length - this.limit);
    // Re-insert so Map order is least-recently-hit first, which is what eviction wants.
    this.buckets.delete(key);
    this.buckets.set(key, hits);
    if (this.buckets.size > this.maxKeys) this.evict();
  }

  /** Takes back the newest attempt of `key` (an attempt that turned out to be legitimate). */
  forgive(key: string): void {
    const hits = this.buckets.get(key);
    hits?.pop();
    if (hits && hits.length === 0) this.buckets.delete(key);
  }

  /** Forgets every attempt of `key`. */
  reset(key: string): void {
    this.buckets.delete(key);
  }

  private live(key: string): number[] {
    const hits = this.buckets.get(key);
    if (!hits) return [];
    const cutoff = this.now() - this.windowMs;
    while (hits.length > 0 && (hits[0] ?? 0) <= cutoff) hits.shift();
    if (hits.length === 0) this.buckets.delete(key);
    return hits;
  }

  private evict(): void {
    for (const key of this.buckets.keys()) {
      if (this.live(key).length === 0) continue;
      if (this.buckets.size <= this.maxKeys) return;
      this.buckets.delete(key);
    }
  }
}
