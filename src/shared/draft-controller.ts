import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { DraftStore, type Draft, type DraftFile } from './draft-store.js';

/** The BroadcastChannel on which tabs announce their saves. */
export const DRAFT_CHANNEL = 'gs-drafts';

/** Which tab saved a draft, and when. */
export interface DraftMeta {
  savedAt: number;
  tabId: string;
}

/** What the form shows about its draft. */
export interface DraftState {
  /** A draft came back on `restore()` («Черновик восстановлен»). */
  restored: boolean;
  /** Drafts cannot be kept on this device («Черновик на этом устройстве не сохранится…»). */
  unavailable: boolean;
  /** Another tab saved a newer draft of this form; `loadNewer()` fetches it. */
  newerElsewhere?: DraftMeta | undefined;
  /** When this tab last saved the draft. */
  lastSavedAt?: number | undefined;
}

export interface DraftControllerOptions {
  /** Which form: one draft per form id ('request', 'callback', …). */
  formId: string;
  /** Drafts older than this are not restored (and are deleted); a function is read on each load. */
  ttlMs: number | (() => number);
  /** Clock for `savedAt` and the TTL (used when the controller creates its store). */
  now?: () => number;
  /** The store to use (tests); by default one on the widget's database. */
  store?: DraftStore;
  /** BroadcastChannel name; {@link DRAFT_CHANNEL} by default. */
  channelName?: string;
  /** Quiet time after the last `schedule()` before saving. */
  debounceMs?: number;
  /** Longest time a stream of `schedule()` calls may delay a save. */
  maxWaitMs?: number;
}

type DraftMessage = DraftMeta & { formId: string };

function isDraftMessage(data: unknown): data is DraftMessage {
  const m = data as Partial<DraftMessage> | null;
  return typeof m === 'object' && m !== null && typeof m.formId === 'string' && typeof m.tabId === 'string' && typeof m.savedAt === 'number';
}

/** Random id; crypto.randomUUID needs a secure context, which a host page may not be. */
function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function openChannel(name: string): BroadcastChannel | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined;
  try {
    return new BroadcastChannel(name);
  } catch {
    return undefined;
  }
}

/**
 * The draft of one form: restores it on first open, saves it (debounced, off the input path) as
 * the citizen types, flushes it when the page hides or the form goes away, and tells the form when
 * another tab saved a newer one. Touches neither IndexedDB nor BroadcastChannel before the first
 * `restore()` or `schedule()`.
 */
