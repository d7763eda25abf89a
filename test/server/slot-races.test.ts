/**
 * The guarantees of callbacks and office visits under concurrent requests, on SQLite and on
 * PostgreSQL (TEST_DATABASE=postgres: the requests run on several pooled connections at once,
 * each store transaction serialized only by its locks and constraints): a slot's places are
 * never overbooked and the refused are offered the next free slot; an Idempotency-Key sent
 * twice at once books once; numbers never collide; a cancel, a move and an operator's outcome
 * of one callback happen one after the other; two servers starting at once load the offices.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { buildApp } from '../../server/app.js';
import { ApiError } from '../../src/protocol/error.js';
import { Booking } from '../../src/protocol/offices.js';
import { CallbackView } from '../../src/protocol/callback.js';
import {
  DEMO_CONFIG,
  FIXED_NOW,
  SITE_DIR,
  TEST_DATABASE,
  bookCallback,
  bookVisit,
  newKey,
  startBackend,
  testDatabaseUrl,
  validBooking,
  validCallback,
  type TestBackend,
} from './support.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const many = { limit: 100_000, windowMs: HOUR };
const NO_LIMITS = {
  callbacksPerIp: many,
  callbacksPerPhone: many,
  bookingsPerIp: many,
  bookingsPerPhone: many,
  lookupFailuresPerIp: many,
  lookupFailuresPerNumber: many,
};
/** A strong token (32 random bytes): the server refuses weak ones. */
const TOKEN = 'SDV7Q83JOIYpiQLIrQiJwZTjyUCQP6wC4tnuTQUzbt4';
const iso = (ms: number) => new Date(ms).toISOString();
/** Callback slots of FIXED_NOW's day (12:30, 13:00 and 13:30 Moscow time). */
const CALLBACK_1230 = '2026-03-02T09:30:00.000Z';
const CALLBACK_1300 = '2026-03-02T10:00:00.000Z';
const CALLBACK_1330 = '2026-03-02T10:30:00.000Z';
/** Visit slots (passport, msk-tverskoy: 2 places each) at 13:00, 13:15 and 13:30 Moscow time. */
const VISIT_1300 = '2026-03-02T10:00:00.000Z';
const VISIT_1315 = '2026-03-02T10:15:00.000Z';
const VISIT_1330 = '2026-03-02T10:30:00.000Z';
const RACERS = 20;

/** A different valid phone per index: +7 912 000-00-NN. */
const phone = (i: number) => `+7 912 000-${String(Math.floor(i / 100) % 100).padStart(2, '0')}-${String(i % 100).padStart(2, '0')}`;

const statuses = (answers: readonly { statusCode: number }[]) => answers.map((res) => res.statusCode).join(',');

function nextSlotOf(res: { statusCode: number; body: string; json(): unknown }) {
  assert.equal(res.statusCode, 409, res.body);
  const { error } = ApiError.parse(res.json());
  assert.equal(error.code, 'conflict');
  return error.nextSlot;
}

