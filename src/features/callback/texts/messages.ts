import type { AsapRefusal, CallbackStatus } from '../../../protocol/callback.js';

/**
 * Texts of the callback request (a feature catalogue of its own: it travels with the
 * `gov-support-widget/callback` entry, not with the main script). A missing key is a type error.
 */
export interface CallbackMessages {
  intro: string;
  /** What to do when a field is left empty: the booking form's and the lookup's (GOV.UK: «Enter …», «Select …»). */
  missing: { phone: string; name: string; topic: string };
  manageMissing: { number: string; phone: string };
  phone: string;
  phoneHint: string;
  name: string;
  nameHint: string;
  topic: string;
  requestNumber: string;
  requestNumberHint: string;
  when: string;
  asap: string;
  /** «Оператор перезвонит в течение 30 минут». */
  asapPromise: (minutes: number) => string;
  asapUnavailable: Record<AsapRefusal, string>;
  atTime: string;
  day: string;
  time: string;
  /** «12:00–12:30 по вашему времени». */
  localTime: (range: string) => string;
  slotsLoading: string;
  slotsFailed: string;
  retry: string;
  /** «Ближайшее свободное время: завтра, 08:00–08:30 МСК.» */
  nextFree: (when: string) => string;
  takeNextFree: string;
  noneFree: string;
  orWrite: string;
  writeInstead: string;
  comment: string;
  commentHint: string;
  consent: string;
  submit: string;
  submitting: string;
  /** A 409: the slot (or the ASAP queue) filled up meanwhile. */
  slotTaken: (when: string) => string;
  asapTaken: (when: string) => string;
  noLongerFree: string;
  bookInstead: (when: string) => string;
  offline: string;
  failed: string;
  rateLimited: (seconds: number) => string;
  // Confirmation
  confirmed: string;
  number: string;
  status: string;
  statuses: Record<CallbackStatus, string>;
  windowAsap: (minutes: number, until: string) => string;
  windowSlot: (day: string, range: string) => string;
  prepare: string;
  prepareItems: readonly string[];
  prepareRequest: (number: string) => string;
  prepareRequestIfAny: string;
  noAnswerRule: string;
  manageHint: string;
  cancel: string;
  cancelConfirm: (number: string) => string;
  cancelYes: string;
  cancelNo: string;
  cancelled: string;
  reschedule: string;
  rescheduleSubmit: string;
  rescheduled: string;
  keepTime: string;
  another: string;
  finished: string;
  // Finding an earlier callback
  manageOpen: string;
  manageTitle: string;
  manageNumber: string;
  manageNumberHint: string;
  managePhone: string;
  manageFind: string;
  manageNotFound: string;
  manageBack: string;
}

declare module '../../../i18n/messages.js' {
  interface FeatureMessages {
    callback: CallbackMessages;
  }
}
