import type { RateLimitRule } from '../http/rate-limit.js';

/** Limits of the status lookup and the operator login (failed attempts only). */
export interface StatusRateLimitSettings {
  /** Failed status lookups (HTTP and socket `status:watch`) per client IP. */
  lookupFailuresPerIp: RateLimitRule;
  /** Failed status lookups per request number (known or not). */
  lookupFailuresPerNumber: RateLimitRule;
  /**
   * Wrong operator tokens (login or Bearer) per client IP and presented token: that token is
   * locked for that IP, other tokens (the right one included) are not.
   */
  operatorLoginFailuresPerToken: RateLimitRule;
  /**
   * Wrong operator tokens per client IP, whatever the token: a ceiling on floods of distinct
   * guesses (and on the memory they take). The right token is never held back by it.
   */
  operatorLoginFailuresPerIp: RateLimitRule;
}

const MINUTE = 60_000;

export const DEFAULT_STATUS_RATE_LIMITS: Readonly<StatusRateLimitSettings> = {
  lookupFailuresPerIp: { limit: 5, windowMs: MINUTE },
  lookupFailuresPerNumber: { limit: 5, windowMs: MINUTE },
  operatorLoginFailuresPerToken: { limit: 10, windowMs: 15 * MINUTE },
  operatorLoginFailuresPerIp: { limit: 100, windowMs: 15 * MINUTE },
};

export type Attempt =
  | { allowed: false; retryAfterSeconds: number }
  | {
      allowed: true;
      /** The attempt succeeded: it does not count. */
      succeeded(): void;
    };

/**
 * Counts failures only, and holds concurrent attempts safely: an attempt takes a place in the
 * window when it starts (so that 20 parallel guesses cannot all pass a limit of 5) and gives it
 * back when it succeeds. Sliding window, in memory, per process.
 */
export interface FailureLimiter {
  readonly rule: RateLimitRule;
  /** Starts an attempt counted under every key; refused when any key is at its limit. */
  begin(keys: readonly string[]): Attempt;
  reset(): void;
}

export function createFailureLimiter(rule: RateLimitRule, now: () => number = Date.now): FailureLimiter {
  if (!Number.isInteger(rule.limit) || rule.limit < 1) throw new Error(`Rate limit must be a positive integer, got ${rule.limit}`);
  if (!(rule.windowMs > 0)) throw new Error(`Rate limit window must be positive, got ${rule.windowMs}`);
  const events = new Map<string, { at: number }[]>();
  let lastSweep = now();

  const recent = (key: string, at: number) => {
    const list = events.get(key);
    if (!list) return [];
    const kept = list.filter((event) => event.at > at - rule.windowMs);
    if (kept.length === 0) events.delete(key);
    else events.set(key, kept);
    return kept;
  };

  return {
    rule,
    begin(keys) {
      const at = now();
      if (at - lastSweep >= rule.windowMs) {
        lastSweep = at;
        for (const key of [...events.keys()]) recent(key, at);
      }
      let blocked = false;
      let retryAfterMs = 0;
      for (const key of keys) {
        const list = recent(key, at);
        if (list.length < rule.limit) continue;
        blocked = true;
        // The oldest event leaves the window first (events are kept in time order).
        retryAfterMs = Math.max(retryAfterMs, list[0]!.at + rule.windowMs - at);
      }
      if (blocked) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
      const event = { at };
      for (const key of keys) {
        const list = events.get(key);
        if (list) list.push(event);
        else events.set(key, [event]);
      }
      return {
        allowed: true,
        succeeded() {
          for (const key of keys) {
            const list = events.get(key);
            if (!list) continue;
            const index = list.indexOf(event);
            if (index >= 0) list.splice(index, 1);
            if (list.length === 0) events.delete(key);
          }
        },
      };
    },
    reset: () => events.clear(),
  };
}
