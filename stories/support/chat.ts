/**
 * The chat's stories without a network: the fake chat connection and the in-memory storage of
 * ./fake-chat.ts (the component tests use the same), and the example conversation the stories
 * show. Nothing here opens a socket: what the server would answer comes from the story's
 * responders, and what the server would push (a message, the queue, typing, read marks) the
 * story's `play` sends through the handlers the session gave the fake.
 *
 * All names, numbers, addresses and articles here are example data.
 */
import type { ChatSessionOptions } from '../../src/features/chat/chat-session-controller.js';
import type { ChatMessages } from '../../src/features/chat/texts/messages.js';
import type { ChatMessage, ChatState } from '../../src/protocol/chat.js';
import { FakeChatLink, MemoryChatStore, type Responder } from './fake-chat.js';
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
  readonly link: FakeChatLink | undefined;
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
  let link: FakeChatLink | undefined;
  const server: ChatServer = {
    get link() {
      return link;
    },
    sessionOptions: {
      store: store.asStore(),
      sendRetries: 0,
      connect: (_backend, handlers) => (link = new FakeChatLink(handlers, responders)),
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
