// The supervisor's figures (server/figures/, docs/backend.md «Figures»): a data set seeded through
// the real APIs (requests and their statuses, callbacks and their outcomes) and straight into the
// tables (chats, visits), with a fixed clock across a weekend and a holiday; the figures compared
// with figures computed here independently (plain loops, a median and p90 of its own, a
// minute-by-minute walk of the working hours); the CSV has the same numbers; bad queries get 400.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import type { BuildAppOptions } from '../../server/app.js';
import { ApiError } from '../../src/protocol/error.js';
import { OperatorSession } from '../../src/protocol/operator.js';
import { FiguresResponse, type FigureSet } from '../../src/protocol/figures.js';
import { RequestCreated } from '../../src/protocol/request.js';
import { CallbackView } from '../../src/protocol/callback.js';
import { DEMO_CONFIG, RUSSIAN, bookCallback, startBackend, submit, tempDir, testClock, validCallback, validRequest, type TestBackend } from './support.js';

const TOKEN = 'SDV7Q83JOIYpiQLIrQiJwZTjyUCQP6wC4tnuTQUzbt4';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Moscow wall clock (UTC+3) of March 2026 (2 March a Monday; 7–8 a weekend; 9 a holiday). */
const msk = (day: number, hh: number, mm = 0) => Date.UTC(2026, 2, day, hh - 3, mm);
const iso = (ms: number) => new Date(ms).toISOString();
const HOLIDAYS = ['2026-03-09'];
/** Working hours of each line in this test (the request line has hours here, unlike the demo). */
const WEEKDAYS_9_18 = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ from: '09:00', to: '18:00' }]]));
const EVERY_DAY = (from: string, to: string) => Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ from, to }]]));
const HOURS = { request: WEEKDAYS_9_18, callback: EVERY_DAY('08:00', '20:00'), chat: EVERY_DAY('08:00', '22:00') };
const MANY = { limit: 100_000, windowMs: HOUR };
/** The supervisor's token (another strong one). */
const SUPERVISOR = 'Kq3vX9wLpT2zR8mN5bY7cH4jF6gD1sA0eU_oI-tWnQx';

/** The independent working time: every minute of [from, to) open on the Moscow wall clock. */
function walk(hours: Record<string, { from: string; to: string }[]>, from: number, to: number): number {
  const days = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
  let open = 0;
  for (let t = from; t < to; t += MINUTE) {
    const wall = new Date(t + 3 * HOUR);
    if (HOLIDAYS.includes(wall.toISOString().slice(0, 10))) continue;
    const m = wall.getUTCHours() * 60 + wall.getUTCMinutes();
    const toMin = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));
    if ((hours[days[wall.getUTCDay()]!] ?? []).some((r) => toMin(r.from) <= m && m < toMin(r.to))) open += MINUTE;
  }
  return open;
}

/** Nearest rank, written again: sort, take the ⌈p·n/100⌉-th. */
function rank(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p * sorted.length) / 100) - 1]!;
}
const min1 = (ms: number | null) => (ms === null ? null : Math.round(ms / 6000) / 10);
const pct = (a: number, b: number) => (b === 0 ? null : Math.round((1000 * a) / b) / 10);

/** A deterministic generator: the same data set every run. */
function generator(seed: number) {
  return {
    next: () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31,
    pick<T>(list: readonly T[]): T {
      return list[Math.floor(this.next() * list.length)]!;
    },
  };
}

const OPERATORS = ['Анна К.', 'Борис Л.', 'Вера М.'];

interface Expected {
  channel: 'request' | 'callback' | 'chat' | 'visit';
  topic: string;
  operator: string | null;
  handled: boolean;
  reaction?: number;
  resolution?: number;
  firstContact?: boolean;
  overdue?: boolean;
}

