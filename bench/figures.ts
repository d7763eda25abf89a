/**
 * The month's figures for 100 000 contacts (issue 17: under 2 s on one process, on SQLite and on
 * PostgreSQL). Run by `npm run bench:figures`; not a test: it prints numbers.
 *
 * Generates a month (March 2026) of mixed contacts with realistic histories — requests with
 * status changes (some reopened, some awaiting confirmation, some still open), callbacks with
 * outcomes (some «no answer» first), chats queued, taken, handed on and closed, office visits —
 * into a fresh SQLite file and a fresh PostgreSQL database (test/helpers/postgres.ts, a durable
 * cluster of its own unless TEST_DATABASE_URL), both with the server's migrations; then times the
 * figures service's call for the month (groupBy channel and operator), RUNS runs each, median.
 *
 * Env: BENCH_CONTACTS (default 100000), BENCH_RUNS (default 5), BENCH_SKIP_POSTGRES=1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { callbackHours, loadCallbackSettings } from '../server/callbacks/settings.js';
import { loadWidgetConfig, toConfigResponse } from '../server/config.js';
import type { Database } from '../server/database/schema.js';
import { openDatabase, openPostgres, type OpenedDatabase } from '../server/db.js';
import { createFiguresService } from '../server/figures/service.js';
import type { WorkingLine } from '../server/scheduling/working-time.js';
import type { WeeklyHours } from '../src/protocol/config.js';
import { startTestPostgres } from '../test/helpers/postgres.js';

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 100_000);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const MONTH_START = Date.UTC(2026, 2, 1) - 3 * HOUR; // 1 March 2026 00:00 Moscow
const OPERATORS = Array.from({ length: 40 }, (_, i) => `Оператор ${i + 1}`);
const iso = (ms: number) => new Date(ms).toISOString();

let seed = 2026;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
/** A time of the month in the day's busy hours (08:00–21:00 Moscow). */
const busyTime = () => MONTH_START + Math.floor(random() * 31) * 24 * HOUR + (8 * 60 + Math.floor(random() * 13 * 60)) * MINUTE;
const later = (at: number, maxMinutes: number) => at + (1 + Math.floor(random() * maxMinutes)) * MINUTE;

async function insertAll<T extends keyof Database>(db: Kysely<Database>, table: T, rows: Record<string, unknown>[], perInsert = 400): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += perInsert) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      await trx.insertInto(table).values(rows.slice(i, i + perInsert) as any).execute();
    }
  });
}

