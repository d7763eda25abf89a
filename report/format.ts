import type { ReportLocale } from './messages.js';

/** Formatting of the report's numbers, months and dates in the page's language (pure). */

/** `2026-11` → «ноябрь 2026 г.» / «November 2026». */
export function monthName(month: string, locale: ReportLocale): string {
  const [year, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(year!, m! - 1, 1));
}

/** The first letter in upper case (a month alone in a list). */
export const capitalized = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/** A figure with at most `digits` decimals, in the locale's way (12,5 / 12.5). */
export function number(value: number, locale: ReportLocale, digits = 1): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
}

/** An instant as a Moscow date and time. */
export function moscowDateTime(iso: string, locale: ReportLocale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Moscow' }).format(new Date(iso));
}
