// Several server processes on one PostgreSQL (issue 16): Socket.IO's events to a room reach the
// clients of every process through the PostgreSQL adapter (LISTEN/NOTIFY; packets over 8000 bytes
// through its table). Two apps on one database stand for two processes.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { io as connect } from 'socket.io-client';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js';
import { startBackend, startSecondBackend, type TestBackend } from './support.js';

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

  test('on SQLite (one process) there is no adapter: events stay in the process, session recovery is on', async (t) => {
    const a = await startBackend(t);
    if (a.database.dialect !== 'sqlite') return t.skip('the suite runs on PostgreSQL');
    assert.equal(a.io.of('/').adapter.constructor.name, 'SessionAwareAdapter', "Socket.IO's own, in memory");
    assert.ok((a.io as unknown as { opts: { connectionStateRecovery?: object } }).opts.connectionStateRecovery);
  });
});
