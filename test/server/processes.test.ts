// Two real server processes on one PostgreSQL (issue 16's acceptance, each line over real
// processes, not two apps in one test process): a citizen's chat on A and the operator on B both
// ways; an operator's status change on B in the citizen's status stream held by A; 20 bookings
// of a slot with 2 places split across A and B give 2; 10 failed lookups alternating between A and
// B are limited after 5. And behind a stand-in for the proxy: a process killed in the middle of a
// chat, the citizen's socket reconnects through the proxy to the other one, resumes with its
// token and resends what was not acknowledged: every message is stored once, none lost, none doubled.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createConnection, createServer, type AddressInfo, type Socket as NetSocket } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import { io as connect, type Socket } from 'socket.io-client';
import { CHAT_NAMESPACE, CHAT_OPERATOR_NAMESPACE } from '../../src/protocol/chat.js';
import { OfficeSlots } from '../../src/protocol/offices.js';
import { RequestCreated } from '../../src/protocol/request.js';
import { StatusLookupResult } from '../../src/protocol/status.js';
import { readEventStream } from '../helpers/event-stream.js';
import { call, nextEvent, socketTo, startChat } from '../helpers/socket-events.js';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js';
import { startSourceServer } from '../helpers/server-process.js';
import { ROOT, tempDir, validBooking, validRequest } from './support.js';

const TOKEN = 'Xgpki2ZHSgY398e11ryQxJVeJX5cJ6LHl94pXX8r8mI';

let postgres: TestPostgres;
before(async () => {
  postgres = await startTestPostgres();
});
after(async () => {
  await postgres.stop();
});

/**
 * The proxy's stand-in: a TCP relay to the first of `ports` that takes the connection (a dead
 * process refuses it, so its clients land on the next), counting where each connection went.
 */
