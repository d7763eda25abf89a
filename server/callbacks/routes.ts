import type { FastifyInstance } from 'fastify';
import { CALLBACK_COMMENT_MAX, CALLBACK_NUMBER, callbackSchema, type CallbackSlots, type CallbackView } from '#protocol/callback.js';
import type { ConfigResponse } from '#protocol/config.js';
import { endpoints } from '#protocol/endpoints.js';
import { normalizePhone, redactSensitive } from '#protocol/validators.js';
import { HttpError } from '../http/errors.js';
import { hashBody, idempotencyKey, sha256Hex } from '../http/idempotency.js';
import { keptBody } from '../http/kept-body.js';
import { withinLimits, type RateLimiter } from '../http/shared-limits.js';
import { defineRoute } from '../http/route.js';
import { findOwned, type LookupFailures } from '../http/owner-check.js';
import type { CallbackService } from './service.js';
import type { CallbackRow } from './store.js';
import { callbackView, isOpenCallback } from './views.js';

/** The one answer for an unknown callback number and a wrong phone: the same bytes. */
export const CALLBACK_NOT_FOUND_MESSAGE =
  'Заявка на обратный звонок с таким номером и телефоном не найдена. Проверьте номер заявки (CB-…) и телефон, указанный в ней.';
export const CALLBACK_RATE_LIMITED_MESSAGE = 'Слишком много заявок на звонок подряд. Повторите попытку позже.';
export const CALLBACK_ALREADY_CALLED_MESSAGE = 'Оператор уже позвонил по этой заявке: отменить её нельзя.';
export const CALLBACK_CLOSED_MESSAGE = 'Эта заявка на звонок уже закрыта (звонок состоялся или отменён). Закажите новый звонок.';
/** Comments the citizen reads in the status history (the server's own words). */
export const CANCELLED_BY_CITIZEN = 'Звонок отменён по вашей просьбе.';
export const RESCHEDULED_BY_CITIZEN = 'Время звонка изменено по вашей просьбе.';

export interface CallbackRoutesOptions {
  config: ConfigResponse;
  service: CallbackService;
  /** Bookings per client IP and per phone (`rateLimits.callbacksPerIp` / `callbacksPerPhone`). */
  limiters: { perIp: RateLimiter; perPhone: RateLimiter };
  /** Failed lookups, shared with the status lookup (`lookupFailuresPerIp` / `lookupFailuresPerNumber`). */
  failures: LookupFailures;
  now: () => number;
  /** After a citizen's cancel or reschedule (live status updates); awaited before the answer, never rejects. */
  onChanged(row: CallbackRow): Promise<void>;
}

/** Room for the longest comment sent as JSON escapes of surrogate pairs, and 16 KiB for the rest. */
export const CALLBACK_BODY_LIMIT = 16 * 1024 + 12 * CALLBACK_COMMENT_MAX;

