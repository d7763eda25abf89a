import type { RateLimitRule } from './rate-limit.js';
import type { SharedLimits } from './shared-limits.js';

export type Attempt =
  | { allowed: false; retryAfterSeconds: number }
  | {
      allowed: true;
      /** The attempt succeeded: it does not count. */
      succeeded(): Promise<void>;
    };

/**
 * Counts failures only, and holds concurrent attempts safely: an attempt takes a place in the
 * window when it starts (so that 20 parallel guesses cannot all pass a limit of 5) and gives it
 * back when it succeeds. Kept in the database (shared-limits.ts), so that every server process
 * sharing it counts together: «5 failed lookups per minute» is 5 across all of them.
 */
export interface FailureLimiter {
  readonly rule: RateLimitRule;
  /** Starts an attempt counted under every key; refused when any key is at its limit (then nothing is counted). */
  begin(keys: readonly string[]): Promise<Attempt>;
}

/** A failure limiter named `name` (its rows in `rate_limit_events`) with `rule`, on `limits`. */
export function createFailureLimiter(limits: SharedLimits, name: string, rule: RateLimitRule): FailureLimiter {
  if (!Number.isInteger(rule.limit) || rule.limit < 1) throw new Error(`Rate limit must be a positive integer, got ${rule.limit}`);
  if (!(rule.windowMs > 0)) throw new Error(`Rate limit window must be positive, got ${rule.windowMs}`);
  return {
    rule,
    async begin(keys) {
      const reservation = await limits.reserve(keys.map((key) => ({ limiter: name, rule, key })));
      if (!reservation.allowed) return reservation;
      return { allowed: true, succeeded: () => reservation.release() };
    },
  };
}
