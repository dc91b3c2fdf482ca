import type { Rng } from './random.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/**
 * Dates for the seed, all relative to one `now`. Events land in the lot's opening hours
 * (roughly 09:00–20:00 Madrid time) and never after `now`.
 */
export class SeedClock {
  readonly now: Date;
  private readonly today: number;

  constructor(now: Date) {
    this.now = new Date(now.getTime());
    this.today = Math.floor(now.getTime() / DAY) * DAY;
  }

  /** Midnight UTC, `daysAgo` days before today. */
  day(daysAgo: number): number {
    return this.today - daysAgo * DAY;
  }

  /** A moment in opening hours `daysAgo` days ago (Madrid is UTC+1/+2, so 08–18 UTC), clamped to now. */
  businessTime(rng: Rng, daysAgo: number): Date {
    const t = this.day(daysAgo) + rng.int(8 * 60, 18 * 60 + 30) * MINUTE + rng.int(0, 59) * 1000;
    return this.past(t);
  }

  /** `t` if it is before now, otherwise a minute before now. */
  past(t: number): Date {
    return new Date(Math.min(t, this.now.getTime() - MINUTE));
  }

  /** Whole days between `t` and now (0 for today). */
  daysAgo(t: Date | number): number {
    const ms = typeof t === 'number' ? t : t.getTime();
    return Math.max(0, Math.floor((this.today - Math.floor(ms / DAY) * DAY) / DAY));
  }

  /** A random instant in [from, to], moved into opening hours when that keeps it in range. */
  between(rng: Rng, from: number, to: number): number {
    const t = rng.int(from, Math.max(from, to));
    const snapped = Math.floor(t / DAY) * DAY + rng.int(8 * 60, 18 * 60 + 30) * MINUTE;
    return snapped >= from && snapped <= to ? snapped : t;
  }

  /** An instant `ms` after `from`, clamped to now. */
  after(from: Date, ms: number): Date {
    return this.past(from.getTime() + ms);
  }
}
