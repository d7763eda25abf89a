import type { ContactChannel } from '#protocol/quality.js';
import type { FigureSet, FiguresResponse } from '#protocol/figures.js';

/**
 * The figures as CSV for Excel: UTF-8 with a BOM, `;` between fields, decimal commas, CRLF, one
 * header row in Russian; the same numbers as the JSON (the totals first, then the groups).
 */

const CHANNEL_NAMES: Record<ContactChannel, string> = {
  request: 'Обращение',
  callback: 'Обратный звонок',
  visit: 'Визит в офис',
  chat: 'Чат',
};

export const CSV_HEADER = [
  'Канал',
  'Тема',
  'Оператор',
  'Обработано',
  'Первая реакция: медиана, мин',
  'Первая реакция: 90-й процентиль, мин',
  'Первая реакция: контактов',
  'Решение: медиана, мин',
  'Решение: 90-й процентиль, мин',
  'Решение: контактов',
  'Решено с первого обращения, %',
  'Решено с первого обращения: из',
  'Просрочено, %',
  'Просрочено: из',
  'Оценка: средняя',
  'Ответ «решён», %',
  'Ответов',
];

const number = (value: number | null) => (value === null ? '' : String(value).replace('.', ','));

/** A text cell: quoted when needed; a leading = + - @ is defused (no formulas from operator names). */
function text(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function numbers(f: FigureSet): string[] {
  return [
    f.handled,
    f.firstReaction.medianMinutes,
    f.firstReaction.p90Minutes,
    f.firstReaction.count,
    f.resolution.medianMinutes,
    f.resolution.p90Minutes,
    f.resolution.count,
    f.firstContactResolution.percent,
    f.firstContactResolution.count,
    f.overdue.percent,
    f.overdue.count,
    f.surveys.ratingMean,
    f.surveys.resolvedPercent,
    f.surveys.answers,
  ].map(number);
}

export function figuresCsv(figures: FiguresResponse): string {
  const rows: string[][] = [CSV_HEADER.map(text), ['Итого', '', '', ...numbers(figures.totals)]];
  for (const group of figures.groups) {
    const operator = group.operator === undefined ? '' : group.operator === null ? 'без оператора' : group.operator;
    rows.push([group.channel ? CHANNEL_NAMES[group.channel] : '', text(group.topic ?? ''), text(operator), ...numbers(group.figures)]);
  }
  return `\uFEFF${rows.map((row) => row.join(';')).join('\r\n')}\r\n`;
}
