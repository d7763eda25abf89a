import type { Locale, LocalizedText } from '../protocol/config.js';

/** A site owner's text to show, and its language when that is not the page's (for `lang`). */
export interface SiteText {
  text: string;
  lang?: Locale | undefined;
}

/**
 * A site owner's text (`{ ru, en }`, or one string taken as Russian) in `locale`; where that
 * language has none, the other language's, marked with its `lang` (WCAG 3.1.2).
 */
export function siteText(value: LocalizedText | undefined, locale: Locale): SiteText | undefined {
  if (value === undefined) return undefined;
  const texts = typeof value === 'string' ? { ru: value } : value;
  const own = texts[locale];
  if (own !== undefined) return { text: own };
  const other: Locale = locale === 'ru' ? 'en' : 'ru';
  const fallback = texts[other];
  return fallback === undefined ? undefined : { text: fallback, lang: other };
}
