import { formatTime, relativeDay, zoneLabel } from '../i18n/format.js';
import type { CoreMessages } from '../i18n/messages.js';
import type { CallbackSlot } from '../protocol/callback.js';
import type { Locale } from '../protocol/config.js';
import { zonedParts } from '../time/zoned.js';

/**
 * How booked times (callback slots, office visits) read: in the zone of the line or office
 * (Moscow unless the backend says otherwise), and in the citizen's own zone when it differs.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Locale, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, { ...options, timeZone })));
  return f;
}

const hm = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;

/** «10:00–10:30 МСК». */
export function slotRange(slot: Pick<CallbackSlot, 'start' | 'end'>, locale: Locale, timeZone: string, msg: CoreMessages): string {
  const start = Date.parse(slot.start);
  const f = formatter(locale, timeZone, hm);
  return `${f.format(start)}–${f.format(Date.parse(slot.end))}\u00a0${zoneLabel(timeZone, locale, msg, start)}`;
}

/** The calendar day of `instant` in `timeZone` as YYYY-MM-DD (to group slots by day). */
export function dayKey(instant: number, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** «сегодня», «завтра», else «пн, 23 марта». */
export function dayLabel(instant: number, now: number, locale: Locale, timeZone: string, msg: CoreMessages): string {
  const days = Math.round((Date.parse(dayKey(instant, timeZone)) - Date.parse(dayKey(now, timeZone))) / 86_400_000);
  if (days === 0 || days === 1) return relativeDay(instant, now, timeZone, msg);
  return formatter(locale, timeZone, { weekday: 'short', day: 'numeric', month: 'long' }).format(instant);
}

/** «завтра, 10:00–10:30 МСК». */
export function slotWhen(slot: Pick<CallbackSlot, 'start' | 'end'>, now: number, locale: Locale, timeZone: string, msg: CoreMessages): string {
  return `${dayLabel(Date.parse(slot.start), now, locale, timeZone, msg)}, ${slotRange(slot, locale, timeZone, msg)}`;
}

/** The citizen's own time zone (from the browser). */
export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

function offsetMinutes(instant: number, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day) / 60_000 + p.minutes;
  return wall - Math.floor(instant / 60_000);
}

/** The same slot in the citizen's zone («12:00–12:30 GMT+5»), or undefined when the clocks agree. */
export function localRange(slot: Pick<CallbackSlot, 'start' | 'end'>, locale: Locale, lineZone: string, localZone: string, msg: CoreMessages): string | undefined {
  const start = Date.parse(slot.start);
  if (offsetMinutes(start, lineZone) === offsetMinutes(start, localZone)) return undefined;
  return slotRange(slot, locale, localZone, msg);
}

/** «12:30 МСК» (the end of an ASAP window). */
export const timeIn = (instant: number, locale: Locale, timeZone: string, msg: CoreMessages) => formatTime(instant, locale, timeZone, msg);
