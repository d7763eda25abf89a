import type { FastifyInstance } from 'fastify';
import { endpoints } from '#protocol/endpoints.js';
import type { FaqResults } from '#protocol/faq.js';
import { defineRoute } from '../http/route.js';
import type { FaqIndex } from './search.js';

/** At most this many articles per search. */
export const FAQ_RESULTS = 5;

/**
 * Matches scoring below this are left out of a search: one stray word in common is no result.
 * (The assistant asks for more, see ANSWER_THRESHOLD in assistant.ts.)
 */
export const FAQ_MIN_SCORE = 1;

export interface FaqRoutesOptions {
  index: FaqIndex;
}

/** `GET /faq?q=&lang=`: search the knowledge base, or without `q` its suggested articles. */
export function registerFaqRoutes(app: FastifyInstance, { index }: FaqRoutesOptions): void {
  defineRoute(app, endpoints.faq, ({ query }): FaqResults => {
    const lang = query.lang ?? 'ru';
    const text = query.q?.trim() ?? '';
    if (text === '') return { lang, suggested: true, items: index.suggested(lang) };
    const items = index
      .search(text, lang, FAQ_RESULTS)
      .filter((match) => match.score >= FAQ_MIN_SCORE)
      .map(({ id, title, body, score }) => ({ id, title, body, score }));
    return { lang, query: text, suggested: false, items };
  });
}
