import type { PluralForms } from '../../../i18n/messages.js';

/** Texts of the help search on the home view (the knowledge base, before a chat or a request). */
export interface HelpMessages {
  label: string;
  hint: string;
  submit: string;
  searching: string;
  /** «Найдено 2 статьи по запросу …» (announced). */
  found: PluralForms;
  nothingFound: string;
  /** What to do when nothing helps: the channels below. */
  stillStuck: string;
  tooLong: (max: number) => string;
  offline: string;
  failed: string;
  retry: string;
}

declare module '../../../i18n/messages.js' {
  interface FeatureMessages {
    help: HelpMessages;
  }
}
