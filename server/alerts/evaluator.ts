import type { Kysely } from 'kysely';
import type { AlertKind, AlertRules } from '#protocol/alerts.js';
import { oldestWaitingSince } from '../chat/index.js';
import { lockKey } from '../database/locks.js';
import type { Database } from '../database/schema.js';
import type { Notifier } from '../notify/notifier.js';
import { overdueCounts, type OverdueCounts } from '../status/index.js';
import { latestRatings, type TopicRatings } from '../surveys/index.js';
import { alertMessage } from './messages.js';
import { OVERDUE_WINDOW_MS, RATINGS_WINDOW_MS, RULE_OF_KIND, chatWaitCondition, lowRatingsCondition, overdueShareCondition, type Measurement } from './rules.js';
import { alertStore, type AlertRow } from './store.js';

/** The lock every process's sweep takes (PostgreSQL; SQLite's write lock serializes them anyway). */
export const SWEEP_LOCK = 'alerts:sweep';

export interface SweepOutcome {
  raised: AlertRow[];
  cleared: number[];
}

export interface AlertEvaluator {
  /**
   * One look at every enabled rule: the other features' data read first, then one transaction
   * under the sweep's lock that decides and writes: an alert is raised
   * when its condition holds and none of its kind and subject is open (with one outbox message per
   * recipient, in the same transaction), and cleared when it no longer holds (or its rule is off).
   */
  sweep(): Promise<SweepOutcome>;
}

/** What the other features said, read outside the transaction. */
interface Readings {
  /** The chat queue's earliest `queued_at` (null: nobody waits). */
  oldestWait?: string | null;
  overdue?: OverdueCounts;
  /** The last answers of each topic, as many as `ratingsCount` (the rule's K when read). */
  ratings?: TopicRatings[];
  ratingsCount?: number;
}

const keyOf = (m: { kind: AlertKind; subject: string }) => `${m.kind}\u0000${m.subject}`;
const iso = (ms: number) => new Date(ms).toISOString();

export function createAlertEvaluator(options: {
  db: Kysely<Database>;
  notifier: Notifier;
  /** The status vocabulary's final codes (a finished request). */
  finalStatuses: readonly string[];
  /** The console's address for the messages (absent: they name the path only). */
  consoleUrl?: string | undefined;
  now: () => number;
}): AlertEvaluator {
  const { db, notifier, finalStatuses, consoleUrl, now } = options;
  /**
   * What the enabled rules need of the other features, read before the sweep's transaction (so
   * that SQLite's write lock is not held through them): a kind absent here was off at that moment.
   */
  const measure = async (rules: AlertRules, at: number): Promise<Readings> => {
    const readings: Readings = {};
    if (rules.chatWait.enabled) readings.oldestWait = await oldestWaitingSince(db);
    if (rules.overdueShare.enabled) readings.overdue = await overdueCounts(db, finalStatuses, iso(at - OVERDUE_WINDOW_MS), iso(at));
    if (rules.lowRatings.enabled) {
      readings.ratings = await latestRatings(db, iso(at - RATINGS_WINDOW_MS), iso(at), rules.lowRatings.count);
      readings.ratingsCount = rules.lowRatings.count;
    }
    return readings;
  };

  return {
    async sweep() {
      const at = now();
      const atIso = iso(at);
      const readings = await measure((await alertStore.rules(db)).rules, at);
      return db.transaction().execute(async (trx) => {
        await lockKey(trx, SWEEP_LOCK);
        // The rules again, under the lock: one turned off meanwhile clears its alerts now.
        const { rules, chatPendingSince } = await alertStore.rules(trx);
        const holding = new Map<string, Measurement>();
        /** Kinds turned on after the readings: their open alerts and memory are left for the next sweep. */
        const unread = new Set<AlertKind>();

        // The chat wait: remembered between sweeps (rules.ts).
        let pendingSince: number | null = null;
        if (rules.chatWait.enabled && readings.oldestWait === undefined) {
          unread.add('chat_wait');
          pendingSince = chatPendingSince;
        } else if (rules.chatWait.enabled) {
          const oldest = readings.oldestWait ?? null;
          const result = chatWaitCondition(rules.chatWait, oldest === null ? null : Date.parse(oldest), chatPendingSince, at);
          pendingSince = result.pendingSince;
          if (result.holds) holding.set(keyOf(result.holds), result.holds);
        }
        if (pendingSince !== chatPendingSince) await alertStore.setChatPending(trx, pendingSince === null ? null : iso(pendingSince));

        if (rules.overdueShare.enabled && !readings.overdue) unread.add('overdue_share');
        else if (rules.overdueShare.enabled && readings.overdue) {
          const counts = readings.overdue;
          const m = overdueShareCondition(rules.overdueShare, counts.open + counts.finished, counts.openOverdue + counts.finishedOverdue);
          if (m) holding.set(keyOf(m), m);
        }

        // Read with another K (the rules were saved meanwhile): decided at the next sweep.
        if (rules.lowRatings.enabled && (!readings.ratings || readings.ratingsCount !== rules.lowRatings.count)) unread.add('low_ratings');
        else if (rules.lowRatings.enabled && readings.ratings) {
          for (const topic of readings.ratings) {
            const m = lowRatingsCondition(rules.lowRatings, topic);
            if (m) holding.set(keyOf(m), m);
          }
        }

        const open = await alertStore.open(trx);
        const openKeys = new Set(open.map(keyOf));
        const raised: AlertRow[] = [];
        for (const [key, m] of holding) {
          if (openKeys.has(key)) continue;
          const row = await alertStore.raise(trx, m, atIso);
          if (!row) continue;
          raised.push(row);
          for (const recipient of rules[RULE_OF_KIND[m.kind]].recipients) await notifier.enqueue(trx, alertMessage(row, recipient, consoleUrl));
        }
        const cleared: number[] = [];
        for (const row of open) {
          if (holding.has(keyOf(row)) || unread.has(row.kind)) continue;
          await alertStore.clear(trx, row.id, atIso);
          cleared.push(row.id);
        }
        return { raised, cleared };
      });
    },
  };
}
