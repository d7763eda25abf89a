import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { buildApp } from '../../server/app.js';
import { DEFAULT_OFFICES_DATA_PATH } from '../../server/offices/dataset.js';
import { BOOKING_NOT_FOUND_MESSAGE } from '../../server/offices/routes.js';
import { compareRu } from '../../server/offices/search.js';
import { ApiError, type FieldIssue } from '../../src/protocol/error.js';
import { Booking, OfficeCatalogue, OfficeDetail, OfficeList, OfficeSlots, OperatorBookingList } from '../../src/protocol/offices.js';
import {
  DEMO_CONFIG,
  FIXED_NOW,
  RUSSIAN,
  SITE_DIR,
  bookVisit,
  newKey,
  startBackend,
  tempDir,
  testClock,
  testDatabaseUrl,
  validBooking,
  type TestBackend,
} from './support.js';

/** A strong token (32 random bytes): the server refuses weak ones. */
const TOKEN = 'a4YlPJV29wdlcaWUWXxzQPdlud8mjGx-3q9RabeOBSY';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
/** Monday 16 March 2026, 04:30 UTC: 07:30 in Moscow, 09:30 in Yekaterinburg, 14:30 in Vladivostok. */
const MONDAY = at('2026-03-16T04:30:00Z');
/** Slots of msk-tverskoy on FIXED_NOW's day (Monday 2 March 2026, 12:00 Moscow time). */
const SLOT_1300 = '2026-03-02T10:00:00.000Z';
const SLOT_1315 = '2026-03-02T10:15:00.000Z';
const SLOT_1330 = '2026-03-02T10:30:00.000Z';

const many = { limit: 100_000, windowMs: HOUR };
const NO_LIMITS = { bookingsPerIp: many, bookingsPerPhone: many, lookupFailuresPerIp: many, lookupFailuresPerNumber: many };

/** A different valid phone per index: +7 912 000-00-NN. */
const phone = (i: number) => `+7 912 000-${String(Math.floor(i / 100) % 100).padStart(2, '0')}-${String(i % 100).padStart(2, '0')}`;

type App = Pick<TestBackend, 'app'>;

async function get<T>(backend: App, url: string, schema: { parse(v: unknown): T }): Promise<T> {
  const res = await backend.app.inject({ method: 'GET', url });
  assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
  return schema.parse(res.json());
}
const list = (backend: App, query = '') => get(backend, `/offices${query}`, OfficeList);
const slotsOf = (backend: App, office: string, query: string) => get(backend, `/offices/${office}/slots${query}`, OfficeSlots);
const byId = (answer: OfficeList, id: string) => {
  const found = answer.items.find((o) => o.id === id);
  assert.ok(found, id);
  return found;
};

async function booked(backend: App, overrides: Record<string, unknown> = {}, office = 'msk-tverskoy'): Promise<Booking> {
  const res = await bookVisit(backend.app, validBooking(overrides), office);
  assert.equal(res.statusCode, 201, res.body);
  return Booking.parse(res.json());
}

function cancel(backend: App, number: string, payload: unknown, ip?: string) {
  return backend.app.inject({ method: 'POST', url: `/bookings/${number}/cancel`, payload: payload as Record<string, unknown>, ...(ip ? { remoteAddress: ip } : {}) });
}

function operator(backend: App, query = '', headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) {
  return backend.app.inject({ method: 'GET', url: `/operator/api/bookings${query}`, headers });
}

function issuesOf(res: { statusCode: number; body: string; json(): unknown }): FieldIssue[] {
  assert.equal(res.statusCode, 400, res.body);
  const body = ApiError.parse(res.json());
  assert.equal(body.error.code, 'validation_failed');
  for (const issue of body.error.issues ?? []) assert.match(issue.message, RUSSIAN);
  return body.error.issues ?? [];
}

function conflictOf(res: { statusCode: number; body: string; json(): unknown }): ApiError['error'] {
  assert.equal(res.statusCode, 409, res.body);
  const body = ApiError.parse(res.json());
  assert.equal(body.error.code, 'conflict');
  assert.match(body.error.message, RUSSIAN);
  return body.error;
}

