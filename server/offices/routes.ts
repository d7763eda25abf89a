import type { FastifyInstance } from 'fastify';
import { endpoints } from '#protocol/endpoints.js';
import type { Booking, OfficeList, OfficeSlots } from '#protocol/offices.js';
import { normalizePhone } from '#protocol/validators.js';
import { HttpError } from '../http/errors.js';
import { hashBody, idempotencyKey, sha256Hex } from '../http/idempotency.js';
import { keptBody } from '../http/kept-body.js';
import { withinLimits, type RateLimiter } from '../http/shared-limits.js';
import { defineRoute } from '../http/route.js';
import { findOwned, type LookupFailures } from '../http/owner-check.js';
import type { OfficeDirectory } from './service.js';
import { BOOKING_NUMBER, type BookingRow } from './store.js';
import { bookingView } from './views.js';

/** The one answer for an unknown booking number and a wrong phone: the same bytes. */
export const BOOKING_NOT_FOUND_MESSAGE =
  'Запись с таким номером и телефоном не найдена. Проверьте номер записи (V-…) и телефон, указанный при записи.';
export const BOOKING_RATE_LIMITED_MESSAGE = 'Слишком много записей подряд. Повторите попытку позже.';
export const BOOKING_PAST_MESSAGE = 'Время этого визита уже наступило или прошло: отменить запись нельзя. Если планы изменились, позвоните в офис.';

export interface OfficeRoutesOptions {
  directory: OfficeDirectory;
  /** Bookings per client IP and per phone (`rateLimits.bookingsPerIp` / `bookingsPerPhone`). */
  limiters: { perIp: RateLimiter; perPhone: RateLimiter };
  /** Failed cancels, counted with failed status and callback lookups (`lookupFailuresPerIp` / `lookupFailuresPerNumber`). */
  failures: LookupFailures;
  now: () => number;
}

/** A booking body is a few short fields: 16 KiB is plenty. */
export const BOOKING_BODY_LIMIT = 16 * 1024;

/**
 * The office finder and visit booking: `GET /offices…`, `POST /offices/:id/bookings` and
 * `POST /bookings/:number/cancel`. (A 409 carries `nextSlot` through HttpError.)
 */
export async function registerOfficeRoutes(app: FastifyInstance, options: OfficeRoutesOptions): Promise<void> {
  const { directory, limiters, failures, now } = options;
  const { store, settings } = directory;
  const view = (row: BookingRow): Booking => bookingView(row, settings.lateCancelMinutes);

  /** The booking of `number` when `phone` is its phone; the same 404 otherwise, failures limited. */
  const owned = (number: string, phone: string, ip: string): Promise<BookingRow> =>
    findOwned({ failures, pattern: BOOKING_NUMBER, find: (n) => store.findByNumber(n), notFound: BOOKING_NOT_FOUND_MESSAGE }, number, phone, ip);

  await app.register(async (scope) => {

    defineRoute(scope, endpoints.officeCatalogue, () => directory.catalogue());
    // The search and the slots are kept per minute by the directory, and their bytes here.
    defineRoute(scope, endpoints.offices, async ({ query, reply }) => keptBody(reply, await directory.list(query, now())) as unknown as OfficeList);
    defineRoute(scope, endpoints.office, ({ params }) => directory.detail(params.id ?? '', now()));
    defineRoute(
      scope,
      endpoints.officeSlots,
      async ({ params, query, reply }) => keptBody(reply, await directory.slots(params.id ?? '', query, now())) as unknown as OfficeSlots,
    );

    defineRoute(
      scope,
      endpoints.createBooking,
      async ({ params, body, request }): Promise<Booking> => {
        const officeId = params.id ?? '';
        const key = idempotencyKey(request);
        const keyHash = sha256Hex(key);
        const bodyHash = hashBody({ officeId, body });

        const replay = async (known: { bookingId: number; bodyHash: string }): Promise<Booking> => {
          const row = known.bodyHash === bodyHash ? await store.byId(known.bookingId) : undefined;
          if (!row) throw new HttpError(409, 'conflict', 'Этот ключ Idempotency-Key уже использован для другой записи.');
          return view(row);
        };
        // A repeated call answers the first one again (not counted against the rate limits).
        const known = await store.findIdempotency(keyHash);
        if (known) return replay(known);

        const office = await directory.office(officeId);
        const phone = normalizePhone(body.phone)!;
        // Places taken before the work (all at once, in the database: every process counts
        // together) and kept only when something is booked (see withinLimits).
        const places = [
          [limiters.perIp, `ip:${request.ip}`],
          [limiters.perPhone, `phone:${phone}`],
        ] as const;
        return withinLimits(places, BOOKING_RATE_LIMITED_MESSAGE, async (keep) => {
          const at = now();
          const placement = await directory.placement(office, body.service, body.slotStart, at);
          const email = body.email?.trim();
          const outcome = await store.create(
            {
              office,
              service: placement.service,
              slotStart: placement.slot.start,
              slotEnd: placement.slot.end,
              name: body.name,
              phone,
              email: email ? email : null,
              createdAt: at,
            },
            placement.limit,
            { keyHash, bodyHash },
          );
          if (outcome.kind === 'existing') return replay(outcome);
          if (outcome.kind === 'full') throw await directory.full(placement, at);
          keep();
          request.log.info({ bookingNumber: outcome.row.number, officeId: office.id, service: placement.service.code }, 'visit booked');
          return view(outcome.row);
        });
      },
      { bodyLimit: BOOKING_BODY_LIMIT },
    );

    defineRoute(scope, endpoints.cancelBooking, async ({ body, params, request }) => {
      const row = await owned(params.number ?? '', body.phone, request.ip);
      const outcome = await store.cancel(row.id, now());
      if (outcome.kind === 'past') throw new HttpError(409, 'conflict', BOOKING_PAST_MESSAGE);
      if (outcome.kind === 'changed') request.log.info({ bookingNumber: row.number }, 'visit cancelled by the citizen');
      return view(outcome.row);
    });
  });
}
