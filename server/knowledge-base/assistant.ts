import type { FaqLocale } from '#protocol/faq.js';
import { loadFaqArticles } from './articles.js';
import { createFaqIndex, type FaqIndex } from './search.js';

/**
 * The chat's virtual assistant: answers a citizen's question with a knowledge-base article when
 * the best match is confident enough, else says it does not know and suggests a few articles
 * (the chat then hands the conversation to an operator). Deterministic: the same question gives
 * the same reply.
 *
 * ```ts
 * const reply = answerQuestion('не могу восстановить пароль', 'ru');
 * if (reply.kind === 'answer') say(reply.article.title, reply.article.body);
 * else offer(reply.suggestions);
 * ```
 */

export type { FaqLocale };

/**
 * The confidence an answer needs: the search score of the best article (its BM25 per question
 * word squared, see search.ts). Chosen with test/server/faq.test.ts: citizens' questions score
 * 4.3 and more, off-topic ones 2.4 and less.
 */
export const ANSWER_THRESHOLD = 3;

/** How many articles an «unknown» reply suggests. */
export const SUGGESTION_COUNT = 3;

/** An article as the assistant answers with it: plain text, paragraphs separated by an empty line. */
export interface AssistantArticle {
  id: string;
  title: string;
  body: string;
}

/** An article the citizen may mean, or may ask about: its title is phrased as a question. */
export interface AssistantSuggestion {
  id: string;
  title: string;
}

/** A confident answer. */
export interface AssistantAnswer {
  kind: 'answer';
  article: AssistantArticle;
  /** The search score (≥ the threshold); higher is surer. */
  score: number;
}

/** Not confident: articles that came close first, then the suggested ones. */
export interface AssistantUnknown {
  kind: 'unknown';
  suggestions: AssistantSuggestion[];
}

export type AssistantReply = AssistantAnswer | AssistantUnknown;

export interface FaqAssistant {
  /** The reply to `question` (any text; only its first 500 characters are searched) in `locale`. */
  answer(question: string, locale: FaqLocale): AssistantReply;
  /** Questions to offer before the citizen has asked anything: the suggested articles. */
  suggestedQuestions(locale: FaqLocale): AssistantSuggestion[];
  /** The article `id` in `locale` (e.g. when the citizen picks a suggestion), or undefined. */
  article(id: string, locale: FaqLocale): AssistantArticle | undefined;
  readonly threshold: number;
}

export interface FaqAssistantOptions {
  /** Default {@link ANSWER_THRESHOLD}. */
  threshold?: number;
  /** Default {@link SUGGESTION_COUNT}. */
  suggestions?: number;
}

export function createFaqAssistant(index: FaqIndex, options: FaqAssistantOptions = {}): FaqAssistant {
  const threshold = options.threshold ?? ANSWER_THRESHOLD;
  const count = options.suggestions ?? SUGGESTION_COUNT;
  const suggestion = (article: { id: string; title: string }): AssistantSuggestion => ({ id: article.id, title: article.title });

  return {
    threshold,
    answer(question, locale) {
      const matches = index.search(typeof question === 'string' ? question : '', locale, count + 1);
      const best = matches[0];
      if (best && best.score >= threshold) {
        return { kind: 'answer', article: { id: best.id, title: best.title, body: best.body }, score: best.score };
      }
      // Near misses first, then the suggested articles, without repeats.
      const seen = new Set<string>();
      const suggestions: AssistantSuggestion[] = [];
      for (const article of [...matches, ...index.suggested(locale)]) {
        if (suggestions.length >= count) break;
        if (seen.has(article.id)) continue;
        seen.add(article.id);
        suggestions.push(suggestion(article));
      }
      return { kind: 'unknown', suggestions };
    },
    suggestedQuestions: (locale) => index.suggested(locale).map(suggestion),
    article: (id, locale) => index.article(id, locale),
  };
}

let shipped: { index: FaqIndex; assistant: FaqAssistant } | undefined;

/** The index of the shipped articles (demo/data/knowledge-base.json), built once. */
export function defaultFaqIndex(): FaqIndex {
  return shippedKnowledgeBase().index;
}

/** The assistant over the shipped articles, built once: what the chat uses. */
export function defaultFaqAssistant(): FaqAssistant {
  return shippedKnowledgeBase().assistant;
}

function shippedKnowledgeBase() {
  if (!shipped) {
    const index = createFaqIndex(loadFaqArticles());
    shipped = { index, assistant: createFaqAssistant(index) };
  }
  return shipped;
}

/** `defaultFaqAssistant().answer(question, locale)`. */
export const answerQuestion = (question: string, locale: FaqLocale): AssistantReply => defaultFaqAssistant().answer(question, locale);

/** `defaultFaqAssistant().suggestedQuestions(locale)`. */
export const suggestedQuestions = (locale: FaqLocale): AssistantSuggestion[] => defaultFaqAssistant().suggestedQuestions(locale);