function expectedSet(items: Expected[]): FigureSet {
  const reaction = items.flatMap((i) => (i.reaction === undefined ? [] : [i.reaction]));
  const resolution = items.flatMap((i) => (i.resolution === undefined ? [] : [i.resolution]));
  const fcr = items.filter((i) => i.firstContact !== undefined);
  const overdue = items.filter((i) => i.overdue !== undefined);
  return {
    handled: items.filter((i) => i.handled).length,
    firstReaction: { count: reaction.length, medianMinutes: min1(rank(reaction, 50)), p90Minutes: min1(rank(reaction, 90)) },
    resolution: { count: resolution.length, medianMinutes: min1(rank(resolution, 50)), p90Minutes: min1(rank(resolution, 90)) },
    firstContactResolution: { count: fcr.length, matching: fcr.filter((i) => i.firstContact).length, percent: pct(fcr.filter((i) => i.firstContact).length, fcr.length) },
    overdue: { count: overdue.length, matching: overdue.filter((i) => i.overdue).length, percent: pct(overdue.filter((i) => i.overdue).length, overdue.length) },
    surveys: { answers: 0, ratingMean: null, resolvedPercent: null },
  };
}

/** The period of the test: Monday 2 – Friday 13 March 2026 (Moscow days). */
const FROM = msk(2, 0);
const TO = msk(14, 0);
const inPeriod = (t: number | null | undefined): t is number => t !== null && t !== undefined && t >= FROM && t < TO;

