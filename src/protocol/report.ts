// The public report (issue 17 point 5): a finished month's figures per channel, for anyone.
import { z } from 'zod/mini';
import { contract } from './contract.js';

/**
 * `GET /report/months` and `GET /report/months/:month` (docs/backend.md «Публичный отчёт»).
 * No personal data and no operators: counts, medians and shares of a whole channel. A figure
 * computed from fewer contacts (or survey answers) than the site owner's minimum group
 * (`PUBLIC_REPORT_MIN_GROUP`) is `{ suppressed: true }` with no numbers: the page shows
 * «мало данных».
 */

/** A month of the Moscow calendar: `YYYY-MM`. */
export const REPORT_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** The smallest group shown by default, and the bounds of `PUBLIC_REPORT_MIN_GROUP`. */
export const REPORT_MIN_GROUP_DEFAULT = 10;
export const REPORT_MIN_GROUP_MIN = 3;
export const REPORT_MIN_GROUP_MAX = 1000;

/** Too few contacts (or answers) to show without pointing at someone: no numbers. */
export const Suppressed = z.object({ suppressed: z.literal(true) });

/**
 * The median time to the first reaction, in minutes of the line's working hours (to 0.1), of at
 * least `minGroup` reactions. Without their number: the channels' numbers would add up to the
 * total's, and so tell a suppressed channel's.
 */
export const ReportReaction = z.union([Suppressed, z.object({ suppressed: z.literal(false), medianMinutes: z.number() })]);
/** The share resolved at the first contact, per cent to 0.1 of `count` contacts. */
export const ReportResolved = z.union([Suppressed, z.object({ suppressed: z.literal(false), percent: z.number(), count: z.number() })]);
/** The survey: mean rating 1–5 (to 0.01) and the share of «да» to «Решён ли ваш вопрос?» (per cent to 0.1) of `answers`. */
export const ReportSatisfaction = z.union([
  Suppressed,
  z.object({ suppressed: z.literal(false), ratingMean: z.number(), resolvedPercent: z.number(), answers: z.number() }),
]);

/** One channel's (or all channels') figures of the month; a whole group under the minimum is suppressed. */
export const ReportFigures = z.union([
  Suppressed,
  z.object({
    suppressed: z.literal(false),
    /** Contacts finished in the month. */
    handled: z.number(),
    /** null: the channel has no reaction time (an office visit). */
    firstReaction: z.nullable(ReportReaction),
    /** null: not defined for the channel (an office visit). */
    resolvedAtFirstContact: z.nullable(ReportResolved),
    satisfaction: ReportSatisfaction,
  }),
]);
export type ReportFigures = z.infer<typeof ReportFigures>;

export const ReportMonth = z.object({
  /** `YYYY-MM`. */
  month: z.string(),
  /** The calendar of the month: Europe/Moscow. */
  timeZone: z.string(),
  /** When the month's figures were computed and frozen (ISO 8601 UTC): they never change after. */
  computedAt: z.string(),
  /** The version of the method that computed them (docs: «Публичный отчёт»). */
  method: z.number(),
  /** Groups under this many contacts or answers are suppressed. */
  minGroup: z.number(),
  /** Every channel together. */
  total: ReportFigures,
  /** Each channel (the keys of CONTACT_CHANNELS, in its order). */
  channels: z.object({ request: ReportFigures, callback: ReportFigures, visit: ReportFigures, chat: ReportFigures }),
});
export type ReportMonth = z.infer<typeof ReportMonth>;

export const ReportMonths = z.object({
  /** The published months, newest first: the finished ones (the current month never). */
  months: z.array(z.string()),
});
export type ReportMonths = z.infer<typeof ReportMonths>;

export const reportEndpoints = {
  months: contract()({ method: 'GET', path: '/report/months', response: ReportMonths }),
  month: contract()({ method: 'GET', path: '/report/months/:month', response: ReportMonth }),
};
