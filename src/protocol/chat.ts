import { z } from 'zod/mini';
import { ERROR_CODES, FieldIssue } from './error.js';
import { LOCALES } from './config.js';
import { withoutHiddenControls } from './text.js';

/**
 * The online chat over Socket.IO (path `/socket.io`): one namespace for citizens, one for
 * operators. Every client → server event takes one payload and an ack callback; the ack is
 * `{ ok: true, … }` or `{ ok: false, error: { code, message } }` (the ApiError's `error`, Russian
 * message). Server → client events carry the payloads below. docs/chat-protocol.md lists them all.
 */

/** The citizens' namespace: start a conversation, or resume one with its token. */
export const CHAT_NAMESPACE = '/chat';
/** The operators' namespace: the operator token (or the console's session) in the handshake. */
export const CHAT_OPERATOR_NAMESPACE = '/chat-operator';

/** Longest message text, in characters. */
export const CHAT_TEXT_MAX = 2000;
export const CHAT_SUMMARY_MAX = 150;
export const CHAT_NAME_MAX = 80;
export const CHAT_CONTACT_MAX = 120;
export const CHAT_COMMENT_MAX = 1000;

/** What the citizen needs: a technical problem, a question about an application, a request's status. */
export const CHAT_KINDS = ['technical', 'application', 'status'] as const;
export type ChatKind = (typeof CHAT_KINDS)[number];

/**
 * `assistant`: only the virtual assistant answers; `waiting`: in the operators' queue;
 * `active`: an operator took it; `closed`: ended (by either side).
 */
export const CHAT_STATUSES = ['assistant', 'waiting', 'active', 'closed'] as const;
export type ChatStatus = (typeof CHAT_STATUSES)[number];

export const CHAT_AUTHORS = ['citizen', 'assistant', 'operator', 'system'] as const;
export type ChatAuthor = (typeof CHAT_AUTHORS)[number];

/** What a system line says (the widget shows its own text per kind; `text` is the Russian one). */
export const CHAT_SYSTEM_KINDS = ['queued', 'operator_joined', 'transferred', 'escalated', 'returned_to_queue', 'closed'] as const;
export type ChatSystemKind = (typeof CHAT_SYSTEM_KINDS)[number];

/** Client → server events of the citizens' namespace (each with an ack). */
export const CHAT_EVENTS = {
  start: 'chat:start',
  resume: 'chat:resume',
  send: 'chat:send',
  sync: 'chat:sync',
  typing: 'chat:typing',
  read: 'chat:read',
  handoff: 'chat:handoff',
  end: 'chat:end',
  rate: 'chat:rate',
  transcriptEmail: 'transcript:email',
} as const;

/** Server → client events, both namespaces (the operator ones carry `conversationId`). */
export const CHAT_SERVER_EVENTS = {
  message: 'chat:message',
  state: 'chat:state',
  queue: 'chat:queue',
  typing: 'chat:typing',
  read: 'chat:read',
  error: 'chat:error',
  /** Operators: the waiting list changed. */
  waiting: 'op:waiting',
  /** Operators: a conversation was assigned to this operator (taken, or transferred to them). */
  assigned: 'op:assigned',
} as const;

/** Client → server events of the operators' namespace (each with an ack). */
export const CHAT_OPERATOR_EVENTS = {
  status: 'op:status',
  list: 'op:list',
  take: 'op:take',
  history: 'op:history',
  reply: 'op:reply',
  typing: 'op:typing',
  read: 'op:read',
  transfer: 'op:transfer',
  escalate: 'op:escalate',
  returnToQueue: 'op:return',
  close: 'op:close',
} as const;

const line = (max: number) => z.string().check(z.overwrite(withoutHiddenControls), z.trim(), z.minLength(1), z.maxLength(max));
/** Hidden controls but the tab and the line feed (see text.ts). */
// eslint-disable-next-line no-control-regex
const HIDDEN_IN_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** Message text as stored: line breaks (\n) and tabs kept, other hidden controls removed. */
export const cleanMessageText = (text: string) => text.replace(/\r\n?/g, '\n').replace(HIDDEN_IN_TEXT, '');
/** Message text: cleaned, trimmed, at most CHAT_TEXT_MAX characters. */
const messageText = z.string().check(z.overwrite(cleanMessageText), z.trim(), z.maxLength(CHAT_TEXT_MAX));
const seq = z.int().check(z.gte(0));
const uuid = z.string().check(z.regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'invalid'));
const conversationId = z.string().check(z.minLength(1), z.maxLength(64));
const attachmentIds = z.array(z.string().check(z.minLength(1), z.maxLength(64))).check(z.maxLength(20, 'too_many_files'));

