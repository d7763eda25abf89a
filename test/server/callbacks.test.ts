import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { io as connect, type Socket } from 'socket.io-client';
import { buildApp } from '../../server/app.js';
import { CALLBACK_NOT_FOUND_MESSAGE, CANCELLED_BY_CITIZEN, RESCHEDULED_BY_CITIZEN } from '../../server/callbacks/routes.js';
import { LOOKUP_NOT_FOUND_MESSAGE } from '../../server/status/lookup.js';
import { CallbackSlots, CallbackView, OperatorCallback, OperatorCallbackList } from '../../src/protocol/callback.js';
import { ConfigResponse } from '../../src/protocol/config.js';
import { STATUS_CHANGED_EVENT, STATUS_ROOM_EVENT } from '../../src/protocol/operator.js';
import { ApiError, type FieldIssue } from '../../src/protocol/error.js';
import { RequestCreated } from '../../src/protocol/request.js';
import { RequestStatusView, STATUS_STREAM_EVENT, StatusLookupResult } from '../../src/protocol/status.js';
import {
  DEMO_CONFIG,
  FIXED_NOW,
  RUSSIAN,
  SITE_DIR,
  SNILS,
  bookCallback,
  newKey,
  startBackend,
  submit,
  tempDir,
  testClock,
  testDatabaseUrl,
  validCallback,
  validRequest,
  type TestBackend,
} from './support.js';

/** A strong token (32 random bytes): the server refuses weak ones. */
const TOKEN = 'SDV7Q83JOIYpiQLIrQiJwZTjyUCQP6wC4tnuTQUzbt4';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Slots of FIXED_NOW's day (Monday 2 March 2026, 12:00 Moscow time = 09:00 UTC). */
const SLOT_1230 = '2026-03-02T09:30:00.000Z';
const SLOT_1300 = '2026-03-02T10:00:00.000Z';
const SLOT_1330 = '2026-03-02T10:30:00.000Z';
const TUESDAY_0800 = '2026-03-03T05:00:00.000Z';
const iso = (ms: number) => new Date(ms).toISOString();

const NO_LIMITS = {
  callbacksPerIp: { limit: 1000, windowMs: HOUR },
  callbacksPerPhone: { limit: 1000, windowMs: HOUR },
  lookupFailuresPerIp: { limit: 1000, windowMs: MINUTE },
  lookupFailuresPerNumber: { limit: 1000, windowMs: MINUTE },
};

/** A different valid phone per index: +7 912 000-00-NN. */
const phone = (i: number) => `+7 912 000-${String(Math.floor(i / 100) % 100).padStart(2, '0')}-${String(i % 100).padStart(2, '0')}`;

async function booked(backend: Pick<TestBackend, 'app'>, overrides: Record<string, unknown> = {}): Promise<CallbackView> {
  const res = await bookCallback(backend.app, validCallback(overrides));
  assert.equal(res.statusCode, 201, res.body);
  return CallbackView.parse(res.json());
}

async function slotsOf(backend: Pick<TestBackend, 'app'>, query = ''): Promise<CallbackSlots> {
  const res = await backend.app.inject({ method: 'GET', url: `/callbacks/slots${query}` });
  assert.equal(res.statusCode, 200, res.body);
  return CallbackSlots.parse(res.json());
}

const freeAt = (slots: CallbackSlots, start: string) => slots.slots.find((s) => s.start === start)?.free ?? 0;

function owner(backend: Pick<TestBackend, 'app'>, action: 'lookup' | 'cancel' | 'reschedule', number: string, payload: Record<string, unknown>, ip?: string) {
  return backend.app.inject({ method: 'POST', url: `/callbacks/${number}/${action}`, payload, ...(ip ? { remoteAddress: ip } : {}) });
}

