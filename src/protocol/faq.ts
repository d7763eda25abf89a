import { z } from 'zod/mini';
import { contract } from './contract.js';

/**
 * The knowledge base (FAQ): articles in Russian and English, searched by the backend. The
 * virtual assistant of the chat answers from the same articles.
 */

export const FAQ_LOCALES = ['ru', 'en'] as const;
export type FaqLocale = (typeof FAQ_LOCALES)[number];

/** Longest search text, in characters. */
export const FAQ_QUERY_MAX = 200;

/** `GET /faq?q=&lang=`: without `q` (or with only spaces), the suggested articles. */
export const FaqQuery = z.object({
  q: z.optional(z.string().check(z.maxLength(FAQ_QUERY_MAX, 'too_long'))),
  /** The articles' language (default `ru`). */
  lang: z.optional(z.enum(FAQ_LOCALES)),
});
export type FaqQuery = z.infer<typeof FaqQuery>;

/** One article in one language. `body` is plain text: paragraphs separated by an empty line. */
export const FaqArticle = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  /** How well it matches the search (higher is better); absent in the suggested list. */
  score: z.optional(z.number()),
});
export type FaqArticle = z.infer<typeof FaqArticle>;

export const FaqResults = z.object({
  lang: z.enum(FAQ_LOCALES),
  /** The search text as used (trimmed); absent when nothing was asked. */
  query: z.optional(z.string()),
  /** `true`: no search, these are the suggested articles. */
  suggested: z.boolean(),
  /** Best match first; empty when nothing matched. */
  items: z.array(FaqArticle),
});
export type FaqResults = z.infer<typeof FaqResults>;

export const faqEndpoints = {
  faq: contract<undefined, FaqQuery>()({ method: 'GET', path: '/faq', response: FaqResults }),
};
