// The migrations (server/database/migrations/) on both databases: they apply on SQLite and on
// PostgreSQL, a second run applies nothing, the constraints that matter refuse bad rows on both,
// the chat-attachment trigger works on both; the SQLite schema they make is the one the old
// .sql files made (test/fixtures/legacy-migrations/), and a file migrated by the old runner is
// adopted with its data.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import { sql, type Kysely, type Migration } from 'kysely';
import { openDatabase, openPostgres, type Db, type OpenedDatabase } from '../../server/db.js';
import { createPostgresKysely } from '../../server/database/kysely.js';
import { appliedMigrations, migrateToLatest, migrationState } from '../../server/database/migrate.js';
import { MIGRATIONS } from '../../server/database/migrations/index.js';
import type { Database as Schema } from '../../server/database/schema.js';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js';
import { ROOT, tempDir } from './support.js';

const LEGACY_DIR = join(ROOT, 'test/fixtures/legacy-migrations');
const NAMES = Object.keys(MIGRATIONS);
const TABLES = [
  'meta',
  'requests',
  'request_status_history',
  'request_sequences',
  'attachments',
  'idempotency_keys',
  'notification_outbox',
  'callbacks',
  'callback_history',
  'callback_sequences',
  'callback_idempotency_keys',
  'office_services',
  'offices',
  'bookings',
  'booking_sequences',
  'booking_idempotency_keys',
  'chat_conversations',
  'chat_messages',
  'chat_message_attachments',
  'chat_ratings',
  'chat_operator_presence',
  'surveys',
  'request_reviews',
  'request_reopenings',
  'alert_rules',
  'alerts',
  'public_reports',
];

/** The constraint a failed write broke, from SQLite's or PostgreSQL's error code. */
function violation(error: unknown): 'check' | 'unique' | 'foreign key' | 'not null' | undefined {
  const code = (error as { code?: string }).code;
  const byCode: Record<string, 'check' | 'unique' | 'foreign key' | 'not null'> = {
    SQLITE_CONSTRAINT_CHECK: 'check',
    SQLITE_CONSTRAINT_UNIQUE: 'unique',
    SQLITE_CONSTRAINT_PRIMARYKEY: 'unique',
    SQLITE_CONSTRAINT_FOREIGNKEY: 'foreign key',
    SQLITE_CONSTRAINT_NOTNULL: 'not null',
    '23514': 'check',
    '23505': 'unique',
    '23503': 'foreign key',
    '23502': 'not null',
  };
  return code === undefined ? undefined : byCode[code];
}

async function refused(write: Promise<unknown>, kind: ReturnType<typeof violation>, what: string): Promise<void> {
  await assert.rejects(write, (error) => {
    assert.equal(violation(error), kind, `${what}: ${String(error)}`);
    return true;
  });
}

const request = (overrides: Record<string, unknown> = {}) => ({
  number: '2026-000001',
  lookup_code_hash: 'h',
  type: 'technical',
  full_name: 'Иванова Мария Петровна',
  phone: '+79123456789',
  answer_channel: 'email' as const,
  description: 'Не открывается страница оплаты.',
  created_at: '2026-03-02T09:00:00.000Z',
  answer_due_at: '2026-03-04T09:00:00.000Z',
  status: 'registered',
  ...overrides,
});

const attachment = (id: string, requestId: number | null = null) => ({
  id,
  request_id: requestId,
  original_name: 'a.pdf',
  stored_name: `${id}.pdf`,
  type: 'application/pdf',
  size: 1,
  sha256: 'x',
  created_at: '2026-03-02T09:00:00.000Z',
});

