/**
 * gov-support-widget/callback: the callback request elements. Not part of the script-tag
 * bundle yet: with them inside, `dist/gov-support-widget.js` would exceed its size budget
 * (see README, «Обратный звонок»). Bundler apps import this entry next to the main one.
 */
import { GsCallbackConfirmation } from './components/callback-request/callback-confirmation.js';
import { GsCallbackRequest } from './components/callback-request/callback-request.js';
import { defineElement } from './util/define.js';

defineElement('gs-callback-request', GsCallbackRequest);
defineElement('gs-callback-confirmation', GsCallbackConfirmation);

export { GsCallbackConfirmation, GsCallbackRequest };
export type { CallbackMessages } from './i18n/callback/index.js';