// ---- Citizen → server ----

/** The opening form's fields: what the citizen asks, and who they are if they say. */
const opening = {
  kind: z.enum(CHAT_KINDS),
  /** One line: what it is about. */
  summary: line(CHAT_SUMMARY_MAX),
  /** The question itself: the assistant's first question, the operator's first read. */
  question: messageText.check(z.minLength(1)),
  name: z.optional(line(CHAT_NAME_MAX)),
  /** A phone or e-mail, as the citizen wrote it. */
  contact: z.optional(line(CHAT_CONTACT_MAX)),
  locale: z._default(z.enum(LOCALES), 'ru'),
  /**
   * The host site's signed identity token (`GovSupport.configure({ identityToken })`): the backend
   * checks it and links the chat to that person. Absent: the chat is anonymous.
   */
  identityToken: z.optional(z.string().check(z.minLength(1), z.maxLength(4096))),
};

/** The structured opening as the form fills it in: `chat:start` without its `startId`. */
export const ChatOpening = z.strictObject(opening);
export type ChatOpening = z.infer<typeof ChatOpening>;

/**
 * `chat:start`: the structured opening. Anonymous unless a name or contact is given.
 * `startId` (a UUID the client makes once per submission of the form) makes retries safe, as
 * `clientId` does for `chat:send`: the server creates one conversation per `startId`, and a repeat
 * of the same opening within CHAT_START_REPEAT_MS of the first, while the conversation is open,
 * is acknowledged with that conversation (a new token: the first ack was lost, so nobody holds the
 * old one; the old token stops working), its state and messages — the assistant is not asked
 * again. Later, after the conversation closed, or with other fields: `conflict` (start a new one).
 */
export const ChatStartBody = z.strictObject({ ...opening, startId: uuid });
export type ChatStartBody = z.infer<typeof ChatStartBody>;

/** How long after a start its repeat (same `startId`) still gets the conversation. */
export const CHAT_START_REPEAT_MS = 10 * 60_000;

/** `chat:resume`: the conversation and its token; messages after `lastSeenSeq` come in the ack. */
export const ChatResumeBody = z.strictObject({
  conversationId,
  token: z.string().check(z.minLength(1), z.maxLength(200)),
  lastSeenSeq: z._default(seq, 0),
});

/**
 * `chat:send`: `clientId` (a UUID the client makes once per message) makes retries safe: the
 * server stores each (conversation, clientId) once and acknowledges a repeat with the stored
 * message. Text, attachments (ids of `POST /uploads`, the request form's count limit), or both.
 */
export const ChatSendBody = z.strictObject({
  clientId: uuid,
  text: z._default(messageText, ''),
  attachments: z._default(attachmentIds, []),
});
export type ChatSendBody = z.infer<typeof ChatSendBody>;

/** `chat:sync`: everything after `lastSeenSeq`, in order. */
export const ChatSyncBody = z.strictObject({ lastSeenSeq: z._default(seq, 0) });
export const ChatTypingBody = z.strictObject({ typing: z.boolean() });
export const ChatReadBody = z.strictObject({ seq });
export const ChatEmptyBody = z.optional(z.strictObject({}));
/** `chat:rate`, once per conversation, after it is closed. */
export const ChatRateBody = z.strictObject({
  score: z.int().check(z.gte(1), z.lte(5)),
  comment: z.optional(z.string().check(z.overwrite(withoutHiddenControls), z.trim(), z.maxLength(CHAT_COMMENT_MAX))),
});
/** `transcript:email`: the conversation as plain text to this address (queued in the outbox). */
export const ChatTranscriptEmailBody = z.strictObject({
  email: z.string().check(z.trim(), z.maxLength(254), z.regex(/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/, 'email')),
});

// ---- Operator → server ----

