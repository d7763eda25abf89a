import type { FiguresGroup, FiguresResponse, OperatorSurveyAnswer, QueueCell } from './api.js';
import { dayIn, dayLabel, moscowTime } from './format.js';
import { messages } from './messages.js';

/** The figures' words and numbers: pure functions, no rendering, no I/O. */

const m = messages.figures;

/** A Moscow period, both days inclusive (YYYY-MM-DD). */
export interface Period {
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, month: number, d: number) => {
  const date = new Date(Date.UTC(y, month - 1, d));
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
};
const parts = (day: string) => day.split('-').map(Number) as [number, number, number];

/** Today in Moscow (the figures' days are Moscow days). */
export function moscowToday(at = new Date()): string {
  return dayIn('Europe/Moscow', at);
}

/** From the 1st of `today`'s month to `today`. */
export function thisMonth(today: string): Period {
  const [y, mo] = parts(today);
  return { from: ymd(y, mo, 1), to: today };
}

/** The whole month before `today`'s. */
export function lastMonth(today: string): Period {
  const [y, mo] = parts(today);
  return { from: ymd(y, mo - 1, 1), to: ymd(y, mo, 0) };
}

/** The last `days` days up to `today` inclusive. */
export function lastDays(today: string, days: number): Period {
  const [y, mo, d] = parts(today);
  return { from: ymd(y, mo, d - days + 1), to: today };
}

/** «с 01.03.2026 по 16.03.2026». */
export function periodText(period: Period): string {
  return m.period(dayLabel(period.from), dayLabel(period.to));
}

const decimal = (value: number, digits: number) =>
  new Intl.NumberFormat('ru-RU', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);

/**
 * A time in minutes as a person reads it: «1 ч 05 мин», «45 мин», «меньше 1 мин», «—» for none.
 * Rounded to the whole minute (the server gives tenths).
 */
export function durationText(minutes: number | null): string {
  if (minutes === null) return m.noValue;
  const whole = Math.round(minutes);
  if (whole < 1) return m.lessThanMinute;
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  return hours === 0 ? `${rest} ${m.minutes}` : `${hours} ${m.hours} ${pad(rest)} ${m.minutes}`;
}

/** Minutes to the tenth as the server gives them: «12,5 мин». */
export function minutesText(minutes: number | null): string {
  return minutes === null ? m.noValue : `${decimal(minutes, 1)} ${m.minutes}`;
}

/** «25,0 %» (tenths), «—» for none. */
export function percentText(percent: number | null): string {
  return percent === null ? m.noValue : `${decimal(percent, 1)}\u00a0%`;
}

/** «25,0 % (3 из 12)», «—» of none. */
export function shareText(share: { count: number; matching: number; percent: number | null }): string {
  return share.percent === null ? m.noValue : m.share(percentText(share.percent), share.matching, share.count);
}

/** The mean rating to hundredths: «4,25». */
export function ratingText(mean: number | null): string {
  return mean === null ? m.noValue : decimal(mean, 2);
}

/** Whole numbers with Russian grouping: «1 234». */
export function countText(n: number): string {
  return new Intl.NumberFormat('ru-RU').format(n);
}

/** A channel's, topic's or operator's name as the table shows it. */
export function groupLabel(group: FiguresGroup, services: ReadonlyMap<string, string> = new Map()): string {
  if (group.operator !== undefined) return group.operator ?? m.noOperator;
  const channel = group.channel ? (m.channels[group.channel] ?? group.channel) : '';
  return group.topic === undefined ? channel : channelTopic(group.channel ?? '', group.topic, services);
}

/** «Обращения: Техническая проблема»: a channel and a topic in Russian. */
export function channelTopic(channel: string, topic: string, services: ReadonlyMap<string, string> = new Map()): string {
  return `${m.channels[channel] ?? channel}: ${topicName(channel, topic, services)}`;
}

function topicName(channel: string | undefined, topic: string, services: ReadonlyMap<string, string>): string {
  switch (channel) {
    case 'chat':
      return messages.chat.kinds[topic] ?? messages.requestTypes[topic] ?? topic;
    case 'visit':
      return services.get(topic) ?? topic;
    default:
      return messages.requestTypes[topic] ?? topic;
  }
}

/** A stable key of a group (for rows and tests): `request`, `request/technical`, `operator:Анна К.`. */
export function groupKey(group: FiguresGroup): string {
  if (group.operator !== undefined) return `operator:${group.operator ?? ''}`;
  return group.topic === undefined ? (group.channel ?? '') : `${group.channel}/${group.topic}`;
}

