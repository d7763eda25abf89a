import { z } from 'zod/mini';
import { contract } from './contract.js';
import { isValidFullName, isValidInn, isValidSnils, normalizePhone } from './validators.js';

import { ANSWER_CHANNELS, REQUEST_TYPES, type AnswerChannel, type RequestType } from './request-types.js';

export { ANSWER_CHANNELS, REQUEST_TYPES, type AnswerChannel, type RequestType };

export const DESCRIPTION_MIN = 20;
export const MAX_LINKS = 10;

export interface RequestRules {
  /** Types offered (from config). */
  types: readonly RequestType[];
  descriptionMax: number;
  maxAttachments: number;
  /** "Now" for the incident date (no incident in the future). */
  now: () => number;
}

const optionalText = z.optional(z.string());
const filled = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** Moscow calendar date of `instant` as YYYY-MM-DD. */
function moscowDate(instant: number): string {
  return new Date(instant + 3 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * The request form's one set of rules, for the widget and the server alike. Every refusal
 * carries a FieldErrorKey as its message and lands on the field it is about.
 */
export function requestSchema(rules: RequestRules) {
  return z
    .object({
      type: z.enum(rules.types as [RequestType, ...RequestType[]]),
      fullName: z.string().check(
        z.trim(),
        z.minLength(1, 'required'),
        z.maxLength(150, 'too_long'),
        z.refine((v) => v === '' || isValidFullName(v), 'full_name'),
      ),
      phone: z.string().check(z.trim(), z.minLength(1, 'required'), z.refine((v) => v === '' || normalizePhone(v) !== undefined, 'phone')),
      email: optionalText,
      answerChannel: z.enum(ANSWER_CHANNELS),
      snils: optionalText,
      inn: optionalText,
      serviceNumber: optionalText,
      description: z.string().check(
        z.trim(),
        z.minLength(1, 'required'),
        z.minLength(DESCRIPTION_MIN, 'too_short'),
        z.maxLength(rules.descriptionMax, 'too_long'),
      ),
      incidentDate: optionalText,
      incidentTime: optionalText,
      links: z.optional(z.array(z.string())),
      consent: z.boolean(),
      attachments: z._default(z.array(z.string().check(z.minLength(1), z.maxLength(64))).check(z.maxLength(rules.maxAttachments, 'too_many_files')), []),
    })
    .check(
      z.superRefine((r, ctx) => {
        if (!r || typeof r !== 'object') return;
        const fail = (path: string | (string | number)[], message: string) =>
          ctx.issues.push({ code: 'custom', message, path: Array.isArray(path) ? path : [path], input: r });
        if (filled(r.email)) {
          // Length first: the pattern is slow on very long crafted input.
          if (r.email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(r.email.trim())) fail('email', 'email');
        } else if (r.answerChannel === 'email') fail('email', 'email_required');
        if (filled(r.snils) && !isValidSnils(r.snils)) fail('snils', 'snils');
        if (filled(r.inn) && !isValidInn(r.inn)) fail('inn', 'inn');
        if (filled(r.serviceNumber) && !/^[\p{L}\p{N}][\p{L}\p{N}\s/\-–.№#]{0,39}$/u.test(r.serviceNumber.trim())) fail('serviceNumber', 'service_number');
        if (r.type === 'fraud') {
          if (!filled(r.incidentDate)) fail('incidentDate', 'required');
          else if (!/^\d{4}-\d{2}-\d{2}$/.test(r.incidentDate) || Number.isNaN(Date.parse(r.incidentDate))) fail('incidentDate', 'date');
          else if (r.incidentDate > moscowDate(rules.now())) fail('incidentDate', 'date_future');
          if (filled(r.incidentTime) && !/^(?:[01]\d|2[0-3]):[0-5]\d$/.test(r.incidentTime)) fail('incidentTime', 'time');
          const links = Array.isArray(r.links) ? r.links.filter((l) => typeof l === 'string') : [];
          if (links.length > MAX_LINKS) fail('links', 'too_many_links');
          links.forEach((link, i) => {
            if (!/^https?:\/\/[^\s]+$/i.test(link.trim()) || link.length > 2000) fail(['links', i], 'link');
          });
        }
        if (r.consent !== true && typeof r.consent === 'boolean') fail('consent', 'consent');
      }, {
        // Cross-field rules run even when a field already failed, so that every problem is
        // reported at once (the error summary lists them all).
        when: () => true,
      }),
    );
}

export type RequestBody = z.input<ReturnType<typeof requestSchema>>;

/** The citizen's own copy of what was registered. */
export const RequestCreated = z.object({
  /** Unique request number, e.g. 2026-000123. */
  number: z.string(),
  /** Second factor for status lookup, shown once on the confirmation. */
  lookupCode: z.string(),
  status: z.string(),
  createdAt: z.string(),
  /** When the answer is due (ISO), by the service's promise for this type of request. */
  answerDueAt: z.string(),
});
export type RequestCreated = z.infer<typeof RequestCreated>;

/** Header carrying the idempotency key of a create call (a UUID the widget makes per submit). */
export const IDEMPOTENCY_HEADER = 'idempotency-key';

export const requestEndpoints = {
  /** With the IDEMPOTENCY_HEADER. */
  createRequest: contract<RequestBody>()({ method: 'POST', path: '/requests', response: RequestCreated }),
};
