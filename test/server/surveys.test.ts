import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test, type TestContext } from 'node:test';
import type { BuildAppOptions } from '../../server/app.js';
import { createOutboxNotifier, type Notifier } from '../../server/notify/notifier.js';
import { SURVEY_ANSWERED_MESSAGE, SURVEY_NOT_FOUND_MESSAGE, SURVEY_RATE_LIMITED_MESSAGE } from '../../server/surveys/routes.js';
import { sharedSurveyAnswers } from '../../server/surveys/index.js';
import { createSurveyStore } from '../../server/surveys/store.js';
import { CallbackView } from '../../src/protocol/callback.js';
import { ChatState, OperatorChatSummary } from '../../src/protocol/chat.js';
import { ApiError } from '../../src/protocol/error.js';
import { FiguresResponse } from '../../src/protocol/figures.js';
import { Booking } from '../../src/protocol/offices.js';
import { OperatorSurveyList, SurveyAnswer, SurveyView } from '../../src/protocol/quality.js';
import { RequestCreated } from '../../src/protocol/request.js';
import { StatusLookupResult } from '../../src/protocol/status.js';
import {
  FIXED_NOW,
  NO_RATE_LIMITS,
  RUSSIAN,
  SNILS,
  bookCallback,
  bookVisit,
  operatorCall,
  startBackend,
  submit,
  testClock,
  validBooking,
  validCallback,
  validRequest,
  type TestBackend,
} from './support.js';

/** A strong operator token (the server refuses weak ones). */
const TOKEN = 'q0Xr7T2mVb9LkYc4WzH1sNf8JdPa6GeU3iRoQyEtBn5';
const PUBLIC_URL = 'https://portal.example/support/?lang=ru';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const EMAIL = 'maria.ivanova\u0040example.ru';
const PHONE = '+79123456789';

/** A notifier writing the outbox, whose survey messages fail while `failing` (a busy database, say). */
function flakyNotifier(now: () => number): Notifier & { failing: boolean } {
  const outbox = createOutboxNotifier(now);
  return {
    failing: false,
    async enqueue(trx, message) {
      if (this.failing && message.body.includes('Оцените')) throw new Error('outbox unavailable');
      await outbox.enqueue(trx, message);
    },
  };
}

async function surveyBackend(t: TestContext, overrides: Partial<BuildAppOptions> = {}) {
  const clock = testClock();
  const backend = await startBackend(t, { now: clock.now, operatorToken: TOKEN, publicUrl: PUBLIC_URL, rateLimits: NO_RATE_LIMITS, ...overrides });
  return { backend, clock };
}

/** A backend whose survey messages fail (and so their rows: one transaction) until `notifier.failing` is unset. */
async function flakyBackend(t: TestContext) {
  const clock = testClock();
  const notifier = flakyNotifier(clock.now);
  notifier.failing = true;
  const { backend } = await surveyBackend(t, { now: clock.now, notifier });
  return { backend, clock, notifier };
}

/** An operator call with the Bearer token. */
const operator = (backend: TestBackend, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>, name?: string) =>
  operatorCall(backend.app, TOKEN, method, url, payload, name);

const getSurvey = (backend: TestBackend, token: string, ip?: string) =>
  backend.app.inject({ method: 'GET', url: `/surveys/${token}`, ...(ip ? { remoteAddress: ip } : {}) });
const answer = (backend: TestBackend, token: string, payload: Record<string, unknown>, ip?: string) =>
  backend.app.inject({ method: 'POST', url: `/surveys/${token}`, payload, ...(ip ? { remoteAddress: ip } : {}) });

/** The survey messages of the outbox, oldest first, each with the token of its link. */
async function surveyMessages(backend: TestBackend) {
  const rows = await backend.database.kysely.selectFrom('notification_outbox').selectAll().where('body', 'like', '%gs-survey=%').orderBy('id').execute();
  return rows.map((row) => {
    const link = /(https:\/\/\S+?)\. Опрос займёт минуту\./.exec(row.body)?.[1];
    assert.ok(link, row.body);
    const url = new URL(link);
    assert.equal(`${url.origin}${url.pathname}`, 'https://portal.example/support/', 'the link leads to the site page');
    assert.equal(url.searchParams.get('lang'), 'ru', 'its own query is kept');
    assert.equal(url.searchParams.get('gs-survey'), null, 'the token is not in the query: the browser would send it to the site');
    const token = new URLSearchParams(url.hash.slice(1)).get('gs-survey');
    assert.ok(token, `the token is in the fragment: ${link}`);
    return { channel: row.channel, recipient: row.recipient, subject: row.subject, body: row.body, token };
  });
}

