import type { ChannelId, Weekday } from '../protocol/config.js';

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
  config: {
    loading: string;
    unavailable: string;
  };
  channelCount: PluralForms;
}
