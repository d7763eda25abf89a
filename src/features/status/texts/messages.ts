import type { PluralForms } from '../../../i18n/messages.js';

/** Texts of «Статус обращения»: the lookup, the result, live updates, recent lookups. A missing key is a type error. */
export interface StatusMessages {
  intro: string;
  number: string;
  numberHint: string;
  factor: string;
  factorHint: string;
  /** What to do when a field is left empty. */
  missing: { number: string; factor: string };
  submit: string;
  checking: string;
  notFound: string;
  /** `{n}`: seconds left before another try. */
  rateLimited: PluralForms;
  offline: string;
  failed: string;
  current: string;
  changedAt: (date: string) => string;
  createdAt: string;
  dueAt: string;
  history: string;
  comment: string;
  overdueTitle: string;
  overdueBody: string;
  overdueChat: string;
  overdueCallback: string;
  overdueRequest: string;
  /** Put at the start of the new message about an overdue request. */
  followUp: (number: string) => string;
  live: string;
  reconnecting: string;
  liveOff: string;
  updated: (status: string) => string;
  refresh: string;
  another: string;
  recent: string;
  recentHint: string;
  recheck: (number: string) => string;
  clearRecent: string;
  recentCleared: string;
  /** A re-check from the recent list when the second factor is not known on this page. */
  factorNeeded: (number: string) => string;
}

declare module '../../../i18n/messages.js' {
  interface FeatureMessages {
    status: StatusMessages;
  }
}
