import { WEEKDAYS, type WeeklyHours, type Weekday } from '../protocol/config.js';
import { instantOf, zonedParts } from './zoned.js';

const DAY = 24 * 60;

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/** One opening interval as absolute minutes from the start of this week's Monday (local time). */
export interface Interval {
  start: number;
  end: number;
}

/** The week's opening intervals in minutes from Monday 00:00 (local time), sorted, touching ones merged. */
export function weekIntervals(hours: WeeklyHours): Interval[] {
  const intervals: Interval[] = [];
  WEEKDAYS.forEach((day, i) => {
    for (const range of hours[day]) intervals.push({ start: i * DAY + toMinutes(range.from), end: i * DAY + toMinutes(range.to) });
  });
  intervals.sort((a, b) => a.start - b.start);
  // Merge touching ranges (e.g. 20:00–24:00 followed by 00:00–02:00 the next day).
  const merged: Interval[] = [];
  for (const interval of intervals) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}

export type OpenState =
  | { kind: 'always' }
  | { kind: 'open'; closesAt: number }
  | { kind: 'closed'; opensAt: number }
  | { kind: 'never' };

/**
 * Whether a channel or office with these hours is open at `now`, and when that changes.
 * Computed in the hours' own time zone (Moscow unless given), so it is right for any visitor.
 */
export function openState(hours: WeeklyHours, now: number): OpenState {
  const intervals = weekIntervals(hours);
  if (intervals.length === 0) return { kind: 'never' };
  const week = 7 * DAY;
  if (intervals.length === 1 && intervals[0]!.start <= 0 && intervals[0]!.end >= week) return { kind: 'always' };

  const local = zonedParts(now, hours.timeZone);
  const dayIndex = WEEKDAYS.indexOf(local.weekday);
  const nowInWeek = dayIndex * DAY + local.minutes;
  // Look at this week and the next, so that Sunday evening finds Monday morning.
  const twoWeeks = [...intervals, ...intervals.map((i) => ({ start: i.start + week, end: i.end + week }))];
  // An interval that ends at the week's end and one that starts at its beginning are one.
  for (let i = 1; i < twoWeeks.length; i++) {
    const prev = twoWeeks[i - 1]!;
    const cur = twoWeeks[i]!;
    if (cur.start <= prev.end) {
      prev.end = Math.max(prev.end, cur.end);
      twoWeeks.splice(i--, 1);
    }
  }
  const at = (weekMinutes: number) => {
    const deltaDays = Math.floor(weekMinutes / DAY) - dayIndex;
    const base = new Date(Date.UTC(local.year, local.month - 1, local.day + deltaDays));
    return instantOf(base.getUTCFullYear(), base.getUTCMonth() + 1, base.getUTCDate(), weekMinutes % DAY, hours.timeZone);
  };
  for (const interval of twoWeeks) {
    if (interval.start <= nowInWeek && nowInWeek < interval.end) return { kind: 'open', closesAt: at(interval.end) };
    if (interval.start > nowInWeek) return { kind: 'closed', opensAt: at(interval.start) };
  }
  return { kind: 'never' };
}

export interface DayGroup {
  days: Weekday[];
  ranges: { from: string; to: string }[];
}

/** Consecutive weekdays with the same hours, for a compact schedule («Пн–Пт 08:00–20:00»). */
export function groupWeek(hours: WeeklyHours): DayGroup[] {
  const groups: DayGroup[] = [];
  for (const day of WEEKDAYS) {
    const ranges = hours[day].map(({ from, to }) => ({ from, to }));
    const last = groups[groups.length - 1];
    if (last && JSON.stringify(last.ranges) === JSON.stringify(ranges)) last.days.push(day);
    else groups.push({ days: [day], ranges });
  }
  return groups;
}
