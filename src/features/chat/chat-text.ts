import type { Messages } from '../../i18n/messages.js';
import type { ChatMessage } from '../../protocol/chat.js';
import { safeHref } from '../../util/links.js';

/** A piece of a message's text: plain text, or a link the citizen may follow. */
export type TextPart = { text: string; href?: undefined } | { text: string; href: string };

/** http(s), mailto and tel only: `javascript:`, `data:` and the rest never become links. */
const LINK = /\b(?:https?:\/\/[^\s<>"']+|mailto:[^\s<>"']+@[^\s<>"']+|tel:\+?[\d()-]{3,}\d)/gi;
/** Punctuation that ends a sentence rather than the link. */
const TRAILING = /[.,;:!?)\]»"'…]+$/;

/**
 * A message's plain text cut into text and links. Nothing here is ever HTML: the log renders
 * every part with Lit text bindings, and a link only when `safeHref` agrees it is one of the
 * three allowed kinds.
 */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const raw = match[0].replace(TRAILING, '');
    const start = match.index;
    const href = safeHref(raw);
    if (!href || !/^(https?|mailto|tel):/i.test(raw)) continue;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/** Who wrote a message, as the log and the transcript name them. */
export function authorOf(m: Pick<ChatMessage, 'author' | 'operatorName'>, msg: Messages): string {
  const t = msg.chat.log;
  switch (m.author) {
    case 'citizen':
      return t.you;
    case 'assistant':
      return t.assistant;
    case 'operator':
      return m.operatorName ? `${t.operator} ${m.operatorName}` : t.operator;
    case 'system':
      return t.system;
  }
}

/** A system line in the citizen's language (by its kind); the server's text when the kind is unknown. */
export function systemText(m: ChatMessage, msg: Messages): string {
  return m.systemKind ? msg.chat.system[m.systemKind](m.operatorName) : m.text;
}

/** What the citizen reads about a failed action. */
export function problemText(problem: { kind: string; seconds?: number; message?: string }, msg: Messages): string {
  const t = msg.chat.problems;
  switch (problem.kind) {
    case 'offline':
      return t.offline;
    case 'rate-limited':
      return t.rateLimited(problem.seconds ?? 30);
    case 'server':
      return t.server(problem.message ?? '');
    case 'lost':
      return t.lost;
    case 'busy':
      return t.busy;
    case 'download':
      return t.download(problem.message ?? '');
    default:
      return t.failed;
  }
}
