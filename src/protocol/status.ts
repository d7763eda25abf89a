import { z } from 'zod/mini';
import { contract } from './contract.js';

import { DEFAULT_STATUSES, StatusDefinition } from './status-vocabulary.js';

export { DEFAULT_STATUSES, StatusDefinition };

/** `POST /requests/lookup`: the number and a second factor (lookup code, or the request's phone or e-mail). */
export const StatusLookupBody = z.strictObject({
  number: z.string().check(z.trim(), z.minLength(1, 'required'), z.maxLength(40, 'too_long')),
  factor: z.string().check(z.trim(), z.minLength(1, 'required'), z.maxLength(254, 'too_long')),
});
export type StatusLookupBody = z.infer<typeof StatusLookupBody>;

/** One step of a request's history as the citizen sees it (internal notes never appear). */
export const StatusEvent = z.object({
  status: z.string(),
  at: z.string(),
  /** The specialist's comment meant for the citizen. */
  comment: z.optional(z.string()),
});

/** What a citizen may know of their request. */
export const RequestStatusView = z.object({
  number: z.string(),
  status: z.string(),
  statusChangedAt: z.string(),
  createdAt: z.string(),
  answerDueAt: z.string(),
  /** Not final and past answerDueAt. */
  overdue: z.boolean(),
  history: z.array(StatusEvent),
  /**
   * Once finished (a final status): the citizen's survey of it. SurveyLink of quality.ts, spelled
   * out so that this channel's file shares no chunk with the others for it.
   */
  survey: z.optional(z.object({ token: z.string(), answered: z.boolean() })),
});
export type RequestStatusView = z.infer<typeof RequestStatusView>;

/**
 * The answer of `POST /requests/lookup`: the view plus a token for live updates. The token lets
 * `GET /requests/watch?token=…` (Server-Sent Events) stream this request's status; it names the
 * request, expires, and carries no second factor.
 */
export const StatusLookupResult = z.extend(RequestStatusView, { watchToken: z.string() });
export type StatusLookupResult = z.infer<typeof StatusLookupResult>;

/** `GET /requests/watch?token=…`: the `watchToken` of a lookup answer. */
export const StatusWatchQuery = z.object({
  token: z.string().check(z.minLength(1, 'required'), z.maxLength(512, 'too_long')),
});
export type StatusWatchQuery = z.infer<typeof StatusWatchQuery>;

/** The SSE event name of `GET /requests/watch`: data is a RequestStatusView (JSON). */
export const STATUS_STREAM_EVENT = 'status';

export const statusEndpoints = {
  lookupStatus: contract<StatusLookupBody>()({ method: 'POST', path: '/requests/lookup', response: StatusLookupResult }),
  /** Server-Sent Events (EventSource): each `status` event's data is a RequestStatusView. */
  watchStatus: contract<undefined, StatusWatchQuery>()({ method: 'GET', path: '/requests/watch', response: RequestStatusView }),
};
