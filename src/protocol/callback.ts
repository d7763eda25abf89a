import { z } from 'zod/mini';
import { contract } from './contract.js';
import { REQUEST_TYPES, type RequestType } from './request.js';
import { normalizePhone } from './validators.js';

/**
 * Callback requests: the citizen leaves a phone number and support calls back, as soon as
 * possible (while the line is open and its queue has room) or in a time slot of the backend.
 */

/** Where a callback stands. `no_answer`: support called, nobody answered; it will try again. */
export const CALLBACK_STATUSES = ['scheduled', 'no_answer', 'called', 'cancelled'] as const;
export type CallbackStatus = (typeof CALLBACK_STATUSES)[number];

/**
 * The codes of callbacks in the status vocabulary (`statuses` of the widget configuration):
 * `callback_scheduled`, `callback_no_answer`, `callback_called`, `callback_cancelled`. The status
 * lookup shows a callback with them; requests never take them.
 */
export const CALLBACK_STATUS_PREFIX = 'callback_';
export const isCallbackStatusCode = (code: string) => code.startsWith(CALLBACK_STATUS_PREFIX);

/**
 * Callback numbers: `CB-2026-000045` (the Moscow year and a per-year sequence). The status
 * lookup tells them from request numbers by the prefix.
 */
export const CALLBACK_NUMBER = /^CB-\d{4}-\d{4,9}$/i;

/** A request number as citizens copy it (the same letters the form accepts as a service number). */
const REQUEST_NUMBER = /^[\p{L}\p{N}][\p{L}\p{N}\-/]{0,39}$/u;

/** A chat conversation's reference, when the offer came from the chat. */
const CONVERSATION_REF = /^[A-Za-z0-9_-]{1,64}$/;

/** Letters (Cyrillic or Latin), spaces, hyphens, apostrophes and dots: «Анна», «Иванов Иван». */
const PERSON_NAME = /^[A-Za-zА-Яа-яЁё][A-Za-zА-Яа-яЁё'’.\- ]*$/;

/** An instant as the backend writes it: `2026-03-16T07:00:00.000Z`. */
const instant = z.string().check(z.refine((v) => !Number.isNaN(Date.parse(v)), 'date'));

/** One bookable interval of the callback line. */
export const CallbackSlot = z.object({
  /** Start and end (ISO instants); shown in the line's time zone and the citizen's own. */
  start: z.string(),
  end: z.string(),
  /** Places left in the interval (> 0: full intervals are not listed). */
  free: z.number(),
});
export type CallbackSlot = z.infer<typeof CallbackSlot>;

/** Why «как можно скорее» is not offered right now. */
export const ASAP_REFUSALS = ['closed', 'holiday', 'busy'] as const;
export type AsapRefusal = (typeof ASAP_REFUSALS)[number];

/** `GET /callbacks/slots?from=YYYY-MM-DD&days=N` (days 1–14, default 7, from today). */
export const CallbackSlotsQuery = z.object({
  from: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'date'))),
  days: z.optional(z.string().check(z.regex(/^(?:[1-9]|1[0-4])$/, 'invalid'))),
});
export type CallbackSlotsQuery = z.infer<typeof CallbackSlotsQuery>;

export const CallbackSlots = z.object({
  /** The line's time zone (wall-clock time of its hours and slots). */
  timeZone: z.string(),
  /** Minutes per slot. */
  intervalMinutes: z.number(),
  asap: z.object({
    available: z.boolean(),
    /** Present when not available. */
    reason: z.optional(z.enum(ASAP_REFUSALS)),
    /** «Оператор перезвонит в течение N минут». */
    promiseMinutes: z.number(),
    /** Citizens waiting for an ASAP call now. */
    queue: z.number(),
  }),
  /** The line is open now. */
  open: z.boolean(),
  /** When it opens next (ISO), when closed now. */
  opensAt: z.optional(z.string()),
  /** Free slots in the asked range, earliest first. */
  slots: z.array(CallbackSlot),
  /** The earliest free slot at or after `from`, even beyond the asked range (absent: none within the booking horizon). */
  nextFree: z.optional(CallbackSlot),
});
export type CallbackSlots = z.infer<typeof CallbackSlots>;

export interface CallbackRules {
  /** Topics offered (the request form's types, from config). */
  types: readonly RequestType[];
}

const optionalText = z.optional(z.string());
const filled = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

export const CALLBACK_COMMENT_MAX = 1000;

/**
 * The callback form's rules, for the widget and the server alike; messages are FieldErrorKeys.
 * Whether a slot is still free is the server's to say (409 with the next free slot).
 */
