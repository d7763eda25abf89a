/**
 * The chat's stories without a network: a fake of the chat connection (the `ChatLink` that
 * `gs-chat` takes through its `sessionOptions.connect`, as the component tests do), the
 * conversation kept in memory instead of IndexedDB, and the example conversation the stories
 * show. Nothing here opens a socket: what the server would answer comes from the story's
 * responders, and what the server would push (a message, the queue, typing, read marks) the
 * story's `play` sends through the handlers the session gave the fake.
 *
 * All names, numbers, addresses and articles here are example data.
 */
import type { z } from 'zod/mini';
import { ChatRequestError, type ChatConnectionHandlers, type ChatRequestOptions, type ConnectionState } from '../../src/features/chat/chat-connection.js';
import type { ChatLink } from '../../src/features/chat/chat-model.js';
import type { ChatSessionOptions } from '../../src/features/chat/chat-session-controller.js';
import type { ChatStore, OutboxEntry, StoredConversation } from '../../src/features/chat/chat-store.js';
import { hasSensitiveNumber } from '../../src/features/chat/chat-store.js';
import type { ChatMessages } from '../../src/features/chat/texts/messages.js';
import type { ChatMessage, ChatState } from '../../src/protocol/chat.js';
import { mockFetch } from './network.js';

/** The example conversation's id and token (any string the contract allows). */
export const EXAMPLE_CONVERSATION = 'example-conversation-0001';
const EXAMPLE_TOKEN = 'example-token';

/** The example operator. */
export const EXAMPLE_OPERATOR = 'Анна';

/** Monday 16 March 2026, 12:00 Moscow plus `minutes` (the stories' clock is that Monday noon). */
export const minutesAfterNoon = (minutes: number): string => new Date(Date.UTC(2026, 2, 16, 9, minutes)).toISOString();

/** A message of the example conversation: seq `seq`, written `seq` minutes after noon. */
export const chatMessage = (seq: number, over: Partial<ChatMessage>): ChatMessage => ({
  conversationId: EXAMPLE_CONVERSATION,
  seq,
  clientId: null,
  author: 'assistant',
  text: '',
  attachments: [],
  createdAt: minutesAfterNoon(seq),
  ...over,
});

/** The conversation as the server sends it in `chat:state` (with the assistant, operators at work). */
export const chatState = (over: Partial<ChatState> = {}): ChatState => ({
  conversationId: EXAMPLE_CONVERSATION,
  status: 'assistant',
  kind: 'technical',
  summary: 'Не приходит код подтверждения',
  operators: { open: true },
  lastSeq: 0,
  citizenReadSeq: 0,
  operatorReadSeq: 0,
  rated: false,
  ...over,
});

/** A system line of `kind`, with its text from the catalogue (the server sends the Russian one). */
export const systemLine = (seq: number, kind: keyof ChatMessages['system'], texts: ChatMessages, operatorName?: string): ChatMessage =>
  chatMessage(seq, { author: 'system', systemKind: kind, text: texts.system[kind](operatorName), ...(operatorName ? { operatorName } : {}) });

type Responder = (payload: unknown) => unknown;

/**
 * The connection as the session sees it: `open()` "connects" at once (the session resumes, then
 * the link is ready), requests are answered by the responders (an Error is thrown as it is, as a
 * refused ack would be), and `drop()` loses the connection as the browser going offline does.
 */
export class StoryChatLink implements ChatLink {
  state: ConnectionState = 'connecting';
  isReady = false;
  readonly sent: { event: string; payload: unknown }[] = [];

  constructor(
    readonly handlers: ChatConnectionHandlers,
    private readonly responders: Record<string, Responder>,
  ) {}

