import { formatTime } from '../../i18n/format.js';
import type { Messages } from '../../i18n/messages.js';
import type { ChatMessage } from '../../protocol/chat.js';
import type { Locale } from '../../protocol/config.js';
import { MOSCOW } from '../../time/zoned.js';
import { authorOf, systemText } from './chat-text.js';

/** The conversation as plain text, for the .txt download: one block per message, Moscow time. */
export function transcriptText(messages: readonly ChatMessage[], locale: Locale, msg: Messages): string {
  const lines = [msg.chat.end.file.title, ''];
  for (const m of messages) {
    const when = formatTime(Date.parse(m.createdAt), locale, MOSCOW, msg);
    const text = m.author === 'system' ? systemText(m, msg) : m.text;
    lines.push(`[${when}] ${authorOf(m, msg)}:`, text);
    if (m.article) lines.push(msg.chat.log.article(m.article.title));
    if (m.attachments.length) lines.push(`${msg.chat.log.attachments}: ${m.attachments.map((a) => a.name).join(', ')}`);
    lines.push('');
  }
  return lines.join('\r\n');
}