/** The tokens of the survey messages, oldest first (at least `count` of them). */
async function messageTokens(backend: TestBackend, count = 1): Promise<string[]> {
  const tokens = (await surveyMessages(backend)).map((m) => m.token);
  assert.ok(tokens.length >= count, `${tokens.length} survey messages`);
  return tokens;
}

const surveyRows = (backend: TestBackend) => backend.database.kysely.selectFrom('surveys').selectAll().orderBy('id').execute();

async function finishedRequest(backend: TestBackend, status = 'completed', overrides: Record<string, unknown> = {}) {
  const res = await submit(backend.app, validRequest(overrides));
  assert.equal(res.statusCode, 201, res.body);
  const created = RequestCreated.parse(res.json());
  const changed = await operator(backend, 'POST', `/operator/api/requests/${created.number}/status`, { status, comment: 'Готово' });
  assert.equal(changed.statusCode, 200, changed.body);
  return created;
}

async function lookup(backend: TestBackend, number: string, factor: string) {
  const res = await backend.app.inject({ method: 'POST', url: '/requests/lookup', payload: { number, factor } });
  assert.equal(res.statusCode, 200, res.body);
  return StatusLookupResult.parse(res.json());
}

async function calledCallback(backend: TestBackend, overrides: Record<string, unknown> = {}) {
  const res = await bookCallback(backend.app, validCallback(overrides));
  assert.equal(res.statusCode, 201, res.body);
  const booked = CallbackView.parse(res.json());
  const outcome = await operator(backend, 'POST', `/operator/api/callbacks/${booked.number}/outcome`, { outcome: 'called' }, 'Сидорова А.');
  assert.equal(outcome.statusCode, 200, outcome.body);
  return booked;
}

const opening = (overrides: Record<string, unknown> = {}) => ({
  startId: randomUUID(),
  kind: 'technical' as const,
  summary: 'Не получается войти',
  question: 'Забыл пароль от личного кабинета',
  locale: 'ru' as const,
  ...overrides,
});

async function closedChat(backend: TestBackend, overrides: Record<string, unknown> = {}) {
  const started = await backend.chat.start(opening(overrides));
  await backend.chat.idle();
  const row = await backend.chat.authenticate(started.conversationId, started.token);
  const state = ChatState.parse(await backend.chat.end(row));
  return { conversationId: started.conversationId, state };
}

const GOOD_ANSWER = { resolved: 'yes', rating: 5 };

