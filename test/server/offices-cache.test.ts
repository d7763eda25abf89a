/**
 * The office finder and the callback slots keep what they work out (issue 16, point 8): the
 * dataset parsed and indexed once, what depends on the time per minute of the clock, what depends
 * on bookings per revision of the database. These tests hold the kept answers to those of a
 * server that works everything out anew: a fresh one on the same database file and clock.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { buildApp, type BackendApp } from '../../server/app.js';
import { minuteKey } from '../../server/scheduling/minute-memo.js';
import { DEFAULT_OFFICES_DATA_PATH } from '../../server/offices/dataset.js';
import { CallbackSlots } from '../../src/protocol/callback.js';
import { OfficeList, OfficeSlots } from '../../src/protocol/offices.js';
import {
  DEMO_CONFIG,
  FIXED_NOW,
  SITE_DIR,
  bookCallback,
  bookVisit,
  startBackend,
  tempDir,
  testClock,
  testDatabaseUrl,
  validBooking,
  validCallback,
  type TestBackend,
} from './support.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const many = { limit: 100_000, windowMs: HOUR };
const NO_LIMITS = { bookingsPerIp: many, bookingsPerPhone: many, callbacksPerIp: many, callbacksPerPhone: many };
/** msk-tverskoy, passport, 13:00 Moscow time on FIXED_NOW's day: 2 places (the default settings). */
const SLOT_1300 = '2026-03-02T10:00:00.000Z';
const phone = (i: number) => `+7 912 000-00-${String(i).padStart(2, '0')}`;

/** The read paths that keep answers, with the queries that reach each kind of kept answer. */
const URLS = [
  '/offices',
  '/offices?region=77',
  '/offices?region=%2077%20',
  '/offices?region=78&service=passport',
  `/offices?q=${encodeURIComponent('Тверская, 8')}`,
  `/offices?city=${encodeURIComponent('москва')}`,
  '/offices?near=55.75,37.62',
  '/offices?near=91,0',
  '/offices/catalogue',
  '/offices/msk-tverskoy',
  '/offices/nope',
  '/offices/msk-tverskoy/slots?service=passport',
  '/offices/msk-tverskoy/slots?service=passport&date=2026-03-03',
  '/offices/msk-tverskoy/slots?service=teleport',
  '/offices/norilsk/slots?service=passport',
  '/callbacks/slots',
  '/callbacks/slots?from=2026-03-03&days=3',
  '/callbacks/slots?from=2026-02-30',
];

type App = Pick<BackendApp, 'app'>;

/** Status, content type and body of every URL, each asked twice (the second from what was kept). */
async function answers(backend: App): Promise<string[]> {
  const out: string[] = [];
  for (const url of URLS) {
    for (const round of ['first', 'again']) {
      const res = await backend.app.inject({ method: 'GET', url });
      out.push(`${url} (${round}): ${res.statusCode} ${res.headers['content-type']} ${res.body}`);
    }
  }
  return out;
}

const demoRaw = () => JSON.parse(readFileSync(DEFAULT_OFFICES_DATA_PATH, 'utf8'));

