import { openState } from '#time/business-hours.js';
import { createCallbackCalendar, wallClock, weekdayOf, type CallbackCalendar } from '../callback/calendar.js';
import { DEFAULT_CALLBACK_SETTINGS } from '../callback/settings.js';
import type { OfficeRecord } from './dataset.js';
import { holidaysOf, slotRuleOf, type OfficeSettings } from './settings.js';

/**
 * Office calendars: the callback line's calendar (callback/calendar.ts: hours, holidays and slots
 * in a time zone, with DST through Intl) made for each office in its own zone, per service with
 * that service's slot interval. Pure apart from a cache: every answer is for a given `now`.
 */

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
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
  of(office: OfficeRecord, service?: string): CallbackCalendar;
  /** Open at `now` (hours and holidays, in the office's zone), and the next change. */
  openNow(office: OfficeRecord, now: number): OpenNow;
  /** The hours (0–23, wall clock) during which the office is open on `date`, at least in part; none on a holiday. */
  openHours(office: OfficeRecord, date: string): number[];
  /** The hour (0–23) of the office's wall clock at `instant`. */
  hourOf(office: OfficeRecord, instant: number): number;
}

export function createOfficeCalendars(settings: OfficeSettings): OfficeCalendars {
  const cache = new Map<string, CallbackCalendar>();

  const of = (office: OfficeRecord, service?: string): CallbackCalendar => {
    // The hours are part of the key: another server on the same database may have loaded other data.
    const key = `${office.id}\u0000${service ?? ''}\u0000${JSON.stringify(office.hours)}`;
    let calendar = cache.get(key);
    if (!calendar) {
      const { intervalMinutes } = service === undefined ? settings : slotRuleOf(settings, office.id, service);
      calendar = createCallbackCalendar(office.hours, {
        ...DEFAULT_CALLBACK_SETTINGS,
        intervalMinutes,
        leadMinutes: settings.leadMinutes,
        horizonDays: settings.horizonDays,
        holidays: holidaysOf(settings, office.id),
      });
      if (cache.size > 2000) cache.clear();
      cache.set(key, calendar);
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
        for (let h = Math.floor(toMinutes(range.from) / 60); h * 60 < toMinutes(range.to) && h < 24; h++) hours.add(h);
      }
      return [...hours].sort((a, b) => a - b);
    },
    hourOf: (office, instant) => Math.floor(wallClock(instant, office.timeZone).minutes / 60),
  };
}
