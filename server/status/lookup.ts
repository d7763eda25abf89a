import { randomBytes } from 'node:crypto';
import type { RequestStatusView } from '#protocol/status.js';
import { normalizePhone } from '#protocol/validators.js';
import { hashLookupCode, verifyLookupCode } from '../requests/index.js';
import { beginLookup, type LookupFailures } from '../http/owner-check.js';
import { sameSecret } from '../http/same-secret.js';
import type { SurveyRecorder } from '../surveys/index.js';
import { citizenView, type RequestRow, type StatusStore, type StatusVocabulary } from './store.js';

/**
 * The one answer for an unknown number and for a wrong second factor: the same status, the same
 * bytes, so that nobody can tell which numbers exist.
 */
export const LOOKUP_NOT_FOUND_MESSAGE =
  'Обращение с таким номером и кодом не найдено. Проверьте номер обращения и код (или телефон, e-mail, указанные в обращении).';
export { LOOKUP_RATE_LIMITED_MESSAGE } from '../http/owner-check.js';

export type LookupResult =
  | { kind: 'found'; row: Pick<RequestRow, 'number'>; view: RequestStatusView }
  | { kind: 'not_found' }
  | { kind: 'rate_limited'; retryAfterSeconds: number };

export interface StatusLookup {
  /**
   * Checks the number and the second factor (lookup code, the request's phone, or its e-mail;
   * for a number of another source, such as a callback, the phone it was made for).
   */
  lookup(number: string, factor: string, ip: string): Promise<LookupResult>;
  /** The citizen's view of a request as it is now. */
  view(row: RequestRow): Promise<RequestStatusView>;
  /** The current view of a request or of another source's item by its exact number (live updates). */
  current(number: string): Promise<RequestStatusView | undefined>;
}

/**
 * Other things with a number that the status lookup answers for (callbacks: `CB-2026-000045`),
 * told apart by the number's pattern and checked by the phone they were made for.
 */
export interface LookupSource {
  /** Numbers of this source (request numbers never match it). */
  readonly pattern: RegExp;
  /** The number as stored (e.g. upper-case), for the rate limits and the watch token. */
  canonical(number: string): string;
  /** The item of a canonical number: its normalized phone and its view now (either may be read from a store). */
  find(number: string): LookupItem | undefined | Promise<LookupItem | undefined>;
}

/** An item of a LookupSource. */
export interface LookupItem {
  number: string;
  phone: string;
  view(): RequestStatusView | Promise<RequestStatusView>;
}

/** One per process: a hash of a random code nobody knows, with the same scrypt parameters. */
let dummyHashOnce: Promise<string> | undefined;

export async function createStatusLookup(options: {
  store: StatusStore;
  vocabulary: StatusVocabulary;
  limiters: LookupFailures;
  now: () => number;
  /** Callbacks and the like: looked up by their number and phone, under the same limits. */
  sources?: readonly LookupSource[];
  /** A request in a final status carries its survey (`survey`: token, answered). */
  surveys?: SurveyRecorder;
}): Promise<StatusLookup> {
  const { store, vocabulary, limiters, now } = options;
  const sources = options.sources ?? [];
  const sourceOf = (number: string) => sources.find((source) => source.pattern.test(number.trim()));
  // An unknown number is checked against this hash, so it takes as long as a known one.
  const dummyHash = await (dummyHashOnce ??= hashLookupCode(randomBytes(12).toString('base64url')));

  const view = async (row: RequestRow): Promise<RequestStatusView> => {
    const shown = await citizenView(store, row, vocabulary, now());
    if (!options.surveys || !vocabulary.isFinal(row.status)) return shown;
    return { ...shown, survey: await options.surveys.link('request', row.number) };
  };

  return {
    view,
    async current(number) {
      const source = sourceOf(number);
      if (source) return (await source.find(source.canonical(number)))?.view();
      const row = await store.findByNumber(number);
      return row && view(row);
    },
    async lookup(number, factor, ip) {
      const source = sourceOf(number);
      const key = source ? source.canonical(number) : number;
      const attempt = await beginLookup(limiters, ip, key);
      if (!attempt.allowed) return { kind: 'rate_limited', retryAfterSeconds: attempt.retryAfterSeconds };

      if (source) {
        // The phone the item was made for is its only factor, compared in constant time.
        const item = await source.find(key);
        const phone = normalizePhone(factor);
        const matches = sameSecret(phone ?? '', item?.phone ?? '\u0000');
        if (!item || phone === undefined || !matches) return { kind: 'not_found' };
        await attempt.succeeded();
        return { kind: 'found', row: { number: item.number }, view: await item.view() };
      }

      const row = await store.findByNumber(number);
      // Always exactly one scrypt verification, whatever the number and the factor.
      const codeMatches = await verifyLookupCode(row?.lookup_code_hash ?? dummyHash, factor);
      const phone = normalizePhone(factor);
      const phoneMatches = sameSecret(phone ?? '', row?.phone ?? '\u0000');
      const emailMatches = sameSecret(factor.trim().toLowerCase(), row?.email?.trim().toLowerCase() || '\u0000');
      const ok = row !== undefined && (codeMatches || (phone !== undefined && phoneMatches) || emailMatches);
      if (!ok) return { kind: 'not_found' };
      await attempt.succeeded();
      return { kind: 'found', row, view: await view(row) };
    },
  };
}
