import {
  ChatRequestError,
  OperatorChatConnection,
  type ChatAssignedEvent,
  type ChatConversation,
  type ChatLinkEvent,
  type ChatLinkState,
  type ChatMessage,
  type ChatMessageEvent,
  type ChatReadMarkEvent,
  type ChatTypingEventOf,
  type ChatWaitingEvent,
  type OperatorChatStatus,
  type OperatorChatSummary,
} from './chat-connection.js';
import { uploadFile } from '../src/shared/attachments/upload.js';
import { systemText } from './chat-text.js';
import { messages } from './messages.js';

/** A citizen's typing mark lapses after this long without news (a lost «stopped»). */
export const TYPING_LAPSE_MS = 8_000;

/** One conversation the console has opened: its summary, its messages in seq order, its marks. */
export interface ChatThread {
  conversation: OperatorChatSummary;
  messages: ChatMessage[];
  /** Whether this operator may write in it (taken, not closed, not handed on). */
  mine: boolean;
  citizenTyping: boolean;
  /** The last seq this operator marked read. */
  readSeq: number;
}

/** The change a session reports: `announce` is news worth saying aloud (a polite status line). */
export class ChatSessionChangeEvent extends Event {
  constructor(readonly announce = '') {
    super('change');
  }
}

const STATUS_KEY = 'gs-operator-chat-status';
const SENIOR_KEY = 'gs-operator-chat-senior';

/**
 * The operator's chat as state: the connection's link, their status, the waiting queue (each
 * with the moment it started waiting, for a live wait), their own conversations and the threads
 * they opened. It does no rendering: the chat view listens to `change`. It lives as long as the
 * console's login (switching sections keeps the operator connected and their conversations open).
 */
export class OperatorChatSession extends EventTarget {
  link: ChatLinkState = { kind: 'connecting' };
  status: OperatorChatStatus = sessionStorage.getItem(STATUS_KEY) === 'away' ? 'away' : 'available';
  senior = sessionStorage.getItem(SENIOR_KEY) === '1';
  availableOperators = 0;
  waiting: OperatorChatSummary[] = [];
  mine: OperatorChatSummary[] = [];
  /** My conversations closed in the last 24 hours, with the citizens' ratings. */
  recent: OperatorChatSummary[] = [];
  /** Conversation id → when it started waiting, by this page's clock. */
  readonly waitingSince = new Map<string, number>();
  readonly threads = new Map<string, ChatThread>();
  /** The thread shown in the conversation pane. */
  openId = '';
  private connection: OperatorChatConnection;
  private readonly typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Takes under way: their `op:assigned` is no news. */
  private readonly taking = new Set<string>();

  constructor(
    private readonly ticket: () => Promise<string>,
    /** This operator's name: their own closing is no news to them. */
    private readonly operatorName = '',
    private readonly backend = '',
  ) {
    super();
    this.connection = this.connect();
  }

  /** Listens to the session's changes; returns the unsubscribe. */
  subscribe(listener: (event: ChatSessionChangeEvent) => void): () => void {
    const handler = (event: Event) => listener(event as ChatSessionChangeEvent);
    this.addEventListener('change', handler);
    return () => this.removeEventListener('change', handler);
  }

  private connect(): OperatorChatConnection {
    const connection = new OperatorChatConnection({ backend: this.backend, ticket: this.ticket, senior: this.senior });
    connection.on('link', (e) => void this.onLink(e));
    connection.on('waiting', (e) => this.onWaiting(e));
    connection.on('assigned', (e) => this.onAssigned(e));
    connection.on('message', (e) => this.onMessage(e));
    connection.on('typing', (e) => this.onTyping(e));
    connection.on('read', (e) => this.onRead(e));
    connection.open();
    return connection;
  }

  get openThread(): ChatThread | undefined {
    return this.openId ? this.threads.get(this.openId) : undefined;
  }

