import { z } from 'zod/mini';
import { RequestStages } from './review.js';
import { StatusEvent } from './status.js';
import { withoutHiddenControls } from './text.js';

/** `POST /operator/api/session`: exchange the operator token for a session (cookie, expires). */
export const OperatorLoginBody = z.strictObject({
  token: z.string().check(z.minLength(1), z.maxLength(200)),
  /** Shown in the history as who changed a status (without hidden controls: no reversed text). */
  operatorName: z.string().check(z.overwrite(withoutHiddenControls), z.trim(), z.minLength(2), z.maxLength(80)),
});
/** Who an operator is: an `operator`, or a `supervisor` (logged in with SUPERVISOR_TOKEN: sees everyone's figures). */
export const OPERATOR_ROLES = ['operator', 'supervisor'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

/** The session; `role` only for a supervisor (an operator's session has none). */
export const OperatorSession = z.object({ operatorName: z.string(), expiresAt: z.string(), role: z.optional(z.enum(OPERATOR_ROLES)) });

/**
 * The request list's orders: `created` (the default, newest first) or `due` (open requests by
 * answer due date, soonest first; closed ones — final statuses — after them the same way).
 */
export const OPERATOR_LIST_SORTS = ['created', 'due'] as const;
export type OperatorListSort = (typeof OPERATOR_LIST_SORTS)[number];

/** `GET /operator/api/requests?q=&status=&page=&sort=`. */
export const OperatorRequestQuery = z.object({
  q: z.optional(z.string().check(z.maxLength(120))),
  status: z.optional(z.string().check(z.maxLength(40))),
  page: z.optional(z.string().check(z.regex(/^\d{1,4}$/))),
  sort: z.optional(z.enum(OPERATOR_LIST_SORTS)),
});

/** Longest `descriptionPreview` of a list item, in characters (the ellipsis included). */
export const DESCRIPTION_PREVIEW_LENGTH = 140;

export const OperatorRequestSummary = z.object({
  number: z.string(),
  type: z.string(),
  fullName: z.string(),
  status: z.string(),
  createdAt: z.string(),
  statusChangedAt: z.string(),
  answerDueAt: z.string(),
  overdue: z.boolean(),
  /** The description's start: one line of plain text (whitespace collapsed), cut at a word with «…». */
  descriptionPreview: z.string().check(z.maxLength(DESCRIPTION_PREVIEW_LENGTH)),
});
export const OperatorRequestList = z.object({ total: z.number(), page: z.number(), pageSize: z.number(), items: z.array(OperatorRequestSummary) });

export const OperatorHistoryEntry = z.extend(StatusEvent, {
  operator: z.optional(z.string()),
  /** Internal note: never shown to the citizen. */
  internal: z.boolean(),
});

export const OperatorRequestDetail = z.object({
  number: z.string(),
  type: z.string(),
  fullName: z.string(),
  phone: z.string(),
  email: z.optional(z.string()),
  answerChannel: z.string(),
  serviceNumber: z.optional(z.string()),
  description: z.string(),
  incidentDate: z.optional(z.string()),
  incidentTime: z.optional(z.string()),
  links: z.array(z.string()),
  status: z.string(),
  createdAt: z.string(),
  answerDueAt: z.string(),
  overdue: z.boolean(),
  attachments: z.array(z.object({ id: z.string(), name: z.string(), size: z.number(), type: z.string() })),
  history: z.array(OperatorHistoryEntry),
  /** Quality control: registered → expert review → analysis, and the reopenings (src/protocol/review.ts). */
  stages: RequestStages,
});

/** `POST /operator/api/requests/:number/status`. */
export const StatusChangeBody = z.strictObject({
  status: z.string().check(z.minLength(1), z.maxLength(40)),
  /** Visible to the citizen. */
  comment: z.optional(z.string().check(z.maxLength(2000))),
});

/** `POST /operator/api/requests/:number/notes`: an internal note, never shown to the citizen. */
export const InternalNoteBody = z.strictObject({ note: z.string().check(z.trim(), z.minLength(1), z.maxLength(4000)) });

/** Socket.IO: the citizen's view subscribes to a request it has looked up. */
export const STATUS_ROOM_EVENT = 'status:watch';
/** Socket.IO: the server pushes a changed status to the watchers of a request. */
export const STATUS_CHANGED_EVENT = 'status:changed';
