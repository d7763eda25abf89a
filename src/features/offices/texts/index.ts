/** Where the offices texts are, per language: the panel fetches the page's one with the feature's file (see loadMessages). */
import type { OfficeMessages } from './messages.js';

export type { OfficeMessages };

export const officeTextFiles = {
  ru: () => import('./ru.js').then((m) => m.ru),
  en: () => import('./en.js').then((m) => m.en),
};
