import { WEEKDAYS } from '#protocol/config.js';
import type { FieldIssue } from '#protocol/error.js';
import { HttpError } from '../http/errors.js';

/**
 * Calendar dates (YYYY-MM-DD, no time zone) as the slot calendars, their settings and their
 * queries write them, and wall-clock times of the day (HH:MM).
 */

const DATE = /^(\d{4})-\d{2}-\d{2}$/;
/** Dates from clients and settings lie in these years: time-zone arithmetic far outside them fails. */
export const CALENDAR_YEARS = { first: 2000, last: 2099 } as const;
/** What a date outside `isCalendarDate` is told (a FieldIssue with code `date`). */
export const CALENDAR_DATE_MESSAGE = `Укажите дату в виде ГГГГ-ММ-ДД, с ${CALENDAR_YEARS.first} по ${CALENDAR_YEARS.last} год`;

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one) within CALENDAR_YEARS. */
export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  if (year < CALENDAR_YEARS.first || year > CALENDAR_YEARS.last) return false;
  const at = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === value;
}

/** The 400 of a query parameter `path` that is not a calendar date (`isCalendarDate`). */
export function badDateQuery(path: string): HttpError {
  const issue: FieldIssue = { path: [path], code: 'date', message: CALENDAR_DATE_MESSAGE };
  return new HttpError(400, 'validation_failed', 'Параметры запроса не прошли проверку.', [issue]);
}

/** `date` plus `days` calendar days (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

/** The weekday of a calendar date (the same in every time zone). */
export function weekdayOf(date: string): (typeof WEEKDAYS)[number] {
  const [y, m, d] = date.split('-').map(Number);
  return WEEKDAYS[(new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay() + 6) % 7]!;
}

/** Minutes after midnight of a wall-clock time `HH:MM` (`24:00` is 1440). */
export const minutesOfDay = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
