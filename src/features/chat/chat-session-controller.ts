import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  CHAT_EVENTS,
  chatAttachmentPath,
  ChatOkAck,
  ChatResumeAck,
  ChatStartAck,
  ChatStateAck,
  ChatSyncAck,
  type ChatAttachment,
  type ChatMessage,
  type ChatQueueInfo,
  type ChatOpening,
  type ChatState,
} from '../../protocol/chat.js';
import { ChatConnection, ChatRequestError, type ChatConnectionHandlers, type ConnectionState } from './chat-connection.js';
import { ChatOutbox } from './chat-outbox.js';
import { mergeMessages, problemOf, type ChatLink, type ChatProblem, type PendingMessage } from './chat-model.js';

export { mergeMessages, problemOf, type ChatLink, type ChatProblem, type PendingMessage };
import { ChatStore } from './chat-store.js';

/** A file download gives up after this long. */
const DOWNLOAD_TIMEOUT_MS = 30_000;

/** loading: looking for a conversation on this device; opening: the structured opening; conversation; ended: closed (rate it, take the transcript). */
export type ChatPhase = 'loading' | 'opening' | 'conversation' | 'ended';

export interface ChatSessionOptions {
  backend: () => string;
  /** Default: IndexedDB. */
  store?: ChatStore;
  /** Default: a Socket.IO connection to `backend`. */
  connect?: (backend: string, handlers: ChatConnectionHandlers) => ChatLink;
  /** Attempts of one message beyond the first before it shows as not sent. */
  sendRetries?: number;
  sendTimeoutMs?: number;
  /** A message from the assistant or an operator arrived live (the launcher counts it while the panel is closed). */
  onIncoming?: () => void;
}

/**
 * The citizen's chat session: the conversation kept on this device and resumed on every
 * (re)connect with the last seq seen; messages merged by seq (never twice); the outbox of unsent
 * messages (IndexedDB, or memory only for one with a document number) flushed in order whenever
 * the connection is ready, by one tab at a time (a Web Lock per conversation; the server drops
 * repeats by clientId anyway); bounded retries, then «Не отправлено — повторить»; the connection
 * state, queue place, operator typing and read marks. Renders nothing: `gs-chat` shows `this`.
 */
export class ChatSessionController implements ReactiveController {
  phase: ChatPhase = 'loading';
  connection: ConnectionState = 'connecting';
  /** Set once the connection was lost at least once: «Чат подключён» is then worth saying. */
  wasInterrupted = false;
  state?: ChatState | undefined;
  messages: ChatMessage[] = [];
  queue?: ChatQueueInfo | undefined;
  typing?: { operatorName?: string | undefined } | undefined;
  /** The last failed action (start, handoff, end…), until the next one. */
  problem?: ChatProblem | undefined;
  /** The last conversation was lost (expired, unknown): said above the opening form. */
  lost = false;
  busy = false;

