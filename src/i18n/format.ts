import type { Locale } from '../protocol/config.js';
import type { OpenState } from '../time/business-hours.js';
import { MOSCOW, zonedParts } from '../time/zoned.js';
import type { CoreMessages } from './messages.js';

const timeFormatters = new Map<string, Intl.DateTimeFormat>();

/** "08:00 МСК": the time in `timeZone` with the zone's label. */
export function formatTime(instant: number, locale: Locale, timeZone: string, msg: CoreMessages): string {
  const key = `${locale}|${timeZone}`;
  let f = timeFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
    timeFormatters.set(key, f);
  }
  return `${f.format(instant)}\u00a0${zoneLabel(timeZone, locale, msg, instant)}`;
}

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

/** «МСК» for Moscow; otherwise the zone's short name in the locale (e.g. «GMT+5»). */
export function zoneLabel(timeZone: string, locale: Locale, msg: CoreMessages, at = Date.now()): string {
  if (timeZone === MOSCOW) return msg.time.moscow;
  const key = `${locale}|${timeZone}`;
  let f = zoneFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' });
    zoneFormatters.set(key, f);
  }
  return f.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

/** «сегодня», «завтра» or «в понедельник», as seen in `timeZone`. */
export function relativeDay(instant: number, now: number, timeZone: string, msg: CoreMessages): string {
  const a = zonedParts(now, timeZone);
  const b = zonedParts(instant, timeZone);
  const days = Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
  if (days === 0) return msg.time.today;
  if (days === 1) return msg.time.tomorrow;
  return msg.time.weekdaysOn[b.weekday];
}

/** One line for a channel's state: «Сейчас открыто, до 20:00 МСК» / «Сейчас закрыто, откроется завтра в 08:00 МСК». */
export function describeOpenState(state: OpenState, now: number, timeZone: string, locale: Locale, msg: CoreMessages): string {
  switch (state.kind) {
    case 'always':
      return msg.contacts.openAroundTheClock;
    case 'open':
      return `${msg.contacts.openNow}, ${msg.contacts.closesAt(formatTime(state.closesAt, locale, timeZone, msg))}`;
    case 'closed':
      return `${msg.contacts.closedNow}, ${msg.contacts.opensAt(
        relativeDay(state.opensAt, now, timeZone, msg),
        formatTime(state.opensAt, locale, timeZone, msg),
      )}`;
    case 'never':
      return msg.contacts.closedNow;
  }
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * «22 ноября 2026 г. в 14:05 МСК»: a date and time in Moscow time, labelled. Its spaces are
 * non-breaking (a line never ends with «в» or starts with «г.» or «МСК») except the one before
 * «в» / «at», where a narrow screen may break between the date and the time.
 */
export function formatMoscowDateTime(instant: number | string, locale: Locale, msg: CoreMessages): string {
  let f = dateFormatters.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: MOSCOW });
    dateFormatters.set(locale, f);
  }
  return `${f.format(new Date(instant)).replace(/ /g, '\u00a0').replace(/\u00a0(в|at)\u00a0/, ' $1\u00a0')}\u00a0${msg.time.moscow}`;
}
