import type { CallbackSlot } from '#protocol/callback.js';
import type { FieldIssue } from '#protocol/error.js';
import type { OfficeCatalogue, OfficeDetail, OfficeList, OfficeQuery, OfficeService, OfficeSlots, OfficeSummary } from '#protocol/offices.js';
import { HttpError } from '../http/errors.js';
import { addDays, badDateQuery, isCalendarDate } from '../scheduling/calendar-date.js';
import { MinuteMemo, minuteKey } from '../scheduling/minute-memo.js';
import { slotView, type SlotProblem, type SlotTime } from '../scheduling/slot-calendar.js';
import { SLOT_FULL_MESSAGE, SlotConflict } from '../scheduling/slot-conflict.js';
import type { OfficeCalendars } from './calendar.js';
import type { OfficeRecord } from './dataset.js';
import { hourLoad, type HourLoad } from './load.js';
import { compareRu, foldText, haversineKm, parseNear, searchWords } from './search.js';
import { slotRuleOf, type OfficeSettings } from './settings.js';
import type { OfficeData, OfficeStore } from './store.js';

const INVALID_QUERY = 'Параметры запроса не прошли проверку.';
const INVALID_BODY = 'Данные запроса не прошли проверку.';
export const OFFICE_NOT_FOUND_MESSAGE = 'Офис не найден. Выберите офис из списка.';
export const SERVICE_NOT_OFFERED_MESSAGE = 'Эту услугу в выбранном офисе не оказывают: выберите другую услугу или другой офис.';

/** Why a `slotStart` is refused, for people reading the API (the widget shows its own text for `invalid`). */
export const OFFICE_SLOT_PROBLEM_MESSAGES: Record<SlotProblem, string> = {
  past: 'Это время уже прошло или наступит слишком скоро: выберите время из списка свободных.',
  beyond_horizon: 'На это время запись ещё не открыта: выберите время из списка свободных.',
  holiday: 'В этот день офис не работает: выберите другой день.',
  not_a_slot: 'На это время записаться нельзя: выберите время из списка свободных.',
};

const iso = (ms: number) => new Date(ms).toISOString();

/** An office as the search reads it: folded for comparisons, and its place in the name order. */
interface IndexEntry {
  record: OfficeRecord;
  /** Place in the order of names, then cities (ties in the dataset's order). */
  rank: number;
  city: string;
  name: string;
  address: string;
}

interface SearchIndex {
  all: IndexEntry[];
  byRegion: Map<string, IndexEntry[]>;
  catalogue: OfficeCatalogue;
}

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
  catalogue(): Promise<OfficeCatalogue>;
  list(query: OfficeQuery, now: number): Promise<OfficeList>;
  /** 404 for an unknown id. */
  detail(id: string, now: number): Promise<OfficeDetail>;
  /** An office by id, or the 404. */
  office(id: string): Promise<OfficeRecord>;
  slots(id: string, query: { service: string; date?: string | undefined }, now: number): Promise<OfficeSlots>;
  /**
   * Checks a booking's service (offered by the office, else 400 on `service`) and slot (a bookable
   * slot start now, else 400 on `slotStart`). Whether a place is still free is the store's
   * transaction to say.
   */
  placement(office: OfficeRecord, service: string, slotStart: string, now: number): Promise<Placement>;
  /** The 409 of a slot that filled up, with the next free slot of the same office and service. */
  full(placement: Placement, now: number): Promise<SlotConflict>;
}

/**
 * The office finder. Nothing is worked out per request that has been worked out before for the
 * same inputs: the dataset is parsed once and indexed once (store.snapshot, the search index);
 * what depends on the time is kept per minute of `now` (minuteKey) and, when it also depends on
 * bookings, per revision of the database (store.revision, read from the database: any write, here
 * or by another process on the same database, makes a new one, so a booking shows at once). The
 * answers are those of working everything out anew.
 */
