/**
 * gov-support-widget/callback: «Обратный звонок», the callback request and its confirmation.
 * The panel loads this file when the citizen opens the view.
 */
import { GsCallbackConfirmation } from './callback-confirmation.js';
import { GsCallbackRequest } from './callback-request.js';
import { defineElement } from '../../util/define.js';
import { GsErrorSummary } from '../../shared/error-summary.js';
import { registerFeatureFiles } from '../../i18n/localize.js';
import { callbackTextFiles } from './texts/index.js';

registerFeatureFiles('callback', callbackTextFiles);
defineElement('gs-error-summary', GsErrorSummary);
defineElement('gs-callback-request', GsCallbackRequest);
defineElement('gs-callback-confirmation', GsCallbackConfirmation);

export { GsCallbackConfirmation, GsCallbackRequest };
export type { CallbackMessages } from './texts/index.js';
