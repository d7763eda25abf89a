// Readiness (`GET /ready`) and graceful shutdown (issue 16, point 5): what a reverse proxy and a
// rolling restart need from one process.
import assert from 'node:assert/strict';
import { request as httpRequest, Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { closeRealtime } from '../../server/realtime.js';
import { ApiError } from '../../src/protocol/error.js';
import { ReadyResponse } from '../../src/protocol/health.js';
import { socketTo } from '../helpers/socket-events.js';
import { startBackend } from './support.js';

const PDF_HEAD = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1');

describe('GET /ready', () => {
  test('ready when the database answers and every migration is applied', async (t) => {
    const { app } = await startBackend(t);
    const res = await app.inject({ method: 'GET', url: '/ready' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.deepEqual(ReadyResponse.parse(res.json()), { status: 'ready', database: 'ok', migrations: 'applied', draining: false });
  });

  test('503 with migrations pending (a migration this process knows is not recorded), readable as ApiError', async (t) => {
    const { app, database } = await startBackend(t);
    await sql`delete from kysely_migration where name = (select max(name) from kysely_migration)`.execute(database.kysely);
    const res = await app.inject({ method: 'GET', url: '/ready' });
    assert.equal(res.statusCode, 503);
    const body = ReadyResponse.parse(res.json());
    assert.equal(body.status, 'not_ready');
    assert.equal(body.migrations, 'pending');
    assert.equal(ApiError.parse(res.json()).error.message, 'Миграции базы данных не применены.');
  });

  test('503 when the database is gone', async (t) => {
    const { app, io, database } = await startBackend(t);
    // On PostgreSQL Socket.IO's adapter holds a connection of the pool: given back first, so
    // that the pool can end.
    closeRealtime(io);
    await database.close();
    const res = await app.inject({ method: 'GET', url: '/ready' });
    assert.equal(res.statusCode, 503);
    assert.deepEqual(ReadyResponse.parse(res.json()), { status: 'not_ready', database: 'unavailable', migrations: 'unknown', draining: false });
  });
});

describe('graceful shutdown', () => {
  test('a request in flight finishes, sockets are told to reconnect (not dismissed), /ready says draining, new connections are refused', async (t) => {
    const backend = await startBackend(t, { shutdownGraceMs: 5000 });
    await backend.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = backend.app.server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}`;

    // A citizen's socket (reconnection off, so the test sees the first reason only).
    const socket = await socketTo(url, '/', { reconnection: false });
    const reason = new Promise<string>((resolve) => socket.once('disconnect', resolve));

    // An upload whose body is half sent when the shutdown begins.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    t.after(() => agent.destroy());
    const body = Buffer.concat([PDF_HEAD, Buffer.alloc(4096, 0x20)]);
    const upload = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        `${url}/uploads`,
        { method: 'POST', agent, headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'spravka.pdf', 'content-length': body.length } },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      req.write(body.subarray(0, 1000));
      setTimeout(() => {
        closed = backend.close();
        // While the upload is still in flight, /ready already says draining (asked by inject:
        // the port no longer takes connections).
        readyDuring = backend.app.inject({ method: 'GET', url: '/ready' });
        setTimeout(() => req.end(body.subarray(1000)), 300);
      }, 100);
    });
    let closed: Promise<void> | undefined;
    let readyDuring: Promise<{ statusCode: number; json(): unknown }> | undefined;

    const answer = await upload;
    assert.equal(answer.status, 201, answer.body);
    assert.equal(await reason, 'transport close', 'the socket lost its transport (and would reconnect), not «io server disconnect»');
    const ready = await readyDuring!;
    assert.equal(ready.statusCode, 503);
    assert.deepEqual(ReadyResponse.parse(ready.json()), { status: 'not_ready', database: 'ok', migrations: 'applied', draining: true });
    assert.equal(ApiError.parse(ready.json()).error.message, 'Сервер останавливается.');
    await closed;
    await assert.rejects(fetch(`${url}/health`), 'the port no longer accepts connections');
    socket.close();
  });

  test('a request arriving while the process drains (on a kept-alive connection) gets 503 `unavailable` with Retry-After and Connection: close, in the one error shape', async (t) => {
    const backend = await startBackend(t);
    const closed = backend.close();
    const res = await backend.app.inject({ method: 'GET', url: '/config' });
    assert.equal(res.statusCode, 503);
    assert.equal(res.headers['retry-after'], '1');
    assert.equal(res.headers.connection, 'close');
    const error = ApiError.parse(res.json());
    assert.equal(error.error.code, 'unavailable');
    assert.equal(error.error.retryAfterSeconds, 1);
    assert.match(error.error.message, /Сервер перезапускается/);
    await closed;
  });

  test('past the grace period the connections still open are cut, and the process is free to exit', async (t) => {
    const backend = await startBackend(t, { shutdownGraceMs: 300 });
    await backend.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = backend.app.server.address() as AddressInfo;
    // A body that never ends (a departed client's half-sent upload).
    const req = httpRequest(`http://127.0.0.1:${port}/uploads`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'a.pdf', 'content-length': 100_000 },
    });
    const failed = new Promise<void>((resolve) => req.on('error', () => resolve()));
    req.on('response', (res) => res.resume());
    req.write(PDF_HEAD);
    await new Promise((r) => setTimeout(r, 100));
    const started = performance.now();
    await backend.close();
    const took = performance.now() - started;
    await failed;
    assert.ok(took < 3000, `close() returned after the grace period, not the request timeout (${Math.round(took)} ms)`);
  });
});