/** Conversation `c1` with one message that holds upload `attachmentId` (as the chat store links it). */
async function chatMessageHolding(db: Kysely<any>, attachmentId: string): Promise<void> {
  await db.insertInto('chat_conversations').values({ id: 'c1', token_hash: 'h', kind: 'technical', summary: 's', question: 'q', locale: 'ru', status: 'assistant', created_at: 'now' }).execute();
  const message = await db
    .insertInto('chat_messages')
    .values({ conversation_id: 'c1', seq: 1, author: 'citizen', text: 'файл', created_at: 'now' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('chat_message_attachments').values({ message_id: message.id, attachment_id: attachmentId, position: 0 }).execute();
}

/** Opens one new database of the test, migrated with `migrations` (all unless given); again on the same data when called again. */
type Opener = (migrations?: Readonly<Record<string, Migration>>) => Promise<OpenedDatabase>;

/** The same checks on either database. */
function migrationSuite(name: string, place: (t: TestContext) => Promise<Opener>) {
  const open = async (t: TestContext) => (await place(t))();
  describe(`migrations on ${name}`, () => {
    test('all apply; a second run applies nothing; every table is there', async (t) => {
      const database = await open(t);
      const db = database.kysely;
      assert.deepEqual((await appliedMigrations(db)).map((m) => m.name), NAMES);
      assert.deepEqual(await migrateToLatest(db), [], 'nothing pending the second time');
      assert.equal(await migrationState(db), 'applied');
      const tables = (await db.introspection.getTables()).map((table) => table.name);
      for (const table of TABLES) assert.ok(tables.includes(table), table);
      const conversation = (await db.introspection.getTables()).find((table) => table.name === 'chat_conversations');
      const columns = conversation?.columns.map((c) => c.name) ?? [];
      for (const column of ['verified_subject', 'verified_name', 'start_id']) assert.ok(columns.includes(column), column);
    });

    test('ids are given by the database; CHECK, UNIQUE, NOT NULL and foreign keys refuse bad rows', async (t) => {
      const db = (await open(t)).kysely;
      const first = await db.insertInto('requests').values(request()).returning('id').executeTakeFirstOrThrow();
      const second = await db.insertInto('requests').values(request({ number: '2026-000002' })).returning('id').executeTakeFirstOrThrow();
      assert.equal(Number(second.id), Number(first.id) + 1);
      const stored = await db.selectFrom('requests').select(['links', 'phone']).where('id', '=', first.id).executeTakeFirstOrThrow();
      assert.deepEqual(stored, { links: '[]', phone: '+79123456789' }, 'links default to an empty JSON array');

      await refused(db.insertInto('requests').values(request({ number: '2026-000003', phone: '89123456789' })).execute(), 'check', 'a phone not normalized');
      await refused(db.insertInto('requests').values(request({ number: '2026-000003', answer_channel: 'fax' })).execute(), 'check', 'an unknown channel');
      await refused(db.insertInto('requests').values(request({ number: '2026-000003', links: '{"a":1}' })).execute(), 'check', 'links not an array');
      await refused(db.insertInto('requests').values(request({ number: '2026-000003', links: 'not json' })).execute(), 'check', 'links not JSON');
      await refused(db.insertInto('requests').values(request()).execute(), 'unique', 'a number taken');
      await refused(db.insertInto('requests').values(request({ number: '2026-000003', full_name: null })).execute(), 'not null', 'no name');
      await refused(
        db.insertInto('request_status_history').values({ request_id: 9999, status: 's', title: 't', at: 'now' }).execute(),
        'foreign key',
        'history of no request',
      );
      await refused(
        db
          .insertInto('callbacks')
          .values({
            number: 'CB-2026-000001',
            phone: '+79123456789',
            name: 'Мария',
            topic: 't',
            asap: 1,
            slot_start: '2026-03-02T10:00:00.000Z',
            window_start: 'a',
            window_end: 'b',
            status: 'scheduled',
            created_at: 'now',
          })
          .execute(),
        'check',
        'an ASAP callback with a slot (table CHECK)',
      );
      await refused(
        db
          .insertInto('offices')
          .values({
            id: 'o1',
            position: 1,
            name: 'n',
            region_code: '77',
            region: 'r',
            city: 'c',
            address: 'a',
            phone: 'p',
            lat: 91.5,
            lon: 37.6,
            time_zone: 'Europe/Moscow',
            hours: '{}',
            services: '[]',
            step_free: 1,
            access_notes: null,
            peak_hours: '[]',
          })
          .execute(),
        'check',
        'a latitude past the pole',
      );
      const office = await db
        .insertInto('offices')
        .values({
          id: 'o2',
          position: 2,
          name: 'n',
          region_code: '77',
          region: 'r',
          city: 'c',
          address: 'a',
          phone: 'p',
          lat: 55.751244123,
          lon: 37.618423456,
          time_zone: 'Europe/Moscow',
          hours: '{"timeZone":"Europe/Moscow"}',
          services: '["passport"]',
          step_free: 0,
          access_notes: '{"ru":"Пандус","en":"Ramp"}',
          peak_hours: '[]',
        })
        .returning(['lat', 'lon'])
        .executeTakeFirstOrThrow();
      assert.deepEqual(office, { lat: 55.751244123, lon: 37.618423456 }, 'coordinates keep double precision');
      await refused(
        db.insertInto('chat_conversations').values({ id: 'c1', token_hash: 'h', kind: 'technical', summary: 's', question: 'q', locale: 'ru', status: 'active', created_at: 'now' }).execute(),
        'check',
        'an active conversation without an operator',
      );
    });

    test("operator presence: one row per socket, a status of the two, times past 2^31 ms kept", async (t) => {
      const db = (await open(t)).kysely;
      const row = (socketId: string, status: string) => ({
        socket_id: socketId,
        operator_name: 'Петров П.',
        status: status as 'available',
        process_id: 'p1',
        seen_at: Date.UTC(2026, 2, 2, 9, 0, 0),
      });
      await db.insertInto('chat_operator_presence').values(row('s1', 'available')).execute();
      await refused(db.insertInto('chat_operator_presence').values(row('s1', 'away')).execute(), 'unique', 'a socket twice');
      await refused(db.insertInto('chat_operator_presence').values(row('s2', 'busy')).execute(), 'check', 'an unknown status');
      const stored = await db.selectFrom('chat_operator_presence').select('seen_at').executeTakeFirstOrThrow();
      assert.equal(stored.seen_at, Date.UTC(2026, 2, 2, 9, 0, 0), 'a number, not text (bigint on PostgreSQL)');
    });

    test('a start id opens one conversation; NULL start ids repeat', async (t) => {
      const db = (await open(t)).kysely;
      const conversation = (id: string, startId: string | null) => ({
        id,
        token_hash: 'h',
        kind: 'technical' as const,
        summary: 's',
        question: 'q',
        locale: 'ru' as const,
        status: 'assistant' as const,
        created_at: 'now',
        start_id: startId,
      });
      await db.insertInto('chat_conversations').values([conversation('a', null), conversation('b', null), conversation('c', 'start-1')]).execute();
      await refused(db.insertInto('chat_conversations').values(conversation('d', 'start-1')).execute(), 'unique', 'a start id twice');
    });

    test('no delete takes an upload a chat message holds (trigger); others go; once its conversation goes, nobody holds it', async (t) => {
      const db = (await open(t)).kysely;
      // Held as the chat store claims it (uploads/claims.ts).
      await db.insertInto('attachments').values([{ ...attachment('kept'), held_by: 'chat' }, attachment('stale')]).execute();
      await chatMessageHolding(db, 'kept');

      const deleted = await db.deleteFrom('attachments').executeTakeFirst();
      assert.equal(Number(deleted.numDeletedRows), 1, 'only the one nobody holds');
      assert.deepEqual((await db.selectFrom('attachments').select('id').execute()).map((row) => row.id), ['kept']);

      // Deleting the conversation cascades to its messages and their attachment links; the
      // upload is then held by nobody (trigger), so the clean-up may take it.
      await db.deleteFrom('chat_conversations').where('id', '=', 'c1').execute();
      assert.equal((await db.selectFrom('chat_message_attachments').selectAll().execute()).length, 0);
      assert.deepEqual(await db.selectFrom('attachments').select(['id', 'held_by']).execute(), [{ id: 'kept', held_by: null }]);
      await db.deleteFrom('attachments').where('held_by', 'is', null).execute();
      assert.equal((await db.selectFrom('attachments').selectAll().execute()).length, 0);
    });

    test('013_attachment_holder: an upload a request or a chat message held before it is held by it after it; the others by nobody', async (t) => {
      const openAt = await place(t);
      const before013 = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < '013'));
      const old = await openAt(before013);
      // The schema before 013 (no held_by): rows as the old code wrote them.
      const db = old.kysely as Kysely<any>;
      const { id: requestId } = await db.insertInto('requests').values(request()).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('attachments').values([attachment('by-request', Number(requestId)), attachment('by-chat'), attachment('free')]).execute();
      await chatMessageHolding(db, 'by-chat');
      await old.close();

      const migrated = (await openAt()).kysely;
      assert.deepEqual(await migrated.selectFrom('attachments').select(['id', 'held_by']).orderBy('id').execute(), [
        { id: 'by-chat', held_by: 'chat' },
        { id: 'by-request', held_by: 'request' },
        { id: 'free', held_by: null },
      ]);
      await refused(migrated.updateTable('attachments').set({ held_by: 'someone' as never }).where('id', '=', 'free').execute(), 'check', 'an unknown holder');
    });

    test('014_surveys: one survey per contact; channel, answer and rating checked; an answer stored whole', async (t) => {
      const db = (await open(t)).kysely;
      const survey = (overrides: Record<string, unknown> = {}) => ({
        channel: 'request' as const,
        contact_ref: '2026-000001',
        topic: 'technical',
        operator: 'Петров П.',
        finished_at: '2026-03-02T09:00:00.000Z',
        ...overrides,
      });
      const { id } = await db.insertInto('surveys').values(survey()).returning('id').executeTakeFirstOrThrow();
      const stored = await db.selectFrom('surveys').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual([stored.answered_at, stored.share_with_operator], [null, 0]);
      await refused(db.insertInto('surveys').values(survey()).execute(), 'unique', 'a second survey of a contact');
      await db.insertInto('surveys').values(survey({ channel: 'callback' })).execute();
      await refused(db.insertInto('surveys').values(survey({ channel: 'fax', contact_ref: 'x' })).execute(), 'check', 'an unknown channel');
      const answer = { answered_at: '2026-03-02T10:00:00.000Z', resolved: 'yes' as const, rating: 5 };
      await refused(db.updateTable('surveys').set({ ...answer, rating: 6 }).where('id', '=', id).execute(), 'check', 'a rating over 5');
      await refused(db.updateTable('surveys').set({ ...answer, resolved: 'maybe' as never }).where('id', '=', id).execute(), 'check', 'an unknown answer');
      await refused(db.updateTable('surveys').set({ rating: 3 }).where('id', '=', id).execute(), 'check', 'half an answer');
      await refused(db.updateTable('surveys').set({ share_with_operator: 1 }).where('id', '=', id).execute(), 'check', 'shared, not answered');
      await db.updateTable('surveys').set({ ...answer, comment: 'Спасибо', share_with_operator: 1 }).where('id', '=', id).execute();
    });

    test('015_operator_roles: sessions made before it are operators\'; a role is operator or supervisor', async (t) => {
      const openAt = await place(t);
      const old = await openAt(Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < '015')));
      await (old.kysely as Kysely<any>).insertInto('operator_sessions').values({ id_hash: 'old', operator_name: 'Петров П.', expires_at: '2026-03-02T17:00:00.000Z' }).execute();
      await old.close();
      const migrated = (await openAt()).kysely;
      assert.deepEqual(await migrated.selectFrom('operator_sessions').select(['id_hash', 'role']).execute(), [{ id_hash: 'old', role: 'operator' }]);
      await migrated.insertInto('operator_sessions').values({ id_hash: 'new', operator_name: 'Руководитель', expires_at: '2026-03-02T17:00:00.000Z', role: 'supervisor' }).execute();
      await refused(migrated.updateTable('operator_sessions').set({ role: 'admin' as never }).where('id_hash', '=', 'new').execute(), 'check', 'an unknown role');
    });

    test('016_request_review: one review per round, outcome checked, an analysis stored whole; a reopening per history entry', async (t) => {
      const db = (await open(t)).kysely;
      const requestId = Number((await db.insertInto('requests').values(request()).returning('id').executeTakeFirstOrThrow()).id);
      const review = (overrides: Record<string, unknown> = {}) => ({
        request_id: requestId,
        round: 0,
        outcome: 'compliant' as const,
        reviewer: 'Петров П.',
        reviewed_at: '2026-03-03T09:00:00.000Z',
        ...overrides,
      });
      const { id } = await db.insertInto('request_reviews').values(review()).returning('id').executeTakeFirstOrThrow();
      await refused(db.insertInto('request_reviews').values(review({ outcome: 'needs_rework' })).execute(), 'unique', 'a second review of a round');
      await db.insertInto('request_reviews').values(review({ round: 1 })).execute();
      await refused(db.insertInto('request_reviews').values(review({ round: 2, outcome: 'great' })).execute(), 'check', 'an unknown outcome');
      await refused(db.insertInto('request_reviews').values(review({ round: -1 })).execute(), 'check', 'a negative round');
      await refused(db.insertInto('request_reviews').values(review({ round: 3, request_id: 9999 })).execute(), 'foreign key', 'a review of no request');
      await refused(db.updateTable('request_reviews').set({ analysis: 'Замечаний нет' }).where('id', '=', id).execute(), 'check', 'half an analysis');
      await db.updateTable('request_reviews').set({ analysis: 'Замечаний нет', analyst: 'Руководитель', analysed_at: '2026-03-04T09:00:00.000Z' }).where('id', '=', id).execute();

      const { id: historyId } = await db
        .insertInto('request_status_history')
        .values({ request_id: requestId, status: 'in_progress', title: 'В работе', operator: 'Петров П.', at: '2026-03-05T09:00:00.000Z' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const reopening = { request_id: requestId, history_id: Number(historyId), reason: 'Заявитель не получил ответ', operator: 'Петров П.', at: '2026-03-05T09:00:00.000Z' };
      await db.insertInto('request_reopenings').values(reopening).execute();
      await refused(db.insertInto('request_reopenings').values(reopening).execute(), 'unique', 'two reasons for one reopening');
      await refused(db.insertInto('request_reopenings').values({ ...reopening, history_id: 9999 }).execute(), 'foreign key', 'a reason of no history entry');
    });

    test('018_public_report: one frozen snapshot per month; the month\'s form and the JSON checked', async (t) => {
      const db = (await open(t)).kysely;
      const snapshot = (overrides: Record<string, unknown> = {}) => ({ month: '2026-02', method: 1, computed_at: '2026-03-01T00:00:00.000Z', figures: '{"total":{}}', ...overrides });
      await db.insertInto('public_reports').values(snapshot()).execute();
      await refused(db.insertInto('public_reports').values(snapshot({ figures: '{}' })).execute(), 'unique', 'a second snapshot of a month');
      await refused(db.insertInto('public_reports').values(snapshot({ month: '2026-3' })).execute(), 'check', 'a month not YYYY-MM');
      await refused(db.insertInto('public_reports').values(snapshot({ month: '2026-04', figures: 'not json' })).execute(), 'check', 'figures not JSON');
      await refused(db.insertInto('public_reports').values(snapshot({ month: '2026-04', figures: '[]' })).execute(), 'check', 'figures not an object');
      await refused(db.insertInto('public_reports').values(snapshot({ month: '2026-04', method: 0 })).execute(), 'check', 'no method version');
    });
  });
}

