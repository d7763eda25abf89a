// Working time of a line (server/scheduling/working-time.ts): hand-checked cases across a weekend
// and a holiday, and a minute-by-minute walk of the wall clock on random intervals (the
// independent computation), in Moscow and in zones that change their clocks.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openIntervals, workingClock, workingMs, type WorkingLine } from '../../server/scheduling/working-time.js';
import { WEEKDAYS, WeeklyHours } from '../../src/protocol/config.js';
import { zonedParts } from '../../src/time/zoned.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Moscow wall clock (UTC+3 all year) of March 2026: Monday 2nd … Monday 9th (a holiday). */
const msk = (day: number, hh: number, mm = 0) => Date.UTC(2026, 2, day, hh - 3, mm);

const weekdays = (from: string, to: string, days = ['mon', 'tue', 'wed', 'thu', 'fri']) => Object.fromEntries(days.map((d) => [d, [{ from, to }]]));
const line = (hours: Record<string, unknown> | undefined, holidays: string[] = [], timeZone = 'Europe/Moscow'): WorkingLine => ({
  hours: hours ? WeeklyHours.parse({ ...hours, timeZone }) : undefined,
  holidays,
  timeZone,
});

/** The independent computation: every minute of [from, to) whose wall clock is open. */
function walk(l: WorkingLine, from: number, to: number): number {
  if (!l.hours) return Math.max(0, to - from);
  const holidays = new Set(l.holidays);
  let open = 0;
  for (let t = from; t < to; t += MINUTE) {
    const p = zonedParts(t, l.timeZone);
    const date = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
    if (holidays.has(date)) continue;
    const ranges = l.hours[p.weekday];
    const toMin = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));
    if (ranges.some((r) => toMin(r.from) <= p.minutes && p.minutes < toMin(r.to))) open += MINUTE;
  }
  return open;
}

describe('working time of a line', () => {
  const office = line(weekdays('09:00', '18:00'), ['2026-03-09']);

  test('inside one working day it is the plain difference', () => {
    assert.equal(workingMs(office, msk(2, 10), msk(2, 12, 30)), 2.5 * HOUR);
  });

  test('across the night only the opening hours count', () => {
    // Monday 17:00 → Tuesday 10:00: one hour on Monday, one on Tuesday.
    assert.equal(workingMs(office, msk(2, 17), msk(3, 10)), 2 * HOUR);
  });

  test('across a weekend and a holiday nothing of them counts', () => {
    // Friday 6 March 17:00 → Tuesday 10 March 10:00: Sat, Sun closed, Mon 9 March a holiday.
    assert.equal(workingMs(office, msk(6, 17), msk(10, 10)), 2 * HOUR);
    // The same without the holiday: Monday counts its 9 hours.
    assert.equal(workingMs(line(weekdays('09:00', '18:00')), msk(6, 17), msk(10, 10)), 11 * HOUR);
    // Wholly inside the closed stretch: zero.
    assert.equal(workingMs(office, msk(6, 19), msk(10, 8)), 0);
  });

  test('an interval that ends before it starts is zero; a line without hours counts calendar time', () => {
    assert.equal(workingMs(office, msk(3, 12), msk(3, 10)), 0);
    assert.equal(workingMs(line(undefined, ['2026-03-09']), msk(6, 17), msk(10, 10)), 89 * HOUR);
  });

  test('hours past midnight and round the clock', () => {
    const night = line({ fri: [{ from: '20:00', to: '24:00' }], sat: [{ from: '00:00', to: '02:00' }] });
    assert.equal(workingMs(night, msk(6, 19), msk(7, 12)), 6 * HOUR);
    assert.deepEqual(openIntervals(night, msk(6, 19), msk(7, 12)), [[msk(6, 20), msk(7, 2)]]);
    const always = line(Object.fromEntries(WEEKDAYS.map((d) => [d, [{ from: '00:00', to: '24:00' }]])), ['2026-03-08']);
    assert.equal(workingMs(always, msk(7, 12), msk(9, 12)), 24 * HOUR);
  });

  test('a zone with DST: the day the clocks go forward is an hour shorter, back an hour longer', () => {
    const berlin = line(Object.fromEntries(WEEKDAYS.map((d) => [d, [{ from: '00:00', to: '24:00' }]])), [], 'Europe/Berlin');
    // Sunday 29 March 2026 (02:00 → 03:00) and Sunday 25 October 2026 (03:00 → 02:00), midnight to midnight.
    assert.equal(workingMs(berlin, Date.UTC(2026, 2, 28, 23), Date.UTC(2026, 2, 29, 22)), 23 * HOUR);
    assert.equal(workingMs(berlin, Date.UTC(2026, 9, 24, 22), Date.UTC(2026, 9, 25, 23)), 25 * HOUR);
    const early = line({ sun: [{ from: '01:00', to: '04:00' }] }, [], 'Europe/Berlin');
    assert.equal(workingMs(early, Date.UTC(2026, 2, 28, 12), Date.UTC(2026, 2, 30)), 2 * HOUR);
    assert.equal(workingMs(early, Date.UTC(2026, 9, 24, 12), Date.UTC(2026, 9, 26)), 4 * HOUR);
  });

  test('matches a minute-by-minute walk of the wall clock on random intervals', () => {
    // A deterministic generator: the same cases every run.
    let seed = 17;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const lines: WorkingLine[] = [
      office,
      line({ ...weekdays('08:00', '13:00'), mon: [{ from: '08:00', to: '12:00' }, { from: '13:00', to: '20:00' }], sat: [{ from: '10:00', to: '14:30' }] }, ['2026-03-09', '2026-10-26']),
      line({ ...weekdays('00:30', '03:15', ['sat', 'sun']), fri: [{ from: '22:00', to: '24:00' }], tue: [{ from: '01:30', to: '02:45' }] }, ['2026-10-25'], 'Europe/Berlin'),
      line(weekdays('00:00', '24:00', ['sun', 'sat', 'mon']), ['2026-09-06'], 'America/Santiago'),
      line(undefined, ['2026-03-09']),
    ];
    // Spans around Moscow's March holiday, Europe's and Chile's clock changes.
    const windows = [Date.UTC(2026, 2, 1), Date.UTC(2026, 2, 26), Date.UTC(2026, 3, 2), Date.UTC(2026, 8, 3), Date.UTC(2026, 9, 22)];
    for (let i = 0; i < 120; i++) {
      const l = lines[i % lines.length]!;
      const base = windows[Math.floor(random() * windows.length)]!;
      const from = base + Math.floor(random() * 7 * 24 * 60) * MINUTE;
      const to = from + Math.floor(random() * 5 * 24 * 60) * MINUTE;
      const expected = walk(l, from, to);
      assert.equal(workingMs(l, from, to), expected, `${l.timeZone} ${new Date(from).toISOString()} → ${new Date(to).toISOString()}`);
      const clock = workingClock(l, base - 24 * HOUR, base + 14 * 24 * HOUR);
      assert.equal(clock.ms(from, to), expected, `clock: ${l.timeZone} ${new Date(from).toISOString()} → ${new Date(to).toISOString()}`);
    }
  });
});
