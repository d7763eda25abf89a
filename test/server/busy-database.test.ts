import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { describe, test, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { readSettings } from '../../server/env.js';
import { openDatabase } from '../../server/db.js';
import { errorServerOptions, installErrorHandling } from '../../server/http/errors.js';
import { ApiClient, ApiRequestError } from '../../src/api/client.js';
import { problemText } from '../../src/features/chat/chat-text.js';
import { ChatRequestError, RETRYABLE } from '../../src/features/chat/chat-connection.js';
import { problemOf } from '../../src/features/chat/chat-model.js';
import { en as chatEn } from '../../src/features/chat/texts/en.js';
import { ru as chatRu } from '../../src/features/chat/texts/ru.js';
import { submitProblemText } from '../../src/features/request/request-form-notices.js';
import { en } from '../../src/i18n/en.js';
import type { Messages } from '../../src/i18n/messages.js';
import { ru } from '../../src/i18n/ru.js';
import { ApiError } from '../../src/protocol/error.js';
import { CHAT_NAMESPACE } from '../../src/protocol/chat.js';
import { endpoints } from '../../src/protocol/endpoints.js';
import { apiProblem } from '../../src/shared/api-problem.js';
import { startSourceServer } from '../helpers/server-process.js';
import { holdWriteLock as holdLock } from '../helpers/write-lock.js';
import { call, socketTo } from '../helpers/socket-events.js';
import { RUSSIAN, ROOT, TEST_DATABASE, newKey, startBackend, submit, tempDir, validRequest, type TestBackend } from './support.js';

/** What a busy database must be answered with: 503, `Retry-After` in seconds, the one error shape. */
function assertBusyAnswer(status: number, retryAfter: string | string[] | number | undefined | null, body: unknown) {
  assert.equal(status, 503, JSON.stringify(body));
  assert.match(String(retryAfter), /^[1-9]\d*$/, 'Retry-After in whole seconds');
  const parsed = ApiError.parse(body);
  assert.equal(parsed.error.code, 'unavailable');
  assert.equal(parsed.error.retryAfterSeconds, Number(retryAfter));
  assert.match(parsed.error.message, RUSSIAN);
  assert.deepEqual(Object.keys(body as object), ['error']);
}

/** A request body of its own (phone, e-mail): the per-phone and per-e-mail limits never meet. */
function distinctRequest(i: number) {
  const digits = String(i).padStart(4, '0');
  return validRequest({ phone: `8 (912) 555-${digits.slice(0, 2)}-${digits.slice(2)}`, email: `citizen${i}@example.ru` });
}

describe('a busy database (unit: the error handler)', () => {
  /** A tiny app with the server's error handling and one route whose store throws `error`. */
  async function appThrowing(t: TestContext, error: unknown) {
    const app = Fastify({ ...errorServerOptions });
    installErrorHandling(app);
    const store = {
      create(): never {
        throw error;
      },
    };
    app.post('/requests', async () => store.create());
    t.after(() => app.close());
    return app;
  }

  for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_TIMEOUT', 'SQLITE_LOCKED', 'SQLITE_LOCKED_SHAREDCACHE']) {
    test(`a store throwing ${code} answers 503 unavailable with Retry-After, not 500`, async (t) => {
      const app = await appThrowing(t, new Database.SqliteError('database is locked', code));
      const res = await app.inject({ method: 'POST', url: '/requests', payload: {} });
      assertBusyAnswer(res.statusCode, res.headers['retry-after'], res.json());
      assert.doesNotMatch(res.body, /database is locked|SQLITE/, 'no SQLite detail leaves the server');
    });
  }

  test('other SQLite errors stay 500 internal', async (t) => {
    const app = await appThrowing(t, new Database.SqliteError('UNIQUE constraint failed: requests.number', 'SQLITE_CONSTRAINT_UNIQUE'));
    const res = await app.inject({ method: 'POST', url: '/requests', payload: {} });
    assert.equal(res.statusCode, 500);
    assert.equal(res.json().error.code, 'internal');
    assert.equal(res.headers['retry-after'], undefined);
  });
});