  private link?: ChatLink | undefined;
  private conversation?: { id: string; token: string } | undefined;
  private abort = new AbortController();
  private typingTimer?: ReturnType<typeof setTimeout>;
  private typingSent = 0;
  private readSent = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ChatSessionOptions,
  ) {
    const session = this;
    this.outbox = new ChatOutbox(
      {
        get link() {
          return session.link;
        },
        get conversationId() {
          return session.conversation?.id;
        },
        get signal() {
          return session.abort.signal;
        },
        get store() {
          return session.store;
        },
        shows: (clientId) => this.messages.some((m) => m.clientId === clientId),
        acknowledged: (message) => this.receive([message]),
        changed: () => this.host.requestUpdate(),
      },
      // Read when a message goes: gs-chat applies its `sessionOptions` after this constructor.
      {
        get retries() {
          return options.sendRetries;
        },
        get timeoutMs() {
          return options.sendTimeoutMs;
        },
      },
    );
    host.addController(this);
  }

  private get store(): ChatStore {
    return (this.options.store ??= new ChatStore());
  }

  private readonly outbox: ChatOutbox;

  /** The citizen's messages not acknowledged yet, in order. */
  get pending(): readonly PendingMessage[] {
    return this.outbox.pending;
  }

  hostConnected(): void {
    this.abort = new AbortController();
    void this.boot();
  }

  hostDisconnected(): void {
    this.abort.abort();
    this.link?.close();
    this.link = undefined;
    clearTimeout(this.typingTimer);
  }

  /** The highest seq shown. */
  get lastSeq(): number {
    return this.messages.at(-1)?.seq ?? 0;
  }

  get conversationId(): string | undefined {
    return this.conversation?.id;
  }

  private async boot(): Promise<void> {
    const signal = this.abort.signal;
    const saved = await this.store.conversation();
    if (signal.aborted) return;
    if (!saved) {
      if (this.phase === 'loading') this.setPhase('opening');
      return;
    }
    this.conversation = { id: saved.conversationId, token: saved.token };
    const outbox = await this.store.outbox(saved.conversationId);
    if (signal.aborted) return;
    this.outbox.restore(outbox);
    this.setPhase('conversation');
    this.connect();
  }

  private connect(): void {
    if (this.link) return;
    const handlers: ChatConnectionHandlers = {
      connection: (state) => {
        if (state !== 'connected' && state !== 'connecting') this.wasInterrupted = true;
        this.connection = state;
        this.host.requestUpdate();
        // Resumed: what waited in the outbox goes now.
        if (state === 'connected') void this.flush();
      },
      connected: () => this.resume(),
      message: (m) => {
        const fresh = m.seq > this.lastSeq && (m.author === 'operator' || m.author === 'assistant');
        this.receive([m]);
        if (fresh) this.options.onIncoming?.();
      },
      state: (s) => this.applyState(s),
      queue: (q) => {
        this.queue = q;
        this.host.requestUpdate();
      },
      typing: (t) => {
        if (t.conversationId !== this.conversation?.id || t.author !== 'operator') return;
        clearTimeout(this.typingTimer);
        this.typing = t.typing ? { operatorName: t.operatorName } : undefined;
        // A lost «stopped typing» must not leave the line forever.
        if (t.typing) this.typingTimer = setTimeout(() => ((this.typing = undefined), this.host.requestUpdate()), 8000);
        this.host.requestUpdate();
      },
      read: (r) => {
        if (!this.state || r.conversationId !== this.state.conversationId) return;
        this.state = r.by === 'operator' ? { ...this.state, operatorReadSeq: Math.max(this.state.operatorReadSeq, r.seq) } : { ...this.state, citizenReadSeq: Math.max(this.state.citizenReadSeq, r.seq) };
        this.host.requestUpdate();
      },
      error: (message) => this.show({ kind: 'server', message }),
    };
    const connect = this.options.connect ?? ((backend, h) => new ChatConnection(backend, h));
    this.link = connect(this.options.backend(), handlers);
    this.link.open();
  }

  /** On every (re)connect: resume with the token and the last seq shown; then the outbox. */
  private async resume(): Promise<void> {
    const conversation = this.conversation;
    if (!conversation || !this.link) return;
    try {
      const ack = await this.link.request(
        CHAT_EVENTS.resume,
        { conversationId: conversation.id, token: conversation.token, lastSeenSeq: this.lastSeq },
        ChatResumeAck,
        { early: true, timeoutMs: 10_000, signal: this.abort.signal },
      );
      this.applyState(ack.state);
      this.receive(ack.messages);
      if (ack.hasMore) await this.sync(this.lastSeq);
    } catch (error) {
      if (error instanceof ChatRequestError && (error.code === 'not_found' || error.code === 'unauthorized')) {
        await this.reset(true);
      }
      throw error;
    }
  }

  private applyState(state: ChatState): void {
    if (this.conversation && state.conversationId !== this.conversation.id) return;
    this.state = state;
    this.queue = state.status === 'waiting' ? state.queue : undefined;
    if (state.status !== 'active') this.typing = undefined;
    this.setPhase(state.status === 'closed' ? 'ended' : 'conversation');
  }

  /** New messages: merged by seq; a gap (a lost event) is filled with `chat:sync`. */
  private receive(incoming: readonly ChatMessage[]): void {
    const mine = incoming.filter((m) => m.conversationId === this.conversation?.id);
    if (mine.length === 0) return;
    const before = this.lastSeq;
    this.messages = mergeMessages(this.messages, mine);
    const sent = new Set(mine.flatMap((m) => (m.author === 'citizen' && m.clientId ? [m.clientId] : [])));
    this.outbox.delivered(sent);
    if (mine.some((m) => m.author === 'operator')) this.typing = undefined;
    const first = Math.min(...mine.map((m) => m.seq));
    if (before > 0 && first > before + 1) void this.sync(before);
    if (this.conversation) void this.store.saveLastSeen(this.conversation.id, this.lastSeq);
    this.host.requestUpdate();
  }

  /** Everything after `after`, page by page (`hasMore`). */
  private async sync(after: number): Promise<void> {
    try {
      for (let from = after, more = true; more && this.link; from = this.lastSeq) {
        const ack = await this.link.request(CHAT_EVENTS.sync, { lastSeenSeq: from }, ChatSyncAck, { timeoutMs: 10_000, early: true });
        this.applyState(ack.state);
        this.receive(ack.messages);
        more = ack.hasMore && ack.messages.length > 0;
      }
    } catch {
      // The next reconnect resumes anyway.
    }
  }

  // ---- what the citizen does ----

  /**
   * Starts the conversation from the opening form. Throws (and shows) its problem. One `startId`
   * per submission: an attempt whose ack was lost is sent again with it, and the server answers
   * with the conversation it made (a new token), never a second one.
   */
  async start(opening: ChatOpening): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.show(undefined);
    this.lost = false;
    this.connect();
    try {
      const body = { ...opening, startId: crypto.randomUUID() };
      const ack = await this.link!.request(CHAT_EVENTS.start, body, ChatStartAck, { timeoutMs: 10_000, retries: 2, signal: this.abort.signal });
      this.conversation = { id: ack.conversationId, token: ack.token };
      await this.store.saveConversation(ack.conversationId, ack.token, 0);
      this.applyState(ack.state);
      this.receive(ack.messages);
    } catch (error) {
      this.show(problemOf(error));
      throw error;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  /** Puts a message in the outbox and sends it when it can. */
  send(text: string, attachments: readonly string[] = []): void {
    const id = this.conversation?.id;
    if (!id || (text.trim() === '' && attachments.length === 0)) return;
    this.setTyping(false);
    this.outbox.add(id, text, attachments);
  }

  /** «Повторить» on a message that was not sent. */
  retry(clientId: string): void {
    this.outbox.retry(clientId);
  }

  /** Sends what waits in the outbox (when connected). */
  flush(): Promise<void> {
    return this.outbox.flush();
  }

  /** «Позвать оператора». */
  handoff(): Promise<void> {
    return this.act(async (link) => this.applyState((await link.request(CHAT_EVENTS.handoff, {}, ChatStateAck, { retries: 2 })).state));
  }

  /** «Завершить чат». */
  end(): Promise<void> {
    return this.act(async (link) => this.applyState((await link.request(CHAT_EVENTS.end, {}, ChatStateAck, { retries: 2 })).state));
  }

  rate(score: number, comment: string): Promise<void> {
    const body = comment.trim() ? { score, comment: comment.trim() } : { score };
    return this.act(async (link) => {
      await link.request(CHAT_EVENTS.rate, body, ChatOkAck, { retries: 1 });
      if (this.state) this.state = { ...this.state, rated: true };
    }, true);
  }

  emailTranscript(email: string): Promise<void> {
    return this.act((link) => link.request(CHAT_EVENTS.transcriptEmail, { email }, ChatOkAck, { timeoutMs: 15_000 }).then(() => undefined), true);
  }

  /**
   * A file of the conversation (the operator's or the citizen's own), fetched over HTTP with the
   * conversation's token, 30 s at most. Undefined when it could not be: its problem is shown.
   */
  async download(attachment: ChatAttachment): Promise<Blob | undefined> {
    const conversation = this.conversation;
    if (!conversation) return undefined;
    this.show(undefined);
    try {
      const answer = await fetch(`${this.options.backend()}${chatAttachmentPath(conversation.id, attachment.id)}`, {
        headers: { authorization: `Bearer ${conversation.token}` },
        credentials: 'omit',
        signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
      });
      if (!answer.ok) throw new Error(`HTTP ${answer.status}`);
      return await answer.blob();
    } catch {
      this.show(navigator.onLine ? { kind: 'download', message: attachment.name } : { kind: 'offline' });
      return undefined;
    }
  }

  /** The citizen types: «печатает» at most every 3 s, «перестал» after 4 s of quiet. */
  setTyping(typing: boolean): void {
    if (this.state?.status !== 'active' || !this.link) return;
    clearTimeout(this.typingTimer);
    const now = Date.now();
    if (typing) {
      if (now - this.typingSent > 3000) {
        this.typingSent = now;
        this.link.notify(CHAT_EVENTS.typing, { typing: true });
      }
      this.typingTimer = setTimeout(() => this.setTyping(false), 4000);
    } else if (this.typingSent) {
      this.typingSent = 0;
      this.link.notify(CHAT_EVENTS.typing, { typing: false });
    }
  }

  /** The log was seen: tells the server the last seq read (once per seq). */
  markRead(): void {
    const last = this.messages.at(-1);
    if (!last || !this.link?.isReady || !this.state || last.seq <= Math.max(this.readSent, this.state.citizenReadSeq)) return;
    this.readSent = last.seq;
    void this.link.request(CHAT_EVENTS.read, { seq: last.seq }, ChatOkAck, { timeoutMs: 5000 }).catch(() => (this.readSent = 0));
  }

  /** «Начать новый чат»: forgets this conversation on the device. */
  async newChat(): Promise<void> {
    await this.reset(false);
  }

  private async reset(lost: boolean): Promise<void> {
    this.link?.close();
    this.link = undefined;
    this.conversation = undefined;
    this.state = undefined;
    this.messages = [];
    this.outbox.clear();
    this.queue = undefined;
    this.typing = undefined;
    this.readSent = 0;
    this.lost = lost;
    this.problem = undefined;
    this.connection = 'connecting';
    this.wasInterrupted = false;
    await this.store.forget();
    this.setPhase('opening');
  }

  private async act(task: (link: ChatLink) => Promise<void>, rethrow = false): Promise<void> {
    if (!this.link) return;
    this.show(undefined);
    try {
      await task(this.link);
    } catch (error) {
      const problem = problemOf(error);
      if (!rethrow) this.show(problem);
      if (problem.kind === 'lost') await this.reset(true);
      if (rethrow) throw error;
    } finally {
      this.host.requestUpdate();
    }
  }

  private show(problem: ChatProblem | undefined): void {
    this.problem = problem;
    this.host.requestUpdate();
  }

  private setPhase(phase: ChatPhase): void {
    this.phase = phase;
    this.host.requestUpdate();
  }
}
