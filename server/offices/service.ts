import type { CallbackSlot } from '#protocol/callback.js';
import type { FieldIssue } from '#protocol/error.js';
import type { OfficeCatalogue, OfficeDetail, OfficeList, OfficeQuery, OfficeService, OfficeSlots, OfficeSummary } from '#protocol/offices.js';
import { addDays, type SlotProblem, type SlotTime } from '../callback/calendar.js';
import { CallbackConflict } from '../callback/service.js';
import { CALENDAR_DATE_MESSAGE, isCalendarDate } from '../callback/settings.js';
import { HttpError } from '../http/errors.js';
import type { OfficeCalendars } from './calendar.js';
import type { OfficeRecord } from './dataset.js';
import { hourLoad } from './load.js';
import { compareRu, foldText, haversineKm, matchesWords, parseNear, searchWords } from './search.js';
import { slotRuleOf, type OfficeSettings } from './settings.js';
import type { OfficeStore } from './store.js';

const INVALID_QUERY = 'Параметры запроса не прошли проверку.';
const INVALID_BODY = 'Данные запроса не прошли проверку.';
export const OFFICE_NOT_FOUND_MESSAGE = 'Офис не найден. Выберите офис из списка.';
export const SERVICE_NOT_OFFERED_MESSAGE = 'Эту услугу в выбранном офисе не оказывают: выберите другую услугу или другой офис.';
export const SLOT_FULL_MESSAGE = 'Это время только что заняли. Выберите другое время: ближайшее свободное предложено в ответе.';

/** Why a `slotStart` is refused, for people reading the API (the widget shows its own text for `invalid`). */
export const OFFICE_SLOT_PROBLEM_MESSAGES: Record<SlotProblem, string> = {
  past: 'Это время уже прошло или наступит слишком скоро: выберите время из списка свободных.',
  beyond_horizon: 'На это время запись ещё не открыта: выберите время из списка свободных.',
  holiday: 'В этот день офис не работает: выберите другой день.',
  not_a_slot: 'На это время записаться нельзя: выберите время из списка свободных.',
};

const iso = (ms: number) => new Date(ms).toISOString();
const slotOut = (slot: SlotTime, free: number): CallbackSlot => ({ start: iso(slot.start), end: iso(slot.end), free });

function badQuery(path: string, code: string, message: string): HttpError {
  const issue: FieldIssue = { path: [path], code, message };
  return new HttpError(400, 'validation_failed', INVALID_QUERY, [issue]);
}

/** Where a booking goes: the slot (checked to be one now) and the places it has. */
export interface Placement {
  office: OfficeRecord;
  service: OfficeService;
  slot: SlotTime;
  limit: number;
}

export interface OfficeDirectory {
  readonly settings: OfficeSettings;
  readonly calendars: OfficeCalendars;
  readonly store: OfficeStore;
  readonly demo: boolean;
  catalogue(): OfficeCatalogue;
  list(query: OfficeQuery, now: number): OfficeList;
  /** 404 for an unknown id. */
  detail(id: string, now: number): OfficeDetail;
  /** An office by id, or the 404. */
  office(id: string): OfficeRecord;
  slots(id: string, query: { service: string; date?: string | undefined }, now: number): OfficeSlots;
  /**
   * Checks a booking's service (offered by the office, else 400 on `service`) and slot (a bookable
   * slot start now, else 400 on `slotStart`). Whether a place is still free is the store's
   * transaction to say.
   */
  placement(office: OfficeRecord, service: string, slotStart: string, now: number): Placement;
  /** The 409 of a slot that filled up, with the next free slot of the same office and service. */
  full(placement: Placement, now: number): CallbackConflict;
}

