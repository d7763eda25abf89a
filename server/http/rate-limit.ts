import { HttpError } from './errors.js';

/** At most `limit` events per `windowMs` for one key. */
export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

export type RateLimitResult = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

/** A place taken in a limiter's window: `release()` gives it back (once; later calls do nothing). */
export type Reservation = { allowed: true; remaining: number; release(): void } | { allowed: false; retryAfterSeconds: number };

export interface LocalRateLimiter {
  readonly rule: RateLimitRule;
  /**
   * Counts one event for `key` (an IP, a phone number, a request number — any string) and says
   * whether it is within the rule. A refused event is not counted.
   */
  hit(key: string): RateLimitResult;
  /**
   * Like `hit`, and the place can be given back: take it before any `await` of the work it
   * guards, release it if the work fails. Parallel requests then cannot all pass a check made
   * before their work and counted after it.
   */
  reserve(key: string): Reservation;
  /** Like `hit`, but throws HttpError 429 `rate_limited` (with Retry-After) when refused. */
  consume(key: string, message?: string): void;
  /** Forgets every key. */
  reset(): void;
  /** Keys currently tracked (for tests and metrics). */
  readonly size: number;
}

const RATE_LIMITED_MESSAGE = 'Слишком много запросов. Повторите попытку позже.';

/**
 * An in-memory sliding-window limiter: each key keeps the times of its events within the last
 * window, so the limit holds for any window of that length (no burst at fixed window edges).
 * Memory is bounded by the events of the last window; idle keys are swept as the limiter is used.
 * Checking and counting are one synchronous step, so concurrent requests cannot overtake each
 * other between them. It lives in one process: for what belongs to one connection (a socket's
 * events); what several processes must count together is shared-limits.ts, in the database.
 */
export function createLocalRateLimiter(rule: RateLimitRule, now: () => number = Date.now): LocalRateLimiter {
  if (!Number.isInteger(rule.limit) || rule.limit < 1) throw new Error(`Rate limit must be a positive integer, got ${rule.limit}`);
  if (!(rule.windowMs > 0)) throw new Error(`Rate limit window must be positive, got ${rule.windowMs}`);
  const events = new Map<string, number[]>();
  let lastSweep = now();

  const recent = (key: string, at: number): number[] => {
    const times = events.get(key);
    if (!times) return [];
    const from = at - rule.windowMs;
    let drop = 0;
    while (drop < times.length && times[drop]! <= from) drop++;
    if (drop > 0) times.splice(0, drop);
    if (times.length === 0) events.delete(key);
    return times;
  };

  const sweep = (at: number) => {
    if (at - lastSweep < rule.windowMs) return;
    lastSweep = at;
    for (const key of [...events.keys()]) recent(key, at);
  };

  /** Checks `key` at the current time and, when allowed, records the event; the event's time is returned. */
  const check = (key: string): RateLimitResult & { at: number } => {
    const at = now();
    sweep(at);
    const times = recent(key, at);
    if (times.length >= rule.limit) {
      const retryAfterMs = times[0]! + rule.windowMs - at;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)), at };
    }
    const used = times.length + 1;
    if (times.length === 0) events.set(key, [at]);
    else times.push(at);
    return { allowed: true, remaining: rule.limit - used, at };
  };

  /** Removes one event of `key` recorded at `at` (if it is still in the window). */
  const forget = (key: string, at: number) => {
    const times = events.get(key);
    if (!times) return;
    const index = times.lastIndexOf(at);
    if (index >= 0) times.splice(index, 1);
    if (times.length === 0) events.delete(key);
  };

  const result = (checked: RateLimitResult & { at: number }): RateLimitResult =>
    checked.allowed ? { allowed: true, remaining: checked.remaining } : { allowed: false, retryAfterSeconds: checked.retryAfterSeconds };

  return {
    rule,
    hit: (key) => result(check(key)),
    reserve(key) {
      const checked = check(key);
      if (!checked.allowed) return { allowed: false, retryAfterSeconds: checked.retryAfterSeconds };
      let held = true;
      return {
        allowed: true,
        remaining: checked.remaining,
        release() {
          if (!held) return;
          held = false;
          forget(key, checked.at);
        },
      };
    },
    consume(key, message = RATE_LIMITED_MESSAGE) {
      const checked = check(key);
      if (!checked.allowed) throw new HttpError(429, 'rate_limited', message, undefined, checked.retryAfterSeconds);
    },
    reset: () => events.clear(),
    get size() {
      return events.size;
    },
  };
}