async function startProxy(t: TestContext, ports: number[]): Promise<{ port: number; landed: number[] }> {
  const landed: number[] = [];
  const open = new Set<NetSocket>();
  const server = createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.pause();
    const attempt = (index: number) => {
      if (index >= ports.length) return void client.destroy();
      const upstream = createConnection({ host: '127.0.0.1', port: ports[index]! });
      upstream.once('error', () => attempt(index + 1));
      upstream.once('connect', () => {
        landed.push(ports[index]!);
        upstream.removeAllListeners('error');
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
        client.on('close', () => upstream.destroy());
        client.pipe(upstream).pipe(client);
        client.resume();
      });
    };
    attempt(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    for (const socket of open) socket.destroy();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { port: (server.address() as AddressInfo).port, landed };
}

const connected = (socket: Socket) => new Promise<void>((resolve) => (socket.connected ? resolve() : socket.once('connect', () => resolve())));

describe('two server processes on one PostgreSQL', () => {
  test('A and B: a chat both ways, a status change in a stream on the other, 20 bookings of 2 places give 2, failed lookups limited across both', async (t) => {
    const dir = tempDir(t);
    // msk-tverskoy with 2 places per slot: the demo's office settings but for that.
    const officeSettings = JSON.parse(readFileSync(join(ROOT, 'demo/data/office-settings.json'), 'utf8')) as { offices: Record<string, { capacityPerInterval?: number }> };
    officeSettings.offices['msk-tverskoy'] = { ...officeSettings.offices['msk-tverskoy'], capacityPerInterval: 2 };
    writeFileSync(join(dir, 'office-settings.json'), JSON.stringify(officeSettings));
    const env = {
      DATABASE_URL: await postgres.createDatabase(),
      UPLOAD_DIR: join(dir, 'uploads'),
      DB_PATH: join(dir, 'unused.sqlite'),
      OFFICE_SETTINGS: join(dir, 'office-settings.json'),
      OPERATOR_TOKEN: TOKEN,
      // Each citizen from an address of their own (as behind the proxy), so that only the limits meant here apply.
      TRUST_PROXY: '1',
    };
    const a = await startSourceServer(t, env);
    const b = await startSourceServer(t, env);
    const post = (base: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

    // A citizen's chat on A, the operator on B, messages both ways.
    const citizen = await socketTo(a.url, CHAT_NAMESPACE, { reconnection: false });
    const operator = await socketTo(b.url, CHAT_OPERATOR_NAMESPACE, { reconnection: false, auth: { token: TOKEN, operatorName: 'Петров П.' } });
    t.after(() => {
      citizen.close();
      operator.close();
    });
    const started = await startChat(citizen);
    assert.equal((await call(citizen, 'chat:handoff')).ok, true);
    const joined = nextEvent<{ systemKind?: string }>(citizen, 'chat:message', (m) => m.systemKind === 'operator_joined', 5000);
    assert.equal((await call(operator, 'op:take', { conversationId: started.conversationId })).ok, true);
    await joined;
    const reply = nextEvent<{ author: string; text: string }>(citizen, 'chat:message', (m) => m.author === 'operator', 5000);
    assert.equal((await call(operator, 'op:reply', { conversationId: started.conversationId, clientId: randomUUID(), text: 'Здравствуйте! Обновите страницу.' })).ok, true);
    assert.equal((await reply).text, 'Здравствуйте! Обновите страницу.', 'B → A');
    const answer = nextEvent<{ author: string; text: string }>(operator, 'chat:message', (m) => m.author === 'citizen', 5000);
    assert.equal((await call(citizen, 'chat:send', { clientId: randomUUID(), text: 'Помогло, спасибо' })).ok, true);
    assert.equal((await answer).text, 'Помогло, спасибо', 'A → B');

    // The citizen's status stream on A; the operator changes the status through B.
    const registered = await post(a.url, '/requests', validRequest(), { 'idempotency-key': randomUUID(), 'x-forwarded-for': '10.1.0.1' });
    assert.equal(registered.status, 201);
    const created = RequestCreated.parse(await registered.json());
    const found = await post(a.url, '/requests/lookup', { number: created.number, factor: created.lookupCode }, { 'x-forwarded-for': '10.1.0.1' });
    assert.equal(found.status, 200);
    const { watchToken } = StatusLookupResult.parse(await found.json());
    const controller = new AbortController();
    t.after(() => controller.abort());
    const watched = await fetch(`${a.url}/requests/watch?token=${encodeURIComponent(watchToken)}`, { headers: { accept: 'text/event-stream' }, signal: controller.signal });
    const stream = readEventStream(watched);
    await stream.until('"status":"registered"');
    const changed = await post(b.url, `/operator/api/requests/${created.number}/status`, { status: 'in_progress', comment: 'Проверяем платёж.' }, { authorization: `Bearer ${TOKEN}` });
    assert.equal(changed.status, 200, await changed.text());
    await stream.until('"status":"in_progress"');
    assert.match(stream.text, /Проверяем платёж\./);

    // 20 bookings at once of one slot with 2 places, every other one through B.
    const slots = OfficeSlots.parse(await (await fetch(`${a.url}/offices/msk-tverskoy/slots?service=passport`)).json());
    const slot = slots.slots.find((s) => s.free === 2);
    assert.ok(slot, `a slot with 2 free places: ${JSON.stringify(slots.slots.slice(0, 3))}`);
    const bookings = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(i % 2 ? b.url : a.url, '/offices/msk-tverskoy/bookings', validBooking({ slotStart: slot.start, phone: `+7 912 ${String(2_000_000 + i)}` }), {
          'idempotency-key': randomUUID(),
          'x-forwarded-for': `10.2.0.${i + 1}`,
        }).then((res) => res.status),
      ),
    );
    assert.equal(bookings.filter((status) => status === 201).length, 2, bookings.join(','));
    assert.ok(bookings.every((status) => status === 201 || status === 409), bookings.join(','));

    // 10 failed lookups from one address, alternating between A and B: limited after 5.
    const lookups: number[] = [];
    for (let i = 0; i < 10; i++) {
      lookups.push((await post(i % 2 ? b.url : a.url, '/requests/lookup', { number: created.number, factor: `WRONG${i}XX` }, { 'x-forwarded-for': '10.3.0.1' })).status);
    }
    assert.deepEqual(lookups, [404, 404, 404, 404, 404, 429, 429, 429, 429, 429]);
  });

  test('a process killed in the middle of a chat: the citizen reconnects to the other through the proxy; no message lost or doubled', async (t) => {
    const databaseUrl = await postgres.createDatabase();
    const uploads = join(tempDir(t), 'uploads');
    const env = { DATABASE_URL: databaseUrl, UPLOAD_DIR: uploads, DB_PATH: join(tempDir(t), 'unused.sqlite') };
    // One after the other: the second finds the migrations applied.
    const a = await startSourceServer(t, { ...env, OPERATOR_TOKEN: TOKEN });
    const b = await startSourceServer(t, { ...env, OPERATOR_TOKEN: TOKEN });
    const proxy = await startProxy(t, [a.port, b.port]);

    const socket = connect(`http://127.0.0.1:${proxy.port}${CHAT_NAMESPACE}`, {
      path: '/socket.io',
      transports: ['websocket'],
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
      forceNew: true,
    });
    t.after(() => socket.close());
    await connected(socket);
    assert.equal(proxy.landed.at(-1), a.port, 'the first connection went to A');
    const started = await socket.timeout(5000).emitWithAck('chat:start', {
      startId: randomUUID(),
      kind: 'technical',
      summary: 'Не получается войти',
      question: 'Что-то непонятное',
      locale: 'ru',
    });
    assert.equal(started.ok, true, JSON.stringify(started));

    // What the widget does (chat-connection.ts): each message has its client id; one that was not
    // acknowledged is sent again with the same id after the socket is back and has resumed.
    let seen = 0;
    const sendUntilAcknowledged = async (text: string, clientId: string): Promise<void> => {
      for (let attempt = 0; attempt < 20; attempt++) {
        await connected(socket);
        try {
          if (!socket.recovered) {
            const resumed = await socket.timeout(3000).emitWithAck('chat:resume', { conversationId: started.conversationId, token: started.token, lastSeenSeq: seen });
            if (!resumed.ok) throw new Error(JSON.stringify(resumed));
          }
          const ack = await socket.timeout(3000).emitWithAck('chat:send', { clientId, text });
          if (ack.ok) {
            seen = Math.max(seen, ack.seq);
            return;
          }
          if (ack.error?.code !== 'unavailable') throw new Error(JSON.stringify(ack));
        } catch (error) {
          if (error instanceof Error && error.message.startsWith('{')) throw error;
          // Timed out or disconnected: try again once the socket is back.
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.fail(`«${text}» was never acknowledged`);
    };

    const texts = Array.from({ length: 10 }, (_, i) => `Сообщение ${i + 1}`);
    const ids = texts.map(() => randomUUID());
    // The 6th is sent and A dies at once, before or after storing it: the widget cannot know.
    for (let i = 0; i < 5; i++) await sendUntilAcknowledged(texts[i]!, ids[i]!);
    void socket.emit('chat:send', { clientId: ids[5], text: texts[5] });
    await a.kill();
    for (let i = 5; i < 10; i++) await sendUntilAcknowledged(texts[i]!, ids[i]!);
    assert.equal(proxy.landed.at(-1), b.port, 'the socket is now on B');

    const all = await socket.timeout(5000).emitWithAck('chat:sync', { lastSeenSeq: 0 });
    assert.equal(all.ok, true, JSON.stringify(all));
    const fromCitizen = (all.messages as { author: string; text: string }[]).filter((m) => m.author === 'citizen').map((m) => m.text);
    assert.deepEqual(fromCitizen, ['Что-то непонятное', ...texts], 'each once, in order');
  });
});
