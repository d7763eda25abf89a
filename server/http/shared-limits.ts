import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.js';
import { lockKey } from '../database/locks.js';
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
