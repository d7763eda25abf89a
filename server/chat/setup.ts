import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Server } from 'socket.io';
import type { WeeklyHours } from '#protocol/config.js';
import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.js';
import type { FailureLimiter } from '../http/failure-limits.js';
import type { SharedLimits } from '../http/shared-limits.js';
import type { Notifier } from '../notify/notifier.js';
import type { OperatorAuth } from '../operator/index.js';
import type { SharedSurveyAnswer, SurveyRecorder } from '../surveys/index.js';
import { NO_ASSISTANT, type ChatAssistant } from './assistant.js';
import { DEFAULT_QUEUE_SETTINGS, type QueueSettings } from './queue.js';
import { createChatService, type ChatService, type ChatSettings } from './service.js';
import { DEFAULT_CHAT_LIMITS, attachChat, createChatEvents, type ChatLimits } from './sockets.js';
import { DEFAULT_PRESENCE_FRESH_MS, DEFAULT_PRESENCE_REFRESH_MS } from './presence.js';
import { createPresenceStore } from './presence-store.js';
import { createChatStore } from './store.js';
import { createChatTickets, registerChatTicketRoute } from './tickets.js';
import { registerChatAttachmentRoute } from './attachments.js';
import { createIdentityVerifier } from './identity.js';

export const DEFAULT_CHAT_SETTINGS: Readonly<ChatSettings> = {
  unknownAnswersToHandoff: 2,
  assistantTimeoutMs: 5_000,
  closedResumeMs: 24 * 60 * 60 * 1000,
  idleCloseMs: 24 * 60 * 60 * 1000,
  maxTranscripts: 3,
  queue: DEFAULT_QUEUE_SETTINGS,
  presenceRefreshMs: DEFAULT_PRESENCE_REFRESH_MS,
  presenceFreshMs: DEFAULT_PRESENCE_FRESH_MS,
};

/** A socket event is answered within this long. */
export const DEFAULT_CHAT_HANDLER_TIMEOUT_MS = 10_000;

/** `buildApp({ chat })`: the assistant, and settings over the defaults (tests). */
export interface ChatOptions {
  /** The virtual assistant (default: one that never knows, so the chat goes to operators). */
  assistant?: ChatAssistant;
  settings?: Partial<Omit<ChatSettings, 'queue'>> & { queue?: Partial<QueueSettings> };
  limits?: Partial<ChatLimits>;
  handlerTimeoutMs?: number;
  /**
   * The secret the host site signs its identity tokens with (HS256, at least 32 characters;
   * env IDENTITY_SECRET). Absent: identity tokens are ignored and every chat is anonymous.
   */
  identitySecret?: string;
}

/**
 * Creates the chat's store and service, binds both Socket.IO namespaces, and registers
 * `POST /operator/api/chat/ticket` (the console's way into the operators' namespace) and the
 * citizen's download of a conversation's files.
 */
export function registerChat(
  app: FastifyInstance,
  io: Server,
  options: {
    /** The database (SQLite or PostgreSQL) the chat's tables are in. */
    db: Kysely<Database>;
    chat: ChatOptions | undefined;
    notifier: Notifier;
    /** `channels.chat` of the widget config. */
    channel: { enabled: boolean; hours?: WeeklyHours | undefined };
    /** `attachments.maxCount` of the widget config. */
    maxAttachments: number;
    /** Where uploads are kept: a citizen downloads the files of their conversation from there. */
    uploadDir: string;
    operators: {
      /** The operator token in force. */
      token: string;
      auth: OperatorAuth;
      /** Wrong operator tokens in the handshake, per client IP (http/failure-limits.ts). */
      failures: FailureLimiter;
    };
    trustProxy: boolean;
    /** The database's shared rate limits (http/shared-limits.ts). */
    sharedLimits: SharedLimits;
    now: () => number;
    log: (error: unknown, message: string) => void;
    /** Told of every closed conversation (the citizen's survey). */
    surveys?: SurveyRecorder;
    /** The survey answers of some conversations whose citizen agreed to share them (the operator's recent list). */
    sharedSurveys?: (conversationIds: string[]) => Promise<SharedSurveyAnswer[]>;
  },
): ChatService {
  const { chat, now, log } = options;
  const settings: ChatSettings = {
    ...DEFAULT_CHAT_SETTINGS,
    ...chat?.settings,
    queue: { ...DEFAULT_QUEUE_SETTINGS, ...chat?.settings?.queue },
  };
  const service = createChatService({
    store: createChatStore(options.db, options.notifier),
    presence: createPresenceStore(options.db),
    assistant: chat?.assistant ?? NO_ASSISTANT,
    events: createChatEvents(io),
    settings,
    ...(options.channel.hours ? { hours: options.channel.hours } : {}),
    enabled: options.channel.enabled,
    maxAttachments: options.maxAttachments,
    now,
    log,
    surveys: options.surveys,
    sharedSurveys: options.sharedSurveys,
  });
  const { token, auth, failures } = options.operators;
  const tickets = createChatTickets(options.db, now);
  registerChatTicketRoute(app, { auth, tickets });
  registerChatAttachmentRoute(app, { service, uploadDir: options.uploadDir });
  attachChat(io, {
    service,
    operators: {
      token,
      // The console's session cookie, should a browser send it (it is Path=/operator: use a ticket).
      sessionOf: (cookie) => auth.session({ headers: { cookie } } as unknown as FastifyRequest),
      redeemTicket: (ticket) => tickets.redeem(ticket),
      failures,
    },
    limits: { ...DEFAULT_CHAT_LIMITS, ...chat?.limits },
    sharedLimits: options.sharedLimits,
    handlerTimeoutMs: chat?.handlerTimeoutMs ?? DEFAULT_CHAT_HANDLER_TIMEOUT_MS,
    trustProxy: options.trustProxy,
    now,
    log,
    ...(chat?.identitySecret ? { verifyIdentity: createIdentityVerifier(chat.identitySecret, now) } : {}),
  });
  // Abandoned conversations leave the queue and the operators' lists.
  const sweeper = setInterval(() => {
    service.closeIdle().catch((error: unknown) => log(error, 'closing idle chats failed'));
  }, IDLE_SWEEP_MS).unref();
  app.addHook('onClose', async () => {
    clearInterval(sweeper);
    // Before the database closes (its own onClose hook was added earlier, so runs later).
    await service.stop();
  });
  return service;
}

const IDLE_SWEEP_MS = 10 * 60 * 1000;
