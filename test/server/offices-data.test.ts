import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { readSettings } from '../../server/env.js';
import { createOfficeCalendars } from '../../server/offices/calendar.js';
import { DEFAULT_OFFICES_DATA_PATH, loadOfficeDataset, parseOfficeDataset, type OfficeRecord } from '../../server/offices/dataset.js';
import { isTimeZone } from '../../server/time.js';
import { hourLoad, usualLevel } from '../../server/offices/load.js';
import { compareRu, foldText, haversineKm, matchesWords, parseNear, searchWords } from '../../server/offices/search.js';
import {
  DEFAULT_LOAD_SETTINGS,
  DEFAULT_OFFICE_SETTINGS,
  DEFAULT_OFFICE_SETTINGS_PATH,
  checkOfficeSettings,
  holidaysOf,
  loadOfficeSettings,
  slotRuleOf,
} from '../../server/offices/settings.js';
import { ROOT, tempDir } from './support.js';

const MINUTE = 60_000;
const at = (iso: string) => Date.parse(iso);
const isoOf = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
const demoRaw = () => JSON.parse(readFileSync(DEFAULT_OFFICES_DATA_PATH, 'utf8')) as Record<string, any>;
const dataset = loadOfficeDataset();
const office = (id: string): OfficeRecord => {
  const found = dataset.offices.find((o) => o.id === id);
  assert.ok(found, id);
  return found;
};

