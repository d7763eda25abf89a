import type { Namespace, Server, Socket } from 'socket.io';
import { socketIp } from '../http/socket-ip.js';
import type { z } from 'zod/mini';
import {
  CHAT_EVENTS,
  CHAT_NAMESPACE,
  CHAT_OPERATOR_EVENTS,
  CHAT_OPERATOR_NAMESPACE,
  CHAT_SERVER_EVENTS,
  ChatEmptyBody,
  ChatRateBody,
  ChatReadBody,
  ChatResumeBody,
  ChatSendBody,
  ChatStartBody,
  ChatSyncBody,
  ChatTranscriptEmailBody,
  ChatTypingBody,
  OperatorChatAuth,
  OperatorConversationBody,
  OperatorEscalateBody,
  OperatorHistoryBody,
  OperatorReadBody,
  OperatorReplyBody,
  OperatorStatusBody,
  OperatorTransferBody,
  OperatorTypingBody,
  type ChatAckError,
} from '#protocol/chat.js';
import { INTERNAL_MESSAGE, busyError, isDatabaseBusy } from '../http/errors.js';
import { createLocalRateLimiter, type LocalRateLimiter, type RateLimitRule } from '../http/rate-limit.js';
import { createRateLimiter, type SharedLimits } from '../http/shared-limits.js';
import { toFieldIssue } from '../http/validation.js';
import type { FailureLimiter } from '../http/failure-limits.js';
import { sameSecret } from '../http/same-secret.js';
import { ChatError, type ChatEvents, type ChatOperator, type ChatService } from './service.js';
import type { IdentityCheck, VerifiedIdentity } from './identity.js';

export const CHAT_RATE_LIMITED_MESSAGE = 'Слишком много сообщений подряд. Подождите немного и повторите.';
export const CHAT_TIMEOUT_MESSAGE = 'Сервер не успел ответить. Повторите попытку.';
export const CHAT_INVALID_MESSAGE = 'Проверьте данные сообщения: некоторые поля заполнены неверно.';
export const OPERATOR_REFUSED_MESSAGE = 'Нужен вход оператора: подключитесь с токеном оператора.';
export const OPERATOR_WRONG_TOKEN_MESSAGE = 'Неверный токен оператора.';
export const OPERATOR_TICKET_MESSAGE = 'Пропуск в чат недействителен или устарел. Подключитесь снова.';
export const OPERATOR_TOO_MANY_MESSAGE = 'Слишком много неудачных попыток входа с этого адреса. Повторите попытку позже.';

export interface ChatLimits {
  /** Events of one citizen or operator socket (typing aside). */
  eventsPerSocket: RateLimitRule;
  /** Typing indicators of one socket: over it they are dropped silently. */
  typingPerSocket: RateLimitRule;
  /** Conversations started per client IP. */
  startsPerIp: RateLimitRule;
}

export const DEFAULT_CHAT_LIMITS: Readonly<ChatLimits> = {
  eventsPerSocket: { limit: 30, windowMs: 10_000 },
  typingPerSocket: { limit: 30, windowMs: 10_000 },
  startsPerIp: { limit: 10, windowMs: 10 * 60_000 },
};

/** The room of a conversation, in either namespace. */
export const conversationRoom = (conversationId: string) => `conv:${conversationId}`;
/** The room of every socket of one operator. */
export const operatorRoom = (name: string) => `op:${name}`;

/** Sends the service's events to the rooms of both namespaces. */
export function createChatEvents(io: Server): ChatEvents {
  const citizens = io.of(CHAT_NAMESPACE);
  const operators = io.of(CHAT_OPERATOR_NAMESPACE);
  return {
    toConversation: (id, event, payload) => void citizens.to(conversationRoom(id)).emit(event, payload),
    toOperatorsOf: (id, event, payload) => void operators.to(conversationRoom(id)).emit(event, payload),
    toOperators: (event, payload) => void operators.emit(event, payload),
    toOperator: (name, event, payload) => void operators.to(operatorRoom(name)).emit(event, payload),
    follow(name, id, following) {
      if (following) operators.in(operatorRoom(name)).socketsJoin(conversationRoom(id));
      else operators.in(operatorRoom(name)).socketsLeave(conversationRoom(id));
    },
  };
}

export interface OperatorCheck {
  /** The operator token in force. */
  token: string;
  /** The operator console's session of a Cookie header, if valid. */
  sessionOf(cookieHeader: string | undefined): Promise<{ operatorName: string } | undefined>;
  /** The operator of a one-time ticket (chat/tickets.ts), which is spent. */
  redeemTicket(ticket: string): Promise<string | undefined>;
  /** Wrong tokens per client IP. */
  failures: FailureLimiter;
}

