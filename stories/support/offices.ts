/**
 * The office finder's backend in the stories: a small demo set of offices in three time zones
 * (Moscow, Novosibirsk GMT+7, Vladivostok GMT+10) and the answers the reference backend gives
 * for it on the stories' Monday noon — the list (filtered by region, city, service and text,
 * sorted by name or by distance), an office's card with its load by hour, the free times of a
 * service (15-minute slots, bookable from an hour ahead, two weeks), a booking and its
 * cancellation. The routes go to `mockFetch`; every request is recorded.
 */
import { WEEKDAYS, type WeeklyHours } from '../../src/protocol/config.js';
import type { Booking, BookingBody, LoadLevel, OfficeCatalogue, OfficeDetail, OfficeList, OfficeService, OfficeSlots, OfficeSummary } from '../../src/protocol/offices.js';
import { normalizePhone } from '../../src/protocol/validators.js';
import { openState } from '../../src/time/business-hours.js';
import { instantOf, zonedParts } from '../../src/time/zoned.js';
import { MONDAY_NOON } from './fixtures.js';
import { apiError, json, mockFetch, type FetchAnswer, type FetchRoutes, type MockedRequest } from './network.js';

const MINUTE = 60_000;
const iso = (instant: number) => new Date(instant).toISOString();

/** Russian alphabetical order, as the backend sorts names. */
const collator = new Intl.Collator('ru', { sensitivity: 'base', numeric: true });
const compareRu = (a: string, b: string): number => collator.compare(a, b);

// ---------------------------------------------------------------------------------------------
// The demo set

type Range = { from: string; to: string };
type Day = (typeof WEEKDAYS)[number];