describe('the demo office dataset', () => {
  test('loads: at least 40 offices in at least 5 regions and 3 time zones; every service known; says it is demo data', () => {
    assert.ok(dataset.offices.length >= 40, `${dataset.offices.length} offices`);
    const regions = new Set(dataset.offices.map((o) => o.regionCode));
    const zones = new Set(dataset.offices.map((o) => o.timeZone));
    assert.ok(regions.size >= 5, [...regions].join(','));
    assert.ok(zones.size >= 3, [...zones].join(','));
    for (const zone of ['Europe/Moscow', 'Asia/Yekaterinburg', 'Asia/Novosibirsk', 'Asia/Krasnoyarsk', 'Asia/Vladivostok']) assert.ok(zones.has(zone), zone);
    assert.equal(dataset.demo, true);
    const raw = demoRaw();
    assert.match(raw._note, /^ДЕМОНСТРАЦИОННЫЕ ДАННЫЕ/, 'the file says at its top that it is demo data');
    assert.equal(Object.keys(raw)[0], '_note');

    const codes = dataset.services.map((s) => s.code);
    assert.ok(codes.length >= 6 && codes.length <= 10, codes.join(','));
    for (const code of ['passport', 'foreign_passport', 'snils', 'registration', 'esia', 'benefits', 'property', 'driving_licence', 'business']) {
      assert.ok(codes.includes(code), code);
    }
    for (const service of dataset.services) {
      assert.ok(service.label.ru && service.label.en, service.code);
      assert.ok(service.documents.length > 0, `${service.code} has documents`);
    }
    // A service without a list of its own gets the seeds' list.
    assert.deepEqual(
      dataset.services.find((s) => s.code === 'benefits')!.documents.map((d) => d.ru),
      [
        'Паспорт гражданина РФ (оригинал и копия)',
        'СНИЛС',
        'Справка о регистрации по месту жительства (не старше 3 месяцев)',
        'Доверенность, если обращаетесь за другого человека (нотариальная)',
        'Согласие на обработку персональных данных',
      ],
    );
    assert.equal(new Set(dataset.offices.map((o) => o.id)).size, dataset.offices.length, 'ids are unique');
    for (const o of dataset.offices) {
      for (const code of o.services) assert.ok(codes.includes(code), `${o.id}: ${code}`);
      assert.ok(isTimeZone(o.timeZone), o.id);
      assert.match(o.address, /\(демо\)$/, `${o.id}: the address is marked as a demo one`);
      assert.match(o.phone, /^\+7 \(\d{3,5}\) [\d-]+$/, o.id);
      assert.ok(o.lat > 40 && o.lat < 70 && o.lon > 19 && o.lon < 135, `${o.id}: in Russia`);
      assert.ok(o.name.length > 5);
    }
  });

  test('varied like the real thing: hours, Sundays, services, access, peak hours; coordinates in their own city', () => {
    const sundays = dataset.offices.map((o) => o.hours.sun.length > 0);
    assert.ok(sundays.some(Boolean) && sundays.some((open) => !open), 'some open on Sunday, some not');
    assert.ok(new Set(dataset.offices.map((o) => JSON.stringify({ ...o.hours, timeZone: '' }))).size >= 5, 'at least five kinds of hours');
    assert.ok(dataset.offices.some((o) => o.hours.mon.length === 0), 'one closed on Mondays');
    assert.ok(dataset.offices.some((o) => o.hours.mon.length === 2), 'one with a lunch break');
    const stepFree = dataset.offices.map((o) => o.accessibility.stepFree);
    assert.ok(stepFree.some(Boolean) && stepFree.some((s) => !s));
    assert.ok(dataset.offices.filter((o) => !o.accessibility.stepFree).every((o) => o.accessibility.notes?.ru), 'a step gets a note');
    assert.ok(dataset.offices.some((o) => !o.services.includes('driving_licence')) && dataset.offices.some((o) => o.services.includes('driving_licence')));
    assert.ok(dataset.offices.some((o) => o.peakHours.length === 0) && dataset.offices.some((o) => o.peakHours.length > 0));
    // Offices of one city lie within 40 km of each other (the coordinates were not mixed up).
    const byCity = new Map<string, OfficeRecord[]>();
    for (const o of dataset.offices) byCity.set(o.city, [...(byCity.get(o.city) ?? []), o]);
    for (const [city, list] of byCity) {
      for (const a of list) for (const b of list) assert.ok(haversineKm(a, b) < 40, `${city}: ${a.id} – ${b.id}`);
    }
  });

  test('an invalid dataset is refused with every bad path listed', () => {
    const raw = demoRaw();
    raw.offices[0].lat = 123;
    raw.offices[1].hours.mon = [{ from: '20:00', to: '08:00' }];
    delete raw.offices[2].phone;
    raw.offices[3].extra = true;
    assert.throws(
      () => parseOfficeDataset(raw, 'offices.json'),
      (error: Error) => {
        assert.ok(error.message.startsWith('Invalid offices data offices.json:\n'), error.message);
        for (const path of ['offices[0].lat', 'offices[1].hours.mon[0].to', 'offices[2].phone', 'offices[3]']) {
          assert.ok(error.message.includes(`\n  - ${path}: `), `${path} in ${error.message}`);
        }
        return true;
      },
    );
    const cross = demoRaw();
    cross.offices[0].services.push('teleport');
    cross.offices[1].region = '99';
    cross.offices[2].id = cross.offices[3].id;
    cross.offices[4].timeZone = 'Mars/Olympus';
    cross.regions[0].timeZone = 'Europe/Atlantis';
    assert.throws(
      () => parseOfficeDataset(cross, 'x.json'),
      (error: Error) => {
        for (const path of ['offices[0].services[9]', 'offices[1].region', 'offices[3].id', 'offices[4].timeZone', 'regions[0].timeZone']) {
          assert.ok(error.message.includes(`\n  - ${path}: `), `${path} in ${error.message}`);
        }
        return true;
      },
    );
  });

  test('the path comes from OFFICES_DATA (and the settings from OFFICE_SETTINGS), the demo files by default', () => {
    const defaults = readSettings({});
    assert.equal(defaults.app.offices?.dataPath, join(ROOT, 'demo/data/offices.json'));
    assert.equal(defaults.app.offices?.settingsPath, join(ROOT, 'demo/data/office-settings.json'));
    const given = readSettings({ OFFICES_DATA: '/etc/gov-support/offices.json', OFFICE_SETTINGS: '/etc/gov-support/office-settings.json' });
    assert.equal(given.app.offices?.dataPath, '/etc/gov-support/offices.json');
    assert.equal(given.app.offices?.settingsPath, '/etc/gov-support/office-settings.json');
    assert.throws(() => loadOfficeDataset('/no/such/offices.json'), /^Error: Cannot read offices data \/no\/such\/offices\.json: /);
  });
});