  open(): void {
    void this.connect();
  }

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
    this.isReady = false;
  }

  notify(): void {
    // Typing notices go nowhere.
  }

  async request<S extends z.ZodMiniType>(event: string, payload: unknown, schema: S, options: ChatRequestOptions = {}): Promise<z.output<S>> {
    // As the real connection: a request waits a moment for the connection to be ready.
    for (let i = 0; i < 50 && !this.isReady && !options.early && this.state !== 'offline'; i++) await new Promise((r) => setTimeout(r, 10));
    if (!this.isReady && !options.early) throw new ChatRequestError('offline', 'not connected');
    this.sent.push({ event, payload });
    await Promise.resolve();
    const responder = this.responders[event];
    if (!responder) throw new ChatRequestError('bad_response', `The story does not answer ${event}`);
    const answer = responder(payload);
    if (answer instanceof Error) throw answer;
    return schema.parse(answer) as z.output<S>;
  }
}

/** The chat's device storage in memory (a story never leaves a conversation in IndexedDB). */
class MemoryChatStore {
  private saved?: StoredConversation;
  private readonly entries = new Map<string, OutboxEntry>();

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
    this.entries.set(entry.clientId, entry);
    return true;
  }
  async remove(clientId: string) {
    this.entries.delete(clientId);
  }
}

/** What the story's server knows: a conversation on this device to resume, and the answers to the citizen's requests. */
export interface ChatScenario {
  /** A conversation kept on this device: the session resumes it and gets these. Absent: the opening form. */
  resume?: { state: ChatState; messages: ChatMessage[] };
  /** Answers by event (`chat:start`, `chat:send`, `chat:handoff`, `chat:rate`…), added to those of `resume` and `chat:read`. */
  responders?: Record<string, Responder>;
}

/** The fake server of the story being shown (set by its `beforeEach`). */
export interface ChatServer {
  /** The connection the session opened (once it has). */
  readonly link: StoryChatLink | undefined;
  /** What `gs-chat` is given as `sessionOptions`. */
  readonly sessionOptions: Partial<ChatSessionOptions>;
}

let current: ChatServer | undefined;

/** The story's fake server. */
export function chatServer(): ChatServer {
  if (!current) throw new Error('no chat server: the story needs chatBackend() in its beforeEach');
  return current;
}

/**
 * The chat's backend for one story (a `beforeEach`: returns the cleanup): the scenario's
 * conversation and answers behind a fake connection, storage in memory, one attempt per message
 * (a failed send shows at once), and `fetch` mocked with no routes, so any HTTP request fails
 * the story.
 */
export function chatBackend(scenario: ChatScenario = {}): () => void {
  const store = new MemoryChatStore();
  const resume = scenario.resume;
  const responders: Record<string, Responder> = {
    'chat:read': () => ({ ok: true }),
    ...(resume ? { 'chat:resume': () => ({ ok: true, state: resume.state, messages: resume.messages, hasMore: false }) } : {}),
    ...scenario.responders,
  };
  if (resume) void store.saveConversation(resume.state.conversationId, EXAMPLE_TOKEN, 0);
  let link: StoryChatLink | undefined;
  const server: ChatServer = {
    get link() {
      return link;
    },
    sessionOptions: {
      store: store as unknown as ChatStore,
      sendRetries: 0,
      connect: (_backend, handlers) => (link = new StoryChatLink(handlers, responders)),
    },
  };
  current = server;
  const restoreFetch = mockFetch({});
  return () => {
    if (current === server) current = undefined;
    restoreFetch();
  };
}

/** `chat:start` as the server answers it: the conversation, its state, the citizen's question as its first message. */
export const startResponder =
  (state: ChatState): Responder =>
  (body) => ({
    ok: true,
    conversationId: state.conversationId,
    token: EXAMPLE_TOKEN,
    state: { ...state, lastSeq: 1 },
    messages: [chatMessage(1, { author: 'citizen', text: (body as { question: string }).question })],
  });

/** `chat:send` as the server answers it: the message stored with the next seq after `lastSeq`. */
export function sendResponder(lastSeq: number): Responder {
  let seq = lastSeq;
  return (payload) => {
    const { clientId, text } = payload as { clientId: string; text: string };
    const message = chatMessage(++seq, { author: 'citizen', clientId, text });
    return { ok: true, seq: message.seq, duplicate: false, message };
  };
}