describe('kept answers of the office finder and the callback slots', () => {
  test('minuteKey: one key per minute, and one more for its first millisecond', () => {
    const m = FIXED_NOW;
    assert.notEqual(minuteKey(m), minuteKey(m + 1));
    assert.equal(minuteKey(m + 1), minuteKey(m + MINUTE - 1));
    assert.notEqual(minuteKey(m + MINUTE - 1), minuteKey(m + MINUTE));
    assert.notEqual(minuteKey(m - 1), minuteKey(m));
  });

  test('equal to a fresh server’s through bookings, cancels, callbacks and the clock moving', async (t) => {
    const clock = testClock();
    // On PostgreSQL every server of the test gets the same database.
    const databaseUrl = await testDatabaseUrl(t);
    const shared = databaseUrl ? { databaseUrl } : {};
    const backend = await startBackend(t, { now: clock.now, rateLimits: NO_LIMITS, ...shared });
    const check = async (step: string) => {
      const kept = await answers(backend);
      const fresh = await buildApp({
        dbPath: join(backend.dir, 'db.sqlite'),
        ...shared,
        configPath: DEMO_CONFIG,
        corsOrigins: [],
        distDir: backend.distDir,
        siteDir: SITE_DIR,
        uploadDir: join(backend.dir, 'uploads'),
        now: clock.now,
      });
      try {
        assert.deepEqual(kept, await answers(fresh), step);
      } finally {
        await fresh.close();
      }
      // Kept again after the fresh server's start (its seed is a write), so that the next step
      // differs by what it changes alone.
      await answers(backend);
    };
    const visits = async (count: number, body: Record<string, unknown> = {}) => {
      for (let i = 0; i < count; i++) await bookVisit(backend.app, validBooking({ phone: phone(i), ...body }));
    };
    const freeAt1300 = async () =>
      (OfficeSlots.parse((await backend.app.inject(`/offices/msk-tverskoy/slots?service=passport`)).json()).slots.find((s) => s.start === SLOT_1300))?.free;

    await check('at start');
    assert.equal(await freeAt1300(), 2);
    await visits(1);
    assert.equal(await freeAt1300(), 1, 'a booking shows at once');
    await check('after a booking');
    await visits(2);
    assert.equal(await freeAt1300(), undefined, 'a full slot is left out at once');
    await visits(3, { slotStart: '2026-03-02T11:00:00.000Z', service: 'snils' });
    await check('a full slot, bookings in the next hours');
    const before = CallbackSlots.parse((await backend.app.inject('/callbacks/slots')).json());
    assert.equal((await bookCallback(backend.app, validCallback({ slotStart: before.slots[0]!.start }))).statusCode, 201);
    assert.equal((await bookCallback(backend.app, validCallback({ asap: true, slotStart: undefined, phone: phone(9) }))).statusCode, 201);
    const after = CallbackSlots.parse((await backend.app.inject('/callbacks/slots')).json());
    assert.equal(after.slots[0]!.free, before.slots[0]!.free - 1, 'a callback shows at once');
    assert.equal(after.asap.queue, before.asap.queue + 1);
    await check('after callbacks');
    // Written past the services (an operator's tool, a script): still seen at once.
    await backend.database.kysely.updateTable('bookings').set({ status: 'cancelled' }).where('slot_start', '=', SLOT_1300).execute();
    assert.equal(await freeAt1300(), 2);
    await check('after cancels written straight to the database');
    for (const at of [
      FIXED_NOW + 30_000,
      FIXED_NOW + MINUTE - 1,
      FIXED_NOW + MINUTE,
      FIXED_NOW + 15 * MINUTE, // a minute's first millisecond: the visit slot at 13:15 (lead 60 minutes) is bookable…
      FIXED_NOW + 15 * MINUTE + 1, // …and no longer a millisecond later
      FIXED_NOW + 30 * MINUTE, // the same for the callback slot at 10:00 (lead 30 minutes)
      FIXED_NOW + 30 * MINUTE + 1,
      Date.UTC(2026, 2, 2, 5, 0, 0), // 08:00 in Moscow: offices open
      Date.UTC(2026, 2, 2, 4, 59, 59, 999),
      Date.UTC(2026, 2, 2, 16, 59, 30), // 19:59:30: about to close
      Date.UTC(2026, 2, 8, 21, 30, 0), // Monday 00:30 in Moscow
      FIXED_NOW, // back
    ]) {
      clock.set(at);
      await check(`at ${new Date(at).toISOString()}`);
    }
  });

  test('another server on the same database: its bookings, callbacks and office data show at once', async (t) => {
    const clock = testClock();
    const databaseUrl = await testDatabaseUrl(t);
    const shared = databaseUrl ? { databaseUrl } : {};
    const first = await startBackend(t, { now: clock.now, rateLimits: NO_LIMITS, ...shared });
    const region = async (backend: App) => OfficeList.parse((await backend.app.inject('/offices?region=77')).json());
    const free = async (backend: App) => OfficeSlots.parse((await backend.app.inject('/offices/msk-tverskoy/slots?service=passport')).json()).slots[0]!;
    const callbacks = async (backend: App) => CallbackSlots.parse((await backend.app.inject('/callbacks/slots')).json()).slots[0]!;
    const name = (list: OfficeList) => list.items.find((o) => o.id === 'msk-tverskoy')?.name;
    assert.equal(name(await region(first)), 'Центр госуслуг района Тверской');
    const { start, free: places } = await free(first);
    const callback = await callbacks(first);

    // Another server starts on the same file with other data: it replaces the office rows.
    const dataPath = join(tempDir(t), 'offices.json');
    const edited = demoRaw();
    edited.offices[0].name = 'Центр госуслуг района Тверской (после ремонта)';
    writeFileSync(dataPath, JSON.stringify(edited));
    const second = await buildApp({
      dbPath: join((first as TestBackend).dir, 'db.sqlite'),
      ...shared,
      configPath: DEMO_CONFIG,
      corsOrigins: [],
      distDir: first.distDir,
      siteDir: SITE_DIR,
      uploadDir: join(first.dir, 'uploads'),
      now: clock.now,
      offices: { dataPath },
      rateLimits: NO_LIMITS,
    });
    t.after(() => second.close());
    assert.equal(name(await region(first)), 'Центр госуслуг района Тверской (после ремонта)', 'the other server’s data');

    assert.equal((await bookVisit(second.app, validBooking({ slotStart: start }))).statusCode, 201);
    assert.deepEqual(await free(first), { ...(await free(second)), free: places - 1 }, 'booked on the other server');
    assert.equal((await bookCallback(second.app, validCallback({ slotStart: callback.start }))).statusCode, 201);
    assert.equal((await callbacks(first)).free, callback.free - 1, 'a callback booked on the other server');
  });

  test('HEAD answers the kept bytes’ headers', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW });
    for (const url of ['/offices?region=77', '/offices/msk-tverskoy/slots?service=passport', '/callbacks/slots']) {
      const got = await backend.app.inject({ method: 'GET', url });
      const head = await backend.app.inject({ method: 'HEAD', url });
      assert.equal(head.statusCode, 200);
      assert.equal(head.body, '');
      assert.equal(head.headers['content-type'], 'application/json; charset=utf-8');
      assert.equal(head.headers['content-type'], got.headers['content-type']);
      assert.equal(head.headers['content-length'], String(Buffer.byteLength(got.body)));
    }
  });
});
