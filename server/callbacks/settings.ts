import { z } from 'zod/mini';
import { WeeklyHours } from '#protocol/config.js';
import type { RateLimitRule } from '../http/rate-limit.js';
import { formatPath } from '../http/validation.js';
import { readJsonFile } from '../json-file.js';
import { isCalendarDate } from '../scheduling/calendar-date.js';
import { fromProjectRoot } from '../project-root.js';
import { isTimeZone } from '../time.js';

/**
 * How the callback line books calls. Business hours are not here: they are the widget
 * configuration's `channels.callback.hours` (so that the contacts card and the slots agree).
 */
export interface CallbackSettings {
  /** Minutes per slot; slots start at the beginning of each opening range and every interval after it. */
  intervalMinutes: number;
  /** Calls booked per slot (operators free at that time). */
  capacityPerInterval: number;
  /** Open «как можно скорее» callbacks (scheduled or no answer) at most; 0 turns ASAP off. */
  asapQueueCapacity: number;
  /** «Оператор перезвонит в течение N минут»: the window of an ASAP callback. */
  asapPromiseMinutes: number;
  /** After «нет ответа», the next attempt is due this many minutes later. */
  noAnswerRetryMinutes: number;
  /** The earliest bookable slot starts at least this many minutes after now. */
  leadMinutes: number;
  /** Slots are offered on this many days of the line's calendar, today included. */
  horizonDays: number;
  /** Days off of the line (YYYY-MM-DD in the line's time zone): no slots, no ASAP. */
  holidays: string[];
}

export const DEFAULT_CALLBACK_SETTINGS: Readonly<CallbackSettings> = {
  intervalMinutes: 30,
  capacityPerInterval: 3,
  asapQueueCapacity: 10,
  asapPromiseMinutes: 30,
  noAnswerRetryMinutes: 30,
  leadMinutes: 30,
  horizonDays: 14,
  holidays: [],
};

/** The line's hours when the widget configuration gives the callback channel none: every day 08:00–20:00 Moscow time. */
export const DEFAULT_CALLBACK_HOURS: WeeklyHours = WeeklyHours.parse({
  timeZone: 'Europe/Moscow',
  ...Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [{ from: '08:00', to: '20:00' }]])),
});

/** The demo settings shipped with the backend; site owners point CALLBACK_SETTINGS at their own. */
export const DEFAULT_CALLBACK_SETTINGS_PATH = fromProjectRoot('demo/data/callback-settings.json');

const int = (min: number, max: number) => z.number().check(z.int(), z.gte(min), z.lte(max));

/** Every setting optional (the file and `buildApp({ callback })` give some); unknown keys refused. */
export const CallbackSettingsSchema = z.strictObject({
  intervalMinutes: z.optional(int(5, 240)),
  capacityPerInterval: z.optional(int(1, 1000)),
  asapQueueCapacity: z.optional(int(0, 10_000)),
  asapPromiseMinutes: z.optional(int(1, 24 * 60)),
  noAnswerRetryMinutes: z.optional(int(1, 7 * 24 * 60)),
  leadMinutes: z.optional(int(0, 7 * 24 * 60)),
  horizonDays: z.optional(int(1, 90)),
  holidays: z.optional(z.array(z.string().check(z.refine(isCalendarDate, 'Expected a date YYYY-MM-DD')))),
});

/** Rate limits of `POST /callbacks` (registered bookings; repeats of an Idempotency-Key are free). */
export interface CallbackRateLimitSettings {
  /** Per client IP. */
  callbacksPerIp: RateLimitRule;
  /** Per (normalized) phone number. */
  callbacksPerPhone: RateLimitRule;
}

const HOUR = 3_600_000;

export const DEFAULT_CALLBACK_RATE_LIMITS: Readonly<CallbackRateLimitSettings> = {
  callbacksPerIp: { limit: 20, windowMs: HOUR },
  callbacksPerPhone: { limit: 5, windowMs: HOUR },
};

function check(raw: unknown, where: string): Partial<CallbackSettings> {
  const result = CallbackSettingsSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${formatPath(issue.path)}: ${issue.message}`);
    throw new Error(`Invalid callback settings ${where}:\n${lines.join('\n')}`);
  }
  return result.data as Partial<CallbackSettings>;
}

/**
 * The callback settings: the defaults, then the file at `path` (JSON, validated: the server does
 * not start with a bad file, every bad field is named), then `overrides` (also validated).
 */
export function loadCallbackSettings(path?: string | URL, overrides: Partial<CallbackSettings> = {}): CallbackSettings {
  let fromFile: Partial<CallbackSettings> = {};
  if (path !== undefined) {
    const { raw, where } = readJsonFile(path, 'callback settings');
    fromFile = check(raw, where);
  }
  const given = check(overrides, '(buildApp option `callback`)');
  const settings: CallbackSettings = { ...DEFAULT_CALLBACK_SETTINGS, ...fromFile, ...given };
  return { ...settings, holidays: [...new Set(settings.holidays)].sort() };
}

/** The hours of the callback line: the configuration's, or the default ones; the time zone checked. */
export function callbackHours(configured: WeeklyHours | undefined): WeeklyHours {
  const hours = configured ?? DEFAULT_CALLBACK_HOURS;
  if (!isTimeZone(hours.timeZone)) {
    throw new Error(`Invalid widget config: channels.callback.hours.timeZone "${hours.timeZone}" is not a time zone (e.g. Europe/Moscow)`);
  }
  return hours;
}
