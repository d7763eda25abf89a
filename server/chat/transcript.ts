import type { ChatMessage } from '#protocol/chat.js';
import { formatMoscow } from '../time.js';
import type { ConversationRow } from './store.js';

const KIND_TITLES: Record<ConversationRow['kind'], string> = {
  technical: 'Техническая проблема',
  application: 'Вопрос по заявлению',
  status: 'Статус обращения',
};

/** `02.03.2026 12:05` in Moscow time. */
const moscowDateTime = (isoTime: string) => formatMoscow(Date.parse(isoTime));

function authorOf(message: ChatMessage): string {
  switch (message.author) {
    case 'citizen':
      return 'Вы';
    case 'assistant':
      return 'Виртуальный помощник';
    case 'operator':
      return `Оператор ${message.operatorName ?? ''}`.trim();
    case 'system':
      return '';
  }
}

/**
 * The conversation as plain text (Moscow times), for the citizen's e-mail: the opening, then each
 * message with its time and author; system lines between dashes; attachments by name; the
 * assistant's article by title. Text is as stored: plain text, nothing is interpreted.
 */
export function renderTranscript(conversation: ConversationRow, messages: readonly ChatMessage[]): string {
  const lines = [
    'Переписка с поддержкой',
    `Чат № ${conversation.id}`,
    `Начат: ${moscowDateTime(conversation.created_at)} (время московское)`,
    `Тема: ${KIND_TITLES[conversation.kind]}. ${conversation.summary}`,
    '',
  ];
  for (const message of messages) {
    const time = moscowDateTime(message.createdAt).slice(11);
    if (message.author === 'system') {
      lines.push(`[${time}] — ${message.text} —`);
      continue;
    }
    lines.push(`[${time}] ${authorOf(message)}:`);
    if (message.text) lines.push(...message.text.split('\n').map((l) => `  ${l}`));
    if (message.article) lines.push(`  (статья «${message.article.title}»)`);
    for (const s of message.suggestions ?? []) lines.push(`  • ${s.title}`);
    for (const a of message.attachments) lines.push(`  [файл: ${a.name}]`);
  }
  if (conversation.closed_at) lines.push('', `Чат завершён: ${moscowDateTime(conversation.closed_at)}`);
  return lines.join('\n') + '\n';
}
