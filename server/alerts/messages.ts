import type { AlertKind } from '#protocol/alerts.js';
import type { ContactChannel } from '#protocol/quality.js';
import { ru } from '#i18n/ru.js';
import type { OutgoingMessage } from '../notify/notifier.js';
import { formatMoscow } from '../time.js';
import type { AlertRow } from './store.js';

/** The channels as the console's sections name them. */
export const CHANNEL_NAMES: Record<ContactChannel, string> = {
  request: 'Обращения',
  callback: 'Обратные звонки',
  visit: 'Записи на приём',
  chat: 'Чат',
};

/** What each kind of alert is, as a subject line. */
export const ALERT_TITLES: Record<AlertKind, string> = {
  chat_wait: 'Долгое ожидание в очереди чата',
  overdue_share: 'Много просроченных обращений',
  low_ratings: 'Низкие оценки подряд по одной теме',
};

/** `17,5`: numbers the Russian way. */
const number = (value: number) => String(value).replace('.', ',');

const plural = new Intl.PluralRules('ru');
/** `3 ответа`, `5 ответов`, `21 ответ`. */
const answers = (n: number) => `${n} ${{ one: 'ответ', few: 'ответа', many: 'ответов', other: 'ответа' }[plural.select(n) as 'one' | 'few' | 'many' | 'other']}`;

/** A topic's Russian name where the widget's catalogue has one (request types, chat kinds), else its code. */
export function topicName(topic: string): string {
  return (ru.requestTypes as Record<string, string | undefined>)[topic] ?? topic;
}

/** The alert in one Russian sentence with its numbers; nothing about any citizen. */
export function alertSentence(row: Pick<AlertRow, 'kind' | 'channel' | 'topic' | 'value' | 'threshold' | 'sample'>): string {
  switch (row.kind) {
    case 'chat_wait':
      return `Самое долгое ожидание в очереди чата — ${number(row.value)} мин: дольше порога ${number(row.threshold)} мин не меньше ${row.sample} мин подряд.`;
    case 'overdue_share':
      return `Доля просроченных обращений — ${number(row.value)} % из ${row.sample} (открытые и завершённые за 7 дней): выше порога ${number(row.threshold)} %.`;
    case 'low_ratings':
      return (
        `${answers(row.sample)} подряд с оценкой не выше ${number(row.threshold)} по теме «${topicName(row.topic ?? '')}»` +
        ` (${CHANNEL_NAMES[row.channel ?? 'request']}): средняя оценка ${number(row.value)}.`
      );
  }
}

/** The e-mail of a raised alert to one recipient: the numbers, when, and the way to the console. */
export function alertMessage(row: AlertRow, recipient: string, consoleUrl: string | undefined): OutgoingMessage {
  const where = consoleUrl ? `Консоль оператора, раздел «Оповещения»: ${consoleUrl}` : 'Подробности — в консоли оператора, раздел «Оповещения» (/operator/).';
  return {
    channel: 'email',
    recipient,
    subject: `Оповещение: ${ALERT_TITLES[row.kind]}`,
    body: [
      'Здравствуйте!',
      '',
      alertSentence(row),
      `Оповещение поднято ${formatMoscow(Date.parse(row.raised_at))} (время московское).`,
      '',
      where,
      '',
      'Это письмо отправлено автоматически по правилу оповещений, которое задал руководитель.',
    ].join('\n'),
  };
}

/** The console's address as given (`consoleUrl`): http(s), or the start fails naming it. */
export function parseConsoleUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw new Error(`consoleUrl must be an http(s) URL of the operator console, got "${value}"`);
  return url.toString();
}