/** The 7 × 24 cells of a line, in order (weekday 0 = Monday), missing ones as empty. */
export function weekGrid(cells: readonly QueueCell[]): QueueCell[][] {
  const byKey = new Map(cells.map((c) => [`${c.weekday}:${c.hour}`, c]));
  return Array.from({ length: 7 }, (_, weekday) =>
    Array.from({ length: 24 }, (_, hour) => byKey.get(`${weekday}:${hour}`) ?? { weekday, hour, count: 0, medianMinutes: null }),
  );
}

/** The cell where the median wait was longest (the first such), or undefined when nobody waited. */
export function peakCell(cells: readonly QueueCell[]): QueueCell | undefined {
  let peak: QueueCell | undefined;
  for (const cell of cells) {
    if (cell.count === 0 || cell.medianMinutes === null) continue;
    if (!peak || cell.medianMinutes > peak.medianMinutes!) peak = cell;
  }
  return peak;
}

/** The number of the heat map's shades (besides «no waits»). */
export const HEAT_STEPS = 5;

/** The upper bounds (minutes) of each shade, from the longest median: equal steps, whole minutes. */
export function heatBounds(cells: readonly QueueCell[]): number[] {
  const longest = Math.max(0, ...cells.map((c) => (c.count > 0 && c.medianMinutes !== null ? c.medianMinutes : 0)));
  const step = Math.max(1, Math.ceil(longest / HEAT_STEPS));
  return Array.from({ length: HEAT_STEPS }, (_, i) => step * (i + 1));
}

/** The shade of a cell: 0 … HEAT_STEPS-1, or -1 for an hour without waits. */
export function heatStep(cell: QueueCell, bounds: readonly number[]): number {
  if (cell.count === 0 || cell.medianMinutes === null) return -1;
  const i = bounds.findIndex((b) => cell.medianMinutes! <= b);
  return i < 0 ? bounds.length - 1 : i;
}

const csvNumber = (value: number | null) => (value === null ? '' : String(value).replace('.', ','));

/**
 * The queue's wait as CSV, like the server's figures CSV (UTF-8 with a BOM, `;`, decimal commas,
 * CRLF, one Russian header row): the server's CSV has the groups only, so this table is made here
 * from the same JSON.
 */
export function queueWaitCsv(figures: FiguresResponse): string {
  const chat = weekGrid(figures.queueWait.chat);
  const callback = weekGrid(figures.queueWait.callback);
  const rows = [
    [
      m.weekday,
      'Час',
      `${m.queueLines.chat}: ожиданий`,
      `${m.queueLines.chat}: медиана, мин`,
      `${m.queueLines.callback}: ожиданий`,
      `${m.queueLines.callback}: медиана, мин`,
    ].map((h) => (/[;"]/.test(h) ? `"${h.replace(/"/g, '""')}"` : h)),
  ];
  for (let weekday = 0; weekday < 7; weekday++) {
    for (let hour = 0; hour < 24; hour++) {
      const a = chat[weekday]![hour]!;
      const b = callback[weekday]![hour]!;
      rows.push([m.weekdays[weekday]!, m.hourRange(hour), String(a.count), csvNumber(a.medianMinutes), String(b.count), csvNumber(b.medianMinutes)]);
    }
  }
  return `\uFEFF${rows.map((r) => r.join(';')).join('\r\n')}\r\n`;
}

/** A text cell of a CSV: quoted when needed; a leading = + - @ defused (no formulas from comments). */
function csvText(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The survey answers as CSV in the figures' format (UTF-8 with a BOM, `;`, CRLF, a Russian
 * header): whose contact it was only when the citizen agreed, as on the screen.
 */
export function surveyAnswersCsv(items: readonly OperatorSurveyAnswer[], services: ReadonlyMap<string, string> = new Map()): string {
  const s = m.surveys;
  const rows = [[s.answeredAt, s.channel, s.topic, s.operator, s.question, s.ratingLabel, s.comment, s.reference].map(csvText)];
  for (const a of items) {
    rows.push(
      [
        moscowTime(a.answeredAt),
        m.channels[a.channel] ?? a.channel,
        channelTopic(a.channel, a.topic, services),
        a.operator ?? '',
        s.resolved[a.resolved],
        String(a.rating),
        a.comment ?? '',
        a.reference ?? s.notShared,
      ].map(csvText),
    );
  }
  return `\uFEFF${rows.map((r) => r.join(';')).join('\r\n')}\r\n`;
}