export const OPERATOR_CHAT_STATUSES = ['available', 'away'] as const;
export const OperatorStatusBody = z.strictObject({ status: z.enum(OPERATOR_CHAT_STATUSES) });
export const OperatorConversationBody = z.strictObject({ conversationId });
export const OperatorHistoryBody = z.strictObject({ conversationId, lastSeenSeq: z._default(seq, 0) });
/** Text, files (ids of `POST /uploads`, the same count limit as the citizen's), or both. */
export const OperatorReplyBody = z.strictObject({
  conversationId,
  /** Idempotency as for the citizen's `chat:send`. */
  clientId: uuid,
  text: z._default(messageText, ''),
  attachments: z._default(attachmentIds, []),
});
export const OperatorTypingBody = z.strictObject({ conversationId, typing: z.boolean() });
export const OperatorReadBody = z.strictObject({ conversationId, seq });
export const OperatorTransferBody = z.strictObject({ conversationId, toOperator: line(CHAT_NAME_MAX) });
/** `note`: for the senior specialist only (in the operators' summary), never shown to the citizen. */
export const OperatorEscalateBody = z.strictObject({ conversationId, note: z.optional(line(CHAT_COMMENT_MAX)) });

/** `POST /operator/api/chat/ticket`: a one-time pass into the operators' namespace for the console's session. */
export const OperatorChatTicket = z.object({ ticket: z.string(), expiresAt: z.string() });
export type OperatorChatTicket = z.infer<typeof OperatorChatTicket>;

/**
 * The operators' handshake: `io('/chat-operator', { auth: { token, operatorName, senior? } })`,
 * or `{ ticket }` from `POST /operator/api/chat/ticket` (the console: its session cookie is
 * `Path=/operator` and never reaches `/socket.io`).
 */
export const OperatorChatAuth = z.object({
  token: z.optional(z.string().check(z.maxLength(200))),
  ticket: z.optional(z.string().check(z.maxLength(200))),
  operatorName: z.optional(z.string().check(z.overwrite(withoutHiddenControls), z.trim(), z.minLength(2), z.maxLength(CHAT_NAME_MAX))),
  /** A senior specialist: may take escalated conversations. */
  senior: z.optional(z.boolean()),
});

// ---- Server → client ----

export const ChatArticleRef = z.object({ id: z.string(), title: z.string() });
export const ChatAttachment = z.object({ id: z.string(), name: z.string(), type: z.string(), size: z.number() });
export type ChatAttachment = z.infer<typeof ChatAttachment>;

/** Where the citizen downloads a file of their conversation (GET, `Authorization: Bearer` and the conversation's token). */
export const chatAttachmentPath = (conversationId: string, attachmentId: string): string =>
  `/chat/conversations/${encodeURIComponent(conversationId)}/attachments/${encodeURIComponent(attachmentId)}`;

