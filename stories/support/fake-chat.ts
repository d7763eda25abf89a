/**
 * The chat without a network, for the stories (stories/support/chat.ts) and the component tests
 * (test/features/chat/): a fake of the chat connection (the `ChatLink` that `gs-chat` takes
 * through its `sessionOptions.connect`) and the conversation's device storage in memory instead
 * of IndexedDB. Plain TypeScript: no Storybook, no test framework, nothing opens a socket.
 */
import type { z } from 'zod/mini';
import { ChatRequestError, RETRYABLE, type ChatConnectionHandlers, type ChatRequestOptions, type ConnectionState } from '../../src/features/chat/chat-connection.js';
import type { ChatLink } from '../../src/features/chat/chat-model.js';
import { hasSensitiveNumber, type ChatStore, type OutboxEntry, type StoredConversation } from '../../src/features/chat/chat-store.js';

/** What the fake server answers to one event's payload (an Error is thrown as a refused ack would be). */
export type Responder = (payload: unknown) => unknown;

/**
 * The connection as the session sees it: `open()` "connects" at once (the session resumes, then
 * the link is ready), requests are answered by the responders and recorded in `sent` (each attempt:
 * a retryable refusal is tried again `retries` times, at once, without the real backoff), and
 * `drop()` loses the connection as the browser going offline does; `connect()` brings it back.
 * What the server would push (a message, the queue, typing, read marks) goes through `handlers`.
 */
export class FakeChatLink implements ChatLink {
  state: ConnectionState = 'connecting';
  isReady = false;
  readonly sent: { event: string; payload: unknown }[] = [];
  /** Notices without an answer (typing). */
  readonly notified: { event: string; payload: unknown }[] = [];
  closed = false;

  constructor(
    readonly handlers: ChatConnectionHandlers,
    readonly responders: Record<string, Responder>,
  ) {}

  open(): void {
    void this.connect();
  }

  /** The socket (re)connects: the session resumes, then the link is ready. */
  async connect(): Promise<void> {
    await this.handlers.connected();
    this.isReady = true;
    this.state = 'connected';
    this.handlers.connection('connected');
  }

  drop(state: ConnectionState = 'offline'): void {
    this.isReady = false;
    this.state = state;
    this.handlers.connection(state);
  }

  close(): void {
    this.closed = true;
    this.isReady = false;
  }

  notify(event: string, payload: unknown): void {
    this.notified.push({ event, payload });
  }

  async request<S extends z.ZodMiniType>(event: string, payload: unknown, schema: S, options: ChatRequestOptions = {}): Promise<z.output<S>> {
    // As the real connection: a request waits a moment for the connection to be ready (not when offline).
    for (let i = 0; i < 50 && !this.isReady && !options.early && this.state !== 'offline'; i++) await new Promise((r) => setTimeout(r, 10));
    if (!this.isReady && !options.early) throw new ChatRequestError('offline', 'not connected');
    for (let attempt = 0; ; attempt++) {
      this.sent.push({ event, payload });
      await Promise.resolve();
      const responder = this.responders[event];
      if (!responder) throw new ChatRequestError('bad_response', `The fake server does not answer ${event}`);
      const answer = responder(payload);
      if (answer instanceof ChatRequestError && RETRYABLE.has(answer.code) && attempt < (options.retries ?? 0)) continue;
      if (answer instanceof Error) throw answer;
      return schema.parse(answer) as z.output<S>;
    }
  }
}

/** The chat's device storage in memory, recording what was written to the outbox. */
export class MemoryChatStore {
  saved?: StoredConversation | undefined;
  readonly entries = new Map<string, OutboxEntry>();
  /** Every outbox entry stored, in order (a message with a document number never is). */
  readonly writes: OutboxEntry[] = [];

  async conversation() {
    return this.saved;
  }
  async saveConversation(conversationId: string, token: string, lastSeenSeq = 0) {
    this.saved = { key: 'current', conversationId, token, lastSeenSeq, savedAt: 0 };
  }
  async saveLastSeen(_id: string, seq: number) {
    if (this.saved && this.saved.lastSeenSeq < seq) this.saved = { ...this.saved, lastSeenSeq: seq };
  }
  async forget() {
    this.saved = undefined;
    this.entries.clear();
  }
  async outbox(conversationId: string) {
    return [...this.entries.values()].filter((e) => e.conversationId === conversationId).sort((a, b) => a.order - b.order);
  }
  async put(entry: OutboxEntry) {
    if (hasSensitiveNumber(entry.text)) return false;
    this.writes.push(entry);
    this.entries.set(entry.clientId, entry);
    return true;
  }
  async remove(clientId: string) {
    this.entries.delete(clientId);
  }
  /** As the session's `store` option. */
  asStore(): ChatStore {
    return this as unknown as ChatStore;
  }
}
