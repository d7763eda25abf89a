import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ApiError } from '../../src/protocol/error.js';
import { DESCRIPTION_PREVIEW_LENGTH, OperatorRequestDetail, OperatorRequestList, OperatorSession } from '../../src/protocol/operator.js';
import { RequestCreated } from '../../src/protocol/request.js';
import { ConfigResponse } from '../../src/protocol/config.js';
import { FILES, FIXED_NOW, RUSSIAN, startBackend, submit, testClock, upload, validFraudReport, validRequest, type TestBackend } from './support.js';

const TOKEN = 'operator-token-for-tests-0123456789';
const HOUR = 3_600_000;
const MINUTE = 60_000;
const CSRF = { 'x-requested-with': 'gs-operator' };
const BEARER = { authorization: `Bearer ${TOKEN}` };
const MANY = { limit: 1000, windowMs: HOUR };

type Method = 'GET' | 'POST' | 'DELETE';

async function register(backend: TestBackend, overrides: Record<string, unknown> = {}): Promise<RequestCreated> {
  const res = await submit(backend.app, validRequest(overrides));
  assert.equal(res.statusCode, 201, res.body);
  return RequestCreated.parse(res.json());
}

function setCookieOf(res: { headers: Record<string, unknown> }): string {
  const header = res.headers['set-cookie'];
  const value = Array.isArray(header) ? header[0] : header;
  assert.equal(typeof value, 'string', 'a Set-Cookie header');
  return value as string;
}

async function login(backend: TestBackend, operatorName = 'Смирнова Анна', token = TOKEN) {
  const res = await backend.app.inject({ method: 'POST', url: '/operator/api/session', payload: { token, operatorName } });
  return { res, cookie: res.statusCode === 200 ? setCookieOf(res).split(';')[0]! : '' };
}

function call(backend: TestBackend, method: Method, url: string, headers: Record<string, string> = {}, payload?: Record<string, unknown>) {
  return backend.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
}

function errorCode(res: { statusCode: number; json(): unknown }, status: number): string {
  assert.equal(res.statusCode, status, JSON.stringify(res.json()));
  const body = ApiError.parse(res.json());
  assert.match(body.error.message, RUSSIAN);
  return body.error.code;
}

/** Every endpoint that needs an operator, with a valid call. */
function protectedCalls(number: string, attachmentId: string): [Method, string, Record<string, unknown>?][] {
  return [
    ['GET', '/operator/api/statuses'],
    ['GET', '/operator/api/requests'],
    ['GET', '/operator/api/requests?q=Иванова&status=registered&page=1'],
    ['GET', `/operator/api/requests/${number}`],
    ['POST', `/operator/api/requests/${number}/status`, { status: 'in_progress', comment: 'Взяли в работу.' }],
    ['POST', `/operator/api/requests/${number}/notes`, { note: 'Заметка' }],
    ['GET', `/operator/api/attachments/${attachmentId}`],
  ];
}

async function requestWithAttachment(backend: TestBackend, name = 'Скан паспорта "1".pdf', bytes = FILES.pdf) {
  const uploaded = await upload(backend.app, bytes, name);
  assert.equal(uploaded.statusCode, 201, uploaded.body);
  const id = (uploaded.json() as { id: string }).id;
  const created = await register(backend, { attachments: [id] });
  return { created, id };
}

