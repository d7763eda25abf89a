import type { ChannelId, Weekday } from '../protocol/config.js';
import type { FieldErrorKey } from '../protocol/field-errors.js';
import type { AnswerChannel, RequestType } from '../protocol/request.js';

/** Plural forms by Intl.PluralRules category; `other` is always required. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/**
 * The typed catalogue: every string the widget shows. A locale file that misses a key, or has
 * one of the wrong shape, fails the type-check.
 */
export interface Messages {
  launcher: string;
  panelTitle: string;
  intro: string;
  close: string;
  back: string;
  /** Screen-reader prefix before an error text. */
  errorPrefix: string;
  channels: Record<ChannelId, { title: string; description: string }>;
  comingSoon: {
    badge: string;
    body: string;
    meanwhile: string;
  };
  contacts: {
    title: string;
    phones: string;
    emails: string;
    messengers: string;
    chatHours: string;
    hours: string;
    openNow: string;
    openAroundTheClock: string;
    closesAt: (time: string) => string;
    closedNow: string;
    opensAt: (day: string, time: string) => string;
    noHours: string;
    dayOff: string;
    /** The external link note for screen readers. */
    opensInNewTab: string;
  };
  time: {
    /** Label after a time shown in Moscow time. */
    moscow: string;
    today: string;
    tomorrow: string;
    weekdaysShort: Record<Weekday, string>;
    /** Weekday in the «on Monday» form. */
    weekdaysOn: Record<Weekday, string>;
  };
  /** A channel's file being fetched, or not arriving (offline, blocked, gone after a deploy). */
  channelLoad: {
    loading: string;
    failed: string;
    retry: string;
  };
  config: {
    loading: string;
    unavailable: string;
  };
  channelCount: PluralForms;
  /** Why a field was refused; `{min}` / `{max}` are put in where a message has them. */
  fieldErrors: Record<FieldErrorKey, string>;
  requestTypes: Record<RequestType, string>;
  answerChannels: Record<AnswerChannel, string>;
  requestForm: {
    intro: string;
    required: string;
    optional: string;
    type: string;
    fullName: string;
    fullNameHint: string;
    phone: string;
    phoneHint: string;
    email: string;
    emailHint: string;
    answerChannel: string;
    identifiers: string;
    identifiersHint: string;
    snils: string;
    snilsHint: string;
    inn: string;
    innHint: string;
    serviceNumber: string;
    serviceNumberHint: string;
    description: string;
    descriptionHint: string;
    /** Live count: «Осталось 3 950 символов» / «Превышено на 12 символов». */
    charactersLeft: PluralForms;
    charactersOver: PluralForms;
    incident: string;
    incidentDate: string;
    incidentTime: string;
    links: string;
    linksHint: string;
    consent: string;
    /** The consent's short name in the error summary. */
    consentShort: string;
    policyLink: string;
    submit: string;
    submitting: string;
    errorSummaryTitle: string;
    errorCount: PluralForms;
    /** Server or network failure on submit; what was typed stays. */
    submitOffline: string;
    submitFailed: string;
    submitRateLimited: (seconds: number) => string;
    retry: string;
    choose: string;
    waitForUploads: string;
    draftKept: string;
  };
  attachments: {
    label: string;
    hint: (types: string, maxMb: string, maxCount: number) => string;
    choose: string;
    dropHere: string;
    remove: (name: string) => string;
    uploading: (percent: number) => string;
    uploaded: string;
    retry: string;
    tooBig: (maxMb: string) => string;
    wrongType: (types: string) => string;
    tooMany: (maxCount: number) => string;
    empty: string;
    uploadFailed: string;
    rejectedBy: (name: string) => string;
    pastedName: string;
  };
  drafts: {
    restored: string;
    discard: string;
    discarded: string;
    notKept: string;
    newerElsewhere: string;
    loadNewer: string;
    saved: string;
  };
  confirmation: {
    title: string;
    number: string;
    lookupCode: string;
    lookupCodeHint: string;
    answerBy: (date: string) => string;
    answerChannel: (channel: string) => string;
    track: string;
    copy: string;
    copied: string;
    newRequest: string;
  };
  status: {
    intro: string;
    number: string;
    numberHint: string;
    factor: string;
    factorHint: string;
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
    trackingLink: string;
    trackingLinkHint: string;
  };
}
