import { openState } from '#time/business-hours.js';
import { minutesOfDay, weekdayOf } from '../scheduling/calendar-date.js';
import { createSlotCalendar, type SlotCalendar } from '../scheduling/slot-calendar.js';
import { wallClock } from '../time.js';
import type { OfficeRecord } from './dataset.js';
import { holidaysOf, slotRuleOf, type OfficeSettings } from './settings.js';

/**
 * Office calendars: the slot calendar (scheduling/slot-calendar.ts: hours, holidays and slots in a
 * time zone, with DST through Intl) made for each office in its own zone, per service with that
 * service's slot interval. Pure apart from a cache: every answer is for a given `now`.
 */

const iso = (ms: number) => new Date(ms).toISOString();

export interface OpenNow {
  openNow: boolean;
  /** While open: when it closes (ISO). */
  closesAt?: string;
  /** While closed: when it next opens (ISO), holidays skipped. */
  opensAt?: string;
}

export interface OfficeCalendars {
  /** The calendar of one service at an office (that service's interval), or without a service the office's own (the default interval). */
  of(office: OfficeRecord, service?: string): SlotCalendar;
  /** Open at `now` (hours and holidays, in the office's zone), and the next change. */
  openNow(office: OfficeRecord, now: number): OpenNow;
  /** The hours (0–23, wall clock) during which the office is open on `date`, at least in part; none on a holiday. */
  openHours(office: OfficeRecord, date: string): number[];
  /** The hour (0–23) of the office's wall clock at `instant`. */
  hourOf(office: OfficeRecord, instant: number): number;
}

export function createOfficeCalendars(settings: OfficeSettings): OfficeCalendars {
  // Per office record (the store's, parsed once and frozen; another server on the same database
  // may load other data, which comes as other records), per service ('' for the office's own).
  const cache = new WeakMap<OfficeRecord, Map<string, SlotCalendar>>();

  const of = (office: OfficeRecord, service?: string): SlotCalendar => {
    let calendars = cache.get(office);
    if (!calendars) cache.set(office, (calendars = new Map()));
    const key = service ?? '';
    let calendar = calendars.get(key);
    if (!calendar) {
      const { intervalMinutes } = service === undefined ? settings : slotRuleOf(settings, office.id, service);
      calendar = createSlotCalendar(office.hours, {
        intervalMinutes,
        leadMinutes: settings.leadMinutes,
        horizonDays: settings.horizonDays,
        holidays: holidaysOf(settings, office.id),
      });
      if (calendars.size > 100) calendars.clear();
      calendars.set(key, calendar);
    }
    return calendar;
  };

  return {
    of,
    openNow(office, now) {
      const calendar = of(office);
      if (calendar.isOpen(now)) {
        const state = openState(office.hours, now);
        return { openNow: true, ...(state.kind === 'open' ? { closesAt: iso(state.closesAt) } : {}) };
      }
      const opensAt = calendar.opensAt(now);
      return { openNow: false, ...(opensAt !== undefined ? { opensAt: iso(opensAt) } : {}) };
    },
    openHours(office, date) {
      if (of(office).isHoliday(date)) return [];
      const day = weekdayOf(date);
      const hours = new Set<number>();
      for (const range of office.hours[day]) {
        for (let h = Math.floor(minutesOfDay(range.from) / 60); h * 60 < minutesOfDay(range.to) && h < 24; h++) hours.add(h);
      }
      return [...hours].sort((a, b) => a - b);
    },
    hourOf: (office, instant) => Math.floor(wallClock(instant, office.timeZone).minutes / 60),
  };
}
