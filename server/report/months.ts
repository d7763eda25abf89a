import { MOSCOW_OFFSET_MS } from '../time.js';

/**
 * The months of the public report on the Moscow calendar (`YYYY-MM`): pure, the clock passed in.
 * A month is published once it has ended; the current month never is.
 */

/** How many finished months the report offers (newest first); months frozen earlier stay too. */
export const PUBLISHED_MONTHS = 12;

const pad = (n: number) => String(n).padStart(2, '0');

/** The Moscow month of an instant. */
export function monthOf(instant: number): string {
  const wall = new Date(instant + MOSCOW_OFFSET_MS);
  return `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}`;
}

/** The month `n` months before `month` (`n` ≥ 0). */
export function monthsBefore(month: string, n: number): string {
  const [year, m] = month.split('-').map(Number);
  const index = year! * 12 + (m! - 1) - n;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** The first and last day (`YYYY-MM-DD`, inclusive) of a month, as the figures take a period. */
export function daysOf(month: string): { from: string; to: string } {
  const [year, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(year!, m!, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${pad(last)}` };
}

/**
 * The published months at `now`, newest first: the last {@link PUBLISHED_MONTHS} finished ones,
 * and any older month already frozen (a published month stays published).
 */
export function publishedMonths(now: number, frozen: readonly string[]): string[] {
  const current = monthOf(now);
  const recent = Array.from({ length: PUBLISHED_MONTHS }, (_, i) => monthsBefore(current, i + 1));
  const all = new Set([...recent, ...frozen.filter((month) => month < current)]);
  return [...all].sort().reverse();
}