/** Weekly hours in `timeZone`: `weekdays` Monday to Friday, `saturday` if given, Sunday off. */
function week(timeZone: string, weekdays: Range, saturday?: Range): WeeklyHours {
  const hours: WeeklyHours = { timeZone, mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
  for (const day of ['mon', 'tue', 'wed', 'thu', 'fri'] as const) hours[day] = [weekdays];
  if (saturday) hours.sat = [saturday];
  return hours;
}

export const OFFICE_SERVICES: OfficeService[] = [
  {
    code: 'passport',
    label: { ru: 'Паспорт гражданина РФ', en: 'Russian passport' },
    documents: [
      { ru: 'Паспорт, который меняете (или свидетельство о рождении, если паспорт получаете впервые)', en: 'The passport being replaced (or the birth certificate for a first passport)' },
      { ru: 'Две фотографии 35 × 45 мм', en: 'Two photos, 35 × 45 mm' },
      { ru: 'Квитанция об уплате госпошлины', en: 'Receipt of the state fee' },
    ],
  },
  {
    code: 'snils',
    label: { ru: 'СНИЛС', en: 'SNILS (insurance number)' },
    documents: [{ ru: 'Паспорт', en: 'Passport' }],
  },
  {
    code: 'registration',
    label: { ru: 'Регистрация по месту жительства', en: 'Registration at a place of residence' },
    documents: [
      { ru: 'Паспорт', en: 'Passport' },
      { ru: 'Документ о праве на жильё (выписка из ЕГРН или договор найма)', en: 'Proof of the right to the home (a register extract or a tenancy agreement)' },
      { ru: 'Согласие собственника, если жильё не ваше', en: 'The owner’s consent if the home is not yours' },
    ],
  },
  {
    code: 'driving_licence',
    label: { ru: 'Замена водительского удостоверения', en: 'Replacing a driving licence' },
    documents: [
      { ru: 'Паспорт', en: 'Passport' },
      { ru: 'Водительское удостоверение', en: 'Driving licence' },
      { ru: 'Медицинское заключение', en: 'Medical certificate' },
    ],
  },
];

const REGIONS = [
  { code: '77', name: 'Москва', cities: ['Зеленоград', 'Москва'] },
  { code: '54', name: 'Новосибирская область', cities: ['Бердск', 'Новосибирск'] },
  { code: '25', name: 'Приморский край', cities: ['Владивосток'] },
] as const;

/** What the dataset says of an office; the rest (open now, load, distance) depends on the time. */
export type OfficeRecord = Omit<OfficeSummary, 'openNow' | 'closesAt' | 'opensAt' | 'load' | 'distanceKm'> & {
  /** How full the office usually is compared with the demo profile (bookings made). */
  busy: number;
};

function office(record: Omit<OfficeRecord, 'region' | 'timeZone'>): OfficeRecord {
  const region = REGIONS.find((r) => r.code === record.regionCode)!;
  return { ...record, region: region.name, timeZone: record.hours.timeZone };
}

/** Moscow: open at noon, one busy (its peak hours), one quieter. */
export const TVERSKOY = office({
  id: 'msk-tverskoy',
  name: 'МФЦ района Тверской',
  regionCode: '77',
  city: 'Москва',
  address: 'Москва, Демонстрационный пер., 5',
  phone: '+7 495 000-10-01',
  lat: 55.7648,
  lon: 37.6053,
  hours: week('Europe/Moscow', { from: '08:00', to: '20:00' }, { from: '10:00', to: '17:00' }),
  services: ['passport', 'snils', 'registration', 'driving_licence'],
  accessibility: { stepFree: true, notes: { ru: 'Индукционная петля у окон 1–4, переводчик жестового языка по записи', en: 'Induction loop at desks 1–4, sign-language interpreter by appointment' } },
  peakHours: [
    { from: '11:00', to: '13:00' },
    { from: '17:00', to: '19:00' },
  ],
  busy: 1,
});
export const ZELENOGRAD = office({
  id: 'msk-zelenograd',
  name: 'МФЦ Зеленограда',
  regionCode: '77',
  city: 'Зеленоград',
  address: 'Зеленоград, Демонстрационная пл., 2',
  phone: '+7 499 000-10-02',
  lat: 55.9825,
  lon: 37.1814,
  hours: week('Europe/Moscow', { from: '08:00', to: '20:00' }),
  services: ['passport', 'snils', 'registration'],
  accessibility: { stepFree: true },
  peakHours: [],
  busy: 0.9,
});
/** Novosibirsk (GMT+7): 16:00 there, open until 19:00, quiet. */
export const LENINSKY = office({
  id: 'nsk-leninsky',
  name: 'МФЦ «Ленинский»',
  regionCode: '54',
  city: 'Новосибирск',
  address: 'Новосибирск, Демонстрационный пр., 7',
  phone: '+7 383 000-20-01',
  lat: 55.0084,
  lon: 82.8866,
  hours: week('Asia/Novosibirsk', { from: '09:00', to: '19:00' }, { from: '10:00', to: '15:00' }),
  services: ['passport', 'snils', 'registration'],
  accessibility: { stepFree: false, notes: { ru: 'Кнопка вызова сотрудника у входа', en: 'A call button for staff at the entrance' } },
  peakHours: [{ from: '10:00', to: '12:00' }],
  busy: 0.5,
});
export const OKTYABRSKY = office({
  id: 'nsk-oktyabrsky',
  name: 'МФЦ «Октябрьский»',
  regionCode: '54',
  city: 'Новосибирск',
  address: 'Новосибирск, ул. Демонстрационная, 40',
  phone: '+7 383 000-20-02',
  lat: 55.0302,
  lon: 82.9204,
  hours: week('Asia/Novosibirsk', { from: '08:00', to: '20:00' }, { from: '09:00', to: '14:00' }),
  services: ['passport', 'snils', 'registration', 'driving_licence'],
  accessibility: { stepFree: true },
  peakHours: [],
  busy: 1,
});
/** Berdsk (GMT+7): closed at 15:30 there, opens tomorrow. */
export const BERDSK = office({
  id: 'nsk-berdsk',
  name: 'МФЦ Бердска',
  regionCode: '54',
  city: 'Бердск',
  address: 'Бердск, ул. Демонстрационная, 12',
  phone: '+7 383 000-20-03',
  lat: 54.7581,
  lon: 83.1072,
  hours: week('Asia/Novosibirsk', { from: '08:30', to: '15:30' }),
  services: ['passport', 'snils'],
  accessibility: { stepFree: true },
  peakHours: [],
  busy: 1,
});
/** Vladivostok (GMT+10): 19:00 there, closed until tomorrow 08:00. */
export const SVETLANSKY = office({
  id: 'vvo-svetlansky',
  name: 'МФЦ «Светланский»',
  regionCode: '25',
  city: 'Владивосток',
  address: 'Владивосток, ул. Демонстрационная, 3',
  phone: '+7 423 000-30-01',
  lat: 43.1155,
  lon: 131.8855,
  hours: week('Asia/Vladivostok', { from: '08:00', to: '18:00' }, { from: '09:00', to: '14:00' }),
  services: ['passport', 'snils', 'registration', 'driving_licence'],
  accessibility: { stepFree: true },
  peakHours: [{ from: '09:00', to: '11:00' }],
  busy: 1,
});

export const OFFICES: readonly OfficeRecord[] = [TVERSKOY, ZELENOGRAD, LENINSKY, OKTYABRSKY, BERDSK, SVETLANSKY];

/** `GET /offices/catalogue`: the regions with their cities, the services with their documents; the demo set. */
export const OFFICE_CATALOGUE: OfficeCatalogue = {
  regions: [...REGIONS]
    .sort((a, b) => compareRu(a.name, b.name))
    .map((r) => ({ code: r.code, name: r.name, cities: [...r.cities] })),
  services: OFFICE_SERVICES,
  demo: true,
};

// ---------------------------------------------------------------------------------------------
// What depends on the time (the reference backend's rules, with its demo settings)

const fold = (text: string) => text.toLocaleLowerCase('ru').replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();

/** The demo load profile: peaks 10–12 and 16–18, quiet from 19, medium otherwise; an office's own peak hours replace it. */
const PROFILE: Record<number, LoadLevel> = { 10: 'high', 11: 'high', 16: 'high', 17: 'high', 19: 'low', 20: 'low' };
const LEVEL_PERCENT: Record<LoadLevel, number> = { low: 20, medium: 45, high: 75 };
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function usualLevel(office: OfficeRecord, hour: number): LoadLevel {
  const profiled = PROFILE[hour] ?? 'medium';
  if (!office.peakHours.length) return profiled;
  if (office.peakHours.some((r) => minutesOf(r.from) <= hour * 60 && hour * 60 < minutesOf(r.to))) return 'high';
  return profiled === 'high' ? 'medium' : profiled;
}

/** The load of one hour of today: the usual level, scaled by how busy the office is. */
function hourLoad(office: OfficeRecord, hour: number): { level: LoadLevel; percent: number; waitMinutes: number } {
  const percent = Math.min(100, Math.round(LEVEL_PERCENT[usualLevel(office, hour)] * office.busy + ((hour * 7) % 10)));
  const level: LoadLevel = percent >= 65 ? 'high' : percent >= 35 ? 'medium' : 'low';
  return { level, percent, waitMinutes: Math.round(((percent / 100) * 60) / 5) * 5 };
}

const dayOf = (date: string): Day => WEEKDAYS[(new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7]!;

/** YYYY-MM-DD of `instant` in `timeZone`, `plusDays` later. */
function dateIn(instant: number, timeZone: string, plusDays = 0): string {
  const p = zonedParts(instant, timeZone);
  return new Date(Date.UTC(p.year, p.month - 1, p.day + plusDays)).toISOString().slice(0, 10);
}

/** The instant of `minutes` after midnight of `date` in `timeZone`. */
function at(date: string, minutes: number, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return instantOf(y, m, d, minutes, timeZone);
}

/** Haversine distance, km, rounded to 10 m as the backend does. */
function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lon - a.lon) / 2) ** 2;
  return Math.round(2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h))) * 100) / 100;
}

