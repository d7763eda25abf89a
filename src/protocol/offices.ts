import { z } from 'zod/mini';
import { TimeRange, WeeklyHours } from './config.js';
import { contract } from './contract.js';
import { normalizePhone } from './validators.js';

/**
 * Service offices («Мои документы»): where they are, when they are open, how busy, what they
 * do, and booking a visit. Offices, services and their documents are the backend's data.
 */

const bilingual = z.object({ ru: z.string(), en: z.string() });

/** A service an office offers, with the documents to bring (configurable per service). */
export const OfficeService = z.object({
  code: z.string(),
  label: bilingual,
  /** Documents to bring for this service, in order. */
  documents: z.array(bilingual),
});
export type OfficeService = z.infer<typeof OfficeService>;

export const LOAD_LEVELS = ['low', 'medium', 'high'] as const;
export type LoadLevel = (typeof LOAD_LEVELS)[number];

/** How busy an office is at a time: a level and the expected wait. */
export const OfficeLoad = z.object({ level: z.enum(LOAD_LEVELS), waitMinutes: z.number() });
export type OfficeLoad = z.infer<typeof OfficeLoad>;

export const OfficeAccessibility = z.object({
  /** Step-free entrance (ramp, lift, level access). */
  stepFree: z.boolean(),
  /** Other help (induction loop, sign-language interpreter by appointment, parking…), as text. */
  notes: z.optional(bilingual),
});

/** One office as the list shows it. */
export const OfficeSummary = z.object({
  id: z.string(),
  name: z.string(),
  regionCode: z.string(),
  region: z.string(),
  city: z.string(),
  address: z.string(),
  phone: z.string(),
  /** WGS 84 degrees. */
  lat: z.number(),
  lon: z.number(),
  /** The office's own zone; its hours are wall-clock times there. */
  timeZone: z.string(),
  hours: WeeklyHours,
  services: z.array(z.string()),
  accessibility: OfficeAccessibility,
  /** Usual busy hours (wall-clock, office's zone). */
  peakHours: z.array(TimeRange),
  /** Right now (server time): open, and the next change. */
  openNow: z.boolean(),
  closesAt: z.optional(z.string()),
  opensAt: z.optional(z.string()),
  /** Current load (absent while closed). */
  load: z.optional(OfficeLoad),
  /** From `near`, in kilometres (absent without it). */
  distanceKm: z.optional(z.number()),
});
export type OfficeSummary = z.infer<typeof OfficeSummary>;

/** One office with its load by hour of today (office's zone), for the card's chart. */
export const OfficeDetail = z.extend(OfficeSummary, {
  loadByHour: z.array(z.object({ hour: z.number(), level: z.enum(LOAD_LEVELS), percent: z.number() })),
});
export type OfficeDetail = z.infer<typeof OfficeDetail>;

/** `GET /offices?region=&city=&service=&near=lat,lon&q=`: sorted by distance with `near`, else by name. */
export const OfficeQuery = z.object({
  region: z.optional(z.string().check(z.maxLength(20))),
  city: z.optional(z.string().check(z.maxLength(80))),
  service: z.optional(z.string().check(z.maxLength(40))),
  near: z.optional(z.string().check(z.regex(/^-?\d{1,2}(?:\.\d+)?,-?\d{1,3}(?:\.\d+)?$/, 'invalid'))),
  q: z.optional(z.string().check(z.maxLength(120))),
});
export type OfficeQuery = z.infer<typeof OfficeQuery>;

export const OfficeList = z.object({ total: z.number(), items: z.array(OfficeSummary) });
export type OfficeList = z.infer<typeof OfficeList>;

/** `GET /offices/catalogue`: regions with their cities, and the services with their documents. */
export const OfficeCatalogue = z.object({
  regions: z.array(z.object({ code: z.string(), name: z.string(), cities: z.array(z.string()) })),
  services: z.array(OfficeService),
  /** The data is the demo set shipped with the reference backend (the site replaces it). */
  demo: z.boolean(),
});
export type OfficeCatalogue = z.infer<typeof OfficeCatalogue>;

/** `GET /offices/:id/slots?service=&date=YYYY-MM-DD` (date in the office's zone; default: first day with free slots). */
export const OfficeSlotsQuery = z.object({
  service: z.string().check(z.minLength(1, 'required'), z.maxLength(40)),
  date: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'date'))),
});
export type OfficeSlotsQuery = z.infer<typeof OfficeSlotsQuery>;

