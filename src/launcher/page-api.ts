import { VERSION, type GovSupportApi } from '../page-api.js';
import type { GsLauncher } from './launcher-element.js';
import { guard } from './report.js';

/** `window.GovSupport` as the launcher gives it: the widget's page API; `mount` returns the launcher. */
export type LauncherApi = Omit<GovSupportApi, 'mount'> & {
  mount(target?: Element): HTMLElement | undefined;
};

type EventName = Parameters<GovSupportApi['on']>[0];

const eventType = (name: EventName) => (name.startsWith('gs-') ? name : `gs-${name}`);

/**
 * The page API over the launcher, whole from the first moment. Before the panel has loaded,
 * `open`/`toggle`/`close`/`configure` are queued and replayed by the panel in order (`open` and
 * `toggle` also fetch it; `configure` moves the button at once); afterwards they go to the panel.
 * `on`/`off` are document listeners of the panel's `gs-*` events either way. Nothing throws.
 */
export function createPageApi(launcher: GsLauncher): LauncherApi {
  const api = {
    version: VERSION,
    on: guard((event: EventName, listener: (event: Event) => void) => document.addEventListener(eventType(event), listener)),
    off: guard((event: EventName, listener: (event: Event) => void) => document.removeEventListener(eventType(event), listener)),
    mount: guard((target?: Element) => launcher.mount(target)),
  } as LauncherApi;
  for (const method of ['open', 'close', 'toggle', 'configure'] as const) {
    api[method] = guard((...args: unknown[]) => launcher.call(method, args));
  }
  return api;
}
