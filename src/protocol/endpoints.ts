import { z } from 'zod/mini';
import { ConfigResponse, configEndpoints } from './config.js';
import type { Contract } from './contract.js';
import { HealthResponse, ReadyResponse } from './health.js';
import { attachmentEndpoints } from './attachments.js';
import { REQUEST_TYPES, requestEndpoints, requestSchema } from './request.js';
import { StatusDefinition, StatusLookupBody, StatusWatchQuery, statusEndpoints } from './status.js';
import {
  InternalNoteBody,
  OperatorLoginBody,
  OperatorRequestDetail,
  OperatorRequestList,
  OperatorRequestQuery,
  OperatorSession,
  StatusChangeBody,
} from './operator.js';
import {
  CallbackOutcomeBody,
  CallbackOwnerBody,
  CallbackRescheduleBody,
  CallbackSlotsQuery,
  OperatorCallback,
  OperatorCallbackList,
  OperatorCallbackQuery,
  callbackEndpoints,
  documentedCallbackBody,
} from './callback.js';
import {
  BookingBody,
  BookingCancelBody,
  OfficeQuery,
  OfficeSlotsQuery,
  OperatorBookingList,
  OperatorBookingQuery,
  officeEndpoints,
} from './offices.js';
import { FaqQuery, faqEndpoints } from './faq.js';
import { FiguresQuery, FiguresResponse } from './figures.js';
import { OperatorChatTicket } from './chat.js';
import { ReportMonth, ReportMonths, reportEndpoints } from './report.js';
import { OperatorSurveyList, OperatorSurveyQuery, SurveyAnswerBody, surveyEndpoints } from './quality.js';
import { AnalysisBody, ReopenBody, ReviewBody } from './review.js';
import { Alert, AlertList, AlertRules, AlertRulesView } from './alerts.js';

/**
 * The request body as documented (the server validates with the same rules, built from its
 * own config and clock).
 */
/** Operator endpoints that change something, when called with the session cookie. */
const CSRF_HEADER = {
  name: 'X-Requested-With',
  required: false,
  description: 'Must be `gs-operator` on state-changing calls made with the session cookie (CSRF guard); not needed with a Bearer token.',
} as const;
const OPERATOR_NAME_HEADER = {
  name: 'X-Operator-Name',
  required: false,
  description: 'With a Bearer token: the name recorded in the history (default `api`).',
} as const;

const documentedRequestBody = requestSchema({ types: REQUEST_TYPES, descriptionMax: 20_000, maxAttachments: 20, now: () => Date.now() });

/**
 * One HTTP endpoint of the backend contract: the server registers it, openapi.json documents it.
 * The widget's endpoints start from the lean entries of their resource (method, path, response:
 * `callbackEndpoints` in callback.ts), the entries the widget's typed client calls.
 */
export interface Endpoint extends Contract {
  summary: string;
  tag: string;
  /** Request body schema (JSON), validated by the server. */
  body?: z.ZodMiniType;
  /** Query-string schema, validated by the server. */
  query?: z.ZodMiniType;
  /** Status code of the success answer. */
  status?: number;
  /** Error statuses this endpoint may answer with (body: ApiError). */
  errors?: readonly number[];
  /** Requires the operator token (`Authorization: Bearer …`). */
  operator?: boolean;
  /** Request headers the endpoint reads. */
  headers?: readonly { name: string; required: boolean; description: string }[];
  /** The body is raw bytes of this content type instead of JSON. */
  rawBody?: string;
  /** The success answer is a stream of this type (Server-Sent Events) instead of one JSON body. */
  stream?: 'text/event-stream';
}

