/** Where the status texts are, per language: the panel fetches the page's one with the feature's file (see loadMessages). */
import type { StatusMessages } from './messages.js';

export type { StatusMessages };

export const statusTextFiles = {
  ru: () => import('./ru.js').then((m) => m.ru),
  en: () => import('./en.js').then((m) => m.en),
};
