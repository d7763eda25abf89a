import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { z } from 'zod/mini';
import { HttpError } from '../../server/http/errors.js';
import { defineRoute } from '../../server/http/route.js';
import type { Endpoint } from '../../src/protocol/endpoints.js';
import { ApiError } from '../../src/protocol/error.js';
import { FIELD_ERROR_KEYS } from '../../src/protocol/field-errors.js';
import { ru } from '../../src/i18n/ru.js';
import { RUSSIAN, startBackend, type TestBackend } from './support.js';

const createThing = {
  method: 'POST',
  path: '/test/things/:kind',
  tag: 'test',
  summary: 'A test endpoint with a body schema.',
  body: z.strictObject({
    name: z.string().check(z.trim(), z.minLength(2)),
    age: z.number().check(z.int(), z.gte(18)),
    email: z.email(),
    tags: z._default(z.array(z.string()), []),
  }),
  response: z.object({ kind: z.string(), name: z.string(), tags: z.array(z.string()) }),
  status: 201,
} as const satisfies Endpoint;

const search = {
  method: 'GET',
  path: '/test/search',
  tag: 'test',
  summary: 'A test endpoint with a query schema.',
  query: z.object({ q: z.string().check(z.minLength(1)), limit: z.optional(z.coerce.number().check(z.int(), z.lte(50))) }),
  response: z.object({ q: z.string(), limit: z.number() }),
} as const satisfies Endpoint;

const failing = {
  method: 'GET',
  path: '/test/fail/:how',
  tag: 'test',
  summary: 'Throws.',
  response: z.object({}),
} as const satisfies Endpoint;

async function backendWithTestRoutes(t: Parameters<typeof startBackend>[0]): Promise<TestBackend> {
  const backend = await startBackend(t);
  defineRoute(backend.app, createThing, ({ body, params }) => ({ kind: params.kind!, name: body.name, tags: body.tags }));
  defineRoute(backend.app, search, ({ query }) => ({ q: query.q, limit: query.limit ?? 10 }));
  defineRoute(backend.app, failing, ({ params }) => {
    if (params.how === 'conflict') throw new HttpError(409, 'conflict', 'Заявка уже закрыта.');
    if (params.how === 'limited') throw new HttpError(429, 'rate_limited', 'Слишком много запросов.', undefined, 30);
    throw new Error('secret database password leaked in a stack');
  });
  return backend;
}

describe('defineRoute', () => {
  test('a valid body reaches the handler parsed, answered with the endpoint status', async (t) => {
    const { app } = await backendWithTestRoutes(t);
    const res = await app.inject({
      method: 'POST',
      url: '/test/things/letter',
      payload: { name: '  Иван  ', age: 30, email: 'ivan\u0040example.org' },
    });
    assert.equal(res.statusCode, 201);
    assert.deepEqual(res.json(), { kind: 'letter', name: 'Иван', tags: [] });
  });

  test('an invalid body answers 400 with one Russian FieldIssue per problem', async (t) => {
    const { app } = await backendWithTestRoutes(t);
    const res = await app.inject({
      method: 'POST',
      url: '/test/things/letter',
      payload: { name: 'И', age: 'тридцать', email: 'not-an-email', tags: ['ok', 7], extra: true },
    });
    assert.equal(res.statusCode, 400);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    const body = res.json() as ApiError;
    assert.deepEqual(Object.keys(body), ['error']);
    assert.deepEqual(Object.keys(body.error).sort(), ['code', 'issues', 'message']);
    assert.equal(body.error.code, 'validation_failed');
    assert.equal(body.error.message, 'Данные запроса не прошли проверку.');
    // `code` is a FieldErrorKey the widget knows; `message` is its Russian text (ru.fieldErrors).
    assert.deepEqual(
      body.error.issues?.map(({ path, code }) => ({ path, code })),
      [
        { path: ['name'], code: 'too_short' },
        { path: ['age'], code: 'invalid' },
        { path: ['email'], code: 'email' },
        { path: ['tags', 1], code: 'invalid' },
        { path: [], code: 'invalid' },
      ],
    );
    for (const issue of body.error.issues ?? []) {
      assert.deepEqual(Object.keys(issue).sort(), ['code', 'message', 'path']);
      assert.ok((FIELD_ERROR_KEYS as readonly string[]).includes(issue.code), issue.code);
      assert.match(issue.message, RUSSIAN, `Russian message for ${issue.path.join('.')}: ${issue.message}`);
    }
    assert.equal(body.error.issues?.[0]?.message, 'Слишком коротко: нужно не меньше 2 символов', '{min} is filled in');
    assert.equal(body.error.issues?.[1]?.message, ru.fieldErrors.invalid);
    assert.equal(body.error.issues?.[2]?.message, ru.fieldErrors.email);
    ApiError.parse(body);
  });

  test('a missing body is a validation failure too', async (t) => {
    const { app } = await backendWithTestRoutes(t);
    const res = await app.inject({ method: 'POST', url: '/test/things/letter' });
    assert.equal(res.statusCode, 400);
    const body = res.json() as ApiError;
    assert.equal(body.error.code, 'validation_failed');
    assert.deepEqual(body.error.issues, [{ path: [], code: 'required', message: ru.fieldErrors.required }]);
  });

  test('the query string is validated and coerced', async (t) => {
    const { app } = await backendWithTestRoutes(t);
    const ok = await app.inject({ method: 'GET', url: '/test/search?q=паспорт&limit=5' });
    assert.equal(ok.statusCode, 200);
    assert.deepEqual(ok.json(), { q: 'паспорт', limit: 5 });

    const bad = await app.inject({ method: 'GET', url: '/test/search?limit=500' });
    assert.equal(bad.statusCode, 400);
    const body = bad.json() as ApiError;
    assert.equal(body.error.code, 'validation_failed');
    assert.equal(body.error.message, 'Параметры запроса не прошли проверку.');
    assert.deepEqual(
      body.error.issues?.map(({ path, code }) => ({ path, code })),
      [
        { path: ['q'], code: 'required' },
        { path: ['limit'], code: 'too_long' },
      ],
    );
    // A number out of range keeps zod's Russian words: "символов" would not fit.
    assert.match(body.error.issues?.[1]?.message ?? '', /50/);
    assert.doesNotMatch(body.error.issues?.[1]?.message ?? '', /символ/);
    assert.match(body.error.issues?.[1]?.message ?? '', RUSSIAN);
  });
});

