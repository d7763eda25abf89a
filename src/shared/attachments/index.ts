/**
 * The attachments field (`gs-file-attachments`) with its rules, uploads and texts: the request
 * form brings it with its file; the chat fetches it when the citizen first attaches a file.
 */
import { registerFeatureFiles } from '../../i18n/localize.js';
import { defineElement } from '../../util/define.js';
import { GsFileAttachments } from './file-attachments.js';
import { attachmentTextFiles } from './texts/index.js';

registerFeatureFiles('attachments', attachmentTextFiles);
defineElement('gs-file-attachments', GsFileAttachments);

export { GsFileAttachments };
export type { AttachmentDraft, AttachmentError, AttachmentFile, AttachmentStatus } from './file-attachments.js';
