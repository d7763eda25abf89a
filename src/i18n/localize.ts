import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Locale } from '../protocol/config.js';
import { en } from './en.js';
import type { Messages, PluralForms } from './messages.js';
import { ru } from './ru.js';

export type { Messages, PluralForms };

const catalogues: Record<Locale, Messages> = { ru, en };

/** Locale from config, else the host page's `<html lang>`, else Russian. */
export function resolveLocale(configured: Locale | undefined, doc: Document | undefined = globalThis.document): Locale {
  if (configured) return configured;
  const lang = doc?.documentElement?.lang?.toLowerCase() ?? '';
  if (lang.startsWith('en')) return 'en';
  return 'ru';
}

export function messagesFor(locale: Locale): Messages {
  return catalogues[locale];
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
    return messagesFor(this.locale);
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
