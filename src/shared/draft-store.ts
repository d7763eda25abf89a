import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { redactSensitive } from '../protocol/validators.js';

/**
 * Form fields that never reach a draft (matched case-insensitively against every key, also in
 * nested objects). Any key that contains «passport» is dropped as well.
 */
export const SENSITIVE_DRAFT_FIELDS: readonly string[] = Object.freeze(['snils', 'inn', 'passport']);

/** The widget's IndexedDB database and its current schema version. */
export const DRAFT_DB_NAME = 'gov-support-widget';
export const DRAFT_DB_VERSION = 1;
/** Drafts older than this are dropped on load unless the caller passes its own TTL. */
export const DEFAULT_DRAFT_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const STORE = 'drafts';

/** An attachment kept with a draft: the file itself and, once uploaded, the server's upload id. */
export interface DraftFile {
  id?: string | undefined;
  name: string;
  type: string;
  size: number;
  blob: Blob;
}

/** One saved form: the latest state of `formId`, as written by the tab `tabId`. */
export interface Draft {
  formId: string;
  /** Milliseconds since the epoch, from the store's clock. */
  savedAt: number;
  tabId: string;
  value: Record<string, unknown>;
  files: DraftFile[];
}

/** Why drafts cannot be kept on this device. */
export type DraftsUnavailableReason = 'no-indexeddb' | 'open-failed' | 'blocked' | 'quota' | 'write-failed' | 'read-failed';

export interface DraftStoreOptions {
  /** Database name (tests use a unique one). */
  name?: string;
  /** Schema version to open (tests open a higher one to exercise upgrades). */
  version?: number;
  /** The clock for `savedAt` and the TTL. */
  now?: () => number;
  /** Default TTL for `load`. */
  ttlMs?: number;
  /** Keys dropped before writing; defaults to {@link SENSITIVE_DRAFT_FIELDS}. */
  sensitiveFields?: readonly string[];
  /** How long an open blocked by another tab's old connection may wait before giving up. */
  blockedTimeoutMs?: number;
  /** Called once, the first time drafts turn out not to be storable. */
  onUnavailable?: (reason: DraftsUnavailableReason, error?: unknown) => void;
}

interface DraftSchema extends DBSchema {
  drafts: { key: string; value: Draft };
}
type Db = IDBPDatabase<DraftSchema>;

/** Schema steps: each case upgrades from that version; later versions add `case 1:` and so on. */
function upgrade(db: Db, oldVersion: number): void {
  switch (oldVersion) {
    case 0:
      db.createObjectStore(STORE, { keyPath: 'formId' });
  }
}

const isDomError = (error: unknown, name: string) => error instanceof DOMException && error.name === name;

const isPlainObject = (value: object): value is Record<string, unknown> => [Object.prototype, null].includes(Object.getPrototypeOf(value));

function clean(input: unknown, fields: ReadonlySet<string>): unknown {
  if (typeof input === 'string') return redactSensitive(input);
  if (input === null || typeof input === 'number' || typeof input === 'boolean') return input;
  if (input instanceof Blob || input instanceof Date) return input;
  if (Array.isArray(input)) return input.map((item) => clean(item, fields));
  if (typeof input !== 'object' || !isPlainObject(input)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(input)) {
    const lower = key.toLowerCase();
    if (fields.has(lower) || lower.includes('passport')) continue;
    const cleaned = clean(item, fields);
    if (cleaned !== undefined) out[key] = cleaned;
  }
  return out;
}

/**
 * A copy of `value` fit for storage: sensitive keys removed, passport-, СНИЛС- and ИНН-like numbers
 * redacted in every string, and anything that is not plain data (functions, Maps, class instances
 * other than Blob/File and Date) left out.
 */
export function stripSensitive(value: Record<string, unknown>, fields: readonly string[] = SENSITIVE_DRAFT_FIELDS): Record<string, unknown> {
  return clean(value, new Set(fields.map((f) => f.toLowerCase()))) as Record<string, unknown>;
}

/**
 * Drafts in IndexedDB (through idb). Opens lazily on the first call; every method resolves, also
 * when storage is missing, blocked or full (then `available` turns false and `onUnavailable` runs
 * once). Sensitive data is stripped here, before anything is written.
 */
export class DraftStore {
  private conn: Db | undefined;
  private opening: Promise<Db | undefined> | undefined;
  private gate: Promise<undefined> = new Promise<undefined>(() => {});
  private broken = false;
  private failure: DraftsUnavailableReason | undefined;

  /** Only keeps the options: nothing touches IndexedDB before the first call. */
  constructor(private readonly options: DraftStoreOptions = {}) {}

  /** False once storing drafts has failed (no IndexedDB, open failed or blocked, quota, write error). */
  get available(): boolean {
    return this.failure === undefined;
  }

