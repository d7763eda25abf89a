import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { describe, test, type TestContext } from 'node:test';
import { io as connect, type Socket } from 'socket.io-client';
import { LOOKUP_NOT_FOUND_MESSAGE } from '../../server/status/lookup.js';
import { STATUS_CHANGED_EVENT, STATUS_ROOM_EVENT } from '../../src/protocol/operator.js';
import { ApiError } from '../../src/protocol/error.js';
import { RequestCreated } from '../../src/protocol/request.js';
import { RequestStatusView } from '../../src/protocol/status.js';
import { FIXED_NOW, RUSSIAN, operatorCall, startBackend, startSecondBackend, submit, testClock, validRequest, type TestBackend } from './support.js';

/** A strong token (32 random bytes): the server refuses weak ones. */
const TOKEN = 'YtqEUEAtiaHcFdmjT_GdnufUcQufJXiob6B1TPToKLk';
const HOUR = 3_600_000;
const EMAIL = 'maria.ivanova\u0040example.ru';
const NO_LIMITS = {
  lookupFailuresPerIp: { limit: 1000, windowMs: 60_000 },
  lookupFailuresPerNumber: { limit: 1000, windowMs: 60_000 },
};

async function register(backend: TestBackend, overrides: Record<string, unknown> = {}): Promise<RequestCreated> {
  const res = await submit(backend.app, validRequest(overrides));
  assert.equal(res.statusCode, 201, res.body);
  return RequestCreated.parse(res.json());
}

function lookup(backend: TestBackend, number: string, factor: string, ip = '127.0.0.1') {
  return backend.app.inject({ method: 'POST', url: '/requests/lookup', payload: { number, factor }, remoteAddress: ip });
}

