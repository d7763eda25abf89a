import type { AlertKind, AlertRules } from '#protocol/alerts.js';
import type { ContactChannel } from '#protocol/quality.js';

// The rules' conditions, without I/O (the evaluator feeds them what it read).

const MINUTE = 60_000;
/** The overdue share counts the requests finished in this many last days (and the open ones). */
export const OVERDUE_WINDOW_MS = 7 * 24 * 60 * MINUTE;
/** A run of low ratings counts the answers of this many last days: older ones have gone stale. */
export const RATINGS_WINDOW_MS = 30 * 24 * 60 * MINUTE;

/** Every rule off until a supervisor turns it on; sane values to start from. */
export const DEFAULT_RULES: AlertRules = {
  chatWait: { enabled: false, thresholdMinutes: 10, forMinutes: 5, recipients: [] },
  overdueShare: { enabled: false, percent: 10, minRequests: 10, recipients: [] },
  lowRatings: { enabled: false, count: 3, maxRating: 2, recipients: [] },
};

export const RULE_OF_KIND = { chat_wait: 'chatWait', overdue_share: 'overdueShare', low_ratings: 'lowRatings' } as const satisfies Record<AlertKind, keyof AlertRules>;

/** What a condition measured when it holds: the alert's numbers and what it is about. */
export interface Measurement {
  kind: AlertKind;
  /** '' for the line-wide rules; `<channel>:<topic>` for low ratings. */
  subject: string;
  channel?: ContactChannel;
  topic?: string;
  value: number;
  threshold: number;
  sample: number;
}

/** One decimal, as the console and the messages show numbers. */
const tenths = (value: number) => Math.round(value * 10) / 10;

/**
 * The chat wait at `at`: `oldestSince` is when the longest current wait began (null: nobody
 * waits), `pendingSince` since when the wait has been over the threshold by the last sweep's
 * reckoning. The wait has been over T at least since `oldestSince + T` (that conversation alone);
 * the earlier of the two is kept, so a sweep missed (a restart) loses nothing and a queue that
 * dipped under T between sweeps starts again. Holds once that lasted N minutes.
 */
export function chatWaitCondition(
  rule: AlertRules['chatWait'],
  oldestSince: number | null,
  pendingSince: number | null,
  at: number,
): { pendingSince: number | null; holds?: Measurement } {
  const threshold = rule.thresholdMinutes * MINUTE;
  if (oldestSince === null || at - oldestSince <= threshold) return { pendingSince: null };
  const overSince = Math.min(pendingSince ?? Infinity, oldestSince + threshold);
  if (at - overSince < rule.forMinutes * MINUTE) return { pendingSince: overSince };
  return {
    pendingSince: overSince,
    holds: { kind: 'chat_wait', subject: '', value: tenths((at - oldestSince) / MINUTE), threshold: rule.thresholdMinutes, sample: rule.forMinutes },
  };
}

/** The overdue share over P % of at least `minRequests` requests (open, and finished in the last 7 days). */
export function overdueShareCondition(rule: AlertRules['overdueShare'], counted: number, overdue: number): Measurement | undefined {
  if (counted === 0 || counted < rule.minRequests) return undefined;
  const percent = (overdue * 100) / counted;
  if (!(percent > rule.percent)) return undefined;
  return { kind: 'overdue_share', subject: '', value: tenths(percent), threshold: rule.percent, sample: counted };
}

/** The last K answers of a topic (newest first, as many as there are up to K) all rated R or lower. */
export function lowRatingsCondition(rule: AlertRules['lowRatings'], topic: { channel: ContactChannel; topic: string; ratings: readonly number[] }): Measurement | undefined {
  const run = topic.ratings.slice(0, rule.count);
  if (run.length < rule.count || run.some((rating) => rating > rule.maxRating)) return undefined;
  const mean = run.reduce((sum, rating) => sum + rating, 0) / run.length;
  return {
    kind: 'low_ratings',
    subject: `${topic.channel}:${topic.topic}`,
    channel: topic.channel,
    topic: topic.topic,
    value: Math.round(mean * 100) / 100,
    threshold: rule.maxRating,
    sample: rule.count,
  };
}
