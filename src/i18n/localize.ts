import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Locale } from '../protocol/config.js';
import type { CoreMessages, FeatureMessages, Messages, PluralForms } from './messages.js';

export type { Messages, PluralForms };

type Feature = keyof FeatureMessages;
/** A language's file of the catalogue: the panel's part or one feature's part. */
type TextFiles<T> = Record<Locale, () => Promise<T>>;

/**
 * The catalogue at hand, by language: the panel's part and each feature's part. A page loads only
 * its own language: the panel fetches its part with the panel (`loadMessages`), a feature's part
 * comes with the feature's file (`registerFeatureFiles`, then `loadMessages`); bundler apps and
 * tests register every part in both languages at once (./all.ts and each feature's texts/all.ts).
 */
const core: Partial<Record<Locale, CoreMessages>> = {};
const features: Partial<Record<Locale, Partial<FeatureMessages>>> = {};
const coreFiles: TextFiles<CoreMessages> = {
  ru: () => import('./ru.js').then((m) => m.ru),
  en: () => import('./en.js').then((m) => m.en),
};
const featureFiles = new Map<Feature, TextFiles<unknown>>();
const loading = new Map<string, Promise<void>>();
/** Merged catalogues, dropped whenever a part arrives. */
const merged = new Map<Locale, Messages>();

/** Puts the panel's part of a language's catalogue in place. */
export function registerMessages(locale: Locale, messages: CoreMessages): void {
  core[locale] = messages;
  merged.clear();
}

/** Puts a feature's part of a language's catalogue in place. */
export function registerFeatureMessages<F extends Feature>(feature: F, locale: Locale, messages: FeatureMessages[F]): void {
  features[locale] = { ...features[locale], [feature]: messages };
  merged.clear();
}

/** Tells where a feature's part is, per language: `loadMessages` fetches it when needed. */
export function registerFeatureFiles<F extends Feature>(feature: F, files: TextFiles<FeatureMessages[F]>): void {
  featureFiles.set(feature, files);
}

/** Fetches one part once (a failed attempt is tried again next time). */
function loadPart(key: string, load: () => Promise<unknown>, register: (part: never) => void): Promise<void> {
  let attempt = loading.get(key);
  if (!attempt) {
    attempt = load().then(
      (part) => register(part as never),
      (error: unknown) => {
        loading.delete(key);
        throw error;
      },
    );
    loading.set(key, attempt);
  }
  return attempt;
}

/** Fetches what is missing of a language's catalogue: the panel's part and every known feature's part. */
export function loadMessages(locale: Locale): Promise<void> {
  const parts: Promise<void>[] = [];
  if (!core[locale]) parts.push(loadPart(locale, coreFiles[locale], (m: CoreMessages) => registerMessages(locale, m)));
  for (const [feature, files] of featureFiles) {
    if (features[locale]?.[feature]) continue;
    parts.push(loadPart(`${feature}:${locale}`, files[locale], (m: FeatureMessages[typeof feature]) => registerFeatureMessages(feature, locale, m)));
  }
  return Promise.all(parts).then(() => undefined);
}

/** Whether all of `locale`'s catalogue is at hand (else `messagesFor` fills in from another language). */
export const hasMessages = (locale: Locale): boolean =>
  core[locale] !== undefined && [...featureFiles.keys()].every((feature) => features[locale]?.[feature] !== undefined);

/** Locale from config, else the host page's `<html lang>`, else Russian. */
export function resolveLocale(configured: Locale | undefined, doc: Document | undefined = globalThis.document): Locale {
  if (configured) return configured;
  const lang = doc?.documentElement?.lang?.toLowerCase() ?? '';
  if (lang.startsWith('en')) return 'en';
  return 'ru';
}

/** The catalogue of `locale`; a part still being fetched comes from another language (Russian first). */
export function messagesFor(locale: Locale): Messages {
  let messages = merged.get(locale);
  if (!messages) {
    const panel = core[locale] ?? core.ru ?? core.en;
    if (!panel) throw new Error('gov-support-widget: no language catalogue loaded (import gov-support-widget, or loadMessages() first)');
    messages = { ...features.en, ...features.ru, ...features[locale], ...panel } as Messages;
    merged.set(locale, messages);
  }
  return messages;
}

/** Intl's plural rules and number format per locale: made once (each costs tens of ms cold). */
const counting = new Map<Locale, { rules: Intl.PluralRules; numbers: Intl.NumberFormat }>();
const countingFor = (locale: Locale) => {
  let made = counting.get(locale);
  if (!made) {
    made = { rules: new Intl.PluralRules(locale), numbers: new Intl.NumberFormat(locale) };
    counting.set(locale, made);
  }
  return made;
};

/** Makes `locale`'s plural rules and number format ahead of the first count (while the page is idle). */
export const prepareCounting = (locale: Locale): void => void countingFor(locale);

/** Picks the plural form for `n` by Intl.PluralRules and puts the number in place of `{n}`. */
export function plural(locale: Locale, n: number, forms: PluralForms): string {
  const { rules, numbers } = countingFor(locale);
  const form = forms[rules.select(n)] ?? forms.other;
  return form.replace('{n}', numbers.format(n));
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