export function createOfficeDirectory(options: { settings: OfficeSettings; calendars: OfficeCalendars; store: OfficeStore; demo: boolean }): OfficeDirectory {
  const { settings, calendars, store, demo } = options;

  /** An office of `data` by id, or the 404. */
  const officeIn = (data: OfficeData, id: string): OfficeRecord => {
    const found = id.length <= 60 ? data.byId.get(id) : undefined;
    if (!found) throw new HttpError(404, 'not_found', OFFICE_NOT_FOUND_MESSAGE);
    return found;
  };
  const office = async (id: string): Promise<OfficeRecord> => officeIn((await store.snapshot()).data, id);

  /** The search index and the catalogue of a snapshot's data: built once per dataset. */
  const indexes = new WeakMap<OfficeData, SearchIndex>();
  const indexOf = (data: OfficeData): SearchIndex => {
    let index = indexes.get(data);
    if (!index) {
      const entries = data.offices.map((record) => ({ record, rank: 0, city: foldText(record.city), name: foldText(record.name), address: foldText(record.address) }));
      // A stable sort of the dataset's order: the order the list had when it was sorted per request.
      [...entries].sort((a, b) => compareRu(a.record.name, b.record.name) || compareRu(a.record.city, b.record.city)).forEach((entry, i) => (entry.rank = i));
      const byRegion = new Map<string, IndexEntry[]>();
      for (const entry of entries) {
        const region = byRegion.get(entry.record.regionCode);
        if (region) region.push(entry);
        else byRegion.set(entry.record.regionCode, [entry]);
      }
      const regions = new Map<string, { code: string; name: string; cities: Set<string> }>();
      for (const record of data.offices) {
        const region = regions.get(record.regionCode) ?? { code: record.regionCode, name: record.region, cities: new Set<string>() };
        region.cities.add(record.city);
        regions.set(record.regionCode, region);
      }
      const catalogue: OfficeCatalogue = {
        regions: [...regions.values()]
          .sort((a, b) => compareRu(a.name, b.name))
          .map((r) => ({ code: r.code, name: r.name, cities: [...r.cities].sort(compareRu) })),
        services: [...data.services],
        demo,
      };
      index = { all: entries, byRegion, catalogue: Object.freeze(catalogue) };
      indexes.set(data, index);
    }
    return index;
  };

  /** The service of this code if the office offers it; otherwise a 400 on `path`. */
  const offered = (data: OfficeData, record: OfficeRecord, code: string, path: string, message: string): OfficeService => {
    const service = record.services.includes(code) ? data.services.find((s) => s.code === code) : undefined;
    if (!service) throw new HttpError(400, 'validation_failed', message, [{ path: [path], code: 'invalid_choice', message: SERVICE_NOT_OFFERED_MESSAGE }]);
    return service;
  };

  /**
   * The free slots (free places > 0) of one service at an office, per date of its calendar from
   * today to the horizon, earliest first; full slots are left out.
   */
  const freeByDate = async (record: OfficeRecord, service: string, now: number) => {
    const calendar = calendars.of(record, service);
    const dates: { date: string; slots: SlotTime[] }[] = [];
    for (let date = calendar.dateOf(now), last = calendar.lastDate(now); date <= last; date = addDays(date, 1)) {
      dates.push({ date, slots: calendar.bookable(date, date, now) });
    }
    const all = dates.flatMap((d) => d.slots);
    if (all.length === 0) return [];
    const taken = await store.taken(record.id, service, iso(all[0]!.start), iso(all.at(-1)!.end));
    const { capacityPerInterval } = slotRuleOf(settings, record.id, service);
    return dates.map(({ date, slots }) => ({
      date,
      free: slots.map((slot) => ({ slot, free: capacityPerInterval - (taken.get(iso(slot.start)) ?? 0) })).filter((s) => s.free > 0),
    }));
  };

  /** Bookable places per hour of `date` (every service): fixed for an office's record and a date, so kept (a few dates each). */
  const placesCache = new WeakMap<OfficeRecord, Map<string, Map<number, number>>>();
  const placesByHour = (record: OfficeRecord, date: string): Map<number, number> => {
    let byDate = placesCache.get(record);
    if (!byDate) placesCache.set(record, (byDate = new Map()));
    let places = byDate.get(date);
    if (!places) {
      places = new Map<number, number>();
      for (const service of record.services) {
        const { capacityPerInterval } = slotRuleOf(settings, record.id, service);
        for (const slot of calendars.of(record, service).slotsOn(date)) {
          const hour = calendars.hourOf(record, slot.start);
          places.set(hour, (places.get(hour) ?? 0) + capacityPerInterval);
        }
      }
      if (byDate.size > 31) byDate.clear();
      byDate.set(date, places);
    }
    return places;
  };

  /** Booked visits and bookable places per hour of `date` (the office's wall clock), every service: kept per date and revision. */
  const hourlyCache = new WeakMap<OfficeRecord, { date: string; revision: number; loadOf: (hour: number) => HourLoad }>();
  const hourly = async (record: OfficeRecord, date: string, revision: number) => {
    const known = hourlyCache.get(record);
    if (known?.date === date && known.revision === revision) return known.loadOf;
    const loadOf = await hourlyAnew(record, date);
    hourlyCache.set(record, { date, revision, loadOf });
    return loadOf;
  };
  const hourlyAnew = async (record: OfficeRecord, date: string) => {
    const capacity = placesByHour(record, date);
    const own = calendars.of(record);
    const booked = new Map<number, number>();
    for (const row of await store.between(record.id, iso(own.startOf(date)), iso(own.startOf(addDays(date, 1))))) {
      if (row.status === 'cancelled') continue;
      const hour = calendars.hourOf(record, Date.parse(row.slot_start));
      booked.set(hour, (booked.get(hour) ?? 0) + 1);
    }
    const loads = new Map<number, HourLoad>();
    return (hour: number): HourLoad => {
      let load = loads.get(hour);
      if (!load) {
        load = hourLoad({ hour, booked: booked.get(hour) ?? 0, capacity: capacity.get(hour) ?? 0, peakHours: record.peakHours }, settings.load);
        loads.set(hour, load);
      }
      return load;
    };
  };

  /** Open now, the next change, today's date and the hour of the office's wall clock: kept per minute. */
  const clockCache = new WeakMap<OfficeRecord, { minute: number; open: ReturnType<OfficeCalendars['openNow']>; date: string; hour: number }>();
  const clockOf = (record: OfficeRecord, now: number) => {
    const minute = minuteKey(now);
    let known = clockCache.get(record);
    if (known?.minute !== minute) {
      known = { minute, open: calendars.openNow(record, now), date: calendars.of(record).dateOf(now), hour: calendars.hourOf(record, now) };
      clockCache.set(record, known);
    }
    return known;
  };

  /** An office's list item without the distance: kept per minute and revision (frozen: every answer shares it). */
  const summaryCache = new WeakMap<OfficeRecord, { minute: number; revision: number; summary: OfficeSummary }>();
  const summary = async (record: OfficeRecord, now: number, revision: number): Promise<OfficeSummary> => {
    const minute = minuteKey(now);
    const known = summaryCache.get(record);
    if (known?.minute === minute && known.revision === revision) return known.summary;
    const { open, date, hour } = clockOf(record, now);
    let load: OfficeSummary['load'];
    if (open.openNow) {
      const { level, waitMinutes } = (await hourly(record, date, revision))(hour);
      load = { level, waitMinutes };
    }
    const made: OfficeSummary = Object.freeze({ ...record, ...open, ...(load ? { load } : {}) });
    summaryCache.set(record, { minute, revision, summary: made });
    return made;
  };
  const distanceKm = (near: { lat: number; lon: number }, record: OfficeRecord) => Math.round(haversineKm(near, record) * 100) / 100;

  /** Found offices per query, and free slots per office, service and date: per minute and revision (a few hundred at most). */
  const lists = new MinuteMemo<OfficeList>(256);
  const slotAnswers = new MinuteMemo<OfficeSlots>(256);

  const nextFree = async (placement: Placement, now: number): Promise<CallbackSlot | undefined> => {
    const all = (await freeByDate(placement.office, placement.service.code, now)).flatMap((d) => d.free);
    const found = all.find((s) => s.slot.start > placement.slot.start) ?? all[0];
    return found && slotView(found.slot, found.free);
  };

  return {
    settings,
    calendars,
    store,
    demo,
    office,
    catalogue: async () => indexOf((await store.snapshot()).data).catalogue,
    async list(query, now) {
      let point: { lat: number; lon: number } | undefined;
      if (query.near !== undefined) {
        point = parseNear(query.near);
        if (!point) throw badQuery('near', 'invalid', 'Укажите точку как «широта,долгота» в градусах: широта от −90 до 90, долгота от −180 до 180.');
      }
      const near = point;
      const words = searchWords(query.q);
      const city = query.city?.trim() ? foldText(query.city) : undefined;
      const region = query.region?.trim() || undefined;
      const service = query.service?.trim() || undefined;
      const { revision, data } = await store.snapshot();
      const key = JSON.stringify([region ?? null, city ?? null, service ?? null, words, near ? [near.lat, near.lon] : null]);
      return lists.get(minuteKey(now), revision, key, async () => {
        const index = indexOf(data);
        const found = (region === undefined ? index.all : (index.byRegion.get(region) ?? [])).filter(
          (o) =>
            (city === undefined || o.city === city) &&
            (service === undefined || o.record.services.includes(service)) &&
            // Every word in the name or the address (search.ts, matchesWords).
            words.every((word) => o.name.includes(word) || o.address.includes(word)),
        );
        let items: OfficeSummary[];
        if (near) {
          items = await Promise.all(found.map(async (o) => ({ ...(await summary(o.record, now, revision)), distanceKm: distanceKm(near, o.record) })));
          items.sort((a, b) => a.distanceKm! - b.distanceKm! || compareRu(a.name, b.name));
        } else {
          // By name, then city: the index's rank.
          items = await Promise.all(found.sort((a, b) => a.rank - b.rank).map((o) => summary(o.record, now, revision)));
        }
        return Object.freeze({ total: items.length, items: Object.freeze(items) as OfficeSummary[] });
      });
    },
    async detail(id, now) {
      const { revision, data } = await store.snapshot();
      const record = officeIn(data, id);
      const { date } = clockOf(record, now);
      const loadOf = await hourly(record, date, revision);
      return {
        ...(await summary(record, now, revision)),
        loadByHour: calendars.openHours(record, date).map((hour) => {
          const { level, percent } = loadOf(hour);
          return { hour, level, percent };
        }),
      };
    },
    async slots(id, query, now) {
      const { revision, data } = await store.snapshot();
      const record = officeIn(data, id);
      const service = offered(data, record, query.service, 'service', INVALID_QUERY);
      if (query.date !== undefined && !isCalendarDate(query.date)) throw badDateQuery('date');
      return slotAnswers.get(minuteKey(now), revision, `${record.id}\u0000${service.code}\u0000${query.date ?? ''}`, async () => {
        const free = (await freeByDate(record, service.code, now)).filter((d) => d.free.length > 0);
        const date = query.date ?? free[0]?.date ?? calendars.of(record, service.code).dateOf(now);
        return Object.freeze({
          timeZone: record.timeZone,
          date,
          days: free.map((d) => d.date),
          slots: (free.find((d) => d.date === date)?.free ?? []).map((s) => slotView(s.slot, s.free)),
        });
      });
    },
    async placement(record, code, slotStart, now) {
      const service = offered((await store.snapshot()).data, record, code, 'service', INVALID_BODY);
      const checked = calendars.of(record, service.code).check(Date.parse(slotStart), now);
      if (!checked.ok) {
        const issue: FieldIssue = { path: ['slotStart'], code: 'invalid', message: OFFICE_SLOT_PROBLEM_MESSAGES[checked.problem] };
        throw new HttpError(400, 'validation_failed', INVALID_BODY, [issue]);
      }
      return { office: record, service, slot: checked.slot, limit: slotRuleOf(settings, record.id, service.code).capacityPerInterval };
    },
    full: async (placement, now) => new SlotConflict(SLOT_FULL_MESSAGE, await nextFree(placement, now)),
  };
}
