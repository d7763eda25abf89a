import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RequestStatusView } from '../../../src/protocol/status.js';
import { normalizePhone } from '../../../src/protocol/validators.js';
import { hashLookupCode, verifyLookupCode } from '../requests/lookup-code.js';
import type { FailureLimiter } from './limits.js';
import { citizenView, type RequestRow, type StatusStore, type StatusVocabulary } from './store.js';

/**
 * The one answer for an unknown number and for a wrong second factor: the same status, the same
 * bytes, so that nobody can tell which numbers exist.
 */
export const LOOKUP_NOT_FOUND_MESSAGE =
  'Обращение с таким номером и кодом не найдено. Проверьте номер обращения и код (или телефон, e-mail, указанные в обращении).';
export const LOOKUP_RATE_LIMITED_MESSAGE = 'Слишком много неудачных попыток. Повторите поиск позже.';

export type LookupResult =
  | { kind: 'found'; row: RequestRow; view: RequestStatusView }
  | { kind: 'not_found' }
  | { kind: 'rate_limited'; retryAfterSeconds: number };

export interface StatusLookup {
  /** Checks the number and the second factor (lookup code, the request's phone, or its e-mail). */
  lookup(number: string, factor: string, ip: string): Promise<LookupResult>;
  /** The citizen's view of a request as it is now. */
  view(row: RequestRow): RequestStatusView;
}

const digest = (text: string) => createHash('sha256').update(text).digest();
/** Equal strings, compared in constant time (of their SHA-256). */
export const sameSecret = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

/** One per process: a hash of a random code nobody knows, with the same scrypt parameters. */
let dummyHashOnce: Promise<string> | undefined;

export async function createStatusLookup(options: {
  store: StatusStore;
  vocabulary: StatusVocabulary;
  limiters: { perIp: FailureLimiter; perNumber: FailureLimiter };
  now: () => number;
}): Promise<StatusLookup> {
  const { store, vocabulary, limiters, now } = options;
  // An unknown number is checked against this hash, so it takes as long as a known one.
  const dummyHash = await (dummyHashOnce ??= hashLookupCode(randomBytes(12).toString('base64url')));

  const view = (row: RequestRow) => citizenView(store, row, vocabulary, now());

  return {
    view,
    async lookup(number, factor, ip) {
      const byIp = limiters.perIp.begin([`ip:${ip}`]);
      if (!byIp.allowed) return { kind: 'rate_limited', retryAfterSeconds: byIp.retryAfterSeconds };
      const byNumber = limiters.perNumber.begin([`number:${number}`]);
      if (!byNumber.allowed) {
        byIp.succeeded(); // not an attempt: nothing was checked
        return { kind: 'rate_limited', retryAfterSeconds: byNumber.retryAfterSeconds };
      }

      const row = store.findByNumber(number);
      // Always exactly one scrypt verification, whatever the number and the factor.
      const codeMatches = await verifyLookupCode(row?.lookup_code_hash ?? dummyHash, factor);
      const phone = normalizePhone(factor);
      const phoneMatches = sameSecret(phone ?? '', row?.phone ?? '\u0000');
      const emailMatches = sameSecret(factor.trim().toLowerCase(), row?.email?.trim().toLowerCase() || '\u0000');
      const ok = row !== undefined && (codeMatches || (phone !== undefined && phoneMatches) || emailMatches);
      if (!ok) return { kind: 'not_found' };
      byIp.succeeded();
      byNumber.succeeded();
      return { kind: 'found', row, view: view(row) };
    },
  };
}
