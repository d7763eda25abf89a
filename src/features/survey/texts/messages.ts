import type { PluralForms } from '../../../i18n/messages.js';
import type { ContactChannel, SurveyResolved } from '../../../protocol/quality.js';

/**
 * Texts of the citizen's survey after a finished contact (issue 17): the form, what it is about
 * (a link's view), and what happens after sending. A missing key is a type error.
 */
export interface SurveyMessages {
  /** The form's heading. */
  title: string;
  intro: string;
  resolved: string;
  resolvedOptions: Record<SurveyResolved, string>;
  rating: string;
  ratingHint: string;
  /** «1 — очень плохо» … «5 — отлично»: each option's whole name. */
  ratings: readonly [string, string, string, string, string];
  comment: string;
  commentHint: string;
  charactersLeft: PluralForms;
  charactersOver: PluralForms;
  /** The comment has a passport-, СНИЛС- or ИНН-like number: the server replaces it with «…». */
  numbersHidden: string;
  share: string;
  shareHint: string;
  /** What to do when a choice is left out. */
  missing: { resolved: string; rating: string };
  submit: string;
  submitting: string;
  /** Hides the form: the survey is optional. */
  later: string;
  /** Brings a hidden form back. */
  reopen: string;
  thanks: string;
  thanksBody: string;
  /** A 409: answered before (here, in another tab, from the e-mail link). */
  alreadyAnswered: string;
  /** A 404 on sending: the survey is not there any more. */
  gone: string;
  offline: string;
  failed: string;
  rateLimited: (seconds: number) => string;
  sendAgain: string;
  // The view a link opens (`#gs-survey=<token>`)
  loading: string;
  /** What the survey is about, by channel (`reference`: the number the citizen knows; the chat: its date). */
  about: Record<ContactChannel, (reference: string) => string>;
  finishedAt: (when: string) => string;
  invalidTitle: string;
  invalidBody: string;
  loadFailed: string;
  retry: string;
}

declare module '../../../i18n/messages.js' {
  interface FeatureMessages {
    survey: SurveyMessages;
  }
}
