// The public report (server/report/, docs/backend.md «Публичный отчёт», issue 17 point 5): off by
// default (404 in the API's shape); a month seeded through the real APIs (requests and their
// statuses, callbacks and their outcomes) and straight into the tables (chats, visits, survey
// answers), with a fixed clock; the published figures equal figures computed here independently
// (plain loops, a median of its own, a minute-by-minute walk of the working hours); small groups
// suppressed, for contacts and for answers, and complementary cells too; nothing personal and no
// operator in the JSON; a month frozen the first time it is computed, so later edits change
// nothing; the current month never published; two processes computing at once make one snapshot.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { readSettings } from '../../server/env.js';
import { publish, type FrozenFigures, type FrozenMonth } from '../../server/report/publish.js';
import { ApiError } from '../../src/protocol/error.js';
import { FiguresResponse } from '../../src/protocol/figures.js';
import { ReportMonth, ReportMonths, type ReportFigures } from '../../src/protocol/report.js';
import { RequestCreated } from '../../src/protocol/request.js';
import { CallbackView } from '../../src/protocol/callback.js';
import { DEMO_CONFIG, RUSSIAN, SITE_DIR, bookCallback, startBackend, startSecondBackend, submit, tempDir, testClock, validCallback, validRequest, type TestBackend } from './support.js';

const TOKEN = 'SDV7Q83JOIYpiQLIrQiJwZTjyUCQP6wC4tnuTQUzbt4';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Moscow wall clock (UTC+3) of November 2026 (2 November a Monday; 4 November a holiday). */
const msk = (day: number, hh: number, mm = 0) => Date.UTC(2026, 10, day, hh - 3, mm);
const iso = (ms: number) => new Date(ms).toISOString();
const HOLIDAYS = ['2026-11-04'];
const WEEKDAYS_9_18 = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ from: '09:00', to: '18:00' }]]));
const EVERY_DAY = (from: string, to: string) => Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ from, to }]]));
const HOURS = { request: WEEKDAYS_9_18, callback: EVERY_DAY('08:00', '20:00'), chat: EVERY_DAY('08:00', '22:00') };
const MANY = { limit: 100_000, windowMs: HOUR };
/** The month of the test and the clock after it: 3 December 2026, 12:00 Moscow. */
const MONTH = '2026-11';
const AFTER = Date.UTC(2026, 11, 3, 9);
const TO = Date.UTC(2026, 11, 1, -3);
const MIN_GROUP = 10;

/** The independent working time: every minute of [from, to) open on the Moscow wall clock. */
function walk(hours: Record<string, { from: string; to: string }[]>, from: number, to: number): number {
  const days = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
  const toMin = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));
  let open = 0;
  for (let t = from; t < to; t += MINUTE) {
    const wall = new Date(t + 3 * HOUR);
    if (HOLIDAYS.includes(wall.toISOString().slice(0, 10))) continue;
    const m = wall.getUTCHours() * 60 + wall.getUTCMinutes();
    if ((hours[days[wall.getUTCDay()]!] ?? []).some((r) => toMin(r.from) <= m && m < toMin(r.to))) open += MINUTE;
  }
  return open;
}
/** The median by nearest rank, written again: the ⌈n/2⌉-th of the sorted values, in minutes to 0.1. */
const median = (values: number[]) => Math.round([...values].sort((a, b) => a - b)[Math.ceil(values.length / 2) - 1]! / 6000) / 10;
const pct = (a: number, b: number) => Math.round((1000 * a) / b) / 10;

interface Contact {
  channel: 'request' | 'callback' | 'visit' | 'chat';
  handled: boolean;
  reaction?: number;
  firstContact?: boolean;
}
interface Answer {
  channel: Contact['channel'];
  resolved: 'yes' | 'partly' | 'no';
  rating: number;
}

/** What the seeded month holds, and every personal or operator string put into it. */
interface Seeded {
  backend: TestBackend;
  clock: ReturnType<typeof testClock>;
  contacts: Contact[];
  answers: Answer[];
  needles: string[];
  requestNumbers: string[];
}

const OPERATORS = ['Анна К.', 'Борис Л.'];

