// The supervisor's alerts (server/alerts/, docs/backend.md «Alerts»): rules set through the API,
// a fixed clock moved minute by minute, the sweep called as the minute timer would, on SQLite and
// PostgreSQL (TEST_DATABASE=postgres).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test, type TestContext } from 'node:test';
import { Alert, AlertList, AlertRulesView, type AlertRules } from '../../src/protocol/alerts.js';
import { ApiError } from '../../src/protocol/error.js';
import { RequestCreated } from '../../src/protocol/request.js';
import { createAlertEvaluator } from '../../server/alerts/index.js';
import { createOutboxNotifier } from '../../server/notify/notifier.js';
import { chatWaitCondition, lowRatingsCondition, overdueShareCondition } from '../../server/alerts/rules.js';
import { RUSSIAN, NO_RATE_LIMITS, TEST_DATABASE, operatorCall, startBackend, startSecondBackend, submit, testClock, validRequest, type TestBackend } from './support.js';

/** Strong tokens (the server refuses weak ones). */
const TOKEN = 'q0Xr7T2mVb9LkYc4WzH1sNf8JdPa6GeU3iRoQyEtBn5';
const SUPERVISOR = 'Zk3pW8qLr5Tn1VbX7cYh2MsJd9GfA4eUoQ6iRtEyBw0';
const PUBLIC_URL = 'https://portal.example/support/';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const BOSS = 'boss\u0040example.ru';
const DEPUTY = 'deputy\u0040example.ru';

/** What the citizens of these tests are: none of it may reach an alert or its message. */
const PERSONAL = ['Иванова', 'Мария', '912', '345-67-89', 'maria.ivanova', 'Смирнов', 'smirnov', 'Забыл пароль'];

const RULES_OFF: AlertRules = {
  chatWait: { enabled: false, thresholdMinutes: 10, forMinutes: 5, recipients: [] },
  overdueShare: { enabled: false, percent: 10, minRequests: 10, recipients: [] },
  lowRatings: { enabled: false, count: 3, maxRating: 2, recipients: [] },
};

async function alertBackend(t: TestContext) {
  const clock = testClock();
  const backend = await startBackend(t, { now: clock.now, operatorToken: TOKEN, supervisorToken: SUPERVISOR, publicUrl: PUBLIC_URL, rateLimits: NO_RATE_LIMITS });
  return { backend, clock };
}

