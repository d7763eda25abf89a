import { io, type Socket } from 'socket.io-client';
import type { z } from 'zod/mini';
import {
  CHAT_NAMESPACE,
  CHAT_SERVER_EVENTS,
  ChatAckFailure,
  ChatMessage,
  ChatQueueInfo,
  ChatReadEvent,
  ChatState,
  ChatTypingEvent,
  type ChatAckError,
} from '../../protocol/chat.js';

/** connecting: the first connection; connected: ready for requests (resumed); reconnecting: lost, trying again; offline: the browser has no network. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** A request that did not get an `{ ok: true }` ack: the server's refusal, or no answer in time. */
export class ChatRequestError extends Error {
  constructor(
    readonly code: ChatAckError['code'] | 'timeout' | 'offline' | 'bad_response',
    message: string,
    readonly retryAfterSeconds?: number,
    readonly issues: NonNullable<ChatAckError['issues']> = [],
  ) {
    super(message);
    this.name = 'ChatRequestError';
  }
}

/** Worth another attempt: no answer, or a passing failure of the server. */
export const RETRYABLE = new Set<ChatRequestError['code']>(['timeout', 'offline', 'internal', 'request_timeout', 'rate_limited', 'unavailable']);

export interface ChatConnectionHandlers {
  /** The connection state changed (for the role=status line). */
  connection(state: ConnectionState): void;
  /**
   * After every (re)connect, before any other request: resume the conversation (explicit sync).
   * Requests sent from here pass `early: true`. The connection is ready when it resolves.
   */
  connected(): Promise<void>;
  message(message: ChatMessage): void;
  state(state: ChatState): void;
  queue(queue: ChatQueueInfo): void;
  typing(typing: z.output<typeof ChatTypingEvent>): void;
  read(read: z.output<typeof ChatReadEvent>): void;
  /** A refusal sent without a request (e.g. too many events): its message. */
  error(message: string): void;
}

export interface ChatRequestOptions {
  /** How long one attempt waits for its ack. */
  timeoutMs?: number;
  /** Further attempts after a retryable failure, with backoff. */
  retries?: number;
  signal?: AbortSignal | undefined;
  /** Sent while the connection is being resumed (the resume itself). */
  early?: boolean;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/** 1 s, 2 s, 4 s … up to 10 s, with some jitter so that tabs do not retry in step. */
export const backoffMs = (attempt: number) => Math.min(10_000, 1000 * 2 ** attempt) * (0.75 + Math.random() * 0.5);

/**
 * The citizens' chat socket (Socket.IO namespace `/chat` on `{backend}/socket.io`): WebSocket
 * first, long polling when WebSocket is refused; reconnects by itself with backoff, and on every
 * (re)connect lets the session resume before anything else is sent. Requests are acked with a
 * timeout and retried a bounded number of times; nothing is buffered while disconnected (a
 * request then fails as `offline`, so the outbox decides what to send again). Server events are
 * parsed with the contract's schemas; anything else is dropped. The only file that does socket I/O.
 */
export class ChatConnection {
  state: ConnectionState = 'connecting';
  private socket?: Socket;
  private ready = false;
  private readonly waiters = new Set<() => void>();
  private readonly controller = new AbortController();

  constructor(
    private readonly backend: string,
    private readonly handlers: ChatConnectionHandlers,
  ) {}

  get isReady(): boolean {
    return this.ready;
  }

  /** Connects (once); calls again do nothing. */
  open(): void {
    if (this.socket || this.controller.signal.aborted) return;
    const base = new URL(this.backend || globalThis.location.origin, globalThis.location.href);
    const socket = (this.socket = io(`${base.origin}${CHAT_NAMESPACE}`, {
      path: `${base.pathname.replace(/\/+$/, '')}/socket.io`,
      // The demo CSP allows ws: and 'self'; WebSocket first, polling when it is blocked.
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      timeout: 10_000,
      reconnectionDelay: 1000,
      reconnectionDelayMax: 10_000,
      randomizationFactor: 0.5,
      withCredentials: false,
      autoConnect: false,
    }));
    socket.on('connect', () => void this.resume(socket));
    socket.on('disconnect', (reason) => {
      this.ready = false;
      this.set(navigator.onLine ? 'reconnecting' : 'offline');
      // The server closed it (e.g. a restart): Socket.IO does not come back by itself then.
      if (reason === 'io server disconnect' && navigator.onLine) socket.connect();
    });
    socket.on('connect_error', () => this.set(navigator.onLine ? (this.state === 'connecting' ? 'connecting' : 'reconnecting') : 'offline'));
    this.listen(socket, CHAT_SERVER_EVENTS.message, ChatMessage, (m) => this.handlers.message(m));
    this.listen(socket, CHAT_SERVER_EVENTS.state, ChatState, (s) => this.handlers.state(s));
    this.listen(socket, CHAT_SERVER_EVENTS.queue, ChatQueueInfo, (q) => this.handlers.queue(q));
    this.listen(socket, CHAT_SERVER_EVENTS.typing, ChatTypingEvent, (t) => this.handlers.typing(t));
    this.listen(socket, CHAT_SERVER_EVENTS.read, ChatReadEvent, (r) => this.handlers.read(r));
    socket.on(CHAT_SERVER_EVENTS.error, (error: unknown) => {
      const message = (error as { message?: unknown } | null)?.message;
      if (typeof message === 'string') this.handlers.error(message);
    });
    const signal = this.controller.signal;
    globalThis.addEventListener('offline', this.onOffline, { signal });
    globalThis.addEventListener('online', this.onOnline, { signal });
    if (navigator.onLine) socket.connect();
    else this.set('offline');
  }

