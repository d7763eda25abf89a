/** Where the chat texts are, per language: the panel fetches the page's one with the feature's file (see loadMessages). */
import type { ChatMessages } from './messages.js';

export type { ChatMessages };

export const chatTextFiles = {
  ru: () => import('./ru.js').then((m) => m.ru),
  en: () => import('./en.js').then((m) => m.en),
};