export function createOfficeDirectory(options: { settings: OfficeSettings; calendars: OfficeCalendars; store: OfficeStore; demo: boolean }): OfficeDirectory {
  const { settings, calendars, store, demo } = options;

  const office = (id: string): OfficeRecord => {
    const found = id.length <= 60 ? store.office(id) : undefined;
    if (!found) throw new HttpError(404, 'not_found', OFFICE_NOT_FOUND_MESSAGE);
    return found;
  };

  /** The service of this code if the office offers it; otherwise a 400 on `path`. */
  const offered = (record: OfficeRecord, code: string, path: string, message: string): OfficeService => {
    const service = record.services.includes(code) ? store.services().find((s) => s.code === code) : undefined;
    if (!service) throw new HttpError(400, 'validation_failed', message, [{ path: [path], code: 'invalid_choice', message: SERVICE_NOT_OFFERED_MESSAGE }]);
    return service;
  };

  /**
   * The free slots (free places > 0) of one service at an office, per date of its calendar from
   * today to the horizon, earliest first; full slots are left out.
   */
  const freeByDate = (record: OfficeRecord, service: string, now: number) => {
    const calendar = calendars.of(record, service);
    const dates: { date: string; slots: SlotTime[] }[] = [];
    for (let date = calendar.dateOf(now), last = calendar.lastDate(now); date <= last; date = addDays(date, 1)) {
      dates.push({ date, slots: calendar.bookable(date, date, now) });
    }
    const all = dates.flatMap((d) => d.slots);
    if (all.length === 0) return [];
    const taken = store.taken(record.id, service, iso(all[0]!.start), iso(all.at(-1)!.end));
    const { capacityPerInterval } = slotRuleOf(settings, record.id, service);
    return dates.map(({ date, slots }) => ({
      date,
      free: slots.map((slot) => ({ slot, free: capacityPerInterval - (taken.get(iso(slot.start)) ?? 0) })).filter((s) => s.free > 0),
    }));
  };

  /** Bookable places per hour of `date` (every service): fixed for a date, so kept (a few hundred dates at most). */
  const placesCache = new Map<string, Map<number, number>>();
  const placesByHour = (record: OfficeRecord, date: string): Map<number, number> => {
    const key = `${record.id}\u0000${date}\u0000${JSON.stringify(record.hours)}\u0000${record.services.join(',')}`;
    let places = placesCache.get(key);
    if (!places) {
      places = new Map<number, number>();
      for (const service of record.services) {
        const { capacityPerInterval } = slotRuleOf(settings, record.id, service);
        for (const slot of calendars.of(record, service).slotsOn(date)) {
          const hour = calendars.hourOf(record, slot.start);
          places.set(hour, (places.get(hour) ?? 0) + capacityPerInterval);
        }
      }
      if (placesCache.size > 500) placesCache.clear();
      placesCache.set(key, places);
    }
    return places;
  };

  /** Booked visits and bookable places per hour of `date` (the office's wall clock), every service. */
  const hourly = (record: OfficeRecord, date: string) => {
    const capacity = placesByHour(record, date);
    const own = calendars.of(record);
    const booked = new Map<number, number>();
    for (const row of store.between(record.id, iso(own.startOf(date)), iso(own.startOf(addDays(date, 1))))) {
      if (row.status === 'cancelled') continue;
      const hour = calendars.hourOf(record, Date.parse(row.slot_start));
      booked.set(hour, (booked.get(hour) ?? 0) + 1);
    }
    return (hour: number) => hourLoad({ hour, booked: booked.get(hour) ?? 0, capacity: capacity.get(hour) ?? 0, peakHours: record.peakHours }, settings.load);
  };

  const summary = (record: OfficeRecord, now: number, near?: { lat: number; lon: number }): OfficeSummary => {
    const open = calendars.openNow(record, now);
    let load: OfficeSummary['load'];
    if (open.openNow) {
      const { level, waitMinutes } = hourly(record, calendars.of(record).dateOf(now))(calendars.hourOf(record, now));
      load = { level, waitMinutes };
    }
    return {
      ...record,
      ...open,
      ...(load ? { load } : {}),
      ...(near ? { distanceKm: Math.round(haversineKm(near, record) * 100) / 100 } : {}),
    };
  };

  const nextFree = (placement: Placement, now: number): CallbackSlot | undefined => {
    const all = freeByDate(placement.office, placement.service.code, now).flatMap((d) => d.free);
    const found = all.find((s) => s.slot.start > placement.slot.start) ?? all[0];
    return found && slotOut(found.slot, found.free);
  };

  return {
    settings,
    calendars,
    store,
    demo,
    office,
    catalogue() {
      const regions = new Map<string, { code: string; name: string; cities: Set<string> }>();
      for (const record of store.offices()) {
        const region = regions.get(record.regionCode) ?? { code: record.regionCode, name: record.region, cities: new Set<string>() };
        region.cities.add(record.city);
        regions.set(record.regionCode, region);
      }
      return {
        regions: [...regions.values()]
          .sort((a, b) => compareRu(a.name, b.name))
          .map((r) => ({ code: r.code, name: r.name, cities: [...r.cities].sort(compareRu) })),
        services: store.services(),
        demo,
      };
    },
    list(query, now) {
      let near: { lat: number; lon: number } | undefined;
      if (query.near !== undefined) {
        near = parseNear(query.near);
        if (!near) throw badQuery('near', 'invalid', 'Укажите точку как «широта,долгота» в градусах: широта от −90 до 90, долгота от −180 до 180.');
      }
      const words = searchWords(query.q);
      const city = query.city?.trim() ? foldText(query.city) : undefined;
      const region = query.region?.trim() || undefined;
      const service = query.service?.trim() || undefined;
      const found = store
        .offices()
        .filter((o) => (region === undefined || o.regionCode === region) && (city === undefined || foldText(o.city) === city))
        .filter((o) => (service === undefined || o.services.includes(service)) && matchesWords(o, words));
      const items = found.map((o) => summary(o, now, near));
      if (near) items.sort((a, b) => a.distanceKm! - b.distanceKm! || compareRu(a.name, b.name));
      else items.sort((a, b) => compareRu(a.name, b.name) || compareRu(a.city, b.city));
      return { total: items.length, items };
    },
    detail(id, now) {
      const record = office(id);
      const date = calendars.of(record).dateOf(now);
      const loadOf = hourly(record, date);
      return {
        ...summary(record, now),
        loadByHour: calendars.openHours(record, date).map((hour) => {
          const { level, percent } = loadOf(hour);
          return { hour, level, percent };
        }),
      };
    },
    slots(id, query, now) {
      const record = office(id);
      const service = offered(record, query.service, 'service', INVALID_QUERY);
      if (query.date !== undefined && !isCalendarDate(query.date)) throw badQuery('date', 'date', CALENDAR_DATE_MESSAGE);
      const free = freeByDate(record, service.code, now).filter((d) => d.free.length > 0);
      const date = query.date ?? free[0]?.date ?? calendars.of(record, service.code).dateOf(now);
      return {
        timeZone: record.timeZone,
        date,
        days: free.map((d) => d.date),
        slots: (free.find((d) => d.date === date)?.free ?? []).map((s) => slotOut(s.slot, s.free)),
      };
    },
    placement(record, code, slotStart, now) {
      const service = offered(record, code, 'service', INVALID_BODY);
      const checked = calendars.of(record, service.code).check(Date.parse(slotStart), now);
      if (!checked.ok) {
        const issue: FieldIssue = { path: ['slotStart'], code: 'invalid', message: OFFICE_SLOT_PROBLEM_MESSAGES[checked.problem] };
        throw new HttpError(400, 'validation_failed', INVALID_BODY, [issue]);
      }
      return { office: record, service, slot: checked.slot, limit: slotRuleOf(settings, record.id, service.code).capacityPerInterval };
    },
    full: (placement, now) => new CallbackConflict(SLOT_FULL_MESSAGE, nextFree(placement, now)),
  };
}