describe('the bound of the wait (DATABASE_BUSY_TIMEOUT_MS)', () => {
  test('readSettings takes DATABASE_BUSY_TIMEOUT_MS (default: unset = 5000 in openDatabase) and refuses nonsense', () => {
    assert.equal(readSettings({ DATABASE_BUSY_TIMEOUT_MS: '1' }).app.databaseBusyTimeoutMs, 1);
    assert.equal(readSettings({ DATABASE_BUSY_TIMEOUT_MS: '15000' }).app.databaseBusyTimeoutMs, 15_000);
    assert.equal(readSettings({}).app.databaseBusyTimeoutMs, undefined);
    for (const bad of ['0', '-1', '1.5', 'soon', '5s']) {
      assert.throws(() => readSettings({ DATABASE_BUSY_TIMEOUT_MS: bad }), /DATABASE_BUSY_TIMEOUT_MS/, bad);
    }
  });

  test('openDatabase sets busy_timeout to the bound, 5000 ms by default', async (t) => {
    const dir = tempDir(t);
    const byDefault = await openDatabase(join(dir, 'a.sqlite'));
    const bounded = await openDatabase(join(dir, 'b.sqlite'), { busyTimeoutMs: 250 });
    t.after(async () => {
      await byDefault.close();
      await bounded.close();
    });
    assert.equal(byDefault.sqlite.pragma('busy_timeout', { simple: true }), 5000);
    assert.equal(bounded.sqlite.pragma('busy_timeout', { simple: true }), 250);
  });
});

/** The tables a request submission and a chat opening write (PostgreSQL's lock in holdWriteLock). */
const WRITTEN_TABLES = ['requests', 'request_sequences', 'idempotency_keys', 'notification_outbox', 'chat_conversations', 'chat_messages'];