export interface AttachChatOptions {
  service: ChatService;
  operators: OperatorCheck;
  limits: ChatLimits;
  /** The database's shared limits: conversations started per IP count on every process. */
  sharedLimits: SharedLimits;
  /** Every handler answers within this long, or with `request_timeout`. */
  handlerTimeoutMs: number;
  trustProxy: boolean;
  now: () => number;
  log: (error: unknown, message: string) => void;
  /**
   * Checks a host site's identity token (chat/identity.ts); absent when IDENTITY_SECRET is not
   * set: a token is then ignored and the chat is anonymous (the server says so once at start).
   */
  verifyIdentity?: (token: string) => Promise<IdentityCheck>;
}

/** What a citizen is told when the site's identity token does not hold. */
export const IDENTITY_REFUSED: Record<'invalid' | 'expired', string> = {
  expired: 'Вход на сайте устарел. Обновите страницу (войдите снова) и начните чат ещё раз.',
  invalid: 'Не удалось подтвердить, что вы вошли на сайт. Обновите страницу и начните чат ещё раз.',
};

type Ack = (answer: unknown) => void;
type Failure = { ok: false; error: ChatAckError };

const failure = (error: ChatAckError): Failure => ({ ok: false, error });

/**
 * Binds the event handlers of both namespaces. Every handler: takes its payload and an optional
 * ack (a missing payload is fine: `emit(event, ack)`), counts against the socket's limit, parses
 * the payload with its zod schema, and answers `{ ok: true, … }` or `{ ok: false, error }` within
 * `handlerTimeoutMs`. Nothing a client sends can throw out of a handler, nor reject: every error
 * becomes the ack's (a busy database: `unavailable`). One socket's events are handled one after
 * another, in the order they came (its messages get their seq in that order).
 */