  private changed(announce = '') {
    this.dispatchEvent(new ChatSessionChangeEvent(announce));
  }

  retry(): void {
    this.connection.retry();
  }

  /** Logout or an expired session: disconnects for good. */
  shutdown(): void {
    this.connection.shutdown();
    for (const timer of this.typingTimers.values()) clearTimeout(timer);
    this.typingTimers.clear();
  }

  /** Shown at once (a radio must not spring back while the server answers); undone if refused. */
  async setStatus(status: OperatorChatStatus): Promise<void> {
    const before = this.status;
    this.status = status;
    this.changed();
    let answer;
    try {
      answer = await this.connection.setStatus(status);
    } catch (error) {
      this.status = before;
      this.changed();
      throw error;
    }
    this.status = answer.status;
    this.availableOperators = answer.availableOperators;
    sessionStorage.setItem(STATUS_KEY, answer.status);
    this.changed();
  }

  /** Senior specialist or not is said in the handshake: a new connection. */
  setSenior(senior: boolean): void {
    if (senior === this.senior) return;
    this.senior = senior;
    sessionStorage.setItem(SENIOR_KEY, senior ? '1' : '0');
    this.connection.shutdown();
    this.connection = this.connect();
    this.changed();
  }

  /** Takes a waiting conversation and opens it; a ChatRequestError when another operator was first. */
  async take(conversationId: string): Promise<ChatThread> {
    this.taking.add(conversationId);
    let taken: ChatConversation;
    try {
      taken = await this.connection.take(conversationId);
    } finally {
      this.taking.delete(conversationId);
    }
    const thread = this.store(taken, true);
    if (taken.hasMore) void this.loadRest(conversationId).catch(() => {});
    this.waiting = this.waiting.filter((c) => c.conversationId !== conversationId);
    this.upsertMine(taken.conversation);
    this.openId = conversationId;
    this.changed();
    return thread;
  }

  /** Shows one of my conversations (loading its history the first time). */
  async open(conversationId: string): Promise<void> {
    this.openId = conversationId;
    this.changed();
    if (!this.threads.has(conversationId)) {
      const loaded = await this.loadFrom(conversationId, 0);
      this.store(loaded, loaded.conversation.status === 'active');
      this.changed();
    }
  }

  /**
   * Sends a reply with its files: each file is uploaded first (`POST /uploads`, the same checks
   * as the citizen's), once per `clientId` — a retry after a lost answer reuses the ids.
   */
  async reply(conversationId: string, clientId: string, text: string, files: readonly File[] = []): Promise<void> {
    let ids = this.uploadsOf.get(clientId);
    if (!ids) {
      ids = [];
      for (const file of files) {
        try {
          ids.push((await uploadFile('', file)).id);
        } catch (error) {
          throw new ChatRequestError('validation_failed', messages.chat.fileFailed(file.name, error instanceof Error ? error.message : String(error)));
        }
      }
      this.uploadsOf.set(clientId, ids);
    }
    const message = await this.connection.reply(conversationId, clientId, text, ids);
    this.uploadsOf.delete(clientId);
    this.addMessage(message);
    this.changed();
  }

  /** Upload ids of replies not acknowledged yet, by clientId. */
  private readonly uploadsOf = new Map<string, string[]>();

  typing(conversationId: string, typing: boolean): void {
    if (this.threads.get(conversationId)?.mine) this.connection.typing(conversationId, typing);
  }

  /** Marks everything shown read (once per new seq). */
  markRead(conversationId: string): void {
    const thread = this.threads.get(conversationId);
    const last = thread?.messages.at(-1)?.seq ?? 0;
    if (!thread?.mine || last <= thread.readSeq) return;
    thread.readSeq = last;
    this.connection.read(conversationId, last).catch(() => {
      thread.readSeq = Math.min(thread.readSeq, last - 1);
    });
    this.changed();
  }

