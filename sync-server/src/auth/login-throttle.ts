import { ApiError } from '../http/errors.ts';
import { normalizeEmail } from './email.ts';
import { SlidingWindowLimiter } from './rate-limit.ts';

export interface ThrottleKeys {
  /** The client's address; absent for checks that are not about a network client. */
  ip?: string;
  /** The account's email, any spelling: the bucket is its normalizeEmail() form, as the lookup's. */
  email: string;
}

/**
 * Password-guessing throttle: at most `limit` failed password checks per window, counted both
 * per client address and per account email (see rate-limit.ts for the multi-instance caveat).
 *
 * An attempt is counted before the password is verified and taken back when it succeeds, so a
 * burst of parallel guesses cannot all slip past the check while argon2 is busy. A success clears
 * the email's bucket (the owner proved the password) but only takes back its own attempt from the
 * address's bucket, so one valid account cannot be used to reset a spraying client.
 */
export class LoginThrottle {
  private readonly byIp: SlidingWindowLimiter;
  private readonly byEmail: SlidingWindowLimiter;

  constructor(limit: number, windowSeconds: number, now?: () => number) {
    const opts = { limit, windowMs: windowSeconds * 1000, ...(now ? { now } : {}) };
    this.byIp = new SlidingWindowLimiter(opts);
    this.byEmail = new SlidingWindowLimiter(opts);
  }

  /** Throws 429 `rate_limited` (with `retryAfter` seconds in details) or counts one attempt. */
  begin(keys: ThrottleKeys): void {
    const email = normalizeEmail(keys.email);
    const wait = Math.max(keys.ip ? this.byIp.retryAfter(keys.ip) : 0, this.byEmail.retryAfter(email));
    if (wait > 0) {
      throw new ApiError(429, 'rate_limited', 'Too many failed attempts; try again later', { retry_after: wait });
    }
    if (keys.ip) this.byIp.hit(keys.ip);
    this.byEmail.hit(email);
  }

  /** The attempt started by `begin` proved the password. */
  succeeded(keys: ThrottleKeys): void {
    if (keys.ip) this.byIp.forgive(keys.ip);
    this.byEmail.reset(normalizeEmail(keys.email));
  }
}
