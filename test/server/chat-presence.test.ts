// The chat operators' presence (which operators are connected, available or away) is in the
// database (chat_operator_presence, chat/presence.ts), on SQLite and PostgreSQL alike: two apps on
// one database (two processes) count the same operators and transfer to each other's operators;
// a row its process stopped confirming stops counting and is swept; a process's rows go when it
// stops; a busy database makes a presence write fail without harm. The servers' clock is fixed
// (testClock): freshness is the wall clock's, so it must not matter.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { describe, test, type TestContext } from 'node:test';
import type { Socket } from 'socket.io-client';
import type { BuildAppOptions } from '../../server/app.js';
import type { ChatAssistant } from '../../server/chat/assistant.js';
import { createOperatorPresence } from '../../server/chat/presence.js';
import type { PresenceStore } from '../../server/chat/presence-store.js';
import { CHAT_NAMESPACE, CHAT_OPERATOR_NAMESPACE, ChatStartAck } from '../../src/protocol/chat.js';
import { call, socketTo } from '../helpers/socket-events.js';
import { holdWriteLock } from '../helpers/write-lock.js';
import { RUSSIAN, startBackend, startSecondBackend, testClock, type TestBackend } from './support.js';

const TOKEN = 'Xgpki2ZHSgY398e11ryQxJVeJX5cJ6LHl94pXX8r8mI';
/** Never knows: every conversation can go to the queue. */
const unknowing: ChatAssistant = { reply: () => ({ kind: 'unknown', suggestions: [] }) };

function chatOptions(overrides: Partial<BuildAppOptions> = {}): Partial<BuildAppOptions> {
  return { operatorToken: TOKEN, now: testClock().now, chat: { assistant: unknowing }, ...overrides };
}

