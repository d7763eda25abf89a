import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { readSettings } from '../../server/env.js';
import { createCallbackCalendar } from '../../server/callbacks/calendar.js';
import { addDays, weekdayOf } from '../../server/scheduling/calendar-date.js';
import { wallInstant } from '../../server/time.js';
import {
  DEFAULT_CALLBACK_HOURS,
  DEFAULT_CALLBACK_SETTINGS,
  DEFAULT_CALLBACK_SETTINGS_PATH,
  callbackHours,
  loadCallbackSettings,
  type CallbackSettings,
} from '../../server/callbacks/settings.js';
import { WeeklyHours } from '../../src/protocol/config.js';
import { FIXED_NOW, ROOT, tempDir } from './support.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const at = (iso: string) => Date.parse(iso);
const isoList = (slots: { start: number }[]) => slots.map((s) => new Date(s.start).toISOString());

function calendar(settings: Partial<CallbackSettings> = {}, hours: unknown = undefined) {
  const weekly = hours === undefined ? DEFAULT_CALLBACK_HOURS : WeeklyHours.parse(hours);
  return createCallbackCalendar(weekly, { ...DEFAULT_CALLBACK_SETTINGS, ...settings });
}

const everyDay = (ranges: { from: string; to: string }[], timeZone?: string) => ({
  ...(timeZone ? { timeZone } : {}),
  ...Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ranges])),
});

