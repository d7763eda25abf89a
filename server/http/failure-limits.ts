import type { RateLimitRule } from './rate-limit.js';

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