  /** Disconnects for good (the view left the page, or a new chat begins). */
  close(): void {
    this.controller.abort();
    this.socket?.disconnect();
    this.socket?.removeAllListeners();
    this.socket = undefined;
    this.ready = false;
    for (const wake of this.waiters) wake();
  }

  /** Sends `event` and resolves with its parsed `{ ok: true }` ack, or throws a ChatRequestError. */
  async request<S extends z.ZodMiniType>(event: string, payload: unknown, schema: S, options: ChatRequestOptions = {}): Promise<z.output<S>> {
    const retries = options.retries ?? 0;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.attempt(event, payload, schema, options);
      } catch (error) {
        const e = error instanceof ChatRequestError ? error : new ChatRequestError('bad_response', String(error));
        if (!RETRYABLE.has(e.code) || attempt >= retries || options.signal?.aborted || this.controller.signal.aborted) throw e;
        // A refusal that says when to come back (too many, or busy) is retried then.
        const told = e.code === 'rate_limited' || e.code === 'unavailable' ? e.retryAfterSeconds : undefined;
        await sleep(told ? told * 1000 : backoffMs(attempt), options.signal);
      }
    }
  }

  /** A fire-and-forget event (typing): dropped when not connected. */
  notify(event: string, payload: unknown): void {
    if (this.ready && this.socket?.connected) this.socket.volatile.emit(event, payload);
  }

  private async attempt<S extends z.ZodMiniType>(event: string, payload: unknown, schema: S, options: ChatRequestOptions): Promise<z.output<S>> {
    const timeoutMs = options.timeoutMs ?? 10_000;
    if (!options.early) await this.whenReady(timeoutMs);
    const socket = this.socket;
    if (!socket?.connected) throw new ChatRequestError('offline', 'not connected');
    let answer: unknown;
    try {
      answer = await socket.timeout(timeoutMs).emitWithAck(event, payload);
    } catch {
      throw new ChatRequestError(socket.connected ? 'timeout' : 'offline', 'no answer');
    }
    const refused = ChatAckFailure.safeParse(answer);
    if (refused.success) {
      const { code, message, retryAfterSeconds, issues } = refused.data.error;
      throw new ChatRequestError(code, message, retryAfterSeconds, issues);
    }
    const parsed = schema.safeParse(answer);
    if (!parsed.success) throw new ChatRequestError('bad_response', 'The answer does not match the contract');
    return parsed.data;
  }

  /** Resolves once the connection is ready, or throws `offline` after `timeoutMs`. */
  private whenReady(timeoutMs: number): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        if (this.ready) resolve();
        else reject(new ChatRequestError('offline', 'not connected'));
      };
      const timer = setTimeout(wake, timeoutMs);
      this.waiters.add(wake);
    });
  }

  private async resume(socket: Socket): Promise<void> {
    this.ready = false;
    for (let attempt = 0; socket === this.socket && socket.connected; attempt++) {
      try {
        await this.handlers.connected();
        if (socket !== this.socket || !socket.connected) return;
        this.ready = true;
        this.set('connected');
        for (const wake of [...this.waiters]) wake();
        return;
      } catch (error) {
        // A refusal (not a lost answer) is the session's to handle; it was told in `connected`.
        if (error instanceof ChatRequestError && !RETRYABLE.has(error.code)) return;
        await sleep(backoffMs(attempt), this.controller.signal);
      }
    }
  }

  private listen<S extends z.ZodMiniType>(socket: Socket, event: string, schema: S, handler: (value: z.output<S>) => void): void {
    socket.on(event, (payload: unknown) => {
      const parsed = schema.safeParse(payload);
      if (parsed.success) handler(parsed.data);
    });
  }

  private readonly onOffline = (): void => {
    // The socket would only notice after its heartbeat times out: say so now and stop trying.
    this.ready = false;
    this.socket?.disconnect();
    this.set('offline');
  };

  private readonly onOnline = (): void => {
    this.set('reconnecting');
    this.socket?.connect();
  };

  private set(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    this.handlers.connection(state);
  }
}
