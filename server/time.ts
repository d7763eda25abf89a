import { MOSCOW, zonedParts } from '#time/zoned.js';

/**
 * Moscow time and time zones on the server: the one place for both. The widget's `#time/zoned.js`
 * (wall-clock parts through Intl) is re-used; what only the server needs (instants of wall-clock
 * times with DST gaps and repeats, checks of zone names) is here.
 */

export { MOSCOW };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Moscow has kept UTC+3 all year since 2014: request, callback and booking years and due dates use it as a constant. */
export const MOSCOW_OFFSET_MS = 3 * HOUR;

/** The Moscow calendar year of `instant`. */
export function moscowYear(instant: number): number {
  return new Date(instant + MOSCOW_OFFSET_MS).getUTCFullYear();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `04.03.2026 12:00` in Moscow time (messages to citizens, chat transcripts). */
export function formatMoscow(instant: number): string {
  const p = zonedParts(instant, MOSCOW);
  return `${pad(p.day)}.${pad(p.month)}.${p.year} ${pad(Math.floor(p.minutes / 60))}:${pad(p.minutes % 60)}`;
}

/** A time zone name Intl knows (`Europe/Moscow`, `Asia/Vladivostok`). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock date (YYYY-MM-DD) and minute of the day of `instant` in `timeZone`. */
export function wallClock(instant: number, timeZone: string): { date: string; minutes: number } {
  const p = zonedParts(instant, timeZone);
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, minutes: p.minutes };
}

/** Offset of `timeZone` from UTC at `instant` (ms), to the minute. */
function offsetAt(instant: number, timeZone: string): number {
  const { date, minutes } = wallClock(instant, timeZone);
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!, 0, minutes) - Math.floor(instant / MINUTE) * MINUTE;
}

/**
 * The instant when the wall clock of `timeZone` shows `minutes` after midnight of `date`:
 * the earlier one when that time happens twice (clocks set back), undefined when it never
 * happens (clocks set forward over it).
 */
export function wallInstant(date: string, minutes: number, timeZone: string): number | undefined {
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y!, m! - 1, d!, 0, minutes);
  // The offsets a day before and a day after: one of them is in force at the instant sought
  // (time zones change their offset at most once in two days).
  const candidates = [...new Set([wall - offsetAt(wall - 86_400_000, timeZone), wall - offsetAt(wall + 86_400_000, timeZone)])].sort(
    (a, b) => a - b,
  );
  for (const instant of candidates) {
    const shown = wallClock(instant, timeZone);
    if (shown.date === date && shown.minutes === minutes) return instant;
  }
  return undefined;
}