describe('office settings', () => {
  test('the shipped file is valid: the documented defaults, holidays, per-service and per-office rules', () => {
    const settings = loadOfficeSettings(DEFAULT_OFFICE_SETTINGS_PATH);
    checkOfficeSettings(settings, dataset);
    assert.deepEqual(
      { ...DEFAULT_OFFICE_SETTINGS, load: undefined },
      { intervalMinutes: 15, capacityPerInterval: 2, leadMinutes: 60, horizonDays: 14, lateCancelMinutes: 15, holidays: [], services: {}, offices: {}, load: undefined },
    );
    for (const key of ['intervalMinutes', 'capacityPerInterval', 'leadMinutes', 'horizonDays', 'lateCancelMinutes'] as const) {
      assert.equal(settings[key], DEFAULT_OFFICE_SETTINGS[key], key);
    }
    assert.deepEqual(settings.load, DEFAULT_LOAD_SETTINGS);
    assert.ok(settings.holidays.includes('2026-01-01') && settings.holidays.includes('2026-06-12'));
    assert.deepEqual(slotRuleOf(settings, 'msk-khamovniki', 'passport'), { intervalMinutes: 15, capacityPerInterval: 2 });
    assert.deepEqual(slotRuleOf(settings, 'msk-khamovniki', 'foreign_passport'), { intervalMinutes: 30, capacityPerInterval: 2 });
    assert.deepEqual(slotRuleOf(settings, 'msk-tverskoy', 'business'), { intervalMinutes: 30, capacityPerInterval: 4 }, 'the office’s capacity over the service’s');
    assert.ok(holidaysOf(settings, 'norilsk').includes('2026-06-21'));
    assert.ok(!holidaysOf(settings, 'msk-tverskoy').includes('2026-06-21'));
  });

  test('the file, then the buildApp option; a bad file or an unknown office / service is refused naming each path', (t) => {
    const dir = tempDir(t);
    const path = join(dir, 'office-settings.json');
    writeFileSync(path, JSON.stringify({ intervalMinutes: 30, load: { bookingsWeight: 1 }, services: { esia: { capacityPerInterval: 5 } } }));
    const settings = loadOfficeSettings(path, { intervalMinutes: 20, services: { snils: { intervalMinutes: 10 } } });
    assert.equal(settings.intervalMinutes, 20);
    assert.equal(settings.load.bookingsWeight, 1);
    assert.equal(settings.load.waitMinutesAtFull, 60, 'the rest of `load` from the defaults');
    assert.deepEqual(settings.services, { esia: { capacityPerInterval: 5 }, snils: { intervalMinutes: 10 } });

    writeFileSync(path, JSON.stringify({ intervalMinutes: 'a quarter', holidays: ['2026-02-30'], load: { profile: { '24': 'high', '9': 'busy' } }, extra: 1 }));
    assert.throws(
      () => loadOfficeSettings(path),
      (error: Error) => {
        assert.ok(error.message.startsWith(`Invalid office settings ${path}:`), error.message);
        for (const line of ['intervalMinutes', 'holidays[0]: Expected a date YYYY-MM-DD', 'load.profile', 'load.profile.9']) assert.ok(error.message.includes(`\n  - ${line}`), line);
        assert.match(error.message, /extra/);
        return true;
      },
    );
    assert.throws(
      () => checkOfficeSettings(loadOfficeSettings(undefined, { services: { teleport: {} }, offices: { 'msk-nowhere': {}, 'msk-tverskoy': { services: { flying: {} } } } }), dataset),
      /services\.teleport: Unknown service[\s\S]*offices\.msk-nowhere: Unknown office[\s\S]*offices\.msk-tverskoy\.services\.flying: Unknown service/,
    );
  });
});

