import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { describe, test, type TestContext } from 'node:test';
import { buildApp, type BackendApp } from '../../server/app.js';
import { WATCH_NOT_FOUND_MESSAGE } from '../../server/status/routes.js';
import { WATCH_SECRET_KEY } from '../../server/status/watch-token.js';
import { ApiError } from '../../src/protocol/error.js';
import { RequestCreated } from '../../src/protocol/request.js';
import { RequestStatusView, STATUS_STREAM_EVENT, StatusLookupResult } from '../../src/protocol/status.js';
import { DEMO_CONFIG, FIXED_NOW, RUSSIAN, SITE_DIR, startBackend, submit, testClock, testDatabaseUrl, validRequest, type TestBackend } from './support.js';

/** A strong token (32 random bytes): the server refuses weak ones. */
const TOKEN = 'Xgpki2ZHSgY398e11ryQxJVeJX5cJ6LHl94pXX8r8mI';
const HOUR = 3_600_000;
const PORTAL = 'https://portal.example';
const SECRET_NOTE = 'СЕКРЕТНАЯ ЗАМЕТКА: звонил в банк';
const OPERATOR_NAME = 'Петров П.';

async function register(backend: TestBackend, overrides: Record<string, unknown> = {}): Promise<RequestCreated> {
  const res = await submit(backend.app, validRequest(overrides));
  assert.equal(res.statusCode, 201, res.body);
  return RequestCreated.parse(res.json());
}

async function lookup(backend: Pick<TestBackend, 'app'>, number: string, factor: string): Promise<StatusLookupResult> {
  const res = await backend.app.inject({ method: 'POST', url: '/requests/lookup', payload: { number, factor } });
  assert.equal(res.statusCode, 200, res.body);
  return StatusLookupResult.parse(res.json());
}

/** A registered request and its watch token. */
async function watched(backend: TestBackend, overrides: Record<string, unknown> = {}) {
  const created = await register(backend, overrides);
  const result = await lookup(backend, created.number, created.lookupCode);
  return { created, result, token: result.watchToken };
}

/** An operator call with the Bearer token. */
function operator(backend: Pick<TestBackend, 'app'>, url: string, payload: Record<string, unknown>) {
  return backend.app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${TOKEN}`, 'x-operator-name': encodeURIComponent(OPERATOR_NAME) },
    payload,
  });
}

async function listen(backend: Pick<TestBackend, 'app'>): Promise<string> {
  await backend.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(backend.app.server.address() as AddressInfo).port}`;
}

const watchUrl = (base: string, token: string) => `${base}/requests/watch?token=${encodeURIComponent(token)}`;

interface SseEvent {
  event?: string;
  data?: string;
  retry?: string;
  comments: string[];
}

/** The complete events (blocks ending in a blank line) of an SSE text. */
function parseSse(text: string): SseEvent[] {
  const blocks = text.split('\n\n');
  blocks.pop(); // not finished yet
  return blocks.map((block) => {
    const event: SseEvent = { comments: [] };
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) {
        event.comments.push(line.slice(1).trim());
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event' || field === 'retry') event[field] = value;
      if (field === 'data') event.data = event.data === undefined ? value : `${event.data}\n${value}`;
    }
    return event;
  });
}

/** An open `GET /requests/watch`, read as it comes, through node's fetch (real HTTP). */
interface Stream {
  res: Response;
  /** Everything received so far. */
  text(): string;
  /** The `event: status` views received so far. */
  views(): RequestStatusView[];
  /** Resolves once `done()` holds for what was received (rejects after `ms`). */
  until(done: (stream: Stream) => boolean, what: string, ms?: number): Promise<void>;
  /** 'end' when the server ended the answer cleanly, 'error' when it broke or was aborted. */
  ended: Promise<'end' | 'error'>;
  close(): void;
}

