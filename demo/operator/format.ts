import { messages } from './messages.js';

const moscow = new Intl.DateTimeFormat('ru-RU', {
  timeZone: 'Europe/Moscow',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** «16.03.2026, 12:00 МСК»: every time in the console is Moscow time, labelled. */
export function moscowTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${moscow.format(date)} ${messages.timeZone}`;
}
