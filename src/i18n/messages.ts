import type { ChannelId, Weekday } from '../protocol/config.js';
import type { FieldErrorKey } from '../protocol/field-errors.js';
import type { AnswerChannel, RequestType } from '../protocol/request.js';

/** Plural forms by Intl.PluralRules category; `other` is always required. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/**
 * The typed catalogue, one object per language: the panel's own texts (`CoreMessages`, in
 * ./ru.ts and ./en.ts, fetched with the panel) and one part per feature (`FeatureMessages`,
 * in src/features/<channel>/texts/, fetched with that feature's file). Every element reaches
 * every text the same way: `this.l10n.msg.contacts.title`, `this.l10n.msg.callback.intro`.
 * A locale file that misses a key, or has one of the wrong shape, fails the type-check.
 */
export interface Messages extends CoreMessages, FeatureMessages {}

/**
 * The features' parts of the catalogue, each under its feature's name. Each feature adds its own
 * from its texts/messages.ts (`declare module '…/i18n/messages.js' { interface FeatureMessages
 * { callback: CallbackMessages } }`), as elements add themselves to HTMLElementTagNameMap.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface FeatureMessages {}

/** The panel's texts: the shell, home view, contacts, time, and what several features share. */
export interface CoreMessages {
  launcher: string;
  /** The launcher while the panel is open: a click closes it. */
  launcherHide: string;
  /** Added to the launcher's name (and announced) for chat messages that came while the panel was closed. */
  unreadMessages: PluralForms;
  panelTitle: string;
  intro: string;
  close: string;
  back: string;
  /** Screen-reader prefix before an error text. */
  errorPrefix: string;
  channels: Record<ChannelId, { title: string; description: string }>;
  comingSoon: {
    /** On the home view: the enabled channels that are not available yet, by name. */
    upcoming: (channels: string) => string;
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
    /** The link to the public report of the service's figures (config `contacts.reportUrl`). */
    report: string;
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
  /** What every form says: the error summary, a failed submission, optional fields, the policy link. */
  forms: {
    optional: string;
    policyLink: string;
    /** The error summary's heading (GOV.UK: «There is a problem»). */
    errorSummaryTitle: string;
    /** Server or network failure on submit; what was typed stays. */
    submitOffline: string;
    submitFailed: string;
    submitRateLimited: (seconds: number) => string;
    sendAgain: string;
    chooseTopic: string;
  },
  /** The citizen's survey as the panel and the channels show it before its own file has come (issue 17). */
  quality: {
    /** The panel's title on the view a survey link opens. */
    title: string;
    /** Under a finished contact whose survey was answered before. */
    answered: string;
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
}