describe('operator API: authentication', () => {
  test('every endpoint refuses calls without a session or token (401), with a wrong token, and with an expired session', async (t) => {
    const clock = testClock();
    const backend = await startBackend(t, { now: clock.now, operatorToken: TOKEN, rateLimits: { operatorLoginFailuresPerIp: MANY } });
    const { created, id } = await requestWithAttachment(backend);
    const calls = protectedCalls(created.number, id);
    const { cookie } = await login(backend);

    for (const [method, url, payload] of calls) {
      const what = `${method} ${url}`;
      assert.equal(errorCode(await call(backend, method, url, {}, payload), 401), 'unauthorized', what);
      assert.equal(errorCode(await call(backend, method, url, { ...CSRF, cookie: 'gs_operator_session=forged' }, payload), 401), 'unauthorized', what);
      assert.equal(errorCode(await call(backend, method, url, { authorization: 'Bearer wrong-token' }, payload), 401), 'unauthorized', what);
      assert.equal(errorCode(await call(backend, method, url, { authorization: `Basic ${TOKEN}` }, payload), 401), 'unauthorized', what);
      // The same calls go through with the session and with the token.
      assert.equal((await call(backend, method, url, { ...CSRF, cookie }, payload)).statusCode, 200, what);
      assert.equal((await call(backend, method, url, BEARER, payload)).statusCode, 200, what);
    }
    assert.equal(errorCode(await call(backend, 'GET', '/operator/api/session'), 401), 'unauthorized');

    clock.advance(8 * HOUR);
    for (const [method, url, payload] of calls) {
      const res = await call(backend, method, url, { ...CSRF, cookie }, payload);
      assert.equal(errorCode(res, 401), 'unauthorized', `expired: ${method} ${url}`);
      assert.match(setCookieOf(res), /^gs_operator_session=; .*Max-Age=0/, 'the stale cookie is cleared');
    }
    assert.equal(errorCode(await call(backend, 'GET', '/operator/api/session', { cookie }), 401), 'unauthorized');
  });

  test('login: wrong token 401, then a session cookie HttpOnly, SameSite=Strict, Path=/operator for 8 hours', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, operatorToken: TOKEN });
    assert.equal(errorCode((await login(backend, 'Смирнова Анна', 'wrong')).res, 401), 'unauthorized');
    assert.equal(errorCode((await login(backend, 'Смирнова Анна', `${TOKEN}x`)).res, 401), 'unauthorized');
    const bad = await backend.app.inject({ method: 'POST', url: '/operator/api/session', payload: { token: TOKEN } });
    assert.equal(errorCode(bad, 400), 'validation_failed');

    const { res, cookie } = await login(backend);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(OperatorSession.parse(res.json()), { operatorName: 'Смирнова Анна', expiresAt: '2026-03-02T17:00:00.000Z' });
    const flags = setCookieOf(res).split('; ');
    assert.match(flags[0]!, /^gs_operator_session=[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(flags.slice(1).sort(), ['HttpOnly', 'Max-Age=28800', 'Path=/operator', 'SameSite=Strict']);

    const session = await call(backend, 'GET', '/operator/api/session', { cookie });
    assert.equal(session.statusCode, 200);
    assert.deepEqual(session.json(), res.json());

    const second = await login(backend, 'Другой оператор');
    assert.notEqual(second.cookie, cookie, 'a fresh random id per login');
  });

  test('the session lifetime follows operatorSessionTtlMs', async (t) => {
    const clock = testClock();
    const backend = await startBackend(t, { now: clock.now, operatorToken: TOKEN, operatorSessionTtlMs: 30 * MINUTE });
    const { res, cookie } = await login(backend);
    assert.match(setCookieOf(res), /Max-Age=1800/);
    clock.advance(30 * MINUTE - 1);
    assert.equal((await call(backend, 'GET', '/operator/api/requests', { cookie })).statusCode, 200);
    clock.advance(1);
    assert.equal((await call(backend, 'GET', '/operator/api/requests', { cookie })).statusCode, 401);
  });

  test('a cookie session must send X-Requested-With: gs-operator on state changes (403); a Bearer token need not', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, operatorToken: TOKEN });
    const created = await register(backend);
    const { cookie } = await login(backend);
    const url = `/operator/api/requests/${created.number}`;
    for (const headers of [{ cookie }, { cookie, "x-requested-with": "XMLHttpRequest" }] as Record<string, string>[]) {
      assert.equal(errorCode(await call(backend, 'POST', `${url}/status`, headers, { status: 'in_progress' }), 403), 'forbidden');
      assert.equal(errorCode(await call(backend, 'POST', `${url}/notes`, headers, { note: 'x' }), 403), 'forbidden');
      assert.equal(errorCode(await call(backend, 'DELETE', '/operator/api/session', headers), 403), 'forbidden');
    }
    assert.equal((await call(backend, 'GET', url, { cookie })).statusCode, 200, 'reading needs no header');
    assert.equal((await backend.database.kysely.selectFrom('request_status_history').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n, 1, 'nothing was recorded');
    assert.equal((await call(backend, 'POST', `${url}/notes`, BEARER, { note: 'x' })).statusCode, 200);
  });

  test('logout ends the session and clears the cookie', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, operatorToken: TOKEN });
    const { cookie } = await login(backend);
    const res = await call(backend, 'DELETE', '/operator/api/session', { cookie, ...CSRF });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { ok: true });
    assert.match(setCookieOf(res), /^gs_operator_session=; Path=\/operator; HttpOnly; SameSite=Strict; Max-Age=0$/);
    assert.equal((await call(backend, 'GET', '/operator/api/requests', { cookie })).statusCode, 401);
    assert.equal((await call(backend, 'DELETE', '/operator/api/session', { cookie })).statusCode, 200, 'twice is fine');
  });

  test('failed logins are rate-limited per IP and token (429 with Retry-After), wrong Bearer tokens count too', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, operatorToken: TOKEN });
    for (let i = 0; i < 9; i++) assert.equal((await login(backend, 'Смирнова Анна', 'wrong')).res.statusCode, 401);
    assert.equal((await call(backend, 'GET', '/operator/api/requests', { authorization: 'Bearer wrong' })).statusCode, 401);
    const { res } = await login(backend, 'Смирнова Анна', 'wrong');
    assert.equal(errorCode(res, 429), 'rate_limited');
    assert.equal(res.headers['retry-after'], '900');
    assert.equal(ApiError.parse(res.json()).error.retryAfterSeconds, 900);
    assert.equal((await login(backend)).res.statusCode, 200, 'the right token is not held back (more in operator-auth.test.ts)');
  });

  test('without OPERATOR_TOKEN a random token is generated', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW });
    assert.match(backend.operatorToken, /^[A-Za-z0-9_-]{43}$/, '32 random bytes');
    const other = await startBackend(t, { now: () => FIXED_NOW });
    assert.notEqual(other.operatorToken, backend.operatorToken);
    assert.equal((await login(backend, 'Оператор', backend.operatorToken)).res.statusCode, 200);
    assert.equal((await call(backend, 'GET', '/operator/api/requests', { authorization: 'Bearer undefined' })).statusCode, 401);
  });
});