const blankToNull = (value: string | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

/**
 * `GET /callbacks/slots`, `POST /callbacks` and the citizen's own calls on a callback (lookup,
 * cancel, reschedule: its number and phone). (A 409 carries `nextSlot` through HttpError.)
 */
export async function registerCallbackRoutes(app: FastifyInstance, options: CallbackRoutesOptions): Promise<void> {
  const { config, service, limiters, failures, now } = options;
  const { store } = service;

  /** The callback of `number` when `phone` is its phone; the same 404 otherwise, failures limited. */
  const owned = (number: string, phone: string, ip: string): Promise<CallbackRow> =>
    findOwned({ failures, pattern: CALLBACK_NUMBER, find: (n) => store.findByNumber(n), notFound: CALLBACK_NOT_FOUND_MESSAGE }, number, phone, ip);

  await app.register(async (scope) => {

    // Kept per minute by the service, and its bytes here.
    defineRoute(
      scope,
      endpoints.callbackSlots,
      async ({ query, reply }) => keptBody(reply, await service.availability(query, now())) as unknown as CallbackSlots,
    );

    defineRoute(
      scope,
      endpoints.createCallback,
      async ({ body, request }): Promise<CallbackView> => {
        const key = idempotencyKey(request);
        const keyHash = sha256Hex(key);
        const bodyHash = hashBody(body);

        const replay = async (known: { callbackId: number; bodyHash: string }): Promise<CallbackView> => {
          const row = known.bodyHash === bodyHash ? await store.byId(known.callbackId) : undefined;
          if (!row) throw new HttpError(409, 'conflict', 'Этот ключ Idempotency-Key уже использован для другой заявки на звонок.');
          return callbackView(row);
        };
        // A repeated call answers the first one again (not counted against the rate limits).
        const known = await store.findIdempotency(keyHash);
        if (known) return replay(known);

        const phone = normalizePhone(body.phone)!;
        // Places taken before the work (all at once, in the database: every process counts
        // together) and kept only when something is booked (see withinLimits).
        const places = [
          [limiters.perIp, `ip:${request.ip}`],
          [limiters.perPhone, `phone:${phone}`],
        ] as const;
        return withinLimits(places, CALLBACK_RATE_LIMITED_MESSAGE, async (keep) => {
          const at = now();
          const placement = await service.placement(body.asap, body.slotStart, at);
          const comment = blankToNull(body.comment);
          const outcome = await store.create(
            {
              phone,
              name: body.name,
              topic: body.topic,
              requestNumber: blankToNull(body.requestNumber),
              // Passport-, СНИЛС- and ИНН-like numbers never reach the database.
              comment: comment === null ? null : redactSensitive(comment),
              conversationRef: blankToNull(body.conversationRef),
              createdAt: at,
            },
            placement,
            { keyHash, bodyHash },
          );
          if (outcome.kind === 'existing') return replay(outcome);
          if (outcome.kind === 'full') throw await service.full(placement, at);
          keep();
          request.log.info({ callbackNumber: outcome.row.number, asap: body.asap }, 'callback booked');
          return callbackView(outcome.row);
        });
      },
      { body: callbackSchema({ types: config.requestForm.types }), bodyLimit: CALLBACK_BODY_LIMIT },
    );

    defineRoute(scope, endpoints.lookupCallback, async ({ body, params, request }) => {
      const row = await owned(params.number ?? '', body.phone, request.ip);
      const survey = await service.survey(row);
      return { ...callbackView(row), ...(survey ? { survey } : {}) };
    });

    defineRoute(scope, endpoints.cancelCallback, async ({ body, params, request }) => {
      const row = await owned(params.number ?? '', body.phone, request.ip);
      const outcome = await store.cancel(row.id, now(), CANCELLED_BY_CITIZEN);
      if (outcome.kind === 'final') throw new HttpError(409, 'conflict', CALLBACK_ALREADY_CALLED_MESSAGE);
      if (outcome.kind === 'full') throw new Error('a cancel never needs a place');
      if (outcome.kind === 'changed') {
        request.log.info({ callbackNumber: row.number }, 'callback cancelled by the citizen');
        await options.onChanged(outcome.row);
      }
      return callbackView(outcome.row);
    });

    defineRoute(scope, endpoints.rescheduleCallback, async ({ body, params, request }) => {
      const row = await owned(params.number ?? '', body.phone, request.ip);
      if (!isOpenCallback(row)) throw new HttpError(409, 'conflict', CALLBACK_CLOSED_MESSAGE);
      const at = now();
      const placement = await service.placement(body.asap, body.slotStart, at, { holdsAsapPlace: row.asap === 1 });
      const outcome = await store.reschedule(row.id, placement, at, RESCHEDULED_BY_CITIZEN);
      if (outcome.kind === 'full') throw await service.full(placement, at);
      if (outcome.kind === 'final') throw new HttpError(409, 'conflict', CALLBACK_CLOSED_MESSAGE);
      if (outcome.kind === 'changed') {
        request.log.info({ callbackNumber: row.number }, 'callback rescheduled by the citizen');
        await options.onChanged(outcome.row);
      }
      return callbackView(outcome.row);
    });
  });
}