async function openStream(t: TestContext, url: string, headers: Record<string, string> = {}): Promise<Stream> {
  const controller = new AbortController();
  t.after(() => controller.abort());
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
  let received = '';
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const waiter of [...waiters]) waiter();
  };
  const ended = (async (): Promise<'end' | 'error'> => {
    if (!res.body) return 'end';
    const decoder = new TextDecoder();
    const reader = res.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return 'end';
        received += decoder.decode(value, { stream: true });
        notify();
      }
    } catch {
      return 'error';
    } finally {
      notify();
    }
  })();
  let finished = false;
  void ended.then(() => {
    finished = true;
    notify();
  });
  const stream: Stream = {
    res,
    text: () => received,
    views: () =>
      parseSse(received)
        .filter((e) => e.event === STATUS_STREAM_EVENT)
        .map((e) => RequestStatusView.parse(JSON.parse(e.data ?? ''))),
    until(done, what, ms = 5000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${what}; received: ${JSON.stringify(received)}`));
        }, ms);
        function check() {
          if (done(stream)) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve();
          } else if (finished) {
            clearTimeout(timer);
            waiters.delete(check);
            reject(new Error(`the stream ended before ${what}; received: ${JSON.stringify(received)}`));
          }
        }
        waiters.add(check);
        check();
      });
    },
    ended,
    close: () => controller.abort(),
  };
  return stream;
}

/** A 404 of a bad token: the usual ApiError JSON. */
async function assertRefused(base: string, token: string, what: string) {
  const res = await fetch(watchUrl(base, token));
  assert.equal(res.status, 404, what);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/, what);
  const body = ApiError.parse(await res.json());
  assert.deepEqual(body, { error: { code: 'not_found', message: WATCH_NOT_FOUND_MESSAGE } }, what);
  assert.match(body.error.message, RUSSIAN);
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as { n: string; e: number };

describe('GET /requests/watch (Server-Sent Events)', () => {
  test('the lookup answers a watch token; the stream starts with retry: and the current view', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, operatorToken: TOKEN });
    const { created, result, token } = await watched(backend);
    assert.match(token, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/, 'payload.signature, base64url');
    assert.deepEqual(claimsOf(token), { n: created.number, e: FIXED_NOW + 12 * HOUR }, 'names the request, expires in 12 hours');
    const { watchToken: _token, ...view } = result;
    assert.deepEqual(RequestStatusView.parse(view), view, 'the rest is the RequestStatusView');
    assert.equal(view.status, 'registered');

    const base = await listen(backend);
    const stream = await openStream(t, watchUrl(base, token));
    assert.equal(stream.res.status, 200);
    assert.equal(stream.res.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    assert.equal(stream.res.headers.get('cache-control'), 'no-store');
    assert.equal(stream.res.headers.get('x-accel-buffering'), 'no');
    assert.equal(stream.res.headers.get('x-content-type-options'), 'nosniff', 'the app-wide headers are kept');
    await stream.until((s) => s.views().length === 1, 'the current view');
    assert.ok(stream.text().startsWith('retry: 5000\n\nevent: status\ndata: {'), JSON.stringify(stream.text()));
    assert.deepEqual(stream.views(), [view]);
  });

  test('an operator status change arrives as event: status with the new status and comment; internal notes never appear', async (t) => {
    const clock = testClock();
    const backend = await startBackend(t, { now: clock.now, operatorToken: TOKEN });
    const { created, token } = await watched(backend);
    const other = await watched(backend, { phone: '+7 900 000-00-01', email: 'other\u0040example.ru' });
    const base = await listen(backend);
    const stream = await openStream(t, watchUrl(base, token));
    const otherStream = await openStream(t, watchUrl(base, other.token));
    await stream.until((s) => s.views().length === 1, 'the current view');
    await otherStream.until((s) => s.views().length === 1, 'the current view of the other request');

    const url = `/operator/api/requests/${created.number}`;
    clock.advance(HOUR);
    assert.equal((await operator(backend, `${url}/notes`, { note: SECRET_NOTE })).statusCode, 200);
    clock.advance(HOUR);
    const changed = await operator(backend, `${url}/status`, { status: 'in_progress', comment: 'Проверяем платёж.' });
    assert.equal(changed.statusCode, 200, changed.body);
    await stream.until((s) => s.views().length === 2, 'the status change');

    const view = stream.views()[1]!;
    assert.equal(view.number, created.number);
    assert.equal(view.status, 'in_progress');
    assert.equal(view.statusChangedAt, new Date(FIXED_NOW + 2 * HOUR).toISOString());
    assert.deepEqual(view.history, [
      { status: 'registered', at: created.createdAt },
      { status: 'in_progress', at: new Date(FIXED_NOW + 2 * HOUR).toISOString(), comment: 'Проверяем платёж.' },
    ]);
    assert.deepEqual(view, RequestStatusView.parse((await lookup(backend, created.number, created.lookupCode))), 'the same view as a lookup');

    // Another note and another change: still one event per change, never a note.
    assert.equal((await operator(backend, `${url}/notes`, { note: `${SECRET_NOTE} (2)` })).statusCode, 200);
    assert.equal((await operator(backend, `${url}/status`, { status: 'completed', comment: 'Ответ отправлен.' })).statusCode, 200);
    await stream.until((s) => s.views().length === 3, 'the second status change');
    assert.equal(stream.views()[2]!.status, 'completed');
    assert.equal(stream.views()[2]!.overdue, false);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(stream.views().length, 3, 'notes send nothing');
    assert.doesNotMatch(stream.text(), /СЕКРЕТНАЯ|звонил|Петров|internal|operator/, 'no notes, no operator names');
    assert.equal(otherStream.views().length, 1, 'the stream of another request hears nothing');
  });

  test('a tampered token, another number edited in, a malformed and an expired token get 404', async (t) => {
    const clock = testClock();
    const backend = await startBackend(t, { now: clock.now, operatorToken: TOKEN });
    const { created, token } = await watched(backend);
    const other = await register(backend, { phone: '+7 900 000-00-02', email: 'other\u0040example.ru' });
    const base = await listen(backend);
    const [payload, signature] = token.split('.') as [string, string];

    const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
    await assertRefused(base, `${payload}.${flip(signature, 0)}`, 'signature changed');
    await assertRefused(base, `${payload}.${flip(signature, signature.length - 1)}`, 'last character of the signature changed');
    await assertRefused(base, `${flip(payload, 3)}.${signature}`, 'payload changed');
    const claims = claimsOf(token);
    await assertRefused(base, `${b64({ ...claims, n: other.number })}.${signature}`, 'another number edited in');
    await assertRefused(base, `${b64({ ...claims, e: claims.e + 365 * 24 * HOUR })}.${signature}`, 'a later expiry edited in');
    for (const bad of ['x', `${payload}.`, `.${signature}`, `${payload}.${signature}.x`, `${payload}.${signature}=`, `${payload} .${signature}`, 'a'.repeat(512)]) {
      await assertRefused(base, bad, `malformed: ${bad.slice(0, 40)}`);
    }
    const missing = await fetch(`${base}/requests/watch`);
    assert.equal(missing.status, 400, 'no token at all is a validation error');
    assert.equal(ApiError.parse(await missing.json()).error.code, 'validation_failed');

    // Valid until 12 hours after the lookup, not a millisecond longer.
    clock.advance(12 * HOUR - 1);
    const stream = await openStream(t, watchUrl(base, token));
    assert.equal(stream.res.status, 200);
    await stream.until((s) => s.views().length === 1, 'the view just before expiry');
    assert.equal(stream.views()[0]!.number, created.number);
    stream.close();
    clock.advance(1);
    await assertRefused(base, token, 'expired');
    const fresh = await lookup(backend, created.number, created.lookupCode);
    assert.notEqual(fresh.watchToken, token, 'a new lookup gives a new token');
    const again = await openStream(t, watchUrl(base, fresh.watchToken));
    assert.equal(again.res.status, 200);
  });

  test('a token keeps working after a restart on the same database, and only there', async (t) => {
    const clock = testClock();
    // On PostgreSQL both start on this one database.
    const databaseUrl = await testDatabaseUrl(t);
    const first = await startBackend(t, { now: clock.now, operatorToken: TOKEN, ...(databaseUrl ? { databaseUrl } : {}) });
    const { created, token } = await watched(first);
    const readSecret = async (backend: BackendApp) =>
      (await backend.database.kysely.selectFrom('meta').select('value').where('key', '=', WATCH_SECRET_KEY).executeTakeFirstOrThrow()).value;
    const secret = await readSecret(first);
    assert.equal(Buffer.from(secret, 'base64url').length, 32, '32 random bytes in meta');
    await first.close();

    clock.advance(HOUR);
    const second = await buildApp({
      dbPath: join(first.dir, 'db.sqlite'),
      ...(databaseUrl ? { databaseUrl } : {}),
      configPath: DEMO_CONFIG,
      corsOrigins: [],
      distDir: first.distDir,
      siteDir: SITE_DIR,
      now: clock.now,
      operatorToken: TOKEN,
    });
    try {
      assert.equal(await readSecret(second), secret, 'the same secret');
      const base = await listen(second);
      const stream = await openStream(t, watchUrl(base, token));
      assert.equal(stream.res.status, 200);
      await stream.until((s) => s.views().length === 1, 'the view after the restart');
      assert.equal(stream.views()[0]!.number, created.number);
      assert.equal((await operator(second, `/operator/api/requests/${created.number}/status`, { status: 'rejected' })).statusCode, 200);
      await stream.until((s) => s.views().length === 2, 'a change after the restart');
      assert.equal(stream.views()[1]!.status, 'rejected');
    } finally {
      await second.close();
    }

    // Another database has another secret.
    const elsewhere = await startBackend(t, { now: clock.now });
    await assertRefused(await listen(elsewhere), token, 'a token of another database');
  });

  test('at most 20 open streams per client IP: the 21st gets 429 with Retry-After until one closes', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW });
    const { token } = await watched(backend);
    const base = await listen(backend);
    const streams: Stream[] = [];
    for (let i = 0; i < 20; i++) {
      const stream = await openStream(t, watchUrl(base, token));
      assert.equal(stream.res.status, 200, `stream ${i + 1}`);
      streams.push(stream);
    }
    const refused = await fetch(watchUrl(base, token));
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), '30');
    const body = ApiError.parse(await refused.json());
    assert.equal(body.error.code, 'rate_limited');
    assert.equal(body.error.retryAfterSeconds, 30);
    assert.match(body.error.message, RUSSIAN);

    // A client that goes away frees its place.
    streams[0]!.close();
    const deadline = Date.now() + 3000;
    let res: Response;
    for (;;) {
      res = await fetch(watchUrl(base, token));
      if (res.status !== 429 || Date.now() > deadline) break;
      await res.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.equal(res.status, 200, 'a place was freed');
    await res.body?.cancel();
  });

  test('keeps the connection alive with comment lines', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, watchKeepAliveMs: 30 });
    const { token } = await watched(backend);
    const stream = await openStream(t, watchUrl(await listen(backend), token));
    await stream.until((s) => parseSse(s.text()).filter((e) => e.comments.includes('keep-alive')).length >= 2, 'two keep-alive comments');
    assert.match(stream.text(), /\n\n: keep-alive\n\n/);
    assert.equal(stream.views().length, 1, 'comments are not events');
  });

  test('an allowed origin gets its CORS header on the stream; a foreign one does not', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, corsOrigins: [PORTAL] });
    const { token } = await watched(backend);
    const base = await listen(backend);
    const allowed = await openStream(t, watchUrl(base, token), { origin: PORTAL });
    assert.equal(allowed.res.status, 200);
    assert.equal(allowed.res.headers.get('access-control-allow-origin'), PORTAL);
    assert.match(allowed.res.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
    await allowed.until((s) => s.views().length === 1, 'the view, cross-origin');
    const foreign = await openStream(t, watchUrl(base, token), { origin: 'https://evil.example' });
    assert.equal(foreign.res.headers.get('access-control-allow-origin'), null);
  });

  test('the request log never shows the token', async (t) => {
    const lines: string[] = [];
    const backend = await startBackend(t, { now: () => FIXED_NOW, logger: { stream: { write: (line) => void lines.push(line) }, level: 'trace' } });
    const { token } = await watched(backend);
    const base = await listen(backend);
    const stream = await openStream(t, `${watchUrl(base, token)}&x=1`);
    await stream.until((s) => s.views().length === 1, 'the current view');
    stream.close();
    await stream.ended;
    await assertRefused(base, `${token}x`, 'a wrong token');
    const log = lines.join('');
    assert.match(log, /"url":"\/requests\/watch\?token=\[скрыто\]&x=1"/);
    assert.match(log, /status stream opened/);
    assert.ok(!log.includes(token.split('.')[1]!), 'no signature in the log');
    assert.ok(!log.includes(token.split('.')[0]!), 'no payload in the log');
  });

  test('closing the app while streams are open ends them cleanly and promptly', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW });
    const { token } = await watched(backend);
    const base = await listen(backend);
    const streams = [await openStream(t, watchUrl(base, token)), await openStream(t, watchUrl(base, token))];
    for (const stream of streams) await stream.until((s) => s.views().length === 1, 'the current view');

    const started = performance.now();
    await backend.close();
    const took = performance.now() - started;
    assert.ok(took < 1500, `close took ${took.toFixed(0)} ms`);
    for (const stream of streams) assert.equal(await stream.ended, 'end', 'the answer ended, not cut off');
    assert.equal(backend.app.server.listening, false);
    await assert.rejects(backend.database.kysely.selectFrom('meta').selectAll().execute(), 'the database is closed');
  });
});