async function rows(backend: TestBackend, table: 'callbacks' | 'bookings', slotStart?: string): Promise<number> {
  let query = backend.database.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
  if (slotStart !== undefined) query = query.where('slot_start', '=', slotStart);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

function citizen(backend: TestBackend, url: string, payload: Record<string, unknown>) {
  return backend.app.inject({ method: 'POST', url, payload });
}

function operatorOutcome(backend: TestBackend, number: string, outcome: string) {
  return backend.app.inject({
    method: 'POST',
    url: `/operator/api/callbacks/${number}/outcome`,
    headers: { authorization: `Bearer ${TOKEN}`, 'x-operator-name': 'Petrov' },
    payload: { outcome },
  });
}

describe('callbacks: races on one database', () => {
  test(`${RACERS} bookings of a slot with 2 places at once: exactly 2 booked, every other a 409 with the next free slot`, async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, rateLimits: NO_LIMITS, callback: { capacityPerInterval: 2 } });
    const answers = await Promise.all(Array.from({ length: RACERS }, (_, i) => bookCallback(backend.app, validCallback({ phone: phone(i) }))));
    assert.equal(answers.filter((res) => res.statusCode === 201).length, 2, statuses(answers));
    for (const res of answers.filter((r) => r.statusCode !== 201)) {
      assert.deepEqual(nextSlotOf(res), { start: CALLBACK_1300, end: CALLBACK_1330, free: 2 });
    }
    assert.equal(await rows(backend, 'callbacks', CALLBACK_1230), 2);
    assert.equal(await rows(backend, 'callbacks'), 2, 'nothing stored for the refused');
  });

  test(`${RACERS} ASAP callbacks at once into a queue of 2: exactly 2 queued, every other a 409 with the next free slot`, async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, rateLimits: NO_LIMITS, callback: { asapQueueCapacity: 2 } });
    const answers = await Promise.all(
      Array.from({ length: RACERS }, (_, i) => bookCallback(backend.app, validCallback({ asap: true, slotStart: undefined, phone: phone(i) }))),
    );
    assert.equal(answers.filter((res) => res.statusCode === 201).length, 2, statuses(answers));
    for (const res of answers.filter((r) => r.statusCode !== 201)) {
      assert.deepEqual(nextSlotOf(res), { start: CALLBACK_1230, end: CALLBACK_1300, free: 3 });
    }
    assert.equal(await rows(backend, 'callbacks'), 2);
  });

  test('the same Idempotency-Key twice at once, for the last place: one callback, the same answer twice', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, rateLimits: NO_LIMITS, callback: { capacityPerInterval: 1 } });
    const key = newKey();
    const body = validCallback();
    const [first, second] = await Promise.all([bookCallback(backend.app, body, key), bookCallback(backend.app, { ...body }, key)]);
    assert.equal(first!.statusCode, 201, first!.body);
    assert.equal(second!.statusCode, 201, second!.body);
    assert.deepEqual(second!.json(), first!.json());
    assert.equal(await rows(backend, 'callbacks'), 1);
  });

  test(`${RACERS} bookings of different slots at once: ${RACERS} different numbers, one after the other`, async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, rateLimits: NO_LIMITS });
    // Today's slots from 12:30 to 19:30, then Tuesday's from 08:00: no two share a slot.
    const slot = (i: number) => iso(i < 15 ? Date.parse(CALLBACK_1230) + i * 30 * MINUTE : Date.parse('2026-03-03T05:00:00.000Z') + (i - 15) * 30 * MINUTE);
    const answers = await Promise.all(Array.from({ length: RACERS }, (_, i) => bookCallback(backend.app, validCallback({ phone: phone(i), slotStart: slot(i) }))));
    assert.deepEqual(answers.map((res) => res.statusCode), Array(RACERS).fill(201), statuses(answers));
    const numbers = answers.map((res) => CallbackView.parse(res.json()).number).sort();
    assert.deepEqual(numbers, Array.from({ length: RACERS }, (_, i) => `CB-2026-${String(i + 1).padStart(6, '0')}`));
  });

  test('moves into a slot with one place left at once: one moved, the others a 409 and their places kept', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, rateLimits: NO_LIMITS, callback: { capacityPerInterval: 5 } });
    const movers = [];
    for (let i = 0; i < 5; i++) movers.push(CallbackView.parse((await bookCallback(backend.app, validCallback({ phone: phone(i) }))).json()));
    for (let i = 5; i < 9; i++) assert.equal((await bookCallback(backend.app, validCallback({ phone: phone(i), slotStart: CALLBACK_1300 }))).statusCode, 201);
    const answers = await Promise.all(
      movers.map((view, i) => citizen(backend, `/callbacks/${view.number}/reschedule`, { phone: phone(i), asap: false, slotStart: CALLBACK_1300 })),
    );
    assert.equal(answers.filter((res) => res.statusCode === 200).length, 1, statuses(answers));
    for (const res of answers.filter((r) => r.statusCode !== 200)) assert.deepEqual(nextSlotOf(res), { start: CALLBACK_1330, end: '2026-03-02T11:00:00.000Z', free: 5 });
    assert.equal(await rows(backend, 'callbacks', CALLBACK_1300), 5, 'full, not over');
    assert.equal(await rows(backend, 'callbacks', CALLBACK_1230), 4, 'the others kept their places');
  });

  test('a cancel, a second cancel and an operator’s «called» at once: one after the other, one outcome in the history', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, operatorToken: TOKEN, rateLimits: NO_LIMITS });
    for (let round = 0; round < 5; round++) {
      const view = CallbackView.parse((await bookCallback(backend.app, validCallback({ phone: phone(round), asap: true, slotStart: undefined }))).json());
      const [cancel, again, called] = await Promise.all([
        citizen(backend, `/callbacks/${view.number}/cancel`, { phone: phone(round) }),
        citizen(backend, `/callbacks/${view.number}/cancel`, { phone: phone(round) }),
        operatorOutcome(backend, view.number, 'called'),
      ]);
      const history = await backend.database.kysely
        .selectFrom('callback_history as h')
        .innerJoin('callbacks as c', 'c.id', 'h.callback_id')
        .select(['h.status', 'c.status as now'])
        .where('c.number', '=', view.number)
        .orderBy('h.id')
        .execute();
      const finals = history.filter((entry) => entry.status !== 'scheduled');
      assert.equal(finals.length, 1, `round ${round}: ${JSON.stringify(history)}; ${statuses([cancel!, again!, called!])}`);
      assert.equal(finals[0]!.status, history[0]!.now, 'the history ends with the status the callback has');
      if (finals[0]!.status === 'called') {
        assert.deepEqual([cancel!.statusCode, again!.statusCode, called!.statusCode], [409, 409, 200]);
      } else {
        assert.deepEqual([cancel!.statusCode, again!.statusCode, called!.statusCode], [200, 200, 409]);
        assert.deepEqual(again!.json(), cancel!.json(), 'the second cancel answers the first');
      }
    }
  });
});

