import type { WeeklyHours } from '#protocol/config.js';
import { weekIntervals } from '#time/business-hours.js';
import { zonedParts } from '#time/zoned.js';

/**
 * Working time of a line (a channel's or an office's opening hours): how many milliseconds
 * between two instants fall in its opening hours, holidays skipped. Computed on the wall clock
 * of the line's zone, so it is right across midnight, week ends and DST changes: the time line is
 * cut into pieces of one UTC offset, and each piece is compared with the opening hours of the
 * wall-clock days it shows.
 *
 * A line without hours is open all the time and counts calendar time (its holidays do not apply:
 * a line that is never closed has no closed days). A holiday (`YYYY-MM-DD` in the line's zone) is
 * closed all day.
 */
export interface WorkingLine {
  hours?: WeeklyHours | undefined;
  holidays: readonly string[];
  timeZone: string;
}

const MINUTE = 60_000;
const DAY_MIN = 24 * 60;
const DAY_MS = DAY_MIN * MINUTE;
/** Zones change their offset at most once in this span: the walk probes at this step. */
const PROBE_MS = 12 * 60 * MINUTE;

/** Offset of the wall clock of `timeZone` from UTC at `instant`, in ms (whole minutes). */
export function offsetAt(instant: number, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, 0, p.minutes) - Math.floor(instant / MINUTE) * MINUTE;
}

/** The first whole minute in (lo, hi] whose offset differs from `offset` (one exists). */
function changeAfter(lo: number, hi: number, offset: number, timeZone: string): number {
  let a = Math.floor(lo / MINUTE);
  let b = Math.ceil(hi / MINUTE);
  while (b - a > 1) {
    const mid = Math.floor((a + b) / 2);
    if (offsetAt(mid * MINUTE, timeZone) === offset) a = mid;
    else b = mid;
  }
  return Math.max(b * MINUTE, lo + 1);
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The opening intervals `[start, end)` (instants, ms) of `line` within `[from, to)`, in order.
 * A line without hours gives `[from, to)` itself.
 */
export function openIntervals(line: WorkingLine, from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  if (!(to > from)) return out;
  if (!line.hours) return [[from, to]];
  const week = weekIntervals(line.hours);
  const holidays = new Set(line.holidays);
  let t = from;
  while (t < to) {
    // The piece [t, end) where the zone keeps one offset.
    const offset = offsetAt(t, line.timeZone);
    let end = t;
    for (;;) {
      const probe = Math.min(end + PROBE_MS, to);
      const probeOffset = offsetAt(probe === to ? to - 1 : probe, line.timeZone);
      if (probeOffset !== offset) {
        end = changeAfter(end, probe === to ? to - 1 : probe, offset, line.timeZone);
        break;
      }
      end = probe;
      if (end >= to) break;
    }
    // Its wall-clock span, day by day.
    const wallFrom = t + offset;
    const wallTo = end + offset;
    for (let day = Math.floor(wallFrom / DAY_MS) * DAY_MS; day < wallTo; day += DAY_MS) {
      const date = new Date(day);
      if (holidays.has(`${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`)) continue;
      const weekday = (date.getUTCDay() + 6) % 7;
      const dayStart = weekday * DAY_MIN;
      for (const interval of week) {
        const s = Math.max(interval.start, dayStart);
        const e = Math.min(interval.end, dayStart + DAY_MIN);
        if (e <= s) continue;
        const a = Math.max(day + (s - dayStart) * MINUTE, wallFrom);
        const b = Math.min(day + (e - dayStart) * MINUTE, wallTo);
        if (b <= a) continue;
        const last = out[out.length - 1];
        if (last && last[1] === a - offset) last[1] = b - offset;
        else out.push([a - offset, b - offset]);
      }
    }
    t = end;
  }
  return out;
}

/** Milliseconds between `from` and `to` that fall in the line's opening hours (0 if `to` ≤ `from`). */
export function workingMs(line: WorkingLine, from: number, to: number): number {
  let sum = 0;
  for (const [a, b] of openIntervals(line, from, to)) sum += b - a;
  return sum;
}

/**
 * A line's working time over a known span, prepared once: `ms(from, to)` then costs a binary
 * search, for figures over many contacts. Instants outside the span are computed directly.
 */
export interface WorkingClock {
  ms(from: number, to: number): number;
}

export function workingClock(line: WorkingLine, spanFrom: number, spanTo: number): WorkingClock {
  if (!line.hours) return { ms: (from, to) => Math.max(0, to - from) };
  const intervals = openIntervals(line, spanFrom, spanTo);
  const starts = intervals.map((i) => i[0]);
  const cumulative: number[] = [];
  let sum = 0;
  for (const [a, b] of intervals) {
    cumulative.push(sum);
    sum += b - a;
  }
  /** Working ms from spanFrom to t (spanFrom ≤ t ≤ spanTo). */
  const upTo = (t: number): number => {
    let lo = 0;
    let hi = starts.length; // first interval starting after t
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return 0;
    const [a, b] = intervals[lo - 1]!;
    return cumulative[lo - 1]! + Math.min(t, b) - a;
  };
  return {
    ms(from, to) {
      if (!(to > from)) return 0;
      if (from < spanFrom || to > spanTo) return workingMs(line, from, to);
      return upTo(to) - upTo(from);
    },
  };
}
