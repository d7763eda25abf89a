import { io, type Socket } from 'socket.io-client';
import { z } from 'zod/mini';
import {
  CHAT_OPERATOR_EVENTS,
  CHAT_OPERATOR_NAMESPACE,
  CHAT_SERVER_EVENTS,
  ChatAckError,
  ChatMessage,
  ChatReadEvent,
  ChatTypingEvent,
  OperatorChatSummary,
  OperatorConversationAck,
  OperatorListAck,
  OperatorReplyAck,
  type OPERATOR_CHAT_STATUSES,
} from '../src/protocol/chat.js';

export type OperatorChatStatus = (typeof OPERATOR_CHAT_STATUSES)[number];
export type ChatConversation = z.infer<typeof OperatorConversationAck>;
export type ChatLists = z.infer<typeof OperatorListAck>;
export type ChatTyping = z.infer<typeof ChatTypingEvent>;
export type ChatRead = z.infer<typeof ChatReadEvent>;
export type { ChatMessage, OperatorChatSummary };

/** The Socket.IO path of the reference backend (server/realtime.ts). */
export const CHAT_SOCKET_PATH = '/socket.io';
/** Every event is answered within this long, or counts as failed. */
export const CHAT_ACK_TIMEOUT_MS = 10_000;

/** A refused or failed event: the ack's error code (or `network`/`bad_response`) and a Russian message. */
export class ChatRequestError extends Error {
  constructor(
    readonly code: ChatAckError['code'] | 'network' | 'bad_response',
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ChatRequestError';
  }
}

const WaitingEvent = z.object({ waiting: z.array(OperatorChatSummary), availableOperators: z.number() });
const Failure = z.object({ ok: z.literal(false), error: ChatAckError });
const StatusAck = z.object({ ok: z.literal(true), status: z.enum(['available', 'away']), availableOperators: z.number() });
const SummaryAck = z.object({ ok: z.literal(true), conversation: OperatorChatSummary });
const ReadAck = z.object({ ok: z.literal(true), seq: z.number() });
const OkAck = z.object({ ok: z.literal(true) });

/** Where the connection is: the console says so above the queue. */
export type ChatLinkState = { kind: 'connecting' } | { kind: 'connected' } | { kind: 'reconnecting' } | { kind: 'refused'; code: string; message: string };

/** What the server pushes, as typed DOM events of the connection. */
export class ChatLinkEvent extends Event {
  constructor(readonly state: ChatLinkState) {
    super('link');
  }
}
export class ChatWaitingEvent extends Event {
  constructor(
    readonly waiting: OperatorChatSummary[],
    readonly availableOperators: number,
  ) {
    super('waiting');
  }
}
export class ChatAssignedEvent extends Event {
  constructor(readonly conversation: OperatorChatSummary) {
    super('assigned');
  }
}
export class ChatMessageEvent extends Event {
  constructor(readonly message: ChatMessage) {
    super('message');
  }
}
export class ChatTypingEventOf extends Event {
  constructor(readonly typing: ChatTyping) {
    super('typing');
  }
}
export class ChatReadMarkEvent extends Event {
  constructor(readonly read: ChatRead) {
    super('read');
  }
}

interface ChatConnectionEvents {
  link: ChatLinkEvent;
  waiting: ChatWaitingEvent;
  assigned: ChatAssignedEvent;
  message: ChatMessageEvent;
  typing: ChatTypingEventOf;
  read: ChatReadMarkEvent;
}

export interface ChatConnectionOptions {
  /** Backend origin ('' = this page's origin). */
  backend?: string;
  /** A fresh one-time handshake ticket (POST /operator/api/chat/ticket), asked for on every (re)connect. */
  ticket: () => Promise<string>;
  /** A senior specialist: may take escalated conversations. */
  senior?: boolean;
}

/**
 * The operators' chat socket (namespace `/chat-operator`): nothing but I/O. It authenticates with
 * a one-time ticket got with the console's session (the console never keeps the operator token),
 * asked for again on every reconnect; it parses every ack and
 * server event with the protocol's zod schemas, and reports what arrives as typed events.
 * Socket.IO reconnects by itself; `link` events say where the connection is.
 */
export class OperatorChatConnection extends EventTarget {
  private socket?: Socket;

  /** The last ticket could not be had: a refusal is then a network problem, not a login one. */
  private ticketFailed = false;

  constructor(private readonly options: ChatConnectionOptions) {
    super();
  }