describe('error handling', () => {
  test('malformed JSON answers 400 validation_failed', async (t) => {
    const { app } = await backendWithTestRoutes(t);
    const res = await app.inject({
      method: 'POST',
      url: '/test/things/letter',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": "Иван", ',
    });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json(), {
      error: { code: 'validation_failed', message: 'Тело запроса не является корректным JSON.' },
    });
  });

  test('a body over the limit answers 413 payload_too_large', async (t) => {
    const { app } = await backendWithTestRoutes(t);
    const res = await app.inject({
      method: 'POST',
      url: '/test/things/letter',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 1) }),
    });
    assert.equal(res.statusCode, 413);
    assert.deepEqual(res.json(), { error: { code: 'payload_too_large', message: 'Тело запроса слишком большое.' } });
  });

  test('an unsupported content type answers 415 unsupported_media_type', async (t) => {
    const { app } = await backendWithTestRoutes(t);
    const res = await app.inject({
      method: 'POST',
      url: '/test/things/letter',
      headers: { 'content-type': 'application/xml' },
      payload: '<thing/>',
    });
    assert.equal(res.statusCode, 415);
    assert.equal((res.json() as ApiError).error.code, 'unsupported_media_type');
  });

  test('HttpError answers its status and code, with Retry-After when given', async (t) => {
    const { app } = await backendWithTestRoutes(t);
    const conflict = await app.inject({ method: 'GET', url: '/test/fail/conflict' });
    assert.equal(conflict.statusCode, 409);
    assert.deepEqual(conflict.json(), { error: { code: 'conflict', message: 'Заявка уже закрыта.' } });

    const limited = await app.inject({ method: 'GET', url: '/test/fail/limited' });
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.headers['retry-after'], '30');
    assert.deepEqual(limited.json(), {
      error: { code: 'rate_limited', message: 'Слишком много запросов.', retryAfterSeconds: 30 },
    });
  });

  test('an unexpected error answers 500 internal and leaks nothing', async (t) => {
    const { app } = await backendWithTestRoutes(t);
    const res = await app.inject({ method: 'GET', url: '/test/fail/crash' });
    assert.equal(res.statusCode, 500);
    const body = res.json() as ApiError;
    assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message']);
    assert.equal(body.error.code, 'internal');
    assert.match(body.error.message, RUSSIAN);
    assert.ok(!res.body.includes('secret'), 'the error message stays on the server');
    assert.ok(!res.body.includes('route.test.ts'), 'no stack trace');
  });
});