/** Fills a fresh database with CONTACTS contacts of March 2026 (the same ones every run). */
async function generate(db: Kysely<Database>): Promise<void> {
  seed = 2026;
  const requests = Math.round(CONTACTS * 0.4);
  const callbacks = Math.round(CONTACTS * 0.25);
  const chats = Math.round(CONTACTS * 0.25);
  const visits = CONTACTS - requests - callbacks - chats;

  const requestRows: Record<string, unknown>[] = [];
  const history: Record<string, unknown>[] = [];
  const paths = [['in_progress', 'completed'], ['completed'], ['in_progress', 'awaiting_confirmation', 'completed'], ['completed', 'in_progress', 'completed'], ['rejected'], ['in_progress'], []];
  for (let i = 1; i <= requests; i++) {
    const created = busyTime();
    let at = created;
    let status = 'registered';
    history.push({ request_id: i, status, title: 'Зарегистрировано', comment: null, visible_to_citizen: 1, operator: null, at: iso(created) });
    const operator = pick(OPERATORS);
    for (const step of pick(paths)) {
      at = later(at, 3 * 24 * 60);
      status = step;
      history.push({ request_id: i, status, title: step, comment: null, visible_to_citizen: 1, operator, at: iso(at) });
    }
    requestRows.push({
      id: i,
      number: `2026-${String(i).padStart(6, '0')}`,
      lookup_code_hash: 'x',
      type: pick(['technical', 'application', 'status', 'access', 'other']),
      full_name: 'Иванова Мария Петровна',
      phone: '+79123456789',
      email: null,
      answer_channel: 'sms',
      snils: null,
      inn: null,
      service_number: null,
      description: 'Вопрос',
      incident_date: null,
      incident_time: null,
      created_at: iso(created),
      answer_due_at: iso(created + pick([2, 5, 10]) * 24 * HOUR),
      status,
    });
  }
  await insertAll(db, 'requests', requestRows);
  await insertAll(db, 'request_status_history', history);

  const callbackRows: Record<string, unknown>[] = [];
  const callbackHistory: Record<string, unknown>[] = [];
  for (let i = 1; i <= callbacks; i++) {
    const created = busyTime();
    const asap = random() < 0.5;
    const windowStart = asap ? created : Math.ceil(created / (30 * MINUTE)) * 30 * MINUTE + 60 * MINUTE;
    callbackHistory.push({ callback_id: i, status: 'scheduled', comment: null, note: null, operator: null, at: iso(created) });
    const outcomes = pick([['called'], ['called'], ['no_answer', 'called'], ['no_answer'], ['cancelled'], []]);
    let at = windowStart;
    let status = 'scheduled';
    const operator = pick(OPERATORS);
    for (const outcome of outcomes) {
      at = later(at, 120);
      status = outcome;
      callbackHistory.push({ callback_id: i, status, comment: null, note: null, operator, at: iso(at) });
    }
    callbackRows.push({
      id: i,
      number: `CB-2026-${String(i).padStart(6, '0')}`,
      phone: '+79123456789',
      name: 'Анна',
      topic: pick(['technical', 'application', 'status']),
      request_number: null,
      comment: null,
      conversation_ref: null,
      asap: asap ? 1 : 0,
      slot_start: asap ? null : iso(windowStart),
      window_start: iso(windowStart),
      window_end: iso(windowStart + (asap ? 30 : 30) * MINUTE),
      status,
      attempts: outcomes.filter((o) => o === 'no_answer').length,
      retry_at: null,
      created_at: iso(created),
    });
  }
  await insertAll(db, 'callbacks', callbackRows);
  await insertAll(db, 'callback_history', callbackHistory);

  const chatRows: Record<string, unknown>[] = [];
  const messages: Record<string, unknown>[] = [];
  for (let i = 1; i <= chats; i++) {
    const queued = busyTime();
    const taken = random() < 0.9 ? later(queued, 30) : null;
    const closed = taken !== null && random() < 0.95 ? later(taken, 60) : null;
    const handedOn = taken === null ? null : pick([null, null, null, 'transferred', 'escalated', 'returned_to_queue']);
    const id = `c${i}`;
    let seq = 0;
    const system = (kind: string, at: number) =>
      messages.push({ conversation_id: id, seq: ++seq, client_id: null, author: 'system', operator_name: null, text: kind, system_kind: kind, created_at: iso(at) });
    messages.push({ conversation_id: id, seq: ++seq, client_id: null, author: 'citizen', operator_name: null, text: 'Здравствуйте', system_kind: null, created_at: iso(queued - MINUTE) });
    system('queued', queued);
    if (taken !== null) system('operator_joined', taken);
    if (handedOn) system(handedOn, taken! + MINUTE);
    if (closed !== null) system('closed', closed);
    chatRows.push({
      id,
      token_hash: id,
      kind: pick(['technical', 'application', 'status']),
      summary: 'Вопрос',
      question: 'Вопрос',
      name: null,
      contact: null,
      locale: 'ru',
      status: closed !== null ? 'closed' : taken !== null ? 'active' : 'waiting',
      operator: taken === null ? null : pick(OPERATORS),
      escalated: handedOn === 'escalated' ? 1 : 0,
      queued_at: iso(queued),
      taken_at: taken === null ? null : iso(taken),
      closed_at: closed === null ? null : iso(closed),
      closed_by: closed === null ? null : 'operator',
      created_at: iso(queued - 2 * MINUTE),
      last_seq: seq,
    });
  }
  await insertAll(db, 'chat_conversations', chatRows);
  await insertAll(db, 'chat_messages', messages);

  const bookingRows: Record<string, unknown>[] = [];
  for (let i = 1; i <= visits; i++) {
    // One office in 50; each office's slots one after another (no two bookings of one slot).
    const j = Math.floor(i / 50);
    const start = MONTH_START + (j % 31) * 24 * HOUR + 8 * HOUR + Math.floor(j / 31) * 15 * MINUTE;
    bookingRows.push({
      number: `MD-2026-${String(i).padStart(6, '0')}`,
      office_id: `office-${i % 50}`,
      service: pick(['passport', 'snils', 'inn', 'registration']),
      slot_start: iso(start),
      slot_end: iso(start + 15 * MINUTE),
      status: pick(['visited', 'visited', 'visited', 'booked', 'no_show', 'cancelled']),
      name: 'Иван',
      phone: '+79123456789',
      email: null,
      office_name: 'МФЦ',
      address: 'ул. Ленина, 1',
      office_phone: '+74950000000',
      time_zone: 'Europe/Moscow',
      documents: '[]',
      created_at: iso(start - 3 * 24 * HOUR),
      cancelled_at: null,
    });
  }
  await insertAll(db, 'bookings', bookingRows);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function measure(name: string, database: OpenedDatabase): Promise<{ name: string; channel: number; operator: number; runs: number[] }> {
  const started = performance.now();
  await generate(database.kysely);
  console.log(`${name}: ${CONTACTS} contacts generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const config = toConfigResponse(loadWidgetConfig(join(process.cwd(), 'demo/data/widget-config.json')));
  const { holidays } = loadCallbackSettings(join(process.cwd(), 'demo/data/callback-settings.json'));
  const line = (hours: WeeklyHours | undefined): WorkingLine => ({ hours, holidays, timeZone: hours?.timeZone ?? 'Europe/Moscow' });
  const service = createFiguresService({
    db: database.kysely,
    finalStatuses: config.statuses.filter((s) => s.final).map((s) => s.code),
    lines: { request: line(config.channels.request.hours), callback: line(callbackHours(config.channels.callback.hours)), chat: line(config.channels.chat.hours) },
    now: () => Date.UTC(2026, 3, 15),
  });
  const time = async (groupBy: 'channel' | 'operator') => {
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const figures = await service.figures({ from: '2026-03-01', to: '2026-03-31', groupBy });
      runs.push(performance.now() - t0);
      if (i === 0) console.log(`${name} ${groupBy}: handled ${figures.totals.handled}, groups ${figures.groups.length}`);
    }
    return runs;
  };
  const byChannel = await time('channel');
  const byOperator = await time('operator');
  const result = { name, channel: median(byChannel), operator: median(byOperator), runs: byChannel };
  console.log(`${name}: month's figures, median of ${RUNS}: groupBy=channel ${result.channel.toFixed(0)} ms (runs ${byChannel.map((r) => r.toFixed(0)).join(', ')}), groupBy=operator ${result.operator.toFixed(0)} ms`);
  return result;
}

const dir = mkdtempSync(join(tmpdir(), 'gs-figures-'));
try {
  console.log(`load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const sqlite = await openDatabase(join(dir, 'figures.sqlite'));
  try {
    await measure('SQLite', sqlite);
  } finally {
    await sqlite.close();
  }
  if (process.env.BENCH_SKIP_POSTGRES !== '1') {
    const server = await startTestPostgres({ durable: true });
    try {
      const url = await server.createDatabase();
      const postgres = await openPostgres(url);
      try {
        await measure('PostgreSQL', postgres);
      } finally {
        await postgres.close();
      }
    } finally {
      await server.stop();
    }
  }
  console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
