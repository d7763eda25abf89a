import type { ChatMessage } from '../src/protocol/chat.js';
import { safeHref } from '../src/util/links.js';
import { messages } from './messages.js';

/** A piece of a message's text: plain text, or a link (http(s), mailto or tel only). */
export type TextPart = { text: string; href?: string };

const LINK = /\b(?:https?:\/\/[^\s<>"']+|mailto:[^\s<>"']+|tel:\+?[\d()\- ]*\d)/gi;
/** Punctuation that ends a sentence rather than the link. */
const TRAILING = /[.,;:!?»)\]]+$/;

/**
 * Splits plain text into text and links. Only what is written as an http(s), mailto or tel URL
 * becomes a link, and only if `safeHref` accepts it; everything else stays text (never HTML).
 */
export function textParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    let raw = match[0];
    const trailing = TRAILING.exec(raw)?.[0] ?? '';
    raw = raw.slice(0, raw.length - trailing.length);
    const href = safeHref(raw);
    if (!href || !/^(https?|mailto|tel):/i.test(href)) continue;
    const start = match.index;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/** An attachment's URL, if it is http(s): anything else is shown as text. */
export function httpHref(url: string): string | undefined {
  const href = safeHref(url);
  return href && /^https?:/i.test(href) ? href : undefined;
}

/**
 * A system line as operators read it: the server words its lines for the citizen («Вы завершили
 * чат»), and the one who acted is the line's `operatorName`. A transfer's text names the new
 * operator and reads the same for both sides.
 */
export function systemText(message: ChatMessage): string {
  const s = messages.chat.system;
  const name = message.operatorName;
  switch (message.systemKind) {
    case 'queued':
      return s.queued;
    case 'operator_joined':
      return name ? s.joined(name) : message.text;
    case 'escalated':
      return name ? s.escalated(name) : message.text;
    case 'returned_to_queue':
      return name ? s.returned(name) : message.text;
    case 'closed':
      return name ? s.closedByOperator(name) : s.closedOtherwise;
    default:
      return message.text;
  }
}