export const OfficeSlots = z.object({
  timeZone: z.string(),
  /** The day shown. */
  date: z.string(),
  /** Days (YYYY-MM-DD) within the booking horizon that have free slots. */
  days: z.array(z.string()),
  slots: z.array(z.object({ start: z.string(), end: z.string(), free: z.number() })),
});
export type OfficeSlots = z.infer<typeof OfficeSlots>;

const PERSON_NAME = /^[A-Za-zА-Яа-яЁё][A-Za-zА-Яа-яЁё'’.\- ]*$/;
const phoneRule = z.string().check(z.trim(), z.minLength(1, 'required'), z.refine((v) => v === '' || normalizePhone(v) !== undefined, 'phone'));

/** `POST /offices/:id/bookings` (with Idempotency-Key). */
export const BookingBody = z
  .object({
    service: z.string().check(z.minLength(1, 'required'), z.maxLength(40)),
    slotStart: z.string().check(z.minLength(1, 'slot_required')),
    name: z.string().check(z.trim(), z.minLength(1, 'required'), z.maxLength(150, 'too_long'), z.refine((v) => v === '' || PERSON_NAME.test(v), 'name')),
    phone: phoneRule,
    email: z.optional(z.string()),
    consent: z.boolean(),
  })
  .check(
    z.superRefine((r, ctx) => {
      if (!r || typeof r !== 'object') return;
      const email = typeof r.email === 'string' ? r.email.trim() : '';
      if (email && (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(email))) ctx.issues.push({ code: 'custom', message: 'email', path: ['email'], input: r });
      if (r.consent !== true && typeof r.consent === 'boolean') ctx.issues.push({ code: 'custom', message: 'consent', path: ['consent'], input: r });
    }, { when: () => true }),
  );
export type BookingBody = z.input<typeof BookingBody>;

export const BOOKING_STATUSES = ['booked', 'cancelled', 'visited', 'no_show'] as const;

/** A booked visit as the citizen sees it. */
export const Booking = z.object({
  number: z.string(),
  status: z.enum(BOOKING_STATUSES),
  officeId: z.string(),
  officeName: z.string(),
  address: z.string(),
  officePhone: z.string(),
  timeZone: z.string(),
  service: z.string(),
  start: z.string(),
  end: z.string(),
  /** Documents to bring (the service's list at booking time). */
  documents: z.array(bilingual),
  /** Minutes of lateness after which the booking may be cancelled (the seeds: 15). */
  lateCancelMinutes: z.number(),
  createdAt: z.string(),
});
export type Booking = z.infer<typeof Booking>;

/** `POST /bookings/:number/cancel`: the booking's phone. */
export const BookingCancelBody = z.strictObject({ phone: phoneRule });
export type BookingCancelBody = z.infer<typeof BookingCancelBody>;

export const officeEndpoints = {
  officeCatalogue: contract()({ method: 'GET', path: '/offices/catalogue', response: OfficeCatalogue }),
  offices: contract<undefined, OfficeQuery>()({ method: 'GET', path: '/offices', response: OfficeList }),
  office: contract()({ method: 'GET', path: '/offices/:id', response: OfficeDetail }),
  officeSlots: contract<undefined, OfficeSlotsQuery>()({ method: 'GET', path: '/offices/:id/slots', response: OfficeSlots }),
  /** With the IDEMPOTENCY_HEADER; a slot filled meanwhile: 409 with `nextSlot`. */
  createBooking: contract<BookingBody>()({ method: 'POST', path: '/offices/:id/bookings', response: Booking }),
  cancelBooking: contract<BookingCancelBody>()({ method: 'POST', path: '/bookings/:number/cancel', response: Booking }),
};

// ── Operator side ─────────────────────────────────────────────────────────────

/** `GET /operator/api/bookings?office=&date=` (date in the office's zone; default today). */
export const OperatorBookingQuery = z.object({
  office: z.optional(z.string().check(z.maxLength(60))),
  date: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))),
});

export const OperatorBooking = z.extend(Booking, { name: z.string(), phone: z.string(), email: z.optional(z.string()) });
export const OperatorBookingList = z.object({
  date: z.string(),
  offices: z.array(z.object({ id: z.string(), name: z.string(), city: z.string() })),
  /** The office shown (first of the list when none asked). */
  office: z.object({ id: z.string(), name: z.string(), timeZone: z.string() }),
  items: z.array(OperatorBooking),
});