/** Every endpoint of the widget ↔ backend contract. Feature modules add theirs here. */
export const endpoints = {
  getConfig: {
    ...configEndpoints.getConfig,
    tag: 'widget',
    summary: 'Widget configuration: channels, contacts, hours, attachment rules, texts.',
    response: ConfigResponse,
  },
  health: {
    method: 'GET',
    path: '/health',
    tag: 'ops',
    summary: 'Liveness and database reachability.',
    response: HealthResponse,
    errors: [503],
  },
  ready: {
    method: 'GET',
    path: '/ready',
    tag: 'ops',
    summary: 'Readiness for traffic: the database answers, every migration is applied, the process is not shutting down. 503 (a ReadyResponse and an ApiError at once) otherwise.',
    response: ReadyResponse,
    errors: [503],
  },
  upload: {
    ...attachmentEndpoints.upload,
    tag: 'requests',
    summary:
      'Uploads one attachment as the raw request body (Content-Type: application/octet-stream, file name URL-encoded in X-File-Name). The type is decided by the leading bytes; oversize bodies are refused with 413 while streaming.',
    status: 201,
    rawBody: 'application/octet-stream',
    headers: [{ name: 'X-File-Name', required: true, description: 'The original file name, URL-encoded.' }],
    errors: [400, 413, 415, 429],
  },
  createRequest: {
    ...requestEndpoints.createRequest,
    tag: 'requests',
    summary:
      'Registers a request «Написать в поддержку». Send an Idempotency-Key header: repeating a call with the same key answers the first request instead of creating another.',
    body: documentedRequestBody,
    headers: [
      {
        name: 'Idempotency-Key',
        required: true,
        description: 'A random key per submitted body (8–128 of A–Z a–z 0–9 _ -); a repeat with the same key answers the first request.',
      },
    ],
    status: 201,
    errors: [400, 409, 429],
  },
  lookupStatus: {
    ...statusEndpoints.lookupStatus,
    tag: 'requests',
    summary:
      'The status of a request: its number and a second factor (the lookup code, or the phone or e-mail given in the request). An unknown number and a wrong factor get the same 404. At most 5 failed lookups per minute per client and per number (429).',
    body: StatusLookupBody,
    errors: [400, 404, 429],
  },
  watchStatus: {
    ...statusEndpoints.watchStatus,
    tag: 'requests',
    summary:
      'Live status of one request as Server-Sent Events (for EventSource), with the `watchToken` of a lookup answer (valid 12 hours). The stream starts with `retry: 5000` and an `event: status` holding the current RequestStatusView as JSON `data`, then sends one on every status change, and a `: keep-alive` comment every 25 s. An invalid or expired token gets 404 (look the request up again for a new one); at most 20 open streams per client (429).',
    query: StatusWatchQuery,
    stream: 'text/event-stream',
    errors: [400, 404, 429],
  },
  callbackSlots: {
    ...callbackEndpoints.callbackSlots,
    tag: 'callbacks',
    summary:
      'Free callback slots of the line (wall-clock times of `timeZone`), from `from` (default today) for `days` days (1–14, default 7), whether «as soon as possible» is offered now (only while the line is open, not on a holiday, and its queue is below capacity), and the next free slot even beyond the range.',
    query: CallbackSlotsQuery,
    errors: [400],
  },
  createCallback: {
    ...callbackEndpoints.createCallback,
    tag: 'callbacks',
    summary:
      'Books a callback: as soon as possible, or in a slot (`slotStart` = a slot `start` from /callbacks/slots). Booking is atomic: when the slot (or the ASAP queue) has just filled up, the answer is 409 `conflict` with `nextSlot`, the next free slot to offer. Send an Idempotency-Key header: a repeat answers the first booking. Rate-limited per phone and per client.',
    body: documentedCallbackBody,
    headers: [
      {
        name: 'Idempotency-Key',
        required: true,
        description: 'A random key per submitted body (8–128 of A–Z a–z 0–9 _ -); a repeat with the same key answers the first booking.',
      },
    ],
    status: 201,
    errors: [400, 409, 429],
  },
  lookupCallback: {
    ...callbackEndpoints.lookupCallback,
    tag: 'callbacks',
    summary: 'A callback by its number and the phone it was booked for. An unknown number and a wrong phone get the same 404; failures are rate-limited like status lookups.',
    body: CallbackOwnerBody,
    errors: [400, 404, 429],
  },
  cancelCallback: {
    ...callbackEndpoints.cancelCallback,
    tag: 'callbacks',
    summary: 'Cancels a callback (number and its phone). Cancelling a cancelled one answers it unchanged; a completed call cannot be cancelled (409).',
    body: CallbackOwnerBody,
    errors: [400, 404, 409, 429],
  },
  rescheduleCallback: {
    ...callbackEndpoints.rescheduleCallback,
    tag: 'callbacks',
    summary:
      'Moves a callback (number and its phone) to another slot or to «as soon as possible», atomically: the old place is freed only when the new one is taken; a full slot gets 409 with `nextSlot`.',
    body: CallbackRescheduleBody,
    errors: [400, 404, 409, 429],
  },
  officeCatalogue: {
    ...officeEndpoints.officeCatalogue,
    tag: 'offices',
    summary: 'Regions with their cities, and the services offices offer with the documents to bring for each; `demo` says the data is the demo set.',
  },
  offices: {
    ...officeEndpoints.offices,
    tag: 'offices',
    summary:
      'Offices filtered by `region` (code), `city`, `service` (code) and `q` (words of the name or address), sorted by distance from `near` (`lat,lon`) when given, else by name. Each has today’s hours, open now / next change (in its own time zone), the current load and expected wait, and the distance.',
    query: OfficeQuery,
    errors: [400],
  },
  office: {
    ...officeEndpoints.office,
    tag: 'offices',
    summary: 'One office with its load by hour of today.',
    errors: [404],
  },
  officeSlots: {
    ...officeEndpoints.officeSlots,
    tag: 'offices',
    summary: 'Free visit slots of an office for a service on a day (the office’s wall-clock time), and which days have free slots.',
    query: OfficeSlotsQuery,
    errors: [400, 404],
  },
  createBooking: {
    ...officeEndpoints.createBooking,
    tag: 'offices',
    summary:
      'Books a visit in a slot, atomically: when the slot has just filled up the answer is 409 `conflict` with `nextSlot`. Send an Idempotency-Key header. Rate-limited per phone and per client.',
    body: BookingBody,
    headers: [
      {
        name: 'Idempotency-Key',
        required: true,
        description: 'A random key per submitted body (8–128 of A–Z a–z 0–9 _ -); a repeat with the same key answers the first booking.',
      },
    ],
    status: 201,
    errors: [400, 404, 409, 429],
  },
  cancelBooking: {
    ...officeEndpoints.cancelBooking,
    tag: 'offices',
    summary: 'Cancels a booking (its number and phone). An unknown number and a wrong phone get the same 404; failures are rate-limited.',
    body: BookingCancelBody,
    errors: [400, 404, 409, 429],
  },
  faq: {
    ...faqEndpoints.faq,
    tag: 'faq',
    summary:
      'Searches the knowledge base (FAQ articles, plain text) in `lang` (`ru` default, or `en`): at most 5 articles, best first, each with its `score`; words are stemmed (Russian and English), and near misses and prefixes count for less. Without `q` (or with only spaces): the suggested articles, `suggested: true`. `q` has at most 200 characters.',
    query: FaqQuery,
    errors: [400],
  },
  survey: {
    ...surveyEndpoints.survey,
    tag: 'surveys',
    summary:
      'The survey of a finished contact (a request in a final status, a callback marked called, an office visit whose time has passed, a closed chat), by the token its citizen got (the status lookup\'s, callback lookup\'s or chat state\'s `survey.token`, or the `#gs-survey=` link of the e-mail or SMS, a fragment the widget reads): the channel, the number the citizen knows (`reference`; none for a chat), when the contact finished, and whether it was answered. A forged token and a contact not finished get the same 404. Rate-limited per client (429).',
    errors: [404, 429],
  },
  answerSurvey: {
    ...surveyEndpoints.answerSurvey,
    tag: 'surveys',
    summary:
      'Answers the survey once: «Решён ли ваш вопрос?» (`resolved`: yes, partly, no), a `rating` of 1–5, an optional `comment` (at most 1000 characters; passport-, СНИЛС- and ИНН-like numbers are replaced with «…»), and `shareWithOperator` (default false: the operator sees the answer, not whose it is). A second answer, also one sent at the same time, gets 409 `conflict`. Rate-limited per client (429).',
    body: SurveyAnswerBody,
    status: 201,
    errors: [400, 404, 409, 429],
  },
  chatAttachment: {
    method: 'GET',
    path: '/chat/conversations/:conversationId/attachments/:id',
    tag: 'chat',
    summary:
      "Downloads a file of a chat message (the operator's or the citizen's), for the citizen of that conversation: `Authorization: Bearer` with the conversation's token (from `chat:start`). The 200 answer is the file itself (not JSON), with the same headers as the operator's download. No or a wrong token, or a file of another conversation: 404.",
    response: z.object({}),
    headers: [{ name: 'Authorization', required: true, description: "`Bearer` and the conversation's token." }],
    errors: [404],
  },
  operatorChatTicket: {
    method: 'POST',
    path: '/operator/api/chat/ticket',
    tag: 'operator',
    summary:
      "A one-time ticket into the chat's operators' Socket.IO namespace (`/chat-operator`, `auth: { ticket }`), valid once for 60 s: the session cookie is Path=/operator and never reaches /socket.io. See docs/chat-protocol.md.",
    response: OperatorChatTicket,
    errors: [401, 403, 429],
    operator: true,
  },
  operatorLogin: {
    method: 'POST',
    path: '/operator/api/session',
    tag: 'operator',
    summary:
      'Exchanges the operator token for a session: sets the HttpOnly cookie `gs_operator_session` (SameSite=Strict, Path=/operator). Failed logins are rate-limited per client.',
    body: OperatorLoginBody,
    response: OperatorSession,
    errors: [400, 401, 429],
    operator: true,
  },
  operatorSession: {
    method: 'GET',
    path: '/operator/api/session',
    tag: 'operator',
    summary: 'The current operator session (401 when there is none or it has expired).',
    response: OperatorSession,
    operator: true,
  },
  operatorLogout: {
    method: 'DELETE',
    path: '/operator/api/session',
    tag: 'operator',
    summary: 'Ends the session and clears its cookie.',
    response: z.object({ ok: z.boolean() }),
    headers: [CSRF_HEADER],
    errors: [403],
    operator: true,
  },
  operatorStatuses: {
    method: 'GET',
    path: '/operator/api/statuses',
    tag: 'operator',
    summary: 'The status vocabulary (the `statuses` of the widget configuration).',
    response: z.object({ statuses: z.array(StatusDefinition) }),
    operator: true,
  },
  operatorRequests: {
    method: 'GET',
    path: '/operator/api/requests',
    tag: 'operator',
    summary:
      'Requests, 20 per page: newest first (`sort=created`, the default), or with `sort=due` open requests by answer due date, soonest first, then closed ones (final statuses) the same way. Each item has `descriptionPreview`, the start of the description as one line of plain text (at most 140 characters, cut at a word with «…»). `q` searches the number, full name, phone digits, e-mail and service number; `status` filters by a status code of the vocabulary.',
    query: OperatorRequestQuery,
    response: OperatorRequestList,
    operator: true,
  },
  operatorRequest: {
    method: 'GET',
    path: '/operator/api/requests/:number',
    tag: 'operator',
    summary: 'One request with its attachments and full history, internal notes included.',
    response: OperatorRequestDetail,
    errors: [404],
    operator: true,
  },
  operatorChangeStatus: {
    method: 'POST',
    path: '/operator/api/requests/:number/status',
    tag: 'operator',
    summary:
      'Sets the status (a code of the vocabulary) with an optional comment the citizen sees; recorded with the operator and time. Watchers of the request get `status:changed` (Socket.IO) and an `event: status` (GET /requests/watch). The status the request already has without a comment (empty or only spaces) is refused with 409 `conflict` and nothing is recorded; the same status with a comment is a message to the citizen.',
    body: StatusChangeBody,
    response: OperatorRequestDetail,
    headers: [CSRF_HEADER, OPERATOR_NAME_HEADER],
    errors: [403, 404, 409],
    operator: true,
  },
  operatorAddNote: {
    method: 'POST',
    path: '/operator/api/requests/:number/notes',
    tag: 'operator',
    summary: 'Adds an internal note to the history; never shown to the citizen.',
    body: InternalNoteBody,
    response: OperatorRequestDetail,
    headers: [CSRF_HEADER, OPERATOR_NAME_HEADER],
    errors: [403, 404],
    operator: true,
  },
  operatorReviewRequest: {
    method: 'POST',
    path: '/operator/api/requests/:number/review',
    tag: 'operator',
    summary:
      'Quality control, stage «Экспертиза»: any operator records the review of the answer — `outcome` (compliant «Ответ полный и по существу», needs_rework «Требует доработки», deadline_missed «Нарушен срок ответа», procedure_violated «Нарушен порядок рассмотрения») and an optional `note` (at most 1000 characters; operators only). Only when the request is in a final status; one review per resolution round (a reopening starts a new round): a second one, also one sent at the same time, gets 409 `conflict`, as does a request not final. Answers the updated detail (`stages`).',
    body: ReviewBody,
    response: OperatorRequestDetail,
    headers: [CSRF_HEADER, OPERATOR_NAME_HEADER],
    errors: [400, 403, 404, 409],
    operator: true,
  },
  operatorAnalyseRequest: {
    method: 'POST',
    path: '/operator/api/requests/:number/analysis',
    tag: 'operator',
    summary:
      'Quality control, stage «Обратная связь»: a supervisor (logged in with SUPERVISOR_TOKEN) writes the closing remark of the analysis (`remark`, 1–2000 characters) on the current round\'s review, once. An operator gets 403 `forbidden`; no review yet, or a remark already written: 409 `conflict`. Answers the updated detail (`stages`).',
    body: AnalysisBody,
    response: OperatorRequestDetail,
    headers: [CSRF_HEADER, OPERATOR_NAME_HEADER],
    errors: [400, 403, 404, 409],
    operator: true,
  },
  operatorReopenRequest: {
    method: 'POST',
    path: '/operator/api/requests/:number/reopen',
    tag: 'operator',
    summary:
      'Returns a request in a final status to work («В работе») with a required `reason` (1–1000 characters, operators only: the citizen sees the status change, not the reason). A new resolution round begins: the request counts as not resolved in the figures until it is final again. The survey stays as it is. A request not in a final status (also the second of two reopenings at once) gets 409 `conflict`. Watchers get the new status. Answers the updated detail.',
    body: ReopenBody,
    response: OperatorRequestDetail,
    headers: [CSRF_HEADER, OPERATOR_NAME_HEADER],
    errors: [400, 403, 404, 409],
    operator: true,
  },
  operatorAttachment: {
    method: 'GET',
    path: '/operator/api/attachments/:id',
    tag: 'operator',
    summary:
      'Downloads an attachment of a request or of a chat message. The 200 answer is the file itself (not JSON): its sniffed type, `Content-Disposition: attachment` with the name (RFC 5987 `filename*`), `Content-Security-Policy: sandbox`, `X-Content-Type-Options: nosniff`.',
    response: z.object({}),
    errors: [404],
    operator: true,
  },
  operatorCallbacks: {
    method: 'GET',
    path: '/operator/api/callbacks',
    tag: 'operator',
    summary:
      'The callback queue of one day (`date` in the line’s time zone, default today), ordered by when each call is due: an ASAP request by its creation, a booked one by its slot, a «no answer» one by its retry time. `status` filters.',
    query: OperatorCallbackQuery,
    response: OperatorCallbackList,
    operator: true,
  },
  operatorCallbackOutcome: {
    method: 'POST',
    path: '/operator/api/callbacks/:number/outcome',
    tag: 'operator',
    summary:
      'Records the outcome of a call: `called` (done), `no_answer` (try again later: stays in the queue with a retry time), `cancelled`. The citizen sees it in the callback and status lookups (and a live status stream).',
    body: CallbackOutcomeBody,
    response: OperatorCallback,
    headers: [CSRF_HEADER, OPERATOR_NAME_HEADER],
    errors: [403, 404, 409],
    operator: true,
  },
  operatorBookings: {
    method: 'GET',
    path: '/operator/api/bookings',
    tag: 'operator',
    summary: 'Visits booked at one office on one day (`date` in the office’s zone, default today), by time; with the list of offices to choose from.',
    query: OperatorBookingQuery,
    response: OperatorBookingList,
    errors: [404],
    operator: true,
  },
  operatorSurveys: {
    method: 'GET',
    path: '/operator/api/surveys',
    tag: 'operator',
    summary:
      'Survey answers, newest first, 20 per page: filtered by `channel`, answer date (`from`, `to`: YYYY-MM-DD in Moscow time, inclusive) and `operator` (who handled the contact). Each has the channel, topic, operator, answer and comment; the contact\'s `reference` only when the citizen agreed to share it.',
    query: OperatorSurveyQuery,
    response: OperatorSurveyList,
    errors: [400],
    operator: true,
  },
  operatorFigures: {
    method: 'GET',
    path: '/operator/api/figures',
    tag: 'operator',
    summary:
      'The supervisor’s figures of a period of Moscow days (`from`–`to` inclusive, at most 366 days), per channel, topic or operator: contacts handled, time to first reaction and to resolution in the line’s working hours (median and 90th percentile by nearest rank, minutes), share resolved at first contact, overdue share, survey answers; the queue’s wait by hour of the week. `format=csv`: the same rows as `text/csv` (UTF-8 with BOM, `;`). An operator who is not a supervisor sees only their own operator row unless `OPERATORS_SEE_ALL_FIGURES=1`.',
    query: FiguresQuery,
    response: FiguresResponse,
    errors: [400],
    operator: true,
  },
  reportMonths: {
    ...reportEndpoints.months,
    tag: 'report',
    summary:
      'The public report (`PUBLIC_REPORT=1`; otherwise 404): the published months, newest first. Only finished months of the Moscow calendar are published, never the current one.',
    response: ReportMonths,
    errors: [404],
  },
  reportMonth: {
    ...reportEndpoints.month,
    tag: 'report',
    summary:
      'The public report of one month (`YYYY-MM`, a published one; otherwise 404): per channel and in total, contacts handled, the median time to first reaction in the line’s working hours, the share resolved at first contact, and the survey (mean rating, «да» share, number of answers). No personal data, no operators. A figure of fewer contacts or answers than `PUBLIC_REPORT_MIN_GROUP` is `{ "suppressed": true }` («мало данных»). Frozen the first time it is computed after the month ended: the same month always gives the same figures.',
    response: ReportMonth,
    errors: [400, 404],
  },
  operatorAlerts: {
    method: 'GET',
    path: '/operator/api/alerts',
    tag: 'operator',
    summary:
      'The supervisor’s alerts (docs/backend.md «Alerts»): `open` — raised and not yet cleared, newest first (every operator sees them: the console’s banner); `recent` — cleared in the last 30 days, newest first, at most 50 (a supervisor only; empty for an operator). Each has its kind, the channel and topic of a low-ratings alert, when it was raised and cleared, the measured value with its threshold and sample, and who acknowledged it. Nothing about any citizen.',
    response: AlertList,
    operator: true,
  },
  operatorAlertRules: {
    method: 'GET',
    path: '/operator/api/alerts/rules',
    tag: 'operator',
    summary:
      'The three alert rules (a supervisor only; 403 for an operator): the chat wait over `thresholdMinutes` for `forMinutes` in a row; the overdue share of open requests and those finished in the last 7 days over `percent` (with at least `minRequests` of them); `count` answered surveys in a row of one channel and topic rated `maxRating` or lower. Each is `enabled` (off by default) with the e-mail `recipients` of its alerts.',
    response: AlertRulesView,
    errors: [403],
    operator: true,
  },
  operatorSaveAlertRules: {
    method: 'PUT',
    path: '/operator/api/alerts/rules',
    tag: 'operator',
    summary:
      'Replaces the three alert rules (a supervisor only; 403 for an operator, before the body is read). Every parameter within its bounds, at most 20 valid e-mail addresses per rule (repeats dropped); 400 `validation_failed` with a Russian message per field otherwise. The next minute’s sweep applies them: alerts of a rule turned off, or whose condition no longer holds, are cleared.',
    body: AlertRules,
    response: AlertRulesView,
    headers: [CSRF_HEADER, OPERATOR_NAME_HEADER],
    errors: [400, 403],
    operator: true,
  },
  operatorAcknowledgeAlert: {
    method: 'POST',
    path: '/operator/api/alerts/:id/acknowledge',
    tag: 'operator',
    summary:
      'A supervisor marks an alert as seen (recorded once, with the name and time; again: the same answer). It stays open until its condition stops holding; the console’s banner no longer counts it. 403 for an operator, 404 for an unknown id.',
    response: Alert,
    headers: [CSRF_HEADER, OPERATOR_NAME_HEADER],
    errors: [403, 404],
    operator: true,
  },
} as const satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof endpoints;