describe('a write lock held by another connection', () => {
  /** Another connection holding the write lock: of the SQLite file, or on PostgreSQL of WRITTEN_TABLES. */
  const holdWriteLock = (t: TestContext, backend: TestBackend) => holdLock(t, backend.databaseLocation, WRITTEN_TABLES);

  test('past a tiny bound a submission answers 503 with Retry-After; the same submission succeeds once the lock is gone', async (t) => {
    const backend = await startBackend(t, { databaseBusyTimeoutMs: 1 });
    const lock = await holdWriteLock(t, backend);
    const key = newKey();

    const started = performance.now();
    const busy = await submit(backend.app, validRequest(), key);
    assertBusyAnswer(busy.statusCode, busy.headers['retry-after'], busy.json());
    assert.ok(performance.now() - started < 2000, 'answered without waiting the default 5 s');

    await lock.release();
    const retried = await submit(backend.app, validRequest(), key);
    assert.equal(retried.statusCode, 201, retried.body);
    assert.match(retried.json().number, /^\d{4}-\d{6}$/);
  });

  test('the refused submission did not use up a rate-limit place', async (t) => {
    const backend = await startBackend(t, { databaseBusyTimeoutMs: 1, rateLimits: { requestsPerIp: { limit: 1, windowMs: 60_000 } } });
    const lock = await holdWriteLock(t, backend);
    const busy = await submit(backend.app, validRequest());
    assert.equal(busy.statusCode, 503, busy.body);
    await lock.release();
    const next = await submit(backend.app, validRequest());
    assert.equal(next.statusCode, 201, next.body);
  });

  test('a chat ack gets the same code (unavailable, with retryAfterSeconds), not internal', async (t) => {
    const backend = await startBackend(t, { databaseBusyTimeoutMs: 1 });
    await backend.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(backend.app.server.address() as AddressInfo).port}`;
    const socket = await socketTo(url, CHAT_NAMESPACE, { reconnection: false });
    t.after(() => socket.close());
    const lock = await holdWriteLock(t, backend);

    const opening = { startId: randomUUID(), kind: 'technical', summary: 'Не получается войти', question: 'Забыл пароль', locale: 'ru' };
    const refused = await call(socket, 'chat:start', opening);
    assert.equal(refused.ok, false, JSON.stringify(refused));
    assert.equal(refused.error.code, 'unavailable');
    assert.equal(typeof refused.error.retryAfterSeconds, 'number');
    assert.ok(refused.error.retryAfterSeconds > 0);
    assert.match(refused.error.message, RUSSIAN);

    await lock.release();
    const accepted = await call(socket, 'chat:start', opening);
    assert.equal(accepted.ok, true, JSON.stringify(accepted));
  });

  test("the widget's client reads the 503 as `unavailable`, and the form says to send again (ru, en)", async (t) => {
    const backend = await startBackend(t, { databaseBusyTimeoutMs: 1 });
    await backend.app.listen({ port: 0, host: '127.0.0.1' });
    const client = new ApiClient(`http://127.0.0.1:${(backend.app.server.address() as AddressInfo).port}`);
    await holdWriteLock(t, backend);

    const error = await client
      .call(endpoints.createRequest, { body: validRequest() as never, headers: { 'Idempotency-Key': newKey() } })
      .then(() => assert.fail('a busy database must refuse'), (e: unknown) => e);
    assert.ok(error instanceof ApiRequestError);
    assert.equal(error.status, 503);
    assert.equal(error.code, 'unavailable');
    assert.equal(error.retryAfterSeconds, 2);
    // Not «offline»: the server answered. The form keeps what was typed and says to send again.
    assert.deepEqual(apiProblem(error), { kind: 'failed' });
    assert.equal(submitProblemText(ru as Messages, { kind: 'failed' }), ru.forms.submitFailed);
    assert.equal(submitProblemText(en as Messages, { kind: 'failed' }), en.forms.submitFailed);
  });

  test('within the default bound a submission waits for a short lock (held by another process) and succeeds', async (t) => {
    const backend = await startBackend(t);
    const { dbPath, databaseUrl } = backend.databaseLocation;
    if (databaseUrl) {
      // PostgreSQL's client waits without blocking: the holder can live in this process.
      const lock = await holdWriteLock(t, backend);
      setTimeout(() => void lock.release(), 600);
    } else {
      // Another process: in this one the wait would block the event loop that has to release it.
      const holder = spawn(
        process.execPath,
        [
          '-e',
          `const db = new (require('better-sqlite3'))(process.argv[1]);
           db.exec('BEGIN IMMEDIATE');
           console.log('locked');
           setTimeout(() => { db.exec('COMMIT'); db.close(); }, 600);`,
          dbPath,
        ],
        { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      t.after(() => holder.kill('SIGKILL'));
      await new Promise<void>((resolve, reject) => {
        holder.stdout!.once('data', () => resolve());
        holder.once('exit', (code) => reject(new Error(`the lock holder exited with ${code}`)));
      });
    }
    const started = performance.now();
    const res = await submit(backend.app, validRequest());
    assert.equal(res.statusCode, 201, res.body);
    assert.ok(performance.now() - started >= 300, 'it waited for the lock');
  });
});

/** The reference backend as `npm start` runs it, on `dbPath`, behind a (pretended) proxy. */
async function startProcess(t: TestContext, dbPath: string, uploadDir: string): Promise<string> {
  const server = await startSourceServer(t, {
    DB_PATH: dbPath,
    UPLOAD_DIR: uploadDir,
    OPERATOR_TOKEN: 'busy-db-process-operator-token-8e1f5c2a9b7d',
    // Each submission from an address of its own (X-Forwarded-For): the per-IP limit never meets.
    TRUST_PROXY: '1',
  });
  return server.url;
}

describe('two server processes on one SQLite file', { skip: TEST_DATABASE === 'postgres' && 'SQLite only' }, () => {
  test('40 concurrent submissions split across them: none is 500, each 201 or 503 with Retry-After, and with the default bound all 201', async (t) => {
    const dir = tempDir(t);
    const dbPath = join(dir, 'db.sqlite');
    // Started at the same moment on a fresh file: both apply (or find applied) the migrations.
    const [a, b] = await Promise.all([startProcess(t, dbPath, join(dir, 'uploads')), startProcess(t, dbPath, join(dir, 'uploads'))]);

    let counter = 0;
    for (let round = 0; round < 2; round++) {
      const answers = await Promise.all(
        Array.from({ length: 40 }, async (_, i) => {
          const n = counter++;
          const res = await fetch(`${i % 2 === 0 ? a : b}/requests`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': newKey(), 'x-forwarded-for': `10.9.${n >> 8}.${n & 255}` },
            body: JSON.stringify(distinctRequest(n)),
          });
          return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as unknown };
        }),
      );
      const statuses = answers.map((x) => x.status);
      assert.ok(!statuses.includes(500), `no 500 in round ${round}: ${JSON.stringify(answers.filter((x) => x.status === 500))}`);
      for (const answer of answers) {
        if (answer.status === 503) assertBusyAnswer(answer.status, answer.retryAfter, answer.body);
        else assert.equal(answer.status, 201, JSON.stringify(answer.body));
      }
      assert.deepEqual(statuses, Array(40).fill(201), 'within the default bound every submission is registered');
      const numbers = answers.map((x) => (x.body as { number: string }).number);
      assert.equal(new Set(numbers).size, 40, 'each its own number');
    }
  });
});

describe("the widget's chat reads `unavailable`", () => {
  test('retried (after retryAfterSeconds), then «busy» in the catalogue, not the server sentence or «could not reach»', () => {
    const error = new ChatRequestError('unavailable', 'Сервер сейчас перегружен.', 2);
    assert.ok(RETRYABLE.has(error.code));
    const problem = problemOf(error);
    assert.deepEqual(problem, { kind: 'busy' });
    assert.equal(problemText(problem, { chat: chatRu } as Messages), chatRu.problems.busy);
    assert.equal(problemText(problem, { chat: chatEn } as Messages), chatEn.problems.busy);
    assert.match(chatRu.problems.busy, RUSSIAN);
    assert.doesNotMatch(chatEn.problems.busy, RUSSIAN);
  });
});