export function attachChat(io: Server, options: AttachChatOptions): void {
  const { service, limits, now, log } = options;
  // A socket's events and typing: counted where the socket is, in memory.
  const events = createLocalRateLimiter(limits.eventsPerSocket, now);
  const typing = createLocalRateLimiter(limits.typingPerSocket, now);
  // Conversations started per IP: in the database, counted together by every process.
  const starts = createRateLimiter(options.sharedLimits, 'chatStartsPerIp', limits.startsPerIp);
  /** When each socket was last told it is throttled: once a second at most. */
  const warned = new Map<string, number>();
  /** Each socket's last event in hand: the next one is handled after it. */
  const queues = new WeakMap<Socket, Promise<void>>();

  const handle = <S extends z.ZodMiniType>(
    socket: Socket,
    event: string,
    schema: S,
    handler: (data: z.output<S>) => object | void | Promise<object | void>,
    limiter: LocalRateLimiter = events,
  ) => {
    socket.on(event, (...args: unknown[]) => {
      const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as Ack) : undefined;
      const answer = (value: object) => {
        try {
          ack?.(value);
        } catch (error) {
          log(error, `chat ${event}: ack failed`);
        }
      };
      const limited = limiter.hit(socket.id);
      if (!limited.allowed) {
        const error: ChatAckError = { code: 'rate_limited', message: CHAT_RATE_LIMITED_MESSAGE, retryAfterSeconds: limited.retryAfterSeconds };
        // Typing indicators over their limit are dropped quietly.
        if (limiter === typing) return answer(failure(error));
        const last = warned.get(socket.id) ?? -Infinity;
        if (now() - last >= 1000 || now() < last) {
          warned.set(socket.id, now());
          socket.emit(CHAT_SERVER_EVENTS.error, error);
        }
        return answer(failure(error));
      }
      // Counted above before anything is awaited; handled after the socket's earlier events.
      const previous = queues.get(socket) ?? Promise.resolve();
      const current = previous
        .then(() => run(event, schema, handler, args[0]))
        .then(answer)
        .catch((error: unknown) => log(error, `chat ${event} failed`));
      queues.set(socket, current);
    });
  };

  const run = async <S extends z.ZodMiniType>(
    event: string,
    schema: S,
    handler: (data: z.output<S>) => object | void | Promise<object | void>,
    payload: unknown,
  ): Promise<object> => {
    let timer: NodeJS.Timeout | undefined;
    try {
      let parsed: ReturnType<S['safeParse']>;
      try {
        parsed = schema.safeParse(payload, { reportInput: true }) as ReturnType<S['safeParse']>;
      } catch {
        return failure({ code: 'validation_failed', message: CHAT_INVALID_MESSAGE });
      }
      if (!parsed.success) {
        return failure({ code: 'validation_failed', message: CHAT_INVALID_MESSAGE, issues: parsed.error.issues.slice(0, 20).map(toFieldIssue) });
      }
      const timeout = new Promise<Failure>((resolve) => {
        timer = setTimeout(() => resolve(failure({ code: 'request_timeout', message: CHAT_TIMEOUT_MESSAGE })), options.handlerTimeoutMs);
      });
      const result = await Promise.race([Promise.resolve().then(() => handler(parsed.data as z.output<S>)), timeout]);
      if (result && 'ok' in result && result.ok === false) return result;
      return { ok: true, ...(result ?? {}) };
    } catch (error) {
      return failure(ackError(error, `chat ${event}`));
    } finally {
      clearTimeout(timer);
    }
  };

  /** The ack's error of anything a handler throws (logged unless it is the client's own). */
  const ackError = (error: unknown, what: string): ChatAckError => {
    if (error instanceof ChatError) return { code: error.code, message: error.message, ...error.extra };
    // A database busy past its bound: the same `unavailable` (with retryAfterSeconds) as over HTTP.
    if (isDatabaseBusy(error)) {
      log(error, `${what}: database busy past its bound, answered unavailable`);
      return busyError();
    }
    log(error, `${what} failed`);
    return { code: 'internal', message: INTERNAL_MESSAGE };
  };

  const forget = (socket: Socket) => {
    warned.delete(socket.id);
  };

  // ---- citizens ----

  const citizens = io.of(CHAT_NAMESPACE);
  citizens.on('connection', (socket) => {
    const bind = (conversationId: string) => {
      const previous = socket.data.conversationId as string | undefined;
      if (previous !== undefined && previous !== conversationId) void socket.leave(conversationRoom(previous));
      socket.data.conversationId = conversationId;
      void socket.join(conversationRoom(conversationId));
    };
    const bound = () => service.bound(socket.data.conversationId as string | undefined);

    handle(socket, CHAT_EVENTS.start, ChatStartBody, async (body) => {
      // The start is counted first (one atomic step in the database): a burst of starts cannot slip past it.
      // A repeat (same startId) counts too: it cannot be told from a new start before the look-up,
      // it still costs a token and a page of messages, and the widget's two retries fit the limit.
      const limited = await starts.hit(socketIp(socket, options.trustProxy));
      if (!limited.allowed) throw new ChatError('rate_limited', CHAT_RATE_LIMITED_MESSAGE, { retryAfterSeconds: limited.retryAfterSeconds });
      let verified: VerifiedIdentity | undefined;
      if (body.identityToken && options.verifyIdentity) {
        const check = await options.verifyIdentity(body.identityToken);
        if (!check.ok) throw new ChatError('unauthorized', IDENTITY_REFUSED[check.reason]);
        verified = check.identity;
      }
      const started = await service.start(body, verified);
      bind(started.conversationId);
      return started;
    });
    handle(socket, CHAT_EVENTS.resume, ChatResumeBody, async (body) => {
      const row = await service.authenticate(body.conversationId, body.token);
      bind(row.id);
      return { state: await service.state(row), ...(await service.page(row.id, body.lastSeenSeq)) };
    });
    handle(socket, CHAT_EVENTS.send, ChatSendBody, async (body) => {
      const sent = await service.send(await bound(), body);
      return { seq: sent.message.seq, duplicate: sent.duplicate, message: sent.message };
    });
    handle(socket, CHAT_EVENTS.sync, ChatSyncBody, async (body) => {
      const row = await bound();
      return { state: await service.state(row), ...(await service.page(row.id, body.lastSeenSeq)) };
    });
    handle(socket, CHAT_EVENTS.typing, ChatTypingBody, async (body) => service.citizenTyping(await bound(), body.typing), typing);
    handle(socket, CHAT_EVENTS.read, ChatReadBody, async (body) => ({ seq: await service.read(await bound(), 'citizen', body.seq) }));
    handle(socket, CHAT_EVENTS.handoff, ChatEmptyBody, async () => ({ state: await service.handoff(await bound()) }));
    handle(socket, CHAT_EVENTS.end, ChatEmptyBody, async () => ({ state: await service.end(await bound()) }));
    handle(socket, CHAT_EVENTS.rate, ChatRateBody, async (body) => service.rate(await bound(), body.score, body.comment ?? null));
    handle(socket, CHAT_EVENTS.transcriptEmail, ChatTranscriptEmailBody, async (body) => service.emailTranscript(await bound(), body.email));
    socket.on('disconnect', () => forget(socket));
  });

  // ---- operators ----

  const operators: Namespace = io.of(CHAT_OPERATOR_NAMESPACE);
  operators.use(async (socket, next) => {
    try {
      const refusal = (code: ChatAckError['code'], message: string, retryAfterSeconds?: number) =>
        Object.assign(new Error(message), { data: { code, message, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) } });
      const parsed = OperatorChatAuth.safeParse(socket.handshake.auth ?? {});
      const auth = parsed.success ? parsed.data : {};
      const senior = auth.senior === true;
      if (auth.token !== undefined && auth.token !== '') {
        if (!sameSecret(auth.token, options.operators.token)) {
          const attempt = await options.operators.failures.begin([`chat-ip:${socketIp(socket, options.trustProxy)}`]);
          if (!attempt.allowed) return next(refusal('rate_limited', OPERATOR_TOO_MANY_MESSAGE, attempt.retryAfterSeconds));
          return next(refusal('unauthorized', OPERATOR_WRONG_TOKEN_MESSAGE));
        }
        socket.data.operator = { name: auth.operatorName ?? 'Оператор', senior } satisfies ChatOperator;
        return next();
      }
      if (auth.ticket !== undefined && auth.ticket !== '') {
        const name = await options.operators.redeemTicket(auth.ticket);
        if (name === undefined) return next(refusal('unauthorized', OPERATOR_TICKET_MESSAGE));
        socket.data.operator = { name, senior } satisfies ChatOperator;
        return next();
      }
      const cookie = socket.handshake.headers.cookie;
      const session = await options.operators.sessionOf(Array.isArray(cookie) ? cookie[0] : cookie);
      if (!session) return next(refusal('unauthorized', OPERATOR_REFUSED_MESSAGE));
      socket.data.operator = { name: session.operatorName, senior } satisfies ChatOperator;
      return next();
    } catch (error) {
      log(error, 'chat operator handshake failed');
      return next(Object.assign(new Error(INTERNAL_MESSAGE), { data: { code: 'internal', message: INTERNAL_MESSAGE } }));
    }
  });

  // The rooms of the operator's conversations, read before the connection (the database is
  // asked here, where a failure refuses the handshake, not in the connection handler).
  operators.use((socket, next) => {
    const operator = socket.data.operator as ChatOperator | undefined;
    if (!operator) return next();
    service.activeConversations(operator).then(
      (ids) => {
        socket.data.conversations = ids;
        next();
      },
      (error: unknown) => {
        const data = ackError(error, 'chat operator handshake');
        next(Object.assign(new Error(data.message), { data }));
      },
    );
  });

  operators.on('connection', (socket) => {
    const operator = socket.data.operator as ChatOperator | undefined;
    if (!operator) return void socket.disconnect(true);
    void socket.join(operatorRoom(operator.name));
    for (const id of (socket.data.conversations as string[] | undefined) ?? []) void socket.join(conversationRoom(id));
    // The socket's events are handled after its presence is written (or failed: logged; the
    // service's next refresh of its rows puts it in).
    queues.set(
      socket,
      service.operatorOnline(operator, socket.id).catch((error: unknown) => log(error, 'chat operator connection: presence not written')),
    );

    // A write that fails is the ack's error (a busy database: `unavailable`).
    handle(socket, CHAT_OPERATOR_EVENTS.status, OperatorStatusBody, async (body) => {
      await service.setOperatorStatus(operator, body.status);
      return { status: body.status, availableOperators: await service.availableOperators() };
    });
    handle(socket, CHAT_OPERATOR_EVENTS.list, ChatEmptyBody, () => service.list(operator));
    handle(socket, CHAT_OPERATOR_EVENTS.take, OperatorConversationBody, (body) => service.take(operator, body.conversationId));
    handle(socket, CHAT_OPERATOR_EVENTS.history, OperatorHistoryBody, (body) => service.history(body.conversationId, body.lastSeenSeq));
    handle(socket, CHAT_OPERATOR_EVENTS.reply, OperatorReplyBody, async (body) => {
      const sent = await service.reply(operator, body.conversationId, body.clientId, body.text, body.attachments);
      return { seq: sent.message.seq, duplicate: sent.duplicate, message: sent.message };
    });
    handle(socket, CHAT_OPERATOR_EVENTS.typing, OperatorTypingBody, (body) => service.operatorTyping(operator, body.conversationId, body.typing), typing);
    handle(socket, CHAT_OPERATOR_EVENTS.read, OperatorReadBody, async (body) => ({ seq: await service.operatorRead(operator, body.conversationId, body.seq) }));
    handle(socket, CHAT_OPERATOR_EVENTS.transfer, OperatorTransferBody, async (body) => ({ conversation: await service.transfer(operator, body.conversationId, body.toOperator) }));
    handle(socket, CHAT_OPERATOR_EVENTS.escalate, OperatorEscalateBody, async (body) => ({ conversation: await service.escalate(operator, body.conversationId, body.note ?? null) }));
    handle(socket, CHAT_OPERATOR_EVENTS.returnToQueue, OperatorConversationBody, async (body) => ({ conversation: await service.returnToQueue(operator, body.conversationId) }));
    handle(socket, CHAT_OPERATOR_EVENTS.close, OperatorConversationBody, async (body) => ({ conversation: await service.close(operator, body.conversationId) }));
    socket.on('disconnect', () => {
      forget(socket);
      service.operatorOffline(operator, socket.id).catch((error: unknown) => log(error, 'chat operator disconnect: presence not removed'));
    });
  });
}