async function seeded(t: TestContext, overrides: Partial<BuildAppOptions> = {}): Promise<{ backend: TestBackend; expected: Expected[] }> {
  const dir = tempDir(t);
  const config = JSON.parse(readFileSync(DEMO_CONFIG, 'utf8'));
  for (const [line, hours] of Object.entries(HOURS)) config.channels[line] = { ...config.channels[line], hours };
  const configPath = join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify(config));
  const clock = testClock(msk(-2, 12));
  const backend = await startBackend(t, {
    configPath,
    operatorToken: TOKEN,
    now: clock.now,
    callback: { holidays: HOLIDAYS, asapQueueCapacity: 100 },
    rateLimits: { requestsPerIp: MANY, requestsPerPhone: MANY, requestsPerEmail: MANY, callbacksPerIp: MANY, callbacksPerPhone: MANY },
    ...overrides,
  });
  const asOperator = (method: 'GET' | 'POST', url: string, name: string, payload?: Record<string, unknown>) =>
    backend.app.inject({ method, url, headers: { authorization: `Bearer ${TOKEN}`, 'x-operator-name': encodeURIComponent(name) }, ...(payload ? { payload } : {}) });
  const random = generator(17);
  const expected: Expected[] = [];
  const finals = new Set(['completed', 'rejected']);

  // Requests: created from 26 February to 13 March, each with a history of its template.
  const templates = [
    ['in_progress', 'completed'],
    ['completed'],
    ['in_progress', 'awaiting_confirmation', 'completed'],
    ['completed', 'in_progress', 'completed'],
    ['note', 'rejected'],
    ['in_progress'],
    [],
  ];
  for (let i = 0; i < 28; i++) {
    const created = msk(-2, 0) + Math.floor(random.next() * 16) * DAY + (8 * 60 + Math.floor(random.next() * 13 * 60)) * MINUTE;
    clock.set(created);
    const type = random.pick(['technical', 'application', 'status'] as const);
    const res = await submit(backend.app, validRequest({ type }));
    assert.equal(res.statusCode, 201, res.body);
    const { number, answerDueAt } = RequestCreated.parse(res.json());
    let at = created;
    let operator: string | null = null;
    let firstReaction: number | null = null;
    let resolved: number | null = null;
    let firstFinal: string | null = null;
    let reopened: number | null = null;
    let awaiting: number | null = null;
    let wasFinal = false;
    // Resolved at the period's end: final then, since it last became final (a reopening undoes it).
    let standing: number | null = null;
    let reopenedInPeriod = false;
    for (const step of templates[i % templates.length]!) {
      at += (10 + Math.floor(random.next() * 3 * 24 * 60)) * MINUTE;
      clock.set(at);
      operator = random.pick(OPERATORS);
      const reply =
        step === 'note'
          ? await asOperator('POST', `/operator/api/requests/${number}/notes`, operator, { note: 'Проверяем.' })
          : await asOperator('POST', `/operator/api/requests/${number}/status`, operator, { status: step });
      assert.ok(reply.statusCode < 300, reply.body);
      firstReaction ??= at;
      if (step === 'awaiting_confirmation') awaiting ??= at;
      if (finals.has(step)) {
        if (resolved === null) (resolved = at), (firstFinal = step);
        if (!wasFinal && at < TO) standing = at;
        wasFinal = true;
      } else if (step !== 'note' && wasFinal) {
        reopened ??= at;
        if (at < TO) standing = null;
        if (inPeriod(at)) reopenedInPeriod = true;
        wasFinal = false;
      }
    }
    const due = Date.parse(answerDueAt);
    const e: Expected = { channel: 'request', topic: type, operator, handled: inPeriod(standing) };
    if (inPeriod(firstReaction)) e.reaction = walk(HOURS.request, created, firstReaction);
    if (e.handled) {
      e.resolution = walk(HOURS.request, created, standing!);
      e.firstContact = firstFinal === 'completed' && !(reopened !== null && reopened < TO) && !(awaiting !== null && awaiting <= standing!);
      e.overdue = standing! > due;
    } else if (created < TO && standing === null) {
      e.overdue = TO > due;
      if (reopenedInPeriod) e.firstContact = false;
    }
    expected.push(e);
  }

  // Callbacks: «as soon as possible» or a slot an hour or two ahead, on working days 10:00–16:00.
  const outcomes = [['called'], ['no_answer', 'called'], ['no_answer'], ['cancelled'], []];
  const days = [2, 3, 4, 5, 6, 10, 11, 12, 13];
  for (let i = 0; i < 16; i++) {
    const created = msk(random.pick(days), 10 + Math.floor(random.next() * 6), Math.floor(random.next() * 60));
    clock.set(created);
    const asap = random.next() < 0.5;
    const slot = Math.ceil(created / (30 * MINUTE)) * 30 * MINUTE + 60 * MINUTE;
    const topic = random.pick(['technical', 'application']);
    const res = await bookCallback(backend.app, validCallback({ topic, asap, ...(asap ? { slotStart: undefined } : { slotStart: iso(slot) }) }));
    assert.equal(res.statusCode, 201, res.body);
    const view = CallbackView.parse(res.json());
    const row = (await backend.database.kysely.selectFrom('callbacks').selectAll().where('number', '=', view.number).executeTakeFirstOrThrow())!;
    let at = created;
    let operator: string | null = null;
    let firstReaction: number | null = null;
    let called: number | null = null;
    let closed: number | null = null;
    let noAnswers = 0;
    for (const result of random.pick(outcomes)) {
      at += (5 + Math.floor(random.next() * 26 * 60)) * MINUTE;
      clock.set(at);
      operator = random.pick(OPERATORS);
      const reply = await asOperator('POST', `/operator/api/callbacks/${view.number}/outcome`, operator, { outcome: result });
      assert.equal(reply.statusCode, 200, reply.body);
      firstReaction ??= at;
      if (result === 'no_answer') noAnswers++;
      if (result === 'called') called = at;
      if (result === 'called' || result === 'cancelled') closed = at;
    }
    const start = Math.max(created, Date.parse(row.window_start));
    const windowEnd = Date.parse(row.window_end);
    const e: Expected = { channel: 'callback', topic, operator, handled: inPeriod(called) };
    if (inPeriod(firstReaction)) e.reaction = walk(HOURS.callback, start, firstReaction);
    if (e.handled) {
      e.resolution = walk(HOURS.callback, start, called!);
      e.firstContact = noAnswers === 0;
      e.overdue = called! > windowEnd;
    } else if (closed === null || closed >= TO) e.overdue = TO > windowEnd;
    expected.push(e);
  }

  // Chats, straight into the tables: queued, taken, maybe handed on, closed.
  const db = backend.database.kysely;
  for (let i = 0; i < 20; i++) {
    const queued = msk(random.pick([1, ...days, 7, 8, 9, 13]), 7 + Math.floor(random.next() * 16), Math.floor(random.next() * 60));
    const taken = random.next() < 0.85 ? queued + Math.floor(random.next() * 90) * MINUTE : null;
    const closed = taken !== null && random.next() < 0.9 ? taken + (5 + Math.floor(random.next() * 600)) * MINUTE : null;
    const handedOn = taken !== null ? random.pick([null, null, 'transferred', 'escalated', 'returned_to_queue'] as const) : null;
    const operator = taken === null ? null : random.pick(OPERATORS);
    const kind = random.pick(['technical', 'application', 'status'] as const);
    const id = `chat-${i}`;
    await db
      .insertInto('chat_conversations')
      .values({
        id,
        token_hash: `hash-${i}`,
        kind,
        summary: 'Вопрос',
        question: 'Вопрос',
        name: 'Иван Иванов',
        contact: 'ivan@example.ru',
        locale: 'ru',
        status: closed !== null ? 'closed' : taken !== null ? 'active' : 'waiting',
        operator,
        escalated: handedOn === 'escalated' ? 1 : 0,
        queued_at: iso(queued),
        taken_at: taken === null ? null : iso(taken + (handedOn === 'transferred' ? 3 * MINUTE : 0)),
        closed_at: closed === null ? null : iso(closed),
        closed_by: closed === null ? null : 'operator',
        created_at: iso(queued - MINUTE),
      })
      .execute();
    let seq = 0;
    const system = (kind: string, at: number) =>
      db.insertInto('chat_messages').values({ conversation_id: id, seq: ++seq, author: 'system', text: kind, system_kind: kind, created_at: iso(at) }).execute();
    await system('queued', queued);
    if (taken !== null) await system('operator_joined', taken);
    if (handedOn) await system(handedOn, taken! + 2 * MINUTE);
    if (handedOn === 'transferred' || handedOn === 'returned_to_queue') await system('operator_joined', taken! + 3 * MINUTE);
    if (closed !== null) await system('closed', closed);
    const e: Expected = { channel: 'chat', topic: kind, operator, handled: taken !== null && inPeriod(closed) };
    if (inPeriod(taken)) e.reaction = walk(HOURS.chat, queued, taken);
    if (e.handled) {
      e.resolution = walk(HOURS.chat, queued, closed!);
      e.firstContact = handedOn === null;
    }
    if (closed === null || closed >= FROM) expected.push(e);
  }

  // Visits, straight into the table.
  const office = await db.selectFrom('offices').select(['id', 'time_zone']).executeTakeFirstOrThrow();
  const statuses = ['booked', 'visited', 'no_show', 'cancelled'] as const;
  for (let i = 0; i < 12; i++) {
    const start = msk(random.pick([1, ...days, 14]), 9 + (i % 8), 2 * i);
    const status = random.pick(statuses);
    await db
      .insertInto('bookings')
      .values({
        number: `MD-2026-${String(i + 1).padStart(6, '0')}`,
        office_id: office.id,
        service: random.pick(['passport', 'snils']),
        slot_start: iso(start),
        slot_end: iso(start + 15 * MINUTE),
        status,
        name: 'Иван Иванов',
        phone: '+79123456789',
        email: null,
        office_name: 'МФЦ',
        address: 'ул. Ленина, 1',
        office_phone: '+74950000000',
        time_zone: office.time_zone,
        documents: '[]',
        created_at: iso(start - 2 * DAY),
        cancelled_at: status === 'cancelled' ? iso(start - DAY) : null,
      })
      .execute();
    const topic = (await db.selectFrom('bookings').select('service').where('number', '=', `MD-2026-${String(i + 1).padStart(6, '0')}`).executeTakeFirstOrThrow()).service;
    const end = start + 15 * MINUTE;
    if (inPeriod(end)) expected.push({ channel: 'visit', topic, operator: null, handled: status === 'booked' || status === 'visited' });
  }
  clock.set(msk(20, 12));
  return { backend, expected };
}