describe('operator API: requests', () => {
  test('list: newest first, 20 per page, search by number, name, phone digits, e-mail and service number, filter by status', async (t) => {
    const clock = testClock();
    const backend = await startBackend(t, {
      now: clock.now,
      operatorToken: TOKEN,
      rateLimits: { requestsPerIp: MANY, requestsPerPhone: MANY },
    });
    const numbers: string[] = [];
    for (let i = 0; i < 23; i++) {
      const special = i === 7;
      const created = await register(backend, {
        fullName: special ? 'Петров Пётр Ёлкин' : `Иванова Мария ${String.fromCharCode(0x410 + i)}`,
        phone: special ? '+7 (495) 123-45-67' : `8 (912) 000-00-${String(i).padStart(2, '0')}`,
        email: special ? 'Petrov\u0040Mail.Example' : `user${i}\u0040example.ru`,
        ...(special ? { serviceNumber: '9876543210/2026' } : {}),
      });
      numbers.push(created.number);
      clock.advance(MINUTE);
    }
    const list = async (query = '') => {
      const res = await call(backend, 'GET', `/operator/api/requests${query}`, BEARER);
      assert.equal(res.statusCode, 200, res.body);
      return OperatorRequestList.parse(res.json());
    };

    const first = await list();
    assert.equal(first.total, 23);
    assert.equal(first.page, 1);
    assert.equal(first.pageSize, 20);
    assert.deepEqual(first.items.map((i) => i.number), numbers.slice(3).reverse());
    assert.deepEqual(Object.keys(first.items[0]!).sort(), ['answerDueAt', 'createdAt', 'descriptionPreview', 'fullName', 'number', 'overdue', 'status', 'statusChangedAt', 'type']);
    const second = await list('?page=2');
    assert.deepEqual(second.items.map((i) => i.number), numbers.slice(0, 3).reverse());
    assert.equal((await list('?page=3')).items.length, 0);

    const found = async (q: string) => (await list(`?q=${encodeURIComponent(q)}`)).items.map((i) => i.number);
    assert.deepEqual(await found(numbers[7]!), [numbers[7]]);
    assert.deepEqual(await found('петров пётр'), [numbers[7]], 'case-insensitive Cyrillic');
    assert.deepEqual(await found('ЕЛКИН'), [numbers[7]], 'ё and е alike');
    assert.deepEqual(await found('8 495 123-45-67'), [numbers[7]], 'phone digits, 8 for +7');
    assert.deepEqual(await found('1234567'), [numbers[7]], 'part of a phone');
    assert.deepEqual(await found('petrov\u0040mail'), [numbers[7]], 'e-mail');
    assert.deepEqual(await found('9876543210'), [numbers[7]], 'service number');
    assert.deepEqual(await found('нет такого'), []);
    assert.equal((await list(`?q=${encodeURIComponent('Иванова')}`)).total, 22);

    for (const number of [numbers[2], numbers[5]]) {
      assert.equal((await call(backend, 'POST', `/operator/api/requests/${number}/status`, BEARER, { status: 'in_progress' })).statusCode, 200);
    }
    const inProgress = await list('?status=in_progress');
    assert.deepEqual(inProgress.items.map((i) => i.number), [numbers[5], numbers[2]]);
    assert.equal(inProgress.items[0]!.statusChangedAt, new Date(clock.now()).toISOString());
    assert.equal((await list(`?status=in_progress&q=${encodeURIComponent('Иванова')}`)).total, 2);
    assert.equal((await list('?status=registered')).total, 21);

    const bad = await call(backend, 'GET', '/operator/api/requests?status=deleted', BEARER);
    assert.equal(errorCode(bad, 400), 'validation_failed');
    assert.deepEqual(ApiError.parse(bad.json()).error.issues?.map((i) => i.path), [['status']]);
    assert.equal(errorCode(await call(backend, 'GET', '/operator/api/requests?page=x', BEARER), 400), 'validation_failed');

    clock.advance(25 * HOUR);
    assert.equal((await list()).items.every((i) => i.overdue), true, 'all past due, none final');
  });

  test('detail, status change and internal note: recorded with the operator and the time', async (t) => {
    const clock = testClock();
    const backend = await startBackend(t, { now: clock.now, operatorToken: TOKEN });
    const created = await register(backend, { serviceNumber: '1234567890/2026' });
    const { cookie } = await login(backend, 'Смирнова Анна');
    const url = `/operator/api/requests/${created.number}`;

    let detail = OperatorRequestDetail.parse((await call(backend, 'GET', url, { cookie })).json());
    assert.equal(detail.fullName, 'Иванова Мария Петровна');
    assert.equal(detail.phone, '+79123456789');
    assert.equal(detail.email, 'maria.ivanova\u0040example.ru');
    assert.equal(detail.serviceNumber, '1234567890/2026');
    assert.deepEqual(detail.history, [{ status: 'registered', at: created.createdAt, internal: false }]);

    const unknown = await call(backend, 'POST', `${url}/status`, { cookie, ...CSRF }, { status: 'archived' });
    assert.equal(errorCode(unknown, 400), 'validation_failed');
    assert.deepEqual(ApiError.parse(unknown.json()).error.issues?.map((i) => [i.path, i.code]), [[['status'], 'invalid_choice']]);
    assert.equal(errorCode(await call(backend, 'POST', `${url}/status`, { cookie, ...CSRF }, { status: '' }), 400), 'validation_failed');

    clock.advance(HOUR);
    let res = await call(backend, 'POST', `${url}/status`, { cookie, ...CSRF }, { status: 'in_progress', comment: '  Проверяем.  ' });
    assert.equal(res.statusCode, 200, res.body);
    clock.advance(MINUTE);
    res = await call(backend, 'POST', `${url}/notes`, { cookie, ...CSRF }, { note: 'Позвонить в банк' });
    assert.equal(res.statusCode, 200, res.body);
    clock.advance(MINUTE);
    res = await call(backend, 'POST', `${url}/status`, { ...BEARER, 'x-operator-name': encodeURIComponent('Робот СЭД') }, { status: 'completed' });
    assert.equal(res.statusCode, 200, res.body);
    res = await call(backend, 'POST', `${url}/notes`, BEARER, { note: 'Из скрипта' });
    detail = OperatorRequestDetail.parse(res.json());
    assert.equal(detail.status, 'completed');
    assert.deepEqual(detail.history, [
      { status: 'registered', at: '2026-03-02T09:00:00.000Z', internal: false },
      { status: 'in_progress', at: '2026-03-02T10:00:00.000Z', comment: 'Проверяем.', operator: 'Смирнова Анна', internal: false },
      { status: 'in_progress', at: '2026-03-02T10:01:00.000Z', comment: 'Позвонить в банк', operator: 'Смирнова Анна', internal: true },
      { status: 'completed', at: '2026-03-02T10:02:00.000Z', operator: 'Робот СЭД', internal: false },
      { status: 'completed', at: '2026-03-02T10:02:00.000Z', comment: 'Из скрипта', operator: 'api', internal: true },
    ]);
    assert.deepEqual(await backend.database.kysely.selectFrom('requests').select('status').execute(), [{ status: 'completed' }]);

    const lookup = await backend.app.inject({ method: 'POST', url: '/requests/lookup', payload: { number: created.number, factor: created.lookupCode } });
    assert.equal(lookup.statusCode, 200);
    assert.doesNotMatch(lookup.body, /Позвонить|Из скрипта|Смирнова|Робот/);

    for (const [method, path, payload] of [
      ['GET', '/operator/api/requests/2026-999999', undefined],
      ['POST', '/operator/api/requests/2026-999999/status', { status: 'completed' }],
      ['POST', '/operator/api/requests/2026-999999/notes', { note: 'x' }],
    ] as const) {
      assert.equal(errorCode(await call(backend, method, path, BEARER, payload), 404), 'not_found');
    }
  });

  test('status change: the status the request already has, without a comment, is refused (409, in Russian) and recorded nowhere; with a comment it is a message to the citizen', async (t) => {
    const clock = testClock();
    const backend = await startBackend(t, { now: clock.now, operatorToken: TOKEN });
    const created = await register(backend);
    const { cookie } = await login(backend, 'Смирнова Анна');
    const url = `/operator/api/requests/${created.number}`;
    const historyRows = async () => (await backend.database.kysely.selectFrom('request_status_history').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const refused = async (headers: Record<string, string>, payload: Record<string, unknown>, label: string) => {
      const res = await call(backend, 'POST', `${url}/status`, headers, payload);
      assert.equal(errorCode(res, 409), 'conflict', JSON.stringify(payload));
      assert.equal(
        ApiError.parse(res.json()).error.message,
        `Обращение уже в статусе «${label}». Выберите другой статус или напишите комментарий для заявителя.`,
      );
    };

    clock.advance(HOUR);
    for (const payload of [{ status: 'registered' }, { status: 'registered', comment: '' }, { status: 'registered', comment: ' \n\t ' }]) {
      await refused({ cookie, ...CSRF }, payload, 'Зарегистрировано');
    }
    await refused(BEARER, { status: 'registered' }, 'Зарегистрировано');
    assert.equal(await historyRows(), 1, 'nothing was recorded');

    assert.equal((await call(backend, 'POST', `${url}/status`, { cookie, ...CSRF }, { status: 'in_progress' })).statusCode, 200);
    clock.advance(MINUTE);
    await refused({ cookie, ...CSRF }, { status: 'in_progress' }, 'В работе');
    assert.equal(await historyRows(), 2);
    const res = await call(backend, 'POST', `${url}/status`, { cookie, ...CSRF }, { status: 'in_progress', comment: 'Ждём ответа банка, это займёт ещё день.' });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(
      OperatorRequestDetail.parse(res.json()).history.map((e) => [e.status, e.comment ?? '']),
      [
        ['registered', ''],
        ['in_progress', ''],
        ['in_progress', 'Ждём ответа банка, это займёт ещё день.'],
      ],
    );

    const lookup = await backend.app.inject({ method: 'POST', url: '/requests/lookup', payload: { number: created.number, factor: created.lookupCode } });
    assert.equal(lookup.statusCode, 200);
    const citizen = (lookup.json() as { history: { status: string; comment?: string }[] }).history;
    assert.deepEqual(
      citizen.map((e) => e.comment ?? ''),
      ['', '', 'Ждём ответа банка, это займёт ещё день.'],
      'the refused calls left no empty change in the citizen’s history',
    );
  });

  test('the same status change asked for at once (two operators, a double click) is recorded once, with one history entry; the others get the 409', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, operatorToken: TOKEN });
    const created = await register(backend);
    const url = `/operator/api/requests/${created.number}/status`;
    const answers = await Promise.all(Array.from({ length: 6 }, () => call(backend, 'POST', url, BEARER, { status: 'in_progress' })));
    assert.deepEqual(answers.map((res) => res.statusCode).sort(), [200, 409, 409, 409, 409, 409]);
    const history = await backend.database.kysely.selectFrom('request_status_history').select('status').orderBy('id').execute();
    assert.deepEqual(history.map((row) => row.status), ['registered', 'in_progress']);
    const detail = OperatorRequestDetail.parse(answers.find((res) => res.statusCode === 200)!.json());
    assert.deepEqual([detail.status, detail.history.map((e) => e.status)], ['in_progress', ['registered', 'in_progress']]);
  });

  test('list: sort=due puts open requests by answer due date first and closed ones last; every item has a plain-text description preview', async (t) => {
    const clock = testClock();
    const backend = await startBackend(t, { now: clock.now, operatorToken: TOKEN, rateLimits: { requestsPerIp: MANY, requestsPerPhone: MANY } });
    const long = `Не открывается страница оплаты госпошлины.\n\n   Пробовала   в разных браузерах, с телефона и с компьютера, результат один и тот же: ошибка 500 и белый экран. ${'Очень '.repeat(40)}прошу помочь.`;
    const technical = await register(backend, { description: long }); // due in 24 hours
    clock.advance(HOUR);
    const fraud = await register(backend, validFraudReport()); // due in 3 working days
    clock.advance(HOUR);
    const later = await register(backend); // due 2 hours after the first
    const closed = await register(backend); // due as `later`, but completed
    assert.equal((await call(backend, 'POST', `/operator/api/requests/${closed.number}/status`, BEARER, { status: 'completed' })).statusCode, 200);

    const list = async (query = '') => {
      const res = await call(backend, 'GET', `/operator/api/requests${query}`, BEARER);
      assert.equal(res.statusCode, 200, res.body);
      return OperatorRequestList.parse(res.json());
    };
    assert.deepEqual((await list()).items.map((i) => i.number), [closed, later, fraud, technical].map((r) => r.number), 'newest first by default');
    assert.deepEqual((await list('?sort=created')).items.map((i) => i.number), [closed, later, fraud, technical].map((r) => r.number));
    const byDue = await list('?sort=due');
    assert.deepEqual(byDue.items.map((i) => i.number), [technical, later, fraud, closed].map((r) => r.number));
    assert.deepEqual(byDue.items.map((i) => i.type), ['technical', 'technical', 'fraud', 'technical']);
    assert.deepEqual((await list('?sort=due&status=registered')).items.map((i) => i.number), [technical, later, fraud].map((r) => r.number));
    const bad = await call(backend, 'GET', '/operator/api/requests?sort=name', BEARER);
    assert.equal(errorCode(bad, 400), 'validation_failed');
    assert.deepEqual(ApiError.parse(bad.json()).error.issues?.map((i) => i.path), [['sort']]);

    const preview = byDue.items[0]!.descriptionPreview;
    assert.ok(preview.length <= DESCRIPTION_PREVIEW_LENGTH, `${preview.length} characters`);
    assert.match(preview, /^Не открывается страница оплаты госпошлины\. Пробовала в разных браузерах, с телефона/);
    assert.match(preview, /[^\s]…$/, 'cut at a word, with an ellipsis');
    assert.doesNotMatch(preview, /\s{2}|\n/, 'whitespace collapsed');
    assert.equal(byDue.items[2]!.descriptionPreview, 'Позвонили от имени службы поддержки и попросили назвать код из SMS.', 'a short one whole');
  });

  test('statuses: /operator/api/statuses gives the request vocabulary of GET /config (callback statuses left out)', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, operatorToken: TOKEN });
    const config = ConfigResponse.parse((await backend.app.inject('/config')).json());
    const res = await call(backend, 'GET', '/operator/api/statuses', BEARER);
    assert.deepEqual(res.json(), { statuses: config.statuses.filter((s) => !s.code.startsWith('callback_')) });
    assert.deepEqual(
      config.statuses.map((s) => s.code),
      ['registered', 'in_progress', 'awaiting_confirmation', 'completed', 'rejected', 'callback_scheduled', 'callback_no_answer', 'callback_called', 'callback_cancelled'],
    );
  });
});

