import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { describe, test, type TestContext } from 'node:test';
import { io as connect, type Socket } from 'socket.io-client';
import type { BackendApp } from '../../server/app.js';
import { CHAT_EVENTS, CHAT_NAMESPACE, CHAT_OPERATOR_EVENTS, CHAT_OPERATOR_NAMESPACE, ChatAckFailure } from '../../src/protocol/chat.js';
import { RUSSIAN, startBackend, testClock } from './support.js';

const TOKEN = 'Xgpki2ZHSgY398e11ryQxJVeJX5cJ6LHl94pXX8r8mI';
const ROOMY = {
  eventsPerSocket: { limit: 100_000, windowMs: 10_000 },
  typingPerSocket: { limit: 100_000, windowMs: 10_000 },
  startsPerIp: { limit: 100_000, windowMs: 10_000 },
};
const assistant = { reply: () => ({ kind: 'unknown' as const, suggestions: [] }) };

async function listen(backend: Pick<BackendApp, 'app'>): Promise<string> {
  await backend.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(backend.app.server.address() as AddressInfo).port}`;
}

function open(t: Pick<TestContext, 'after'>, url: string, namespace: string, auth?: Record<string, unknown>): Promise<Socket> {
  const socket = connect(`${url}${namespace}`, { path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true, ...(auth ? { auth } : {}) });
  t.after(() => socket.close());
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

const call = (socket: Socket, event: string, ...payload: unknown[]): Promise<any> => socket.timeout(3000).emitWithAck(event, ...payload);

/** A submission of the opening form: its own startId each call. */
const opening = () => ({ startId: randomUUID(), kind: 'technical', summary: 'Проверка', question: 'Вопрос', locale: 'ru' });

/** Payloads no handler expects. */
function garbage(): unknown[] {
  const deep: Record<string, unknown> = {};
  let cursor = deep;
  for (let i = 0; i < 200; i++) cursor = cursor.a = {} as Record<string, unknown>;
  return [
    undefined,
    null,
    0,
    -1,
    1e308,
    Number.NaN,
    '',
    'строка',
    'x'.repeat(50_000),
    true,
    [],
    [1, 2, 3],
    {},
    { __proto__: { polluted: true } },
    JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'),
    deep,
    { conversationId: 123, token: [], clientId: {}, text: { toString: 'x' }, seq: '5', lastSeenSeq: -1, score: 6, email: 'a@b' },
    { conversationId: 'x'.repeat(10_000), token: 'y'.repeat(10_000) },
    { clientId: randomUUID(), text: 'привет', attachments: Array.from({ length: 1000 }, (_, i) => `id-${i}`) },
    { clientId: randomUUID(), text: 'привет', attachments: 'не массив' },
    { ...opening(), kind: 'technical\u0000' },
    { ...opening(), question: '\u202e\u0000\u0007' },
    { seq: Number.MAX_SAFE_INTEGER + 2 },
    { seq: 1.5 },
    { typing: 'yes' },
    { status: 'available', extra: true },
    Buffer.from([0, 1, 2, 3]),
  ];
}

describe('chat: garbage and floods', () => {
  test('every event of both namespaces answers garbage with an error ack, and the server goes on', async (t) => {
    const backend = await startBackend(t, { operatorToken: TOKEN, now: testClock().now, chat: { assistant, limits: ROOMY } });
    const url = await listen(backend);
    const citizen = await open(t, url, CHAT_NAMESPACE);
    const operator = await open(t, url, CHAT_OPERATOR_NAMESPACE, { token: TOKEN, operatorName: 'Фаззер Ф.' });

    // Before a conversation, then bound to one: both states of the citizen socket.
    for (const phase of ['unbound', 'bound'] as const) {
      if (phase === 'bound') assert.equal((await call(citizen, 'chat:start', opening())).ok, true);
      for (const event of Object.values(CHAT_EVENTS)) {
        for (const payload of garbage()) {
          const ack = await call(citizen, event, payload);
          if (ack.ok) continue; // e.g. `chat:handoff` takes no payload: garbage is an empty body
          ChatAckFailure.parse(ack);
          assert.match(ack.error.message, RUSSIAN, `${event} ${JSON.stringify(payload)?.slice(0, 80)}`);
        }
        // Several arguments, and no ack at all.
        citizen.emit(event, 1, 2, 3);
        citizen.emit(event, { a: 1 });
      }
    }
    for (const event of Object.values(CHAT_OPERATOR_EVENTS)) {
      for (const payload of garbage()) {
        const ack = await call(operator, event, payload);
        if (ack.ok) continue;
        ChatAckFailure.parse(ack);
        assert.match(ack.error.message, RUSSIAN);
      }
      operator.emit(event);
    }
    // Unknown events are ignored.
    citizen.emit('nope', { x: 1 });
    operator.emit('constructor', {});
    assert.equal(({} as Record<string, unknown>).polluted, undefined);

    // Still serving.
    assert.equal(citizen.connected, true);
    assert.equal(operator.connected, true);
    const fresh = await open(t, url, CHAT_NAMESPACE);
    assert.equal((await call(fresh, 'chat:start', opening())).ok, true);
    assert.equal((await backend.app.inject({ method: 'GET', url: '/health' })).statusCode, 200);
  });

  test('a flood from one socket is throttled with rate_limited acks and a chat:error event; others are served meanwhile', async (t) => {
    const backend = await startBackend(t, {
      operatorToken: TOKEN,
      chat: { assistant, limits: { ...ROOMY, eventsPerSocket: { limit: 20, windowMs: 10_000 } } },
    });
    const url = await listen(backend);
    const flooder = await open(t, url, CHAT_NAMESPACE);
    assert.equal((await call(flooder, 'chat:start', opening())).ok, true);
    const warned = new Promise<{ code: string; message: string; retryAfterSeconds: number }>((resolve) => flooder.once('chat:error', resolve));

    const acks = Promise.all(Array.from({ length: 300 }, (_, i) => call(flooder, 'chat:send', { clientId: randomUUID(), text: `спам ${i}` })));
    const other = await open(t, url, CHAT_NAMESPACE);
    const began = Date.now();
    const otherAck = await call(other, 'chat:start', opening());
    assert.equal(otherAck.ok, true);
    assert.ok(Date.now() - began < 2000, 'another citizen is answered during the flood');

    const results = await acks;
    const accepted = results.filter((a) => a.ok).length;
    const refused = results.filter((a) => !a.ok);
    assert.equal(accepted, 19, 'the start and 19 messages fit the limit of 20');
    assert.ok(refused.every((a) => a.error.code === 'rate_limited' && a.error.retryAfterSeconds >= 1));
    const error = await warned;
    assert.equal(error.code, 'rate_limited');
    assert.match(error.message, RUSSIAN);
    const stored = await backend.database.kysely.selectFrom('chat_messages').select((eb) => eb.fn.countAll<number>().as('n')).where('text', 'like', 'спам %').executeTakeFirstOrThrow();
    assert.equal(stored.n, 19);
  });

  test('conversations started per address are limited; a repeated start (same startId) counts too', async (t) => {
    const backend = await startBackend(t, {
      operatorToken: TOKEN,
      now: testClock().now,
      chat: { assistant, limits: { ...ROOMY, startsPerIp: { limit: 3, windowMs: 60_000 } } },
    });
    const url = await listen(backend);
    const socket = await open(t, url, CHAT_NAMESPACE);
    const first = opening();
    for (const body of [first, first, opening()]) assert.equal((await call(socket, 'chat:start', body)).ok, true);
    const refused = await call(socket, 'chat:start', first);
    assert.equal(refused.error.code, 'rate_limited');
    const started = await backend.database.kysely.selectFrom('chat_conversations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(started.n, 2);
  });
});