describe('finding offices (pure)', () => {
  test('text: case and ё/е do not matter; every word must be in the name or the address', () => {
    assert.equal(foldText('  Щёлковское   ШОССЕ '), 'щелковское шоссе');
    assert.deepEqual(searchWords(' Ёлки,  «Тверская»  8/1 '), ['елки', 'тверская', '8', '1']);
    assert.deepEqual(searchWords('   '), []);
    const golyanovo = office('msk-golyanovo');
    assert.ok(matchesWords(golyanovo, searchWords('щелковское')));
    assert.ok(matchesWords(golyanovo, searchWords('ЩЁЛКОВСКОЕ гольяново')), 'one word in the address, one in the name');
    assert.ok(!matchesWords(golyanovo, searchWords('щелковское тверская')), 'every word must match');
    assert.ok(matchesWords(golyanovo, []), 'no words: every office');
  });

  test('distance by haversine; near= parsed and range-checked', () => {
    const moscow = { lat: 55.7558, lon: 37.6173 };
    const petersburg = { lat: 59.9386, lon: 30.3141 };
    assert.ok(Math.abs(haversineKm(moscow, petersburg) - 634) < 3, String(haversineKm(moscow, petersburg)));
    assert.equal(haversineKm(moscow, moscow), 0);
    assert.ok(Math.abs(haversineKm({ lat: 0, lon: 179.5 }, { lat: 0, lon: -179.5 }) - 111.2) < 0.5, 'across the antimeridian');
    assert.deepEqual(parseNear('55.75,37.62'), { lat: 55.75, lon: 37.62 });
    assert.deepEqual(parseNear('-33.9,151.2'), { lat: -33.9, lon: 151.2 });
    assert.equal(parseNear('91,0'), undefined);
    assert.equal(parseNear('0,181'), undefined);
    assert.ok(compareRu('Ёлкино', 'Жуково') < 0 && compareRu('Бердск', 'Владивосток') < 0 && compareRu('д. 9', 'д. 10') < 0);
  });
});

describe('office load (pure)', () => {
  const load = DEFAULT_LOAD_SETTINGS;
  const none: { from: string; to: string }[] = [];
  test('the profile: peaks 10–12 and 16–18 high, low from 19, medium otherwise; an office’s own peak hours replace the profile’s', () => {
    assert.deepEqual([8, 9, 10, 11, 12, 15, 16, 17, 18, 19, 20].map((h) => usualLevel(h, none, load)), [
      'medium', 'medium', 'high', 'high', 'medium', 'medium', 'high', 'high', 'medium', 'low', 'low',
    ]);
    const lunchPeaks = [{ from: '12:00', to: '14:00' }, { from: '17:00', to: '19:00' }];
    assert.deepEqual([10, 12, 13, 14, 16, 17, 18, 19].map((h) => usualLevel(h, lunchPeaks, load)), [
      'medium', 'high', 'high', 'medium', 'medium', 'high', 'high', 'low',
    ]);
  });

  test('bookings add their share of the hour’s places; level by thresholds, wait proportional in 5-minute steps', () => {
    assert.deepEqual(hourLoad({ hour: 14, booked: 0, capacity: 10, peakHours: none }, load), { level: 'medium', percent: 45, waitMinutes: 25 });
    assert.deepEqual(hourLoad({ hour: 14, booked: 2, capacity: 10, peakHours: none }, load), { level: 'medium', percent: 55, waitMinutes: 35 });
    assert.deepEqual(hourLoad({ hour: 14, booked: 4, capacity: 10, peakHours: none }, load), { level: 'high', percent: 65, waitMinutes: 40 });
    assert.deepEqual(hourLoad({ hour: 10, booked: 10, capacity: 10, peakHours: none }, load), { level: 'high', percent: 100, waitMinutes: 60 });
    assert.deepEqual(hourLoad({ hour: 19, booked: 0, capacity: 10, peakHours: none }, load), { level: 'low', percent: 20, waitMinutes: 10 });
    assert.deepEqual(hourLoad({ hour: 19, booked: 4, capacity: 4, peakHours: none }, load), { level: 'high', percent: 70, waitMinutes: 40 });
    assert.equal(hourLoad({ hour: 14, booked: 3, capacity: 0, peakHours: none }, load).percent, 45, 'no places: the profile alone');
    assert.equal(hourLoad({ hour: 14, booked: 5, capacity: 10, peakHours: none }, { ...load, bookingsWeight: 0 }).percent, 45);
  });
});