/** One stored message. Text is plain text: the widget renders it as text, never as HTML. */
export const ChatMessage = z.object({
  conversationId: z.string(),
  /** Per conversation, from 1, increasing by one. */
  seq: z.number(),
  clientId: z.nullable(z.string()),
  author: z.enum(CHAT_AUTHORS),
  /** The operator's display name (author `operator`). */
  operatorName: z.optional(z.string()),
  text: z.string(),
  /** The assistant's answer: the knowledge-base article it comes from. */
  article: z.optional(ChatArticleRef),
  /** The assistant found no answer: articles that may help. */
  suggestions: z.optional(z.array(ChatArticleRef)),
  systemKind: z.optional(z.enum(CHAT_SYSTEM_KINDS)),
  attachments: z.array(ChatAttachment),
  createdAt: z.string(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

/** A waiting citizen's place: sent as `chat:queue` whenever the queue changes. */
export const ChatQueueInfo = z.object({
  /** 1 = next. */
  position: z.number(),
  estimatedWaitMinutes: z.number(),
  /** The wait is long (over the threshold, 20 minutes by default): offer a callback instead. */
  callbackOffered: z.boolean(),
});
export type ChatQueueInfo = z.infer<typeof ChatQueueInfo>;

/** Operators' hours: `open`, or when they return (ISO); assistant answers around the clock. */
export const ChatOperatorHours = z.object({ open: z.boolean(), returnsAt: z.optional(z.string()) });

/** `chat:state`: the conversation as the citizen sees it. */
export const ChatState = z.object({
  conversationId: z.string(),
  status: z.enum(CHAT_STATUSES),
  kind: z.enum(CHAT_KINDS),
  summary: z.string(),
  operatorName: z.optional(z.string()),
  queue: z.optional(ChatQueueInfo),
  operators: ChatOperatorHours,
  /** The last seq of the conversation, and what each side has read. */
  lastSeq: z.number(),
  citizenReadSeq: z.number(),
  operatorReadSeq: z.number(),
  rated: z.boolean(),
  /**
   * Once closed: the citizen's survey of the conversation (issue 17; `chat:rate` stays as it is).
   * SurveyLink of quality.ts, spelled out so that this channel's file shares no chunk with the
   * others for it.
   */
  survey: z.optional(z.object({ token: z.string(), answered: z.boolean() })),
});
export type ChatState = z.infer<typeof ChatState>;

export const ChatTypingEvent = z.object({
  conversationId: z.string(),
  author: z.enum(['citizen', 'operator']),
  operatorName: z.optional(z.string()),
  typing: z.boolean(),
});
export const ChatReadEvent = z.object({ conversationId: z.string(), by: z.enum(['citizen', 'operator']), seq: z.number() });

/** One conversation in the operators' lists. */
export const OperatorChatSummary = z.object({
  conversationId: z.string(),
  status: z.enum(CHAT_STATUSES),
  kind: z.enum(CHAT_KINDS),
  summary: z.string(),
  question: z.string(),
  name: z.optional(z.string()),
  contact: z.optional(z.string()),
  locale: z.enum(LOCALES),
  operatorName: z.optional(z.string()),
  escalated: z.boolean(),
  /** The escalating operator's note for the senior specialist. */
  escalationNote: z.optional(z.string()),
  createdAt: z.string(),
  /** When it (last) entered the queue, and how long it has waited since, in seconds. */
  queuedAt: z.optional(z.string()),
  waitSeconds: z.optional(z.number()),
  lastSeq: z.number(),
  citizenReadSeq: z.number(),
  /** The person the host site vouched for with its identity token (absent: anonymous). */
  verified: z.optional(z.object({ subject: z.string(), name: z.optional(z.string()) })),
  /** A closed conversation: when, by whom, and the citizen's rating if given (`chat:rate`, older chats). */
  closedAt: z.optional(z.string()),
  closedBy: z.optional(z.enum(['citizen', 'operator', 'system'])),
  rating: z.optional(z.object({ score: z.number(), comment: z.optional(z.string()) })),
  /**
   * The citizen's survey answer (issue 17; quality.ts's `resolved` values), in the operator's
   * `recent` list only, and only when the citizen agreed to show the operator whose it is
   * (`shareWithOperator`). An answer not shared is never tied to its conversation.
   */
  survey: z.optional(z.object({ resolved: z.enum(['yes', 'partly', 'no']), rating: z.number(), comment: z.optional(z.string()) })),
});
export type OperatorChatSummary = z.infer<typeof OperatorChatSummary>;

/** The ack's error: the ApiError's `error` object. */
export const ChatAckError = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  issues: z.optional(z.array(FieldIssue)),
  retryAfterSeconds: z.optional(z.number()),
});
export type ChatAckError = z.infer<typeof ChatAckError>;
export const ChatAckFailure = z.object({ ok: z.literal(false), error: ChatAckError });

/** Acks, by event. */
export const ChatStartAck = z.object({ ok: z.literal(true), conversationId: z.string(), token: z.string(), state: ChatState, messages: z.array(ChatMessage) });
/** `hasMore`: a page ends there (500 messages); ask again from its last seq. */
export const ChatResumeAck = z.object({ ok: z.literal(true), state: ChatState, messages: z.array(ChatMessage), hasMore: z.boolean() });
export const ChatSendAck = z.object({ ok: z.literal(true), seq: z.number(), duplicate: z.boolean(), message: ChatMessage });
export const ChatSyncAck = ChatResumeAck;
export const ChatStateAck = z.object({ ok: z.literal(true), state: ChatState });
export const ChatOkAck = z.object({ ok: z.literal(true) });
/**
 * `recent`: the operator's conversations closed in the last 24 hours, newest first, with the citizens'
 * ratings (`rating`) and the survey answers they agreed to share (`survey`).
 */
export const OperatorListAck = z.object({
  ok: z.literal(true),
  waiting: z.array(OperatorChatSummary),
  mine: z.array(OperatorChatSummary),
  recent: z.array(OperatorChatSummary),
  availableOperators: z.number(),
});
export const OperatorConversationAck = z.object({
  ok: z.literal(true),
  conversation: OperatorChatSummary,
  messages: z.array(ChatMessage),
  /** More messages after these (a page is 500): ask `op:history` from the last seq. */
  hasMore: z.boolean(),
});
export const OperatorReplyAck = ChatSendAck;

export type ChatAck<T> = T | { ok: false; error: ChatAckError };
