import { z } from 'zod/mini';

/** Machine-readable error codes every endpoint may answer with. */
export const ERROR_CODES = [
  'validation_failed',
  'not_found',
  'unauthorized',
  'forbidden',
  'rate_limited',
  'payload_too_large',
  'unsupported_media_type',
  'conflict',
  'request_timeout',
  'headers_too_large',
  'internal',
  /** 503: the server cannot take it now (a busy database); try again after `retryAfterSeconds`. */
  'unavailable',
] as const;

/** One problem with one field of a request body: where (path), what (code), and a human text. */
export const FieldIssue = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  code: z.string(),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof FieldIssue>;

/**
 * The one error shape of the backend contract. Every non-2xx answer has this body.
 * `issues` is present for `validation_failed` (HTTP 400) and lists each field problem.
 */
export const ApiError = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    issues: z.optional(z.array(FieldIssue)),
    retryAfterSeconds: z.optional(z.number()),
    /** A 409 about a callback time that is no longer free: the next free one, to offer instead. */
    nextSlot: z.optional(z.object({ start: z.string(), end: z.string(), free: z.number() })),
  }),
});
export type ApiError = z.infer<typeof ApiError>;