describe('office visits: races on one database', () => {
  test(`${RACERS} bookings of a slot with 2 places at once: exactly 2 booked, every other a 409 with the next free slot`, async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, rateLimits: NO_LIMITS });
    const answers = await Promise.all(Array.from({ length: RACERS }, (_, i) => bookVisit(backend.app, validBooking({ phone: phone(i) }))));
    assert.equal(answers.filter((res) => res.statusCode === 201).length, 2, statuses(answers));
    for (const res of answers.filter((r) => r.statusCode !== 201)) {
      assert.deepEqual(nextSlotOf(res), { start: VISIT_1315, end: VISIT_1330, free: 2 });
    }
    assert.equal(await rows(backend, 'bookings', VISIT_1300), 2);
    assert.equal(await rows(backend, 'bookings'), 2, 'nothing stored for the refused');
  });

  test('the same Idempotency-Key twice at once, for the last place: one booking, the same answer twice', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, rateLimits: NO_LIMITS, offices: { settings: { capacityPerInterval: 1 } } });
    const key = newKey();
    const body = validBooking();
    const [first, second] = await Promise.all([bookVisit(backend.app, body, 'msk-tverskoy', key), bookVisit(backend.app, { ...body }, 'msk-tverskoy', key)]);
    assert.equal(first!.statusCode, 201, first!.body);
    assert.equal(second!.statusCode, 201, second!.body);
    assert.deepEqual(second!.json(), first!.json());
    assert.equal(await rows(backend, 'bookings'), 1);
  });

  test(`${RACERS} bookings of different slots at once: ${RACERS} different numbers, one after the other`, async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, rateLimits: NO_LIMITS });
    const slot = (i: number) => iso(Date.parse(VISIT_1300) + i * 15 * MINUTE);
    const answers = await Promise.all(Array.from({ length: RACERS }, (_, i) => bookVisit(backend.app, validBooking({ phone: phone(i), slotStart: slot(i) }))));
    assert.deepEqual(answers.map((res) => res.statusCode), Array(RACERS).fill(201), statuses(answers));
    const numbers = answers.map((res) => Booking.parse(res.json()).number).sort();
    assert.deepEqual(numbers, Array.from({ length: RACERS }, (_, i) => `V-2026-${String(i + 1).padStart(6, '0')}`));
  });

  test('a visit cancelled 4 times at once: cancelled once (one log line), the same answer every time', async (t) => {
    const lines: string[] = [];
    const backend = await startBackend(t, { now: () => FIXED_NOW, rateLimits: NO_LIMITS, logger: { stream: { write: (line) => void lines.push(line) } } });
    for (let round = 0; round < 5; round++) {
      const visit = Booking.parse((await bookVisit(backend.app, validBooking({ phone: phone(round), slotStart: iso(Date.parse(VISIT_1300) + round * 15 * MINUTE) }))).json());
      const answers = await Promise.all(Array.from({ length: 4 }, () => citizen(backend, `/bookings/${visit.number}/cancel`, { phone: phone(round) })));
      for (const res of answers) {
        assert.equal(res.statusCode, 200, res.body);
        assert.equal(res.body, answers[0]!.body);
      }
      const cancels = lines.filter((line) => line.includes('visit cancelled by the citizen') && line.includes(visit.number));
      assert.equal(cancels.length, 1, `round ${round}`);
    }
  });

  test('servers starting at once on one database: each replaces the offices, none fails', async (t) => {
    // The database migrated by a first server; three more start on it at once.
    const databaseUrl = await testDatabaseUrl(t);
    const first = await startBackend(t, { now: () => FIXED_NOW, ...(databaseUrl ? { databaseUrl } : {}) });
    const dir = first.dir;
    const start = (name: string) =>
      buildApp({
        dbPath: join(dir, 'db.sqlite'),
        ...(databaseUrl ? { databaseUrl } : {}),
        configPath: DEMO_CONFIG,
        corsOrigins: [],
        distDir: first.distDir,
        siteDir: SITE_DIR,
        uploadDir: join(dir, `uploads-${name}`),
        now: () => FIXED_NOW,
      });
    // On PostgreSQL at once. On SQLite one after the other: in one test process, a second
    // connection to the file waiting for the first's write lock blocks the thread (better-sqlite3
    // is synchronous) while the first's transaction waits for that thread; separate processes
    // are serialized by the transactions' write lock (BEGIN IMMEDIATE) instead.
    const names = ['a', 'b', 'c'];
    const started =
      TEST_DATABASE === 'postgres'
        ? await Promise.allSettled(names.map(start))
        : await names.reduce(
            async (done, name) => [...(await done), ...(await Promise.allSettled([start(name)]))],
            Promise.resolve([] as PromiseSettledResult<Awaited<ReturnType<typeof start>>>[]),
          );
    for (const result of started) if (result.status === 'fulfilled') t.after(() => result.value.close());
    assert.deepEqual(
      started.map((result) => (result.status === 'fulfilled' ? 'started' : String(result.reason))),
      ['started', 'started', 'started'],
    );
    const [a] = started.map((result) => (result as PromiseFulfilledResult<Awaited<ReturnType<typeof start>>>).value);
    const offices = await a!.database.kysely.selectFrom('offices').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(offices.n), 43);
  });
});
