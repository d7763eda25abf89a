/**
 * gov-support-widget: importing this module defines every element (once, even if loaded twice).
 * Bundler apps: `import 'gov-support-widget'` and place `<gs-support-widget>`, or any feature
 * element standalone.
 */
import { GsComingSoon } from './components/coming-soon/coming-soon.js';
import { GsContactsCard } from './components/contacts-card/contacts-card.js';
import { GsFileAttachments } from './components/file-attachments/file-attachments.js';
import { GsErrorSummary } from './components/error-summary/error-summary.js';
import { GsHomeView } from './components/home-view/home-view.js';
import { GsRequestConfirmation } from './components/request-form/request-confirmation.js';
import { GsRequestForm } from './components/request-form/request-form.js';
import { GsStatusLookup } from './components/status-lookup/status-lookup.js';
import { GsSupportWidget } from './components/support-widget/support-widget.js';
import { defineElement } from './util/define.js';

defineElement('gs-support-widget', GsSupportWidget);
defineElement('gs-home-view', GsHomeView);
defineElement('gs-contacts-card', GsContactsCard);
defineElement('gs-coming-soon', GsComingSoon);
defineElement('gs-file-attachments', GsFileAttachments);
defineElement('gs-error-summary', GsErrorSummary);
defineElement('gs-request-form', GsRequestForm);
defineElement('gs-request-confirmation', GsRequestConfirmation);
defineElement('gs-status-lookup', GsStatusLookup);

export { GsComingSoon, GsContactsCard, GsErrorSummary, GsFileAttachments, GsHomeView, GsRequestConfirmation, GsRequestForm, GsStatusLookup, GsSupportWidget };
export { ApiClient, ApiRequestError } from './api/client.js';
export { ConfigStore, pageConfigStore, type OpenRequest, type ViewName } from './config/store.js';
export { resolveConfig } from './config/resolve.js';
export type { Clock } from './context/clock-context.js';
export { GsCloseEvent, GsNavigateEvent, GsOpenEvent, GsViewEvent } from './events/widget-events.js';
export { GsErrorLinkEvent, GsNewRequestEvent, GsSubmitEvent } from './events/form-events.js';
export { GsAttachmentsChangeEvent } from './events/attachment-events.js';
export type { Messages } from './i18n/messages.js';
export { createPageApi, VERSION, type GovSupportApi, type WidgetEventName } from './page-api.js';
export * from './protocol/index.js';