const asSupervisor = (backend: TestBackend, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
  operatorCall(backend.app, SUPERVISOR, method, url, payload, 'Руководитель Р.');
const asOperator = (backend: TestBackend, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
  operatorCall(backend.app, TOKEN, method, url, payload);

function putRules(backend: TestBackend, payload: unknown, token = SUPERVISOR) {
  return backend.app.inject({
    method: 'PUT',
    url: '/operator/api/alerts/rules',
    headers: { authorization: `Bearer ${token}`, 'x-operator-name': encodeURIComponent('Руководитель Р.') },
    payload: payload as Record<string, unknown>,
  });
}

async function setRules(backend: TestBackend, change: { [K in keyof AlertRules]?: Partial<AlertRules[K]> }) {
  const rules = structuredClone(RULES_OFF);
  for (const key of Object.keys(change) as (keyof AlertRules)[]) Object.assign(rules[key], change[key]);
  const res = await putRules(backend, rules);
  assert.equal(res.statusCode, 200, res.body);
  return AlertRulesView.parse(res.json());
}

const alertRows = (backend: TestBackend) => backend.database.kysely.selectFrom('alerts').selectAll().orderBy('id').execute();

/** The alert e-mails of the outbox, oldest first. */
const alertMessages = async (backend: TestBackend) =>
  (await backend.database.kysely.selectFrom('notification_outbox').selectAll().where('subject', 'like', 'Оповещение:%').orderBy('id').execute()).map((row) => ({
    channel: row.channel,
    recipient: row.recipient,
    subject: row.subject,
    body: row.body,
  }));

async function openAlerts(backend: TestBackend) {
  const res = await asSupervisor(backend, 'GET', '/operator/api/alerts');
  assert.equal(res.statusCode, 200, res.body);
  return AlertList.parse(res.json());
}

/** Moves the clock a minute and sweeps, `times` times; what was raised and cleared in all. */
async function minutes(backend: TestBackend, clock: ReturnType<typeof testClock>, times: number) {
  const raised: number[] = [];
  const cleared: number[] = [];
  for (let i = 0; i < times; i++) {
    clock.advance(MINUTE);
    const outcome = await backend.alerts.sweep();
    raised.push(...outcome.raised.map((row) => row.id));
    cleared.push(...outcome.cleared);
  }
  return { raised, cleared };
}

const opening = (overrides: Record<string, unknown> = {}) => ({
  startId: randomUUID(),
  kind: 'technical' as const,
  summary: 'Не получается войти',
  question: 'Забыл пароль от личного кабинета',
  locale: 'ru' as const,
  name: 'Смирнов Олег',
  contact: 'smirnov\u0040example.ru',
  ...overrides,
});

/** A conversation waiting for an operator since now. */
async function waitingChat(backend: TestBackend, overrides: Record<string, unknown> = {}) {
  const started = await backend.chat.start(opening(overrides));
  await backend.chat.idle();
  const row = await backend.chat.authenticate(started.conversationId, started.token);
  await backend.chat.handoff(row);
  return started.conversationId;
}

/** A chat closed by the citizen, its survey answered with `rating`. */
async function ratedChat(backend: TestBackend, rating: number, overrides: Record<string, unknown> = {}) {
  const started = await backend.chat.start(opening(overrides));
  await backend.chat.idle();
  const row = await backend.chat.authenticate(started.conversationId, started.token);
  await backend.chat.end(row);
  const link = await backend.surveys.link('chat', started.conversationId);
  const res = await backend.app.inject({ method: 'POST', url: `/surveys/${link.token}`, payload: { resolved: rating > 3 ? 'yes' : 'no', rating } });
  assert.equal(res.statusCode, 201, res.body);
}

function assertNothingPersonal(text: string) {
  for (const piece of PERSONAL) assert.ok(!text.includes(piece), `«${piece}» in ${text}`);
  assert.doesNotMatch(text, /maria|smirnov/i);
}

describe('the conditions at their bounds (alerts/rules.ts)', () => {
  const chat = { enabled: true, thresholdMinutes: 10, forMinutes: 5, recipients: [] };
  test('chat wait: over T, not at T; N minutes over it, not fewer; the earlier start counts', () => {
    const at = 1_000 * MINUTE;
    assert.deepEqual(chatWaitCondition(chat, at - 10 * MINUTE, null, at), { pendingSince: null }, 'exactly T is not over it');
    assert.deepEqual(chatWaitCondition(chat, null, at - HOUR, at), { pendingSince: null }, 'nobody waits: the count ends');
    const short = chatWaitCondition(chat, at - 14 * MINUTE, null, at);
    assert.equal(short.pendingSince, at - 4 * MINUTE);
    assert.equal(short.holds, undefined);
    assert.equal(chatWaitCondition(chat, at - 15 * MINUTE, null, at).holds?.value, 15);
    // Another conversation waited over T before this one: the remembered start counts.
    assert.equal(chatWaitCondition(chat, at - 11 * MINUTE, at - 5 * MINUTE, at).holds?.value, 11);
    assert.equal(chatWaitCondition(chat, at - 11 * MINUTE, at - 4 * MINUTE, at).holds, undefined);
  });

  test('overdue share: over P %, not at it; at least the minimum of requests', () => {
    const rule = { enabled: true, percent: 50, minRequests: 4, recipients: [] };
    assert.equal(overdueShareCondition(rule, 4, 2), undefined, '50 % is not over 50 %');
    assert.deepEqual(overdueShareCondition(rule, 4, 3), { kind: 'overdue_share', subject: '', value: 75, threshold: 50, sample: 4 });
    assert.equal(overdueShareCondition(rule, 3, 3), undefined, 'fewer than 4 requests');
    assert.equal(overdueShareCondition({ ...rule, minRequests: 1 }, 0, 0), undefined);
  });

  test('low ratings: the last K, each R or lower; fewer than K is no run', () => {
    const rule = { enabled: true, count: 3, maxRating: 2, recipients: [] };
    const topic = (ratings: number[]) => ({ channel: 'request' as const, topic: 'technical', ratings });
    assert.equal(lowRatingsCondition(rule, topic([2, 2])), undefined);
    assert.equal(lowRatingsCondition(rule, topic([2, 3, 1])), undefined);
    assert.deepEqual(lowRatingsCondition(rule, topic([1, 2, 2, 5])), {
      kind: 'low_ratings',
      subject: 'request:technical',
      channel: 'request',
      topic: 'technical',
      value: 1.67,
      threshold: 2,
      sample: 3,
    });
  });
});

describe('alert rules', () => {
  test('off by default; an operator gets 403 in the API’s shape; a supervisor saves them and reads them back', async (t) => {
    const { backend } = await alertBackend(t);
    const first = await asSupervisor(backend, 'GET', '/operator/api/alerts/rules');
    assert.equal(first.statusCode, 200, first.body);
    const view = AlertRulesView.parse(first.json());
    assert.deepEqual(
      Object.values(view.rules).map((rule) => rule.enabled),
      [false, false, false],
    );
    assert.equal(view.updatedAt, null);

    for (const res of [await asOperator(backend, 'GET', '/operator/api/alerts/rules'), await putRules(backend, RULES_OFF, TOKEN), await putRules(backend, { nonsense: true }, TOKEN)]) {
      assert.equal(res.statusCode, 403, res.body);
      const error = ApiError.parse(res.json()).error;
      assert.equal(error.code, 'forbidden');
      assert.match(error.message, RUSSIAN);
    }
    assert.equal((await backend.app.inject({ method: 'GET', url: '/operator/api/alerts/rules' })).statusCode, 401);

    const saved = await setRules(backend, { chatWait: { enabled: true, thresholdMinutes: 15, recipients: [BOSS, ' Boss\u0040Example.ru ', DEPUTY] } });
    assert.equal(saved.rules.chatWait.enabled, true);
    assert.equal(saved.rules.chatWait.thresholdMinutes, 15);
    assert.deepEqual(saved.rules.chatWait.recipients, [BOSS, DEPUTY], 'trimmed, repeats dropped');
    assert.equal(saved.updatedBy, 'Руководитель Р.');
    assert.deepEqual(AlertRulesView.parse((await asSupervisor(backend, 'GET', '/operator/api/alerts/rules')).json()), saved);
  });

  test('bad rules are refused with a Russian message per field, nothing saved', async (t) => {
    const { backend } = await alertBackend(t);
    const bad = structuredClone(RULES_OFF) as unknown as Record<string, Record<string, unknown>>;
    bad.chatWait!.thresholdMinutes = 0;
    bad.chatWait!.forMinutes = 241;
    bad.overdueShare!.percent = 12.5;
    bad.lowRatings!.maxRating = 5;
    bad.lowRatings!.recipients = ['boss', 'ok\u0040example.ru'];
    const res = await putRules(backend, bad);
    assert.equal(res.statusCode, 400, res.body);
    const error = ApiError.parse(res.json()).error;
    assert.equal(error.code, 'validation_failed');
    const byPath = new Map((error.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]));
    assert.deepEqual([...byPath.keys()].sort(), ['chatWait.forMinutes', 'chatWait.thresholdMinutes', 'lowRatings.maxRating', 'lowRatings.recipients.0', 'overdueShare.percent']);
    for (const message of byPath.values()) assert.match(message, RUSSIAN);
    assert.match(byPath.get('chatWait.thresholdMinutes')!, /Не меньше 1/);
    assert.match(byPath.get('chatWait.forMinutes')!, /Не больше 240/);
    assert.match(byPath.get('lowRatings.recipients.0')!, /электронной почты/);

    const many = structuredClone(RULES_OFF);
    many.overdueShare.recipients = Array.from({ length: 21 }, (_, i) => `person${i}\u0040example.ru`);
    const tooMany = await putRules(backend, many);
    assert.equal(tooMany.statusCode, 400, tooMany.body);
    assert.deepEqual(ApiError.parse(tooMany.json()).error.issues?.map((issue) => [issue.path.join('.'), issue.message]), [['overdueShare.recipients', 'Не больше 20 адресов']]);

    assert.equal(AlertRulesView.parse((await asSupervisor(backend, 'GET', '/operator/api/alerts/rules')).json()).updatedAt, null, 'nothing saved');
  });

  test('no 5xx from fuzzed bodies, ids and methods', async (t) => {
    const { backend } = await alertBackend(t);
    const bodies: unknown[] = [
      null,
      [],
      'text',
      42,
      {},
      { chatWait: null },
      { ...RULES_OFF, extra: 1 },
      { ...RULES_OFF, chatWait: { ...RULES_OFF.chatWait, thresholdMinutes: '10' } },
      { ...RULES_OFF, chatWait: { ...RULES_OFF.chatWait, thresholdMinutes: 1e308 } },
      { ...RULES_OFF, lowRatings: { ...RULES_OFF.lowRatings, recipients: [null, 1, {}, 'a'.repeat(300) + '\u0040example.ru'] } },
      { ...RULES_OFF, lowRatings: { ...RULES_OFF.lowRatings, recipients: 'boss\u0040example.ru' } },
      { __proto__: { enabled: true }, constructor: { prototype: {} } },
    ];
    for (const body of bodies) {
      const res = await backend.app.inject({
        method: 'PUT',
        url: '/operator/api/alerts/rules',
        headers: { authorization: `Bearer ${SUPERVISOR}`, 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      });
      assert.equal(res.statusCode, 400, `${JSON.stringify(body)}: ${res.body}`);
      assert.match(ApiError.parse(res.json()).error.message, RUSSIAN);
    }
    const broken = await backend.app.inject({ method: 'PUT', url: '/operator/api/alerts/rules', headers: { authorization: `Bearer ${SUPERVISOR}`, 'content-type': 'application/json' }, payload: '{"chatWait":' });
    assert.equal(broken.statusCode, 400, broken.body);
    for (const id of ['0', '-1', 'abc', '1.5', '99999999999', '2147483648', '%00', 'x'.repeat(500)]) {
      const res = await asSupervisor(backend, 'POST', `/operator/api/alerts/${id}/acknowledge`, {});
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${id}: ${res.statusCode} ${res.body}`);
      ApiError.parse(res.json());
    }
  });
});

describe('alerts raised and cleared by the minute sweep', () => {
  test('chat wait: raised once after N minutes over T, one e-mail per recipient, cleared when the queue empties', async (t) => {
    const { backend, clock } = await alertBackend(t);
    await setRules(backend, { chatWait: { enabled: true, thresholdMinutes: 10, forMinutes: 5, recipients: [BOSS, DEPUTY] } });
    const id = await waitingChat(backend);

    // Over 10 minutes from minute 11; 5 minutes of that by minute 15 (10 + 5).
    const before = await minutes(backend, clock, 14);
    assert.deepEqual(before.raised, [], 'not yet: over the threshold for less than 5 minutes');
    const at = await minutes(backend, clock, 1);
    assert.equal(at.raised.length, 1, 'raised at minute 15');
    const later = await minutes(backend, clock, 5);
    assert.deepEqual(later.raised, [], 'raised once, not every minute');

    const [row] = await alertRows(backend);
    assert.equal(row!.kind, 'chat_wait');
    assert.equal(row!.value, 15, 'the longest wait when raised (minutes)');
    assert.equal(row!.threshold, 10);
    assert.equal(row!.cleared_at, null);
    const messages = await alertMessages(backend);
    assert.deepEqual(messages.map((m) => [m.channel, m.recipient]), [['email', BOSS], ['email', DEPUTY]]);
    assert.match(messages[0]!.body, /Самое долгое ожидание в очереди чата — 15 мин: дольше порога 10 мин/);
    assert.match(messages[0]!.body, /https:\/\/portal\.example\/operator\//, 'a link to the console');
    for (const m of messages) assertNothingPersonal(`${m.subject}\n${m.body}`);

    const list = await openAlerts(backend);
    assert.deepEqual(list.open.map((a) => [a.kind, a.value, a.threshold, a.sample]), [['chat_wait', 15, 10, 5]]);
    // An operator sees the open ones too (the banner), not the recent ones.
    const seen = AlertList.parse((await asOperator(backend, 'GET', '/operator/api/alerts')).json());
    assert.deepEqual(seen.open.map((a) => a.id), list.open.map((a) => a.id));

    // Taken: the queue is empty, the alert clears (once), nothing more is sent.
    await backend.chat.take({ name: 'Петров П.', senior: false }, id);
    const after = await minutes(backend, clock, 3);
    assert.deepEqual(after.cleared, [row!.id]);
    const [cleared] = await alertRows(backend);
    assert.equal(cleared!.cleared_at, new Date(clock.now() - 2 * MINUTE).toISOString());
    assert.equal((await alertMessages(backend)).length, 2);
    const afterList = await openAlerts(backend);
    assert.deepEqual(afterList.open, []);
    assert.deepEqual(afterList.recent.map((a) => a.id), [row!.id]);
  });

  test('chat wait: a queue that dips under T starts counting again; a conversation that has waited T + N at once raises it', async (t) => {
    const { backend, clock } = await alertBackend(t);
    await setRules(backend, { chatWait: { enabled: true, thresholdMinutes: 3, forMinutes: 4 } });
    const first = await waitingChat(backend);
    assert.deepEqual((await minutes(backend, clock, 6)).raised, [], 'over 3 minutes for 3 minutes');
    await backend.chat.take({ name: 'Петров П.', senior: false }, first);
    await waitingChat(backend);
    // The new one: over 3 minutes from its minute 4; 4 minutes of that at its minute 7.
    assert.deepEqual((await minutes(backend, clock, 6)).raised, [], 'the count started again');
    assert.equal((await minutes(backend, clock, 1)).raised.length, 1);

    // No sweep for a while (a restart): the wait alone shows how long it has been over T.
    const { backend: other, clock: otherClock } = await alertBackend(t);
    await setRules(other, { chatWait: { enabled: true, thresholdMinutes: 3, forMinutes: 4 } });
    await waitingChat(other);
    otherClock.advance(7 * MINUTE);
    assert.equal((await other.alerts.sweep()).raised.length, 1);
  });

  test('overdue share: over P % of at least the minimum, among open requests and those finished in 7 days; cleared when it falls back', async (t) => {
    const { backend, clock } = await alertBackend(t);
    await setRules(backend, { overdueShare: { enabled: true, percent: 50, minRequests: 3, recipients: [BOSS] } });
    const numbers: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await submit(backend.app, validRequest());
      assert.equal(res.statusCode, 201, res.body);
      numbers.push(RequestCreated.parse(res.json()).number);
    }
    // 25 hours later both are past their 24 hours: 2 of 2, but fewer than 3 requests.
    clock.advance(25 * HOUR);
    assert.deepEqual((await minutes(backend, clock, 1)).raised, []);
    // One finished late still counts (finished in the last 7 days), overdue.
    const done = await asOperator(backend, 'POST', `/operator/api/requests/${numbers[0]}/status`, { status: 'completed', comment: 'Готово' });
    assert.equal(done.statusCode, 200, done.body);
    const fresh = await submit(backend.app, validRequest());
    assert.equal(fresh.statusCode, 201, fresh.body);
    // 2 overdue of 3: 66.7 % > 50 %.
    const raised = await minutes(backend, clock, 1);
    assert.equal(raised.raised.length, 1);
    const [row] = await alertRows(backend);
    assert.deepEqual([row!.kind, row!.value, row!.threshold, row!.sample], ['overdue_share', 66.7, 50, 3]);
    const [message] = await alertMessages(backend);
    assert.match(message!.body, /Доля просроченных обращений — 66,7 % из 3/);
    assertNothingPersonal(message!.body);
    assert.deepEqual((await minutes(backend, clock, 2)).raised, [], 'once');

    // Two new ones on time: 2 of 5 = 40 %: cleared.
    for (let i = 0; i < 2; i++) assert.equal((await submit(backend.app, validRequest())).statusCode, 201);
    assert.deepEqual((await minutes(backend, clock, 1)).cleared, [row!.id]);

    // Eight days on, the finished one has left the window; the four open ones are all overdue now.
    clock.advance(8 * 24 * HOUR);
    const again = await minutes(backend, clock, 1);
    assert.equal(again.raised.length, 1, 'a new alert: the condition became true again');
    const rows = await alertRows(backend);
    assert.deepEqual(rows.map((r) => [r.value, r.sample]), [[66.7, 3], [100, 4]]);
    assert.equal((await alertMessages(backend)).length, 2, 'one message per raised alert per recipient');
  });

  test('low ratings: K answers in a row of one channel and topic rated R or lower; cleared by a better one; other topics apart', async (t) => {
    const { backend, clock } = await alertBackend(t);
    await setRules(backend, { lowRatings: { enabled: true, count: 3, maxRating: 2, recipients: [BOSS, DEPUTY] } });
    await ratedChat(backend, 1);
    clock.advance(MINUTE);
    await ratedChat(backend, 2);
    clock.advance(MINUTE);
    // Another topic's low rating does not join the run.
    await ratedChat(backend, 1, { kind: 'application' });
    assert.deepEqual((await minutes(backend, clock, 1)).raised, [], 'two in a row only');
    await ratedChat(backend, 2);
    const raised = await minutes(backend, clock, 1);
    assert.equal(raised.raised.length, 1);
    const [row] = await alertRows(backend);
    assert.deepEqual([row!.kind, row!.channel, row!.topic, row!.value, row!.threshold, row!.sample], ['low_ratings', 'chat', 'technical', 1.67, 2, 3]);
    const messages = await alertMessages(backend);
    assert.deepEqual(messages.map((m) => m.recipient), [BOSS, DEPUTY]);
    assert.match(messages[0]!.body, /3 ответа подряд с оценкой не выше 2 по теме «Техническая проблема» \(Чат\): средняя оценка 1,67\./);
    for (const m of messages) assertNothingPersonal(`${m.subject}\n${m.body}`);
    // A fourth low one: still the same alert.
    await ratedChat(backend, 1);
    assert.deepEqual((await minutes(backend, clock, 1)).raised, []);
    // A good one ends the run.
    await ratedChat(backend, 5);
    assert.deepEqual((await minutes(backend, clock, 1)).cleared, [row!.id]);
    assert.equal((await alertMessages(backend)).length, 2);
  });

  test('a rule turned off clears its open alerts; turned on again, it raises a new one', async (t) => {
    const { backend, clock } = await alertBackend(t);
    const on = { lowRatings: { enabled: true, count: 2, maxRating: 2, recipients: [BOSS] } };
    await setRules(backend, on);
    await ratedChat(backend, 1);
    await ratedChat(backend, 1);
    assert.equal((await minutes(backend, clock, 1)).raised.length, 1);
    await setRules(backend, {});
    assert.equal((await minutes(backend, clock, 1)).cleared.length, 1);
    await setRules(backend, on);
    assert.equal((await minutes(backend, clock, 1)).raised.length, 1);
    assert.equal((await alertMessages(backend)).length, 2);
  });

  test('two evaluators at once raise one alert and send its messages once (two processes on PostgreSQL)', async (t) => {
    const { backend, clock } = await alertBackend(t);
    // Evaluators of their own on the same database: on SQLite they share its one connection (and
    // its write lock); on PostgreSQL each sweep takes a connection of the pool, as another process would.
    const evaluator = () =>
      createAlertEvaluator({ db: backend.database.kysely, notifier: createOutboxNotifier(clock.now), finalStatuses: ['completed', 'rejected'], now: clock.now });
    const evaluators = [backend.alerts, evaluator(), evaluator(), evaluator()];
    // In-process SQLite connections cannot wait for each other (the driver blocks): a second app
    // on the same file is the several-processes suite's; on PostgreSQL it is one more here.
    if (TEST_DATABASE === 'postgres') {
      const second = await startSecondBackend(t, backend, { now: clock.now, operatorToken: TOKEN, supervisorToken: SUPERVISOR, publicUrl: PUBLIC_URL, rateLimits: NO_RATE_LIMITS });
      evaluators.push(second.alerts);
    }
    await setRules(backend, { lowRatings: { enabled: true, count: 2, maxRating: 3, recipients: [BOSS, DEPUTY] } });
    await ratedChat(backend, 3);
    await ratedChat(backend, 2);
    clock.advance(MINUTE);
    const outcomes = await Promise.all(evaluators.map((e) => e.sweep()));
    assert.equal(outcomes.flatMap((o) => o.raised).length, 1);
    assert.equal((await alertRows(backend)).length, 1);
    assert.deepEqual((await alertMessages(backend)).map((m) => m.recipient), [BOSS, DEPUTY]);
  });
});

describe('acknowledging an alert', () => {
  test('a supervisor acknowledges (once, with the name); an operator gets 403; it stays open until cleared', async (t) => {
    const { backend, clock } = await alertBackend(t);
    await setRules(backend, { lowRatings: { enabled: true, count: 2, maxRating: 2 } });
    await ratedChat(backend, 1);
    await ratedChat(backend, 2);
    await minutes(backend, clock, 1);
    const [row] = await alertRows(backend);
    assert.equal((await alertMessages(backend)).length, 0, 'no recipients: the console only');

    const refused = await asOperator(backend, 'POST', `/operator/api/alerts/${row!.id}/acknowledge`, {});
    assert.equal(refused.statusCode, 403, refused.body);
    assert.match(ApiError.parse(refused.json()).error.message, RUSSIAN);

    clock.advance(MINUTE);
    const res = await asSupervisor(backend, 'POST', `/operator/api/alerts/${row!.id}/acknowledge`, {});
    assert.equal(res.statusCode, 200, res.body);
    const acknowledged = Alert.parse(res.json());
    assert.equal(acknowledged.acknowledgedBy, 'Руководитель Р.');
    assert.equal(acknowledged.acknowledgedAt, new Date(clock.now()).toISOString());
    assert.equal(acknowledged.clearedAt, null);
    clock.advance(MINUTE);
    const again = Alert.parse((await asSupervisor(backend, 'POST', `/operator/api/alerts/${row!.id}/acknowledge`, {})).json());
    assert.equal(again.acknowledgedAt, acknowledged.acknowledgedAt, 'the first one counts');
    assert.equal((await openAlerts(backend)).open[0]!.acknowledgedBy, 'Руководитель Р.');
    const missing = await asSupervisor(backend, 'POST', `/operator/api/alerts/${row!.id + 1}/acknowledge`, {});
    assert.equal(missing.statusCode, 404, missing.body);
  });

  test('the console’s address in the message: `consoleUrl` when given (a bad one stops the start)', async (t) => {
    await assert.rejects(startBackend(t, { operatorToken: TOKEN, consoleUrl: 'javascript:alert(1)' }), /consoleUrl must be an http\(s\) URL/);
    const clock = testClock();
    const backend = await startBackend(t, { now: clock.now, operatorToken: TOKEN, supervisorToken: SUPERVISOR, consoleUrl: 'https://support.example/operator/', rateLimits: NO_RATE_LIMITS });
    await setRules(backend, { lowRatings: { enabled: true, count: 2, maxRating: 2, recipients: [BOSS] } });
    await ratedChat(backend, 1);
    await ratedChat(backend, 2);
    await minutes(backend, clock, 1);
    const [message] = await alertMessages(backend);
    assert.match(message!.body, /Консоль оператора, раздел «Оповещения»: https:\/\/support\.example\/operator\/$/m);
  });

  test('nothing about a citizen in the alerts table', async (t) => {
    const { backend, clock } = await alertBackend(t);
    await setRules(backend, {
      chatWait: { enabled: true, thresholdMinutes: 1, forMinutes: 1, recipients: [BOSS] },
      overdueShare: { enabled: true, percent: 1, minRequests: 1, recipients: [BOSS] },
      lowRatings: { enabled: true, count: 2, maxRating: 2, recipients: [BOSS] },
    });
    assert.equal((await submit(backend.app, validRequest())).statusCode, 201);
    await ratedChat(backend, 1);
    await ratedChat(backend, 1);
    await waitingChat(backend);
    clock.advance(2 * 24 * HOUR);
    await backend.alerts.sweep();
    const rows = await alertRows(backend);
    assert.deepEqual(rows.map((r) => r.kind).sort(), ['chat_wait', 'low_ratings', 'overdue_share']);
    assertNothingPersonal(JSON.stringify(rows));
    const messages = await alertMessages(backend);
    assert.equal(messages.length, 3);
    for (const m of messages) assertNothingPersonal(`${m.subject}\n${m.body}`);
  });
});
