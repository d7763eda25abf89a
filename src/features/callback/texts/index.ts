/** Where the callback texts are, per language: the panel fetches the page's one with the feature's file (see loadMessages). */
import type { CallbackMessages } from './messages.js';

export type { CallbackMessages };

export const callbackTextFiles = {
  ru: () => import('./ru.js').then((m) => m.ru),
  en: () => import('./en.js').then((m) => m.en),
};