export class DraftController implements ReactiveController {
  /** State for rendering. */
  value: DraftState = { restored: false, unavailable: false };
  /** This tab's (this controller's) id, sent with every save. */
  readonly tabId = randomId();
  private readonly store: DraftStore;
  private started = false;
  private connected = false;
  private abort: AbortController | undefined;
  private channel: BroadcastChannel | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending: { value: Record<string, unknown>; files: DraftFile[]; since: number } | undefined;
  private writing: Promise<void> = Promise.resolve();
  /** savedAt of the draft the form currently shows (restored, loaded or saved here). */
  private known = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: DraftControllerOptions,
  ) {
    this.store = options.store ?? new DraftStore({ now: options.now });
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    if (this.started) this.listen();
  }

  hostDisconnected(): void {
    this.connected = false;
    void this.flush();
    this.abort?.abort();
    this.abort = undefined;
    this.channel?.close();
    this.channel = undefined;
  }

  /** Loads the saved draft (on first open of the form); sets `value.restored` when there was one. */
  async restore(): Promise<Draft | undefined> {
    this.start();
    const draft = await this.store.load(this.options.formId, this.ttl());
    if (draft) this.known = Math.max(this.known, draft.savedAt);
    this.update({ restored: draft !== undefined });
    return draft;
  }

  /**
   * Saves `value` and `files` after a quiet `debounceMs` (rapid calls coalesce into one write).
   * Returns at once: call it from input handlers without awaiting anything.
   */
  schedule(value: Record<string, unknown>, files: readonly DraftFile[] = []): void {
    this.start();
    const since = this.pending?.since ?? performance.now();
    this.pending = { value: { ...value }, files: [...files], since };
    clearTimeout(this.timer);
    const waited = performance.now() - since;
    const delay = Math.max(0, Math.min(this.options.debounceMs ?? 600, (this.options.maxWaitMs ?? 5000) - waited));
    this.timer = setTimeout(() => void this.flush(), delay);
  }

  /** Writes a scheduled save now; resolves when every write so far has finished. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const next = this.pending;
    this.pending = undefined;
    if (next) this.writing = this.writing.then(() => this.write(next.value, next.files)).catch(() => undefined);
    return this.writing;
  }

  /**
   * Loads the newer draft another tab saved and clears `value.newerElsewhere`. A save still
   * scheduled here is dropped (it would overwrite the draft being loaded).
   */
  async loadNewer(): Promise<Draft | undefined> {
    this.start();
    this.cancelPending();
    await this.writing;
    const draft = await this.store.load(this.options.formId, this.ttl());
    if (draft) this.known = Math.max(this.known, draft.savedAt);
    this.update({ newerElsewhere: undefined });
    return draft;
  }

  /** Deletes the draft (after the server confirmed the request, or on «Удалить черновик»). */
  async discard(): Promise<void> {
    this.cancelPending();
    await this.writing;
    await this.store.delete(this.options.formId);
    this.known = 0;
    this.update({ restored: false, newerElsewhere: undefined, lastSavedAt: undefined });
  }

  private ttl(): number {
    const { ttlMs } = this.options;
    return typeof ttlMs === 'function' ? ttlMs() : ttlMs;
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    if (this.connected) this.listen();
  }

  private listen(): void {
    if (this.abort) return;
    this.abort = new AbortController();
    const { signal } = this.abort;
    window.addEventListener('pagehide', this.onHide, { signal });
    document.addEventListener('visibilitychange', this.onHide, { signal });
    this.channel = openChannel(this.options.channelName ?? DRAFT_CHANNEL);
    this.channel?.addEventListener('message', this.onMessage, { signal });
  }

  private cancelPending(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
  }

  private async write(value: Record<string, unknown>, files: DraftFile[]): Promise<void> {
    const saved = await this.store.save(this.options.formId, value, files, this.tabId);
    if (saved) {
      this.known = saved.savedAt;
      this.post({ formId: saved.formId, savedAt: saved.savedAt, tabId: this.tabId });
      // This save replaced whatever newer draft another tab had stored.
      this.update({ lastSavedAt: saved.savedAt, newerElsewhere: undefined });
    } else {
      this.update({});
    }
  }

  private post(message: DraftMessage): void {
    // After disconnect the listening channel is closed; announce the final save on a short-lived one.
    const channel = this.channel ?? openChannel(this.options.channelName ?? DRAFT_CHANNEL);
    try {
      channel?.postMessage(message);
    } catch {
      // A closed channel: nothing to tell.
    }
    if (channel !== this.channel) channel?.close();
  }

  private update(patch: Partial<DraftState>): void {
    this.value = { ...this.value, ...patch, unavailable: this.value.unavailable || !this.store.available };
    this.host.requestUpdate();
  }

  private readonly onHide = (event: Event): void => {
    if (event.type === 'pagehide' || document.visibilityState === 'hidden') void this.flush();
  };

  private readonly onMessage = (event: MessageEvent<unknown>): void => {
    const m = event.data;
    if (!isDraftMessage(m) || m.formId !== this.options.formId || m.tabId === this.tabId) return;
    if (m.savedAt <= Math.max(this.known, this.value.newerElsewhere?.savedAt ?? 0)) return;
    this.update({ newerElsewhere: { savedAt: m.savedAt, tabId: m.tabId } });
  };
}
