/**
 * gov-support-widget/callback: «Обратный звонок», the callback request and its confirmation.
 * The panel loads this file when the citizen opens the view.
 */
import { GsCallbackConfirmation } from './components/callback-request/callback-confirmation.js';
import { GsCallbackRequest } from './components/callback-request/callback-request.js';
import { defineElement } from './util/define.js';

defineElement('gs-callback-request', GsCallbackRequest);
defineElement('gs-callback-confirmation', GsCallbackConfirmation);

export { GsCallbackConfirmation, GsCallbackRequest };
export type { CallbackMessages } from './i18n/callback/index.js';