/** Bookings stored (in the slot starting at `slotStart`). */
async function count(backend: TestBackend, slotStart?: string): Promise<number> {
  let query = backend.database.kysely.selectFrom('bookings').select((eb) => eb.fn.countAll<number>().as('n'));
  if (slotStart !== undefined) query = query.where('slot_start', '=', slotStart);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

const demoRaw = () => JSON.parse(readFileSync(DEFAULT_OFFICES_DATA_PATH, 'utf8')) as Record<string, any>;

describe('office data at start-up', () => {
  test('GET /offices/catalogue: regions with their cities, the services with their documents, demo: true', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW });
    const catalogue = await get(backend, '/offices/catalogue', OfficeCatalogue);
    assert.equal(catalogue.demo, true);
    assert.equal(catalogue.regions.length, 7);
    assert.deepEqual(
      catalogue.regions.map((r) => r.name),
      [...catalogue.regions.map((r) => r.name)].sort(compareRu),
      'regions by name',
    );
    assert.deepEqual(catalogue.regions.find((r) => r.code === '77'), { code: '77', name: 'Москва', cities: ['Зеленоград', 'Москва'] });
    assert.deepEqual(catalogue.regions.find((r) => r.code === '66')!.cities, ['Екатеринбург', 'Каменск-Уральский', 'Нижний Тагил']);
    assert.deepEqual(
      catalogue.services.map((s) => s.code),
      ['passport', 'foreign_passport', 'snils', 'registration', 'esia', 'benefits', 'property', 'driving_licence', 'business'],
    );
    const esia = catalogue.services.find((s) => s.code === 'esia')!;
    assert.equal(esia.label.ru, 'Подтверждение учётной записи Госуслуг');
    assert.deepEqual(esia.documents.map((d) => d.ru), ['Паспорт гражданина РФ (оригинал и копия)', 'СНИЛС']);
    assert.equal(catalogue.services.find((s) => s.code === 'benefits')!.documents.length, 5, 'the seeds’ list');
  });

  test('the dataset replaces the office rows at every start; bookings keep their office id and what they were told', async (t) => {
    const dir = tempDir(t);
    const dataPath = join(dir, 'offices.json');
    writeFileSync(dataPath, JSON.stringify(demoRaw()));
    const clock = testClock();
    // On PostgreSQL the second server starts on the same database.
    const databaseUrl = await testDatabaseUrl(t);
    const shared = databaseUrl ? { databaseUrl } : {};
    const first = await startBackend(t, { now: clock.now, offices: { dataPath }, ...shared });
    const visit = await booked(first);
    assert.equal(visit.officeName, 'Центр госуслуг района Тверской');
    await first.close();

    const edited = demoRaw();
    edited.demo = false;
    edited.offices[0].name = 'Центр госуслуг района Тверской (после ремонта)';
    edited.offices[0].address = 'ул. Тверская, д. 10 (демо)';
    edited.offices = edited.offices.filter((o: { id: string }) => o.id !== 'msk-khamovniki');
    edited.services[4].documents = [{ ru: 'Только паспорт', en: 'Passport only' }];
    writeFileSync(dataPath, JSON.stringify(edited));
    const second = await buildApp({
      dbPath: join(first.dir, 'db.sqlite'),
      ...shared,
      configPath: DEMO_CONFIG,
      corsOrigins: [],
      distDir: first.distDir,
      siteDir: SITE_DIR,
      uploadDir: join(first.dir, 'uploads'),
      now: clock.now,
      offices: { dataPath },
    });
    t.after(() => second.close());
    const offices = await list(second);
    assert.equal(offices.total, 42);
    assert.equal(byId(offices, 'msk-tverskoy').name, 'Центр госуслуг района Тверской (после ремонта)');
    assert.equal(offices.items.some((o) => o.id === 'msk-khamovniki'), false);
    const catalogue = await get(second, '/offices/catalogue', OfficeCatalogue);
    assert.equal(catalogue.demo, false);
    assert.deepEqual(catalogue.services.find((s) => s.code === 'esia')!.documents, [{ ru: 'Только паспорт', en: 'Passport only' }]);
    const rows = await second.database.kysely.selectFrom('offices').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(rows.n), 42);

    const cancelled = await cancel(second, visit.number, { phone: '89123456789' });
    assert.equal(cancelled.statusCode, 200, cancelled.body);
    const view = Booking.parse(cancelled.json());
    assert.equal(view.status, 'cancelled');
    assert.equal(view.officeId, 'msk-tverskoy');
    assert.equal(view.officeName, 'Центр госуслуг района Тверской', 'what the citizen was told');
    assert.deepEqual(view.documents, visit.documents);
  });

  test('an invalid dataset or settings naming unknown offices stop the start, every bad path listed, before the database is created', async (t) => {
    const dir = tempDir(t);
    const dataPath = join(dir, 'offices.json');
    const raw = demoRaw();
    raw.offices[5].lon = 'east';
    raw.services[0].label = { ru: 'Паспорт' };
    writeFileSync(dataPath, JSON.stringify(raw));
    const dbPath = join(dir, 'db.sqlite');
    const base = { dbPath, configPath: DEMO_CONFIG, corsOrigins: [], distDir: join(dir, 'dist'), siteDir: SITE_DIR };
    await assert.rejects(buildApp({ ...base, offices: { dataPath } }), (error: Error) => {
      assert.ok(error.message.startsWith(`Invalid offices data ${dataPath}:`), error.message);
      assert.match(error.message, /\n {2}- offices\[5\]\.lon: /);
      assert.match(error.message, /\n {2}- services\[0\]\.label\.en: /);
      return true;
    });
    await assert.rejects(buildApp({ ...base, offices: { settings: { offices: { 'msk-atlantis': { capacityPerInterval: 3 } } } } }), /offices\.msk-atlantis: Unknown office/);
    await assert.rejects(buildApp({ ...base, offices: { settings: { leadMinutes: -5 } } }), /Invalid office settings \(buildApp option `offices.settings`\):\n {2}- leadMinutes: /);
    assert.ok(!existsSync(dbPath), 'fails before touching the database');
  });
});

