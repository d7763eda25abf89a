import { WEEKDAYS, type WeeklyHours } from '#protocol/config.js';
import { wallClock, wallInstant } from '../time.js';
import type { CallbackSettings } from './settings.js';

/**
 * The callback line's calendar: its business hours, holidays and slots, in the wall-clock time
 * of the hours' time zone. Pure (no database, no clock of its own): every answer is for a given
 * `now`. Time zones with daylight saving time are handled through Intl: a slot is a wall-clock
 * time of its day turned into the instant it happens on that day; a wall-clock time that does not
 * exist (the hour skipped in spring) has no slot, and one that happens twice (autumn) is offered
 * once, at its first occurrence.
 */

const MINUTE = 60_000;

/**
 * What a calendar's answers depend on of `now`: its minute, and whether it is that minute's
 * first millisecond. Dates, hours, «open» and the next opening are read off the wall clock to the
 * minute; a slot is bookable when `start ≥ now + lead`, with starts and the lead in whole
 * minutes, which changes only between a minute's first millisecond and the rest of it. (Time
 * zones whose offset is not whole minutes, local mean times before ~1920, are outside
 * CALENDAR_YEARS.) Answers kept «per minute» are kept under this key.
 */
export const minuteKey = (now: number): number => Math.floor(now / MINUTE) * 2 + (now % MINUTE === 0 ? 0 : 1);

/**
 * Answers kept for one minute (minuteKey) of one database revision, by a key of the request:
 * all forgotten when either changes, or when `max` are kept.
 */
export class MinuteMemo<T> {
  private minute = NaN;
  private revision = NaN;
  private readonly values = new Map<string, T>();
  constructor(private readonly max: number) {}

  /** The kept answer, or `make()`'s (kept unless it throws). */
  get(minute: number, revision: number, key: string, make: () => T): T {
    if (minute !== this.minute || revision !== this.revision || this.values.size >= this.max) {
      this.values.clear();
      this.minute = minute;
      this.revision = revision;
    }
    let value = this.values.get(key);
    if (value === undefined) {
      value = make();
      this.values.set(key, value);
    }
    return value;
  }
}

/** One interval of the line: its start and end (ms since the epoch). */
export interface SlotTime {
  start: number;
  end: number;
}

/** Why a `slotStart` cannot be booked. */
export type SlotProblem = 'past' | 'beyond_horizon' | 'holiday' | 'not_a_slot';

export interface CallbackCalendar {
  readonly timeZone: string;
  readonly intervalMinutes: number;
  /** The line's date (YYYY-MM-DD) of an instant. */
  dateOf(instant: number): string;
  /** A holiday of the line. */
  isHoliday(date: string): boolean;
  /** Within business hours and not on a holiday. */
  isOpen(now: number): boolean;
  /** When the line next opens after `now` (within a year); undefined when it never does. */
  opensAt(now: number): number | undefined;
  /** Every slot of a date (none on holidays), earliest first, whatever the time now. */
  slotsOn(date: string): SlotTime[];
  /** When a date of the line begins (its first wall-clock minute that exists). */
  startOf(date: string): number;
  /** The last date with bookable slots: today and `horizonDays − 1` days after it. */
  lastDate(now: number): string;
  /**
   * The bookable slots (start ≥ now + leadMinutes, up to the horizon) of the dates `from` to
   * `to` (inclusive), earliest first.
   */
  bookable(from: string, to: string, now: number): SlotTime[];
  /** Whether `start` is a bookable slot start now, or why not. */
  check(start: number, now: number): { ok: true; slot: SlotTime } | { ok: false; problem: SlotProblem };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

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

export function createCallbackCalendar(hours: WeeklyHours, settings: CallbackSettings): CallbackCalendar {
  const { timeZone } = hours;
  const interval = settings.intervalMinutes;
  const holidays = new Set(settings.holidays);
  const ranges = new Map(
    WEEKDAYS.map((day) => [day, hours[day].map((r) => ({ from: toMinutes(r.from), to: toMinutes(r.to) })).sort((a, b) => a.from - b.from)]),
  );
  const rangesOn = (date: string) => ranges.get(weekdayOf(date)) ?? [];

  const dateOf = (instant: number) => wallClock(instant, timeZone).date;
  const isHoliday = (date: string) => holidays.has(date);
  const lastDate = (now: number) => addDays(dateOf(now), settings.horizonDays - 1);

  /** Slots per date: a date's slots never change (hours and holidays are fixed at start). */
  const cache = new Map<string, SlotTime[]>();
  const slotsOn = (date: string): SlotTime[] => {
    const known = cache.get(date);
    if (known) return known;
    const slots: SlotTime[] = [];
    if (!isHoliday(date)) {
      for (const range of rangesOn(date)) {
        for (let m = range.from; m + interval <= range.to; m += interval) {
          const start = wallInstant(date, m, timeZone);
          if (start !== undefined && !slots.some((s) => s.start === start)) slots.push({ start, end: start + interval * MINUTE });
        }
      }
      slots.sort((a, b) => a.start - b.start);
    }
    if (cache.size > 1000) cache.clear();
    cache.set(date, slots);
    return slots;
  };

  const bookable = (from: string, to: string, now: number): SlotTime[] => {
    const earliest = now + settings.leadMinutes * MINUTE;
    const today = dateOf(now);
    const first = from < today ? today : from;
    const last = to > lastDate(now) ? lastDate(now) : to;
    const out: SlotTime[] = [];
    for (let date = first; date <= last; date = addDays(date, 1)) {
      for (const slot of slotsOn(date)) if (slot.start >= earliest) out.push(slot);
    }
    return out;
  };

  return {
    timeZone,
    intervalMinutes: interval,
    dateOf,
    isHoliday,
    lastDate,
    slotsOn,
    bookable,
    startOf(date) {
      for (let m = 0; m < 180; m++) {
        const at = wallInstant(date, m, timeZone);
        if (at !== undefined) return at;
      }
      throw new Error(`no start of ${date} in ${timeZone}`);
    },
    isOpen(now) {
      const { date, minutes } = wallClock(now, timeZone);
      if (isHoliday(date)) return false;
      return rangesOn(date).some((r) => r.from <= minutes && minutes < r.to);
    },
    opensAt(now) {
      const today = dateOf(now);
      for (let i = 0; i <= 366; i++) {
        const date = addDays(today, i);
        if (isHoliday(date)) continue;
        for (const range of rangesOn(date)) {
          // An opening time skipped by a clock change: the line opens at the first minute that exists.
          let at: number | undefined;
          for (let m = range.from; at === undefined && m < Math.min(range.to, range.from + 180); m++) at = wallInstant(date, m, timeZone);
          if (at !== undefined && at > now) return at;
        }
      }
      return undefined;
    },
    check(start, now) {
      if (!Number.isFinite(start)) return { ok: false, problem: 'not_a_slot' };
      if (start < now + settings.leadMinutes * MINUTE) return { ok: false, problem: 'past' };
      const date = dateOf(start);
      if (date > lastDate(now)) return { ok: false, problem: 'beyond_horizon' };
      if (isHoliday(date)) return { ok: false, problem: 'holiday' };
      const slot = slotsOn(date).find((s) => s.start === start);
      return slot ? { ok: true, slot } : { ok: false, problem: 'not_a_slot' };
    },
  };
}
