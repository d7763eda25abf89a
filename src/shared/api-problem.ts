import { ApiRequestError } from '../api/client.js';
import type { ApiError, FieldIssue } from '../protocol/error.js';

/** What went wrong with a call, as a form tells the citizen (what was typed always stays). */
export type ApiProblem =
  | { kind: 'validation'; issues: readonly FieldIssue[] }
  /** A time that is no longer free; `next` is the server's offer. */
  | { kind: 'conflict'; next?: ApiError['error']['nextSlot'] }
  | { kind: 'not-found' | 'offline' | 'failed' }
  | { kind: 'rate-limited'; seconds: number };

/** Sorts a failed call (ApiRequestError, or anything else thrown) into what the citizen is told. */
export function apiProblem(error: unknown): ApiProblem {
  if (!(error instanceof ApiRequestError)) return { kind: navigator.onLine ? 'failed' : 'offline' };
  switch (error.code) {
    case 'validation_failed':
      return error.issues.length ? { kind: 'validation', issues: error.issues } : { kind: 'failed' };
    case 'conflict':
      return { kind: 'conflict', next: error.nextSlot };
    case 'not_found':
      return { kind: 'not-found' };
    case 'rate_limited':
      return { kind: 'rate-limited', seconds: error.retryAfterSeconds ?? 60 };
    case 'network':
      return { kind: 'offline' };
    case 'unavailable':
      // The server answered (busy for now): the form's «could not take it, try again» text.
      return { kind: 'failed' };
    default:
      return { kind: navigator.onLine ? 'failed' : 'offline' };
  }
}
