import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { connect as tcpConnect, type AddressInfo, type Socket } from 'node:net';
import { describe, test, type TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { io as connectSocket, type Socket as ClientSocket } from 'socket.io-client';
import {
  DEFAULT_HEADERS_TIMEOUT_MS,
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_MAX_CONNECTIONS_PER_IP,
  DEFAULT_REQUEST_TIMEOUT_MS,
  resolveConnectionLimits,
} from '../../server/http/connections.js';
import { RequestCreated } from '../../src/protocol/request.js';
import { StatusLookupResult } from '../../src/protocol/status.js';
import { FILES, startBackend, submit, validRequest, type TestBackend } from './support.js';

/** Short limits, so that the test sees them act. */
const LIMITS = { headersTimeoutMs: 1_500, requestTimeoutMs: 3_000, idleTimeoutMs: 1_500, maxConnectionsPerIp: 50 };
/** Node checks the headers and request timeouts every 300 ms here (a fifth of 1.5 s). */
const CHECK_MS = 300;
/** Scheduling slack of a shared 2-core machine. */
const MARGIN_MS = 700;
/** Node closes an idle keep-alive connection 1 s after the advertised timeout. */
const KEEP_ALIVE_BUFFER_MS = 1_000;
/** The slow clients' address; the probes come from 127.0.0.1, another client. */
const SLOW_CLIENT = '127.0.0.2';

async function listen(backend: TestBackend): Promise<number> {
  await backend.app.listen({ port: 0, host: '127.0.0.1' });
  return (backend.app.server.address() as AddressInfo).port;
}

/** `GET /health` on a fresh connection from 127.0.0.1: its status and how long the answer took. */
function probeHealth(port: number): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path: '/health', agent: false, localAddress: '127.0.0.1', headers: { connection: 'close' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    req.setTimeout(5_000, () => req.destroy(new Error('/health did not answer within 5 s')));
    req.on('error', reject);
    req.end();
  });
}

/** A raw TCP connection from 127.0.0.1, destroyed after the test; `closed` resolves with the time it closed. */
function rawConnection(t: TestContext, port: number): Promise<{ socket: Socket; received: () => string; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ port, host: '127.0.0.1' });
    t.after(() => socket.destroy());
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', () => {});
    const closed = new Promise<number>((done) => socket.once('close', () => done(performance.now())));
    socket.once('connect', () => resolve({ socket, received: () => received, closed }));
    socket.once('error', reject);
  });
}

/** Writes `chunks` one by one, `everyMs` apart, while the socket is open. */
async function dribble(socket: Socket, chunks: (string | Buffer)[], everyMs: number): Promise<void> {
  for (const chunk of chunks) {
    if (socket.destroyed || !socket.writable) return;
    socket.write(chunk);
    await sleep(everyMs);
  }
}

interface SlowResult {
  /** ms since the worker started; -1 = never. */
  openedAt: number;
  /** -1 for a connection reset by the cap before the client saw it connected. */
  connectedAt: number;
  closedAt: number;
  bytesSent: number;
  /** The first bytes the server sent (a 408, or nothing). */
  got: string;
  error: string;
}

/**
 * The slow clients run in a worker thread (an event loop of their own, as another process
 * would): `count` connections from `localAddress`, opened `batch` at a time, each sending one
 * byte of an endless request head at once and then every `byteEveryMs`. The worker reports when
 * every connection was closed by the server, or after `giveUpMs` (destroying those still open).
 */
const SLOW_CLIENTS_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const net = require('node:net');
const { port, host, localAddress, count, batch, batchEveryMs, byteEveryMs, giveUpMs } = workerData;
const HEAD = 'GET /health HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nX-Slow: ';
const start = performance.now();
const results = [];
const open = new Set();
let closed = 0;
let done = false;
function connect() {
  const r = { openedAt: performance.now() - start, connectedAt: -1, closedAt: -1, bytesSent: 0, got: '', error: '' };
  results.push(r);
  const socket = net.connect({ port, host, localAddress });
  open.add(socket);
  let timer;
  socket.on('connect', () => {
    r.connectedAt = performance.now() - start;
    const sendByte = () => {
      if (!socket.writable) return;
      socket.write(HEAD[r.bytesSent] || 'a');
      r.bytesSent++;
    };
    sendByte();
    timer = setInterval(sendByte, byteEveryMs);
  });
  socket.on('data', (d) => { if (r.got.length < 40) r.got += d.toString('latin1').slice(0, 40 - r.got.length); });
  socket.on('error', (e) => { r.error = r.error || e.code || String(e); });
  socket.on('close', () => {
    clearInterval(timer);
    open.delete(socket);
    if (done) return;
    r.closedAt = performance.now() - start;
    if (++closed === count) finish();
  });
}
const opener = setInterval(() => {
  for (let k = 0; k < batch && results.length < count; k++) connect();
  if (results.length >= count) clearInterval(opener);
}, batchEveryMs);
const giveUp = setTimeout(finish, giveUpMs);
function finish() {
  if (done) return;
  done = true;
  clearInterval(opener);
  clearTimeout(giveUp);
  const stillOpen = open.size;
  for (const socket of open) socket.destroy();
  parentPort.postMessage({ results, stillOpen });
}
`;

function runSlowClients(t: TestContext, data: Record<string, unknown>): Promise<{ results: SlowResult[]; stillOpen: number }> {
  const worker = new Worker(SLOW_CLIENTS_WORKER, { eval: true, workerData: data });
  t.after(() => worker.terminate());
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the slow clients' worker exited (${code}) before reporting`)));
  });
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};