describe('operator API: attachments', () => {
  test('download only: attachment with filename*, the sniffed type, nosniff, CSP sandbox', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, operatorToken: TOKEN });
    const { created, id } = await requestWithAttachment(backend);
    const detail = OperatorRequestDetail.parse((await call(backend, 'GET', `/operator/api/requests/${created.number}`, BEARER)).json());
    assert.deepEqual(detail.attachments, [{ id, name: 'Скан паспорта "1".pdf', size: FILES.pdf.length, type: 'application/pdf' }]);

    const res = await call(backend, 'GET', `/operator/api/attachments/${id}`, BEARER);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(
      res.headers['content-disposition'],
      `attachment; filename="____ ________ _1_.pdf"; filename*=UTF-8''${encodeURIComponent('Скан паспорта "1".pdf')}`,
    );
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['content-security-policy'], 'sandbox');
    assert.equal(res.headers['cache-control'], 'private, no-store');
    assert.equal(res.rawPayload.equals(FILES.pdf), true);
  });

  test('the name keeps an extension of its real type; unknown and unattached ids are 404', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, operatorToken: TOKEN });
    const { id } = await requestWithAttachment(backend, "page.html'(x)*", FILES.png);
    const res = await call(backend, 'GET', `/operator/api/attachments/${id}`, BEARER);
    assert.equal(res.headers['content-type'], 'image/png');
    assert.equal(res.headers['content-disposition'], `attachment; filename="page.html__x__.png"; filename*=UTF-8''page.html%27%28x%29%2A.png`);

    const loose = await upload(backend.app, FILES.jpg, 'not-attached.jpg');
    assert.equal(errorCode(await call(backend, 'GET', `/operator/api/attachments/${(loose.json() as { id: string }).id}`, BEARER), 404), 'not_found');
    assert.equal(errorCode(await call(backend, 'GET', '/operator/api/attachments/nope', BEARER), 404), 'not_found');
  });
});
