import type { Kysely } from 'kysely';
import type { AlertKind } from '#protocol/alerts.js';
import { oldestWaitingSince } from '../chat/index.js';
import { lockKey } from '../database/locks.js';
import type { Database } from '../database/schema.js';
import type { Notifier } from '../notify/notifier.js';
import { overdueCounts } from '../status/index.js';
import { latestRatings } from '../surveys/index.js';
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
   * One look at every enabled rule, in one transaction under the sweep's lock: an alert is raised
   * when its condition holds and none of its kind and subject is open (with one outbox message per
   * recipient, in the same transaction), and cleared when it no longer holds (or its rule is off).
   */
  sweep(): Promise<SweepOutcome>;
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
  return {
    sweep: () =>
      db.transaction().execute(async (trx) => {
        await lockKey(trx, SWEEP_LOCK);
        const at = now();
        const atIso = iso(at);
        const { rules, chatPendingSince } = await alertStore.rules(trx);
        const holding = new Map<string, Measurement>();

        // The chat wait: remembered between sweeps (rules.ts).
        let pendingSince: number | null = null;
        if (rules.chatWait.enabled) {
          const oldest = await oldestWaitingSince(trx);
          const result = chatWaitCondition(rules.chatWait, oldest === null ? null : Date.parse(oldest), chatPendingSince, at);
          pendingSince = result.pendingSince;
          if (result.holds) holding.set(keyOf(result.holds), result.holds);
        }
        if (pendingSince !== chatPendingSince) await alertStore.setChatPending(trx, pendingSince === null ? null : iso(pendingSince));

        if (rules.overdueShare.enabled) {
          const counts = await overdueCounts(trx, finalStatuses, iso(at - OVERDUE_WINDOW_MS), atIso);
          const m = overdueShareCondition(rules.overdueShare, counts.open + counts.finished, counts.openOverdue + counts.finishedOverdue);
          if (m) holding.set(keyOf(m), m);
        }

        if (rules.lowRatings.enabled) {
          for (const topic of await latestRatings(trx, iso(at - RATINGS_WINDOW_MS), atIso, rules.lowRatings.count)) {
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
          if (holding.has(keyOf(row))) continue;
          await alertStore.clear(trx, row.id, atIso);
          cleared.push(row.id);
        }
        return { raised, cleared };
      }),
  };
}
