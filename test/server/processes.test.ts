// Two real server processes on one PostgreSQL behind a stand-in for the proxy (issue 16): a
// process killed in the middle of a chat, the citizen's socket reconnects through the proxy to
// the other one, resumes with its token and resends what was not acknowledged: every message
// is stored once, none lost, none doubled.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createConnection, createServer, type AddressInfo, type Socket as NetSocket } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import { io as connect, type Socket } from 'socket.io-client';
import { CHAT_NAMESPACE } from '../../src/protocol/chat.js';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js';
import { startSourceServer } from '../helpers/server-process.js';
import { tempDir } from './support.js';

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
