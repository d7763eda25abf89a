import type { LauncherSettings } from './bridge.js';

export type Locale = LauncherSettings['locale'];

/**
 * The launcher's own texts (the panel has the full catalogue in src/i18n/). A locale that misses
 * a key fails the type-check.
 */
export interface LauncherMessages {
  /** The floating button. */
  label: string;
  /** The floating button while the panel (or the fallback view) is open: a click closes it. */
  hide: string;
  /** Announced while the panel is on its way after a click. */
  busy: string;
  /** The view shown when the panel cannot load: its heading, and what to do (read with it). */
  fallbackTitle: string;
  fallbackMessage: string;
  /** Before the site's support contacts, when there are any. */
  contactsIntro: string;
  phone: string;
  email: string;
  hours: string;
  retry: string;
  close: string;
}

export const messages: Record<Locale, LauncherMessages> = {
  ru: {
    label: 'Помощь',
    hide: 'Свернуть помощь',
    busy: 'Загружаем помощь…',
    fallbackTitle: 'Не удалось загрузить помощь',
    fallbackMessage: 'Проверьте подключение к интернету и повторите попытку.',
    contactsIntro: 'Или свяжитесь с поддержкой:',
    phone: 'Телефон',
    email: 'Электронная почта',
    hours: 'Часы работы',
    retry: 'Повторить',
    close: 'Закрыть',
  },
  en: {
    label: 'Help',
    hide: 'Close help',
    busy: 'Loading help…',
    fallbackTitle: 'Help could not be loaded',
    fallbackMessage: 'Check your internet connection and try again.',
    contactsIntro: 'Or contact support:',
    phone: 'Phone',
    email: 'Email',
    hours: 'Opening hours',
    retry: 'Try again',
    close: 'Close',
  },
};
