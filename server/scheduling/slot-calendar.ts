import type { CallbackSlot } from '#protocol/callback.js';
import { WEEKDAYS, type WeeklyHours } from '#protocol/config.js';
import { wallClock, wallInstant } from '../time.js';
import { addDays, minutesOfDay, weekdayOf } from './calendar-date.js';

/**
 * A calendar of bookable slots (the callback line's, each office's per service): business hours,
 * holidays and slots, in the wall-clock time of the hours' time zone. Pure (no database, no clock
 * of its own): every answer is for a given `now`. Time zones with daylight saving time are handled
 * through Intl: a slot is a wall-clock time of its day turned into the instant it happens on that
 * day; a wall-clock time that does not exist (the hour skipped in spring) has no slot, and one that
 * happens twice (autumn) is offered once, at its first occurrence.
 */

const MINUTE = 60_000;

/** How slots are cut and offered. */
export interface SlotRule {
  /** Minutes per slot; slots start at the beginning of each opening range and every interval after it. */
  intervalMinutes: number;
  /** The earliest bookable slot starts at least this many minutes after now. */
  leadMinutes: number;
  /** Slots are offered on this many days of the calendar, today included. */
  horizonDays: number;
  /** Days off (YYYY-MM-DD in the calendar's time zone): no slots. */
  holidays: readonly string[];
}

/** One slot: its start and end (ms since the epoch). */
export interface SlotTime {
  start: number;
  end: number;
}

/** Why a `slotStart` cannot be booked. */
export type SlotProblem = 'past' | 'beyond_horizon' | 'holiday' | 'not_a_slot';

export interface SlotCalendar {
  readonly timeZone: string;
  readonly intervalMinutes: number;
  /** The calendar's date (YYYY-MM-DD) of an instant. */
  dateOf(instant: number): string;
  /** A holiday of the calendar. */
  isHoliday(date: string): boolean;
  /** Within business hours and not on a holiday. */
  isOpen(now: number): boolean;
  /** When it next opens after `now` (within a year); undefined when it never does. */
  opensAt(now: number): number | undefined;
  /** Every slot of a date (none on holidays), earliest first, whatever the time now. */
  slotsOn(date: string): SlotTime[];
  /** When a date of the calendar begins (its first wall-clock minute that exists). */
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

export function createSlotCalendar(hours: WeeklyHours, rule: SlotRule): SlotCalendar {
  const { timeZone } = hours;
  const interval = rule.intervalMinutes;
  const holidays = new Set(rule.holidays);
  const ranges = new Map(
    WEEKDAYS.map((day) => [day, hours[day].map((r) => ({ from: minutesOfDay(r.from), to: minutesOfDay(r.to) })).sort((a, b) => a.from - b.from)]),
  );
  const rangesOn = (date: string) => ranges.get(weekdayOf(date)) ?? [];

  const dateOf = (instant: number) => wallClock(instant, timeZone).date;
  const isHoliday = (date: string) => holidays.has(date);
  const lastDate = (now: number) => addDays(dateOf(now), rule.horizonDays - 1);

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
    const earliest = now + rule.leadMinutes * MINUTE;
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
          // An opening time skipped by a clock change: it opens at the first minute that exists.
          let at: number | undefined;
          for (let m = range.from; at === undefined && m < Math.min(range.to, range.from + 180); m++) at = wallInstant(date, m, timeZone);
          if (at !== undefined && at > now) return at;
        }
      }
      return undefined;
    },
    check(start, now) {
      if (!Number.isFinite(start)) return { ok: false, problem: 'not_a_slot' };
      if (start < now + rule.leadMinutes * MINUTE) return { ok: false, problem: 'past' };
      const date = dateOf(start);
      if (date > lastDate(now)) return { ok: false, problem: 'beyond_horizon' };
      if (isHoliday(date)) return { ok: false, problem: 'holiday' };
      const slot = slotsOn(date).find((s) => s.start === start);
      return slot ? { ok: true, slot } : { ok: false, problem: 'not_a_slot' };
    },
  };
}

/** A slot as the API shows it, with its free places. */
export const slotView = (slot: SlotTime, free: number): CallbackSlot => ({
  start: new Date(slot.start).toISOString(),
  end: new Date(slot.end).toISOString(),
  free,
});
