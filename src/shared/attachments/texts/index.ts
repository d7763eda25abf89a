/** Where the attachments field's texts are, per language: fetched in the page's language with the first form that has the field (see loadMessages). */
import type { AttachmentMessages } from './messages.js';

export type { AttachmentMessages };

export const attachmentTextFiles = {
  ru: () => import('./ru.js').then((m) => m.ru),
  en: () => import('./en.js').then((m) => m.en),
};
