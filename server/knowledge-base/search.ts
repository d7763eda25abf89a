import { stemmer as englishStem } from '@orama/stemmers/english';
import { stemmer as russianStem } from '@orama/stemmers/russian';
import MiniSearch, { type SearchResult } from 'minisearch';
import { FAQ_LOCALES, type FaqLocale } from '#protocol/faq.js';
import type { FaqArticleRecord } from './articles.js';

/**
 * Full-text search of the knowledge base: one MiniSearch index per language over the title,
 * the keywords and the body. Words are lower-cased (ё = е), stripped of stop words and stemmed
 * (Snowball: Russian for Cyrillic words, English for Latin ones, whatever the index language),
 * so «восстановить пароль», «восстановление пароля» and «пароля» meet. Prefix and fuzzy matches
 * (one typo from 5 letters, two from 10) count for less than exact ones. Pure and deterministic.
 */

/** Words that carry no topic: questions, politeness, pronouns, the portal's own name. */
const RU_STOP_WORDS = `
а без более бы был вами ваша вашей ваше была были было быть в вам вас ваш вдруг ведь во вот все всё всего всех вы где да даже для до его ее её ей ему если есть еще ещё ж же за здесь и из или им их к как какая какие каким какой какую ко когда кто ли либо мне меня мной мой моя мое моё мои может могу можно мы на надо нам нас не него нее неё нет ни них но ну о об однако он она они оно от очень по под при про с со так такой там тебя то тоже только ты у уже хотя чего чем что чтобы чтоб эта эти это этот я
пожалуйста здравствуйте добрый день вечер утро привет спасибо подскажите скажите помогите хочу хотел хотела нужно нужен нужна надо делать сделать почему зачем куда сколько ли
госуслуги госуслуг госуслугах госуслугами портал портале портала сайт сайте
`;
const EN_STOP_WORDS = `
a about am an and any are as at be been but by can could did do does for from get got had has have how i if in into is it its me my no not of on or our please should so than that the their them then there these they this to was we what when where which who why will with would you your
hello hi thanks thank help want need
gosuslugi portal site website
`;
const STOP_WORDS = new Set(`${RU_STOP_WORDS} ${EN_STOP_WORDS}`.split(/\s+/).filter(Boolean).map((word) => word.replace(/ё/g, 'е')));

const CYRILLIC = /[а-я]/;
const LATIN = /[a-z]/;

/** Lower case, ё = е, compatibility forms folded (ＡＢＣ, ligatures). */
export const normalizeText = (text: string): string => text.normalize('NFKC').toLowerCase().replace(/ё/g, 'е');

/** Words of `text`: runs of letters and digits. */
export const tokenize = (text: string): string[] => text.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0);

/** A word as indexed and searched: its stem, or null for stop words, single letters and bare numbers. */
export function processTerm(word: string): string | null {
  const term = normalizeText(word);
  if (term.length < 2 || STOP_WORDS.has(term) || /^\p{N}+$/u.test(term)) return null;
  if (CYRILLIC.test(term)) return russianStem(term);
  if (LATIN.test(term)) return englishStem(term);
  return term;
}

/** The words of `text` that take part in a search (stems, in order, repeats kept). */
export const searchTerms = (text: string): string[] =>
  tokenize(text)
    .map(processTerm)
    .filter((term): term is string => term !== null);

/** Field weights: a word of the title or the keywords says more than one of the body. */
const BOOST = { title: 3, keywords: 2.5, body: 1 };

interface IndexedArticle {
  id: string;
  title: string;
  keywords: string;
  body: string;
}

/** One found article. */
export interface FaqMatch {
  id: string;
  title: string;
  body: string;
  /**
   * How well it matches, rounded to 0.01: MiniSearch's score (the BM25 of the matched words,
   * summed, times how many matched) over the square of the question's words (at most
   * {@link CONFIDENCE_WORDS}). Within one search, higher is always ranked first.
   */
  score: number;
  /** How many distinct words of the question were found in the article. */
  matchedTerms: number;
  /** How many distinct words of the question take part in the search (after stop words). */
  queryTerms: number;
}

/** An article in one language, as the API and the chat show it. */
export interface FaqArticleView {
  id: string;
  title: string;
  body: string;
}

export interface FaqIndex {
  /** The best matches of `text` in `locale`, best first (ties by id); at most `limit`. */
  search(text: string, locale: FaqLocale, limit?: number): FaqMatch[];
  /** The suggested articles in `locale`, in file order. */
  suggested(locale: FaqLocale): FaqArticleView[];
  /** One article in `locale`, or undefined. */
  article(id: string, locale: FaqLocale): FaqArticleView | undefined;
  /** Every article id, in file order. */
  readonly ids: readonly string[];
}

/**
 * A question's words past this many do not lower its score any further: a chat message may tell
 * a story around its two or three telling words.
 */
export const CONFIDENCE_WORDS = 6;

/** Only this much of a question is searched (a chat message may be long). */
export const SEARCH_TEXT_MAX = 500;

export function createFaqIndex(articles: readonly FaqArticleRecord[]): FaqIndex {
  const byId = new Map(articles.map((article) => [article.id, article]));
  const indexes = new Map<FaqLocale, MiniSearch<IndexedArticle>>();
  for (const locale of FAQ_LOCALES) {
    const index = new MiniSearch<IndexedArticle>({
      fields: ['title', 'keywords', 'body'],
      tokenize,
      processTerm,
      searchOptions: {
        boost: BOOST,
        prefix: (term) => term.length >= 4,
        fuzzy: (term) => (term.length >= 10 ? 2 : term.length >= 5 ? 1 : false),
        maxFuzzy: 2,
        combineWith: 'OR',
      },
    });
    index.addAll(
      articles.map((article) => {
        const text = article[locale];
        return { id: article.id, title: text.title, keywords: text.keywords.join(' \n '), body: text.body };
      }),
    );
    indexes.set(locale, index);
  }

  const view = (article: FaqArticleRecord, locale: FaqLocale): FaqArticleView => ({
    id: article.id,
    title: article[locale].title,
    body: article[locale].body,
  });

  return {
    ids: articles.map((article) => article.id),
    search(text, locale, limit = 5) {
      const query = text.slice(0, SEARCH_TEXT_MAX);
      const queryTerms = new Set(searchTerms(query)).size;
      if (queryTerms === 0) return [];
      const results: SearchResult[] = indexes.get(locale)!.search(query);
      // Ranked by MiniSearch's score (the summed BM25 of the words, times how many matched);
      // reported per question word squared, so that it does not grow with the question's length.
      const words = Math.min(queryTerms, CONFIDENCE_WORDS);
      return results
        .map((result) => ({ result, article: byId.get(String(result.id))! }))
        .sort((a, b) => b.result.score - a.result.score || (a.article.id < b.article.id ? -1 : 1))
        .map(({ result, article }) => ({
          ...view(article, locale),
          score: Math.round((result.score / (words * words)) * 100) / 100,
          matchedTerms: result.queryTerms.length,
          queryTerms,
        }))
        .slice(0, Math.max(0, limit));
    },
    suggested: (locale) => articles.filter((article) => article.suggested).map((article) => view(article, locale)),
    article(id, locale) {
      const article = byId.get(id);
      return article && view(article, locale);
    },
  };
}
