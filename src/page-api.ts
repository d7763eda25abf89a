import type { GsSupportWidget } from './panel/support-widget.js';
import { pageCommands, type CommandQueue } from './config/commands.js';
import type { ConfigStore, ViewName } from './config/store.js';
import type { WidgetConfigInput } from './protocol/config.js';

/** Names accepted by `on`/`off`, with or without the `gs-` prefix. */
export type WidgetEventName = 'open' | 'close' | 'view' | 'submit' | 'gs-open' | 'gs-close' | 'gs-view' | 'gs-submit';

/** `window.GovSupport`: what a site's own scripts may call. No method ever throws. */
export interface GovSupportApi {
  readonly version: string;
  /** Opens the panel, optionally on a view (`chat`, `request`, `status`, `callback`, `offices`) with prefill. */
  open(view?: ViewName, prefill?: Record<string, unknown>): void;
  close(): void;
  toggle(view?: ViewName, prefill?: Record<string, unknown>): void;
  /** Merges settings over the others (highest precedence); may be called any time. */
  configure(partial: WidgetConfigInput): void;
  on(event: WidgetEventName, listener: (event: Event) => void): void;
  off(event: WidgetEventName, listener: (event: Event) => void): void;
  /** Mounts the widget (for `data-mount="manual"`): at the end of `target`, `<body>` by default. */
  mount(target?: Element): GsSupportWidget | undefined;
}

export const VERSION = '0.1.0';

function report(error: unknown): void {
  console.error('[gov-support-widget]', error);
}

/** Runs `fn`, logging instead of throwing: the widget never throws into the host page. */
function guarded<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R | undefined {
  return (...args: A) => {
    try {
      return fn(...args);
    } catch (error) {
      report(error);
      return undefined;
    }
  };
}

const eventType = (name: WidgetEventName) => (name.startsWith('gs-') ? name : `gs-${name}`);

/**
 * The page API over a config store (configure) and a command queue (open, close, toggle): both
 * work before the widget mounts.
 */
export function createPageApi(store: ConfigStore, commands: CommandQueue = pageCommands): GovSupportApi {
  return {
    version: VERSION,
    open: guarded((view?: ViewName, prefill?: Record<string, unknown>) => commands.send({ action: 'open', request: { view, prefill } })),
    close: guarded(() => commands.send({ action: 'close' })),
    toggle: guarded((view?: ViewName, prefill?: Record<string, unknown>) => commands.send({ action: 'toggle', request: { view, prefill } })),
    configure: guarded((partial: WidgetConfigInput) => store.set('api', partial, { merge: true })),
    on: guarded((event: WidgetEventName, listener: (event: Event) => void) => document.addEventListener(eventType(event), listener)),
    off: guarded((event: WidgetEventName, listener: (event: Event) => void) => document.removeEventListener(eventType(event), listener)),
    mount: guarded((target?: Element) => {
      const existing = document.querySelector('gs-support-widget');
      if (existing) return existing;
      const widget = document.createElement('gs-support-widget');
      (target ?? document.body).append(widget);
      return widget;
    }),
  };
}