/** An operator call with the Bearer token. */
function operator(backend: Pick<TestBackend, 'app'>, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>, name = 'Петров П.') {
  return backend.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${TOKEN}`, 'x-operator-name': encodeURIComponent(name) },
    ...(payload ? { payload } : {}),
  });
}

async function outcome(backend: Pick<TestBackend, 'app'>, number: string, result: string, note?: string): Promise<OperatorCallback> {
  const res = await operator(backend, 'POST', `/operator/api/callbacks/${number}/outcome`, { outcome: result, ...(note ? { note } : {}) });
  assert.equal(res.statusCode, 200, res.body);
  return OperatorCallback.parse(res.json());
}

async function queue(backend: Pick<TestBackend, 'app'>, query = '') {
  const res = await operator(backend, 'GET', `/operator/api/callbacks${query}`);
  assert.equal(res.statusCode, 200, res.body);
  return OperatorCallbackList.parse(res.json());
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

/** Callbacks stored (in the slot starting at `slotStart`). */
async function count(backend: TestBackend, slotStart?: string): Promise<number> {
  let query = backend.database.kysely.selectFrom('callbacks').select((eb) => eb.fn.countAll<number>().as('n'));
  if (slotStart !== undefined) query = query.where('slot_start', '=', slotStart);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

/** A column of the callback `number` (the only one when no number is given). */
async function column(backend: TestBackend, name: 'phone' | 'slot_start' | 'status', number?: string): Promise<string | null> {
  let query = backend.database.kysely.selectFrom('callbacks').selectAll();
  if (number !== undefined) query = query.where('number', '=', number);
  return (await query.executeTakeFirstOrThrow())[name];
}

describe('GET /callbacks/slots', () => {
  test('free slots from today in the line’s zone, skipping holidays and closed hours; nextFree beyond the range', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, callback: { holidays: ['2026-03-03'] } });
    const answer = await slotsOf(backend, '?from=2026-03-02&days=3');
    assert.equal(answer.timeZone, 'Europe/Moscow');
    assert.equal(answer.intervalMinutes, 30);
    assert.equal(answer.open, true);
    assert.equal(answer.opensAt, undefined);
    assert.deepEqual(answer.asap, { available: true, promiseMinutes: 30, queue: 0 });
    const byDate = new Map<string, string[]>();
    for (const slot of answer.slots) {
      const date = slot.start.slice(0, 10);
      byDate.set(date, [...(byDate.get(date) ?? []), slot.start]);
      assert.equal(slot.free, 3);
      assert.equal(Date.parse(slot.end) - Date.parse(slot.start), 30 * MINUTE);
      // 08:00–20:00 Moscow time is 05:00–17:00 UTC.
      assert.ok(slot.start.slice(11) >= '05:00:00.000Z' && slot.end.slice(11) <= '17:00:00.000Z', slot.start);
    }
    assert.deepEqual([...byDate.keys()], ['2026-03-02', '2026-03-04'], 'the holiday has none');
    assert.equal(byDate.get('2026-03-02')![0], SLOT_1230, 'from 12:30: half an hour after now');
    assert.equal(byDate.get('2026-03-02')!.length, 15, '12:30 … 19:30');
    assert.equal(byDate.get('2026-03-04')!.length, 24);
    assert.deepEqual(answer.nextFree, { start: SLOT_1230, end: SLOT_1300, free: 3 });

    const holiday = await slotsOf(backend, '?from=2026-03-03&days=1');
    assert.deepEqual(holiday.slots, []);
    assert.deepEqual(holiday.nextFree, { start: '2026-03-04T05:00:00.000Z', end: '2026-03-04T05:30:00.000Z', free: 3 }, 'even beyond the range');

    const byDefault = await slotsOf(backend);
    assert.equal(byDefault.slots[0]!.start, SLOT_1230);
    assert.equal(new Set(byDefault.slots.map((s) => s.start.slice(0, 10))).size, 6, '7 days from today, one of them a holiday');
    const beyond = await slotsOf(backend, '?from=2026-04-01&days=14');
    assert.deepEqual(beyond.slots, [], 'beyond the 14-day horizon');
    assert.equal(beyond.nextFree, undefined);

    for (const query of ['?from=2026-02-30', '?from=02.03.2026', '?days=15', '?days=0', '?days=x']) {
      const res = await backend.app.inject({ method: 'GET', url: `/callbacks/slots${query}` });
      const issues = issuesOf(res);
      assert.equal(issues.length, 1, query);
      assert.deepEqual(issues[0]!.path, [query.startsWith('?from') ? 'from' : 'days'], query);
    }
  });

  test('a full slot is not listed; its places are counted per slot', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, callback: { capacityPerInterval: 2 } });
    await booked(backend, { phone: phone(1) });
    assert.equal(freeAt(await slotsOf(backend), SLOT_1230), 1);
    await booked(backend, { phone: phone(2) });
    const after = await slotsOf(backend);
    assert.equal(after.slots.some((s) => s.start === SLOT_1230), false);
    assert.deepEqual(after.nextFree, { start: SLOT_1300, end: SLOT_1330, free: 2 });
  });
});

describe('POST /callbacks', () => {
  test('books a slot: 201 CallbackView, CB-2026-000001, phone normalized and masked, comment redacted, a place taken', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW });
    assert.equal(freeAt(await slotsOf(backend), SLOT_1230), 3);
    const res = await bookCallback(
      backend.app,
      validCallback({
        phone: '8 (912) 345-67-89',
        requestNumber: ' 2026-000123 ',
        conversationRef: 'conv_42',
        comment: `Не приходит SMS. Паспорт 4510 123456, СНИЛС ${SNILS}, ИНН 500100732259.`,
      }),
    );
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual(CallbackView.parse(res.json()), {
      number: 'CB-2026-000001',
      status: 'scheduled',
      asap: false,
      windowStart: SLOT_1230,
      windowEnd: SLOT_1300,
      topic: 'technical',
      requestNumber: '2026-000123',
      phoneMasked: '+7 (912) ***-**-89',
      createdAt: iso(FIXED_NOW),
      attempts: 0,
    });
    assert.ok(!res.body.includes('345-67') && !res.body.includes('9123456789'), 'the answer never shows the whole phone');

    const row = await backend.database.kysely.selectFrom('callbacks').selectAll().executeTakeFirstOrThrow();
    assert.equal(row.phone, '+79123456789');
    assert.equal(row.name, 'Анна Петровна');
    assert.equal(row.conversation_ref, 'conv_42');
    assert.equal(row.slot_start, SLOT_1230);
    assert.equal(row.status, 'scheduled');
    assert.equal(row.comment, 'Не приходит SMS. Паспорт …, СНИЛС …, ИНН ….');
    assert.deepEqual(await backend.database.kysely.selectFrom('callback_history').select(['status', 'comment', 'note', 'operator', 'at']).execute(), [
      { status: 'scheduled', comment: null, note: null, operator: null, at: iso(FIXED_NOW) },
    ]);
    assert.equal(freeAt(await slotsOf(backend), SLOT_1230), 2);
    assert.equal((await booked(backend, { phone: phone(1) })).number, 'CB-2026-000002');
  });

  test('phone formats: +7 (912) 345-67-89, 8 912 345 67 89, 89123456789, 9123456789 accepted; +1…, letters, 9 digits refused', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, rateLimits: NO_LIMITS });
    for (const given of ['+7 (912) 345-67-89', '8 912 345 67 89', '89123456789', '9123456789']) {
      const view = await booked(backend, { phone: given, asap: true });
      assert.equal(view.phoneMasked, '+7 (912) ***-**-89', given);
      assert.equal(await column(backend, 'phone', view.number), '+79123456789', given);
    }
    for (const given of ['+1 202 555 01 00', '+1 (912) 345-67-89', 'девять один два', '912abc4567', '912345678', '8 912 345 67']) {
      const issues = issuesOf(await bookCallback(backend.app, validCallback({ phone: given, asap: true })));
      assert.deepEqual(
        issues.map((i) => [i.path, i.code]),
        [[['phone'], 'phone']],
        given,
      );
    }
    assert.deepEqual(
      issuesOf(await bookCallback(backend.app, validCallback({ phone: '  ' }))).map((i) => [i.path, i.code]),
      [[['phone'], 'required']],
    );
    assert.equal(await count(backend), 4);
  });

  test('the other rules: name in letters, a slot unless ASAP, consent, topics of the config, request number', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW });
    const codes = async (overrides: Record<string, unknown>) =>
      issuesOf(await bookCallback(backend.app, validCallback(overrides))).map((i) => `${i.path.join('.')}:${i.code}`);
    assert.deepEqual(await codes({ name: 'R2-D2' }), ['name:name']);
    assert.deepEqual(await codes({ name: '' }), ['name:required']);
    assert.deepEqual(await codes({ slotStart: undefined }), ['slotStart:slot_required']);
    assert.deepEqual(await codes({ consent: false }), ['consent:consent']);
    assert.deepEqual(await codes({ topic: 'weather' }), ['topic:invalid_choice']);
    assert.deepEqual(await codes({ requestNumber: '№ 12' }), ['requestNumber:request_number']);
    assert.deepEqual(await codes({ comment: 'x'.repeat(1001) }), ['comment:too_long']);
    assert.equal(await count(backend), 0);
  });

  test('a slotStart that is not a bookable slot start (misaligned, outside hours, past, holiday, beyond the horizon) is a 400 on slotStart', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, callback: { holidays: ['2026-03-04'] } });
    for (const [slotStart, what] of [
      ['2026-03-02T09:40:00.000Z', 'misaligned (12:40)'],
      ['2026-03-02T09:30:30.000Z', 'misaligned by seconds'],
      ['2026-03-02T18:00:00.000Z', 'after hours (21:00)'],
      ['2026-03-03T04:30:00.000Z', 'before hours (07:30)'],
      ['2026-03-02T06:00:00.000Z', 'past'],
      ['2026-03-02T09:00:00.000Z', 'now: closer than the lead time'],
      ['2026-03-04T06:00:00.000Z', 'a holiday'],
      ['2026-03-20T06:00:00.000Z', 'beyond the horizon'],
      ['завтра в 10', 'not a time'],
    ]) {
      const issues = issuesOf(await bookCallback(backend.app, validCallback({ slotStart })));
      assert.deepEqual(
        issues.map((i) => [i.path, i.code]),
        [[['slotStart'], 'invalid']],
        what,
      );
    }
    assert.equal(await count(backend), 0);
    assert.equal((await bookCallback(backend.app, validCallback({ slotStart: '2026-03-02T12:30:00+03:00' }))).statusCode, 201, 'the same slot in another spelling');
  });

  test('the race for the last place: exactly one 201, every other 409 with nextSlot = the next free slot', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, rateLimits: NO_LIMITS, callback: { capacityPerInterval: 2 } });
    await booked(backend, { phone: phone(0) });
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => bookCallback(backend.app, validCallback({ phone: phone(i + 1) }))));
    const created = answers.filter((res) => res.statusCode === 201);
    assert.equal(created.length, 1, answers.map((res) => res.statusCode).join(','));
    for (const res of answers.filter((r) => r.statusCode !== 201)) {
      const error = conflictOf(res);
      assert.deepEqual(error.nextSlot, { start: SLOT_1300, end: SLOT_1330, free: 2 });
    }
    assert.equal(await count(backend, SLOT_1230), 2);
    assert.equal(await count(backend), 2, 'nothing stored for the refused');
  });

  test('the race over real HTTP against two servers on one database', async (t) => {
    // On PostgreSQL both servers get the same database.
    const databaseUrl = await testDatabaseUrl(t);
    const shared = databaseUrl ? { databaseUrl } : {};
    const first = await startBackend(t, { now: () => FIXED_NOW, rateLimits: NO_LIMITS, callback: { capacityPerInterval: 1 }, ...shared });
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
      callback: { capacityPerInterval: 1 },
    });
    t.after(() => second.close());
    const bases: string[] = [];
    for (const app of [first.app, second.app]) {
      await app.listen({ port: 0, host: '127.0.0.1' });
      bases.push(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
    }
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        fetch(`${bases[i % 2]}/callbacks`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': newKey() },
          body: JSON.stringify(validCallback({ phone: phone(i) })),
        }).then(async (res) => ({ status: res.status, body: (await res.json()) as unknown })),
      ),
    );
    assert.equal(answers.filter((a) => a.status === 201).length, 1, answers.map((a) => a.status).join(','));
    for (const answer of answers.filter((a) => a.status !== 201)) {
      assert.equal(answer.status, 409);
      assert.deepEqual(ApiError.parse(answer.body).error.nextSlot, { start: SLOT_1300, end: SLOT_1330, free: 1 });
    }
    assert.equal(await count(first, SLOT_1230), 1);
  });

  test('ASAP while the line is open: the promised window from now, the queue grows', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW });
    const view = await booked(backend, { asap: true, slotStart: undefined });
    assert.equal(view.asap, true);
    assert.equal(view.windowStart, iso(FIXED_NOW));
    assert.equal(view.windowEnd, iso(FIXED_NOW + 30 * MINUTE), 'оператор перезвонит в течение 30 минут');
    assert.equal(await column(backend, 'slot_start'), null);
    assert.deepEqual((await slotsOf(backend)).asap, { available: true, promiseMinutes: 30, queue: 1 });
    assert.equal(freeAt(await slotsOf(backend), SLOT_1230), 3, 'ASAP takes no slot');
  });

  test('ASAP at night: 409 with the next free slot; the slots say closed and when it opens', async (t) => {
    const night = Date.parse('2026-03-02T20:00:00Z'); // 23:00 in Moscow
    const backend = await startBackend(t, { now: () => night });
    const error = conflictOf(await bookCallback(backend.app, validCallback({ asap: true })));
    assert.match(error.message, /не работает/);
    assert.deepEqual(error.nextSlot, { start: TUESDAY_0800, end: '2026-03-03T05:30:00.000Z', free: 3 });
    assert.equal(await count(backend), 0);
    const answer = await slotsOf(backend);
    assert.equal(answer.open, false);
    assert.equal(answer.opensAt, TUESDAY_0800);
    assert.deepEqual(answer.asap, { available: false, reason: 'closed', promiseMinutes: 30, queue: 0 });
    assert.equal(answer.slots[0]!.start, TUESDAY_0800);
    assert.equal((await bookCallback(backend.app, validCallback({ slotStart: TUESDAY_0800 }))).statusCode, 201, 'a slot may still be booked');
  });

  test('ASAP on a holiday: 409 with the next free slot, even within hours', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, callback: { holidays: ['2026-03-02'] } });
    const error = conflictOf(await bookCallback(backend.app, validCallback({ asap: true })));
    assert.match(error.message, /праздничный/);
    assert.deepEqual(error.nextSlot, { start: TUESDAY_0800, end: '2026-03-03T05:30:00.000Z', free: 3 });
    const answer = await slotsOf(backend);
    assert.equal(answer.open, false);
    assert.equal(answer.opensAt, TUESDAY_0800);
    assert.equal(answer.asap.reason, 'holiday');
    assert.equal(answer.slots.some((s) => s.start.startsWith('2026-03-02')), false);
  });

  test('ASAP when the queue is at capacity: 409 with the next free slot; a call made frees a place, «no answer» does not', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, operatorToken: TOKEN, callback: { asapQueueCapacity: 2 } });
    const first = await booked(backend, { asap: true, phone: phone(1) });
    await booked(backend, { asap: true, phone: phone(2) });
    const error = conflictOf(await bookCallback(backend.app, validCallback({ asap: true, phone: phone(3) })));
    assert.match(error.message, /заполнена/);
    assert.deepEqual(error.nextSlot, { start: SLOT_1230, end: SLOT_1300, free: 3 });
    assert.deepEqual((await slotsOf(backend)).asap, { available: false, reason: 'busy', promiseMinutes: 30, queue: 2 });

    await outcome(backend, first.number, 'no_answer');
    assert.equal((await bookCallback(backend.app, validCallback({ asap: true, phone: phone(3) }))).statusCode, 409, 'still waiting: still in the queue');
    const again = await owner(backend, 'reschedule', first.number, { phone: phone(1), asap: true });
    assert.equal(again.statusCode, 200, 'a callback in the full queue may ask again: it holds its place');
    assert.equal(CallbackView.parse(again.json()).status, 'scheduled');
    assert.equal((await slotsOf(backend)).asap.queue, 2);
    await outcome(backend, first.number, 'called');
    assert.equal((await slotsOf(backend)).asap.queue, 1);
    assert.equal((await bookCallback(backend.app, validCallback({ asap: true, phone: phone(3) }))).statusCode, 201);
  });

  test('Idempotency-Key: a repeat answers the first booking; another body with the same key is a 409; no key is a 400', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW });
    const key = newKey();
    const body = validCallback({ comment: 'Перезвоните, пожалуйста' });
    const first = await bookCallback(backend.app, body, key);
    assert.equal(first.statusCode, 201);
    const again = await bookCallback(backend.app, { ...body }, key);
    assert.equal(again.statusCode, 201);
    assert.deepEqual(again.json(), first.json());
    assert.equal(await count(backend), 1);
    const other = conflictOf(await bookCallback(backend.app, { ...body, slotStart: SLOT_1300 }, key));
    assert.match(other.message, /Idempotency-Key/);
    assert.equal(other.nextSlot, undefined);
    const missing = await bookCallback(backend.app, body, null);
    assert.equal(missing.statusCode, 400);
    assert.equal(ApiError.parse(missing.json()).error.code, 'validation_failed');
    assert.equal((await bookCallback(backend.app, body, 'short')).statusCode, 400);
    assert.equal(await count(backend), 1);
  });

  test('rate limits per phone and per client IP: 429 with Retry-After; repeats of a key are free', async (t) => {
    const backend = await startBackend(t, {
      now: () => FIXED_NOW,
      rateLimits: { callbacksPerPhone: { limit: 2, windowMs: HOUR }, callbacksPerIp: { limit: 3, windowMs: HOUR } },
    });
    const key = newKey();
    assert.equal((await bookCallback(backend.app, validCallback({ asap: true }), key)).statusCode, 201);
    assert.equal((await bookCallback(backend.app, validCallback({ asap: true }), key)).statusCode, 201, 'a repeat');
    assert.equal((await bookCallback(backend.app, validCallback({ asap: true, phone: '89123456789' }))).statusCode, 201);
    const byPhone = await bookCallback(backend.app, validCallback({ asap: true, phone: '9123456789' }), newKey(), {}, '10.0.0.9');
    assert.equal(byPhone.statusCode, 429, 'the same phone in another form, from another IP');
    assert.equal(byPhone.headers['retry-after'], '3600');
    const error = ApiError.parse(byPhone.json()).error;
    assert.equal(error.code, 'rate_limited');
    assert.equal(error.retryAfterSeconds, 3600);
    assert.match(error.message, RUSSIAN);

    assert.equal((await bookCallback(backend.app, validCallback({ asap: true, phone: phone(1) }))).statusCode, 201, 'the third from this IP');
    assert.equal((await bookCallback(backend.app, validCallback({ asap: true, phone: phone(2) }))).statusCode, 429, 'the fourth from this IP');
    assert.equal((await bookCallback(backend.app, validCallback({ asap: true, phone: phone(2) }), newKey(), {}, '10.0.0.10')).statusCode, 201);
    assert.equal(await count(backend), 4);
  });

  test('the comment and the phone never reach the log', async (t) => {
    const lines: string[] = [];
    const backend = await startBackend(t, { now: () => FIXED_NOW, logger: { stream: { write: (line) => void lines.push(line) } } });
    await booked(backend, { comment: 'Секретный комментарий 4510 123456', name: 'Зинаида' });
    const log = lines.join('');
    assert.match(log, /callback booked/);
    assert.match(log, /CB-2026-000001/);
    for (const secret of ['Секретный', '4510', '9123456789', '345-67-89', 'Зинаида']) assert.ok(!log.includes(secret), secret);
  });
});

describe('a callback by its number and phone: lookup, cancel, reschedule', () => {
  test('found with the phone in any form; a wrong phone and an unknown number get the same 404, byte for byte', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, rateLimits: NO_LIMITS });
    const view = await booked(backend);
    for (const given of ['+7 912 345-67-89', '89123456789', '9123456789']) {
      const res = await owner(backend, 'lookup', view.number, { phone: given });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), view);
    }
    assert.equal((await owner(backend, 'lookup', view.number.toLowerCase(), { phone: '89123456789' })).statusCode, 200, 'any case');

    const answers = [];
    for (const action of ['lookup', 'cancel', 'reschedule'] as const) {
      const extra = action === 'reschedule' ? { asap: false, slotStart: SLOT_1300 } : {};
      answers.push(
        await owner(backend, action, view.number, { phone: '+7 912 345-67-80', ...extra }),
        await owner(backend, action, 'CB-2026-999999', { phone: '+7 912 345-67-89', ...extra }),
        await owner(backend, action, '2026-000001', { phone: '+7 912 345-67-89', ...extra }),
        await owner(backend, action, 'CB-1', { phone: '+7 912 345-67-89', ...extra }),
      );
    }
    const [first] = answers;
    assert.deepEqual(ApiError.parse(first!.json()), { error: { code: 'not_found', message: CALLBACK_NOT_FOUND_MESSAGE } });
    for (const res of answers) {
      assert.equal(res.statusCode, 404);
      assert.equal(res.rawPayload.equals(first!.rawPayload), true, res.body);
      assert.equal(res.headers['content-type'], first!.headers['content-type']);
    }
    assert.equal((await owner(backend, 'lookup', view.number, { phone: 'abc' })).statusCode, 400, 'not a phone at all: a field error');
    assert.equal((await owner(backend, 'lookup', view.number, {})).statusCode, 400);
    assert.equal(await column(backend, 'status'), 'scheduled', 'nothing changed');
  });

  test('failed attempts are limited like status lookups: 429 with Retry-After, even with the right phone', async (t) => {
    const clock = testClock();
    const backend = await startBackend(t, { now: clock.now });
    const view = await booked(backend);
    for (let i = 0; i < 5; i++) assert.equal((await owner(backend, 'cancel', view.number, { phone: phone(i) })).statusCode, 404);
    const refused = await owner(backend, 'lookup', view.number, { phone: '89123456789' });
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.headers['retry-after'], '60');
    assert.equal(ApiError.parse(refused.json()).error.code, 'rate_limited');
    // The same number from another client: refused too (per number), as by the status lookup.
    assert.equal((await owner(backend, 'lookup', view.number, { phone: '89123456789' }, '10.0.0.2')).statusCode, 429);
    const lookup = await backend.app.inject({ method: 'POST', url: '/requests/lookup', payload: { number: view.number, factor: '89123456789' }, remoteAddress: '10.0.0.3' });
    assert.equal(lookup.statusCode, 429, 'the limits are shared with POST /requests/lookup');
    clock.advance(60_001);
    assert.equal((await owner(backend, 'lookup', view.number, { phone: '89123456789' })).statusCode, 200);
  });

  test('reschedule: a free slot moves the place; a full one is a 409 with nextSlot and the old place is kept', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, rateLimits: NO_LIMITS, callback: { capacityPerInterval: 1 } });
    const mine = await booked(backend);
    await booked(backend, { phone: phone(1), slotStart: SLOT_1300 });

    const error = conflictOf(await owner(backend, 'reschedule', mine.number, { phone: '89123456789', asap: false, slotStart: SLOT_1300 }));
    assert.deepEqual(error.nextSlot, { start: SLOT_1330, end: '2026-03-02T11:00:00.000Z', free: 1 });
    assert.equal(await column(backend, 'slot_start', mine.number), SLOT_1230, 'the old place kept');
    assert.equal((await slotsOf(backend)).slots.some((s) => s.start === SLOT_1230), false, 'and still taken');

    const moved = await owner(backend, 'reschedule', mine.number, { phone: '89123456789', asap: false, slotStart: SLOT_1330 });
    assert.equal(moved.statusCode, 200, moved.body);
    const view = CallbackView.parse(moved.json());
    assert.equal(view.windowStart, SLOT_1330);
    assert.equal(view.windowEnd, '2026-03-02T11:00:00.000Z');
    assert.equal(view.number, mine.number);
    const slots = await slotsOf(backend);
    assert.equal(freeAt(slots, SLOT_1230), 1, 'the old place is free again');
    assert.equal(freeAt(slots, SLOT_1330), 0);

    const same = await owner(backend, 'reschedule', mine.number, { phone: '89123456789', asap: false, slotStart: SLOT_1330 });
    assert.deepEqual(same.json(), view, 'to its own slot: unchanged');
    const history = await backend.database.kysely
      .selectFrom('callback_history as h')
      .innerJoin('callbacks as c', 'c.id', 'h.callback_id')
      .select(['h.status', 'h.comment'])
      .where('c.number', '=', mine.number)
      .orderBy('h.id')
      .execute();
    assert.deepEqual(history, [
      { status: 'scheduled', comment: null },
      { status: 'scheduled', comment: RESCHEDULED_BY_CITIZEN },
    ]);

    const asap = await owner(backend, 'reschedule', mine.number, { phone: '89123456789', asap: true });
    assert.equal(asap.statusCode, 200, asap.body);
    assert.deepEqual(
      [CallbackView.parse(asap.json()).asap, CallbackView.parse(asap.json()).windowStart, CallbackView.parse(asap.json()).windowEnd],
      [true, iso(FIXED_NOW), iso(FIXED_NOW + 30 * MINUTE)],
    );
    assert.equal(freeAt(await slotsOf(backend), SLOT_1330), 1);

    assert.deepEqual(
      issuesOf(await owner(backend, 'reschedule', mine.number, { phone: '89123456789', asap: false })).map((i) => [i.path, i.code]),
      [[['slotStart'], 'slot_required']],
    );
    assert.deepEqual(
      issuesOf(await owner(backend, 'reschedule', mine.number, { phone: '89123456789', asap: false, slotStart: '2026-03-02T09:45:00Z' })).map((i) => [i.path, i.code]),
      [[['slotStart'], 'invalid']],
    );
  });

  test('cancel frees the place and is answered again unchanged; a called callback cannot be cancelled or moved (409)', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, operatorToken: TOKEN, rateLimits: NO_LIMITS, callback: { capacityPerInterval: 1 } });
    const mine = await booked(backend);
    const cancelled = await owner(backend, 'cancel', mine.number, { phone: '+7 912 345 67 89' });
    assert.equal(cancelled.statusCode, 200, cancelled.body);
    assert.equal(CallbackView.parse(cancelled.json()).status, 'cancelled');
    assert.equal(freeAt(await slotsOf(backend), SLOT_1230), 1, 'the place is free again');
    const again = await owner(backend, 'cancel', mine.number, { phone: '+7 912 345 67 89' });
    assert.equal(again.statusCode, 200);
    assert.deepEqual(again.json(), cancelled.json());
    const cancels = await backend.database.kysely
      .selectFrom('callback_history')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'cancelled')
      .executeTakeFirstOrThrow();
    assert.equal(Number(cancels.n), 1);
    conflictOf(await owner(backend, 'reschedule', mine.number, { phone: '+7 912 345 67 89', asap: true }));

    const other = await booked(backend, { phone: phone(1), slotStart: SLOT_1300 });
    await outcome(backend, other.number, 'called');
    const refused = conflictOf(await owner(backend, 'cancel', other.number, { phone: phone(1) }));
    assert.match(refused.message, /уже позвонил/);
    conflictOf(await owner(backend, 'reschedule', other.number, { phone: phone(1), asap: false, slotStart: SLOT_1330 }));
    assert.equal(await column(backend, 'status', other.number), 'called');
  });
});

describe('operator callback API', () => {
  test('401 without a session or token; with the session cookie a POST needs the CSRF header (403)', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, operatorToken: TOKEN });
    const view = await booked(backend);
    const url = `/operator/api/callbacks/${view.number}/outcome`;
    for (const [method, path, payload] of [
      ['GET', '/operator/api/callbacks', undefined],
      ['POST', url, { outcome: 'called' }],
    ] as const) {
      const res = await backend.app.inject({ method, url: path, ...(payload ? { payload } : {}) });
      assert.equal(res.statusCode, 401, `${method} ${path}`);
      assert.equal(ApiError.parse(res.json()).error.code, 'unauthorized');
      const wrong = await backend.app.inject({ method, url: path, headers: { authorization: 'Bearer nope' }, ...(payload ? { payload } : {}) });
      assert.equal(wrong.statusCode, 401);
    }
    const login = await backend.app.inject({ method: 'POST', url: '/operator/api/session', payload: { token: TOKEN, operatorName: 'Смирнова Анна' } });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    assert.equal((await backend.app.inject({ method: 'GET', url: '/operator/api/callbacks', headers: { cookie } })).statusCode, 200, 'a GET needs no header');
    const forbidden = await backend.app.inject({ method: 'POST', url, headers: { cookie }, payload: { outcome: 'called' } });
    assert.equal(forbidden.statusCode, 403);
    assert.equal(ApiError.parse(forbidden.json()).error.code, 'forbidden');
    assert.equal(await column(backend, 'status'), 'scheduled');
    const allowed = await backend.app.inject({ method: 'POST', url, headers: { cookie, 'x-requested-with': 'gs-operator' }, payload: { outcome: 'called' } });
    assert.equal(allowed.statusCode, 200, allowed.body);
    assert.deepEqual(OperatorCallback.parse(allowed.json()).history.at(-1), { status: 'called', at: iso(FIXED_NOW), operator: 'Смирнова Анна' });
  });

  test('the day’s queue is ordered by when each call is due; «no answer» gets a retry time and stays in the queue', async (t) => {
    const clock = testClock();
    const backend = await startBackend(t, { now: clock.now, operatorToken: TOKEN, rateLimits: NO_LIMITS });
    const asap1 = await booked(backend, { asap: true, phone: phone(1), comment: 'Не могу войти' });
    const at1300 = await booked(backend, { phone: phone(2), slotStart: SLOT_1300 });
    const at1230 = await booked(backend, { phone: phone(3), slotStart: SLOT_1230 });
    const tomorrow = await booked(backend, { phone: phone(4), slotStart: TUESDAY_0800 });
    clock.advance(10 * MINUTE);
    const asap2 = await booked(backend, { asap: true, phone: phone(5) });

    let list = await queue(backend);
    assert.equal(list.date, '2026-03-02');
    assert.equal(list.timeZone, 'Europe/Moscow');
    assert.deepEqual(
      list.items.map((i) => i.number),
      [asap1.number, asap2.number, at1230.number, at1300.number],
      'ASAP by booking time, slots by their start; tomorrow’s is not today’s',
    );
    const first = list.items[0]!;
    assert.equal(first.phone, '+79120000001');
    assert.equal(first.name, 'Анна Петровна');
    assert.equal(first.comment, 'Не могу войти');

    clock.advance(10 * MINUTE); // 12:20
    const result = await outcome(backend, asap1.number, 'no_answer', '  Не берут трубку  ');
    assert.equal(result.status, 'no_answer');
    assert.equal(result.attempts, 1);
    assert.equal(result.retryAt, iso(FIXED_NOW + 50 * MINUTE), 'retry in 30 minutes');
    assert.deepEqual(result.history, [
      { status: 'scheduled', at: iso(FIXED_NOW) },
      { status: 'no_answer', at: iso(FIXED_NOW + 20 * MINUTE), operator: 'Петров П.', note: 'Не берут трубку' },
    ]);
    list = await queue(backend);
    assert.deepEqual(
      list.items.map((i) => i.number),
      [asap2.number, at1230.number, asap1.number, at1300.number],
      '«no answer» by its retry time (12:50)',
    );
    assert.deepEqual((await queue(backend, '?status=no_answer')).items.map((i) => i.number), [asap1.number]);
    assert.deepEqual((await queue(backend, '?date=2026-03-03')).items.map((i) => i.number), [tomorrow.number]);
    assert.deepEqual((await queue(backend, '?date=2026-03-01')).items, []);

    const again = await outcome(backend, asap1.number, 'no_answer');
    assert.equal(again.attempts, 2);
    assert.equal(again.retryAt, iso(FIXED_NOW + 50 * MINUTE));
    const called = await outcome(backend, asap1.number, 'called', 'Помогли восстановить доступ');
    assert.equal(called.status, 'called');
    assert.equal(called.retryAt, undefined);
    assert.equal(called.attempts, 2);
    assert.deepEqual((await queue(backend, '?status=called')).items.map((i) => i.number), [asap1.number], 'kept in the day’s list as done');

    const final = await operator(backend, 'POST', `/operator/api/callbacks/${asap1.number}/outcome`, { outcome: 'cancelled' });
    assert.equal(final.statusCode, 409);
    assert.equal((await operator(backend, 'POST', '/operator/api/callbacks/CB-2026-999999/outcome', { outcome: 'called' })).statusCode, 404);
    assert.equal((await operator(backend, 'POST', `/operator/api/callbacks/${asap2.number}/outcome`, { outcome: 'maybe' })).statusCode, 400);
    assert.equal((await operator(backend, 'GET', '/operator/api/callbacks?date=2026-02-30')).statusCode, 400);
    assert.equal((await operator(backend, 'GET', '/operator/api/callbacks?status=lost')).statusCode, 400);

    // The next day, a call still waiting from the day before is in today's queue too.
    clock.set(Date.parse('2026-03-03T06:00:00Z'));
    assert.deepEqual(
      (await queue(backend)).items.map((i) => i.number),
      [asap2.number, at1230.number, at1300.number, tomorrow.number],
    );
  });

  test('request statuses: the operator API never offers or accepts callback_* codes for requests', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, operatorToken: TOKEN });
    const config = ConfigResponse.parse((await backend.app.inject('/config')).json());
    const callbackStatuses = config.statuses.filter((s) => s.code.startsWith('callback_'));
    assert.deepEqual(
      callbackStatuses.map((s) => [s.code, s.final]),
      [
        ['callback_scheduled', false],
        ['callback_no_answer', false],
        ['callback_called', true],
        ['callback_cancelled', true],
      ],
    );
    for (const status of callbackStatuses) {
      assert.match(status.label.ru, RUSSIAN);
      assert.ok(status.label.en && status.explanation?.ru && status.explanation.en, status.code);
    }
    const offered = ((await operator(backend, 'GET', '/operator/api/statuses')).json() as { statuses: { code: string }[] }).statuses.map((s) => s.code);
    assert.deepEqual(offered, ['registered', 'in_progress', 'awaiting_confirmation', 'completed', 'rejected']);

    const created = RequestCreated.parse((await submit(backend.app, validRequest())).json());
    const res = await operator(backend, 'POST', `/operator/api/requests/${created.number}/status`, { status: 'callback_called' });
    assert.deepEqual(issuesOf(res).map((i) => [i.path, i.code]), [[['status'], 'invalid_choice']]);
    assert.deepEqual(await backend.database.kysely.selectFrom('requests').select('status').execute(), [{ status: 'registered' }]);
    assert.equal((await operator(backend, 'GET', '/operator/api/requests?status=callback_scheduled')).statusCode, 400);
  });
});

describe('status lookup and live updates of a callback', () => {
  test('POST /requests/lookup with a callback number and its phone answers callback_* statuses, overdue after the window; the same 404 as for requests', async (t) => {
    const clock = testClock();
    const backend = await startBackend(t, { now: clock.now, operatorToken: TOKEN, rateLimits: NO_LIMITS });
    const view = await booked(backend);
    const lookup = (number: string, factor: string) => backend.app.inject({ method: 'POST', url: '/requests/lookup', payload: { number, factor } });

    const res = await lookup(view.number.toLowerCase(), '8 912 345-67-89');
    assert.equal(res.statusCode, 200, res.body);
    const { watchToken, ...shown } = StatusLookupResult.parse(res.json());
    assert.ok(watchToken.length > 20);
    assert.deepEqual(shown, {
      number: view.number,
      status: 'callback_scheduled',
      statusChangedAt: iso(FIXED_NOW),
      createdAt: iso(FIXED_NOW),
      answerDueAt: SLOT_1300,
      overdue: false,
      history: [{ status: 'callback_scheduled', at: iso(FIXED_NOW) }],
    });

    const notFound = [await lookup(view.number, '+7 912 345-67-80'), await lookup('CB-2026-999999', '89123456789'), await lookup('2026-999999', 'ABCDEFGH'), await lookup(view.number, 'ABCDEFGH')];
    for (const answer of notFound) {
      assert.equal(answer.statusCode, 404);
      assert.deepEqual(answer.json(), { error: { code: 'not_found', message: LOOKUP_NOT_FOUND_MESSAGE } });
      assert.equal(answer.rawPayload.equals(notFound[0]!.rawPayload), true);
    }

    clock.advance(25 * MINUTE);
    await outcome(backend, view.number, 'no_answer', 'СЕКРЕТНАЯ ЗАМЕТКА оператора');
    const afterNoAnswer = await lookup(view.number, '89123456789');
    assert.ok(!afterNoAnswer.body.includes('СЕКРЕТНАЯ'), 'operator notes never reach the citizen');
    assert.ok(!afterNoAnswer.body.includes('Петров'), 'nor operator names');
    const noAnswer = RequestStatusView.parse(afterNoAnswer.json());
    assert.equal(noAnswer.status, 'callback_no_answer');
    assert.equal(noAnswer.statusChangedAt, iso(FIXED_NOW + 25 * MINUTE));
    assert.deepEqual(noAnswer.history.map((h) => h.status), ['callback_scheduled', 'callback_no_answer']);
    assert.equal(noAnswer.overdue, false);

    clock.set(Date.parse(SLOT_1300) + 1); // just past the window's end at 13:00
    assert.equal(RequestStatusView.parse((await lookup(view.number, '89123456789')).json()).overdue, true, 'still waiting past the window');
    await outcome(backend, view.number, 'called');
    const done = RequestStatusView.parse((await lookup(view.number, '89123456789')).json());
    assert.equal(done.status, 'callback_called');
    assert.equal(done.overdue, false);

    const other = await booked(backend, { phone: phone(7), slotStart: TUESDAY_0800 });
    assert.equal((await owner(backend, 'cancel', other.number, { phone: phone(7) })).statusCode, 200);
    const cancelled = RequestStatusView.parse((await lookup(other.number, phone(7))).json());
    assert.equal(cancelled.status, 'callback_cancelled');
    assert.deepEqual(cancelled.history.at(-1), { status: 'callback_cancelled', at: iso(Date.parse(SLOT_1300) + 1), comment: CANCELLED_BY_CITIZEN });
  });

  test('the watch stream of a callback gets the operator’s outcomes and the citizen’s reschedule and cancel', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, operatorToken: TOKEN, rateLimits: NO_LIMITS });
    const view = await booked(backend);
    const found = StatusLookupResult.parse(
      (await backend.app.inject({ method: 'POST', url: '/requests/lookup', payload: { number: view.number, factor: '89123456789' } })).json(),
    );
    await backend.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(backend.app.server.address() as AddressInfo).port}`;
    const stream = await openStream(t, `${base}/requests/watch?token=${encodeURIComponent(found.watchToken)}`);
    assert.equal(stream.res.status, 200);
    assert.match(stream.res.headers.get('content-type') ?? '', /^text\/event-stream/);
    await stream.until((views) => views.length === 1, 'the current view');
    assert.equal(stream.views()[0]!.status, 'callback_scheduled');

    await outcome(backend, view.number, 'no_answer', 'заметка');
    await stream.until((views) => views.length === 2, 'the no-answer outcome');
    assert.equal(stream.views()[1]!.status, 'callback_no_answer');
    assert.ok(!stream.text().includes('заметка'));

    assert.equal((await owner(backend, 'reschedule', view.number, { phone: '89123456789', asap: false, slotStart: SLOT_1330 })).statusCode, 200);
    await stream.until((views) => views.length === 3, 'the reschedule');
    assert.equal(stream.views()[2]!.status, 'callback_scheduled');
    assert.equal(stream.views()[2]!.answerDueAt, '2026-03-02T11:00:00.000Z');

    assert.equal((await owner(backend, 'cancel', view.number, { phone: '89123456789' })).statusCode, 200);
    await stream.until((views) => views.length === 4, 'the cancel');
    assert.equal(stream.views()[3]!.status, 'callback_cancelled');
    stream.close();
  });
});