describe('callback calendar (pure slot computation)', () => {
  test('default hours: every day 08:00–20:00 Moscow time in 30-minute slots', () => {
    const cal = calendar();
    assert.equal(cal.timeZone, 'Europe/Moscow');
    const slots = cal.slotsOn('2026-03-02');
    assert.equal(slots.length, 24);
    assert.equal(new Date(slots[0]!.start).toISOString(), '2026-03-02T05:00:00.000Z', '08:00 МСК');
    assert.equal(new Date(slots.at(-1)!.start).toISOString(), '2026-03-02T16:30:00.000Z', '19:30 МСК, the last that ends by 20:00');
    for (const slot of slots) assert.equal(slot.end - slot.start, 30 * MINUTE);
    assert.equal(weekdayOf('2026-03-02'), 'mon');
    assert.equal(addDays('2026-02-28', 1), '2026-03-01');
  });

  test('slots begin at each opening range and skip breaks, days off and holidays', () => {
    const cal = calendar(
      { intervalMinutes: 45, holidays: ['2026-03-04'] },
      { mon: [{ from: '09:00', to: '13:00' }, { from: '14:00', to: '15:30' }], tue: [{ from: '10:00', to: '11:00' }], wed: [{ from: '09:00', to: '18:00' }] },
    );
    assert.deepEqual(isoList(cal.slotsOn('2026-03-02')), [
      '2026-03-02T06:00:00.000Z', // 09:00
      '2026-03-02T06:45:00.000Z', // 09:45
      '2026-03-02T07:30:00.000Z', // 10:30
      '2026-03-02T08:15:00.000Z', // 11:15
      '2026-03-02T09:00:00.000Z', // 12:00 (12:45 would end after 13:00)
      '2026-03-02T11:00:00.000Z', // 14:00 after the break
      '2026-03-02T11:45:00.000Z', // 14:45
    ]);
    assert.deepEqual(isoList(cal.slotsOn('2026-03-03')), ['2026-03-03T07:00:00.000Z']);
    assert.deepEqual(cal.slotsOn('2026-03-04'), [], 'a holiday');
    assert.deepEqual(cal.slotsOn('2026-03-05'), [], 'Thursday is a day off');
    const bookable = isoList(cal.bookable('2026-03-02', '2026-03-08', FIXED_NOW));
    assert.deepEqual(bookable, ['2026-03-02T11:00:00.000Z', '2026-03-02T11:45:00.000Z', '2026-03-03T07:00:00.000Z'], 'from Monday 12:30 to Sunday');
  });

  test('bookable slots start at least leadMinutes after now and end at the horizon', () => {
    const now = FIXED_NOW; // Monday 12:00 МСК
    assert.equal(isoList(calendar().bookable('2026-03-02', '2026-03-02', now))[0], '2026-03-02T09:30:00.000Z', '12:30 with a lead of 30 minutes');
    assert.equal(isoList(calendar({ leadMinutes: 0 }).bookable('2026-03-02', '2026-03-02', now))[0], '2026-03-02T09:00:00.000Z', '12:00 itself');
    assert.equal(isoList(calendar({ leadMinutes: 90 }).bookable('2026-03-02', '2026-03-02', now))[0], '2026-03-02T10:30:00.000Z');
    const short = calendar({ horizonDays: 2 });
    assert.equal(short.lastDate(now), '2026-03-03');
    const dates = new Set(short.bookable('2026-03-01', '2026-03-10', now).map((s) => short.dateOf(s.start)));
    assert.deepEqual([...dates], ['2026-03-02', '2026-03-03'], 'today and tomorrow only; nothing before today');
    assert.equal(calendar().lastDate(now), '2026-03-15', '14 days, today included');
  });

  test('check(): a real slot start is accepted; misaligned, outside hours, past, too soon, holiday and beyond the horizon are not', () => {
    const cal = calendar({ holidays: ['2026-03-05'] });
    const now = FIXED_NOW;
    assert.deepEqual(cal.check(at('2026-03-02T09:30:00Z'), now), { ok: true, slot: { start: at('2026-03-02T09:30:00Z'), end: at('2026-03-02T10:00:00Z') } });
    assert.equal(cal.check(at('2026-03-02T12:30:00+03:00'), now).ok, true, 'any spelling of the instant');
    const problem = (iso: string) => {
      const result = cal.check(at(iso), now);
      return result.ok ? 'ok' : result.problem;
    };
    assert.equal(problem('2026-03-02T09:40:00Z'), 'not_a_slot', '12:40 is not aligned');
    assert.equal(problem('2026-03-02T09:30:01Z'), 'not_a_slot');
    assert.equal(problem('2026-03-02T18:00:00Z'), 'not_a_slot', '21:00 is after hours');
    assert.equal(problem('2026-03-03T04:30:00Z'), 'not_a_slot', '07:30 is before hours');
    assert.equal(problem('2026-03-02T16:45:00Z'), 'not_a_slot', '19:45 would end after 20:00');
    assert.equal(problem('2026-03-02T06:00:00Z'), 'past');
    assert.equal(problem('2026-03-02T09:00:00Z'), 'past', 'now, within the lead time');
    assert.equal(problem('2026-03-05T06:00:00Z'), 'holiday');
    assert.equal(problem('2026-03-16T06:00:00Z'), 'beyond_horizon', 'the 15th day');
    assert.equal(problem('2026-03-15T16:30:00Z'), 'ok', 'the last slot of the 14th day');
    assert.equal(cal.check(Number.NaN, now).ok, false);
  });

  test('open now and when it opens: after hours, before hours, on a holiday, with a lunch break', () => {
    const cal = calendar({ holidays: ['2026-03-03'] }, { ...everyDay([{ from: '08:00', to: '13:00' }, { from: '14:00', to: '20:00' }]) });
    assert.equal(cal.isOpen(FIXED_NOW), true, 'Monday 12:00');
    assert.equal(cal.isOpen(at('2026-03-02T10:30:00Z')), false, '13:30, lunch');
    assert.equal(new Date(cal.opensAt(at('2026-03-02T10:30:00Z'))!).toISOString(), '2026-03-02T11:00:00.000Z', '14:00');
    assert.equal(cal.isOpen(at('2026-03-02T17:00:00Z')), false, '20:00 is closed');
    assert.equal(
      new Date(cal.opensAt(at('2026-03-02T18:00:00Z'))!).toISOString(),
      '2026-03-04T05:00:00.000Z',
      'after Monday evening: Tuesday is a holiday, so Wednesday 08:00',
    );
    assert.equal(cal.isOpen(at('2026-03-03T08:00:00Z')), false, 'within hours on a holiday');
    assert.equal(cal.isOpen(at('2026-03-04T04:59:59Z')), false);
    assert.equal(cal.isOpen(at('2026-03-04T05:00:00Z')), true);
    const never = calendar({}, {});
    assert.equal(never.isOpen(FIXED_NOW), false);
    assert.equal(never.opensAt(FIXED_NOW), undefined);
    assert.deepEqual(never.bookable('2026-03-02', '2026-03-15', FIXED_NOW), []);
  });

  test('Asia/Yekaterinburg (UTC+5): slots and opening at the right instants', () => {
    const cal = calendar({}, everyDay([{ from: '09:00', to: '18:00' }], 'Asia/Yekaterinburg'));
    assert.equal(cal.timeZone, 'Asia/Yekaterinburg');
    const slots = isoList(cal.slotsOn('2026-03-03'));
    assert.equal(slots[0], '2026-03-03T04:00:00.000Z', '09:00 in Yekaterinburg');
    assert.equal(slots.at(-1), '2026-03-03T12:30:00.000Z', '17:30 in Yekaterinburg');
    // FIXED_NOW is 14:00 in Yekaterinburg: open; the first bookable slot is 14:30.
    assert.equal(cal.isOpen(FIXED_NOW), true);
    assert.equal(isoList(cal.bookable('2026-03-02', '2026-03-02', FIXED_NOW))[0], '2026-03-02T09:30:00.000Z');
    // 19:30 Moscow time is 21:30 there: closed until 09:00 local.
    assert.equal(cal.isOpen(at('2026-03-02T16:30:00Z')), false);
    assert.equal(new Date(cal.opensAt(at('2026-03-02T16:30:00Z'))!).toISOString(), '2026-03-03T04:00:00.000Z');
    // Just after local midnight (19:10 UTC), the line's date is already the next day.
    assert.equal(cal.dateOf(at('2026-03-02T19:10:00Z')), '2026-03-03');
  });

  test('daylight saving time: Europe/Berlin and America/New_York slots follow the wall clock across the change', () => {
    const berlin = calendar({ intervalMinutes: 60 }, everyDay([{ from: '08:00', to: '10:00' }], 'Europe/Berlin'));
    assert.deepEqual(isoList(berlin.slotsOn('2026-03-28')), ['2026-03-28T07:00:00.000Z', '2026-03-28T08:00:00.000Z'], 'CET, UTC+1');
    assert.deepEqual(isoList(berlin.slotsOn('2026-03-30')), ['2026-03-30T06:00:00.000Z', '2026-03-30T07:00:00.000Z'], 'CEST, UTC+2');
    assert.deepEqual(isoList(berlin.slotsOn('2026-10-26')), ['2026-10-26T07:00:00.000Z', '2026-10-26T08:00:00.000Z'], 'back to CET');

    // The night of the change: 02:00–03:00 does not exist in spring, and happens twice in autumn.
    const night = calendar({ intervalMinutes: 30 }, everyDay([{ from: '01:00', to: '04:00' }], 'Europe/Berlin'));
    assert.deepEqual(isoList(night.slotsOn('2026-03-29')), [
      '2026-03-29T00:00:00.000Z', // 01:00 CET
      '2026-03-29T00:30:00.000Z', // 01:30 CET
      '2026-03-29T01:00:00.000Z', // 03:00 CEST (02:00 and 02:30 never happen)
      '2026-03-29T01:30:00.000Z', // 03:30 CEST
    ]);
    assert.deepEqual(isoList(night.slotsOn('2026-10-25')), [
      '2026-10-24T23:00:00.000Z', // 01:00 CEST
      '2026-10-24T23:30:00.000Z', // 01:30 CEST
      '2026-10-25T00:00:00.000Z', // 02:00, its first occurrence (CEST)
      '2026-10-25T00:30:00.000Z', // 02:30 CEST
      '2026-10-25T02:00:00.000Z', // 03:00 CET
      '2026-10-25T02:30:00.000Z', // 03:30 CET
    ]);
    for (const slot of night.slotsOn('2026-10-25')) assert.equal(slot.end - slot.start, 30 * MINUTE, 'a slot lasts its interval');
    assert.equal(wallInstant('2026-03-29', 2 * 60 + 30, 'Europe/Berlin'), undefined, '02:30 does not exist');
    assert.equal(new Date(wallInstant('2026-10-25', 2 * 60 + 30, 'Europe/Berlin')!).toISOString(), '2026-10-25T00:30:00.000Z', 'the earlier 02:30');

    const newYork = calendar({}, everyDay([{ from: '09:00', to: '17:00' }], 'America/New_York'));
    assert.equal(isoList(newYork.slotsOn('2026-03-07'))[0], '2026-03-07T14:00:00.000Z', 'EST, UTC−5');
    assert.equal(isoList(newYork.slotsOn('2026-03-09'))[0], '2026-03-09T13:00:00.000Z', 'EDT, UTC−4');
    // Saturday 18:00 EST: the line opens on Sunday 09:00, already in EDT.
    assert.equal(new Date(newYork.opensAt(at('2026-03-07T23:00:00Z'))!).toISOString(), '2026-03-08T13:00:00.000Z');
    assert.equal(newYork.startOf('2026-03-08'), at('2026-03-08T05:00:00Z'));
    assert.equal(newYork.startOf('2026-03-09') - newYork.startOf('2026-03-08'), 23 * HOUR, 'the short day');
  });

  test('Moscow has no DST: the same UTC instants in winter and summer', () => {
    const cal = calendar();
    assert.equal(isoList(cal.slotsOn('2026-01-15'))[0], '2026-01-15T05:00:00.000Z');
    assert.equal(isoList(cal.slotsOn('2026-07-15'))[0], '2026-07-15T05:00:00.000Z');
  });
});