  /** Why drafts are unavailable, when they are. */
  get unavailableReason(): DraftsUnavailableReason | undefined {
    return this.failure;
  }

  /** The draft of `formId`, or undefined; a draft older than `ttlMs` is deleted and not returned. */
  load(formId: string, ttlMs: number = this.options.ttlMs ?? DEFAULT_DRAFT_TTL_MS): Promise<Draft | undefined> {
    return this.run('read-failed', async (db) => {
      const draft = await db.get(STORE, formId);
      if (!draft) return undefined;
      if (this.now() - draft.savedAt > ttlMs) {
        await db.delete(STORE, formId);
        return undefined;
      }
      return draft;
    });
  }

  /**
   * Writes the draft of `formId` (replacing the previous one) without its sensitive fields.
   * Resolves with what was stored, or undefined when nothing could be.
   */
  save(formId: string, value: Record<string, unknown>, files: readonly DraftFile[] = [], tabId = ''): Promise<Draft | undefined> {
    const draft: Draft = {
      formId,
      savedAt: this.now(),
      tabId,
      value: stripSensitive(value, this.options.sensitiveFields),
      files: files.map((f) => ({ ...(f.id !== undefined ? { id: f.id } : {}), name: redactSensitive(f.name), type: f.type, size: f.size, blob: f.blob })),
    };
    return this.run('write-failed', async (db) => {
      await db.put(STORE, draft);
      return draft;
    });
  }

  /** Removes the draft of `formId`. */
  async delete(formId: string): Promise<void> {
    await this.run('write-failed', (db) => db.delete(STORE, formId));
  }

  /** Closes the connection; the next call reopens it. */
  close(): void {
    this.conn?.close();
    this.conn = undefined;
  }

  private async run<T>(reason: DraftsUnavailableReason, op: (db: Db) => Promise<T>): Promise<T | undefined> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const db = await this.database();
      if (!db) return undefined;
      try {
        return await op(db);
      } catch (error) {
        // Closed under us (another tab upgrading, or the browser): reopen once.
        if (isDomError(error, 'InvalidStateError') && attempt === 0) {
          if (this.conn === db) this.conn = undefined;
          continue;
        }
        this.fail(isDomError(error, 'QuotaExceededError') ? 'quota' : reason, error);
        return undefined;
      }
    }
    return undefined;
  }

  private database(): Promise<Db | undefined> {
    if (this.conn) return Promise.resolve(this.conn);
    if (this.broken) return Promise.resolve(undefined);
    if (!this.opening) {
      let onBlocked = () => {};
      this.gate = new Promise<undefined>((resolve) => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        onBlocked = () => {
          timer ??= setTimeout(() => {
            this.fail('blocked');
            resolve(undefined);
          }, this.options.blockedTimeoutMs ?? 3000);
        };
      });
      this.opening = this.connect(onBlocked).finally(() => {
        this.opening = undefined;
      });
    }
    // An open that stays blocked by an old tab gives up after blockedTimeoutMs (it may still finish later).
    return Promise.race([this.opening, this.gate]);
  }

  private async connect(onBlocked: () => void): Promise<Db | undefined> {
    if (typeof indexedDB === 'undefined' || !indexedDB) {
      this.broken = true;
      this.fail('no-indexeddb');
      return undefined;
    }
    try {
      return (this.conn = await this.openAt(this.options.version ?? DRAFT_DB_VERSION, onBlocked));
    } catch (error) {
      if (isDomError(error, 'VersionError')) {
        // A newer widget in another tab has upgraded the database: keep using its drafts store.
        try {
          const db = await this.openAt(undefined, onBlocked);
          if (db.objectStoreNames.contains(STORE)) return (this.conn = db);
          db.close();
        } catch {
          // Reported below.
        }
      }
      this.broken = true;
      this.fail('open-failed', error);
      return undefined;
    }
  }

  private async openAt(version: number | undefined, onBlocked: () => void): Promise<Db> {
    const db: Db = await openDB<DraftSchema>(this.options.name ?? DRAFT_DB_NAME, version, {
      upgrade: (database, oldVersion) => upgrade(database, oldVersion),
      blocked: onBlocked,
      // Another tab wants a newer version (or to delete the database): step aside, reopen on the next call.
      blocking: () => {
        db.close();
        if (this.conn === db) this.conn = undefined;
      },
      terminated: () => {
        if (this.conn === db) this.conn = undefined;
      },
    });
    return db;
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private fail(reason: DraftsUnavailableReason, error?: unknown): void {
    if (this.failure !== undefined) return;
    this.failure = reason;
    this.options.onUnavailable?.(reason, error);
  }
}