describe('a callback on the socket', () => {
  test('status:watch with a callback number and its phone joins its room; outcomes arrive as status:changed', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, operatorToken: TOKEN });
    const view = await booked(backend);
    await backend.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(backend.app.server.address() as AddressInfo).port}`;
    const socket = connect(url, { path: '/socket.io', reconnection: false, timeout: 5000, transports: ['websocket'] });
    t.after(() => socket.close());
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const watch = (s: Socket, number: string, factor: string) => s.timeout(5000).emitWithAck(STATUS_ROOM_EVENT, { number, factor }) as Promise<{ ok: boolean }>;
    assert.deepEqual(await watch(socket, view.number, '+7 912 345-67-80'), { ok: false });
    assert.deepEqual(await watch(socket, view.number, '89123456789'), { ok: true });
    const received = new Promise<unknown>((resolve) => socket.once(STATUS_CHANGED_EVENT, resolve));
    await outcome(backend, view.number, 'called', 'заметка оператора');
    const changed = RequestStatusView.parse(await received);
    assert.equal(changed.number, view.number);
    assert.equal(changed.status, 'callback_called');
  });
});

describe('a callback line in another time zone', () => {
  test('hours in Asia/Yekaterinburg (UTC+5) give slots, opening and ASAP at the right instants', async (t) => {
    const dir = tempDir(t);
    const configPath = join(dir, 'widget-config.json');
    const day = [{ from: '09:00', to: '18:00' }];
    writeFileSync(
      configPath,
      JSON.stringify({
        channels: {
          callback: { hours: { timeZone: 'Asia/Yekaterinburg', mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day } },
        },
      }),
    );
    const clock = testClock(); // 12:00 in Moscow, 14:00 in Yekaterinburg
    const backend = await startBackend(t, { configPath, now: clock.now });
    const config = ConfigResponse.parse((await backend.app.inject('/config')).json());
    assert.equal(config.channels.callback.hours?.timeZone, 'Asia/Yekaterinburg', 'the contacts card and the slots read the same hours');

    const answer = await slotsOf(backend, '?days=2');
    assert.equal(answer.timeZone, 'Asia/Yekaterinburg');
    assert.equal(answer.open, true);
    const starts = answer.slots.map((s) => s.start);
    assert.equal(starts[0], SLOT_1230, '14:30 local');
    assert.equal(starts.filter((s) => s.startsWith('2026-03-02')).at(-1), '2026-03-02T12:30:00.000Z', '17:30 local');
    assert.equal(starts.find((s) => s.startsWith('2026-03-03')), '2026-03-03T04:00:00.000Z', '09:00 local');
    assert.equal((await bookCallback(backend.app, validCallback({ slotStart: '2026-03-03T04:00:00.000Z' }))).statusCode, 201);
    assert.equal((await bookCallback(backend.app, validCallback({ slotStart: '2026-03-02T13:30:00.000Z', phone: phone(1) }))).statusCode, 400, '18:30 local');

    // 19:00 in Yekaterinburg is 17:00 in Moscow: the line is closed although Moscow's day is not over.
    clock.set(Date.parse('2026-03-02T14:00:00Z'));
    const evening = await slotsOf(backend);
    assert.equal(evening.open, false);
    assert.equal(evening.opensAt, '2026-03-03T04:00:00.000Z');
    assert.equal(evening.asap.reason, 'closed');
    const error = conflictOf(await bookCallback(backend.app, validCallback({ asap: true, phone: phone(2) })));
    assert.deepEqual(error.nextSlot, { start: '2026-03-03T04:00:00.000Z', end: '2026-03-03T04:30:00.000Z', free: 2 });
  });
});

/** An open `GET /requests/watch` read as it comes (real HTTP). */
async function openStream(t: TestContext, url: string) {
  const controller = new AbortController();
  t.after(() => controller.abort());
  const res = await fetch(url, { headers: { accept: 'text/event-stream' }, signal: controller.signal });
  let received = '';
  const waiters = new Set<() => void>();
  void (async () => {
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        received += decoder.decode(value, { stream: true });
        for (const waiter of [...waiters]) waiter();
      }
    } catch {
      // aborted
    }
  })();
  const views = () =>
    received
      .split('\n\n')
      .slice(0, -1)
      .filter((block) => block.split('\n').includes(`event: ${STATUS_STREAM_EVENT}`))
      .map((block) => RequestStatusView.parse(JSON.parse(block.split('\n').find((line) => line.startsWith('data: '))!.slice(6))));
  return {
    res,
    text: () => received,
    views,
    until(done: (views: RequestStatusView[]) => boolean, what: string, ms = 5000) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${what}; received: ${JSON.stringify(received)}`));
        }, ms);
        function check() {
          if (!done(views())) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        }
        waiters.add(check);
        check();
      });
    },
    close: () => controller.abort(),
  };
}
