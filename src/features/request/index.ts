/**
 * gov-support-widget/request: «Написать в поддержку», the request form with its attachments,
 * drafts and confirmation. The panel loads this file when the citizen opens the form.
 */
import { GsErrorSummary } from '../../shared/error-summary.js';
import { GsFileAttachments } from './file-attachments.js';
import { GsRequestConfirmation } from './request-confirmation.js';
import { GsRequestForm } from './request-form.js';
import { defineElement } from '../../util/define.js';

defineElement('gs-error-summary', GsErrorSummary);
defineElement('gs-file-attachments', GsFileAttachments);
defineElement('gs-request-form', GsRequestForm);
defineElement('gs-request-confirmation', GsRequestConfirmation);

export { GsErrorSummary, GsFileAttachments, GsRequestConfirmation, GsRequestForm };
