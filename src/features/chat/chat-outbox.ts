import { CHAT_EVENTS, ChatSendAck, type ChatMessage } from '../../protocol/chat.js';
import { ChatRequestError } from './chat-connection.js';
import { problemOf, type ChatLink, type PendingMessage } from './chat-model.js';
import { hasSensitiveNumber, type ChatStore, type OutboxEntry } from './chat-store.js';

/** What the outbox needs from its session. */
export interface OutboxSession {
  readonly link: ChatLink | undefined;
  readonly conversationId: string | undefined;
  readonly signal: AbortSignal;
  readonly store: ChatStore;
  /** Whether the log shows this message already (another tab sent it). */
  shows(clientId: string): boolean;
  /** The server stored a message: the session merges it. */
  acknowledged(message: ChatMessage): void;
  changed(): void;
}

let counter = 0;
const nextOrder = () => Date.now() * 1000 + (counter++ % 1000);

/**
 * The citizen's messages not yet acknowledged, in the order written: kept in IndexedDB (all tabs
 * of the conversation share it), or in memory only for one with a document number; sent in order
 * while the connection is ready, by one tab at a time (a Web Lock per conversation; the server
 * drops repeats by clientId anyway); bounded retries, then «Не отправлено — повторить».
 */
export class ChatOutbox {
  pending: PendingMessage[] = [];
  private flushing = false;
  private flushAgain = false;

  constructor(
    private readonly session: OutboxSession,
    private readonly options: { retries?: number | undefined; timeoutMs?: number | undefined },
  ) {}

  /** After a reload: what the device kept (this tab's memory-only messages stay). */
  restore(entries: readonly OutboxEntry[]): void {
    this.pending = [...entries.map((e) => pendingOf(e, true)), ...this.pending.filter((p) => !p.kept)];
    this.session.changed();
  }

  /** A new message: kept on the device unless it holds a document number; then a flush. */
  add(conversationId: string, text: string, attachments: readonly string[]): void {
    const entry: OutboxEntry = { clientId: crypto.randomUUID(), conversationId, text, attachments: [...attachments], order: nextOrder() };
    const kept = !hasSensitiveNumber(text);
    this.pending = [...this.pending, pendingOf(entry, kept)];
    this.session.changed();
    void (kept ? this.session.store.put(entry) : Promise.resolve()).then(() => this.flush());
  }

  /** «Повторить» on a message that was not sent. */
  retry(clientId: string): void {
    const item = this.pending.find((p) => p.clientId === clientId);
    const conversationId = this.session.conversationId;
    if (!item || !conversationId) return;
    this.update(clientId, { status: 'sending', error: undefined });
    if (item.kept) void this.session.store.put({ ...entryOf(item, conversationId), failed: false });
    void this.flush();
  }

  /** These messages reached the server (in any tab): no longer pending anywhere. */
  delivered(clientIds: ReadonlySet<string>): void {
    if (clientIds.size === 0) return;
    this.pending = this.pending.filter((p) => !clientIds.has(p.clientId));
    for (const clientId of clientIds) void this.session.store.remove(clientId);
  }

  clear(): void {
    this.pending = [];
  }

  /** Sends the outbox in order while connected, one tab at a time. */
  async flush(): Promise<void> {
    if (this.flushing) {
      this.flushAgain = true;
      return;
    }
    const { conversationId, signal } = this.session;
    if (!conversationId || !this.session.link?.isReady) return;
    this.flushing = true;
    try {
      do {
        this.flushAgain = false;
        const locks = (navigator as Navigator & { locks?: LockManager }).locks;
        const run = () => this.flushOnce(conversationId);
        if (locks) await locks.request(`gs-chat-outbox:${conversationId}`, { signal }, run);
        else await run();
      } while (this.flushAgain && this.session.link?.isReady && !signal.aborted);
    } catch {
      // Aborted (the view left): the outbox stays for the next time.
    } finally {
      this.flushing = false;
    }
  }

  private async flushOnce(conversationId: string): Promise<void> {
    const session = this.session;
    const byId = new Map<string, { entry: OutboxEntry; kept: boolean }>();
    for (const e of await session.store.outbox(conversationId)) byId.set(e.clientId, { entry: e, kept: true });
    // This tab's own view of its messages wins (a «Повторить» may not be written yet).
    for (const p of this.pending) byId.set(p.clientId, { entry: { ...entryOf(p, conversationId), failed: p.status === 'failed' }, kept: p.kept });
    const queue = [...byId.values()].filter(({ entry }) => !entry.failed).sort((a, b) => a.entry.order - b.entry.order);
    for (const { entry, kept } of queue) {
      const link = session.link;
      if (!link?.isReady || session.signal.aborted || session.conversationId !== conversationId) return;
      if (session.shows(entry.clientId)) {
        void session.store.remove(entry.clientId);
        continue;
      }
      try {
        const ack = await link.request(
          CHAT_EVENTS.send,
          { clientId: entry.clientId, text: entry.text, attachments: entry.attachments },
          ChatSendAck,
          { retries: this.options.retries ?? 2, timeoutMs: this.options.timeoutMs ?? 8000, signal: session.signal },
        );
        session.acknowledged(ack.message);
      } catch (error) {
        const code = error instanceof ChatRequestError ? error.code : 'bad_response';
        // Lost the connection: it stays «Отправляется…» and goes when the connection is back.
        if ((code === 'offline' && !session.link?.isReady) || code === 'not_found' || code === 'unauthorized') return;
        const problem = problemOf(error);
        if (!this.pending.some((p) => p.clientId === entry.clientId)) this.pending = [...this.pending, pendingOf(entry, kept)];
        this.update(entry.clientId, { status: 'failed', error: problem.kind === 'server' ? problem.message : undefined });
        if (kept) void session.store.put({ ...entry, failed: true });
      }
    }
  }

  private update(clientId: string, change: Partial<PendingMessage>): void {
    this.pending = this.pending.map((p) => (p.clientId === clientId ? { ...p, ...change } : p));
    this.session.changed();
  }
}

const pendingOf = (entry: OutboxEntry, kept: boolean): PendingMessage => ({
  clientId: entry.clientId,
  text: entry.text,
  attachments: entry.attachments,
  order: entry.order,
  status: entry.failed ? 'failed' : 'sending',
  kept,
});

const entryOf = (p: PendingMessage, conversationId: string): OutboxEntry => ({
  clientId: p.clientId,
  conversationId,
  text: p.text,
  attachments: [...p.attachments],
  order: p.order,
});