/** An operator call with the Bearer token. */
const operator = (backend: TestBackend, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>, name?: string) =>
  operatorCall(backend.app, TOKEN, method, url, payload, name);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('POST /requests/lookup', () => {
  test('the lookup code (any case, with a dash), the phone in any format or the e-mail in any case find the request', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, operatorToken: TOKEN });
    const created = await register(backend);
    const code = created.lookupCode;
    for (const factor of [code, `${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`, '+7 912 345-67-89', '89123456789', EMAIL.toUpperCase(), ` ${EMAIL} `]) {
      const res = await lookup(backend, created.number, factor);
      assert.equal(res.statusCode, 200, `${factor}: ${res.body}`);
      const view = RequestStatusView.parse(res.json());
      assert.deepEqual(view, {
        number: created.number,
        status: 'registered',
        statusChangedAt: created.createdAt,
        createdAt: created.createdAt,
        answerDueAt: created.answerDueAt,
        overdue: false,
        history: [{ status: 'registered', at: created.createdAt }],
      });
    }
    const stored = await backend.database.kysely.selectFrom('requests').select('id').where('email', '=', EMAIL).execute();
    assert.equal(stored.length, 1, 'the e-mail is stored as typed');
  });

  test('an unknown number and a wrong factor get the same 404, byte for byte, in about the same time', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, rateLimits: NO_LIMITS });
    const created = await register(backend, { serviceNumber: '1234567890/2026' });
    const wrongCode = created.lookupCode === 'AAAAAAAA' ? 'BBBBBBBB' : 'AAAAAAAA';
    const answers = [
      await lookup(backend, '2026-999999', created.lookupCode),
      await lookup(backend, created.number, wrongCode),
      await lookup(backend, created.number, '+7 999 111-22-33'),
      await lookup(backend, created.number, 'other\u0040example.ru'),
      await lookup(backend, created.number, '1234567890/2026'),
      await lookup(backend, '2026-999999', EMAIL),
    ];
    const [first] = answers;
    assert.equal(first!.statusCode, 404);
    assert.deepEqual(ApiError.parse(first!.json()), { error: { code: 'not_found', message: LOOKUP_NOT_FOUND_MESSAGE } });
    assert.match(LOOKUP_NOT_FOUND_MESSAGE, RUSSIAN);
    for (const res of answers) {
      assert.equal(res.statusCode, 404);
      assert.equal(res.rawPayload.equals(first!.rawPayload), true, res.body);
      assert.equal(res.headers['content-type'], first!.headers['content-type']);
      assert.equal(res.headers['content-length'], first!.headers['content-length']);
    }

    // One scrypt verification either way: compare medians, loosely (no flaky timing test).
    const unknown: number[] = [];
    const wrong: number[] = [];
    for (let i = 0; i < 7; i++) {
      let start = performance.now();
      await lookup(backend, `2026-9${String(i).padStart(5, '0')}`, wrongCode);
      unknown.push(performance.now() - start);
      start = performance.now();
      await lookup(backend, created.number, wrongCode);
      wrong.push(performance.now() - start);
    }
    const [a, b] = [median(unknown), median(wrong)];
    t.diagnostic(`median unknown number ${a.toFixed(1)} ms, wrong factor ${b.toFixed(1)} ms`);
    assert.ok(a < b * 3 && b < a * 3, `medians ${a} and ${b} within a factor of 3`);
    assert.ok(a > 5, 'an unknown number costs a scrypt verification too');
  });

  test('5 failed lookups per minute per IP, then 429 with Retry-After; successful lookups do not count', async (t) => {
    const clock = testClock();
    const backend = await startBackend(t, { now: clock.now });
    const created = await register(backend);
    for (let i = 0; i < 6; i++) assert.equal((await lookup(backend, created.number, created.lookupCode)).statusCode, 200);
    for (let i = 0; i < 5; i++) assert.equal((await lookup(backend, `2026-00${i}999`, 'WRONGCODE')).statusCode, 404);

    const refused = await lookup(backend, created.number, created.lookupCode);
    assert.equal(refused.statusCode, 429, 'even the right code is refused now');
    assert.equal(refused.headers['retry-after'], '60');
    const body = ApiError.parse(refused.json());
    assert.equal(body.error.code, 'rate_limited');
    assert.equal(body.error.retryAfterSeconds, 60);
    assert.match(body.error.message, RUSSIAN);
    assert.equal((await lookup(backend, created.number, created.lookupCode, '10.0.0.2')).statusCode, 200, 'another IP is not affected');

    clock.advance(30_000);
    assert.equal((await lookup(backend, created.number, 'WRONGCODE')).headers['retry-after'], '30');
    clock.advance(30_001);
    assert.equal((await lookup(backend, created.number, created.lookupCode)).statusCode, 200, 'the window has passed');
  });

  test('5 failed lookups per minute per request number, from any IPs', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW });
    const created = await register(backend);
    for (let i = 0; i < 5; i++) assert.equal((await lookup(backend, created.number, 'WRONGCODE', `10.0.1.${i}`)).statusCode, 404);
    const refused = await lookup(backend, created.number, created.lookupCode, '10.0.2.1');
    assert.equal(refused.statusCode, 429);
    assert.ok(Number(refused.headers['retry-after']) > 0);
    // Unknown numbers are limited alike, so the limit does not tell whether a number exists.
    for (let i = 0; i < 5; i++) assert.equal((await lookup(backend, '2026-777777', 'WRONGCODE', `10.0.3.${i}`)).statusCode, 404);
    assert.equal((await lookup(backend, '2026-777777', 'WRONGCODE', '10.0.3.9')).statusCode, 429);
  });

  test('two server processes on one database count together: 10 failed lookups alternating between them are limited after 5', async (t) => {
    const clock = testClock();
    const a = await startBackend(t, { now: clock.now });
    const b = await startSecondBackend(t, a, { now: clock.now });
    const created = await register(a);
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push((await lookup(i % 2 ? b : a, created.number, `WRONG${i}XX`, '10.0.7.1')).statusCode);
    assert.deepEqual(answers, [404, 404, 404, 404, 404, 429, 429, 429, 429, 429]);
    // And the other way round: a guess on B after A's refusals is refused too, even the right code.
    assert.equal((await lookup(b, created.number, created.lookupCode, '10.0.7.1')).statusCode, 429);
  });

  test('parallel guesses cannot pass the limit', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW });
    const created = await register(backend);
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => lookup(backend, created.number, `WRONG${i}XX`, `10.0.4.${i}`)));
    assert.deepEqual(answers.map((r) => r.statusCode).sort(), [...Array(5).fill(404), ...Array(7).fill(429)].sort());
  });

  test('an empty or missing factor is a 400 with field issues', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW });
    const res = await backend.app.inject({ method: 'POST', url: '/requests/lookup', payload: { number: '2026-000001', factor: '  ' } });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(ApiError.parse(res.json()).error.issues?.map((i) => [i.path, i.code]), [[['factor'], 'required']]);
  });

  test('the history shows status changes with their comments, never internal notes; overdue follows the clock', async (t) => {
    const clock = testClock();
    const backend = await startBackend(t, { now: clock.now, operatorToken: TOKEN });
    const created = await register(backend);
    const url = `/operator/api/requests/${created.number}`;

    clock.advance(HOUR);
    assert.equal((await operator(backend, 'POST', `${url}/status`, { status: 'in_progress', comment: 'Проверяем платёж.' })).statusCode, 200);
    clock.advance(HOUR);
    assert.equal((await operator(backend, 'POST', `${url}/notes`, { note: 'СЕКРЕТНАЯ ЗАМЕТКА: звонил в банк' })).statusCode, 200);

    let res = await lookup(backend, created.number, created.lookupCode);
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(res.body, /СЕКРЕТНАЯ|Петров/, 'no notes, no operator names');
    let view = RequestStatusView.parse(res.json());
    assert.deepEqual(view.history, [
      { status: 'registered', at: '2026-03-02T09:00:00.000Z' },
      { status: 'in_progress', at: '2026-03-02T10:00:00.000Z', comment: 'Проверяем платёж.' },
    ]);
    assert.equal(view.status, 'in_progress');
    assert.equal(view.statusChangedAt, '2026-03-02T10:00:00.000Z', 'a note is not a status change');
    assert.equal(view.overdue, false);

    clock.set(Date.parse(created.answerDueAt) + 1);
    view = RequestStatusView.parse((await lookup(backend, created.number, created.lookupCode)).json());
    assert.equal(view.overdue, true, 'not final and past the due date');

    await operator(backend, 'POST', `${url}/status`, { status: 'completed', comment: 'Ответ отправлен на e-mail.' });
    res = await lookup(backend, created.number, created.lookupCode);
    view = RequestStatusView.parse(res.json());
    assert.equal(view.status, 'completed');
    assert.equal(view.overdue, false, 'a final status is never overdue');
    assert.equal(view.history.length, 3);
  });
});

