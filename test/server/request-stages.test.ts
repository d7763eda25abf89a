// Quality control of a request (issue 17 point 3; server/status/stage-routes.ts, docs/backend.md
// «Контроль качества»): registered → expert review (an operator, with its outcome) → analysis (a
// supervisor's closing remark); a reopening with a reason starts a new round and counts against
// «resolved» in the figures. On SQLite and PostgreSQL (TEST_DATABASE=postgres).
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { standingResolution } from '../../server/figures/compute.js';
import { ApiError } from '../../src/protocol/error.js';
import { FiguresResponse } from '../../src/protocol/figures.js';
import { OperatorRequestDetail } from '../../src/protocol/operator.js';
import { RequestCreated } from '../../src/protocol/request.js';
import { StatusLookupResult } from '../../src/protocol/status.js';
import { FIXED_NOW, NO_RATE_LIMITS, RUSSIAN, startBackend, submit, testClock, validRequest, type TestBackend } from './support.js';

const TOKEN = 'q0Xr7T2mVb9LkYc4WzH1sNf8JdPa6GeU3iRoQyEtBn5';
const SUPERVISOR = 'Kq3vX9wLpT2zR8mN5bY7cH4jF6gD1sA0eU_oI-tWnQx';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function stagesBackend(t: TestContext) {
  const clock = testClock();
  const backend = await startBackend(t, { now: clock.now, operatorToken: TOKEN, supervisorToken: SUPERVISOR, rateLimits: NO_RATE_LIMITS });
  return { backend, clock };
}

