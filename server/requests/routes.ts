import type { FastifyInstance } from 'fastify';
import { z } from 'zod/mini';
import type { ConfigResponse } from '#protocol/config.js';
import { endpoints } from '#protocol/endpoints.js';
import { requestSchema, type RequestCreated, type RequestType } from '#protocol/request.js';
import { normalizePhone } from '#protocol/validators.js';
import { HttpError } from '../http/errors.js';
import { hashBody, idempotencyKey, sha256Hex } from '../http/idempotency.js';
import { withinLimits, type RateLimiter } from '../http/shared-limits.js';
import { defineRoute } from '../http/route.js';
import { generateLookupCode, hashLookupCode, openLookupCode, sealLookupCode } from './lookup-code.js';
import { answerDueAt, type AnswerPromise } from './settings.js';
import { REGISTERED, type IdempotencyRecord, type RequestStore } from './store.js';

export interface RequestRoutesOptions {
  config: ConfigResponse;
  store: RequestStore;
  answerPromises: Record<RequestType, AnswerPromise>;
  limiters: { perIp: RateLimiter; perPhone: RateLimiter; perEmail: RateLimiter };
  now: () => number;
}

const MAX_EMAIL = 254;

export const REQUESTS_RATE_LIMITED_MESSAGE = 'Слишком много обращений подряд. Повторите попытку позже.';

/**
 * The request body schema of this server: the shared rules of src/protocol/request.ts with this
 * server's request types, limits and clock, behind a guard that
 * - refuses a body that is not a JSON object (the shared rules expect one), and
 * - replaces an e-mail longer than 254 characters (refused anyway) by one that is refused the
 *   same way, so that the e-mail pattern never runs on megabytes of text.
 */
export function serverRequestSchema(config: ConfigResponse, now: () => number) {
  const rules = requestSchema({
    types: config.requestForm.types,
    descriptionMax: config.requestForm.descriptionMaxLength,
    maxAttachments: config.attachments.maxCount,
    now,
  });
  const guarded = z.pipe(
    z.looseObject({}),
    z.transform((body: Record<string, unknown>) => {
      const email = body.email;
      if (typeof email !== 'string' || email.length <= MAX_EMAIL) return body;
      return { ...body, email: email.trim() === '' ? '' : 'x'.repeat(MAX_EMAIL + 1) };
    }),
  );
  return z.pipe(guarded, rules as unknown as z.ZodMiniType<z.output<typeof rules>, Record<string, unknown>>);
}

/**
 * Largest `POST /requests` body: room for the longest description even if every character is
 * sent as a JSON escape of a surrogate pair (6 bytes), and 64 KiB for everything else.
 */
export function requestBodyLimit(config: ConfigResponse): number {
  return 64 * 1024 + 6 * config.requestForm.descriptionMaxLength;
}


const blankToNull = (value: string | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

/** `POST /requests`. */
export function registerRequestRoutes(app: FastifyInstance, options: RequestRoutesOptions): void {
  const { config, store, answerPromises, limiters, now } = options;

  const replay = async (record: IdempotencyRecord, key: string, bodyHash: string): Promise<RequestCreated> => {
    if (record.bodyHash !== bodyHash) {
      throw new HttpError(409, 'conflict', 'Этот ключ Idempotency-Key уже использован для другого обращения.');
    }
    const row = await store.createdRow(record.requestId);
    const lookupCode = openLookupCode(record.sealedCode, key);
    if (!row || lookupCode === undefined) {
      throw new HttpError(409, 'conflict', 'Этот ключ Idempotency-Key уже использован.');
    }
    return { number: row.number, lookupCode, status: REGISTERED.status, createdAt: row.createdAt, answerDueAt: row.answerDueAt };
  };

  defineRoute(
    app,
    endpoints.createRequest,
    async ({ body, request }): Promise<RequestCreated> => {
      const key = idempotencyKey(request);
      const keyHash = sha256Hex(key);
      const bodyHash = hashBody(body);

      // A repeated call answers the first one again (not counted against the rate limits).
      const known = await store.findIdempotency(keyHash);
      if (known) return replay(known, key, bodyHash);

      const phone = normalizePhone(body.phone)!;
      const email = blankToNull(body.email);
      // Places under every limit are taken before the work, all at once in one transaction of the
      // database (every process counts together), and given back unless a request is registered:
      // a parallel burst cannot pass a check made before the others count.
      const places = [
        [limiters.perIp, `ip:${request.ip}`],
        [limiters.perPhone, `phone:${phone}`],
        ...(email === null ? [] : [[limiters.perEmail, `email:${email.toLowerCase()}`] as const]),
      ] as const;
      return withinLimits(places, REQUESTS_RATE_LIMITED_MESSAGE, async (keep) => {
        const attachmentIssues = await store.checkAttachments(body.attachments);
        if (attachmentIssues.length > 0) {
          throw new HttpError(400, 'validation_failed', 'Данные запроса не прошли проверку.', attachmentIssues);
        }

        const lookupCode = generateLookupCode();
        const codeHash = await hashLookupCode(lookupCode);
        const createdAt = now();
        const fraud = body.type === 'fraud';
        const outcome = await store.create(
          {
            type: body.type,
            fullName: body.fullName,
            phone,
            email,
            answerChannel: body.answerChannel,
            snils: blankToNull(body.snils),
            inn: blankToNull(body.inn),
            serviceNumber: blankToNull(body.serviceNumber),
            description: body.description,
            // The incident and links are checked only for fraud reports, and kept only for them.
            incidentDate: fraud ? blankToNull(body.incidentDate) : null,
            incidentTime: fraud ? blankToNull(body.incidentTime) : null,
            links: fraud ? (body.links ?? []).map((link) => link.trim()).filter(Boolean) : [],
            attachments: body.attachments,
            createdAt,
            answerDueAt: answerDueAt(createdAt, answerPromises[body.type]),
          },
          codeHash,
          { keyHash, bodyHash, sealedCode: sealLookupCode(lookupCode, key) },
        );

        if (outcome.kind === 'existing') return replay(outcome.record, key, bodyHash);
        if (outcome.kind === 'attachments') {
          throw new HttpError(400, 'validation_failed', 'Данные запроса не прошли проверку.', outcome.issues);
        }
        keep();
        request.log.info({ requestNumber: outcome.row.number }, 'request registered');
        const { number, createdAt: createdIso, answerDueAt: dueIso } = outcome.row;
        return { number, lookupCode, status: REGISTERED.status, createdAt: createdIso, answerDueAt: dueIso };
      });
    },
    { body: serverRequestSchema(config, now), bodyLimit: requestBodyLimit(config) },
  );
}
