/** Where the help search texts are, per language: the panel fetches the page's one with the feature's file (see loadMessages). */
import type { HelpMessages } from './messages.js';

export type { HelpMessages };

export const helpTextFiles = {
  ru: () => import('./ru.js').then((m) => m.ru),
  en: () => import('./en.js').then((m) => m.en),
};