  async transfer(conversationId: string, toOperator: string): Promise<void> {
    this.handedOn(await this.connection.transfer(conversationId, toOperator));
  }

  async escalate(conversationId: string, note?: string): Promise<void> {
    this.handedOn(await this.connection.escalate(conversationId, note));
  }

  async returnToQueue(conversationId: string): Promise<void> {
    this.handedOn(await this.connection.returnToQueue(conversationId));
  }

  async close(conversationId: string): Promise<void> {
    this.handedOn(await this.connection.close(conversationId));
  }

  /** Unread citizen messages of a conversation of mine. */
  unread(conversationId: string): number {
    const thread = this.threads.get(conversationId);
    if (!thread) return 0;
    return thread.messages.filter((m) => m.author === 'citizen' && m.seq > thread.readSeq).length;
  }

  /** The conversation left me (transferred, escalated, returned, closed): read-only from now on. */
  private handedOn(conversation: OperatorChatSummary) {
    const thread = this.threads.get(conversation.conversationId);
    if (thread) {
      thread.conversation = conversation;
      thread.mine = false;
      thread.citizenTyping = false;
    }
    this.mine = this.mine.filter((c) => c.conversationId !== conversation.conversationId);
    this.changed();
  }

  /** The history after `after`, every page of it (500 messages a page). */
  private async loadFrom(conversationId: string, after: number): Promise<ChatConversation> {
    const first = await this.connection.history(conversationId, after);
    let page = first;
    const all = [...first.messages];
    while (page.hasMore && page.messages.length > 0) {
      page = await this.connection.history(conversationId, page.messages.at(-1)!.seq);
      all.push(...page.messages);
    }
    return { ...page, messages: all };
  }

  /** The rest of a taken conversation's history, when its take's answer was one page. */
  private async loadRest(conversationId: string) {
    const thread = this.threads.get(conversationId);
    if (!thread) return;
    const loaded = await this.loadFrom(conversationId, thread.messages.at(-1)?.seq ?? 0);
    this.store(loaded, thread.mine);
    this.changed();
  }

  private store(loaded: ChatConversation, mine: boolean): ChatThread {
    const id = loaded.conversation.conversationId;
    const thread: ChatThread = this.threads.get(id) ?? { conversation: loaded.conversation, messages: [], mine, citizenTyping: false, readSeq: 0 };
    thread.conversation = loaded.conversation;
    thread.mine = mine;
    this.threads.set(id, thread);
    for (const message of loaded.messages) this.addMessage(message);
    return thread;
  }

  /** In seq order, each seq once. */
  private addMessage(message: ChatMessage): ChatThread | undefined {
    const thread = this.threads.get(message.conversationId);
    if (!thread) return undefined;
    if (thread.messages.some((m) => m.seq === message.seq)) return thread;
    thread.messages = [...thread.messages, message].sort((a, b) => a.seq - b.seq);
    thread.conversation = { ...thread.conversation, lastSeq: Math.max(thread.conversation.lastSeq, message.seq) };
    return thread;
  }

  private upsertMine(conversation: OperatorChatSummary) {
    const rest = this.mine.filter((c) => c.conversationId !== conversation.conversationId);
    this.mine = [...rest, conversation];
  }

  private async onLink(event: ChatLinkEvent) {
    this.link = event.state;
    this.changed();
    if (event.state.kind !== 'connected') return;
    // (Re)connected: my status again, the lists, and what I missed in my conversations.
    try {
      if (this.status === 'away') await this.setStatus('away');
      const lists = await this.connection.list();
      this.setWaiting(lists.waiting);
      this.availableOperators = lists.availableOperators;
      this.mine = lists.mine;
      this.recent = lists.recent;
      for (const [id, thread] of this.threads) {
        if (!lists.mine.some((c) => c.conversationId === id)) thread.mine = false;
      }
      await Promise.all(
        lists.mine.map(async (c) => {
          const known = this.threads.get(c.conversationId);
          const loaded = await this.loadFrom(c.conversationId, known?.messages.at(-1)?.seq ?? 0);
          this.store(loaded, true);
        }),
      );
      this.changed();
    } catch {
      /* the next reconnect tries again */
    }
  }

