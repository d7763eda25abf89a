import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.js';
import { lockKey } from '../database/locks.js';
import { HttpError } from './errors.js';
import type { RateLimitRule } from './rate-limit.js';

/** One place to take: under the rule named `limiter`, for `key` (an IP, a phone, a number). */
export interface LimitPlace {
  limiter: string;
  rule: RateLimitRule;
  key: string;
}

export type SharedReservation =
  | {
      allowed: true;
      /** Gives the places back (the guarded work failed, or the attempt succeeded). Once; later calls do nothing. */
      release(): Promise<void>;
    }
  | { allowed: false; retryAfterSeconds: number };

/**
 * Rate limits and failure counters kept in the database, so that every server process sharing it
 * counts together: «5 failed lookups per minute» is 5 across all of them (issue 16).
 */
export interface SharedLimits {
  /**
   * Takes one place under each of `places`, all or none, in one transaction: the keys are locked
   * (database/locks.ts), their events of the last window counted, and, when every one is below
   * its limit, an event recorded for each. Parallel callers on any process cannot all pass a limit
   * that only some of them fit under. A refusal records nothing; its wait is the longest of the
   * refusing keys (until their oldest event leaves the window). Sliding window, as in memory.
   */
  reserve(places: readonly LimitPlace[]): Promise<SharedReservation>;
  /** Removes the events older than their window (also done as reservations go on). */
  sweep(): Promise<void>;
}

/** How often a process sweeps old events, at most. */
const SWEEP_EVERY_MS = 60_000;

export function createSharedLimits(db: Kysely<Database>, now: () => number = Date.now): SharedLimits {
  const windows = new Map<string, number>();
  let lastSweep = now();

  const sweep = async () => {
    const at = now();
    lastSweep = at;
    for (const [limiter, windowMs] of windows) {
      await db.deleteFrom('rate_limit_events').where('limiter', '=', limiter).where('at', '<=', at - windowMs).execute();
    }
  };

  return {
    async reserve(places) {
      for (const place of places) windows.set(place.limiter, place.rule.windowMs);
      // Locks in one order, so that two reservations over the same keys cannot deadlock.
      const ordered = [...places].sort((a, b) => (a.limiter + '\0' + a.key < b.limiter + '\0' + b.key ? -1 : 1));
      const outcome = await db.transaction().execute(async (trx) => {
        for (const place of ordered) await lockKey(trx, `limit:${place.limiter}:${place.key}`);
        const at = now();
        let retryAfterMs = 0;
        for (const place of ordered) {
          const row = await trx
            .selectFrom('rate_limit_events')
            .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('at').as('oldest')])
            .where('limiter', '=', place.limiter)
            .where('key', '=', place.key)
            .where('at', '>', at - place.rule.windowMs)
            .executeTakeFirstOrThrow();
          if (Number(row.n) >= place.rule.limit) {
            retryAfterMs = Math.max(retryAfterMs, Number(row.oldest) + place.rule.windowMs - at);
          }
        }
        if (retryAfterMs > 0) return { allowed: false as const, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
        const ids: number[] = [];
        for (const place of ordered) {
          const inserted = await trx
            .insertInto('rate_limit_events')
            .values({ limiter: place.limiter, key: place.key, at })
            .returning('id')
            .executeTakeFirstOrThrow();
          ids.push(inserted.id);
        }
        return { allowed: true as const, ids };
      });
      // Old events only cost space: a sweep that fails (a busy database) is simply done later.
      if (now() - lastSweep >= SWEEP_EVERY_MS) void sweep().catch(() => {});
      if (!outcome.allowed) return outcome;
      let held = true;
      return {
        allowed: true,
        async release() {
          if (!held) return;
          held = false;
          await db.deleteFrom('rate_limit_events').where('id', 'in', outcome.ids).execute();
        },
      };
    },
    sweep,
  };
}

/** A rate limit of the database's shared limits: a name (its rows), its rule. */
export interface RateLimiter {
  readonly name: string;
  readonly rule: RateLimitRule;
  readonly limits: SharedLimits;
  /** Counts one event for `key` when within the rule (a refused one is not counted). */
  hit(key: string): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }>;
  /** Like `hit`, but throws HttpError 429 `rate_limited` (with Retry-After) when refused. */
  consume(key: string, message?: string): Promise<void>;
}

export const RATE_LIMITED_MESSAGE = 'Слишком много запросов. Повторите попытку позже.';

/** The rate limit `name` with `rule` on `limits`, shared by every process on the database. */
export function createRateLimiter(limits: SharedLimits, name: string, rule: RateLimitRule): RateLimiter {
  if (!Number.isInteger(rule.limit) || rule.limit < 1) throw new Error(`Rate limit must be a positive integer, got ${rule.limit}`);
  if (!(rule.windowMs > 0)) throw new Error(`Rate limit window must be positive, got ${rule.windowMs}`);
  const hit: RateLimiter['hit'] = async (key) => {
    const reservation = await limits.reserve([{ limiter: name, rule, key }]);
    return reservation.allowed ? { allowed: true } : reservation;
  };
  return {
    name,
    rule,
    limits,
    hit,
    async consume(key, message = RATE_LIMITED_MESSAGE) {
      const result = await hit(key);
      if (!result.allowed) throw new HttpError(429, 'rate_limited', message, undefined, result.retryAfterSeconds);
    },
  };
}

/**
 * Runs `work` holding a place under each `[limiter, key]`, all taken at once in one transaction
 * before `work` starts (a refusal: HttpError 429 `rate_limited` with the longest wait, nothing
 * counted). The places stay counted only if `work` calls `keep()` (the thing the limits guard
 * was created); they are given back when it returns without, or throws.
 */
export async function withinLimits<T>(
  places: readonly (readonly [RateLimiter, string])[],
  message: string,
  work: (keep: () => void) => T | Promise<T>,
): Promise<T> {
  if (places.length === 0) return work(() => {});
  const reservation = await places[0]![0].limits.reserve(places.map(([limiter, key]) => ({ limiter: limiter.name, rule: limiter.rule, key })));
  if (!reservation.allowed) throw new HttpError(429, 'rate_limited', message, undefined, reservation.retryAfterSeconds);
  let kept = false;
  try {
    return await work(() => {
      kept = true;
    });
  } finally {
    if (!kept) await reservation.release();
  }
}