const figuresOf = (backend: TestBackend, query: string, name = 'Анна К.', token = TOKEN) =>
  backend.app.inject({ method: 'GET', url: `/operator/api/figures?${query}`, headers: { authorization: `Bearer ${token}`, 'x-operator-name': encodeURIComponent(name) } });

/** Only the contacts that count for anything (as the server groups them). */
const counting = (items: Expected[]) => items.filter((i) => i.handled || i.reaction !== undefined || i.overdue !== undefined);

describe('the supervisor’s figures', () => {
  test('match figures computed independently, per channel, topic and operator, and in CSV', async (t) => {
    const { backend, expected } = await seeded(t, { supervisorToken: SUPERVISOR });
    const asSupervisor = (query: string) => figuresOf(backend, query, 'Руководитель', SUPERVISOR);
    const all = counting(expected);
    assert.ok(all.filter((e) => e.channel === 'request' && e.handled).length >= 5, 'the data set has finished requests');
    assert.ok(all.some((e) => e.overdue), 'and overdue ones');

    const byChannel = await asSupervisor('from=2026-03-02&to=2026-03-13&groupBy=channel');
    assert.equal(byChannel.statusCode, 200, byChannel.body);
    const figures = FiguresResponse.parse(byChannel.json());
    assert.deepEqual(figures.totals, expectedSet(all));
    for (const channel of ['request', 'callback', 'visit', 'chat'] as const) {
      const group = figures.groups.find((g) => g.channel === channel);
      const items = all.filter((e) => e.channel === channel);
      if (items.length === 0) assert.equal(group, undefined);
      else assert.deepEqual(group?.figures, expectedSet(items), channel);
    }

    const topicReply = await asSupervisor('from=2026-03-02&to=2026-03-13&groupBy=topic');
    const byTopic = FiguresResponse.parse(topicReply.json());
    const topics = new Set(all.map((e) => `${e.channel}/${e.topic}`));
    assert.equal(byTopic.groups.length, topics.size);
    for (const group of byTopic.groups) {
      assert.deepEqual(group.figures, expectedSet(all.filter((e) => e.channel === group.channel && e.topic === group.topic)), `${group.channel}/${group.topic}`);
    }

    const operatorReply = await asSupervisor('from=2026-03-02&to=2026-03-13&groupBy=operator');
    const byOperator = FiguresResponse.parse(operatorReply.json());
    assert.deepEqual(
      byOperator.groups.map((g) => g.operator),
      [...OPERATORS.filter((o) => all.some((e) => e.operator === o)), ...(all.some((e) => e.operator === null) ? [null] : [])],
    );
    for (const group of byOperator.groups) assert.deepEqual(group.figures, expectedSet(all.filter((e) => e.operator === group.operator)), String(group.operator));

    // The queue's wait by hour: every chat taken in the period counted once.
    const chatWaits = byChannel.json().queueWait.chat as { count: number }[];
    assert.equal(chatWaits.length, 7 * 24);
    assert.equal(chatWaits.reduce((sum, c) => sum + c.count, 0), all.filter((e) => e.channel === 'chat' && e.reaction !== undefined).length);

    // CSV: a BOM, `;`, the same numbers (decimal commas), one Russian header row.
    const csv = await asSupervisor('from=2026-03-02&to=2026-03-13&groupBy=channel&format=csv');
    assert.equal(csv.statusCode, 200);
    assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
    assert.ok(csv.body.startsWith('\uFEFF'));
    const lines = csv.body.slice(1).trimEnd().split('\r\n').map((line) => line.split(';'));
    assert.match(lines[0]!.join(' '), RUSSIAN);
    assert.equal(lines.length, 2 + figures.groups.length);
    /** Every number of a FigureSet in the order of its keys: the CSV's columns after the three names. */
    const cells = (f: object): string[] =>
      Object.values(f).flatMap((v: unknown) => (typeof v === 'object' && v !== null ? cells(v) : [v === null ? '' : String(v)]));
    assert.equal(lines[0]!.length, 3 + cells(figures.totals).length);
    assert.deepEqual(lines[1]!.slice(3).map((v) => v.replace(',', '.')), cells(figures.totals));
    figures.groups.forEach((group, i) => assert.deepEqual(lines[2 + i]!.slice(3).map((v) => v.replace(',', '.')), cells(group.figures)));

    // Nothing personal: no citizen's name, phone, e-mail or contact in either answer.
    for (const body of [byChannel.body, topicReply.body, operatorReply.body, csv.body]) {
      for (const personal of ['Иванова', 'Иван Иванов', '+79123456789', '345-67-89', 'example.ru', 'maria', 'Анна Петровна']) assert.ok(!body.includes(personal), personal);
    }
  });

  test('a bad query gets 400 with a message per field, in Russian; no operator, 401', async (t) => {
    const backend = await startBackend(t, { operatorToken: TOKEN });
    for (const [query, field] of [
      ['to=2026-03-13', 'from'],
      ['from=2026-02-30&to=2026-03-13', 'from'],
      ['from=2026-03-13&to=2026-03-02', 'to'],
      ['from=2025-01-01&to=2026-03-13', 'to'],
      ['from=2026-03-02&to=2026-03-13&groupBy=office', 'groupBy'],
      ['from=2026-03-02&to=2026-03-13&format=xlsx', 'format'],
    ] as const) {
      const res = await figuresOf(backend, query);
      assert.equal(res.statusCode, 400, query);
      const error = ApiError.parse(res.json()).error;
      assert.equal(error.code, 'validation_failed');
      const issue = error.issues?.find((d) => d.path[0] === field);
      assert.ok(issue, `${query}: ${res.body}`);
      assert.match(issue.message, RUSSIAN);
    }
    // 366 days is the most.
    assert.equal((await figuresOf(backend, 'from=2025-03-14&to=2026-03-14')).statusCode, 200);
    const anonymous = await backend.app.inject({ method: 'GET', url: '/operator/api/figures?from=2026-03-02&to=2026-03-13' });
    assert.equal(anonymous.statusCode, 401);
  });
});

