// Several server processes on one PostgreSQL (issue 16): Socket.IO's events to a room reach the
// clients of every process through the PostgreSQL adapter (LISTEN/NOTIFY; packets over 8000 bytes
// through its table); a status change reaches the SSE streams of every process; a chat goes both
// ways between a citizen on one process and an operator on another; the operators' presence is
// the same on both (a transfer to an operator on the other). Two apps on one database stand for
// two processes.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { io as connect } from 'socket.io-client';
import { CHAT_NAMESPACE, CHAT_OPERATOR_NAMESPACE } from '../../src/protocol/chat.js';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js';
import { readEventStream } from '../helpers/event-stream.js';
import { call, nextEvent, socketTo, startChat } from '../helpers/socket-events.js';
import { RequestCreated } from '../../src/protocol/request.js';
import { StatusLookupResult } from '../../src/protocol/status.js';
import { startBackend, startSecondBackend, submit, testClock, validRequest, type TestBackend } from './support.js';

let postgres: TestPostgres;
before(async () => {
  postgres = await startTestPostgres();
});
after(async () => {
  await postgres.stop();
});

async function listen(backend: TestBackend): Promise<string> {
  await backend.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(backend.app.server.address() as AddressInfo).port}`;
}

describe('Socket.IO across processes on PostgreSQL', () => {
  test('an event sent to a room on process A reaches a client of that room on process B, small and over 8000 bytes', async (t) => {
    const a = await startBackend(t, { databaseUrl: await postgres.createDatabase() });
    const b = await startSecondBackend(t, a);
    // A namespace of the test's own: a client of B joins room «r».
    for (const backend of [a, b]) backend.io.of('/probe').on('connection', (socket) => void socket.join('r'));
    const client = connect(`${await listen(b)}/probe`, { transports: ['websocket'], reconnection: false });
    t.after(() => client.close());
    await new Promise((resolve) => client.once('connect', () => resolve(undefined)));
    const received: string[] = [];
    client.on('hello', (text: string) => received.push(text));
    const big = 'ж'.repeat(6000); // 12 000 bytes of UTF-8: past NOTIFY's 8000
    // The adapters learn of each other by heartbeat; the first broadcast may go before B listens.
    for (let attempt = 0; received.length < 2 && attempt < 50; attempt++) {
      received.length = 0;
      a.io.of('/probe').to('r').emit('hello', 'Здравствуйте');
      a.io.of('/probe').to('r').emit('hello', big);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.deepEqual(received, ['Здравствуйте', big]);
  });

  test("an operator's status change on process B reaches the status stream (SSE) a citizen holds on A", async (t) => {
    const TOKEN = 'Xgpki2ZHSgY398e11ryQxJVeJX5cJ6LHl94pXX8r8mI';
    const a = await startBackend(t, { databaseUrl: await postgres.createDatabase(), operatorToken: TOKEN });
    const b = await startSecondBackend(t, a, { operatorToken: TOKEN });
    const created = RequestCreated.parse((await submit(a.app, validRequest())).json());
    const found = StatusLookupResult.parse(
      (await a.app.inject({ method: 'POST', url: '/requests/lookup', payload: { number: created.number, factor: created.lookupCode } })).json(),
    );
    const controller = new AbortController();
    t.after(() => controller.abort());
    const res = await fetch(`${await listen(a)}/requests/watch?token=${encodeURIComponent(found.watchToken)}`, {
      headers: { accept: 'text/event-stream' },
      signal: controller.signal,
    });
    const stream = readEventStream(res);
    await stream.until('"status":"registered"');
    // The adapters learn of each other by heartbeat: give B's first fan-out a listener on A.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const changed = await b.app.inject({
      method: 'POST',
      url: `/operator/api/requests/${created.number}/status`,
      headers: { authorization: `Bearer ${TOKEN}` },
      payload: { status: 'in_progress', comment: 'Проверяем платёж.' },
    });
    assert.equal(changed.statusCode, 200, changed.body);
    await stream.until('"status":"in_progress"');
    assert.match(stream.text, /Проверяем платёж\./);
  });

  test('a citizen chatting through A and an operator through B exchange messages both ways', async (t) => {
    const TOKEN = 'Xgpki2ZHSgY398e11ryQxJVeJX5cJ6LHl94pXX8r8mI';
    const clock = testClock();
    const a = await startBackend(t, { databaseUrl: await postgres.createDatabase(), operatorToken: TOKEN, now: clock.now });
    const b = await startSecondBackend(t, a, { operatorToken: TOKEN, now: clock.now });
    const citizen = await socketTo(await listen(a), CHAT_NAMESPACE, { reconnection: false });
    const operator = await socketTo(await listen(b), CHAT_OPERATOR_NAMESPACE, { reconnection: false, auth: { token: TOKEN, operatorName: 'Петров П.' } });
    t.after(() => {
      citizen.close();
      operator.close();
    });
    const started = await startChat(citizen);
    assert.equal((await call(citizen, 'chat:handoff')).ok, true);
    // B's operator sees the conversation A queued (the database), and takes it.
    const list = await call(operator, 'op:list');
    assert.ok(list.waiting.some((c: { conversationId: string }) => c.conversationId === started.conversationId), JSON.stringify(list));
    const joined = nextEvent<{ systemKind?: string }>(citizen, 'chat:message', (m) => m.systemKind === 'operator_joined', 5000);
    assert.equal((await call(operator, 'op:take', { conversationId: started.conversationId })).ok, true);
    await joined;
    // B → A: the operator's reply reaches the citizen's socket on A.
    const reply = nextEvent<{ author: string; text: string }>(citizen, 'chat:message', (m) => m.author === 'operator', 5000);
    assert.equal((await call(operator, 'op:reply', { conversationId: started.conversationId, clientId: randomUUID(), text: 'Здравствуйте! Обновите страницу.' })).ok, true);
    assert.equal((await reply).text, 'Здравствуйте! Обновите страницу.');
    // A → B: the citizen's answer reaches the operator's socket on B.
    const answer = nextEvent<{ author: string; text: string }>(operator, 'chat:message', (m) => m.author === 'citizen', 5000);
    assert.equal((await call(citizen, 'chat:send', { clientId: randomUUID(), text: 'Помогло, спасибо' })).ok, true);
    assert.equal((await answer).text, 'Помогло, спасибо');
  });

  test('operators on A and B: each process counts both, and an operator on A transfers a chat to one on B, who then follows it', async (t) => {
    const TOKEN = 'Xgpki2ZHSgY398e11ryQxJVeJX5cJ6LHl94pXX8r8mI';
    const clock = testClock();
    const a = await startBackend(t, { databaseUrl: await postgres.createDatabase(), operatorToken: TOKEN, now: clock.now });
    const b = await startSecondBackend(t, a, { operatorToken: TOKEN, now: clock.now });
    const [urlA, urlB] = [await listen(a), await listen(b)];
    const citizen = await socketTo(urlA, CHAT_NAMESPACE, { reconnection: false });
    const petrov = await socketTo(urlA, CHAT_OPERATOR_NAMESPACE, { reconnection: false, auth: { token: TOKEN, operatorName: 'Петров П.' } });
    const ivanova = await socketTo(urlB, CHAT_OPERATOR_NAMESPACE, { reconnection: false, auth: { token: TOKEN, operatorName: 'Иванова А.' } });
    t.after(() => {
      citizen.close();
      petrov.close();
      ivanova.close();
    });
    // A socket's events wait for its presence to be written: once A has answered Petrov, his row
    // is in; B answers Ivanova after hers.
    assert.equal((await call(petrov, 'op:list')).ok, true);
    assert.equal((await call(ivanova, 'op:list')).availableOperators, 2, 'B counts Petrov, connected to A');
    // The status ack on A counts Ivanova, connected to B; her status set through B counts on A.
    assert.deepEqual(await call(petrov, 'op:status', { status: 'available' }), { ok: true, status: 'available', availableOperators: 2 });
    assert.deepEqual(await call(ivanova, 'op:status', { status: 'away' }), { ok: true, status: 'away', availableOperators: 1 });
    assert.deepEqual(await call(petrov, 'op:status', { status: 'available' }), { ok: true, status: 'available', availableOperators: 1 }, 'A sees her away');
    assert.equal((await call(ivanova, 'op:status', { status: 'available' })).availableOperators, 2);

    const started = await startChat(citizen);
    const conversationId = started.conversationId as string;
    assert.equal((await call(citizen, 'chat:handoff')).ok, true);
    assert.equal((await call(petrov, 'op:take', { conversationId })).ok, true);

    // A checks the target in the database: connected to B, she may be given the chat.
    const assigned = nextEvent<{ conversationId: string }>(ivanova, 'op:assigned', (c) => c.conversationId === conversationId, 5000);
    const moved = await call(petrov, 'op:transfer', { conversationId, toOperator: 'Иванова А.' });
    assert.equal(moved.ok, true, JSON.stringify(moved));
    assert.equal(moved.conversation.operatorName, 'Иванова А.');
    await assigned;
    // Her socket on B follows the conversation (joined by A through the adapter): the citizen's
    // next message on A reaches her, and her reply through B reaches the citizen.
    const toIvanova = nextEvent<{ author: string; text: string }>(ivanova, 'chat:message', (m) => m.author === 'citizen', 5000);
    assert.equal((await call(citizen, 'chat:send', { clientId: randomUUID(), text: 'Вы меня слышите?' })).ok, true);
    assert.equal((await toIvanova).text, 'Вы меня слышите?');
    const toCitizen = nextEvent<{ author: string; operatorName?: string }>(citizen, 'chat:message', (m) => m.author === 'operator', 5000);
    assert.equal((await call(ivanova, 'op:reply', { conversationId, clientId: randomUUID(), text: 'Да, чат теперь у меня.' })).ok, true);
    assert.equal((await toCitizen).operatorName, 'Иванова А.');
  });

  test('on SQLite (one process) there is no adapter: events stay in the process, session recovery is on', async (t) => {
    const a = await startBackend(t);
    if (a.database.dialect !== 'sqlite') return t.skip('the suite runs on PostgreSQL');
    assert.equal(a.io.of('/').adapter.constructor.name, 'SessionAwareAdapter', "Socket.IO's own, in memory");
    assert.ok((a.io as unknown as { opts: { connectionStateRecovery?: object } }).opts.connectionStateRecovery);
  });
});
