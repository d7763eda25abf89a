import { normalizePhone } from '#protocol/validators.js';
import { HttpError } from './errors.js';
import type { Attempt, FailureLimiter } from './failure-limits.js';
import { sameSecret } from './same-secret.js';

/** The 429 of too many failed lookups (status, callbacks, bookings: they count together). */
export const LOOKUP_RATE_LIMITED_MESSAGE = 'Слишком много неудачных попыток. Повторите поиск позже.';

/** Failed lookups of something by its number and a second factor, per client IP and per number. */
export interface LookupFailures {
  perIp: FailureLimiter;
  perNumber: FailureLimiter;
}

/**
 * Starts a lookup of `numberKey` from `ip` under both limits: refused when either is at its
 * limit (a refusal by number gives the IP's place back: nothing was checked). `succeeded()`
 * gives both places back.
 */
export async function beginLookup(failures: LookupFailures, ip: string, numberKey: string): Promise<Attempt> {
  const byIp = await failures.perIp.begin([`ip:${ip}`]);
  if (!byIp.allowed) return byIp;
  const byNumber = await failures.perNumber.begin([`number:${numberKey}`]);
  if (!byNumber.allowed) {
    await byIp.succeeded(); // not an attempt: nothing was checked
    return byNumber;
  }
  return {
    allowed: true,
    async succeeded() {
      await byIp.succeeded();
      await byNumber.succeeded();
    },
  };
}

export interface OwnedLookup<Row extends { phone: string }> {
  failures: LookupFailures;
  /** The shape of a number of this kind (anything else is not looked up). */
  pattern: RegExp;
  find: (canonicalNumber: string) => Promise<Row | undefined>;
  /** The one 404 message for an unknown number and a wrong phone. */
  notFound: string;
}

/**
 * A citizen's own callback or booking by its number and the phone it was made for: the same
 * 404 for an unknown number and a wrong phone (compared in constant time), failed attempts
 * limited per IP and per number like status lookups (the attempt is counted before the lookup's
 * first await, so that parallel guesses cannot pass the limit).
 */
export async function findOwned<Row extends { phone: string }>(lookup: OwnedLookup<Row>, number: string, phoneInput: string, ip: string): Promise<Row> {
  const canonical = number.trim().toUpperCase();
  const attempt = await beginLookup(lookup.failures, ip, canonical.slice(0, 64));
  if (!attempt.allowed) throw new HttpError(429, 'rate_limited', LOOKUP_RATE_LIMITED_MESSAGE, undefined, attempt.retryAfterSeconds);
  const row = lookup.pattern.test(canonical) ? await lookup.find(canonical) : undefined;
  const phone = normalizePhone(phoneInput) ?? '';
  const matches = sameSecret(phone, row?.phone ?? '\u0000');
  if (!row || !matches) throw new HttpError(404, 'not_found', lookup.notFound);
  await attempt.succeeded();
  return row;
}
