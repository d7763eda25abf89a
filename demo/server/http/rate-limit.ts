import { HttpError } from './errors.js';

/** At most `limit` events per `windowMs` for one key. */
export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

export type RateLimitResult = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  readonly rule: RateLimitRule;
  /**
   * Counts one event for `key` (an IP, a phone number, a request number — any string) and says
   * whether it is within the rule. A refused event is not counted.
   */
  hit(key: string): RateLimitResult;
  /** Like `hit`, but throws HttpError 429 `rate_limited` (with Retry-After) when refused. */
  consume(key: string, message?: string): void;
  /** Says whether one more event would be allowed, without counting it. */
  peek(key: string): RateLimitResult;
  /** Forgets every key. */
  reset(): void;
  /** Keys currently tracked (for tests and metrics). */
  readonly size: number;
}

export const RATE_LIMITED_MESSAGE = 'Слишком много запросов. Повторите попытку позже.';

/**
 * An in-memory sliding-window limiter: each key keeps the times of its events within the last
 * window, so the limit holds for any window of that length (no burst at fixed window edges).
 * Memory is bounded by the events of the last window; idle keys are swept as the limiter is used.
 * It lives in one process: several server processes each count on their own.
 */
export function createRateLimiter(rule: RateLimitRule, now: () => number = Date.now): RateLimiter {
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

  const check = (key: string, count: boolean): RateLimitResult => {
    const at = now();
    sweep(at);
    const times = recent(key, at);
    if (times.length >= rule.limit) {
      const retryAfterMs = times[0]! + rule.windowMs - at;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
    }
    let used = times.length;
    if (count) {
      if (used === 0) events.set(key, [at]);
      else times.push(at);
      used++;
    }
    return { allowed: true, remaining: rule.limit - used };
  };

  return {
    rule,
    hit: (key) => check(key, true),
    peek: (key) => check(key, false),
    consume(key, message = RATE_LIMITED_MESSAGE) {
      const result = check(key, true);
      if (!result.allowed) throw new HttpError(429, 'rate_limited', message, undefined, result.retryAfterSeconds);
    },
    reset: () => events.clear(),
    get size() {
      return events.size;
    },
  };
}