describe('the supervisor role', () => {
  const login = async (backend: TestBackend, token: string, operatorName: string) => {
    const res = await backend.app.inject({ method: 'POST', url: '/operator/api/session', headers: { 'x-requested-with': 'gs-operator' }, payload: { token, operatorName } });
    assert.equal(res.statusCode, 200, res.body);
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    return { session: OperatorSession.parse(res.json()), cookie };
  };
  const withCookie = (backend: TestBackend, cookie: string, query: string) =>
    backend.app.inject({ method: 'GET', url: `/operator/api/figures?${query}`, headers: { cookie } });
  const QUERY = 'from=2026-03-02&to=2026-03-13&groupBy=operator';

  test('a supervisor sees every operator; an operator the totals and only their own row', async (t) => {
    const { backend } = await seeded(t, { supervisorToken: SUPERVISOR });
    const supervisor = await login(backend, SUPERVISOR, 'Руководитель');
    assert.equal(supervisor.session.role, 'supervisor');
    const all = FiguresResponse.parse((await withCookie(backend, supervisor.cookie, QUERY)).json());
    assert.ok(all.groups.length >= 3, 'several operators');
    // The session of the supervisor survives in the database (another process would know it).
    assert.equal((await backend.app.inject({ method: 'GET', url: '/operator/api/session', headers: { cookie: supervisor.cookie } })).json().role, 'supervisor');

    const operator = await login(backend, TOKEN, 'Борис Л.');
    assert.equal(operator.session.role, undefined);
    const own = FiguresResponse.parse((await withCookie(backend, operator.cookie, QUERY)).json());
    assert.deepEqual(own.totals, all.totals);
    assert.deepEqual(own.groups, all.groups.filter((g) => g.operator === 'Борис Л.'));
    assert.equal(own.groups.length, 1);
    // So too in CSV, and with the Bearer token (the name from X-Operator-Name).
    const csv = await withCookie(backend, operator.cookie, `${QUERY}&format=csv`);
    assert.equal(csv.body.trimEnd().split('\r\n').length, 3);
    assert.ok(!csv.body.includes('Анна К.') && !csv.body.includes('Вера М.'));
    const bearer = FiguresResponse.parse((await figuresOf(backend, QUERY, 'Вера М.')).json());
    assert.deepEqual(bearer.groups.map((g) => g.operator), ['Вера М.']);
    const bearerSupervisor = await backend.app.inject({ method: 'GET', url: `/operator/api/figures?${QUERY}`, headers: { authorization: `Bearer ${SUPERVISOR}` } });
    assert.deepEqual(FiguresResponse.parse(bearerSupervisor.json()).groups, all.groups);
    // Channels and topics are not anyone's: an operator sees them all.
    const channels = FiguresResponse.parse((await withCookie(backend, operator.cookie, 'from=2026-03-02&to=2026-03-13')).json());
    assert.ok(channels.groups.length >= 3);
  });

  test('OPERATORS_SEE_ALL_FIGURES lets operators see every row', async (t) => {
    const { backend } = await seeded(t, { operatorsSeeAllFigures: true });
    const operator = await login(backend, TOKEN, 'Борис Л.');
    const seen = FiguresResponse.parse((await withCookie(backend, operator.cookie, QUERY)).json());
    assert.ok(seen.groups.length >= 3);
  });

  test('SUPERVISOR_TOKEN must be strong and differ from the operator token', async (t) => {
    await assert.rejects(startBackend(t, { operatorToken: TOKEN, supervisorToken: 'supervisor-secret' }), /SUPERVISOR_TOKEN.*too weak/);
    await assert.rejects(startBackend(t, { operatorToken: TOKEN, supervisorToken: TOKEN }), /must differ/);
  });
});