export function callbackSchema(rules: CallbackRules) {
  return z
    .object({
      phone: z.string().check(z.trim(), z.minLength(1, 'required'), z.refine((v) => v === '' || normalizePhone(v) !== undefined, 'phone')),
      name: z.string().check(
        z.trim(),
        z.minLength(1, 'required'),
        z.maxLength(100, 'too_long'),
        z.refine((v) => v === '' || PERSON_NAME.test(v), 'name'),
      ),
      topic: z.enum(rules.types as [RequestType, ...RequestType[]]),
      requestNumber: optionalText,
      /** Call as soon as possible; otherwise `slotStart` says when. */
      asap: z.boolean(),
      slotStart: optionalText,
      comment: z.optional(z.string().check(z.maxLength(CALLBACK_COMMENT_MAX, 'too_long'))),
      consent: z.boolean(),
      conversationRef: optionalText,
    })
    .check(
      z.superRefine((r, ctx) => {
        if (!r || typeof r !== 'object') return;
        const fail = (path: string, message: string) => ctx.issues.push({ code: 'custom', message, path: [path], input: r });
        if (filled(r.requestNumber) && !REQUEST_NUMBER.test(r.requestNumber.trim())) fail('requestNumber', 'request_number');
        if (r.asap === false) {
          if (!filled(r.slotStart)) fail('slotStart', 'slot_required');
          else if (Number.isNaN(Date.parse(r.slotStart))) fail('slotStart', 'invalid');
        }
        if (filled(r.conversationRef) && !CONVERSATION_REF.test(r.conversationRef)) fail('conversationRef', 'invalid');
        if (r.consent !== true && typeof r.consent === 'boolean') fail('consent', 'consent');
      }, { when: () => true }),
    );
}

export type CallbackBody = z.input<ReturnType<typeof callbackSchema>>;

/** What the citizen may see of a callback (also the answer of create, cancel and reschedule). */
export const CallbackView = z.object({
  number: z.string(),
  status: z.enum(CALLBACK_STATUSES),
  asap: z.boolean(),
  /** The promised window: ASAP → from creation to creation + promiseMinutes; a slot → its start and end. */
  windowStart: instant,
  windowEnd: instant,
  topic: z.string(),
  requestNumber: z.optional(z.string()),
  /** The phone, masked: +7 (912) ***-**-89. */
  phoneMasked: z.string(),
  createdAt: z.string(),
  /** Unanswered attempts so far. */
  attempts: z.number(),
  /**
   * Once called: the citizen's survey of it. SurveyLink of quality.ts, spelled out so that this
   * channel's file shares no chunk with the others for it.
   */
  survey: z.optional(z.object({ token: z.string(), answered: z.boolean() })),
});
export type CallbackView = z.infer<typeof CallbackView>;

/** Cancel, reschedule and lookup need the callback number (path) and the phone it was made for. */
export const CallbackOwnerBody = z.strictObject({
  phone: z.string().check(z.trim(), z.minLength(1, 'required'), z.refine((v) => v === '' || normalizePhone(v) !== undefined, 'phone')),
});
export type CallbackOwnerBody = z.infer<typeof CallbackOwnerBody>;

/** `POST /callbacks/:number/reschedule`. */
export const CallbackRescheduleBody = z
  .extend(CallbackOwnerBody, { asap: z.boolean(), slotStart: optionalText })
  .check(
    z.superRefine((r, ctx) => {
      if (r && r.asap === false && !filled(r.slotStart)) ctx.issues.push({ code: 'custom', message: 'slot_required', path: ['slotStart'], input: r });
    }),
  );
export type CallbackRescheduleBody = z.infer<typeof CallbackRescheduleBody>;

/** The request form's topics, for documentation. */
export const documentedCallbackBody = callbackSchema({ types: REQUEST_TYPES });

export const callbackEndpoints = {
  callbackSlots: contract<undefined, CallbackSlotsQuery>()({ method: 'GET', path: '/callbacks/slots', response: CallbackSlots }),
  /** With the IDEMPOTENCY_HEADER; a slot or queue filled meanwhile: 409 with `nextSlot`. */
  createCallback: contract<CallbackBody>()({ method: 'POST', path: '/callbacks', response: CallbackView }),
  lookupCallback: contract<CallbackOwnerBody>()({ method: 'POST', path: '/callbacks/:number/lookup', response: CallbackView }),
  cancelCallback: contract<CallbackOwnerBody>()({ method: 'POST', path: '/callbacks/:number/cancel', response: CallbackView }),
  rescheduleCallback: contract<CallbackRescheduleBody>()({ method: 'POST', path: '/callbacks/:number/reschedule', response: CallbackView }),
};

// ── Operator side ─────────────────────────────────────────────────────────────

/** `GET /operator/api/callbacks?date=YYYY-MM-DD&status=` (date in the line's zone; default today). */
export const OperatorCallbackQuery = z.object({
  date: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))),
  status: z.optional(z.enum(CALLBACK_STATUSES)),
});

export const OperatorCallback = z.extend(CallbackView, {
  /** The full phone (+7XXXXXXXXXX): the operator calls it. */
  phone: z.string(),
  name: z.string(),
  comment: z.optional(z.string()),
  conversationRef: z.optional(z.string()),
  /** After «нет ответа»: not before this time. */
  retryAt: z.optional(z.string()),
  history: z.array(z.object({ status: z.string(), at: z.string(), operator: z.optional(z.string()), note: z.optional(z.string()) })),
});
export type OperatorCallback = z.infer<typeof OperatorCallback>;

/** The queue, ordered by when the call is due (an ASAP request by its creation). */
export const OperatorCallbackList = z.object({ date: z.string(), timeZone: z.string(), items: z.array(OperatorCallback) });

export const CALLBACK_OUTCOMES = ['called', 'no_answer', 'cancelled'] as const;

/** `POST /operator/api/callbacks/:number/outcome`. */
export const CallbackOutcomeBody = z.strictObject({
  outcome: z.enum(CALLBACK_OUTCOMES),
  note: z.optional(z.string().check(z.trim(), z.maxLength(2000))),
});
