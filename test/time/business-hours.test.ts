import { expect } from '@open-wc/testing';
import { WeeklyHours } from '../../src/protocol/config.js';
import { groupWeek, openState } from '../../src/time/business-hours.js';
import { instantOf, zonedParts } from '../../src/time/zoned.js';

const hours = (input: Record<string, unknown>) => WeeklyHours.parse(input);
const weekdays = (from: string, to: string) => Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ from, to }]]));
// Monday 16 March 2026; Moscow is UTC+3 all year.
const msk = (day: number, hh: number, mm = 0) => Date.UTC(2026, 2, day, hh - 3, mm);

describe('business hours', () => {
  const office = hours({ ...weekdays('08:00', '20:00'), sat: [{ from: '09:00', to: '17:00' }] });

  it('is open inside the hours and says when it closes', () => {
    expect(openState(office, msk(16, 12))).to.deep.equal({ kind: 'open', closesAt: msk(16, 20) });
    expect(openState(office, msk(16, 8))).to.deep.equal({ kind: 'open', closesAt: msk(16, 20) });
  });

  it('is closed outside and finds the next opening, across the weekend and the week end', () => {
    expect(openState(office, msk(16, 20))).to.deep.equal({ kind: 'closed', opensAt: msk(17, 8) });
    expect(openState(office, msk(16, 7, 59))).to.deep.equal({ kind: 'closed', opensAt: msk(16, 8) });
    expect(openState(office, msk(20, 21))).to.deep.equal({ kind: 'closed', opensAt: msk(21, 9) });
    expect(openState(office, msk(21, 18))).to.deep.equal({ kind: 'closed', opensAt: msk(23, 8) });
    expect(openState(office, msk(22, 12))).to.deep.equal({ kind: 'closed', opensAt: msk(23, 8) });
  });

  it('knows round-the-clock and never-open schedules', () => {
    const all = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ from: '00:00', to: '24:00' }]]));
    expect(openState(hours(all), msk(18, 3))).to.deep.equal({ kind: 'always' });
    expect(openState(hours({}), msk(18, 3))).to.deep.equal({ kind: 'never' });
  });

  it('joins ranges that run past midnight', () => {
    const late = hours({ fri: [{ from: '20:00', to: '24:00' }], sat: [{ from: '00:00', to: '02:00' }] });
    expect(openState(late, msk(20, 23))).to.deep.equal({ kind: 'open', closesAt: msk(21, 2) });
    // Sunday night to Monday morning wraps the week.
    const wrap = hours({ sun: [{ from: '22:00', to: '24:00' }], mon: [{ from: '00:00', to: '06:00' }] });
    expect(openState(wrap, msk(22, 23))).to.deep.equal({ kind: 'open', closesAt: msk(23, 6) });
  });

  it('uses the hours own time zone (an office in Yekaterinburg, UTC+5)', () => {
    const ekb = hours({ timeZone: 'Asia/Yekaterinburg', ...weekdays('09:00', '18:00') });
    // 08:30 Moscow = 10:30 Yekaterinburg: open until 18:00 there (= 16:00 Moscow).
    expect(openState(ekb, msk(16, 8, 30))).to.deep.equal({ kind: 'open', closesAt: msk(16, 16) });
  });

  it('converts wall-clock time to instants across a DST change', () => {
    // Berlin moves to summer time on 29 March 2026 at 02:00 → 03:00.
    expect(instantOf(2026, 3, 28, 12 * 60, 'Europe/Berlin')).to.equal(Date.UTC(2026, 2, 28, 11));
    expect(instantOf(2026, 3, 30, 12 * 60, 'Europe/Berlin')).to.equal(Date.UTC(2026, 2, 30, 10));
    expect(zonedParts(Date.UTC(2026, 2, 22, 21, 30), 'Europe/Moscow')).to.deep.equal({ year: 2026, month: 3, day: 23, weekday: 'mon', minutes: 30 });
  });

  it('groups days with the same hours for a compact schedule', () => {
    expect(groupWeek(office).map((g) => [g.days.join(','), g.ranges.map((r) => `${r.from}-${r.to}`).join(',')])).to.deep.equal([
      ['mon,tue,wed,thu,fri', '08:00-20:00'],
      ['sat', '09:00-17:00'],
      ['sun', ''],
    ]);
  });
});
