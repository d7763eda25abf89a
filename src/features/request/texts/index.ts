/** Where the request texts are, per language: the panel fetches the page's one with the feature's file (see loadMessages). */
import type { RequestMessages } from './messages.js';

export type { RequestMessages };

export const requestTextFiles = {
  ru: () => import('./ru.js').then((m) => m.ru),
  en: () => import('./en.js').then((m) => m.en),
};
