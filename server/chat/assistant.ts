import type { Locale } from '#protocol/config.js';

/** A knowledge-base article the assistant answers with. */
export interface AssistantArticle {
  id: string;
  title: string;
  /** Plain text. */
  body: string;
}

/** The assistant's answer: an article, or no answer with articles that may help. */
export type AssistantReply =
  | { kind: 'answer'; article: AssistantArticle }
  | { kind: 'unknown'; suggestions: { id: string; title: string }[] };

/**
 * The virtual assistant that answers first: the opening question and the citizen's messages
 * while no operator is involved. Injected into the chat (`buildApp({ chatAssistant })`); the
 * knowledge base behind it lives elsewhere (server/knowledge-base/). It may answer at once or later
 * (a promise); an answer later than `assistantTimeoutMs`, or an error, counts as `unknown`.
 */
export interface ChatAssistant {
  reply(question: string, locale: Locale): AssistantReply | Promise<AssistantReply>;
}

/** Without a knowledge base: never knows, so the second question goes to an operator. */
export const NO_ASSISTANT: ChatAssistant = {
  reply: () => ({ kind: 'unknown', suggestions: [] }),
};

/** The assistant's reply within `timeoutMs`; `unknown` when it is late, throws, or answers nonsense. */
export async function askAssistant(assistant: ChatAssistant, question: string, locale: Locale, timeoutMs: number): Promise<AssistantReply> {
  const unknown: AssistantReply = { kind: 'unknown', suggestions: [] };
  let timer: NodeJS.Timeout | undefined;
  try {
    const late = new Promise<AssistantReply>((resolve) => {
      timer = setTimeout(() => resolve(unknown), timeoutMs);
      timer.unref();
    });
    const reply = await Promise.race([Promise.resolve().then(() => assistant.reply(question, locale)), late]);
    return isReply(reply) ? reply : unknown;
  } catch {
    return unknown;
  } finally {
    clearTimeout(timer);
  }
}

const isText = (v: unknown): v is string => typeof v === 'string';

function isReply(reply: unknown): reply is AssistantReply {
  if (typeof reply !== 'object' || reply === null) return false;
  const r = reply as { kind?: unknown; article?: { id?: unknown; title?: unknown; body?: unknown }; suggestions?: unknown };
  if (r.kind === 'answer') return isText(r.article?.id) && isText(r.article?.title) && isText(r.article?.body);
  return (
    r.kind === 'unknown' &&
    Array.isArray(r.suggestions) &&
    r.suggestions.every((s: { id?: unknown; title?: unknown } | null) => isText(s?.id) && isText(s?.title))
  );
}