async function listen(backend: TestBackend): Promise<string> {
  await backend.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(backend.app.server.address() as AddressInfo).port}`;
}

async function operator(t: TestContext, url: string, name: string): Promise<Socket> {
  const socket = await socketTo(url, CHAT_OPERATOR_NAMESPACE, { reconnection: false, auth: { token: TOKEN, operatorName: name } });
  t.after(() => socket.close());
  // Acknowledged after the socket's presence is written (its events wait for it).
  assert.equal((await call(socket, 'op:list')).ok, true);
  return socket;
}

/** A conversation in the queue, its citizen's socket on `url`. */
async function waitingConversation(t: TestContext, url: string): Promise<string> {
  const citizen = await socketTo(url, CHAT_NAMESPACE, { reconnection: false });
  t.after(() => citizen.close());
  const ack = await call(citizen, 'chat:start', { startId: randomUUID(), kind: 'technical', summary: 'Вопрос', question: 'Что-то непонятное', locale: 'ru' });
  const started = ChatStartAck.parse(ack);
  assert.equal((await call(citizen, 'chat:handoff')).ok, true);
  return started.conversationId;
}

/** Waits (at most 3 s) until `read` gives `expected`; the last value otherwise. */
async function eventually<T>(read: () => Promise<T>, expected: T): Promise<T> {
  const deadline = Date.now() + 3000;
  let value = await read();
  while (value !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    value = await read();
  }
  return value;
}

const rows = (backend: TestBackend) => backend.database.kysely.selectFrom('chat_operator_presence').selectAll().orderBy('operator_name').execute();

describe('chat: operator presence in the database', () => {
  test('two available operators count 2; one away counts 1 (on every socket of theirs, a new one too); a disconnect counts out', async (t) => {
    const backend = await startBackend(t, chatOptions());
    const url = await listen(backend);
    const petrov = await operator(t, url, 'Петров П.');
    const ivanova = await operator(t, url, 'Иванова А.');
    assert.equal(await backend.chat.availableOperators(), 2);
    assert.deepEqual(
      (await rows(backend)).map((row) => [row.operator_name, row.status]),
      [
        ['Иванова А.', 'available'],
        ['Петров П.', 'available'],
      ],
      'one row per socket',
    );

    assert.deepEqual(await call(petrov, 'op:status', { status: 'away' }), { ok: true, status: 'away', availableOperators: 1 });
    // Petrov's second tab takes his status: he is away, whichever socket.
    const petrovTab2 = await operator(t, url, 'Петров П.');
    assert.equal((await call(petrovTab2, 'op:list')).availableOperators, 1);
    assert.deepEqual((await rows(backend)).filter((row) => row.operator_name === 'Петров П.').map((row) => row.status), ['away', 'away']);

    ivanova.close();
    assert.equal(await eventually(() => backend.chat.availableOperators(), 0), 0, 'Ivanova disconnected: nobody available');
    assert.equal((await rows(backend)).filter((row) => row.operator_name === 'Иванова А.').length, 0, 'her row is gone');
    assert.deepEqual(await call(petrovTab2, 'op:status', { status: 'available' }), { ok: true, status: 'available', availableOperators: 1 });
    assert.equal((await call(petrov, 'op:list')).availableOperators, 1, 'the same operator in two sockets counts once');
  });

  test('an operator connected to another process (app) on the same database is counted, and takes a transfer', async (t) => {
    const a = await startBackend(t, chatOptions());
    const b = await startSecondBackend(t, a, chatOptions());
    const [urlA, urlB] = [await listen(a), await listen(b)];
    const petrov = await operator(t, urlA, 'Петров П.');
    const ivanova = await operator(t, urlB, 'Иванова А.');
    assert.equal((await call(petrov, 'op:list')).availableOperators, 2, 'A counts the operator on B');
    assert.equal(await b.chat.availableOperators(), 2, 'B counts the operator on A');

    const conversationId = await waitingConversation(t, urlA);
    assert.equal((await call(petrov, 'op:take', { conversationId })).ok, true);
    const moved = await call(petrov, 'op:transfer', { conversationId, toOperator: 'Иванова А.' });
    assert.equal(moved.ok, true, JSON.stringify(moved));
    assert.equal(moved.conversation.operatorName, 'Иванова А.');
    // Hers now, through B.
    const reply = await call(ivanova, 'op:reply', { conversationId, clientId: randomUUID(), text: 'Здравствуйте! Чат у меня.' });
    assert.equal(reply.ok, true, JSON.stringify(reply));

    // Her status set through B is what A counts.
    assert.deepEqual(await call(ivanova, 'op:status', { status: 'away' }), { ok: true, status: 'away', availableOperators: 1 });
    assert.equal((await call(petrov, 'op:list')).availableOperators, 1);
    // An away operator is still connected: a transfer to her is taken.
    const second = await waitingConversation(t, urlA);
    assert.equal((await call(petrov, 'op:take', { conversationId: second })).ok, true);
    assert.equal((await call(petrov, 'op:transfer', { conversationId: second, toOperator: 'Иванова А.' })).ok, true);

    // Nobody of that name anywhere: refused.
    const third = await waitingConversation(t, urlA);
    assert.equal((await call(petrov, 'op:take', { conversationId: third })).ok, true);
    const refused = await call(petrov, 'op:transfer', { conversationId: third, toOperator: 'Сидоров С.' });
    assert.equal(refused.error.code, 'not_found');
    assert.match(refused.error.message, /Сидоров С\./);
  });

  test('a row older than the freshness bound (its process died) is not counted nor a transfer target', async (t) => {
    const backend = await startBackend(t, chatOptions());
    const url = await listen(backend);
    const petrov = await operator(t, url, 'Петров П.');
    const db = backend.database.kysely;
    const dead = { status: 'available' as const, process_id: randomUUID() };
    // 46 s ago, past the default 45 s; and a row of a live process, for contrast.
    await db
      .insertInto('chat_operator_presence')
      .values([
        { ...dead, socket_id: 'stale-socket', operator_name: 'Сидоров С.', seen_at: Date.now() - 46_000 },
        { ...dead, socket_id: 'fresh-socket', operator_name: 'Кузнецова Е.', seen_at: Date.now() - 1_000 },
      ])
      .execute();
    assert.equal((await call(petrov, 'op:list')).availableOperators, 2, 'Petrov and Kuznetsova; not Sidorov');

    const conversationId = await waitingConversation(t, url);
    assert.equal((await call(petrov, 'op:take', { conversationId })).ok, true);
    assert.equal((await call(petrov, 'op:transfer', { conversationId, toOperator: 'Сидоров С.' })).error.code, 'not_found');
    assert.equal((await call(petrov, 'op:transfer', { conversationId, toOperator: 'Кузнецова Е.' })).ok, true);
  });

  test("each process confirms its rows on a timer; a dead process's rows stop counting once old, and are swept", async (t) => {
    const settings = { presenceRefreshMs: 50, presenceFreshMs: 800 };
    const backend = await startBackend(t, chatOptions({ chat: { assistant: unknowing, settings } }));
    const url = await listen(backend);
    await operator(t, url, 'Петров П.');
    const [own] = await rows(backend);
    await backend.database.kysely
      .insertInto('chat_operator_presence')
      .values({ socket_id: 'dead-socket', operator_name: 'Сидоров С.', status: 'available', process_id: randomUUID(), seen_at: Date.now() })
      .execute();
    assert.equal(await backend.chat.availableOperators(), 2);

    // Well past the bound: Petrov's row kept fresh by his process, Sidorov's left to age.
    await new Promise((resolve) => setTimeout(resolve, 1300));
    assert.equal(await backend.chat.availableOperators(), 1, 'only Petrov');
    const left = await rows(backend);
    assert.deepEqual(left.map((row) => row.socket_id), [own!.socket_id], 'the dead row swept');
    assert.ok(left[0]!.seen_at > own!.seen_at, 'Petrov\'s row confirmed since');
  });

  test("a process's rows go when it stops; the other process stops counting its operators", async (t) => {
    const a = await startBackend(t, chatOptions());
    const b = await startSecondBackend(t, a, chatOptions());
    const petrov = await operator(t, await listen(a), 'Петров П.');
    await operator(t, await listen(b), 'Иванова А.');
    assert.equal((await call(petrov, 'op:list')).availableOperators, 2);
    await b.close();
    assert.equal((await call(petrov, 'op:list')).availableOperators, 1);
    assert.deepEqual((await rows(a)).map((row) => row.operator_name), ['Петров П.']);
  });

  test('a busy database: the presence writes fail without harm (the status ack says unavailable), and the next refresh repairs them', async (t) => {
    const backend = await startBackend(t, chatOptions({ databaseBusyTimeoutMs: 1, chat: { assistant: unknowing, settings: { presenceRefreshMs: 100 } } }));
    const url = await listen(backend);
    const lock = await holdPresenceLock(t, backend);
    const socket = await socketTo(url, CHAT_OPERATOR_NAMESPACE, { reconnection: false, auth: { token: TOKEN, operatorName: 'Петров П.' } });
    t.after(() => socket.close());
    const refused = await call(socket, 'op:status', { status: 'available' });
    assert.equal(refused.ok, false, JSON.stringify(refused));
    assert.equal(refused.error.code, 'unavailable');
    assert.match(refused.error.message, RUSSIAN);
    assert.equal((await call(socket, 'op:list')).availableOperators, 0, 'its row could not be written');

    await lock.release();
    assert.equal(await eventually(() => backend.chat.availableOperators(), 1), 1, 'the refresh put the row in');
    assert.deepEqual(await call(socket, 'op:status', { status: 'away' }), { ok: true, status: 'away', availableOperators: 0 });
  });
});

/** Another connection holding the write lock of the presence table (on SQLite, of the file). */
const holdPresenceLock = (t: TestContext, backend: TestBackend) => holdWriteLock(t, backend.databaseLocation, ['chat_operator_presence']);

describe('chat: operator presence of one process (unit, a store that fails)', () => {
  /** A store in memory whose writes fail while `failing`. */
  function flakyStore() {
    const table = new Map<string, { operatorName: string; processId: string }>();
    const state = { failing: false };
    const write = async <T>(run: () => T): Promise<T> => {
      await new Promise((resolve) => setImmediate(resolve));
      if (state.failing) throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
      return run();
    };
    const store: PresenceStore = {
      upsert: (processId, sockets) => write(() => void sockets.forEach((s) => table.set(s.socketId, { operatorName: s.operatorName, processId }))),
      remove: (socketIds) => write(() => void socketIds.forEach((id) => table.delete(id))),
      removeProcess: (processId) => write(() => void [...table].forEach(([id, row]) => row.processId === processId && table.delete(id))),
      socketsOf: async (processId) => [...table].filter(([, row]) => row.processId === processId).map(([id]) => id),
      setStatus: () => write(() => undefined),
      availableCount: async () => new Set([...table.values()].map((row) => row.operatorName)).size,
      isOnline: async (name) => [...table.values()].some((row) => row.operatorName === name),
      purge: () => write(() => 0),
    };
    return { store, table, state };
  }

  test('a failed write rejects (for the caller to log), later writes still run in order, the refresh repairs what failed', async (t) => {
    const { store, table, state } = flakyStore();
    const errors: string[] = [];
    const presence = createOperatorPresence({ store, refreshMs: 30, log: (_error, message) => errors.push(message) });
    t.after(() => presence.stop());

    state.failing = true;
    await assert.rejects(presence.online('Петров П.', 's1'), /locked/);
    await assert.rejects(presence.online('Иванова А.', 's2'), /locked/);
    assert.equal(await presence.available(), 0);
    state.failing = false;
    // s2 goes; its delete is written after its (failed) put, and the refresh must not bring it back.
    await presence.offline('s2');
    assert.equal(await eventually(() => presence.available(), 1), 1, 's1 put in by the refresh');
    assert.deepEqual([...table.keys()], ['s1']);

    // A delete that failed is repaired too: the row of a socket gone is removed.
    state.failing = true;
    await assert.rejects(presence.offline('s1'), /locked/);
    state.failing = false;
    assert.equal(await eventually(() => presence.available(), 0), 0);

    await presence.stop();
    await presence.online('Петров П.', 's3');
    assert.equal(table.size, 0, 'nothing written once stopped');
  });
});
