import type { z } from 'zod/mini';
import { ChatRequestError, type ChatConnectionHandlers, type ChatRequestOptions, type ConnectionState } from '../../../src/features/chat/chat-connection.js';
import type { ChatLink } from '../../../src/features/chat/chat-session-controller.js';
import type { ChatStore, OutboxEntry, StoredConversation } from '../../../src/features/chat/chat-store.js';
import type { ChatMessage, ChatState } from '../../../src/protocol/chat.js';

export const CONVERSATION = 'c0ffee00-0000-4000-8000-000000000001';
export const AT = '2026-03-16T09:05:00.000Z';

export const message = (seq: number, over: Partial<ChatMessage> = {}): ChatMessage => ({
  conversationId: CONVERSATION,
  seq,
  clientId: null,
  author: 'assistant',
  text: `Сообщение ${seq}`,
  attachments: [],
  createdAt: AT,
  ...over,
});

export const chatState = (over: Partial<ChatState> = {}): ChatState => ({
  conversationId: CONVERSATION,
  status: 'assistant',
  kind: 'technical',
  summary: 'Не приходит код',
  operators: { open: true },
  lastSeq: 1,
  citizenReadSeq: 0,
  operatorReadSeq: 0,
  rated: false,
  ...over,
});

type Responder = (payload: unknown) => unknown;

/** A connection that answers from `responders` (an Error is thrown as it is). */
export class FakeLink implements ChatLink {
  state: ConnectionState = 'connecting';
  isReady = false;
  sent: { event: string; payload: unknown }[] = [];
  notified: { event: string; payload: unknown }[] = [];
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
  }

  notify(event: string, payload: unknown): void {
    this.notified.push({ event, payload });
  }

  async request<S extends z.ZodMiniType>(event: string, payload: unknown, schema: S, options: ChatRequestOptions = {}): Promise<z.output<S>> {
    // As the real connection: a request waits a moment for the connection to be ready.
    for (let i = 0; i < 20 && !this.isReady && !options.early; i++) await new Promise((r) => setTimeout(r, 10));
    if (!this.isReady && !options.early) throw new ChatRequestError('offline', 'not connected');
    this.sent.push({ event, payload });
    await Promise.resolve();
    const answer = this.responders[event]?.(payload);
    if (answer instanceof Error) throw answer;
    return schema.parse(answer) as z.output<S>;
  }
}

/** The store in memory, recording what was written. */
export class MemoryStore {
  saved?: StoredConversation;
  entries = new Map<string, OutboxEntry>();
  writes: OutboxEntry[] = [];

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
    const { hasSensitiveNumber } = await import('../../../src/features/chat/chat-store.js');
    if (hasSensitiveNumber(entry.text)) return false;
    this.writes.push(entry);
    this.entries.set(entry.clientId, entry);
    return true;
  }
  async remove(clientId: string) {
    this.entries.delete(clientId);
  }
  asStore(): ChatStore {
    return this as unknown as ChatStore;
  }
}

/** Answers a citizen's `chat:send` as the server does: the stored message with the next seq. */
export function sendResponder(firstSeq: number): Responder {
  let seq = firstSeq;
  const seen = new Map<string, ChatMessage>();
  return (payload) => {
    const { clientId, text } = payload as { clientId: string; text: string };
    const existing = seen.get(clientId);
    if (existing) return { ok: true, seq: existing.seq, duplicate: true, message: existing };
    const m = message(seq++, { author: 'citizen', clientId, text });
    seen.set(clientId, m);
    return { ok: true, seq: m.seq, duplicate: false, message: m };
  };
}
