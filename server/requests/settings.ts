import type { RateLimitRule } from '../http/rate-limit.js';
import { REQUEST_TYPES, type RequestType } from '#protocol/request.js';
import { MOSCOW_OFFSET_MS } from '../time.js';

/**
 * The service's promise of an answer: within so many hours, or so many working days
 * (Monday to Friday, Moscow time; public holidays are not known to the demo and count as working days).
 */
export type AnswerPromise = { hours: number } | { workingDays: number };

/** Default promises: a fraud report within 3 working days, anything else within 24 hours. */
export const DEFAULT_ANSWER_PROMISES: Readonly<Record<RequestType, AnswerPromise>> = {
  technical: { hours: 24 },
  application: { hours: 24 },
  status: { hours: 24 },
  fraud: { workingDays: 3 },
  access: { hours: 24 },
  other: { hours: 24 },
};

/** Default request number: the Moscow year and a per-year sequence of six digits, `2026-000123`. */
export const DEFAULT_REQUEST_NUMBER_FORMAT = '{year}-{seq:6}';

export interface RateLimitSettings {
  /** `POST /uploads` per client IP. */
  uploadsPerIp: RateLimitRule;
  /** `POST /requests` per client IP. */
  requestsPerIp: RateLimitRule;
  /** `POST /requests` per (normalized) phone number. */
  requestsPerPhone: RateLimitRule;
  /** `POST /requests` per e-mail address (any letter case): the notification outbox cannot be aimed at one inbox. */
  requestsPerEmail: RateLimitRule;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const DEFAULT_RATE_LIMITS: Readonly<RateLimitSettings> = {
  uploadsPerIp: { limit: 30, windowMs: 10 * MINUTE },
  requestsPerIp: { limit: 20, windowMs: HOUR },
  requestsPerPhone: { limit: 10, windowMs: HOUR },
  requestsPerEmail: { limit: 10, windowMs: HOUR },
};

const DAY = 24 * HOUR;

/** When the answer to a request made at `createdAt` is due under `promise`. */
export function answerDueAt(createdAt: number, promise: AnswerPromise): number {
  if ('hours' in promise) return createdAt + promise.hours * HOUR;
  // The same Moscow time of day, `workingDays` working days later: made on Friday 15:00 with
  // 3 working days → Wednesday 15:00; made on Saturday → counted from Monday.
  let at = createdAt;
  let left = promise.workingDays;
  while (left > 0) {
    at += DAY;
    const weekday = new Date(at + MOSCOW_OFFSET_MS).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return at;
}

/** Checks a promise map from a site owner, filling the types it leaves out from the defaults. */
export function resolveAnswerPromises(overrides: Partial<Record<RequestType, AnswerPromise>> = {}): Record<RequestType, AnswerPromise> {
  const out = { ...DEFAULT_ANSWER_PROMISES };
  for (const [type, promise] of Object.entries(overrides)) {
    if (!(REQUEST_TYPES as readonly string[]).includes(type)) throw new Error(`Answer promise for unknown request type "${type}"`);
    if (!promise) continue;
    const amount = 'hours' in promise ? promise.hours : promise.workingDays;
    if (!(Number.isFinite(amount) && amount > 0)) throw new Error(`Answer promise for "${type}" must be a positive amount`);
    if ('workingDays' in promise && !Number.isInteger(promise.workingDays)) {
      throw new Error(`Answer promise for "${type}": workingDays must be a whole number`);
    }
    out[type as RequestType] = promise;
  }
  return out;
}

/** Checks rate limits from a site owner, filling the ones left out from the defaults. */
export function resolveRateLimits(overrides: Partial<RateLimitSettings> = {}): RateLimitSettings {
  return { ...DEFAULT_RATE_LIMITS, ...overrides };
}