async function listen(backend: TestBackend): Promise<string> {
  await backend.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(backend.app.server.address() as AddressInfo).port}`;
}

function open(t: TestContext, url: string): Promise<Socket> {
  const socket = connect(url, { path: '/socket.io', reconnection: false, timeout: 5000, transports: ['websocket'] });
  t.after(() => socket.close());
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

const watch = (socket: Socket, number: string, factor: string) =>
  socket.timeout(5000).emitWithAck(STATUS_ROOM_EVENT, { number, factor }) as Promise<{ ok: boolean; retryAfterSeconds?: number }>;

describe('live status updates (socket.io)', () => {
  test('a watcher with the right factor receives status:changed with the new view; a wrong factor is refused', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, operatorToken: TOKEN });
    const created = await register(backend);
    const url = await listen(backend);
    const citizen = await open(t, url);
    const stranger = await open(t, url);

    assert.deepEqual(await watch(stranger, created.number, 'WRONGCODE'), { ok: false });
    assert.deepEqual(await watch(stranger, '2026-999999', created.lookupCode), { ok: false });
    assert.deepEqual(await watch(stranger, created.number, ''), { ok: false });
    assert.deepEqual(await watch(citizen, created.number, '+7 (912) 345-67-89'), { ok: true });

    let strangerGot = false;
    stranger.on(STATUS_CHANGED_EVENT, () => {
      strangerGot = true;
    });
    const received = new Promise<unknown>((resolve) => citizen.once(STATUS_CHANGED_EVENT, resolve));
    const res = await operator(backend, 'POST', `/operator/api/requests/${created.number}/status`, {
      status: 'awaiting_confirmation',
      comment: 'Пришлите, пожалуйста, скан квитанции.',
    });
    assert.equal(res.statusCode, 200, res.body);
    const view = RequestStatusView.parse(await received);
    assert.equal(view.number, created.number);
    assert.equal(view.status, 'awaiting_confirmation');
    assert.deepEqual(view.history.at(-1), {
      status: 'awaiting_confirmation',
      at: new Date(FIXED_NOW).toISOString(),
      comment: 'Пришлите, пожалуйста, скан квитанции.',
    });
    await operator(backend, 'POST', `/operator/api/requests/${created.number}/notes`, { note: 'внутреннее' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(strangerGot, false, 'refused sockets hear nothing');
  });

  test('socket watches share the lookup rate limits', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, operatorToken: TOKEN });
    const created = await register(backend);
    const url = await listen(backend);
    const socket = await open(t, url);
    for (let i = 0; i < 5; i++) assert.deepEqual(await watch(socket, created.number, 'WRONGCODE'), { ok: false });
    const refused = await watch(socket, created.number, created.lookupCode);
    assert.equal(refused.ok, false);
    assert.ok((refused.retryAfterSeconds ?? 0) > 0);
    assert.equal((await lookup(backend, created.number, created.lookupCode, '10.9.9.9')).statusCode, 429, 'same per-number limit over HTTP');
  });
});