describe('office calendars (pure, each office in its own zone)', () => {
  const calendars = createOfficeCalendars({ ...DEFAULT_OFFICE_SETTINGS, holidays: ['2026-03-17'], services: { foreign_passport: { intervalMinutes: 30 } } });
  const MONDAY_0430Z = at('2026-03-16T04:30:00Z'); // 07:30 Moscow, 09:30 Yekaterinburg, 14:30 Vladivostok

  test('open now at the same instant: Vladivostok open, Moscow and Kaliningrad not yet, Yekaterinburg open; each with the next change', () => {
    assert.deepEqual(calendars.openNow(office('vvo-frunzensky'), MONDAY_0430Z), { openNow: true, closesAt: '2026-03-16T10:00:00.000Z' }, '20:00 in Vladivostok');
    assert.deepEqual(calendars.openNow(office('msk-tverskoy'), MONDAY_0430Z), { openNow: false, opensAt: '2026-03-16T05:00:00.000Z' }, '08:00 in Moscow');
    assert.deepEqual(calendars.openNow(office('kgd-leninsky'), MONDAY_0430Z), { openNow: false, opensAt: '2026-03-16T06:00:00.000Z' }, '08:00 in Kaliningrad');
    assert.deepEqual(calendars.openNow(office('ekb-kirovsky'), MONDAY_0430Z), { openNow: true, closesAt: '2026-03-16T15:00:00.000Z' }, '20:00 in Yekaterinburg');
    assert.deepEqual(calendars.openNow(office('krs-centralny'), MONDAY_0430Z), { openNow: true, closesAt: '2026-03-16T13:00:00.000Z' }, '20:00 in Krasnoyarsk');
    // Closed on Mondays; Tuesday is a holiday: it opens on Wednesday at 09:00 in Yekaterinburg.
    assert.deepEqual(calendars.openNow(office('ntagil'), MONDAY_0430Z), { openNow: false, opensAt: '2026-03-18T04:00:00.000Z' });
  });

  test('lunch breaks, Sundays and holidays', () => {
    const lunch = office('kgd-moskovsky'); // 08:00–13:00, 14:00–19:00 Kaliningrad (UTC+2)
    assert.deepEqual(calendars.openNow(lunch, at('2026-03-16T11:30:00Z')), { openNow: false, opensAt: '2026-03-16T12:00:00.000Z' });
    assert.deepEqual(calendars.openNow(lunch, at('2026-03-16T10:30:00Z')), { openNow: true, closesAt: '2026-03-16T11:00:00.000Z' });
    assert.deepEqual(calendars.openHours(lunch, '2026-03-16'), [8, 9, 10, 11, 12, 14, 15, 16, 17, 18]);
    assert.deepEqual(calendars.openHours(lunch, '2026-03-15'), [], 'closed on Sunday');
    assert.deepEqual(calendars.openHours(office('msk-tverskoy'), '2026-03-17'), [], 'a holiday');
    const sunday = at('2026-03-15T05:00:00Z'); // Sunday 12:00 in Novosibirsk
    assert.equal(calendars.openNow(office('nsk-centralny'), sunday).openNow, true, 'open 10–16 on Sundays');
    assert.deepEqual(calendars.openNow(office('nsk-leninsky'), sunday), { openNow: false, opensAt: '2026-03-16T01:00:00.000Z' }, 'Monday 08:00');
    // On the holiday Moscow offices are closed all day and open again on Wednesday.
    assert.deepEqual(calendars.openNow(office('msk-tverskoy'), at('2026-03-17T09:00:00Z')), { openNow: false, opensAt: '2026-03-18T05:00:00.000Z' });
  });

  test('slots per service interval in the office’s zone', () => {
    const vvo = office('vvo-frunzensky');
    const passport = calendars.of(vvo, 'passport').slotsOn('2026-03-16');
    assert.equal(passport.length, 48, '08:00–20:00 in 15 minutes');
    assert.equal(isoOf(passport[0]!.start), '2026-03-15T22:00:00.000Z', '08:00 in Vladivostok is 22:00 UTC the day before');
    const foreign = calendars.of(vvo, 'foreign_passport').slotsOn('2026-03-16');
    assert.equal(foreign.length, 24);
    assert.equal(foreign[0]!.end - foreign[0]!.start, 30 * MINUTE);
    assert.equal(calendars.of(vvo).dateOf(at('2026-03-16T15:00:00Z')), '2026-03-17', 'already the next day there');
    assert.equal(calendars.hourOf(vvo, at('2026-03-16T04:30:00Z')), 14);
  });
});
