import type { LauncherSettings } from './bridge.js';
import { messages, type Locale } from './messages.js';

/** A support phone number or e-mail address as written, with the site owner's label per language. */
export interface Contact {
  value: string;
  label?: Partial<Record<Locale, string>> | undefined;
}

/**
 * What the launcher shows before the panel has loaded: the settings the panel later reports
 * through the bridge, plus the contacts of the fallback view and the tracking-link parameter.
 */
export interface LauncherState extends Omit<LauncherSettings, 'label'> {
  /** The site owner's launcher label per locale (`texts.{ru,en}.launcher`). */
  labels: Partial<Record<Locale, string>>;
  phones: Contact[];
  emails: Contact[];
  /** The support's hours as the site owner wrote them (`data-hours`). */
  hours?: string | undefined;
  statusParam: string;
}

export type Dataset = Readonly<Record<string, string | undefined>>;

/** A page's input, not trusted: every field is checked before use. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Input = any;

const LOCALES: readonly Locale[] = ['ru', 'en'];
/** As the config schema (src/protocol/config.ts) accepts them. */
const PHONE = /^\+?[\d\s()\u2011-]{5,24}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const STATUS_PARAM = /^[a-z][a-z0-9-]{0,30}$/;

const offset = (value: Input): value is number => typeof value === 'number' && value >= 0 && value <= 400;
const text = (value: Input, max: number): string | undefined => {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  return trimmed && trimmed.length <= max ? trimmed : undefined;
};
/** A site owner's label: `{ ru, en }`, or one string taken as Russian (as the config schema reads it). */
const localized = (value: Input, max: number): Partial<Record<Locale, string>> | undefined => {
  const texts = typeof value === 'string' ? { ru: text(value, max) } : { ru: text(value?.ru, max), en: text(value?.en, max) };
  return texts.ru || texts.en ? texts : undefined;
};
/** A list of contacts replaces the one before it; its bad entries are left out. */
const contacts = (list: Input, key: string, pattern: RegExp): Contact[] | undefined =>
  Array.isArray(list)
    ? list.filter((contact) => typeof contact?.[key] === 'string' && pattern.test(contact[key])).map((contact) => ({ value: contact[key], label: localized(contact.label, 120) }))
    : undefined;
/** «a; b» → ['a', 'b']; absent → undefined. */
const list = (value: string | undefined) => value?.split(';').map((item) => item.trim());

/** The launcher's label in its locale: the site owner's text or the catalogue's. */
export const labelOf = (state: LauncherState): string => state.labels[state.locale] ?? messages[state.locale].label;

/**
 * Merges the launcher's part of a `configure()` partial (or of the data-* settings) into `state`.
 * Invalid values are ignored here: the panel validates the whole configuration and reports them.
 */
export function applyConfig(state: LauncherState, config: Input): void {
  const position = config?.position;
  const theme = config?.theme;
  if (LOCALES.includes(config?.locale)) state.locale = config.locale;
  if (['right', 'left'].includes(position?.side)) state.side = position.side;
  if (offset(position?.offsetX)) state.offsetX = position.offsetX;
  if (offset(position?.offsetY)) state.offsetY = position.offsetY;
  if (['auto', 'light', 'dark'].includes(theme?.scheme)) state.scheme = theme.scheme;
  if (typeof theme?.contrast === 'boolean') state.contrast = theme.contrast;
  if (['black-on-white', 'white-on-black'].includes(theme?.contrastColors)) state.contrastColors = theme.contrastColors;
  for (const locale of LOCALES) {
    const label = text(config?.texts?.[locale]?.launcher, 40);
    if (label) state.labels[locale] = label;
  }
  state.phones = contacts(config?.contacts?.phones, 'number', PHONE) ?? state.phones;
  state.emails = contacts(config?.contacts?.emails, 'address', EMAIL) ?? state.emails;
  if (typeof config?.statusParam === 'string' && STATUS_PARAM.test(config.statusParam)) state.statusParam = config.statusParam;
}

/**
 * The launcher's settings from the script tag's data-*: data-locale, data-position (right|left),
 * data-offset-x, data-offset-y, data-theme (auto|light|dark; light by default), data-contrast,
 * data-contrast-colors (black-on-white|white-on-black), and for the
 * fallback view data-phone and data-email (several separated by «;») and data-hours (free text).
 * The locale is data-locale, else `<html lang>` (ru or en), else Russian.
 */
export function readSettings(dataset: Dataset): LauncherState {
  const { offsetX, offsetY, contrast } = dataset;
  const state: LauncherState = {
    side: 'right',
    offsetX: 24,
    offsetY: 24,
    scheme: 'light',
    contrast: false,
    contrastColors: 'black-on-white',
    locale: document.documentElement.lang.toLowerCase().startsWith('en') ? 'en' : 'ru',
    labels: {},
    phones: [],
    emails: [],
    hours: text(dataset.hours, 500),
    statusParam: 'gs-status',
  };
  applyConfig(state, {
    locale: dataset.locale,
    position: { side: dataset.position, offsetX: offsetX && Number(offsetX), offsetY: offsetY && Number(offsetY) },
    theme: { scheme: dataset.theme, contrast: contrast === undefined ? contrast : contrast === '' || contrast === 'true', contrastColors: dataset.contrastColors },
    contacts: { phones: list(dataset.phone)?.map((number) => ({ number })), emails: list(dataset.email)?.map((address) => ({ address })) },
  });
  return state;
}

/**
 * A `tel:` link from a number as people write it: «8 (800) 100-70-10» → tel:+78001007010.
 * A Russian number (11 digits from 8 or 7, or 10 digits) gets +7; one written with + keeps it.
 */
export function telHref(number: string): string {
  const digits = number.replace(/\D/g, '');
  if (number.trim().startsWith('+')) return `tel:+${digits}`;
  if (digits.length === 11 && /^[78]/.test(digits)) return `tel:+7${digits.slice(1)}`;
  return `tel:${digits.length === 10 ? '+7' : ''}${digits}`;
}
