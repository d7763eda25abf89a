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

/** The figures' columns: every number of a FigureSet, in the order of its keys. */
const COLUMNS: readonly [string, (f: FigureSet) => number | null][] = [
  ['Обработано', (f) => f.handled],
  ['Первая реакция: контактов', (f) => f.firstReaction.count],
  ['Первая реакция: медиана, мин', (f) => f.firstReaction.medianMinutes],
  ['Первая реакция: 90-й процентиль, мин', (f) => f.firstReaction.p90Minutes],
  ['Решение: контактов', (f) => f.resolution.count],
  ['Решение: медиана, мин', (f) => f.resolution.medianMinutes],
  ['Решение: 90-й процентиль, мин', (f) => f.resolution.p90Minutes],
  ['С первого обращения: из', (f) => f.firstContactResolution.count],
  ['С первого обращения: решено', (f) => f.firstContactResolution.matching],
  ['С первого обращения, %', (f) => f.firstContactResolution.percent],
  ['Просрочено: из', (f) => f.overdue.count],
  ['Просрочено: число', (f) => f.overdue.matching],
  ['Просрочено, %', (f) => f.overdue.percent],
  ['Опрос: ответов', (f) => f.surveys.answers],
  ['Опрос: средняя оценка', (f) => f.surveys.ratingMean],
  ['Опрос: ответ «решён», %', (f) => f.surveys.resolvedPercent],
];

export const CSV_HEADER = ['Канал', 'Тема', 'Оператор', ...COLUMNS.map(([name]) => name)];

const number = (value: number | null) => (value === null ? '' : String(value).replace('.', ','));

/** A text cell: quoted when needed; a leading = + - @ is defused (no formulas from operator names). */
function text(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const numbers = (f: FigureSet): string[] => COLUMNS.map(([, value]) => number(value(f)));

export function figuresCsv(figures: FiguresResponse): string {
  const rows: string[][] = [CSV_HEADER.map(text), ['Итого', '', '', ...numbers(figures.totals)]];
  for (const group of figures.groups) {
    const operator = group.operator === undefined ? '' : group.operator === null ? 'без оператора' : group.operator;
    rows.push([group.channel ? CHANNEL_NAMES[group.channel] : '', text(group.topic ?? ''), text(operator), ...numbers(group.figures)]);
  }
  return `\uFEFF${rows.map((row) => row.join(';')).join('\r\n')}\r\n`;
}