const call = (backend: TestBackend, method: 'GET' | 'POST', url: string, payload?: unknown, name = 'Петров П.', token = TOKEN) =>
  backend.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}`, 'x-operator-name': encodeURIComponent(name) },
    ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
  });
const asSupervisor = (backend: TestBackend, method: 'GET' | 'POST', url: string, payload?: unknown) => call(backend, method, url, payload, 'Руководитель', SUPERVISOR);

async function created(backend: TestBackend): Promise<RequestCreated> {
  const res = await submit(backend.app, validRequest());
  assert.equal(res.statusCode, 201, res.body);
  return RequestCreated.parse(res.json());
}

async function setStatus(backend: TestBackend, number: string, status: string, name = 'Петров П.') {
  const res = await call(backend, 'POST', `/operator/api/requests/${number}/status`, { status }, name);
  assert.equal(res.statusCode, 200, res.body);
}

const detailOf = async (backend: TestBackend, number: string, supervisor = false) => {
  const res = supervisor ? await asSupervisor(backend, 'GET', `/operator/api/requests/${number}`) : await call(backend, 'GET', `/operator/api/requests/${number}`);
  assert.equal(res.statusCode, 200, res.body);
  return OperatorRequestDetail.parse(res.json());
};

function apiError(res: { statusCode: number; body: string; json(): unknown }, status: number, code: string) {
  assert.equal(res.statusCode, status, res.body);
  const error = ApiError.parse(res.json()).error;
  assert.equal(error.code, code);
  assert.match(error.message, RUSSIAN);
  return error;
}

const review = (backend: TestBackend, number: string, body: unknown, name?: string) => call(backend, 'POST', `/operator/api/requests/${number}/review`, body, name);
const analyse = (backend: TestBackend, number: string, body: unknown) => asSupervisor(backend, 'POST', `/operator/api/requests/${number}/analysis`, body);
const reopen = (backend: TestBackend, number: string, body: unknown, name?: string) => call(backend, 'POST', `/operator/api/requests/${number}/reopen`, body, name);

describe('the quality stages of a request', () => {
  test('registered → review (an operator, once the request is final) → analysis (a supervisor), each once', async (t) => {
    const { backend, clock } = await stagesBackend(t);
    const request = await created(backend);
    let detail = await detailOf(backend, request.number);
    assert.deepEqual(detail.stages, {
      round: 0,
      current: 'registered',
      registered: { at: request.createdAt },
      review: null,
      analysis: null,
      earlierRounds: [],
      reopenings: [],
      actions: { review: false, analysis: false, reopen: false },
    });
    // No answer yet: nothing to review.
    apiError(await review(backend, request.number, { outcome: 'compliant' }), 409, 'conflict');

    clock.advance(HOUR);
    await setStatus(backend, request.number, 'completed');
    detail = await detailOf(backend, request.number);
    assert.equal(detail.stages.current, 'review');
    assert.deepEqual(detail.stages.actions, { review: true, analysis: false, reopen: true });
    // The analysis comes after the review.
    apiError(await analyse(backend, request.number, { remark: 'Замечаний нет.' }), 409, 'conflict');

    clock.advance(HOUR);
    const reviewedAt = new Date(clock.now()).toISOString();
    const reviewed = await review(backend, request.number, { outcome: 'needs_rework', note: '  Не указан срок исправления.  ' }, 'Анна К.');
    assert.equal(reviewed.statusCode, 200, reviewed.body);
    detail = OperatorRequestDetail.parse(reviewed.json());
    assert.deepEqual(detail.stages.review, { outcome: 'needs_rework', note: 'Не указан срок исправления.', operator: 'Анна К.', at: reviewedAt });
    assert.equal(detail.stages.current, 'analysis');
    assert.deepEqual(detail.stages.actions, { review: false, analysis: false, reopen: true }, 'an operator may not analyse');
    assert.equal((await detailOf(backend, request.number, true)).stages.actions.analysis, true, 'a supervisor may');
    const again = apiError(await review(backend, request.number, { outcome: 'compliant' }), 409, 'conflict');
    assert.match(again.message, /уже проведена/);

    // An operator may not write the analysis: 403 in the API's shape, whatever the body.
    const byOperator = await call(backend, 'POST', `/operator/api/requests/${request.number}/analysis`, { remark: 'Хорошо' });
    assert.match(apiError(byOperator, 403, 'forbidden').message, /руководител/);
    apiError(await call(backend, 'POST', `/operator/api/requests/${request.number}/analysis`, { nonsense: 1 }), 403, 'forbidden');

    clock.advance(HOUR);
    const analysed = await analyse(backend, request.number, { remark: 'Доработать шаблон ответа о сроках.' });
    assert.equal(analysed.statusCode, 200, analysed.body);
    detail = OperatorRequestDetail.parse(analysed.json());
    assert.deepEqual(detail.stages.analysis, { remark: 'Доработать шаблон ответа о сроках.', operator: 'Руководитель', at: new Date(clock.now()).toISOString() });
    assert.equal(detail.stages.current, 'done');
    assert.equal(detail.stages.actions.analysis, false);
    assert.match(apiError(await analyse(backend, request.number, { remark: 'Ещё раз' }), 409, 'conflict').message, /уже написано/);

    // Unknown requests: 404; the rows hold no citizen's data.
    apiError(await review(backend, '2026-999999', { outcome: 'compliant' }), 404, 'not_found');
    apiError(await reopen(backend, '2026-999999', { reason: 'Повтор' }), 404, 'not_found');
    apiError(await analyse(backend, '2026-999999', { remark: 'Нет' }), 404, 'not_found');
    const rows = await backend.database.kysely.selectFrom('request_reviews').selectAll().execute();
    assert.equal(rows.length, 1);
    assert.ok(!JSON.stringify(rows).includes('+7912'), 'no phone in the review');
  });

  test('a reopening: only from a final status, with a reason the citizen does not see; a new round; the survey stays', async (t) => {
    const { backend, clock } = await stagesBackend(t);
    const request = await created(backend);
    const notFinal = apiError(await reopen(backend, request.number, { reason: 'Заявитель не согласен' }), 409, 'conflict');
    assert.match(notFinal.message, /итоговом статусе.*Зарегистрировано/);

    clock.advance(HOUR);
    await setStatus(backend, request.number, 'completed');
    assert.equal((await review(backend, request.number, { outcome: 'compliant' })).statusCode, 200);
    assert.equal((await analyse(backend, request.number, { remark: 'Без замечаний.' })).statusCode, 200);
    const survey = await backend.database.kysely.selectFrom('surveys').selectAll().execute();
    assert.equal(survey.length, 1);

    clock.advance(DAY);
    const reopenedAt = new Date(clock.now()).toISOString();
    const res = await reopen(backend, request.number, { reason: 'Заявитель сообщил, что ответ не получен.' }, 'Вера М.');
    assert.equal(res.statusCode, 200, res.body);
    const detail = OperatorRequestDetail.parse(res.json());
    assert.equal(detail.status, 'in_progress');
    assert.deepEqual(detail.history.at(-1), { status: 'in_progress', at: reopenedAt, operator: 'Вера М.', internal: false });
    assert.deepEqual(detail.stages.reopenings, [{ at: reopenedAt, operator: 'Вера М.', status: 'in_progress', reason: 'Заявитель сообщил, что ответ не получен.' }]);
    assert.equal(detail.stages.round, 1);
    assert.equal(detail.stages.current, 'registered');
    assert.equal(detail.stages.review, null);
    assert.deepEqual(detail.stages.earlierRounds.map((r) => [r.round, r.review.outcome, r.analysis?.remark]), [[0, 'compliant', 'Без замечаний.']]);
    assert.deepEqual(detail.stages.actions, { review: false, analysis: false, reopen: false });

    // The citizen sees the request back at work, not the reason.
    const lookup = await backend.app.inject({ method: 'POST', url: '/requests/lookup', payload: { number: request.number, factor: request.lookupCode } });
    const view = StatusLookupResult.parse(lookup.json());
    assert.equal(view.status, 'in_progress', lookup.body);
    assert.ok(!lookup.body.includes('не получен'), 'the reason stays with the operators');
    // Twice: the request is not final any more.
    apiError(await reopen(backend, request.number, { reason: 'Ещё раз' }), 409, 'conflict');
    // The survey row is as it was.
    assert.deepEqual(await backend.database.kysely.selectFrom('surveys').selectAll().execute(), survey);

    // A new answer, a new review; a reopening by a plain status change counts too, without a reason.
    clock.advance(HOUR);
    await setStatus(backend, request.number, 'rejected');
    assert.equal((await review(backend, request.number, { outcome: 'deadline_missed' })).statusCode, 200);
    clock.advance(HOUR);
    await setStatus(backend, request.number, 'awaiting_confirmation', 'Анна К.');
    const after = await detailOf(backend, request.number);
    assert.equal(after.stages.round, 2);
    assert.deepEqual(after.stages.reopenings.at(-1), { at: new Date(clock.now()).toISOString(), operator: 'Анна К.', status: 'awaiting_confirmation' });
    assert.deepEqual(after.stages.earlierRounds.map((r) => [r.round, r.review.outcome]), [[0, 'compliant'], [1, 'deadline_missed']]);
  });

  test('validation: a Russian message per field', async (t) => {
    const { backend } = await stagesBackend(t);
    const request = await created(backend);
    await setStatus(backend, request.number, 'completed');
    const issues = async (res: Awaited<ReturnType<typeof review>>) => {
      const error = apiError(res, 400, 'validation_failed');
      for (const issue of error.issues ?? []) assert.match(issue.message, RUSSIAN);
      return (error.issues ?? []).map((issue) => [issue.path.join('.'), issue.code]);
    };
    assert.deepEqual(await issues(await review(backend, request.number, {})), [['outcome', 'required']]);
    assert.deepEqual(await issues(await review(backend, request.number, { outcome: 'excellent' })), [['outcome', 'invalid_choice']]);
    assert.deepEqual(await issues(await review(backend, request.number, { outcome: 'compliant', note: 'я'.repeat(1001) })), [['note', 'too_long']]);
    assert.deepEqual(await issues(await reopen(backend, request.number, {})), [['reason', 'required']]);
    assert.deepEqual(await issues(await reopen(backend, request.number, { reason: ' \u202e ' })), [['reason', 'required']]);
    assert.deepEqual(await issues(await reopen(backend, request.number, { reason: 'я'.repeat(1001) })), [['reason', 'too_long']]);
    assert.deepEqual(await issues(await analyse(backend, request.number, { remark: '   ' })), [['remark', 'required']]);
    assert.deepEqual(await issues(await analyse(backend, request.number, { remark: 'я'.repeat(2001) })), [['remark', 'too_long']]);
    // The longest allowed ones pass.
    assert.equal((await review(backend, request.number, { outcome: 'compliant', note: 'я'.repeat(1000) })).statusCode, 200);
    assert.equal((await analyse(backend, request.number, { remark: 'я'.repeat(2000) })).statusCode, 200);
    assert.equal((await reopen(backend, request.number, { reason: 'я'.repeat(1000) })).statusCode, 200);
    // With the session cookie, the CSRF header is required as on every POST.
    const login = await backend.app.inject({ method: 'POST', url: '/operator/api/session', headers: { 'x-requested-with': 'gs-operator' }, payload: { token: TOKEN, operatorName: 'Петров П.' } });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const noHeader = await backend.app.inject({ method: 'POST', url: `/operator/api/requests/${request.number}/reopen`, headers: { cookie }, payload: { reason: 'x' } });
    apiError(noHeader, 403, 'forbidden');
  });

  test('two reviews or two reopenings at once: one wins, the other gets 409', async (t) => {
    const { backend } = await stagesBackend(t);
    for (let i = 0; i < 3; i++) {
      const request = await created(backend);
      await setStatus(backend, request.number, 'completed');
      const reviews = await Promise.all([review(backend, request.number, { outcome: 'compliant' }, 'Анна К.'), review(backend, request.number, { outcome: 'needs_rework' }, 'Борис Л.')]);
      assert.deepEqual(reviews.map((r) => r.statusCode).sort(), [200, 409], reviews.map((r) => r.body).join('\n'));
      const reopenings = await Promise.all([reopen(backend, request.number, { reason: 'Первая' }, 'Анна К.'), reopen(backend, request.number, { reason: 'Вторая' }, 'Борис Л.')]);
      assert.deepEqual(reopenings.map((r) => r.statusCode).sort(), [200, 409], reopenings.map((r) => r.body).join('\n'));
      const detail = await detailOf(backend, request.number);
      assert.equal(detail.stages.reopenings.length, 1);
      assert.deepEqual(detail.history.map((e) => e.status), ['registered', 'completed', 'in_progress']);
    }
    const db = backend.database.kysely;
    assert.equal((await db.selectFrom('request_reviews').select('id').execute()).length, 3);
    assert.equal((await db.selectFrom('request_reopenings').select('id').execute()).length, 3);
  });

  test('a reopened request counts against «resolved» in /operator/api/figures until it is final again', async (t) => {
    const { backend, clock } = await stagesBackend(t);
    // FIXED_NOW is Monday 2 March 2026, 12:00 Moscow. Two requests answered that day.
    const first = await created(backend);
    const second = await created(backend);
    clock.advance(2 * HOUR);
    await setStatus(backend, first.number, 'completed');
    await setStatus(backend, second.number, 'completed');
    // The second is reopened on Tuesday, and answered again on Thursday.
    clock.set(FIXED_NOW + DAY);
    assert.equal((await reopen(backend, second.number, { reason: 'Ответ неполный' })).statusCode, 200);
    const figures = async (from: string, to: string) => {
      const res = await asSupervisor(backend, 'GET', `/operator/api/figures?from=${from}&to=${to}&groupBy=channel`);
      assert.equal(res.statusCode, 200, res.body);
      return FiguresResponse.parse(res.json()).totals;
    };
    clock.set(FIXED_NOW + 2 * DAY);
    let totals = await figures('2026-03-02', '2026-03-03');
    assert.equal(totals.handled, 1, 'the reopened request is not resolved');
    assert.deepEqual(totals.firstContactResolution, { count: 2, matching: 1, percent: 50 }, 'and counts against first-contact resolution');
    assert.equal(totals.overdue.count, 2, 'it is open at the period’s end');
    // Monday alone: both were resolved then (what came later does not change that day).
    assert.equal((await figures('2026-03-02', '2026-03-02')).handled, 2);

    clock.set(FIXED_NOW + 3 * DAY);
    await setStatus(backend, second.number, 'completed');
    clock.set(FIXED_NOW + 4 * DAY);
    totals = await figures('2026-03-02', '2026-03-05');
    assert.equal(totals.handled, 2, 'final again: resolved');
    assert.deepEqual(totals.firstContactResolution, { count: 2, matching: 1, percent: 50 });
    assert.equal(totals.resolution.count, 2);
    // Its resolution time runs to Thursday's answer, not Monday's.
    assert.ok(totals.resolution.p90Minutes! >= 3 * 24 * 60 - 1, JSON.stringify(totals.resolution));
    // The earlier period is reproducible.
    assert.equal((await figures('2026-03-02', '2026-03-03')).handled, 1);
  });

  test('resolved at a moment: final then, since it last became final; equal times (a fixed clock) in their order', () => {
    const t = FIXED_NOW;
    assert.equal(standingResolution({ finals: [], reopenings: [] }, t + DAY), null, 'never final');
    assert.equal(standingResolution({ finals: [t], reopenings: [] }, t + DAY), t);
    assert.equal(standingResolution({ finals: [t], reopenings: [] }, t), null, 'not before it happened');
    assert.equal(standingResolution({ finals: [t], reopenings: [t + HOUR] }, t + DAY), null, 'reopened');
    assert.equal(standingResolution({ finals: [t], reopenings: [t + HOUR] }, t + HOUR), t, 'as it stood before the reopening');
    assert.equal(standingResolution({ finals: [t, t + 2 * HOUR], reopenings: [t + HOUR] }, t + DAY), t + 2 * HOUR, 'final again');
    assert.equal(standingResolution({ finals: [t], reopenings: [t] }, t + 1), null, 'final and reopened in the same millisecond');
    assert.equal(standingResolution({ finals: [t, t], reopenings: [t] }, t + 1), t);
  });

  test('fuzzed bodies never give a 5xx, always the API error shape', async (t) => {
    const { backend } = await stagesBackend(t);
    const request = await created(backend);
    await setStatus(backend, request.number, 'completed');
    let seed = 20260302;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const values: unknown[] = [null, true, 0, -1, 1e308, '', ' ', 'compliant', 'needs_rework', '__proto__', '\u0000\u202e', 'я'.repeat(5000), [], {}, { outcome: 'compliant' }, ['compliant']];
    const keys = ['outcome', 'note', 'remark', 'reason', '__proto__', 'constructor', 'status'];
    for (let i = 0; i < 150; i++) {
      const body: Record<string, unknown> = {};
      const count = Math.floor(random() * 3);
      for (let k = 0; k < count; k++) body[pick(keys)] = pick(values);
      const path = pick(['review', 'analysis', 'reopen']);
      const payload = random() < 0.1 ? pick([[], 'text', 42, null]) : body;
      const res = await (path === 'analysis' ? asSupervisor : call)(backend, 'POST', `/operator/api/requests/${pick([request.number, '%00', 'x'.repeat(300)])}/${path}`, payload);
      assert.ok(res.statusCode < 500, `${path} ${JSON.stringify(payload)} → ${res.statusCode} ${res.body}`);
      if (res.statusCode >= 400) assert.ok(ApiError.safeParse(res.json()).success, res.body);
    }
  });
});
