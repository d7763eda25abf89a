import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Locale } from '../protocol/config.js';
import type { Messages, PluralForms } from './messages.js';

export type { Messages, PluralForms };

/**
 * The catalogues at hand. A page loads only its own language: the script tag's panel fetches it
 * with the panel (`loadMessages`), bundler apps and tests register both (`./all.js`).
 */
const catalogues: Partial<Record<Locale, Messages>> = {};
const loading = new Map<Locale, Promise<Messages>>();
const files: Record<Locale, () => Promise<Messages>> = {
  ru: () => import('./ru.js').then((m) => m.ru),
  en: () => import('./en.js').then((m) => m.en),
};

export function registerMessages(locale: Locale, messages: Messages): void {
  catalogues[locale] = messages;
}

/** Fetches a language's catalogue once (a failed attempt is tried again next time). */
export function loadMessages(locale: Locale): Promise<Messages> {
  const ready = catalogues[locale];
  if (ready) return Promise.resolve(ready);
  let attempt = loading.get(locale);
  if (!attempt) {
    attempt = files[locale]().then(
      (messages) => {
        registerMessages(locale, messages);
        return messages;
      },
      (error: unknown) => {
        loading.delete(locale);
        throw error;
      },
    );
    loading.set(locale, attempt);
  }
  return attempt;
}

/** Whether `locale`'s catalogue is at hand (else `messagesFor` gives another language's). */
export const hasMessages = (locale: Locale): boolean => catalogues[locale] !== undefined;

/** Locale from config, else the host page's `<html lang>`, else Russian. */
export function resolveLocale(configured: Locale | undefined, doc: Document | undefined = globalThis.document): Locale {
  if (configured) return configured;
  const lang = doc?.documentElement?.lang?.toLowerCase() ?? '';
  if (lang.startsWith('en')) return 'en';
  return 'ru';
}

/** The catalogue of `locale`, or while it is being fetched the one at hand (Russian first). */
export function messagesFor(locale: Locale): Messages {
  const messages = catalogues[locale] ?? catalogues.ru ?? catalogues.en;
  if (!messages) throw new Error('gov-support-widget: no language catalogue loaded (import gov-support-widget, or loadMessages() first)');
  return messages;
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

/** Picks the plural form for `n` by Intl.PluralRules and puts the number in place of `{n}`. */
export function plural(locale: Locale, n: number, forms: PluralForms): string {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  const form = forms[rules.select(n)] ?? forms.other;
  return form.replace('{n}', new Intl.NumberFormat(locale).format(n));
}

/**
 * Gives an element the messages of its current locale. `getLocale` is read on every access,
 * so a config change (through context) re-renders in the new language; while no locale is
 * configured, a change of the page's `<html lang>` (single-page sites) re-renders too.
 */
export class LocalizeController implements ReactiveController {
  private observer?: MutationObserver;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly getLocale: () => Locale | undefined,
  ) {
    host.addController(this);
  }

  get locale(): Locale {
    return resolveLocale(this.getLocale());
  }

  get msg(): Messages {
    const locale = this.locale;
    // Another language than the one loaded with the panel: fetched, then rendered again.
    if (!hasMessages(locale)) void loadMessages(locale).then(() => this.host.requestUpdate(), () => undefined);
    return messagesFor(locale);
  }

  plural(n: number, forms: PluralForms): string {
    return plural(this.locale, n, forms);
  }

  hostConnected(): void {
    this.observer = new MutationObserver(() => {
      if (!this.getLocale()) this.host.requestUpdate();
    });
    this.observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }
}