describe('callback settings', () => {
  test('the shipped demo file is valid and matches the documented defaults', () => {
    const settings = loadCallbackSettings(DEFAULT_CALLBACK_SETTINGS_PATH);
    const { holidays, ...rest } = settings;
    const { holidays: _none, ...defaults } = DEFAULT_CALLBACK_SETTINGS;
    assert.deepEqual(rest, defaults);
    assert.ok(holidays.includes('2026-01-01') && holidays.includes('2026-06-12'));
    assert.deepEqual(DEFAULT_CALLBACK_SETTINGS, {
      intervalMinutes: 30,
      capacityPerInterval: 3,
      asapQueueCapacity: 10,
      asapPromiseMinutes: 30,
      noAnswerRetryMinutes: 30,
      leadMinutes: 30,
      horizonDays: 14,
      holidays: [],
    });
  });

  test('the file, then the buildApp option, over the defaults', (t) => {
    const dir = tempDir(t);
    const path = join(dir, 'callback.json');
    writeFileSync(path, JSON.stringify({ intervalMinutes: 15, holidays: ['2026-03-08', '2026-03-08', '2026-01-07'] }));
    const settings = loadCallbackSettings(path, { capacityPerInterval: 7 });
    assert.equal(settings.intervalMinutes, 15);
    assert.equal(settings.capacityPerInterval, 7);
    assert.equal(settings.horizonDays, 14);
    assert.deepEqual(settings.holidays, ['2026-01-07', '2026-03-08'], 'sorted, once each');
    assert.deepEqual(loadCallbackSettings(), DEFAULT_CALLBACK_SETTINGS);
  });

  test('a bad file stops the start with every bad path listed', (t) => {
    const dir = tempDir(t);
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify({ intervalMinutes: 0, capacityPerInterval: 1.5, holidays: ['2026-03-08', '2026-02-30', 'tomorrow'], comment: 'x' }));
    assert.throws(
      () => loadCallbackSettings(path),
      (error: Error) => {
        assert.match(error.message, new RegExp(`^Invalid callback settings ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`));
        assert.match(error.message, /\n {2}- intervalMinutes: /);
        assert.match(error.message, /\n {2}- capacityPerInterval: /);
        assert.match(error.message, /\n {2}- holidays\[1\]: Expected a date YYYY-MM-DD/);
        assert.match(error.message, /\n {2}- holidays\[2\]: /);
        assert.match(error.message, /comment/, 'unknown keys are refused');
        assert.doesNotMatch(error.message, /holidays\[0\]/);
        return true;
      },
    );
    writeFileSync(path, '{ "intervalMinutes": ');
    assert.throws(() => loadCallbackSettings(path), /Cannot read callback settings/);
    assert.throws(() => loadCallbackSettings(undefined, { horizonDays: 0 }), /buildApp option `callback`[\s\S]*horizonDays/);
  });

  test('CALLBACK_SETTINGS names the file; the demo file by default', () => {
    assert.equal(readSettings({}).app.callbackSettingsPath, join(ROOT, 'demo/data/callback-settings.json'));
    assert.equal(readSettings({ CALLBACK_SETTINGS: '/etc/gov-support/callback.json' }).app.callbackSettingsPath, '/etc/gov-support/callback.json');
  });

  test('the hours come from the widget config (default: every day 08:00–20:00 Moscow); a bad time zone is refused', () => {
    assert.equal(callbackHours(undefined), DEFAULT_CALLBACK_HOURS);
    assert.deepEqual(DEFAULT_CALLBACK_HOURS.sun, [{ from: '08:00', to: '20:00' }]);
    const own = WeeklyHours.parse({ timeZone: 'Asia/Yekaterinburg', mon: [{ from: '09:00', to: '18:00' }] });
    assert.equal(callbackHours(own), own);
    assert.throws(() => callbackHours(WeeklyHours.parse({ timeZone: 'Mars/Olympus' })), /channels\.callback\.hours\.timeZone "Mars\/Olympus"/);
  });
});