describe('GET /offices', () => {
  test('open now, closes at / opens at in each office’s own zone; the load only while open', async (t) => {
    const backend = await startBackend(t, { now: () => MONDAY });
    const answer = await list(backend);
    assert.equal(answer.total, 43);
    assert.equal(answer.items.length, 43);
    const vladivostok = byId(answer, 'vvo-frunzensky');
    assert.equal(vladivostok.timeZone, 'Asia/Vladivostok');
    assert.equal(vladivostok.hours.timeZone, 'Asia/Vladivostok');
    assert.equal(vladivostok.openNow, true, '14:30 in Vladivostok');
    assert.equal(vladivostok.closesAt, '2026-03-16T10:00:00.000Z', '20:00 there');
    assert.equal(vladivostok.opensAt, undefined);
    assert.deepEqual(vladivostok.load, { level: 'medium', waitMinutes: 25 });
    const moscow = byId(answer, 'msk-tverskoy');
    assert.equal(moscow.openNow, false, '07:30 in Moscow');
    assert.equal(moscow.opensAt, '2026-03-16T05:00:00.000Z');
    assert.equal(moscow.closesAt, undefined);
    assert.equal(moscow.load, undefined);
    assert.equal(byId(answer, 'ekb-kirovsky').openNow, true, '09:30 in Yekaterinburg');
    assert.equal(byId(answer, 'ekb-ordzhonikidzevsky').openNow, true, 'opens at 09:00');
    assert.equal(byId(answer, 'ntagil').openNow, false, 'closed on Mondays');
    assert.equal(byId(answer, 'ntagil').opensAt, '2026-03-17T04:00:00.000Z', 'Tuesday 09:00 in Yekaterinburg');
    assert.equal(byId(answer, 'kgd-leninsky').opensAt, '2026-03-16T06:00:00.000Z', '08:00 in Kaliningrad');
    for (const item of answer.items) {
      assert.equal(item.load !== undefined, item.openNow, item.id);
      assert.equal(item.distanceKm, undefined);
      const region = item.regionCode;
      if (['77', '78', '39'].includes(region)) assert.equal(item.openNow, false, `${item.id}: too early in the west`);
    }
    assert.deepEqual(
      answer.items.map((o) => o.name),
      [...answer.items.map((o) => o.name)].sort(compareRu),
      'by name in Russian order',
    );
  });

  test('holidays close every office that day; opensAt skips them', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, offices: { settings: { holidays: ['2026-03-02'] } } });
    const answer = await list(backend, '?region=77');
    for (const item of answer.items) {
      assert.equal(item.openNow, false, item.id);
      assert.equal(item.opensAt, '2026-03-03T05:00:00.000Z', `${item.id}: Tuesday 08:00`);
    }
  });

  test('near=lat,lon: the distance in km, nearest first', async (t) => {
    const backend = await startBackend(t, { now: () => MONDAY });
    const kremlin = await list(backend, '?near=55.7520,37.6175');
    assert.equal(kremlin.total, 43);
    assert.equal(kremlin.items[0]!.id, 'msk-tverskoy');
    assert.ok(kremlin.items[0]!.distanceKm! > 1 && kremlin.items[0]!.distanceKm! < 2, String(kremlin.items[0]!.distanceKm));
    assert.equal(kremlin.items[1]!.id, 'msk-basmanny');
    for (let i = 1; i < kremlin.items.length; i++) assert.ok(kremlin.items[i - 1]!.distanceKm! <= kremlin.items[i]!.distanceKm!, `sorted at ${i}`);
    assert.equal(kremlin.items.at(-1)!.regionCode, '25', 'Primorye is the farthest');
    assert.ok(kremlin.items.at(-1)!.distanceKm! > 6000);
    const spb = byId(kremlin, 'spb-centralny').distanceKm!;
    assert.ok(spb > 620 && spb < 650, String(spb));

    const port = await list(backend, '?near=43.1155,131.8855&region=25');
    assert.equal(port.total, 6);
    assert.equal(port.items[0]!.id, 'vvo-frunzensky');
    assert.ok(port.items[0]!.distanceKm! < 1);
  });

  test('filters: region, city, service and q (every word in the name or the address; case and ё/е ignored)', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW });
    const ids = async (query: string) => (await list(backend, query)).items.map((o) => o.id).sort();
    const ekb = await list(backend, '?region=66');
    assert.equal(ekb.total, 7);
    assert.ok(ekb.items.every((o) => o.regionCode === '66' && o.region === 'Свердловская область'));
    assert.equal((await list(backend, '?city=москва')).total, 9, 'case does not matter; Зеленоград is a city of its own');
    assert.deepEqual(await ids('?city=%20ЗЕЛЕНОГРАД%20'), ['zelenograd']);
    assert.equal((await list(backend, '?region=66&city=Екатеринбург')).total, 5);
    assert.deepEqual(await ids('?region=99'), []);

    const business = await list(backend, '?service=business');
    assert.ok(business.total >= 10 && business.total < 43, String(business.total));
    assert.ok(business.items.every((o) => o.services.includes('business')));
    assert.deepEqual(await ids('?service=teleport'), []);

    for (const q of ['щёлковское', 'ЩЕЛКОВСКОЕ', 'Щелковское  шоссе', 'гольяново щёлк']) assert.deepEqual(await ids(`?q=${encodeURIComponent(q)}`), ['msk-golyanovo'], q);
    assert.deepEqual(await ids(`?q=${encodeURIComponent('мфц центрального')}`), ['krs-centralny', 'nsk-centralny', 'spb-centralny']);
    assert.deepEqual(await ids(`?q=${encodeURIComponent('проспект Мира')}`), ['krs-centralny']);
    assert.deepEqual(await ids(`?q=${encodeURIComponent('тверская гольяново')}`), [], 'every word must match');
    assert.deepEqual(
      await ids(`?region=77&service=driving_licence&q=${encodeURIComponent('центр госуслуг')}`),
      ['msk-khamovniki', 'msk-lyublino', 'msk-mitino', 'msk-tverskoy', 'msk-yasenevo', 'zelenograd'],
    );
    assert.equal((await list(backend, '?q=%20%20')).total, 43, 'a blank q is no filter');
  });

  test('bad queries are a 400 on the parameter', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW });
    const cases: [string, string][] = [
      ['?near=91,0', 'near'],
      ['?near=0,181', 'near'],
      ['?near=abc', 'near'],
      ['?near=55.7', 'near'],
      ['?near=55.7,37.6,1', 'near'],
      [`?q=${'а'.repeat(121)}`, 'q'],
      [`?region=${'7'.repeat(21)}`, 'region'],
      [`?city=${'м'.repeat(81)}`, 'city'],
      [`?service=${'x'.repeat(41)}`, 'service'],
    ];
    for (const [query, path] of cases) {
      const issues = issuesOf(await backend.app.inject({ method: 'GET', url: `/offices${encodeURI(query)}` }));
      assert.deepEqual(issues.map((i) => i.path), [[path]], query);
    }
  });
});