async function seeded(t: TestContext, overrides: Record<string, unknown> = {}): Promise<Seeded> {
  const dir = tempDir(t);
  const config = JSON.parse(readFileSync(DEMO_CONFIG, 'utf8'));
  for (const [line, hours] of Object.entries(HOURS)) config.channels[line] = { ...config.channels[line], hours };
  const configPath = join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify(config));
  const clock = testClock(msk(2, 9));
  const backend = await startBackend(t, {
    configPath,
    operatorToken: TOKEN,
    now: clock.now,
    callback: { holidays: HOLIDAYS, asapQueueCapacity: 100 },
    rateLimits: { requestsPerIp: MANY, requestsPerPhone: MANY, requestsPerEmail: MANY, callbacksPerIp: MANY, callbacksPerPhone: MANY },
    publicReport: true,
    ...overrides,
  });
  const asOperator = (url: string, name: string, payload: Record<string, unknown>) =>
    backend.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${TOKEN}`, 'x-operator-name': encodeURIComponent(name) }, payload });
  const contacts: Contact[] = [];
  const needles = [...OPERATORS, 'Иванова', 'Мария', '345-67-89', '912', 'example.ru', 'Анна Петровна'];
  const requestNumbers: string[] = [];

  // 14 requests on working days, each answered within the month by its template.
  const templates = [['in_progress', 'completed'], ['completed'], ['note', 'rejected'], ['in_progress', 'awaiting_confirmation', 'completed'], ['completed', 'in_progress', 'completed']];
  const workdays = [2, 3, 5, 6, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20];
  for (let i = 0; i < 14; i++) {
    const created = msk(workdays[i]!, 10 + (i % 7), (i * 7) % 60);
    clock.set(created);
    const res = await submit(backend.app, validRequest({ type: i % 2 ? 'application' : 'technical' }));
    assert.equal(res.statusCode, 201, res.body);
    const { number } = RequestCreated.parse(res.json());
    requestNumbers.push(number);
    let at = created;
    let firstReaction: number | undefined;
    let resolved: number | undefined;
    let firstFinal: string | undefined;
    let awaiting: number | undefined;
    let reopened = false;
    let wasFinal = false;
    for (const step of templates[i % templates.length]!) {
      at += (30 + ((i * 97) % 20) * 60) * MINUTE;
      clock.set(at);
      const operator = OPERATORS[i % 2]!;
      const reply =
        step === 'note'
          ? await asOperator(`/operator/api/requests/${number}/notes`, operator, { note: 'Проверяем.' })
          : await asOperator(`/operator/api/requests/${number}/status`, operator, { status: step });
      assert.ok(reply.statusCode < 300, reply.body);
      firstReaction ??= at;
      if (step === 'awaiting_confirmation') awaiting ??= at;
      if (step === 'completed' || step === 'rejected') {
        if (resolved === undefined) (resolved = at), (firstFinal = step);
        wasFinal = true;
      } else if (step !== 'note' && wasFinal) (reopened = true), (wasFinal = false);
    }
    assert.ok(resolved !== undefined && resolved < TO, 'every request is resolved in the month');
    contacts.push({
      channel: 'request',
      handled: true,
      reaction: walk(HOURS.request, created, firstReaction!),
      firstContact: firstFinal === 'completed' && !reopened && !(awaiting !== undefined && awaiting <= resolved),
    });
  }

  // 4 callbacks «as soon as possible», each called (one after a missed attempt): under MIN_GROUP.
  for (let i = 0; i < 4; i++) {
    const created = msk(23 + i, 11, 10 * i);
    clock.set(created);
    const res = await bookCallback(backend.app, validCallback({ asap: true, slotStart: undefined }));
    assert.equal(res.statusCode, 201, res.body);
    const view = CallbackView.parse(res.json());
    needles.push(view.number);
    const row = await backend.database.kysely.selectFrom('callbacks').select('window_start').where('number', '=', view.number).executeTakeFirstOrThrow();
    const start = Math.max(created, Date.parse(row.window_start));
    let firstReaction: number | undefined;
    const outcomes = i === 0 ? ['no_answer', 'called'] : ['called'];
    let at = created;
    for (const outcome of outcomes) {
      at += (15 + 10 * i) * MINUTE;
      clock.set(at);
      const reply = await asOperator(`/operator/api/callbacks/${view.number}/outcome`, OPERATORS[i % 2]!, { outcome });
      assert.equal(reply.statusCode, 200, reply.body);
      firstReaction ??= at;
    }
    contacts.push({ channel: 'callback', handled: true, reaction: walk(HOURS.callback, start, firstReaction!), firstContact: outcomes.length === 1 });
  }

  // 12 chats, straight into the tables: queued, taken, some handed on, closed.
  const db = backend.database.kysely;
  for (let i = 0; i < 12; i++) {
    const queued = msk(2 + i, 8 + i, 5 * i);
    const taken = queued + (3 + 7 * i) * MINUTE;
    const closed = taken + 25 * MINUTE;
    const handedOn = i % 4 === 1 ? 'transferred' : null;
    await insertChat(backend, `chat-report-${i}`, { queued, taken, closed, handedOn, operator: OPERATORS[i % 2]! });
    contacts.push({ channel: 'chat', handled: true, reaction: walk(HOURS.chat, queued, taken), firstContact: handedOn === null });
  }
  needles.push('chat-report-', 'Пётр Сидоров', 'petr.sidorov');

  // 6 visits that took place (one more cancelled), straight into the table: under MIN_GROUP.
  const office = await db.selectFrom('offices').select(['id', 'time_zone']).executeTakeFirstOrThrow();
  for (let i = 0; i < 7; i++) {
    const start = msk(10 + i, 10 + i);
    const number = `MD-2026-${String(900 + i).padStart(6, '0')}`;
    const status = i === 6 ? 'cancelled' : i % 2 ? 'visited' : 'booked';
    await db
      .insertInto('bookings')
      .values({
        number,
        office_id: office.id,
        service: 'passport',
        slot_start: iso(start),
        slot_end: iso(start + 15 * MINUTE),
        status,
        name: 'Ольга Смирнова',
        phone: '+79001112233',
        email: 'olga.smirnova@example.com',
        office_name: 'МФЦ',
        address: 'ул. Ленина, 1',
        office_phone: '+74950000000',
        time_zone: office.time_zone,
        documents: '[]',
        created_at: iso(start - 86_400_000),
        cancelled_at: status === 'cancelled' ? iso(start - HOUR) : null,
      })
      .execute();
    needles.push(number);
    if (status !== 'cancelled') contacts.push({ channel: 'visit', handled: true });
  }
  needles.push('Ольга Смирнова', '+79001112233', 'olga.smirnova');

  // Survey answers: 3 of requests (under MIN_GROUP), 8 of callbacks, 12 of chats.
  const answers: Answer[] = [];
  const plan = [...Array(3).fill('request'), ...Array(8).fill('callback'), ...Array(12).fill('chat')] as Answer['channel'][];
  for (const [i, channel] of plan.entries()) {
    const answer: Answer = { channel, resolved: (['yes', 'partly', 'no', 'yes'] as const)[i % 4]!, rating: 1 + ((i * 3) % 5) };
    await insertAnswer(backend, `${channel}-ref-${i}`, answer, msk(5 + (i % 20), 12));
    answers.push(answer);
  }
  needles.push('Секретный комментарий', '-ref-');
  clock.set(AFTER);
  return { backend, clock, contacts, answers, needles, requestNumbers };
}

async function insertChat(
  backend: TestBackend,
  id: string,
  { queued, taken, closed, handedOn, operator }: { queued: number; taken: number; closed: number; handedOn: string | null; operator: string },
): Promise<void> {
  const db = backend.database.kysely;
  await db
    .insertInto('chat_conversations')
    .values({
      id,
      token_hash: `hash-${id}`,
      kind: 'technical',
      summary: 'Вопрос',
      question: 'Вопрос',
      name: 'Пётр Сидоров',
      contact: 'petr.sidorov@example.org',
      locale: 'ru',
      status: 'closed',
      operator,
      escalated: 0,
      queued_at: iso(queued),
      taken_at: iso(taken),
      closed_at: iso(closed),
      closed_by: 'operator',
      created_at: iso(queued - MINUTE),
    })
    .execute();
  let seq = 0;
  const system = (kind: string, at: number) =>
    db.insertInto('chat_messages').values({ conversation_id: id, seq: ++seq, author: 'system', text: kind, system_kind: kind, created_at: iso(at) }).execute();
  await system('queued', queued);
  await system('operator_joined', taken);
  if (handedOn) await system(handedOn, taken + 2 * MINUTE), await system('operator_joined', taken + 3 * MINUTE);
  await system('closed', closed);
}

async function insertAnswer(backend: TestBackend, ref: string, answer: Answer, answeredAt: number): Promise<void> {
  await backend.database.kysely
    .insertInto('surveys')
    .values({
      channel: answer.channel,
      contact_ref: ref,
      topic: 'technical',
      operator: OPERATORS[0]!,
      finished_at: iso(answeredAt - HOUR),
      answered_at: iso(answeredAt),
      resolved: answer.resolved,
      rating: answer.rating,
      comment: `Секретный комментарий ${ref}`,
      share_with_operator: 1,
    })
    .execute();
}

const get = (backend: TestBackend, url: string) => backend.app.inject({ method: 'GET', url });

/** The figures of a group computed here, each shown (the suppression is asserted by hand below). */
function expectedShown(contacts: Contact[], answers: Answer[]) {
  const reactions = contacts.flatMap((c) => (c.reaction === undefined ? [] : [c.reaction]));
  const counted = contacts.filter((c) => c.firstContact !== undefined);
  return {
    handled: contacts.filter((c) => c.handled).length,
    firstReaction: { suppressed: false as const, medianMinutes: median(reactions) },
    resolvedAtFirstContact: { suppressed: false as const, percent: pct(counted.filter((c) => c.firstContact).length, counted.length), count: counted.length },
    satisfaction: {
      suppressed: false as const,
      ratingMean: Math.round((100 * answers.reduce((sum, a) => sum + a.rating, 0)) / answers.length) / 100,
      resolvedPercent: pct(answers.filter((a) => a.resolved === 'yes').length, answers.length),
      answers: answers.length,
    },
  };
}
const SUPPRESSED = { suppressed: true };

/**
 * No suppressed channel can be worked out from the total: for every number that adds up across
 * channels (contacts handled, contacts counted for the share resolved, survey answers), the
 * total's minus the shown channels' is 0 or at least the minimum group.
 */
function assertNoDifferencing(report: ReportMonth, min: number): void {
  const additive: [string, (f: Exclude<ReportFigures, { suppressed: true }>) => number | undefined][] = [
    ['handled', (f) => f.handled],
    ['resolvedAtFirstContact', (f) => (f.resolvedAtFirstContact && !f.resolvedAtFirstContact.suppressed ? f.resolvedAtFirstContact.count : undefined)],
    ['answers', (f) => (f.satisfaction.suppressed ? undefined : f.satisfaction.answers)],
  ];
  if (report.total.suppressed) return;
  for (const [name, pick] of additive) {
    const total = pick(report.total);
    if (total === undefined) continue;
    const shown = Object.values(report.channels).reduce((sum, f) => sum + (f.suppressed ? 0 : (pick(f) ?? 0)), 0);
    const rest = total - shown;
    assert.ok(rest === 0 || rest >= min, `${name}: the total minus the channels shown is ${rest}, under ${min}`);
  }
}

describe('the public report', () => {
  test('switched off by default: its page and API answer 404 in the API’s shape', async (t) => {
    const backend = await startBackend(t);
    for (const url of ['/report/months', `/report/months/${MONTH}`, '/report/', '/report', '/report/assets/x.js']) {
      const res = await get(backend, url);
      assert.equal(res.statusCode, 404, url);
      const error = ApiError.parse(res.json()).error;
      assert.equal(error.code, 'not_found');
      assert.match(error.message, RUSSIAN);
    }
  });

  test('a month’s figures per channel equal figures computed independently; small groups suppressed; nothing personal', async (t) => {
    const { backend, contacts, answers, needles, requestNumbers } = await seeded(t);
    const months = ReportMonths.parse((await get(backend, '/report/months')).json());
    assert.equal(months.months.length, 12);
    assert.equal(months.months[0], MONTH, 'the last finished month first');
    assert.equal(months.months[11], '2025-12');

    const res = await get(backend, `/report/months/${MONTH}`);
    assert.equal(res.statusCode, 200, res.body);
    const report = ReportMonth.parse(res.json());
    assert.deepEqual([report.month, report.timeZone, report.method, report.minGroup, report.computedAt], [MONTH, 'Europe/Moscow', 1, MIN_GROUP, iso(AFTER)]);
    const of = (channel: Contact['channel']) => [contacts.filter((c) => c.channel === channel), answers.filter((a) => a.channel === channel)] as const;

    // Every channel together: 14 + 4 + 6 + 12 contacts, 23 answers.
    assert.deepEqual(report.total, { suppressed: false, ...expectedShown(contacts, answers) });
    assert.equal((report.total as { handled: number }).handled, 36);
    // Requests: 14 contacts shown; their 3 survey answers are under MIN_GROUP.
    const request = expectedShown(...of('request'));
    assert.deepEqual(report.channels.request, { suppressed: false, ...request, satisfaction: SUPPRESSED });
    // Callbacks (4) and visits (6) under MIN_GROUP: no numbers at all.
    assert.deepEqual(report.channels.callback, SUPPRESSED);
    assert.deepEqual(report.channels.visit, SUPPRESSED);
    // Chats: 12 shown, their 12 answers too; the share resolved at first contact hidden, else
    // the total's (30 contacts) minus the requests' (14) and the chats' would give the 4 callbacks'.
    const chat = expectedShown(...of('chat'));
    assert.deepEqual(report.channels.chat, { suppressed: false, ...chat, resolvedAtFirstContact: SUPPRESSED });
    assertNoDifferencing(report, MIN_GROUP);

    // Nothing personal and no operator: no name, phone, e-mail, reference, comment; no key but the figures'.
    for (const needle of [...needles, ...requestNumbers]) assert.ok(!res.body.includes(needle), needle);
    const keys = new Set<string>();
    const collect = (value: unknown): void => {
      if (typeof value !== 'object' || value === null) return;
      for (const [key, inner] of Object.entries(value)) keys.add(key), collect(inner);
    };
    collect(res.json());
    assert.deepEqual(
      [...keys].sort(),
      ['answers', 'callback', 'channels', 'chat', 'computedAt', 'count', 'firstReaction', 'handled', 'medianMinutes', 'method', 'minGroup', 'month', 'percent', 'ratingMean', 'request', 'resolvedAtFirstContact', 'resolvedPercent', 'satisfaction', 'suppressed', 'timeZone', 'total', 'visit'],
    );

    // A smaller minimum (another process on the same database): the same frozen numbers, fewer hidden.
    const lenient = await startSecondBackend(t, backend, { publicReport: true, publicReportMinGroup: 3, now: () => AFTER });
    const all = ReportMonth.parse((await get(lenient, `/report/months/${MONTH}`)).json());
    assert.equal(all.computedAt, report.computedAt);
    assert.deepEqual(all.channels.request, { suppressed: false, ...request });
    assert.deepEqual(all.channels.chat, { suppressed: false, ...chat });
    assert.deepEqual(all.channels.callback, { suppressed: false, ...expectedShown(...of('callback')) });
    assert.deepEqual(all.channels.visit, { suppressed: false, handled: 6, firstReaction: null, resolvedAtFirstContact: null, satisfaction: SUPPRESSED });
    assertNoDifferencing(all, 3);
  });

  test('reproducible: a month is frozen when first computed; a reopened request, a late answer, contacts added later change nothing', async (t) => {
    const { backend, clock, requestNumbers } = await seeded(t);
    const first = await get(backend, `/report/months/${MONTH}`);
    assert.equal(first.statusCode, 200);
    const live = async () =>
      FiguresResponse.parse(
        (await backend.app.inject({ method: 'GET', url: '/operator/api/figures?from=2026-11-01&to=2026-11-30', headers: { authorization: `Bearer ${TOKEN}` } })).json(),
      );
    const before = await live();

    // A week later: a request reopened, a survey answered «in November» late, chats entered afterwards.
    clock.set(AFTER + 7 * 24 * HOUR);
    const reopen = await backend.app.inject({
      method: 'POST',
      url: `/operator/api/requests/${requestNumbers[0]}/status`,
      headers: { authorization: `Bearer ${TOKEN}`, 'x-operator-name': 'Anna' },
      payload: { status: 'in_progress' },
    });
    assert.equal(reopen.statusCode, 200, reopen.body);
    for (let i = 0; i < 12; i++) await insertAnswer(backend, `late-${i}`, { channel: 'visit', resolved: 'no', rating: 1 }, msk(27, 12));
    for (let i = 0; i < 5; i++) {
      await insertChat(backend, `late-chat-${i}`, { queued: msk(27, 10), taken: msk(27, 11), closed: msk(27, 12), handedOn: null, operator: 'Вера М.' });
    }
    const after = await live();
    assert.notDeepEqual(after.totals, before.totals, 'the live figures of November did change');

    const second = await get(backend, `/report/months/${MONTH}`);
    assert.equal(second.statusCode, 200);
    assert.equal(second.body, first.body);
    const count = await backend.database.kysely.selectFrom('public_reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 1);
  });

  test('the current month is never published; a bad month is 400, one not published 404', async (t) => {
    const clock = testClock(Date.UTC(2026, 11, 31, 20, 59)); // 31 December 23:59 Moscow
    const backend = await startBackend(t, { publicReport: true, now: clock.now });
    const months = ReportMonths.parse((await get(backend, '/report/months')).json()).months;
    assert.equal(months[0], MONTH);
    assert.ok(!months.includes('2026-12'));
    assert.equal((await get(backend, '/report/months/2026-12')).statusCode, 404);
    assert.equal((await get(backend, '/report/months/2027-01')).statusCode, 404);
    assert.equal((await get(backend, '/report/months/2025-11')).statusCode, 404, 'older than a year and never frozen');
    for (const bad of ['2026-13', '2026-1', 'november', '2026-11.json']) {
      const res = await get(backend, `/report/months/${bad}`);
      assert.equal(res.statusCode, 400, bad);
      const error = ApiError.parse(res.json()).error;
      assert.equal(error.issues?.[0]?.path[0], 'month');
      assert.match(error.issues![0]!.message, RUSSIAN);
    }
    // A minute later, in Moscow it is January: December is published, computed once and frozen.
    clock.set(Date.UTC(2026, 11, 31, 21, 0));
    assert.equal(ReportMonths.parse((await get(backend, '/report/months')).json()).months[0], '2026-12');
    const december = await get(backend, '/report/months/2026-12');
    assert.equal(december.statusCode, 200, december.body);
    assert.deepEqual(ReportMonth.parse(december.json()).total, SUPPRESSED);
    // Frozen months stay published when they leave the year.
    clock.set(Date.UTC(2028, 5, 1));
    assert.ok(ReportMonths.parse((await get(backend, '/report/months')).json()).months.includes('2026-12'));
    assert.equal((await get(backend, '/report/months/2026-12')).statusCode, 200);
  });

  test('two processes computing a month at once make one snapshot and answer the same', async (t) => {
    const clock = testClock(AFTER);
    const first = await startBackend(t, { publicReport: true, now: clock.now });
    const second = await startSecondBackend(t, first, { publicReport: true, now: clock.now });
    const answers = await Promise.all([first, second, first, second].map((backend) => get(backend, `/report/months/${MONTH}`)));
    for (const res of answers) assert.equal(res.statusCode, 200, res.body);
    assert.equal(new Set(answers.map((res) => res.body)).size, 1);
    const rows = await first.database.kysely.selectFrom('public_reports').selectAll().execute();
    assert.deepEqual(rows.map((row) => row.month), [MONTH]);
  });

  test('complementary suppression: no suppressed group can be worked out from the total', () => {
    const figures = (handled: number, answers: number, firstContact: number | null): FrozenFigures => ({
      handled,
      firstReaction: firstContact === null ? null : { count: handled, medianMinutes: 5 },
      firstContact: firstContact === null ? null : { count: firstContact, matching: 0, percent: 0 },
      surveys: { answers, ratingMean: answers ? 4 : null, resolvedPercent: answers ? 50 : null },
    });
    const month = (channels: Record<Contact['channel'], FrozenFigures>): FrozenMonth => {
      const sum = (pick: (f: FrozenFigures) => number) => Object.values(channels).reduce((s, f) => s + pick(f), 0);
      return { total: figures(sum((f) => f.handled), sum((f) => f.surveys.answers), sum((f) => f.firstContact?.count ?? 0)), channels };
    };
    const hidden = (published: ReturnType<typeof publish>) =>
      Object.entries(published.channels)
        .filter(([, f]) => f.suppressed)
        .map(([channel]) => channel);
    // One small group (3 callbacks): the next smallest (11 visits) hidden with it.
    assert.deepEqual(hidden(publish(month({ request: figures(40, 0, 40), callback: figures(3, 0, 3), visit: figures(11, 0, null), chat: figures(20, 0, 20) }), 10)), ['callback', 'visit']);
    // Two small groups holding 10 together: enough, nothing more hidden.
    assert.deepEqual(hidden(publish(month({ request: figures(40, 0, 40), callback: figures(4, 0, 4), visit: figures(6, 0, null), chat: figures(20, 0, 20) }), 10)), ['callback', 'visit']);
    // Empty groups hide nothing: there is nothing to work out.
    assert.deepEqual(hidden(publish(month({ request: figures(40, 0, 40), callback: figures(0, 0, 0), visit: figures(0, 0, null), chat: figures(20, 0, 20) }), 10)), ['callback', 'visit']);
    // Answers: 2 of chats under the minimum, so the requests' 30 hidden too; the total's shown.
    const byAnswers = publish(month({ request: figures(40, 30, 40), callback: figures(0, 0, 0), visit: figures(0, 0, null), chat: figures(20, 2, 20) }), 10);
    const satisfaction = (f: ReportFigures) => (f.suppressed ? f : f.satisfaction);
    assert.deepEqual(satisfaction(byAnswers.channels.request), SUPPRESSED);
    assert.deepEqual(satisfaction(byAnswers.channels.chat), SUPPRESSED);
    assert.equal((satisfaction(byAnswers.total) as { answers: number }).answers, 32);
    // A total under the minimum: everything hidden.
    assert.deepEqual(publish(month({ request: figures(5, 0, 5), callback: figures(0, 0, 0), visit: figures(0, 0, null), chat: figures(4, 0, 4) }), 10).total, SUPPRESSED);
  });

  test('the page: /report → /report/, its files under the strict CSP; not built, 503 in Russian; never inside a public folder', async (t) => {
    const pageDir = join(tempDir(t), 'report');
    mkdirSync(join(pageDir, 'assets'), { recursive: true });
    writeFileSync(join(pageDir, 'index.html'), '<!doctype html><title>Показатели</title><gs-public-report></gs-public-report>');
    writeFileSync(join(pageDir, 'assets', 'index-Ab12Cd34.js'), 'export {};');
    const backend = await startBackend(t, { publicReport: true, reportPageDir: pageDir });
    const bare = await get(backend, '/report');
    assert.equal(bare.statusCode, 301);
    assert.equal(bare.headers.location, '/report/');
    for (const url of ['/report/', '/report/?lang=en&month=2026-11', '/report/assets/index-Ab12Cd34.js']) {
      const res = await get(backend, url);
      assert.equal(res.statusCode, 200, url);
      assert.match(String(res.headers['content-security-policy']), /script-src 'self'; style-src 'self'/, url);
    }
    assert.match((await get(backend, '/report/')).body, /gs-public-report/);

    const unbuilt = await startBackend(t, { publicReport: true, reportPageDir: join(pageDir, 'missing') });
    const missing = await get(unbuilt, '/report/');
    assert.equal(missing.statusCode, 503);
    assert.match(missing.body, RUSSIAN);
    assert.equal((await get(unbuilt, '/report/months')).statusCode, 200, 'the JSON needs no page');

    await assert.rejects(startBackend(t, { publicReport: true, reportPageDir: join(SITE_DIR, 'report') }), /inside the public folder/);
  });

  test('PUBLIC_REPORT and PUBLIC_REPORT_MIN_GROUP are read and checked at start', async (t) => {
    assert.equal(readSettings({}).app.publicReport, undefined);
    assert.equal(readSettings({ PUBLIC_REPORT: '1' }).app.publicReport, true);
    assert.equal(readSettings({ PUBLIC_REPORT_MIN_GROUP: '25' }).app.publicReportMinGroup, 25);
    for (const bad of ['2', '1001', 'ten', '10.5', '-10']) {
      assert.throws(() => readSettings({ PUBLIC_REPORT_MIN_GROUP: bad }), /PUBLIC_REPORT_MIN_GROUP must be a whole number of contacts from 3 to 1000/, bad);
    }
    await assert.rejects(startBackend(t, { publicReport: true, publicReportMinGroup: 2 }), /publicReportMinGroup/);
  });
});
