import { z } from 'zod/mini';
import { formatPath } from '../http/validation.js';
import { readJsonFile } from '../json-file.js';
import { fromProjectRoot } from '../project-root.js';

/**
 * The knowledge base: FAQ articles in Russian and English, as data (articles.json). It is
 * validated when loaded: a bad file stops the start, and every bad path is named.
 */

/** The articles shipped with the backend. */
export const DEFAULT_FAQ_ARTICLES_PATH = fromProjectRoot('demo/data/knowledge-base.json');

/** Longest title and body: a chat bubble, not a manual. */
export const TITLE_MAX = 160;
export const BODY_MAX = 4000;

/** One language of an article. */
export interface FaqArticleText {
  title: string;
  /** Plain text: paragraphs separated by an empty line, no HTML. */
  body: string;
  /** Other words and phrases a citizen may use (searched, never shown). */
  keywords: string[];
}

export interface FaqArticleRecord {
  /** Stable slug: `password-recovery`. */
  id: string;
  /** Listed first when nothing was asked yet (`GET /faq` without `q`, `suggestedQuestions`). */
  suggested: boolean;
  ru: FaqArticleText;
  en: FaqArticleText;
}

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
/** No markup: the widget renders bodies as text, and the chat shows them as they are. */
const plain = (max: number) => text(max).check(z.refine((value) => !/<\/?[a-z][^>]*>/i.test(value), 'Expected plain text without HTML tags'));

const ArticleTextSchema = z.strictObject({
  title: plain(TITLE_MAX),
  body: plain(BODY_MAX),
  keywords: z.optional(z.array(text(80)).check(z.maxLength(40))),
});

const ArticleSchema = z.strictObject({
  id: z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Expected a slug of a–z, 0–9 and single hyphens'), z.maxLength(60)),
  suggested: z.optional(z.boolean()),
  ru: ArticleTextSchema,
  en: ArticleTextSchema,
});

export const FaqArticlesSchema = z.strictObject({
  /** Free text for people editing the file. */
  _note: z.optional(z.string()),
  articles: z.array(ArticleSchema).check(z.minLength(1)),
});

/**
 * The articles of `raw` (the parsed file), validated; throws naming every bad path and any
 * repeated id. `where` names the file in the message.
 */
export function parseFaqArticles(raw: unknown, where = 'articles'): FaqArticleRecord[] {
  const parsed = FaqArticlesSchema.safeParse(raw);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `  - ${formatPath(issue.path)}: ${issue.message}`);
  if (parsed.success) {
    const seen = new Set<string>();
    parsed.data.articles.forEach((article, i) => {
      if (seen.has(article.id)) problems.push(`  - articles[${i}].id: "${article.id}" is listed twice`);
      seen.add(article.id);
    });
  }
  if (!parsed.success || problems.length > 0) throw new Error(`Invalid FAQ articles ${where}:\n${problems.join('\n')}`);
  return parsed.data.articles.map((article) => ({
    id: article.id,
    suggested: article.suggested ?? false,
    ru: { ...article.ru, keywords: article.ru.keywords ?? [] },
    en: { ...article.en, keywords: article.en.keywords ?? [] },
  }));
}

/** Reads and validates an articles file (default: the shipped articles.json). */
export function loadFaqArticles(path: string | URL = DEFAULT_FAQ_ARTICLES_PATH): FaqArticleRecord[] {
  const { raw, where } = readJsonFile(path, 'FAQ articles');
  return parseFaqArticles(raw, where);
}