describe('office load', () => {
  test('from the hourly profile and each office’s own peak hours', async (t) => {
    const clock = testClock();
    const backend = await startBackend(t, { now: clock.now });
    const loadAt = async (instant: string, id: string) => {
      clock.set(at(instant));
      return byId(await list(backend), id).load;
    };
    assert.deepEqual(await loadAt('2026-03-02T09:00:00Z', 'msk-tverskoy'), { level: 'medium', waitMinutes: 25 }, '12:00');
    assert.deepEqual(await loadAt('2026-03-02T07:30:00Z', 'msk-tverskoy'), { level: 'high', waitMinutes: 45 }, '10:30, a peak');
    assert.deepEqual(await loadAt('2026-03-02T16:30:00Z', 'msk-tverskoy'), { level: 'low', waitMinutes: 10 }, '19:30');
    assert.deepEqual(await loadAt('2026-03-02T09:00:00Z', 'msk-basmanny'), { level: 'high', waitMinutes: 45 }, 'its own peak 12–14');
    assert.deepEqual(await loadAt('2026-03-02T07:30:00Z', 'msk-basmanny'), { level: 'medium', waitMinutes: 25 }, 'not its peak');
    assert.deepEqual(await loadAt('2026-03-02T07:30:00Z', 'msk-mitino'), { level: 'high', waitMinutes: 45 }, 'no peaks of its own: the profile');
    assert.equal(await loadAt('2026-03-02T18:00:00Z', 'msk-tverskoy'), undefined, 'closed: no load');
  });

  test('from the bookings of the hour against its places (cancelled ones do not count); the detail’s load by hour', async (t) => {
    const clock = testClock();
    // One place per hour per service: 5 services → 5 places an hour.
    const backend = await startBackend(t, {
      now: clock.now,
      rateLimits: NO_LIMITS,
      offices: { settings: { offices: { 'msk-babushkinsky': { intervalMinutes: 60, capacityPerInterval: 1 } } } },
    });
    const office = 'msk-babushkinsky';
    const SLOT_1400 = '2026-03-02T11:00:00.000Z';
    const at1410 = () => clock.set(at('2026-03-02T11:10:00Z'));
    const loadNow = async () => byId(await list(backend, '?region=77'), office).load;

    at1410();
    assert.deepEqual(await loadNow(), { level: 'medium', waitMinutes: 25 }, 'nothing booked: the profile’s 45 %');
    clock.set(FIXED_NOW);
    const first = await booked(backend, { service: 'passport', slotStart: SLOT_1400, phone: phone(1) }, office);
    at1410();
    assert.deepEqual(await loadNow(), { level: 'medium', waitMinutes: 35 }, '1 of 5 booked: 45 + 0.5 × 20 = 55 %');
    clock.set(FIXED_NOW);
    await booked(backend, { service: 'snils', slotStart: SLOT_1400, phone: phone(2) }, office);
    at1410();
    assert.deepEqual(await loadNow(), { level: 'high', waitMinutes: 40 }, '2 of 5: 65 %');
    const detail = await get(backend, `/offices/${office}`, OfficeDetail);
    assert.deepEqual(detail.loadByHour.find((h) => h.hour === 14), { hour: 14, level: 'high', percent: 65 });
    assert.deepEqual(detail.loadByHour.find((h) => h.hour === 13), { hour: 13, level: 'medium', percent: 45 });
    assert.deepEqual(detail.load, { level: 'high', waitMinutes: 40 });

    clock.set(FIXED_NOW);
    assert.equal((await cancel(backend, first.number, { phone: phone(1) })).statusCode, 200);
    at1410();
    assert.deepEqual(await loadNow(), { level: 'medium', waitMinutes: 35 }, 'the cancelled one no longer counts');
  });
});