  /** Listens to one kind of event; returns the unsubscribe. */
  on<K extends keyof ChatConnectionEvents>(type: K, listener: (event: ChatConnectionEvents[K]) => void): () => void {
    const handler = (event: Event) => listener(event as ChatConnectionEvents[K]);
    this.addEventListener(type, handler);
    return () => this.removeEventListener(type, handler);
  }

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  open(): void {
    if (this.socket) return;
    const socket = io(`${this.options.backend ?? ''}${CHAT_OPERATOR_NAMESPACE}`, {
      path: CHAT_SOCKET_PATH,
      withCredentials: true,
      auth: (send) => {
        this.options.ticket().then(
          (ticket) => {
            this.ticketFailed = false;
            send({ ticket, ...(this.options.senior ? { senior: true } : {}) });
          },
          () => {
            this.ticketFailed = true;
            send({});
          },
        );
      },
    });
    this.socket = socket;
    this.dispatchEvent(new ChatLinkEvent({ kind: 'connecting' }));
    socket.on('connect', () => this.dispatchEvent(new ChatLinkEvent({ kind: 'connected' })));
    socket.on('disconnect', (reason) => {
      // The server ended it (a refused handshake is a connect_error instead): no retry by itself.
      if (reason === 'io server disconnect') socket.connect();
      this.dispatchEvent(new ChatLinkEvent({ kind: 'reconnecting' }));
    });
    socket.on('connect_error', (error: Error & { data?: unknown }) => {
      const refusal = ChatAckError.safeParse(error.data);
      if (refusal.success && (refusal.data.code === 'unauthorized' || refusal.data.code === 'forbidden' || refusal.data.code === 'rate_limited')) {
        // A refused handshake: Socket.IO would not retry; the operator may, with «Повторить».
        const state: ChatLinkState = this.ticketFailed ? { kind: 'refused', code: 'network', message: '' } : { kind: 'refused', code: refusal.data.code, message: refusal.data.message };
        this.dispatchEvent(new ChatLinkEvent(state));
        return;
      }
      this.dispatchEvent(new ChatLinkEvent({ kind: 'reconnecting' }));
    });
    socket.on(CHAT_SERVER_EVENTS.waiting, (payload: unknown) => {
      const parsed = WaitingEvent.safeParse(payload);
      if (parsed.success) this.dispatchEvent(new ChatWaitingEvent(parsed.data.waiting, parsed.data.availableOperators));
    });
    socket.on(CHAT_SERVER_EVENTS.assigned, (payload: unknown) => {
      const parsed = OperatorChatSummary.safeParse(payload);
      if (parsed.success) this.dispatchEvent(new ChatAssignedEvent(parsed.data));
    });
    socket.on(CHAT_SERVER_EVENTS.message, (payload: unknown) => {
      const parsed = ChatMessage.safeParse(payload);
      if (parsed.success) this.dispatchEvent(new ChatMessageEvent(parsed.data));
    });
    socket.on(CHAT_SERVER_EVENTS.typing, (payload: unknown) => {
      const parsed = ChatTypingEvent.safeParse(payload);
      if (parsed.success) this.dispatchEvent(new ChatTypingEventOf(parsed.data));
    });
    socket.on(CHAT_SERVER_EVENTS.read, (payload: unknown) => {
      const parsed = ChatReadEvent.safeParse(payload);
      if (parsed.success) this.dispatchEvent(new ChatReadMarkEvent(parsed.data));
    });
  }

  /** After a refused handshake (or to start over): a fresh attempt. */
  retry(): void {
    if (!this.socket) return this.open();
    this.dispatchEvent(new ChatLinkEvent({ kind: 'connecting' }));
    this.socket.connect();
  }

  /** Disconnects for good (logout, the session expired). */
  shutdown(): void {
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = undefined;
  }

  setStatus(status: OperatorChatStatus) {
    return this.call(CHAT_OPERATOR_EVENTS.status, { status }, StatusAck);
  }

  list(): Promise<ChatLists> {
    return this.call(CHAT_OPERATOR_EVENTS.list, {}, OperatorListAck);
  }

  take(conversationId: string): Promise<ChatConversation> {
    return this.call(CHAT_OPERATOR_EVENTS.take, { conversationId }, OperatorConversationAck);
  }

  history(conversationId: string, lastSeenSeq = 0): Promise<ChatConversation> {
    return this.call(CHAT_OPERATOR_EVENTS.history, { conversationId, lastSeenSeq }, OperatorConversationAck);
  }

  /** `clientId` is made once per message by the caller: a retry sends the same one. */
  async reply(conversationId: string, clientId: string, text: string, attachments: readonly string[] = []): Promise<ChatMessage> {
    return (await this.call(CHAT_OPERATOR_EVENTS.reply, { conversationId, clientId, text, attachments }, OperatorReplyAck)).message;
  }

  /** Best effort: a lost typing mark is no failure. */
  typing(conversationId: string, typing: boolean): void {
    this.call(CHAT_OPERATOR_EVENTS.typing, { conversationId, typing }, OkAck).catch(() => {});
  }

  async read(conversationId: string, seq: number): Promise<number> {
    return (await this.call(CHAT_OPERATOR_EVENTS.read, { conversationId, seq }, ReadAck)).seq;
  }

  async transfer(conversationId: string, toOperator: string): Promise<OperatorChatSummary> {
    return (await this.call(CHAT_OPERATOR_EVENTS.transfer, { conversationId, toOperator }, SummaryAck)).conversation;
  }

  /** The note is for the senior specialist only: the citizen never sees it. */
  async escalate(conversationId: string, note?: string): Promise<OperatorChatSummary> {
    return (await this.call(CHAT_OPERATOR_EVENTS.escalate, note ? { conversationId, note } : { conversationId }, SummaryAck)).conversation;
  }

  async returnToQueue(conversationId: string): Promise<OperatorChatSummary> {
    return (await this.call(CHAT_OPERATOR_EVENTS.returnToQueue, { conversationId }, SummaryAck)).conversation;
  }

  async close(conversationId: string): Promise<OperatorChatSummary> {
    return (await this.call(CHAT_OPERATOR_EVENTS.close, { conversationId }, SummaryAck)).conversation;
  }

  /** Emits `event` with its ack; the parsed `{ ok: true, … }`, or throws a ChatRequestError. */
  private async call<S extends z.ZodMiniType>(event: string, payload: object, schema: S): Promise<z.output<S>> {
    const socket = this.socket;
    if (!socket) throw new ChatRequestError('network', '');
    let answer: unknown;
    try {
      answer = await socket.timeout(CHAT_ACK_TIMEOUT_MS).emitWithAck(event, payload);
    } catch {
      throw new ChatRequestError('network', '');
    }
    const failed = Failure.safeParse(answer);
    if (failed.success) throw new ChatRequestError(failed.data.error.code, failed.data.error.message, failed.data.error.retryAfterSeconds);
    const parsed = schema.safeParse(answer);
    if (!parsed.success) throw new ChatRequestError('bad_response', '');
    return parsed.data;
  }
}
