import { z } from 'zod/mini';
import { redactSensitive } from '../../protocol/validators.js';

/**
 * The chat on this device, in IndexedDB (plain IndexedDB: the `idb` wrapper the drafts use would
 * become a shared chunk of its own and cost the request and callback files a request each): the current conversation (id, token, the
 * last seq seen), so that a reload comes back to it, and the outbox of messages not yet
 * acknowledged, by `clientId`, in the order they were written. A message with a passport-,
 * СНИЛС- or ИНН-like number is never written here (the session keeps it in memory only).
 * Every method resolves, also when storage is missing or broken: the chat then lives in memory.
 */

export const CHAT_DB_NAME = 'gov-support-widget-chat';
const CHAT_DB_VERSION = 1;
const CURRENT = 'current';

export const StoredConversation = z.object({
  key: z.literal(CURRENT),
  conversationId: z.string().check(z.minLength(1), z.maxLength(64)),
  token: z.string().check(z.minLength(1), z.maxLength(200)),
  lastSeenSeq: z.number(),
  savedAt: z.number(),
});
export type StoredConversation = z.infer<typeof StoredConversation>;

export const OutboxEntry = z.object({
  clientId: z.string(),
  conversationId: z.string(),
  text: z.string(),
  attachments: z.array(z.string()),
  /** Position in the outbox (milliseconds with a counter): what was written first is sent first. */
  order: z.number(),
  /** Retries ran out: waits for the citizen's «Повторить». */
  failed: z.optional(z.boolean()),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

/** Whether `text` holds a passport-, СНИЛС- or ИНН-like number (the drafts' detector). */
export const hasSensitiveNumber = (text: string): boolean => redactSensitive(text) !== text;

type StoreName = 'conversation' | 'outbox';

/** An IDBRequest as a promise. */
const done = <T>(request: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

/** A transaction's completion as a promise. */
const committed = (tx: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error);
  });

export class ChatStore {
  private opening?: Promise<IDBDatabase | undefined>;

  constructor(private readonly name = CHAT_DB_NAME) {}

  async conversation(): Promise<StoredConversation | undefined> {
    // Never started on this device: nothing to read, and reading must not create the database
    // (someone who only looked at the chat leaves nothing behind; the first conversation's save
    // creates it).
    if (!this.opening && !(await this.exists())) return undefined;
    const found = await this.run('conversation', 'readonly', (store) => done(store.get(CURRENT)));
    const parsed = StoredConversation.safeParse(found);
    return parsed.success ? parsed.data : undefined;
  }

  async saveConversation(conversationId: string, token: string, lastSeenSeq = 0, now = Date.now()): Promise<void> {
    await this.run('conversation', 'readwrite', (store) => done(store.put({ key: CURRENT, conversationId, token, lastSeenSeq, savedAt: now })));
  }

  /** Moves the last seen seq forward (never back: another tab may be ahead). */
  async saveLastSeen(conversationId: string, seq: number): Promise<void> {
    await this.run('conversation', 'readwrite', async (store) => {
      const parsed = StoredConversation.safeParse(await done(store.get(CURRENT)));
      if (parsed.success && parsed.data.conversationId === conversationId && parsed.data.lastSeenSeq < seq) await done(store.put({ ...parsed.data, lastSeenSeq: seq }));
    });
  }

  /** Forgets the conversation and its outbox (a new chat). */
  async forget(): Promise<void> {
    await this.run('conversation', 'readwrite', (store) => done(store.clear()));
    await this.run('outbox', 'readwrite', (store) => done(store.clear()));
  }

  /** The outbox of `conversationId`, oldest first. */
  async outbox(conversationId: string): Promise<OutboxEntry[]> {
    const all = (await this.run('outbox', 'readonly', (store) => done(store.getAll()))) ?? [];
    return all
      .map((entry) => OutboxEntry.safeParse(entry))
      .flatMap((parsed) => (parsed.success && parsed.data.conversationId === conversationId ? [parsed.data] : []))
      .sort((a, b) => a.order - b.order);
  }

  /** Keeps an unsent message; refuses (false) one with a sensitive number, which must stay in memory. */
  async put(entry: OutboxEntry): Promise<boolean> {
    if (hasSensitiveNumber(entry.text)) return false;
    return (await this.run('outbox', 'readwrite', async (store) => (await done(store.put(entry)), true))) ?? false;
  }

  async remove(clientId: string): Promise<void> {
    await this.run('outbox', 'readwrite', (store) => done(store.delete(clientId)));
  }

  /** Whether the database is on this device (true where the browser cannot say). */
  private async exists(): Promise<boolean> {
    if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return true;
    try {
      return (await indexedDB.databases()).some((db) => db.name === this.name);
    } catch {
      return true;
    }
  }

  private database(): Promise<IDBDatabase | undefined> {
    if (typeof indexedDB === 'undefined') return Promise.resolve(undefined);
    this.opening ??= new Promise<IDBDatabase | undefined>((resolve) => {
      const request = indexedDB.open(this.name, CHAT_DB_VERSION);
      request.onupgradeneeded = () => {
        request.result.createObjectStore('conversation', { keyPath: 'key' });
        request.result.createObjectStore('outbox', { keyPath: 'clientId' });
      };
      request.onsuccess = () => {
        const db = request.result;
        // Another tab wants a newer version (or to delete it): step aside, reopen next time.
        db.onversionchange = () => {
          db.close();
          this.opening = undefined;
        };
        resolve(db);
      };
      request.onerror = request.onblocked = () => resolve(undefined);
    });
    return this.opening;
  }

  private async run<T>(name: StoreName, mode: IDBTransactionMode, op: (store: IDBObjectStore) => Promise<T>): Promise<T | undefined> {
    try {
      const db = await this.database();
      if (!db) return undefined;
      const tx = db.transaction(name, mode);
      const [result] = await Promise.all([op(tx.objectStore(name)), committed(tx)]);
      return result;
    } catch {
      this.opening = undefined;
      return undefined;
    }
  }
}