describe('GET /offices/:id', () => {
  test('one office with the load by hour of its open hours today; 404 for an unknown id', async (t) => {
    const clock = testClock();
    const backend = await startBackend(t, { now: clock.now });
    const tverskoy = await get(backend, '/offices/msk-tverskoy', OfficeDetail);
    assert.equal(tverskoy.name, 'Центр госуслуг района Тверской');
    assert.equal(tverskoy.openNow, true);
    assert.deepEqual(tverskoy.loadByHour.map((h) => h.hour), [8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    assert.deepEqual(tverskoy.loadByHour.map((h) => h.level), ['medium', 'medium', 'high', 'high', 'medium', 'medium', 'medium', 'medium', 'high', 'high', 'medium', 'low']);
    assert.deepEqual(tverskoy.loadByHour[2], { hour: 10, level: 'high', percent: 75 });

    clock.set(MONDAY);
    const lunch = await get(backend, '/offices/kgd-moskovsky', OfficeDetail);
    assert.equal(lunch.openNow, false, '06:30 in Kaliningrad');
    assert.equal(lunch.load, undefined);
    assert.deepEqual(lunch.loadByHour.map((h) => h.hour), [8, 9, 10, 11, 12, 14, 15, 16, 17, 18], 'today’s hours, the lunch hour left out');
    const vladivostok = await get(backend, '/offices/vvo-frunzensky', OfficeDetail);
    assert.deepEqual(vladivostok.loadByHour.map((h) => h.hour), [8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    clock.set(at('2026-03-15T05:00:00Z')); // Sunday
    assert.deepEqual((await get(backend, '/offices/nsk-leninsky', OfficeDetail)).loadByHour, [], 'closed on Sundays');
    assert.deepEqual((await get(backend, '/offices/nsk-centralny', OfficeDetail)).loadByHour.map((h) => h.hour), [10, 11, 12, 13, 14, 15]);

    for (const id of ['no-such-office', 'MSK-TVERSKOY', 'x'.repeat(300)]) {
      const res = await backend.app.inject({ method: 'GET', url: `/offices/${id}` });
      assert.equal(res.statusCode, 404, id);
      assert.equal(ApiError.parse(res.json()).error.code, 'not_found');
      assert.match(ApiError.parse(res.json()).error.message, RUSSIAN);
    }
  });
});

describe('GET /offices/:id/slots', () => {
  test('free slots of a service in the office’s hours and zone, from now + lead to the horizon; days with free slots; date defaults to the first', async (t) => {
    const backend = await startBackend(t, { now: () => MONDAY });
    const answer = await slotsOf(backend, 'vvo-frunzensky', '?service=passport');
    assert.equal(answer.timeZone, 'Asia/Vladivostok');
    assert.equal(answer.date, '2026-03-16');
    assert.equal(answer.slots[0]!.start, '2026-03-16T05:30:00.000Z', '15:30 there: an hour after now');
    assert.equal(answer.slots.at(-1)!.start, '2026-03-16T09:45:00.000Z', '19:45, the last that ends by 20:00');
    assert.equal(answer.slots.length, 18);
    for (const slot of answer.slots) {
      assert.equal(slot.free, 2);
      assert.equal(Date.parse(slot.end) - Date.parse(slot.start), 15 * MINUTE);
    }
    assert.equal(answer.days.length, 14, 'open every day (Sundays 10–16), 14 days');
    assert.equal(answer.days[0], '2026-03-16');
    assert.equal(answer.days.at(-1), '2026-03-29');

    const sunday = await slotsOf(backend, 'vvo-frunzensky', '?service=passport&date=2026-03-22');
    assert.equal(sunday.date, '2026-03-22');
    assert.equal(sunday.slots.length, 24, '10:00–16:00');
    assert.equal(sunday.slots[0]!.start, '2026-03-22T00:00:00.000Z', '10:00 in Vladivostok');
    const closedSundays = await slotsOf(backend, 'vvo-pervorechensky', '?service=passport');
    assert.ok(!closedSundays.days.includes('2026-03-22'));
    assert.deepEqual((await slotsOf(backend, 'vvo-pervorechensky', '?service=passport&date=2026-03-22')).slots, []);
    assert.deepEqual((await slotsOf(backend, 'vvo-frunzensky', '?service=passport&date=2026-04-30')).slots, [], 'beyond the horizon');
    assert.deepEqual((await slotsOf(backend, 'vvo-frunzensky', '?service=passport&date=2026-03-01')).slots, [], 'the past');
  });

  test('settings: interval per service, holidays (everyone’s and an office’s), lead, horizon', async (t) => {
    const backend = await startBackend(t, {
      now: () => MONDAY,
      offices: {
        settings: {
          leadMinutes: 0,
          horizonDays: 3,
          holidays: ['2026-03-17'],
          services: { foreign_passport: { intervalMinutes: 30 } },
          offices: { 'vvo-sovetsky': { holidays: ['2026-03-16'] } },
        },
      },
    });
    const passport = await slotsOf(backend, 'vvo-frunzensky', '?service=passport');
    assert.equal(passport.slots[0]!.start, '2026-03-16T04:30:00.000Z', 'no lead: 14:30 itself');
    assert.deepEqual(passport.days, ['2026-03-16', '2026-03-18'], 'three days, one a holiday');
    assert.deepEqual((await slotsOf(backend, 'vvo-frunzensky', '?service=passport&date=2026-03-17')).slots, []);
    const foreign = await slotsOf(backend, 'vvo-frunzensky', '?service=foreign_passport');
    assert.equal(Date.parse(foreign.slots[0]!.end) - Date.parse(foreign.slots[0]!.start), 30 * MINUTE);
    assert.deepEqual((await slotsOf(backend, 'vvo-sovetsky', '?service=passport')).days, ['2026-03-18'], 'its own holiday too');
  });

  test('full slots are left out; a day fully booked leaves `days`', async (t) => {
    const backend = await startBackend(t, {
      now: () => MONDAY,
      rateLimits: NO_LIMITS,
      offices: { settings: { leadMinutes: 300, horizonDays: 2, capacityPerInterval: 1 } },
    });
    const before = await slotsOf(backend, 'vvo-frunzensky', '?service=passport');
    assert.deepEqual(before.slots.map((s) => s.start), ['2026-03-16T09:30:00.000Z', '2026-03-16T09:45:00.000Z'], '19:30 and 19:45');
    await booked(backend, { slotStart: '2026-03-16T09:30:00.000Z', phone: phone(1) }, 'vvo-frunzensky');
    const one = await slotsOf(backend, 'vvo-frunzensky', '?service=passport');
    assert.deepEqual(one.slots.map((s) => s.start), ['2026-03-16T09:45:00.000Z']);
    assert.equal((await slotsOf(backend, 'vvo-frunzensky', '?service=snils')).slots.length, 2, 'places are per service');
    await booked(backend, { slotStart: '2026-03-16T09:45:00.000Z', phone: phone(2) }, 'vvo-frunzensky');
    const full = await slotsOf(backend, 'vvo-frunzensky', '?service=passport');
    assert.deepEqual(full.days, ['2026-03-17']);
    assert.equal(full.date, '2026-03-17');
    assert.equal(full.slots[0]!.start, '2026-03-16T22:00:00.000Z', 'Tuesday 08:00 there');
  });

  test('a service the office does not offer, a bad date: 400 on the parameter; an unknown office: 404', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW });
    const cases: [string, string, string][] = [
      ['msk-babushkinsky', '?service=business', 'service'],
      ['msk-tverskoy', '?service=teleport', 'service'],
      ['msk-tverskoy', '', 'service'],
      ['msk-tverskoy', '?service=passport&date=2026-02-30', 'date'],
      ['msk-tverskoy', '?service=passport&date=02.03.2026', 'date'],
    ];
    for (const [office, query, path] of cases) {
      const issues = issuesOf(await backend.app.inject({ method: 'GET', url: `/offices/${office}/slots${query}` }));
      assert.deepEqual(issues.map((i) => i.path), [[path]], `${office}${query}`);
    }
    assert.equal(issuesOf(await backend.app.inject({ method: 'GET', url: '/offices/msk-babushkinsky/slots?service=business' }))[0]!.code, 'invalid_choice');
    const missing = await backend.app.inject({ method: 'GET', url: '/offices/nowhere/slots?service=passport' });
    assert.equal(missing.statusCode, 404);
  });
});

describe('POST /offices/:id/bookings', () => {
  test('books a slot: 201 Booking, V-2026-000001, the documents of the service, the phone normalized, a place taken', async (t) => {
    const lines: string[] = [];
    const backend = await startBackend(t, { now: () => FIXED_NOW, logger: { stream: { write: (line) => void lines.push(line) } } });
    assert.equal((await slotsOf(backend, 'msk-tverskoy', '?service=passport')).slots[0]!.free, 2);
    const res = await bookVisit(backend.app, validBooking({ phone: '8 (912) 345-67-89', email: ' anna\u0040example.ru ', name: ' Зинаида Петровна ' }));
    assert.equal(res.statusCode, 201, res.body);
    const view = Booking.parse(res.json());
    const catalogue = await get(backend, '/offices/catalogue', OfficeCatalogue);
    assert.deepEqual(view, {
      number: 'V-2026-000001',
      status: 'booked',
      officeId: 'msk-tverskoy',
      officeName: 'Центр госуслуг района Тверской',
      address: 'ул. Тверская, д. 8, стр. 1 (демо)',
      officePhone: '+7 (495) 555-01-01',
      timeZone: 'Europe/Moscow',
      service: 'passport',
      start: SLOT_1300,
      end: SLOT_1315,
      documents: catalogue.services.find((s) => s.code === 'passport')!.documents,
      lateCancelMinutes: 15,
      createdAt: iso(FIXED_NOW),
    });
    assert.ok(!res.body.includes('9123456789') && !res.body.includes('Зинаида'), 'the answer does not echo personal data');
    const row = await backend.database.kysely.selectFrom('bookings').selectAll().executeTakeFirstOrThrow();
    assert.equal(row.phone, '+79123456789');
    assert.equal(row.name, 'Зинаида Петровна');
    assert.equal(row.email, 'anna\u0040example.ru');
    assert.equal(row.slot_end, SLOT_1315);
    assert.equal((await slotsOf(backend, 'msk-tverskoy', '?service=passport')).slots[0]!.free, 1);
    assert.equal((await booked(backend, { phone: '9120000001' })).number, 'V-2026-000002');

    const log = lines.join('');
    assert.match(log, /visit booked/);
    assert.match(log, /V-2026-000001/);
    for (const secret of ['9123456789', '345-67-89', 'Зинаида', 'anna']) assert.ok(!log.includes(secret), secret);
  });

  test('the number takes the Moscow year; lateCancelMinutes from the settings', async (t) => {
    const clock = testClock(at('2026-12-31T20:30:00Z')); // 23:30 in Moscow, Friday 06:30 in Vladivostok
    const backend = await startBackend(t, { now: clock.now, offices: { settings: { lateCancelMinutes: 20 } } });
    const late = await booked(backend, { slotStart: '2026-12-31T23:00:00.000Z' }, 'vvo-frunzensky');
    assert.equal(late.number, 'V-2026-000001');
    assert.equal(late.lateCancelMinutes, 20);
    clock.set(at('2026-12-31T21:30:00Z')); // 00:30 in Moscow
    assert.equal((await booked(backend, { slotStart: '2026-12-31T23:15:00.000Z', phone: phone(1) }, 'vvo-frunzensky')).number, 'V-2027-000001');
  });

  test('the service must be offered (400 on service); the slot must be a bookable slot (400 on slotStart); the body’s rules; 404 for an unknown office', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, rateLimits: NO_LIMITS, offices: { settings: { holidays: ['2026-03-04'] } } });
    const pathsOf = async (overrides: Record<string, unknown>, office = 'msk-tverskoy') =>
      issuesOf(await bookVisit(backend.app, validBooking(overrides), office)).map((i) => i.path.join('.'));
    assert.deepEqual(await pathsOf({ service: 'business' }, 'msk-babushkinsky'), ['service']);
    assert.deepEqual(await pathsOf({ service: 'teleport' }), ['service']);
    for (const slotStart of [
      '2026-03-02T10:05:00.000Z', // 13:05, not a slot start
      '2026-03-02T09:15:00.000Z', // 12:15, within the lead
      '2026-03-02T06:00:00.000Z', // 09:00, past
      '2026-03-02T18:00:00.000Z', // 21:00, after hours
      '2026-03-04T10:00:00.000Z', // a holiday
      '2026-03-20T10:00:00.000Z', // beyond the 14 days
      'tomorrow',
    ]) {
      assert.deepEqual(await pathsOf({ slotStart }), ['slotStart'], slotStart);
    }
    assert.deepEqual(await pathsOf({ name: 'R2-D2' }), ['name']);
    assert.deepEqual(await pathsOf({ phone: '+1 202 555 01 00' }), ['phone']);
    assert.deepEqual(await pathsOf({ consent: false }), ['consent']);
    assert.deepEqual(await pathsOf({ email: 'not-an-email' }), ['email']);
    assert.deepEqual(await pathsOf({ slotStart: undefined, service: undefined }), ['service', 'slotStart']);
    assert.equal((await bookVisit(backend.app, validBooking({ slotStart: '2026-03-02T13:00:00+03:00' }))).statusCode, 201, 'the same slot in another spelling');
    const missing = await bookVisit(backend.app, validBooking(), 'msk-nowhere');
    assert.equal(missing.statusCode, 404);
    assert.match(ApiError.parse(missing.json()).error.message, /Офис не найден/);
    assert.equal(await count(backend as TestBackend), 1);
  });

  test('the race for the last place: exactly one 201, every other 409 with nextSlot = the next free slot', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, rateLimits: NO_LIMITS });
    await booked(backend, { phone: phone(0) });
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => bookVisit(backend.app, validBooking({ phone: phone(i + 1) }))));
    const created = answers.filter((res) => res.statusCode === 201);
    assert.equal(created.length, 1, answers.map((res) => res.statusCode).join(','));
    for (const res of answers.filter((r) => r.statusCode !== 201)) {
      const error = conflictOf(res);
      assert.deepEqual(error.nextSlot, { start: SLOT_1315, end: SLOT_1330, free: 2 });
    }
    assert.equal(await count(backend, SLOT_1300), 2);
    assert.equal(await count(backend), 2, 'nothing stored for the refused');
  });

  test('the race over real HTTP against two servers on one database: 20 bookings of a slot with 2 places, split across them, give exactly 2', async (t) => {
    const settings = { offices: { 'msk-tverskoy': { capacityPerInterval: 2 } } };
    // On PostgreSQL both servers get the same database.
    const databaseUrl = await testDatabaseUrl(t);
    const shared = databaseUrl ? { databaseUrl } : {};
    const first = await startBackend(t, { now: () => FIXED_NOW, rateLimits: NO_LIMITS, offices: { settings }, ...shared });
    const second = await buildApp({
      dbPath: join(first.dir, 'db.sqlite'),
      ...shared,
      configPath: DEMO_CONFIG,
      corsOrigins: [],
      distDir: first.distDir,
      siteDir: SITE_DIR,
      uploadDir: join(first.dir, 'uploads'),
      now: () => FIXED_NOW,
      rateLimits: NO_LIMITS,
      offices: { settings },
    });
    t.after(() => second.close());
    const bases: string[] = [];
    for (const app of [first.app, second.app]) {
      await app.listen({ port: 0, host: '127.0.0.1' });
      bases.push(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
    }
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        fetch(`${bases[i % 2]}/offices/msk-tverskoy/bookings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': newKey() },
          body: JSON.stringify(validBooking({ phone: phone(i) })),
        }).then(async (res) => ({ status: res.status, body: (await res.json()) as unknown })),
      ),
    );
    assert.equal(answers.filter((a) => a.status === 201).length, 2, answers.map((a) => a.status).join(','));
    for (const answer of answers.filter((a) => a.status !== 201)) {
      assert.equal(answer.status, 409);
      assert.deepEqual(ApiError.parse(answer.body).error.nextSlot, { start: SLOT_1315, end: SLOT_1330, free: 2 });
    }
    assert.equal(await count(first, SLOT_1300), 2);
  });

  test('Idempotency-Key: a repeat answers the first booking; another body or office with the same key is a 409; no key is a 400', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW });
    const key = newKey();
    const body = validBooking({ email: 'anna\u0040example.ru' });
    const first = await bookVisit(backend.app, body, 'msk-tverskoy', key);
    assert.equal(first.statusCode, 201);
    const again = await bookVisit(backend.app, { ...body }, 'msk-tverskoy', key);
    assert.equal(again.statusCode, 201);
    assert.deepEqual(again.json(), first.json());
    assert.equal(await count(backend), 1);
    const other = conflictOf(await bookVisit(backend.app, { ...body, slotStart: SLOT_1315 }, 'msk-tverskoy', key));
    assert.match(other.message, /Idempotency-Key/);
    assert.equal(other.nextSlot, undefined);
    conflictOf(await bookVisit(backend.app, body, 'msk-khamovniki', key));
    assert.equal(issuesOf(await bookVisit(backend.app, body, 'msk-tverskoy', null)).length, 0, 'a 400 without field issues');
    assert.equal((await bookVisit(backend.app, body, 'msk-tverskoy', 'short')).statusCode, 400);
    assert.equal(await count(backend), 1);
  });

  test('rate limits per phone and per client IP: 429 with Retry-After; repeats of a key are free', async (t) => {
    const backend = await startBackend(t, {
      now: () => FIXED_NOW,
      rateLimits: { bookingsPerPhone: { limit: 2, windowMs: HOUR }, bookingsPerIp: { limit: 3, windowMs: HOUR } },
    });
    const key = newKey();
    assert.equal((await bookVisit(backend.app, validBooking(), 'msk-tverskoy', key)).statusCode, 201);
    assert.equal((await bookVisit(backend.app, validBooking(), 'msk-tverskoy', key)).statusCode, 201, 'a repeat');
    assert.equal((await bookVisit(backend.app, validBooking({ phone: '89123456789', slotStart: SLOT_1315 }))).statusCode, 201);
    const byPhone = await bookVisit(backend.app, validBooking({ phone: '9123456789', slotStart: SLOT_1330 }), 'msk-tverskoy', newKey(), '10.0.0.9');
    assert.equal(byPhone.statusCode, 429, 'the same phone in another form, from another IP');
    assert.equal(byPhone.headers['retry-after'], '3600');
    const error = ApiError.parse(byPhone.json()).error;
    assert.equal(error.code, 'rate_limited');
    assert.equal(error.retryAfterSeconds, 3600);
    assert.match(error.message, RUSSIAN);

    assert.equal((await bookVisit(backend.app, validBooking({ phone: phone(1), slotStart: SLOT_1330 }))).statusCode, 201, 'the third from this IP');
    assert.equal((await bookVisit(backend.app, validBooking({ phone: phone(2), slotStart: SLOT_1330 }))).statusCode, 429, 'the fourth from this IP');
    assert.equal((await bookVisit(backend.app, validBooking({ phone: phone(2), slotStart: SLOT_1330 }), 'msk-tverskoy', newKey(), '10.0.0.10')).statusCode, 201);
    assert.equal(await count(backend), 4);
  });
});

describe('POST /bookings/:number/cancel', () => {
  test('cancels with the number and phone; the place is freed; a repeat answers it unchanged', async (t) => {
    const clock = testClock();
    const backend = await startBackend(t, { now: clock.now });
    const visit = await booked(backend);
    clock.advance(5 * MINUTE);
    const res = await cancel(backend, visit.number.toLowerCase(), { phone: ' 8 912 345 67 89 ' });
    assert.equal(res.statusCode, 200, res.body);
    const view = Booking.parse(res.json());
    assert.deepEqual(view, { ...visit, status: 'cancelled' });
    const cancelledAt = async () => (await backend.database.kysely.selectFrom('bookings').select('cancelled_at').executeTakeFirstOrThrow()).cancelled_at;
    assert.equal(await cancelledAt(), iso(FIXED_NOW + 5 * MINUTE));
    assert.equal((await slotsOf(backend, 'msk-tverskoy', '?service=passport')).slots[0]!.free, 2, 'the place is free again');
    clock.advance(MINUTE);
    const again = await cancel(backend, visit.number, { phone: '+79123456789' });
    assert.equal(again.statusCode, 200);
    assert.equal(again.body, res.body);
    assert.equal(await cancelledAt(), iso(FIXED_NOW + 5 * MINUTE), 'unchanged');
  });

  test('an unknown number and a wrong phone get the same 404, byte for byte; failures are limited, even with the right phone then', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, rateLimits: { lookupFailuresPerIp: { limit: 4, windowMs: MINUTE } } });
    const visit = await booked(backend);
    const wrongPhone = await cancel(backend, visit.number, { phone: '+7 912 000 00 00' });
    const unknown = await cancel(backend, 'V-2026-999999', { phone: '+7 912 345 67 89' });
    const malformed = await cancel(backend, 'CB-2026-000001', { phone: '+7 912 345 67 89' });
    for (const res of [wrongPhone, unknown, malformed]) {
      assert.equal(res.statusCode, 404);
      assert.equal(res.headers['content-type'], wrongPhone.headers['content-type']);
    }
    assert.equal(unknown.body, wrongPhone.body);
    assert.equal(malformed.body, wrongPhone.body);
    assert.deepEqual(ApiError.parse(unknown.json()), { error: { code: 'not_found', message: BOOKING_NOT_FOUND_MESSAGE } });
    assert.equal(issuesOf(await cancel(backend, visit.number, { phone: '' }))[0]!.path[0], 'phone');
    assert.equal(issuesOf(await cancel(backend, visit.number, { phone: '+79123456789', extra: 1 })).length, 1, 'a strict body');

    assert.equal((await cancel(backend, 'V-2026-999998', { phone: '+79123456789' })).statusCode, 404, 'the fourth failure');
    const limited = await cancel(backend, visit.number, { phone: '+79123456789' });
    assert.equal(limited.statusCode, 429);
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.equal((await cancel(backend, visit.number, { phone: '+79123456789' }, '10.0.0.7')).statusCode, 200, 'another client');
  });

  test('a visit whose time has come or passed cannot be cancelled (409), nor a visited one', async (t) => {
    const clock = testClock();
    const backend = await startBackend(t, { now: clock.now, rateLimits: NO_LIMITS });
    const visit = await booked(backend);
    const other = await booked(backend, { slotStart: SLOT_1315, phone: phone(1) });
    clock.set(at(SLOT_1300));
    const error = conflictOf(await cancel(backend, visit.number, { phone: '+79123456789' }));
    assert.match(error.message, /нельзя/);
    assert.equal(error.nextSlot, undefined);
    const bookings = backend.database.kysely;
    assert.equal((await bookings.selectFrom('bookings').select('status').where('number', '=', visit.number).executeTakeFirstOrThrow()).status, 'booked');
    await bookings.updateTable('bookings').set({ status: 'visited' }).where('number', '=', other.number).execute();
    conflictOf(await cancel(backend, other.number, { phone: phone(1) }));
  });
});

describe('operator: GET /operator/api/bookings', () => {
  test('401 without a session or token', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, operatorToken: TOKEN });
    for (const headers of [{} as Record<string, string>, { authorization: 'Bearer wrong-token-0123456789' }, { authorization: 'Basic abc' }]) {
      const res = await operator(backend, '', headers);
      assert.equal(res.statusCode, 401, JSON.stringify(headers));
      assert.equal(ApiError.parse(res.json()).error.code, 'unauthorized');
    }
  });

  test('one office’s visits of one day by time, with the offices to choose from; the day is the office’s own', async (t) => {
    const clock = testClock();
    const backend = await startBackend(t, { now: clock.now, operatorToken: TOKEN, rateLimits: NO_LIMITS });
    const c = await booked(backend, { slotStart: SLOT_1330, phone: phone(3), name: 'Виктор' });
    const a = await booked(backend, { slotStart: SLOT_1300, phone: phone(1), name: 'Анна', email: 'anna\u0040example.ru' });
    const b = await booked(backend, { slotStart: SLOT_1315, phone: phone(2), name: 'Борис' });
    await booked(backend, { slotStart: '2026-03-03T10:00:00.000Z', phone: phone(4) }); // tomorrow
    assert.equal((await cancel(backend, b.number, { phone: phone(2) })).statusCode, 200);
    // 08:00 on Tuesday in Vladivostok is still Monday in UTC and in Moscow.
    const early = await booked(backend, { slotStart: '2026-03-02T22:00:00.000Z', phone: phone(5) }, 'vvo-frunzensky');

    const res = await operator(backend, '?office=msk-tverskoy&date=2026-03-02');
    assert.equal(res.statusCode, 200, res.body);
    const day = OperatorBookingList.parse(res.json());
    assert.equal(day.date, '2026-03-02');
    assert.deepEqual(day.office, { id: 'msk-tverskoy', name: 'Центр госуслуг района Тверской', timeZone: 'Europe/Moscow' });
    assert.deepEqual(day.items.map((i) => [i.number, i.status, i.name]), [
      [a.number, 'booked', 'Анна'],
      [b.number, 'cancelled', 'Борис'],
      [c.number, 'booked', 'Виктор'],
    ]);
    assert.equal(day.items[0]!.phone, '+79120000001');
    assert.equal(day.items[0]!.email, 'anna\u0040example.ru');
    assert.equal(day.items[1]!.email, undefined);
    assert.equal(day.offices.length, 43);
    assert.deepEqual(Object.keys(day.offices[0]!).sort(), ['city', 'id', 'name']);
    const cities = day.offices.map((o) => o.city);
    assert.deepEqual(cities, [...cities].sort(compareRu), 'by city');

    const vvo = OperatorBookingList.parse((await operator(backend, '?office=vvo-frunzensky&date=2026-03-03')).json());
    assert.deepEqual(vvo.items.map((i) => i.number), [early.number]);
    assert.deepEqual(OperatorBookingList.parse((await operator(backend, '?office=vvo-frunzensky&date=2026-03-02')).json()).items, []);

    // Defaults: the first office of the list (by city), today in its zone.
    clock.set(at('2026-03-02T18:30:00Z')); // 21:30 in Moscow, 01:30 on Tuesday in Berdsk (Novosibirsk time)
    const first = OperatorBookingList.parse((await operator(backend)).json());
    assert.equal(first.office.id, 'berdsk');
    assert.equal(first.office.timeZone, 'Asia/Novosibirsk');
    assert.equal(first.date, '2026-03-03');
    assert.equal(OperatorBookingList.parse((await operator(backend, '?office=msk-tverskoy')).json()).date, '2026-03-02');

    assert.equal((await operator(backend, '?office=msk-nowhere')).statusCode, 404);
    assert.deepEqual(issuesOf(await operator(backend, '?office=msk-tverskoy&date=2026-02-30')).map((i) => i.path), [['date']]);
    assert.equal((await operator(backend, '?date=yesterday')).statusCode, 400);
  });
});
