// The supervisor's alerts (issue 17 point 4, docs/backend.md «Alerts»): rules a supervisor sets,
// the alerts the server raises from them, shown in the operator console and sent by e-mail.
import { z } from 'zod/mini';
import { CONTACT_CHANNELS } from './quality.js';

/**
 * The kinds of alert, one rule each:
 * - `chat_wait`: the longest current wait in the chat queue has been over `thresholdMinutes` for
 *   `forMinutes` in a row;
 * - `overdue_share`: among open requests and those finished in the last 7 days (at least
 *   `minRequests` of them), the overdue share is over `percent`;
 * - `low_ratings`: the last `count` answered surveys of one topic (channel and topic, by answer
 *   time, within 30 days) all rated `maxRating` or lower.
 */
export const ALERT_KINDS = ['chat_wait', 'overdue_share', 'low_ratings'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** The bounds of every parameter (the form's and the server's). */
export const ALERT_BOUNDS = {
  thresholdMinutes: { min: 1, max: 240 },
  forMinutes: { min: 1, max: 240 },
  percent: { min: 1, max: 100 },
  minRequests: { min: 1, max: 10_000 },
  count: { min: 2, max: 50 },
  maxRating: { min: 1, max: 4 },
} as const;
/** At most this many e-mail addresses per rule. */
export const ALERT_RECIPIENTS_MAX = 20;
/** An e-mail address as the request form accepts one. */
export const ALERT_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
export const ALERT_EMAIL_MAX = 254;

const unit = (name: keyof typeof ALERT_BOUNDS, what: string) => {
  const { min, max } = ALERT_BOUNDS[name];
  return z.int().check(z.gte(min, `Не меньше ${min} (${what})`), z.lte(max, `Не больше ${max} (${what})`));
};

/** E-mail addresses the alert goes to (none: shown in the console only). */
const Recipients = z.array(
  z.string().check(
    z.trim(),
    z.refine((value) => value.length <= ALERT_EMAIL_MAX && ALERT_EMAIL.test(value), 'email'),
  ),
);

export const ChatWaitRule = z.strictObject({
  enabled: z.boolean(),
  /** T: the longest wait in the chat queue, minutes. */
  thresholdMinutes: unit('thresholdMinutes', 'минуты'),
  /** N: for this many minutes in a row. */
  forMinutes: unit('forMinutes', 'минуты'),
  recipients: Recipients,
});
export type ChatWaitRule = z.infer<typeof ChatWaitRule>;

export const OverdueShareRule = z.strictObject({
  enabled: z.boolean(),
  /** P: the overdue share over this many per cent. */
  percent: unit('percent', 'проценты'),
  /** Fewer requests than this: no alert (one late request of two is not a trend). */
  minRequests: unit('minRequests', 'обращения'),
  recipients: Recipients,
});
export type OverdueShareRule = z.infer<typeof OverdueShareRule>;

export const LowRatingsRule = z.strictObject({
  enabled: z.boolean(),
  /** K: this many answers in a row… */
  count: unit('count', 'ответы'),
  /** R: …each rated this or lower. */
  maxRating: unit('maxRating', 'оценка'),
  recipients: Recipients,
});
export type LowRatingsRule = z.infer<typeof LowRatingsRule>;

/** `GET` / `PUT /operator/api/alerts/rules`: the three rules at once. */
export const AlertRules = z.strictObject({
  chatWait: ChatWaitRule,
  overdueShare: OverdueShareRule,
  lowRatings: LowRatingsRule,
});
export type AlertRules = z.infer<typeof AlertRules>;

/** The rules as stored: with when and by whom they were last changed. */
export const AlertRulesView = z.object({
  rules: AlertRules,
  /** ISO, or null while nobody has saved them. */
  updatedAt: z.nullable(z.string()),
  updatedBy: z.nullable(z.string()),
});
export type AlertRulesView = z.infer<typeof AlertRulesView>;

/**
 * One alert: raised once when its rule's condition became true, cleared when it stopped holding.
 * `value`, `threshold` and `sample` by kind: chat_wait — the longest wait (minutes), T, N;
 * overdue_share — the overdue share (per cent), P, the requests counted; low_ratings — the mean
 * rating of the run, R, K. Nothing about a person: the channel and topic only.
 */
export const Alert = z.object({
  id: z.number(),
  kind: z.enum(ALERT_KINDS),
  channel: z.optional(z.enum(CONTACT_CHANNELS)),
  topic: z.optional(z.string()),
  raisedAt: z.string(),
  value: z.number(),
  threshold: z.number(),
  sample: z.number(),
  clearedAt: z.nullable(z.string()),
  acknowledgedAt: z.nullable(z.string()),
  acknowledgedBy: z.nullable(z.string()),
});
export type Alert = z.infer<typeof Alert>;

/** `GET /operator/api/alerts`: open alerts (every operator), and for a supervisor the recent ones too. */
export const AlertList = z.object({
  open: z.array(Alert),
  /** Cleared in the last 30 days, newest first (at most 50); empty for an operator. */
  recent: z.array(Alert),
});
export type AlertList = z.infer<typeof AlertList>;