describe('slow clients', () => {
  test('limits: defaults, no per-address cap behind a trusted proxy unless set, bad values refused by buildApp', async (t) => {
    assert.deepEqual(resolveConnectionLimits({}), {
      headersTimeoutMs: DEFAULT_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: DEFAULT_REQUEST_TIMEOUT_MS,
      idleTimeoutMs: DEFAULT_IDLE_TIMEOUT_MS,
      maxConnectionsPerIp: DEFAULT_MAX_CONNECTIONS_PER_IP,
    });
    assert.equal(resolveConnectionLimits({}, true).maxConnectionsPerIp, 0);
    assert.equal(resolveConnectionLimits({ maxConnectionsPerIp: 500 }, true).maxConnectionsPerIp, 500);
    await assert.rejects(startBackend(t, { headersTimeoutMs: 0 }), /headersTimeoutMs must be a positive whole number of milliseconds, got 0/);
    await assert.rejects(startBackend(t, { idleTimeoutMs: 1.5 }), /idleTimeoutMs must be/);
    await assert.rejects(startBackend(t, { maxConnectionsPerIp: -1 }), /maxConnectionsPerIp must be a whole number \(0 = no cap\)/);
    await assert.rejects(startBackend(t, { headersTimeoutMs: 5_000, requestTimeoutMs: 1_000 }), /headersTimeoutMs \(5000\) must not exceed requestTimeoutMs \(1000\)/);
  });

  test('1 000 slow connections from one client: /health keeps answering (within 1 s) throughout, the slow ones are closed in time, at most the cap held', async (t) => {
    const backend = await startBackend(t, LIMITS);
    const port = await listen(backend);

    // What the server holds of the slow client: its cap closes the others as they are accepted.
    let held = 0;
    let maxHeld = 0;
    backend.app.server.on('connection', (socket: Socket) => {
      if (socket.remoteAddress !== SLOW_CLIENT || socket.destroyed) return;
      held++;
      maxHeld = Math.max(maxHeld, held);
      socket.once('close', () => held--);
    });

    assert.equal((await probeHealth(port)).status, 200, 'warm-up');
    const COUNT = 1_000;
    const giveUpMs = LIMITS.headersTimeoutMs + 4_000;
    let attackOver = false;
    const attack = runSlowClients(t, {
      port,
      host: '127.0.0.1',
      localAddress: SLOW_CLIENT,
      count: COUNT,
      batch: 50,
      batchEveryMs: 50,
      byteEveryMs: 500,
      giveUpMs,
    }).finally(() => (attackOver = true));

    // /health from another client every 100 ms, over the whole attack (bounded in count and time).
    const probes: { status: number; ms: number }[] = [];
    const probingUntil = performance.now() + giveUpMs + 1_000;
    while (!attackOver && probes.length < 100 && performance.now() < probingUntil) {
      probes.push(await probeHealth(port));
      await sleep(100);
    }
    const { results, stillOpen } = await attack;

    const latencies = probes.map((p) => p.ms);
    const summary = `/health during the attack: ${probes.length} probes, max ${Math.max(...latencies).toFixed(1)} ms, median ${quantile(latencies, 0.5).toFixed(1)} ms, p95 ${quantile(latencies, 0.95).toFixed(1)} ms; slow connections held at most ${maxHeld}`;
    t.diagnostic(summary);
    assert.ok(probes.length >= 10, `probed through the attack (${probes.length} probes)`);
    assert.deepEqual(
      probes.filter((p) => p.status !== 200),
      [],
      'every probe answered 200',
    );
    // Responsiveness, not speed (the latency figures are the bench's): every probe is answered well
    // before a client would give up, even on a loaded 2-core machine; the figures are in the message.
    assert.ok(Math.max(...latencies) < 1_000, summary);

    assert.equal(results.length, COUNT);
    assert.equal(stillOpen, 0, `${stillOpen} slow connections still open after ${giveUpMs} ms`);
    const notClosed = results.filter((r) => r.closedAt < 0).length;
    assert.equal(notClosed, 0, `${notClosed} slow connections never closed`);
    // Refused by the cap: reset, sometimes before the client saw it connected.
    const odd = results.filter((r) => r.connectedAt < 0 && r.error !== 'ECONNRESET');
    assert.deepEqual(odd.slice(0, 3), [], `${odd.length} connections failed otherwise`);
    const bound = LIMITS.headersTimeoutMs + CHECK_MS + MARGIN_MS;
    const lifetimes = results.map((r) => r.closedAt - r.openedAt);
    assert.ok(Math.max(...lifetimes) <= bound, `slow connections closed within ${bound} ms; longest ${Math.max(...lifetimes).toFixed(0)} ms`);
    assert.ok(maxHeld >= 1 && maxHeld <= LIMITS.maxConnectionsPerIp, `held ${maxHeld}, cap ${LIMITS.maxConnectionsPerIp}`);
    // The held ones ran into the headers timeout: 408, after at least the timeout.
    const timedOut = results.filter((r) => r.got.startsWith('HTTP/1.1 408'));
    const refused = results.filter((r) => r.error === 'ECONNRESET' && r.got === '');
    const heldFor = timedOut.map((r) => r.closedAt - r.openedAt);
    t.diagnostic(
      `${timedOut.length} closed with 408 after ${Math.min(...heldFor).toFixed(0)}–${Math.max(...heldFor).toFixed(0)} ms; ` +
        `${refused.length} reset by the cap within ${Math.max(...refused.map((r) => r.closedAt - r.openedAt)).toFixed(0)} ms`,
    );
    assert.ok(timedOut.length >= 1 && timedOut.length <= LIMITS.maxConnectionsPerIp, `${timedOut.length} got 408`);
    for (const r of timedOut) assert.ok(r.closedAt - r.openedAt >= LIMITS.headersTimeoutMs - 50, 'not before the headers timeout');
    // The server is still fine afterwards.
    assert.equal((await probeHealth(port)).status, 200);
  });

  test('a body that dribbles in is cut by the request timeout; one that arrives in time is not', async (t) => {
    const backend = await startBackend(t, LIMITS);
    const port = await listen(backend);

    // A slow-ish upload: longer than the headers timeout, within the request timeout.
    const ok = await rawConnection(t, port);
    const pdf = FILES.pdf;
    ok.socket.write(
      `POST /uploads HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\nX-File-Name: scan.pdf\r\nContent-Length: ${pdf.length}\r\nConnection: close\r\n\r\n`,
    );
    const parts = 8;
    const size = Math.ceil(pdf.length / parts);
    const started = performance.now();
    await dribble(ok.socket, Array.from({ length: parts }, (_, i) => pdf.subarray(i * size, (i + 1) * size)), 250);
    await ok.closed;
    assert.ok(performance.now() - started > LIMITS.headersTimeoutMs, 'took longer than the headers timeout');
    assert.match(ok.received(), /^HTTP\/1\.1 201 /, ok.received().slice(0, 200));

    // A body of 100 bytes at one byte per 200 ms: never idle, never done.
    const slow = await rawConnection(t, port);
    slow.socket.write('POST /requests HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n');
    const sentAt = performance.now();
    void dribble(slow.socket, Array.from({ length: 100 }, () => ' '), 200);
    const closedAt = await slow.closed;
    const lifetime = closedAt - sentAt;
    assert.match(slow.received(), /^HTTP\/1\.1 408 /, slow.received());
    assert.ok(
      lifetime >= LIMITS.requestTimeoutMs - 50 && lifetime <= LIMITS.requestTimeoutMs + CHECK_MS + MARGIN_MS,
      `closed after ${lifetime.toFixed(0)} ms (request timeout ${LIMITS.requestTimeoutMs} ms)`,
    );
  });

  test('an idle keep-alive connection, and one that stalls mid-body, are closed after the idle timeout', async (t) => {
    const backend = await startBackend(t, LIMITS);
    const port = await listen(backend);

    const idle = await rawConnection(t, port);
    idle.socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    const answeredAt = await new Promise<number>((resolve) => idle.socket.once('data', () => resolve(performance.now())));
    assert.match(idle.received(), /^HTTP\/1\.1 200 /);
    const idleFor = (await idle.closed) - answeredAt;
    const keepAliveBound = LIMITS.idleTimeoutMs + KEEP_ALIVE_BUFFER_MS + MARGIN_MS;
    assert.ok(idleFor >= LIMITS.idleTimeoutMs - 50 && idleFor <= keepAliveBound, `idle keep-alive closed after ${idleFor.toFixed(0)} ms`);

    // Headers complete, a few bytes of body, then silence.
    const stalled = await rawConnection(t, port);
    stalled.socket.write('POST /requests HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"type"');
    const stalledAt = performance.now();
    const stalledFor = (await stalled.closed) - stalledAt;
    assert.ok(
      stalledFor >= LIMITS.idleTimeoutMs - 50 && stalledFor < LIMITS.requestTimeoutMs,
      `stalled request closed after ${stalledFor.toFixed(0)} ms: the idle timeout, before the request timeout`,
    );
  });

  test('a status stream (SSE) and Socket.IO connections (polling, WebSocket, upgraded) outlive the idle and request timeouts', async (t) => {
    const operatorToken = randomBytes(32).toString('base64url');
    // No keep-alive comment during the test: the stream is quiet for longer than the idle timeout.
    const backend = await startBackend(t, { ...LIMITS, operatorToken, watchKeepAliveMs: 60_000 });
    const port = await listen(backend);
    const base = `http://127.0.0.1:${port}`;

    const created = await submit(backend.app, validRequest());
    assert.equal(created.statusCode, 201, created.body);
    const { number, lookupCode } = RequestCreated.parse(created.json());
    const found = await backend.app.inject({ method: 'POST', url: '/requests/lookup', payload: { number, factor: lookupCode } });
    assert.equal(found.statusCode, 200, found.body);
    const { watchToken } = StatusLookupResult.parse(found.json());

    // The stream.
    let streamText = '';
    let streamClosed = false;
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = httpRequest(`${base}/requests/watch?token=${encodeURIComponent(watchToken)}`, { agent: false }, resolve);
      req.on('error', reject);
      t.after(() => req.destroy());
      req.end();
    });
    assert.equal(response.statusCode, 200);
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => (streamText += chunk));
    response.on('error', () => {});
    response.on('close', () => (streamClosed = true));

    // The sockets.
    const sockets: Record<string, ClientSocket> = {};
    const disconnects: string[] = [];
    for (const [name, transports] of [
      ['polling', ['polling']],
      ['websocket', ['websocket']],
      ['upgraded', ['polling', 'websocket']],
    ] as const) {
      const socket = connectSocket(base, { path: '/socket.io', reconnection: false, timeout: 5_000, transports: [...transports] });
      t.after(() => socket.close());
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      socket.on('disconnect', (reason) => disconnects.push(`${name}: ${reason}`));
      sockets[name] = socket;
    }

    await sleep(Math.max(LIMITS.idleTimeoutMs + KEEP_ALIVE_BUFFER_MS, LIMITS.requestTimeoutMs) + 1_000);

    assert.equal(streamClosed, false, 'the status stream is still open');
    assert.deepEqual(disconnects, [], 'no socket was disconnected');
    // And they still carry messages.
    const changed = await backend.app.inject({
      method: 'POST',
      url: `/operator/api/requests/${number}/status`,
      headers: { authorization: `Bearer ${operatorToken}`, 'x-operator-name': 'test' },
      payload: { status: 'in_progress', comment: 'Проверяем.' },
    });
    assert.equal(changed.statusCode, 200, changed.body);
    for (let i = 0; i < 50 && !streamText.includes('in_progress'); i++) await sleep(20);
    assert.match(streamText, /in_progress/, 'the stream got the new status');
    for (const [name, socket] of Object.entries(sockets)) {
      assert.equal(socket.connected, true, name);
      const ack = await socket.timeout(2_000).emitWithAck('status:watch', { number: 'no such', factor: 'x' });
      assert.deepEqual(ack, { ok: false }, `${name} still answers`);
    }
    assert.equal(sockets.upgraded?.io.engine.transport.name, 'websocket', 'the default client upgraded');
    // Clients leave first: a server closing a polling client it cannot write to waits 30 s for it.
    for (const socket of Object.values(sockets)) socket.close();
    for (let i = 0; i < 100 && backend.io.engine.clientsCount > 0; i++) await sleep(20);
  });
});