/** An office as the list shows it at `now`: open or closed in its own zone, the load of this hour while open. */
export function officeSummary(record: OfficeRecord, now = MONDAY_NOON, near?: { lat: number; lon: number }): OfficeSummary {
  const { busy: _busy, ...office } = record;
  const state = openState(record.hours, now);
  const openNow = state.kind === 'open' || state.kind === 'always';
  const summary: OfficeSummary = { ...office, openNow };
  if (state.kind === 'open') summary.closesAt = iso(state.closesAt);
  if (state.kind === 'closed') summary.opensAt = iso(state.opensAt);
  if (openNow) {
    const { level, waitMinutes } = hourLoad(record, Math.floor(zonedParts(now, record.timeZone).minutes / 60));
    summary.load = { level, waitMinutes };
  }
  if (near) summary.distanceKm = distanceKm(near, record);
  return summary;
}

/** `GET /offices/:id`: the summary and the load of each opening hour of today. */
export function officeDetail(record: OfficeRecord, now = MONDAY_NOON): OfficeDetail {
  const ranges = record.hours[dayOf(dateIn(now, record.timeZone))];
  const hours = ranges.flatMap((r) => {
    const out: number[] = [];
    for (let h = Math.floor(minutesOf(r.from) / 60); h * 60 < minutesOf(r.to); h++) out.push(h);
    return out;
  });
  const loadByHour = hours.map((hour) => {
    const { level, percent } = hourLoad(record, hour);
    return { hour, level, percent };
  });
  return { ...officeSummary(record, now), loadByHour };
}