describe('surveys: every finished contact gets one', () => {
  test('a request in a final status: its survey, the link by e-mail once, the status lookup carries it; reopened and final again, nothing new', async (t) => {
    const { backend } = await surveyBackend(t);
    const created = await finishedRequest(backend);
    const [message, ...others] = await surveyMessages(backend);
    assert.equal(others.length, 0);
    assert.equal(message!.channel, 'email');
    assert.equal(message!.recipient, EMAIL);
    assert.match(message!.subject ?? '', RUSSIAN);
    assert.match(message!.body, /Оцените, пожалуйста, как мы помогли: https:\/\/portal\.example\/support\/\?lang=ru#gs-survey=\S+\. Опрос займёт минуту\./);

    const [row] = await surveyRows(backend);
    assert.deepEqual(
      { channel: row!.channel, ref: row!.contact_ref, topic: row!.topic, operator: row!.operator, finishedAt: row!.finished_at, answered: row!.answered_at },
      { channel: 'request', ref: created.number, topic: 'technical', operator: 'Петров П.', finishedAt: new Date(FIXED_NOW).toISOString(), answered: null },
    );

    const view = await lookup(backend, created.number, created.lookupCode);
    assert.deepEqual(view.survey, { token: message!.token, answered: false }, 'the status view carries the same token');
    const shown = await getSurvey(backend, message!.token);
    assert.equal(shown.statusCode, 200, shown.body);
    assert.deepEqual(SurveyView.parse(shown.json()), { channel: 'request', reference: created.number, finishedAt: new Date(FIXED_NOW).toISOString(), answered: false });

    const answered = await answer(backend, message!.token, { resolved: 'partly', rating: 4, comment: 'Долго, но помогли' });
    assert.equal(answered.statusCode, 201, answered.body);
    assert.deepEqual(SurveyAnswer.parse(answered.json()), {
      resolved: 'partly',
      rating: 4,
      comment: 'Долго, но помогли',
      shareWithOperator: false,
      answeredAt: new Date(FIXED_NOW).toISOString(),
    });
    assert.deepEqual((await lookup(backend, created.number, created.lookupCode)).survey, { token: message!.token, answered: true });

    // Reopened: no survey in the view while it is open; final again: the answered survey, no new message.
    assert.equal((await operator(backend, 'POST', `/operator/api/requests/${created.number}/status`, { status: 'in_progress' })).statusCode, 200);
    assert.equal((await lookup(backend, created.number, created.lookupCode)).survey, undefined);
    assert.equal((await operator(backend, 'POST', `/operator/api/requests/${created.number}/status`, { status: 'rejected' })).statusCode, 200);
    assert.deepEqual((await lookup(backend, created.number, created.lookupCode)).survey, { token: message!.token, answered: true });
    assert.equal((await surveyMessages(backend)).length, 1);
    assert.equal((await surveyRows(backend)).length, 1);
  });

  test('a request answered by SMS gets the link by SMS; by phone, no message but the survey in its view', async (t) => {
    const { backend } = await surveyBackend(t);
    await finishedRequest(backend, 'completed', { answerChannel: 'sms' });
    const byPhone = await finishedRequest(backend, 'rejected', { answerChannel: 'phone' });
    const messages = await surveyMessages(backend);
    assert.deepEqual(messages.map((m) => [m.channel, m.recipient, m.subject]), [['sms', PHONE, null]]);
    assert.equal((await surveyRows(backend)).length, 2);
    assert.equal((await lookup(backend, byPhone.number, byPhone.lookupCode)).survey?.answered, false);
  });

  test('a request not in a final status has no survey: its token gets 404', async (t) => {
    const { backend } = await surveyBackend(t);
    const res = await submit(backend.app, validRequest());
    const created = RequestCreated.parse(res.json());
    assert.equal((await operator(backend, 'POST', `/operator/api/requests/${created.number}/status`, { status: 'in_progress' })).statusCode, 200);
    const { token } = await backend.surveys.link('request', created.number);
    const shown = await getSurvey(backend, token);
    assert.equal(shown.statusCode, 404);
    assert.equal(ApiError.parse(shown.json()).error.message, SURVEY_NOT_FOUND_MESSAGE);
    assert.equal((await answer(backend, token, GOOD_ANSWER)).statusCode, 404);
    assert.equal((await lookup(backend, created.number, created.lookupCode)).survey, undefined);
    assert.deepEqual(await surveyRows(backend), []);
    assert.deepEqual(await surveyMessages(backend), []);
  });

  test('a callback marked called: its survey, the link by SMS, the callback and status lookups carry it', async (t) => {
    const { backend } = await surveyBackend(t);
    const booked = await calledCallback(backend);
    const [message, ...others] = await surveyMessages(backend);
    assert.equal(others.length, 0);
    assert.deepEqual([message!.channel, message!.recipient], ['sms', PHONE]);
    const [row] = await surveyRows(backend);
    assert.deepEqual([row!.channel, row!.contact_ref, row!.topic, row!.operator], ['callback', booked.number, 'technical', 'Сидорова А.']);

    const viewed = await backend.app.inject({ method: 'POST', url: `/callbacks/${booked.number}/lookup`, payload: { phone: PHONE } });
    assert.equal(viewed.statusCode, 200, viewed.body);
    assert.deepEqual(CallbackView.parse(viewed.json()).survey, { token: message!.token, answered: false });
    assert.deepEqual((await lookup(backend, booked.number, PHONE)).survey, { token: message!.token, answered: false });
    const shown = SurveyView.parse((await getSurvey(backend, message!.token)).json());
    assert.deepEqual([shown.channel, shown.reference], ['callback', booked.number]);

    // «No answer» is not the end: no survey.
    const other = CallbackView.parse((await bookCallback(backend.app, validCallback({ slotStart: '2026-03-02T10:00:00.000Z' }))).json());
    assert.equal((await operator(backend, 'POST', `/operator/api/callbacks/${other.number}/outcome`, { outcome: 'no_answer' })).statusCode, 200);
    const otherView = await backend.app.inject({ method: 'POST', url: `/callbacks/${other.number}/lookup`, payload: { phone: PHONE } });
    assert.equal(CallbackView.parse(otherView.json()).survey, undefined);
    assert.equal((await surveyRows(backend)).length, 1);
  });

  test('a visit whose time has passed: the sweep makes its survey and sends the link (e-mail if given, else SMS); cancelled ones none', async (t) => {
    const { backend, clock } = await surveyBackend(t);
    const withEmail = Booking.parse((await bookVisit(backend.app, validBooking({ email: EMAIL }))).json());
    const bySms = Booking.parse((await bookVisit(backend.app, validBooking({ phone: '+7 912 000-00-01', slotStart: '2026-03-02T10:15:00.000Z' }))).json());
    const cancelled = Booking.parse((await bookVisit(backend.app, validBooking({ phone: '+7 912 000-00-02', slotStart: '2026-03-02T10:30:00.000Z' }))).json());
    const cancel = await backend.app.inject({ method: 'POST', url: `/bookings/${cancelled.number}/cancel`, payload: { phone: '+7 912 000-00-02' } });
    assert.equal(cancel.statusCode, 200, cancel.body);

    assert.equal(await backend.surveys.sweep(), 0, 'before the visit: nothing');
    const { token } = await backend.surveys.link('visit', withEmail.number);
    assert.equal((await getSurvey(backend, token)).statusCode, 404, 'not yet');

    clock.set(Date.parse(bySms.end) + MINUTE);
    assert.equal(await backend.surveys.sweep(), 2);
    assert.equal(await backend.surveys.sweep(), 0, 'once');
    const messages = await surveyMessages(backend);
    assert.deepEqual(messages.map((m) => [m.channel, m.recipient]), [
      ['email', EMAIL],
      ['sms', '+79120000001'],
    ]);
    assert.equal(messages[0]!.token, token);
    const rows = await surveyRows(backend);
    assert.deepEqual(rows.map((r) => [r.channel, r.contact_ref, r.topic, r.operator, r.finished_at]), [
      ['visit', withEmail.number, 'passport', null, withEmail.end],
      ['visit', bySms.number, 'passport', null, bySms.end],
    ]);
    const shown = SurveyView.parse((await getSurvey(backend, token)).json());
    assert.deepEqual(shown, { channel: 'visit', reference: withEmail.number, finishedAt: withEmail.end, answered: false });
    assert.equal((await answer(backend, token, GOOD_ANSWER)).statusCode, 201);
  });

  test('a closed chat: its survey in the closed state, the link to the contact if it is an e-mail; idle ones too', async (t) => {
    const { backend, clock } = await surveyBackend(t);
    const { conversationId, state } = await closedChat(backend, { contact: EMAIL });
    assert.equal(state.status, 'closed');
    assert.ok(state.survey, 'the closed state carries the survey');
    assert.equal(state.survey.answered, false);
    const [message, ...others] = await surveyMessages(backend);
    assert.equal(others.length, 0);
    assert.deepEqual([message!.channel, message!.recipient, message!.token], ['email', EMAIL, state.survey.token]);
    const shown = SurveyView.parse((await getSurvey(backend, state.survey.token)).json());
    assert.deepEqual(shown, { channel: 'chat', finishedAt: new Date(FIXED_NOW).toISOString(), answered: false }, 'no reference for a chat');
    assert.equal((await answer(backend, state.survey.token, GOOD_ANSWER)).statusCode, 201);
    const [survey] = await surveyRows(backend);
    assert.deepEqual([survey!.channel, survey!.contact_ref, survey!.topic, survey!.answered_at !== null], ['chat', conversationId, 'technical', true]);

    // Abandoned (closed as idle, no contact): a survey, no message.
    const started = await backend.chat.start(opening({ kind: 'status', question: 'Где моё заявление?' }));
    await backend.chat.idle();
    clock.advance(25 * HOUR);
    assert.ok((await backend.chat.closeIdle()) >= 1);
    const rows = await surveyRows(backend);
    assert.deepEqual(rows.map((r) => [r.contact_ref, r.topic]).at(-1), [started.conversationId, 'status']);
    assert.equal((await surveyMessages(backend)).length, 1);
    const resumed = await backend.chat.authenticate(started.conversationId, started.token);
    assert.equal(ChatState.parse(await backend.chat.state(resumed)).survey?.answered, false);
  });

  test('a chat an operator took and closed: its survey names the operator', async (t) => {
    const { backend } = await surveyBackend(t);
    const started = await backend.chat.start(opening({ question: 'Что-то непонятное' }));
    await backend.chat.idle();
    await backend.chat.handoff(await backend.chat.authenticate(started.conversationId, started.token));
    const petrov = { name: 'Петров П.', senior: false };
    await backend.chat.take(petrov, started.conversationId);
    assert.deepEqual(await surveyRows(backend), [], 'not before it is closed');
    await backend.chat.close(petrov, started.conversationId);
    const [row, ...others] = await surveyRows(backend);
    assert.equal(others.length, 0);
    assert.deepEqual([row!.channel, row!.contact_ref, row!.operator], ['chat', started.conversationId, 'Петров П.']);
    const state = ChatState.parse(await backend.chat.state(await backend.chat.authenticate(started.conversationId, started.token)));
    assert.equal(state.survey?.token, (await backend.surveys.link('chat', started.conversationId)).token);
  });

  test('the chat rating (chat:rate) is kept as it was, beside the survey', async (t) => {
    const { backend } = await surveyBackend(t);
    const started = await backend.chat.start(opening());
    await backend.chat.idle();
    const closed = await backend.chat.end(await backend.chat.authenticate(started.conversationId, started.token));
    assert.equal(closed.status, 'closed');
    await backend.chat.rate(await backend.chat.authenticate(started.conversationId, started.token), 4, 'Хорошо');
    const rating = await backend.database.kysely.selectFrom('chat_ratings').selectAll().executeTakeFirstOrThrow();
    assert.deepEqual([rating.score, rating.comment], [4, 'Хорошо']);
    const state = ChatState.parse(await backend.chat.state(await backend.chat.authenticate(started.conversationId, started.token)));
    assert.equal(state.rated, true);
    assert.equal(state.survey?.answered, false, 'the rating is not the survey');
  });
});

/** A chat the operator took and closed (so it is among their recent ones), and its survey's token. */
async function operatorClosedChat(backend: TestBackend, operator: { name: string; senior: boolean }, question: string) {
  const started = await backend.chat.start(opening({ question }));
  await backend.chat.idle();
  await backend.chat.handoff(await backend.chat.authenticate(started.conversationId, started.token));
  await backend.chat.take(operator, started.conversationId);
  await backend.chat.close(operator, started.conversationId);
  const state = ChatState.parse(await backend.chat.state(await backend.chat.authenticate(started.conversationId, started.token)));
  assert.ok(state.survey);
  return { conversationId: started.conversationId, token: state.survey.token };
}

describe('surveys in the operator\'s recently closed chats', () => {
  test('an answer the citizen shared shows in the operator\'s recent list; one not shared is not tied to its chat', async (t) => {
    const { backend, clock } = await surveyBackend(t);
    const petrov = { name: 'Петров П.', senior: false };
    const shared = await operatorClosedChat(backend, petrov, 'Вопрос первый');
    clock.advance(MINUTE);
    const hidden = await operatorClosedChat(backend, petrov, 'Вопрос второй');
    clock.advance(MINUTE);
    const unanswered = await operatorClosedChat(backend, petrov, 'Вопрос третий');
    assert.equal((await answer(backend, shared.token, { resolved: 'partly', rating: 4, comment: 'Помогли, но долго', shareWithOperator: true })).statusCode, 201);
    assert.equal((await answer(backend, hidden.token, { resolved: 'no', rating: 2, comment: 'Секретный отзыв', shareWithOperator: false })).statusCode, 201);

    const { recent } = await backend.chat.list(petrov);
    const items = recent.map((item) => OperatorChatSummary.parse(item));
    assert.deepEqual(
      items.map((c) => [c.conversationId, c.survey, c.rating]),
      [
        [unanswered.conversationId, undefined, undefined],
        [hidden.conversationId, undefined, undefined],
        [shared.conversationId, { resolved: 'partly', rating: 4, comment: 'Помогли, но долго' }, undefined],
      ],
    );
    assert.ok(!JSON.stringify(recent).includes('Секретный отзыв'), 'the answer not shared is nowhere in the list');
    // The query itself: only the shared answer, so nothing ties the other to its conversation.
    const ids = [shared.conversationId, hidden.conversationId, unanswered.conversationId];
    assert.deepEqual(await sharedSurveyAnswers(backend.database.kysely, 'chat', ids), [
      { ref: shared.conversationId, resolved: 'partly', rating: 4, comment: 'Помогли, но долго' },
    ]);
    assert.deepEqual(await sharedSurveyAnswers(backend.database.kysely, 'request', ids), [], 'one channel only');
    assert.deepEqual(await sharedSurveyAnswers(backend.database.kysely, 'chat', []), []);
    // Another operator's list has none of them.
    assert.deepEqual((await backend.chat.list({ name: 'Иванова А.', senior: false })).recent, []);
  });
});

describe('surveys: answers', () => {
  test('one answer per contact: two at once get one 201 and one 409; a later one 409 too', async (t) => {
    const { backend } = await surveyBackend(t);
    await finishedRequest(backend);
    const [token = ''] = await messageTokens(backend);
    const both = await Promise.all([answer(backend, token, { resolved: 'yes', rating: 5 }), answer(backend, token, { resolved: 'no', rating: 1 })]);
    assert.deepEqual(both.map((res) => res.statusCode).sort(), [201, 409]);
    const refused = both.find((res) => res.statusCode === 409)!;
    assert.deepEqual(ApiError.parse(refused.json()).error, { code: 'conflict', message: SURVEY_ANSWERED_MESSAGE });
    const again = await answer(backend, token, GOOD_ANSWER);
    assert.equal(again.statusCode, 409);
    const [row] = await surveyRows(backend);
    const accepted = SurveyAnswer.parse(both.find((res) => res.statusCode === 201)!.json());
    assert.deepEqual([row!.resolved, row!.rating], [accepted.resolved, accepted.rating], 'the accepted answer is the stored one');
    assert.equal(SurveyView.parse((await getSurvey(backend, token)).json()).answered, true);

    // The store's answer is conditional itself: one that passed the check before another was
    // stored (the moment between the read and the write) is refused there, not stored over it.
    const store = createSurveyStore(backend.database.kysely, createOutboxNotifier());
    const late = { resolved: 'no' as const, rating: 1, comment: null, shareWithOperator: true, answeredAt: new Date(FIXED_NOW + HOUR).toISOString() };
    assert.equal(await store.answer(row!.id, late), false);
    const kept = (await surveyRows(backend))[0]!;
    assert.deepEqual([kept.resolved, kept.rating, kept.answered_at], [accepted.resolved, accepted.rating, accepted.answeredAt]);

    // Many at once on another contact: exactly one is stored.
    await finishedRequest(backend);
    const [, other = ''] = await messageTokens(backend, 2);
    const many = await Promise.all(Array.from({ length: 8 }, (_, i) => answer(backend, other, { resolved: 'yes', rating: 1 + (i % 5) })));
    assert.deepEqual(many.map((res) => res.statusCode).sort(), [201, 409, 409, 409, 409, 409, 409, 409]);
  });

  test('a forged or damaged token gets 404: another MAC, channel or reference, garbage', async (t) => {
    const { backend } = await surveyBackend(t);
    const created = await finishedRequest(backend);
    const [token = ''] = await messageTokens(backend);
    const [channel, ref, mac] = token.split('.') as [string, string, string];
    assert.equal(channel, 'request');
    assert.equal(Buffer.from(ref, 'base64url').toString(), created.number);
    const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
    const other = await finishedRequest(backend);
    const forged = [
      `${channel}.${ref}.${flip(mac, 0)}`,
      `${channel}.${ref}.${flip(mac, mac.length - 1)}`,
      `callback.${ref}.${mac}`,
      `${channel}.${Buffer.from(other.number).toString('base64url')}.${mac}`,
      `${channel}.${ref}.${mac}x`,
      `${channel}.${ref}`,
      `${channel}.${ref}=.${mac}`,
      `${token}.extra`,
      'nonsense',
    ];
    for (const bad of forged) {
      const shown = await getSurvey(backend, encodeURIComponent(bad));
      assert.equal(shown.statusCode, 404, bad);
      assert.deepEqual(ApiError.parse(shown.json()).error, { code: 'not_found', message: SURVEY_NOT_FOUND_MESSAGE });
      assert.equal((await answer(backend, encodeURIComponent(bad), GOOD_ANSWER)).statusCode, 404, bad);
    }
    assert.deepEqual((await surveyRows(backend)).map((r) => r.answered_at), [null, null]);
  });

  test('bad answers get 400 with Russian messages per field; the comment is trimmed, cleaned and redacted', async (t) => {
    const { backend } = await surveyBackend(t);
    await finishedRequest(backend);
    const [token = ''] = await messageTokens(backend);
    const cases: [Record<string, unknown>, string[]][] = [
      [{}, ['rating', 'resolved']],
      [{ resolved: 'maybe', rating: 5 }, ['resolved']],
      [{ resolved: 'yes', rating: 6 }, ['rating']],
      [{ resolved: 'yes', rating: 0 }, ['rating']],
      [{ resolved: 'yes', rating: 2.5 }, ['rating']],
      [{ resolved: 'yes', rating: '5' }, ['rating']],
      [{ resolved: 'yes', rating: 5, comment: 'я'.repeat(1001) }, ['comment']],
      [{ resolved: 'yes', rating: 5, shareWithOperator: 'да' }, ['shareWithOperator']],
      [{ resolved: 'yes', rating: 5, name: 'Иванов' }, ['']],
    ];
    for (const [payload, paths] of cases) {
      const res = await answer(backend, token, payload);
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      const error = ApiError.parse(res.json()).error;
      assert.equal(error.code, 'validation_failed');
      assert.deepEqual(error.issues!.map((issue) => issue.path.join('.')).sort(), paths, JSON.stringify(payload));
      for (const issue of error.issues!) assert.match(issue.message, RUSSIAN, issue.message);
    }
    assert.equal((await surveyRows(backend))[0]!.answered_at, null, 'nothing stored');

    const res = await answer(backend, token, { resolved: 'no', rating: 2, comment: `  Мой СНИЛС ${SNILS}\u202E, перезвоните  ` });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(SurveyAnswer.parse(res.json()).comment, 'Мой СНИЛС …, перезвоните');
    assert.equal((await surveyRows(backend))[0]!.comment, 'Мой СНИЛС …, перезвоните');
  });

  test('the operators\' list: the answers with topic and operator, the reference only when the citizen agreed; filters; operators only', async (t) => {
    const { backend, clock } = await surveyBackend(t);
    const shared = await finishedRequest(backend);
    const hidden = await calledCallback(backend);
    const [first = '', second = ''] = await messageTokens(backend, 2);
    assert.equal((await answer(backend, first, { resolved: 'yes', rating: 5, comment: 'Спасибо', shareWithOperator: true })).statusCode, 201);
    clock.advance(HOUR);
    assert.equal((await answer(backend, second, { resolved: 'no', rating: 1, comment: 'Не дозвонились' })).statusCode, 201);
    // Not answered: not listed.
    await finishedRequest(backend);

    const list = async (query = '') => {
      const res = await operator(backend, 'GET', `/operator/api/surveys${query}`);
      assert.equal(res.statusCode, 200, res.body);
      return OperatorSurveyList.parse(res.json());
    };
    const all = await list();
    assert.equal(all.total, 2);
    assert.deepEqual(all.items, [
      { channel: 'callback', topic: 'technical', operator: 'Сидорова А.', resolved: 'no', rating: 1, comment: 'Не дозвонились', answeredAt: new Date(FIXED_NOW + HOUR).toISOString() },
      {
        channel: 'request',
        topic: 'technical',
        operator: 'Петров П.',
        resolved: 'yes',
        rating: 5,
        comment: 'Спасибо',
        answeredAt: new Date(FIXED_NOW).toISOString(),
        reference: shared.number,
      },
    ]);
    assert.ok(!JSON.stringify(all).includes(hidden.number), 'the callback\'s number is not shown');

    assert.deepEqual((await list('?channel=request')).items.map((i) => i.channel), ['request']);
    assert.deepEqual((await list(`?operator=${encodeURIComponent('Сидорова А.')}`)).items.map((i) => i.channel), ['callback']);
    assert.equal((await list('?from=2026-03-02&to=2026-03-02')).total, 2, 'Moscow dates, inclusive');
    assert.equal((await list('?from=2026-03-03')).total, 0);
    assert.equal((await list('?to=2026-03-01')).total, 0);
    assert.equal((await list('?page=2')).items.length, 0);

    const bad = await operator(backend, 'GET', '/operator/api/surveys?from=2026-02-30&channel=fax');
    assert.equal(bad.statusCode, 400);
    for (const issue of ApiError.parse(bad.json()).error.issues!) assert.match(issue.message, RUSSIAN);
    const badDate = await operator(backend, 'GET', '/operator/api/surveys?to=вчера');
    assert.equal(badDate.statusCode, 400);
    assert.deepEqual(ApiError.parse(badDate.json()).error.issues!.map((i) => i.path), [['to']]);
    assert.equal((await backend.app.inject({ method: 'GET', url: '/operator/api/surveys' })).statusCode, 401);
  });

  test('no personal data in the surveys table: no names, phones or e-mails of any channel', async (t) => {
    const { backend, clock } = await surveyBackend(t);
    await finishedRequest(backend);
    await calledCallback(backend);
    const visit = Booking.parse((await bookVisit(backend.app, validBooking({ email: EMAIL }))).json());
    const chat = await closedChat(backend, { contact: EMAIL, name: 'Мария Иванова' });
    clock.set(Date.parse(visit.end) + MINUTE);
    await backend.surveys.sweep();
    for (const { token } of await surveyMessages(backend)) {
      assert.equal((await answer(backend, token, { resolved: 'yes', rating: 5, comment: 'Всё хорошо', shareWithOperator: true })).statusCode, 201);
    }
    const rows = await surveyRows(backend);
    assert.deepEqual(rows.map((r) => r.channel).sort(), ['callback', 'chat', 'request', 'visit']);
    const stored = JSON.stringify(rows);
    for (const personal of ['9123456789', '912) 345', EMAIL, 'maria', 'Иванова', 'Мария', 'Анна', 'Петровна']) {
      assert.ok(!stored.includes(personal), `${personal} is not in the surveys table`);
    }
    assert.ok(stored.includes(chat.conversationId));
  });

  test('rate limit per client: GET and POST count together; another client is not held back', async (t) => {
    const { backend } = await surveyBackend(t, { rateLimits: { ...NO_RATE_LIMITS, surveysPerIp: { limit: 3, windowMs: MINUTE } } });
    await finishedRequest(backend);
    const [token = ''] = await messageTokens(backend);
    assert.equal((await getSurvey(backend, token, '203.0.113.7')).statusCode, 200);
    assert.equal((await getSurvey(backend, 'forged.token.here', '203.0.113.7')).statusCode, 404);
    assert.equal((await answer(backend, token, { resolved: 'maybe' }, '203.0.113.7')).statusCode, 400);
    const limited = await answer(backend, token, GOOD_ANSWER, '203.0.113.7');
    assert.equal(limited.statusCode, 429);
    assert.deepEqual(ApiError.parse(limited.json()).error, { code: 'rate_limited', message: SURVEY_RATE_LIMITED_MESSAGE, retryAfterSeconds: 60 });
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.equal((await getSurvey(backend, token, '203.0.113.7')).statusCode, 429);
    assert.equal((await answer(backend, token, GOOD_ANSWER, '198.51.100.4')).statusCode, 201);
  });
});

describe('surveys in the supervisor\'s figures', () => {
  test('answered surveys count in /operator/api/figures by channel: answers, mean rating, «решён» share; unanswered ones do not', async (t) => {
    const { backend } = await surveyBackend(t);
    await finishedRequest(backend);
    await finishedRequest(backend);
    await finishedRequest(backend);
    await calledCallback(backend);
    const tokens = await messageTokens(backend, 4);
    const requestTokens = tokens.slice(0, 3);
    assert.equal((await answer(backend, requestTokens[0]!, { resolved: 'yes', rating: 5 })).statusCode, 201);
    assert.equal((await answer(backend, requestTokens[1]!, { resolved: 'partly', rating: 2 })).statusCode, 201);
    // The third request's survey stays unanswered; the callback's gets an answer.
    assert.equal((await answer(backend, tokens[3]!, { resolved: 'no', rating: 1 })).statusCode, 201);
    const day = new Date(FIXED_NOW).toISOString().slice(0, 10);
    const res = await operator(backend, 'GET', `/operator/api/figures?from=${day}&to=${day}&groupBy=channel`);
    assert.equal(res.statusCode, 200, res.body);
    const figures = FiguresResponse.parse(res.json());
    const byChannel = Object.fromEntries(figures.groups.map((g) => [g.channel, g.figures.surveys]));
    assert.deepEqual(byChannel.request, { answers: 2, ratingMean: 3.5, resolvedPercent: 50 });
    assert.deepEqual(byChannel.callback, { answers: 1, ratingMean: 1, resolvedPercent: 0 });
    assert.deepEqual(figures.totals.surveys, { answers: 3, ratingMean: 2.67, resolvedPercent: 33.3 });
  });
});

describe('surveys: failures and the sweep', () => {
  test('a survey that could not be recorded never fails the operator\'s action; the sweep makes it (with its message) later', async (t) => {
    const { backend, clock, notifier } = await flakyBackend(t);
    const created = await finishedRequest(backend);
    const booked = await calledCallback(backend);
    const chat = await closedChat(backend, { contact: EMAIL });
    assert.equal(chat.state.status, 'closed');
    assert.deepEqual(await surveyRows(backend), [], 'nothing recorded, every action done');
    assert.deepEqual(await surveyMessages(backend), []);

    notifier.failing = false;
    clock.advance(MINUTE);
    assert.equal(await backend.surveys.sweep(), 3);
    const rows = await surveyRows(backend);
    assert.deepEqual(rows.map((r) => [r.channel, r.contact_ref, r.operator]).sort(), [
      ['callback', booked.number, 'Сидорова А.'],
      ['chat', chat.conversationId, null],
      ['request', created.number, 'Петров П.'],
    ]);
    assert.deepEqual((await surveyMessages(backend)).map((m) => m.recipient).sort(), [EMAIL, EMAIL, PHONE].sort());
    assert.equal(await backend.surveys.sweep(), 0, 'once');
    assert.equal((await surveyMessages(backend)).length, 3);
  });

  test('a link opened before its survey row exists makes it on the spot (without a message)', async (t) => {
    const { backend, notifier } = await flakyBackend(t);
    const booked = await calledCallback(backend);
    notifier.failing = false;
    const viewed = await backend.app.inject({ method: 'POST', url: `/callbacks/${booked.number}/lookup`, payload: { phone: PHONE } });
    const { token } = CallbackView.parse(viewed.json()).survey!;
    const shown = await getSurvey(backend, token);
    assert.equal(shown.statusCode, 200, shown.body);
    assert.deepEqual(SurveyView.parse(shown.json()), { channel: 'callback', reference: booked.number, finishedAt: new Date(FIXED_NOW).toISOString(), answered: false });
    assert.equal((await surveyRows(backend)).length, 1);
    assert.deepEqual(await surveyMessages(backend), []);
    assert.equal(await backend.surveys.sweep(), 0);
  });

  test('the sweep looks back two days at most: a first start does not survey old contacts', async (t) => {
    const { backend, clock, notifier } = await flakyBackend(t);
    await finishedRequest(backend);
    notifier.failing = false;
    clock.advance(3 * 24 * HOUR);
    assert.equal(await backend.surveys.sweep(), 0);
    assert.deepEqual(await surveyRows(backend), []);
  });
});
