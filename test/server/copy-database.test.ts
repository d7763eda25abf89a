// The SQLite-to-PostgreSQL copy (server/database/copy.ts, server/copy-to-postgres.ts): an
// installation with requests, callbacks, bookings and a chat moves to PostgreSQL, and the
// citizens' lookups still work there; new numbers and ids follow the copied ones.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { openDatabase, openPostgres } from '../../server/db.js';
import { COPIED_TABLES, NOT_COPIED_TABLES, copyDatabase } from '../../server/database/copy.js';
import { RequestCreated } from '../../src/protocol/request.js';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js';
import { FILES, ROOT, bookCallback, bookVisit, startBackend, submit, tempDir, testClock, upload, validBooking, validCallback, validRequest } from './support.js';

let postgres: TestPostgres;
before(async () => {
  postgres = await startTestPostgres();
});
after(async () => {
  await postgres.stop();
});

describe('copying a SQLite installation to PostgreSQL', () => {
  test('every table of the schema is copied or left out on purpose', async (t) => {
    const database = await openDatabase(join(tempDir(t), 'db.sqlite'));
    t.after(() => database.close());
    const tables = (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(database.kysely)).rows.map((r) => r.name);
    const known = new Set<string>([...COPIED_TABLES, ...NOT_COPIED_TABLES]);
    assert.deepEqual(tables.filter((name) => !known.has(name)), [], 'a new table must be added to COPIED_TABLES or NOT_COPIED_TABLES');
  });

  test('requests, callbacks, bookings and a chat move; lookups work on PostgreSQL; new rows follow the copied ones', async (t) => {
    const clock = testClock();
    // The installation on SQLite (databaseUrl '' keeps it there whatever the suite runs on).
    const old = await startBackend(t, { databaseUrl: '', now: clock.now });
    assert.equal(old.database.dialect, 'sqlite');
    const scan = (await upload(old.app, FILES.pdf, 'скан.pdf')).json().id as string;
    const screenshot = (await upload(old.app, FILES.png, 'скриншот.png')).json().id as string;
    const request = RequestCreated.parse((await submit(old.app, validRequest({ attachments: [scan] }))).json());
    const callback = await bookCallback(old.app, validCallback());
    assert.equal(callback.statusCode, 201, callback.body);
    const visit = await bookVisit(old.app, validBooking());
    assert.equal(visit.statusCode, 201, visit.body);
    const chat = await old.chat.start({ startId: crypto.randomUUID(), kind: 'technical', summary: 'Вход', question: 'Не могу войти', locale: 'ru' } as never);
    await old.chat.send(await old.chat.authenticate(chat.conversationId, chat.token), { clientId: crypto.randomUUID(), text: 'снимок', attachments: [screenshot] });
    await old.chat.idle();
    await old.close();

    // The copy, as the command runs it (the compiled one is the same code: build-server.mjs).
    const url = await postgres.createDatabase();
    const source = await openDatabase(old.databaseLocation.dbPath);
    const target = await openPostgres(url);
    const report = await copyDatabase(source.kysely, target.kysely);
    await Promise.all([source.close(), target.close()]);
    assert.equal(report.rows.requests, 1);
    assert.equal(report.rows.callbacks, 1);
    assert.equal(report.rows.bookings, 1);
    assert.equal(report.rows.chat_conversations, 1);
    assert.ok(report.rows.chat_messages! >= 1);

    // The same installation on PostgreSQL.
    const moved = await startBackend(t, { databaseUrl: url, now: clock.now });
    const lookup = await moved.app.inject({ method: 'POST', url: '/requests/lookup', payload: { number: request.number, factor: request.lookupCode } });
    assert.equal(lookup.statusCode, 200, lookup.body);
    assert.equal(lookup.json().number, request.number);
    const callbackNumber = callback.json().number as string;
    const ownCallback = await moved.app.inject({ method: 'POST', url: `/callbacks/${callbackNumber}/lookup`, payload: { phone: '+7 (912) 345-67-89' } });
    assert.equal(ownCallback.statusCode, 200, ownCallback.body);
    const visitNumber = visit.json().number as string;
    const visitPhone = String(validBooking().phone);
    const cancelled = await moved.app.inject({ method: 'POST', url: `/bookings/${visitNumber}/cancel`, payload: { phone: visitPhone } });
    assert.equal(cancelled.statusCode, 200, cancelled.body);
    const row = await moved.chat.authenticate(chat.conversationId, chat.token);
    const page = await moved.chat.page(row.id, 0);
    assert.ok(page.messages.some((m) => m.text === 'Не могу войти'), 'the conversation, with its token and messages');
    assert.equal(page.messages.length, report.rows.chat_messages);
    // The uploads keep who holds them: neither can be taken again.
    const holders = await moved.database.kysely.selectFrom('attachments').select(['id', 'held_by']).orderBy('held_by').execute();
    assert.deepEqual(holders, [
      { id: screenshot, held_by: 'chat' },
      { id: scan, held_by: 'request' },
    ]);

    // New rows: the next number, and ids past the copied ones (the sequences were moved).
    const next = RequestCreated.parse((await submit(moved.app, validRequest({ phone: '+7 900 000-00-02', email: 'next@example.ru' }))).json());
    assert.notEqual(next.number, request.number);
    const second = await bookCallback(moved.app, validCallback({ phone: '+7 900 000-00-03', slotStart: '2026-03-02T10:00:00.000Z' }));
    assert.equal(second.statusCode, 201, second.body);
  });

  test('a target that is not empty is refused and left as it was', async (t) => {
    const url = await postgres.createDatabase();
    const target = await openPostgres(url);
    const source = await openDatabase(join(tempDir(t), 'db.sqlite'));
    t.after(() => Promise.all([target.close(), source.close()]));
    await target.kysely.insertInto('meta').values({ key: 'already', value: 'here' }).execute();
    await source.kysely.insertInto('meta').values({ key: 'copied', value: 'no' }).execute();
    await assert.rejects(copyDatabase(source.kysely, target.kysely), /not empty: meta has 1 rows/);
    assert.deepEqual(await target.kysely.selectFrom('meta').select('key').execute(), [{ key: 'already' }]);
  });

  test('the command: usage, and a copy with its report', async (t) => {
    const run = promisify(execFile);
    const usage = await run(process.execPath, ['--import', 'tsx', 'server/copy-to-postgres.ts'], { cwd: ROOT }).catch((error: { code: number; stderr: string }) => error);
    assert.equal((usage as { code: number }).code, 2);
    assert.match((usage as { stderr: string }).stderr, /usage: copy-to-postgres <SQLite file> <postgres:\/\//);
    const file = join(tempDir(t), 'db.sqlite');
    const source = await openDatabase(file);
    await source.kysely.insertInto('meta').values({ key: 'instance', value: 'Здравствуйте' }).execute();
    await source.close();
    const url = await postgres.createDatabase();
    const done = await run(process.execPath, ['--import', 'tsx', 'server/copy-to-postgres.ts', file, url], { cwd: ROOT });
    assert.match(done.stdout, /meta: 1/);
    assert.match(done.stdout, /Copied 1 rows/);
    const target = await openPostgres(url);
    t.after(() => target.close());
    assert.deepEqual(await target.kysely.selectFrom('meta').selectAll().execute(), [{ key: 'instance', value: 'Здравствуйте' }]);
  });
});
