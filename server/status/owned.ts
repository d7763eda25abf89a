import { normalizePhone } from '#protocol/validators.js';
import { HttpError } from '../http/errors.js';
import type { FailureLimiter } from './limits.js';
import { LOOKUP_RATE_LIMITED_MESSAGE, sameSecret } from './lookup.js';

export interface OwnedLookup<Row extends { phone: string }> {
  failures: { perIp: FailureLimiter; perNumber: FailureLimiter };
  /** The shape of a number of this kind (anything else is not looked up). */
  pattern: RegExp;
  find: (canonicalNumber: string) => Row | undefined;
  /** The one 404 message for an unknown number and a wrong phone. */
  notFound: string;
}

/**
 * A citizen's own callback or booking by its number and the phone it was made for: the same
 * 404 for an unknown number and a wrong phone (compared in constant time), failed attempts
 * limited per IP and per number like status lookups.
 */
export function findOwned<Row extends { phone: string }>(lookup: OwnedLookup<Row>, number: string, phoneInput: string, ip: string): Row {
  const canonical = number.trim().toUpperCase();
  const byIp = lookup.failures.perIp.begin([`ip:${ip}`]);
  if (!byIp.allowed) throw new HttpError(429, 'rate_limited', LOOKUP_RATE_LIMITED_MESSAGE, undefined, byIp.retryAfterSeconds);
  const byNumber = lookup.failures.perNumber.begin([`number:${canonical.slice(0, 64)}`]);
  if (!byNumber.allowed) {
    byIp.succeeded(); // not an attempt: nothing was checked
    throw new HttpError(429, 'rate_limited', LOOKUP_RATE_LIMITED_MESSAGE, undefined, byNumber.retryAfterSeconds);
  }
  const row = lookup.pattern.test(canonical) ? lookup.find(canonical) : undefined;
  const phone = normalizePhone(phoneInput) ?? '';
  const matches = sameSecret(phone, row?.phone ?? '\u0000');
  if (!row || !matches) throw new HttpError(404, 'not_found', lookup.notFound);
  byIp.succeeded();
  byNumber.succeeded();
  return row;
}
