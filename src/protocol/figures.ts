import { z } from 'zod/mini';
import { CONTACT_CHANNELS } from './quality.js';

/** The supervisor's figures (`GET /operator/api/figures`, docs/backend.md «Figures»). */

export const FIGURES_GROUPINGS = ['channel', 'topic', 'operator'] as const;
export type FiguresGrouping = (typeof FIGURES_GROUPINGS)[number];
/** The longest period one call covers, in days. */
export const FIGURES_MAX_DAYS = 366;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isRealDate = (value: string) => {
  if (!DATE.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y!, m! - 1, d!));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m! - 1 && date.getUTCDate() === d;
};
const dayNumber = (value: string) => Date.parse(`${value}T00:00:00Z`) / 86_400_000;
const calendarDate = z.string().check(z.refine(isRealDate, 'Укажите дату в виде ГГГГ-ММ-ДД'));

export const FiguresQuery = z
  .object({
    /** The first day (Moscow), `YYYY-MM-DD`. */
    from: calendarDate,
    /** The last day (Moscow), inclusive. */
    to: calendarDate,
    groupBy: z._default(z.enum(FIGURES_GROUPINGS, 'Группировка: channel, topic или operator'), 'channel'),
    format: z._default(z.enum(['json', 'csv'], 'Формат: json или csv'), 'json'),
  })
  .check(
    z.refine((q) => !isRealDate(q.from) || !isRealDate(q.to) || q.from <= q.to, { message: 'Конец периода раньше его начала', path: ['to'] }),
    z.refine((q) => !isRealDate(q.from) || !isRealDate(q.to) || q.from > q.to || dayNumber(q.to) - dayNumber(q.from) + 1 <= FIGURES_MAX_DAYS, {
      message: `Период длиннее ${FIGURES_MAX_DAYS} дней`,
      path: ['to'],
    }),
  );
export type FiguresQuery = z.infer<typeof FiguresQuery>;

/** A time in working hours of the line: median and 90th percentile (nearest rank), in minutes to 0.1. */
export const FiguresDuration = z.object({
  count: z.number(),
  medianMinutes: z.nullable(z.number()),
  p90Minutes: z.nullable(z.number()),
});
/** A share in per cent to 0.1 of `count` contacts (null when there are none). */
export const FiguresShare = z.object({
  count: z.number(),
  matching: z.number(),
  percent: z.nullable(z.number()),
});

export const FigureSet = z.object({
  /** Contacts finished in the period. */
  handled: z.number(),
  firstReaction: FiguresDuration,
  resolution: FiguresDuration,
  firstContactResolution: FiguresShare,
  overdue: FiguresShare,
  surveys: z.object({
    answers: z.number(),
    /** Mean rating 1–5, to 0.01. */
    ratingMean: z.nullable(z.number()),
    /** Share of «да» answers to «Решён ли ваш вопрос?», per cent to 0.1. */
    resolvedPercent: z.nullable(z.number()),
  }),
});
export type FigureSet = z.infer<typeof FigureSet>;

export const FiguresGroup = z.object({
  channel: z.optional(z.enum(CONTACT_CHANNELS)),
  topic: z.optional(z.string()),
  /** groupBy=operator: the operator's name, or null for contacts no operator handled. */
  operator: z.optional(z.nullable(z.string())),
  figures: FigureSet,
});
export type FiguresGroup = z.infer<typeof FiguresGroup>;

/** One hour of the week (weekday 0 = Monday, hour 0–23 in the line's zone): the median wait. */
export const QueueCell = z.object({
  weekday: z.number(),
  hour: z.number(),
  count: z.number(),
  medianMinutes: z.nullable(z.number()),
});
export type QueueCell = z.infer<typeof QueueCell>;

export const FiguresResponse = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(FIGURES_GROUPINGS),
  timeZone: z.string(),
  /** Every contact of the period (for an operator without the right to see all: every contact too). */
  totals: FigureSet,
  groups: z.array(FiguresGroup),
  /** Calendar minutes from entering the queue to being taken (chat) or called (callback «as soon as possible»), 7 × 24 cells. */
  queueWait: z.object({ chat: z.array(QueueCell), callback: z.array(QueueCell) }),
});
export type FiguresResponse = z.infer<typeof FiguresResponse>;
