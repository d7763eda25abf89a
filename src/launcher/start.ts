import { GsLauncher, type LauncherOptions } from './launcher-element.js';
import { createPageApi, type LauncherApi } from './page-api.js';
import { report } from './report.js';

const TAG = 'gs-support-widget';
/** Shared with the one-file build: whichever copy of the widget runs first is the only one. */
const STARTED = Symbol.for('gov-support-widget.loaded');

/** `GovSupport` is typed on Window by the Lit build (src/embed.ts) with its own `mount`. */
type StartedWindow = { [STARTED]?: LauncherApi | true; GovSupport?: LauncherApi };

/**
 * Starts the launcher: defines `<gs-support-widget>`, installs `window.GovSupport` and mounts the
 * button at the end of <body> (after the document is parsed; a `<gs-support-widget>` already on the
 * page stays where it is), unless the tag says
 * `data-mount="manual"` (then `GovSupport.mount()` does). A second start on the page (the script
 * loaded twice) does nothing and returns the first one's API. Never throws.
 */
export function startLauncher(options: LauncherOptions): LauncherApi | undefined {
  try {
    const win = window as unknown as StartedWindow;
    const started = win[STARTED];
    if (started) return started === true ? undefined : started;
    win[STARTED] = true;
    if (!customElements.get(TAG)) customElements.define(TAG, GsLauncher);
    // A <gs-support-widget> the site wrote where it wants the button is the one used.
    const launcher = document.querySelector(TAG) ?? document.createElement(TAG as string);
    if (!(launcher instanceof GsLauncher)) throw new Error(`<${TAG}> is defined by another build of the widget`);
    launcher.init(options);
    const api = createPageApi(launcher);
    win[STARTED] = win.GovSupport = api;
    if (options.dataset?.mount !== 'manual') {
      if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => api.mount(), { once: true });
      else api.mount();
    }
    return api;
  } catch (error) {
    report(error);
    return undefined;
  }
}
