/**
 * gov-support-widget/request: «Написать в поддержку», the request form with its attachments,
 * drafts and confirmation. The panel loads this file when the citizen opens the form.
 */
import { GsErrorSummary } from '../../shared/error-summary.js';
import { GsFileAttachments } from '../../shared/attachments/index.js';
import { GsRequestConfirmation } from './request-confirmation.js';
import { GsRequestForm } from './request-form.js';
import { defineElement } from '../../util/define.js';
import { registerFeatureFiles } from '../../i18n/localize.js';
import { requestTextFiles } from './texts/index.js';

registerFeatureFiles('request', requestTextFiles);
defineElement('gs-error-summary', GsErrorSummary);
defineElement('gs-request-form', GsRequestForm);
defineElement('gs-request-confirmation', GsRequestConfirmation);

export { GsErrorSummary, GsFileAttachments, GsRequestConfirmation, GsRequestForm };
