import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { io as connect, type Socket } from 'socket.io-client';
import { startBackend, type TestBackend } from './support.js';

const PORTAL = 'https://portal.example';

async function listen(backend: TestBackend): Promise<string> {
  await backend.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = backend.app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** Resolves on `connect`, rejects on `connect_error`; the socket is closed after the test. */
function open(t: { after(fn: () => void): void }, url: string, options: Parameters<typeof connect>[1]): Promise<Socket> {
  const socket = connect(url, { path: '/socket.io', reconnection: false, timeout: 5000, ...options });
  t.after(() => socket.close());
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

describe('socket.io', () => {
  test('accepts a socket.io-client connection at the server URL (polling, then upgrade)', async (t) => {
    const backend = await startBackend(t);
    const url = await listen(backend);
    const seen = new Promise<string>((resolve) => backend.io.on('connection', (s) => resolve(s.id)));

    const socket = await open(t, url, {});
    assert.equal(socket.connected, true);
    assert.equal(await seen, socket.id, 'the server saw the same socket');
  });

  test('accepts a WebSocket-only client from an allowed origin', async (t) => {
    const backend = await startBackend(t, { corsOrigins: [PORTAL] });
    const url = await listen(backend);
    const socket = await open(t, url, { transports: ['websocket'], extraHeaders: { origin: PORTAL } });
    assert.equal(socket.connected, true);
    assert.equal(backend.io.engine.clientsCount, 1);
  });

  test('refuses a browser on a foreign origin, for polling and for WebSocket', async (t) => {
    const backend = await startBackend(t, { corsOrigins: [PORTAL] });
    const url = await listen(backend);
    const headers = { origin: 'https://evil.example' };
    await assert.rejects(open(t, url, { transports: ['polling'], extraHeaders: headers }));
    await assert.rejects(open(t, url, { transports: ['websocket'], extraHeaders: headers }));
    assert.equal(backend.io.engine.clientsCount, 0);
  });

  test('close() drops clients\' transports (so they reconnect, to another process behind a proxy) and stops listening', async (t) => {
    const backend = await startBackend(t);
    const url = await listen(backend);
    const socket = await open(t, url, { transports: ['websocket'] });
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));

    await backend.close();
    // Not «io server disconnect», after which a Socket.IO client does not reconnect by itself.
    assert.equal(await disconnected, 'transport close');
    assert.equal(backend.app.server.listening, false);
    await assert.rejects(backend.database.kysely.selectFrom('meta').selectAll().execute(), 'the database is closed');
  });
});