  /** Asks again for the closed conversations (a rating may have come since). */
  async refreshRecent(): Promise<void> {
    this.recent = (await this.connection.list()).recent;
    this.changed();
  }

  private setWaiting(waiting: OperatorChatSummary[]) {
    const now = Date.now();
    const ids = new Set(waiting.map((c) => c.conversationId));
    for (const id of this.waitingSince.keys()) if (!ids.has(id)) this.waitingSince.delete(id);
    for (const c of waiting) this.waitingSince.set(c.conversationId, now - (c.waitSeconds ?? 0) * 1000);
    this.waiting = waiting;
  }

  private onWaiting(event: ChatWaitingEvent) {
    const before = this.waiting.length;
    this.setWaiting(event.waiting);
    this.availableOperators = event.availableOperators;
    this.changed(event.waiting.length > before ? messages.chat.queueChanged(event.waiting.length) : '');
  }

  private onAssigned(event: ChatAssignedEvent) {
    const conversation = event.conversation;
    this.upsertMine(conversation);
    const id = conversation.conversationId;
    const known = this.threads.get(id);
    // Taken here: the take's own answer says so. Transferred to me: news.
    if (known?.mine || this.taking.has(id)) return this.changed();
    this.loadFrom(id, 0).then(
      (loaded) => {
        this.store(loaded, true);
        this.changed();
      },
      () => {},
    );
    this.changed(messages.chat.assignedToMe(conversation.summary));
  }

  private onMessage(event: ChatMessageEvent) {
    const message = event.message;
    const thread = this.addMessage(message);
    if (!thread) return;
    let announce = '';
    if (message.author === 'citizen') {
      thread.citizenTyping = false;
      announce = messages.chat.newMessage(message.text);
    }
    if (message.author === 'system' && message.systemKind === 'closed') {
      thread.conversation = { ...thread.conversation, status: 'closed' };
      thread.mine = false;
      thread.citizenTyping = false;
      this.mine = this.mine.filter((c) => c.conversationId !== message.conversationId);
      if (message.operatorName !== this.operatorName) announce = systemText(message);
    }
    this.changed(announce);
  }

  private onTyping(event: ChatTypingEventOf) {
    const { conversationId, author, typing } = event.typing;
    const thread = this.threads.get(conversationId);
    if (!thread || author !== 'citizen') return;
    thread.citizenTyping = typing;
    clearTimeout(this.typingTimers.get(conversationId));
    if (typing) {
      this.typingTimers.set(
        conversationId,
        setTimeout(() => {
          thread.citizenTyping = false;
          this.changed();
        }, TYPING_LAPSE_MS),
      );
    }
    this.changed();
  }

  private onRead(event: ChatReadMarkEvent) {
    const { conversationId, by, seq } = event.read;
    const thread = this.threads.get(conversationId);
    if (!thread || by !== 'citizen') return;
    thread.conversation = { ...thread.conversation, citizenReadSeq: Math.max(thread.conversation.citizenReadSeq, seq) };
    this.changed();
  }
}

/** A Russian sentence for a failed chat event: the server's own message when it sent one. */
export function chatErrorText(error: unknown): string {
  if (!(error instanceof ChatRequestError)) return messages.errors.generic;
  if (error.code === 'network') return messages.errors.network;
  if (error.code === 'bad_response') return messages.errors.badResponse;
  if (/[А-Яа-яЁё]/.test(error.message)) return error.message;
  if (error.code === 'rate_limited') return messages.errors.rateLimited(error.retryAfterSeconds);
  if (error.code === 'forbidden') return messages.errors.forbidden;
  return messages.errors.generic;
}