/** `GET /offices?region=&city=&service=&q=&near=` as the backend answers it. */
export function officeList(query: URLSearchParams, now = MONDAY_NOON): OfficeList {
  const region = query.get('region') ?? '';
  const city = fold(query.get('city') ?? '');
  const service = query.get('service') ?? '';
  const words = fold(query.get('q') ?? '')
    .split(/[\s,.;:!?«»"'()/\\№-]+/)
    .filter(Boolean);
  const [lat, lon] = (query.get('near') ?? '').split(',').map(Number);
  const near = query.has('near') ? { lat: lat!, lon: lon! } : undefined;
  const items = OFFICES.filter((o) => (!region || o.regionCode === region) && (!city || fold(o.city) === city) && (!service || o.services.includes(service)))
    .filter((o) => words.every((w) => fold(o.name).includes(w) || fold(o.address).includes(w)))
    .map((o) => officeSummary(o, now, near));
  if (near) items.sort((a, b) => a.distanceKm! - b.distanceKm! || compareRu(a.name, b.name));
  else items.sort((a, b) => compareRu(a.name, b.name));
  return { total: items.length, items };
}

/** Slots of the demo settings: 15 minutes, two visits each, bookable from an hour ahead, 14 days. */
const SLOT_MINUTES = 15;
const PLACES = 2;
const LEAD = 60 * MINUTE;
const HORIZON_DAYS = 14;

/** Whether a slot is already booked up (the same few every day, as if booked earlier). */
const bookedUp = (start: number) => [2, 5, 11].includes(Math.floor(start / (SLOT_MINUTES * MINUTE)) % 13);
/** Free places left in a slot that is not booked up. */
const freeIn = (start: number) => (Math.floor(start / (SLOT_MINUTES * MINUTE)) % 3 === 0 ? 1 : PLACES);

/** The free slots of `record` on `date` after `now`. */
function freeSlotsOn(record: OfficeRecord, date: string, now: number): OfficeSlots['slots'] {
  const slots: OfficeSlots['slots'] = [];
  for (const range of record.hours[dayOf(date)]) {
    for (let m = minutesOf(range.from); m + SLOT_MINUTES <= minutesOf(range.to); m += SLOT_MINUTES) {
      const start = at(date, m, record.timeZone);
      if (start < now + LEAD || bookedUp(start)) continue;
      slots.push({ start: iso(start), end: iso(start + SLOT_MINUTES * MINUTE), free: freeIn(start) });
    }
  }
  return slots;
}

/** `GET /offices/:id/slots?service=&date=`: the days with free slots, and the free slots of `date` (default: the first such day). */
export function officeSlots(record: OfficeRecord, date?: string, now = MONDAY_NOON): OfficeSlots {
  const days: string[] = [];
  for (let d = 0; d < HORIZON_DAYS; d++) {
    const day = dateIn(now, record.timeZone, d);
    if (freeSlotsOn(record, day, now).length) days.push(day);
  }
  const shown = date ?? days[0] ?? dateIn(now, record.timeZone);
  return { timeZone: record.timeZone, date: shown, days, slots: freeSlotsOn(record, shown, now) };
}

/** The slot of `record` starting at `time` (HH:MM, the office's wall clock) `plusDays` after the stories' Monday. */
export function officeSlot(record: OfficeRecord, plusDays: number, time: string): { start: string; end: string } {
  const start = at(dateIn(MONDAY_NOON, record.timeZone, plusDays), minutesOf(time), record.timeZone);
  return { start: iso(start), end: iso(start + SLOT_MINUTES * MINUTE) };
}

/** The booking number the stories' visits get (the demo backend's numbering). */
export const BOOKED_VISIT = 'V-2026-000045';

/** The phone the stories' citizen types, and as the backend keeps it. */
export const VISITOR = { name: 'Иванова Анна Сергеевна', phone: { typed: '8 (912) 345-67-89', normalized: '+79123456789' } } as const;

/** A visit booked at `record` for `service` at `slotStart`, as `POST /offices/:id/bookings` answers it. */
export function officeBooking(record: OfficeRecord, service: string, slotStart: string, overrides: Partial<Booking> = {}): Booking {
  return {
    number: BOOKED_VISIT,
    status: 'booked',
    officeId: record.id,
    officeName: record.name,
    address: record.address,
    officePhone: record.phone,
    timeZone: record.timeZone,
    service,
    start: slotStart,
    end: iso(Date.parse(slotStart) + SLOT_MINUTES * MINUTE),
    documents: OFFICE_SERVICES.find((s) => s.code === service)?.documents ?? [],
    lateCancelMinutes: 15,
    createdAt: iso(MONDAY_NOON),
    ...overrides,
  };
}

// ---------------------------------------------------------------------------------------------
// The mocked backend

/** The requests the story's backend received, oldest first. */
export const officeRequests: MockedRequest[] = [];

/**
 * The office finder's backend for one story (a `beforeEach`: returns the cleanup): catalogue,
 * list, each office's card and free times, booking (201, the visit as sent) and cancelling
 * {@link BOOKED_VISIT} with the phone it was booked for (else 404). `routes` replace or add
 * answers (`'POST /bookings'`: a 409, say). Every request is recorded in {@link officeRequests};
 * anything else is unexpected and fails the story.
 */
export function officeBackend(routes: FetchRoutes = {}): () => void {
  officeRequests.length = 0;
  const booked = new Map<string, Booking>();
  const all: FetchRoutes = {
    // The story's own routes first (routes are tried in order), and their answers win.
    ...routes,
    'GET /offices/catalogue': () => json(OFFICE_CATALOGUE),
    'GET /offices': (request) => json(officeList(request.url.searchParams)),
    'GET /slots': (request) => {
      const record = recordOf(request, 'slots');
      if (!record) return notFound();
      const service = request.url.searchParams.get('service') ?? '';
      if (!record.services.includes(service)) return json(apiError('validation_failed', 'Услуга не оказывается в этом офисе.'), 400);
      return json(officeSlots(record, request.url.searchParams.get('date') ?? undefined));
    },
    'POST /bookings': (request) => {
      const record = recordOf(request, 'bookings');
      if (!record) return notFound();
      const body = request.body as BookingBody;
      const booking = officeBooking(record, body.service, body.slotStart);
      booked.set(booking.number, booking);
      return json(booking, 201);
    },
    'POST /cancel': (request) => {
      const number = decodeURIComponent(request.url.pathname.split('/').at(-2) ?? '');
      const phone = normalizePhone(String((request.body as { phone?: unknown }).phone ?? ''));
      if (number !== BOOKED_VISIT || phone !== VISITOR.phone.normalized) return notFound('Запись не найдена.');
      const booking = booked.get(number) ?? officeBooking(LENINSKY, 'passport', officeSlot(LENINSKY, 1, '10:15').start);
      return json({ ...booking, status: 'cancelled' } satisfies Booking);
    },
    // Last: `GET /offices/:id` (any path under /offices/ not answered above).
    ...Object.fromEntries(OFFICES.map((o) => [`GET /offices/${o.id}`, () => json(officeDetail(o))])),
    ...routes,
  };
  return mockFetch(
    Object.fromEntries(
      Object.entries(all).map(([route, answer]) => [
        route,
        (request: MockedRequest): FetchAnswer | Promise<FetchAnswer> => {
          officeRequests.push(request);
          return answer(request);
        },
      ]),
    ),
  );
}

const notFound = (message = 'Офис не найден.') => json(apiError('not_found', message), 404);

/** The office of `/offices/:id/<tail>`. */
function recordOf(request: MockedRequest, tail: string): OfficeRecord | undefined {
  const parts = request.url.pathname.split('/');
  if (parts.at(-1) !== tail) return undefined;
  return OFFICES.find((o) => o.id === decodeURIComponent(parts.at(-2) ?? ''));
}

/** The 409 of a time taken meanwhile, with the next free slot to offer (absent: none left). */
export const visitSlotTaken = (nextSlot?: { start: string; end: string; free: number }): Response =>
  json(apiError('conflict', 'Это время уже занято.', nextSlot ? { nextSlot } : {}), 409);
