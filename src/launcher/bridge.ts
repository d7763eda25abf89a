/**
 * The contract between the launcher (the script tag's file: no Lit, no zod) and the panel (the
 * Lit shell, fetched at the first sign of intent). Types only: importing this adds no code.
 *
 * The launcher owns the floating button, its position (focus avoidance included), the page API
 * `window.GovSupport` and its queue, the busy state while the panel loads, and the fallback view
 * when the panel cannot load. The panel owns the dialog and everything in it, the configuration
 * (remote, data-*, configure()) and the views; it reports the resolved settings the launcher
 * shows (side, offsets, theme, label) through `applySettings`.
 */

/** A call of the page API made before the panel had loaded, kept to replay in order. */
export type QueuedCall =
  | { method: 'open' | 'toggle'; args: [view?: string, prefill?: Record<string, unknown>] }
  | { method: 'close'; args: [] }
  | { method: 'configure'; args: [partial: unknown] };

/** What the launcher shows, from the resolved configuration. */
export interface LauncherSettings {
  side: 'left' | 'right';
  offsetX: number;
  offsetY: number;
  scheme: 'auto' | 'light' | 'dark';
  contrast: boolean;
  contrastColors: 'black-on-white' | 'white-on-black';
  locale: 'ru' | 'en';
  /** The launcher's label in `locale` (a site owner's text or the catalogue's «Помощь»). */
  label: string;
}

/** What the launcher hands to the panel module once it has loaded. */
export interface LauncherBridge {
  /** The launcher element (`<gs-support-widget>`) and its shadow root, where the panel goes. */
  readonly host: HTMLElement;
  readonly root: ShadowRoot;
  /** The floating button (the panel returns focus to it and reads its place). */
  readonly button: HTMLButtonElement;
  /** The script tag's data-* settings as written (the panel validates them with the rest). */
  readonly dataset: Readonly<Record<string, string | undefined>>;
  /** The origin the script came from: the backend when data-backend is absent. */
  readonly scriptOrigin: string | undefined;
  /** The side the launcher moved to, or the lift it took, to keep a focused page element visible. */
  readonly avoidance: { flip: boolean; lift: number };
  /** Calls `listener` when the avoidance changes (the panel follows the launcher). */
  onAvoidance(listener: () => void): () => void;
  /** The page-API calls made before the panel loaded, in order; the queue is emptied. */
  takeQueue(): QueuedCall[];
  /** The panel opened or closed: the launcher reflects it (aria-expanded, label). */
  setOpen(open: boolean): void;
  /** The resolved settings changed (remote config, configure()): the launcher follows. */
  applySettings(settings: LauncherSettings): void;
  /**
   * Messages that arrived in the chat while the panel was closed: the launcher shows `count` on a
   * badge and adds `words` («1 новое сообщение», from the panel's catalogue) to its accessible
   * name; 0 takes the badge away.
   */
  setUnread(count: number, words: string): void;
}

/** What the panel gives back: the launcher forwards clicks and page-API calls to it. */
export interface PanelHandle {
  open(view?: string, prefill?: Record<string, unknown>): void;
  close(): void;
  toggle(view?: string, prefill?: Record<string, unknown>): void;
  configure(partial: unknown): void;
}

/** The panel module's export: mounts the panel into the launcher and replays the queue. */
export type AttachPanel = (bridge: LauncherBridge) => PanelHandle;

/** The shape of the panel module the launcher imports. */
export interface PanelModule {
  attachPanel: AttachPanel;
}