migrationSuite('SQLite', async (t) => {
  const path = join(tempDir(t), 'db.sqlite');
  return async (migrations) => {
    const database = await openDatabase(path, migrations ? { migrations } : {});
    t.after(database.close);
    return database;
  };
});

describe('PostgreSQL', () => {
  let server: TestPostgres | undefined;
  before(async () => {
    server = await startTestPostgres();
  });
  after(() => server?.stop());
  migrationSuite('PostgreSQL', async (t) => {
    const url = await server!.createDatabase();
    return async (migrations) => {
      const database = await openPostgres(url, migrations ? { migrations } : {});
      t.after(database.close);
      return database;
    };
  });

  test('a pooled connection the server drops is replaced; its error reaches the listener, not the process', async (t) => {
    const url = await server!.createDatabase();
    const errors: Error[] = [];
    const db = createPostgresKysely({ url, onPoolError: (error) => errors.push(error) });
    t.after(() => db.destroy());
    await sql`select 1`.execute(db);
    const admin = createPostgresKysely({ url });
    t.after(() => admin.destroy());
    // Ends every other session of this database: the pool's idle connection among them.
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`.execute(admin);
    for (let i = 0; i < 50 && errors.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(errors.length, 1, 'the idle connection\'s error went to onPoolError');
    const { rows } = await sql<{ ok: number }>`select 1 as ok`.execute(db);
    assert.deepEqual(rows, [{ ok: 1 }], 'the next query gets a new connection');
  });

  test('two servers starting at once on one database: one migrates, the other waits and finds nothing to do', async (t) => {
    const url = await server!.createDatabase();
    const [a, b] = await Promise.all([openPostgres(url), openPostgres(url)]);
    t.after(async () => {
      await a.close();
      await b.close();
    });
    assert.deepEqual((await appliedMigrations(a.kysely)).map((m) => m.name), NAMES);
  });
});

/** A SQLite file migrated the old way: the .sql files in order, recorded in schema_migrations. */
function legacyDatabase(path: string, upTo = Infinity): Db {
  const db = new Database(path);
  db.pragma('foreign_keys = ON');
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  for (const file of readdirSync(LEGACY_DIR).sort()) {
    const [, version, name] = /^(\d{3})_([a-z0-9_]+)\.sql$/.exec(file)!;
    if (Number(version) > upTo) break;
    db.transaction(() => {
      db.exec(readFileSync(join(LEGACY_DIR, file), 'utf8'));
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(Number(version), name, '2026-01-01T00:00:00.000Z');
    }).immediate();
  }
  return db;
}

/** Text of SQL as SQLite keeps it, compared loosely: no comments, quotes, case or spacing. */
function normalize(text: string): string {
  return text
    .replace(/--[^\n]*/g, '')
    .replaceAll('"', '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*([(),])\s*/g, '$1')
    .trim();
}

/** The `check(...)` expressions of a CREATE TABLE, normalized and sorted. */
function checks(createTable: string): string[] {
  const text = normalize(createTable);
  const found: string[] = [];
  for (let at = text.indexOf('check('); at !== -1; at = text.indexOf('check(', at + 1)) {
    let depth = 0;
    for (let i = at + 'check'.length; i < text.length; i++) {
      if (text[i] === '(') depth++;
      else if (text[i] === ')' && --depth === 0) {
        found.push(text.slice(at + 'check('.length, i));
        break;
      }
    }
  }
  return found.sort();
}

/** What a SQLite schema is made of, from SQLite's own description of it (not the SQL's wording). */
function schemaOf(db: Db) {
  const ignore = new Set(['schema_migrations', 'kysely_migration', 'kysely_migration_lock']);
  const objects = db.prepare('SELECT type, name, tbl_name AS tableName, sql FROM sqlite_master ORDER BY type, name').all() as {
    type: string;
    name: string;
    tableName: string;
    sql: string | null;
  }[];
  const described: Record<string, unknown> = {};
  for (const object of objects.filter((o) => !ignore.has(o.tableName))) {
    const key = `${object.type} ${object.name}`;
    if (object.type === 'table') {
      described[key] = {
        columns: (db.prepare(`PRAGMA table_xinfo(${object.name})`).all() as { type: string }[]).map((c) => ({ ...c, type: c.type.toUpperCase() })),
        strict: (db.prepare(`PRAGMA table_list(${object.name})`).get() as { strict: number }).strict,
        foreignKeys: db.prepare(`PRAGMA foreign_key_list(${object.name})`).all(),
        indexes: (db.prepare(`PRAGMA index_list(${object.name})`).all() as { name: string }[]).map((index) => ({
          ...index,
          columns: db.prepare(`PRAGMA index_xinfo(${index.name})`).all(),
        })),
        checks: checks(object.sql ?? ''),
      };
    } else if (object.type === 'index') {
      const text = normalize(object.sql ?? '');
      described[key] = { table: object.tableName, where: text.includes(' where ') ? text.slice(text.indexOf(' where ') + 7) : null };
    } else {
      described[key] = { table: object.tableName, sql: normalize(object.sql ?? '') };
    }
  }
  return described;
}

describe('migrations and the SQLite files of existing installations', () => {
  test('the SQLite schema is the one the old .sql files made: tables, columns, types, STRICT, keys, CHECKs, indexes, trigger', async (t) => {
    const dir = tempDir(t);
    const legacy = legacyDatabase(join(dir, 'legacy.sqlite'));
    // The old files stop at 007: the new migrations up to it must make the same schema.
    const upTo007 = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name <= '007~'));
    const { sqlite, close } = await openDatabase(join(dir, 'new.sqlite'), { migrations: upTo007 });
    t.after(async () => {
      legacy.close();
      await close();
    });
    const expected = schemaOf(legacy);
    const actual = schemaOf(sqlite);
    assert.ok(Object.keys(expected).length > 40, 'the legacy schema was read');
    assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), 'the same tables, indexes and triggers');
    for (const key of Object.keys(expected)) assert.deepEqual(actual[key], expected[key], key);
  });

  test('a file migrated by the old runner is adopted: its migrations recorded, not re-run, its rows kept', async (t) => {
    const path = join(tempDir(t), 'db.sqlite');
    const legacy = legacyDatabase(path);
    legacy.prepare("INSERT INTO meta (key, value) VALUES ('instance', 'Здравствуйте')").run();
    legacy
      .prepare(
        `INSERT INTO requests (number, lookup_code_hash, type, full_name, phone, answer_channel, description, created_at, answer_due_at, status)
         VALUES ('2026-000042', 'h', 'technical', 'Иванова Мария', '+79123456789', 'email', 'd', 't', 't', 'registered')`,
      )
      .run();
    legacy.close();

    const { sqlite, kysely, close } = await openDatabase(path);
    t.after(close);
    assert.deepEqual((await appliedMigrations(kysely)).map((m) => m.name), NAMES, 'recorded in kysely_migration');
    assert.equal(await migrationState(kysely), 'applied');
    assert.equal(sqlite.prepare("SELECT value FROM meta WHERE key = 'instance'").pluck().get(), 'Здравствуйте');
    assert.equal(sqlite.prepare('SELECT number FROM requests').pluck().get(), '2026-000042');
    // The next request still gets the next id (the table was not made anew).
    const next = await (kysely as Kysely<Schema>).insertInto('requests').values(request({ number: '2026-000043' })).returning('id').executeTakeFirstOrThrow();
    assert.equal(next.id, 2);
    assert.equal(sqlite.prepare('SELECT count(*) FROM schema_migrations').pluck().get(), 7, 'the old table is left as it was');
  });

  test('a file the old runner migrated part way gets the rest from the new migrations', async (t) => {
    const path = join(tempDir(t), 'db.sqlite');
    legacyDatabase(path, 5).close();
    const { sqlite, kysely, close } = await openDatabase(path);
    t.after(close);
    assert.deepEqual((await appliedMigrations(kysely)).map((m) => m.name), NAMES);
    const columns = (sqlite.prepare('PRAGMA table_info(chat_conversations)').all() as { name: string }[]).map((c) => c.name);
    assert.ok(columns.includes('verified_subject') && columns.includes('start_id'), '006 and 007 ran');
  });

  test('a file recording an old migration this server does not know is refused, untouched', async (t) => {
    const path = join(tempDir(t), 'db.sqlite');
    const legacy = legacyDatabase(path);
    legacy.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (8, 'future', 't')").run();
    legacy.close();
    await assert.rejects(openDatabase(path), /008_future/);
    const after = new Database(path);
    t.after(() => after.close());
    assert.equal(after.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'kysely_migration'").pluck().get(), 0);
  });
});
