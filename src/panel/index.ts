/**
 * The panel: the second file of the script-tag build, fetched by the launcher at the first sign
 * of intent. It defines the shell (dialog, home view, contacts card) and `attachPanel`, which
 * puts the dialog into the launcher, gives it the tag's settings and replays the page-API calls
 * made before it arrived. Each channel is a file of its own (channel-views.ts).
 */
import { GsComingSoon } from './coming-soon.js';
import { GsContactsCard } from './contacts-card.js';
import { GsHomeView } from './home-view.js';
import { GsSupportWidget } from './support-widget.js';
import { configFromDataset } from '../config/attributes.js';
import { pageConfigStore } from '../config/store.js';
import type { AttachPanel, PanelHandle } from '../launcher/bridge.js';
import { loadMessages, prepareCounting, resolveLocale } from '../i18n/localize.js';
import { createPageApi } from '../page-api.js';
import { defineElement } from '../util/define.js';

/** The dialog inside the script tag's launcher (the launcher itself is `gs-support-widget`). */
export class GsSupportPanel extends GsSupportWidget {}

defineElement('gs-support-panel', GsSupportPanel);
defineElement('gs-home-view', GsHomeView);
defineElement('gs-contacts-card', GsContactsCard);
defineElement('gs-coming-soon', GsComingSoon);

declare global {
  interface HTMLElementTagNameMap {
    'gs-support-panel': GsSupportPanel;
  }
}

// The page's language arrives with the panel (the other one only if configured later).
await loadMessages(resolveLocale(undefined));
// The home view counts its channels: Intl's plural rules are made while the page is idle (after
// a prefetch on hover), not on the click that opens the panel.
const idle = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 1));
idle(() => prepareCounting(resolveLocale(undefined)));

export const attachPanel: AttachPanel = (bridge) => {
  const layer = configFromDataset(bridge.dataset);
  // Without data-backend, the backend is where the script came from.
  if (layer.backend === undefined && bridge.scriptOrigin) layer.backend = bridge.scriptOrigin;
  pageConfigStore.set('attributes', layer);

  const panel = document.createElement('gs-support-panel');
  panel.bridge = bridge;
  // `gs-support-widget::part(panel)` and the others reach the dialog from the page, as they do
  // on the one-file build's element.
  panel.setAttribute('exportparts', 'panel, header, title, back, close, body');
  bridge.root.append(panel);

  const api = createPageApi(pageConfigStore);
  const handle: PanelHandle = {
    open: (view, prefill) => api.open(view as never, prefill),
    close: () => api.close(),
    toggle: (view, prefill) => api.toggle(view as never, prefill),
    configure: (partial) => api.configure(partial as never),
  };
  for (const call of bridge.takeQueue()) {
    if (call.method === 'configure') handle.configure(call.args[0]);
    else if (call.method === 'close') handle.close();
    else handle[call.method](...call.args);
  }
  return handle;
};
