/**
 * gov-support-widget: importing this module defines every element (once, even if loaded twice),
 * every channel included. Bundler apps: `import 'gov-support-widget'` and place
 * `<gs-support-widget>`, or any feature element standalone; `gov-support-widget/launcher` gives
 * the script tag's lazy loading instead.
 */
import { GsComingSoon } from './panel/coming-soon.js';
import { GsContactsCard } from './panel/contacts-card.js';
import { GsHomeView } from './panel/home-view.js';
import { GsSupportWidget } from './panel/support-widget.js';
import { defineElement } from './util/define.js';
import './i18n/all.js';
import './features/request/texts/all.js';
import './shared/attachments/texts/all.js';
import './features/status/texts/all.js';
import './features/callback/texts/all.js';
import './features/offices/texts/all.js';
import './features/help/texts/all.js';
import './features/chat/texts/all.js';
import './features/survey/texts/all.js';
// Every channel at once (the panel would otherwise fetch each when its view opens).
export * from './features/request/index.js';
export * from './features/status/index.js';
export * from './features/callback/index.js';
export * from './features/offices/index.js';
export * from './features/help/index.js';
export * from './features/chat/index.js';
export * from './features/survey/index.js';

defineElement('gs-support-widget', GsSupportWidget);
defineElement('gs-home-view', GsHomeView);
defineElement('gs-contacts-card', GsContactsCard);
defineElement('gs-coming-soon', GsComingSoon);

export { GsComingSoon, GsContactsCard, GsHomeView, GsSupportWidget };
export { ApiClient, ApiRequestError } from './api/client.js';
export { ConfigStore, pageConfigStore, type OpenRequest, type ViewName } from './config/store.js';
export { CommandQueue, pageCommands, type PageCommand } from './config/commands.js';
export { resolveConfig } from './config/resolve.js';
export type { Clock } from './context/clock-context.js';
export { GsCloseEvent, GsNavigateEvent, GsOpenEvent, GsViewEvent } from './events/widget-events.js';
export { GsErrorLinkEvent, GsNewRequestEvent, GsSubmitEvent } from './events/form-events.js';
export { GsAttachmentsChangeEvent } from './events/attachment-events.js';
export type { Messages } from './i18n/messages.js';
export { createPageApi, VERSION, type GovSupportApi, type WidgetEventName } from './page-api.js';
export * from './protocol/index.js';
