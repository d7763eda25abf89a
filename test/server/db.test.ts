import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { sql, type Kysely, type Migration } from 'kysely';
import { openDatabase, type Db } from '../../server/db.js';
import { appliedMigrations, migrateToLatest } from '../../server/database/migrate.js';
import { MIGRATIONS } from '../../server/database/migrations/index.js';
import { databaseFromEnv, databaseTarget } from '../../server/database/target.js';
import { tempDir } from './support.js';

const tableNames = (db: Db): string[] =>
  db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];

/** A migration of one SQL statement, for tests of the runner. */
const statement = (text: string): Migration => ({
  up: async (db: Kysely<unknown>) => {
    await sql.raw(text).execute(db);
  },
});

describe('database', () => {
  test('a new database gets the shipped migrations, WAL and foreign keys', async (t) => {
    const dir = tempDir(t);
    const path = join(dir, 'nested', 'folder', 'db.sqlite');
    const { sqlite, kysely, close } = await openDatabase(path);
    t.after(close);

    assert.ok(existsSync(path), 'the file and its folders are created');
    assert.deepEqual(
      (await appliedMigrations(kysely)).map((m) => m.name),
      ['001_init', '002_requests', '003_callbacks', '004_offices', '005_chat', '006_chat_identity', '007_chat_start_id', '008_operator_sessions', '009_rate_limits', '010_socket_io_attachments', '011_chat_tickets', '012_operator_presence', '013_attachment_holder', '014_surveys', '015_operator_roles', '016_request_review', '017_alerts', '018_public_report'],
    );
    assert.ok(tableNames(sqlite).includes('meta'));
    assert.ok(tableNames(sqlite).includes('kysely_migration'));
    assert.equal(sqlite.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(sqlite.pragma('foreign_keys', { simple: true }), 1);
  });

  test('shipped migrations are named NNN_name and numbered 1, 2, 3, … without gaps', () => {
    const names = Object.keys(MIGRATIONS);
    names.forEach((name, i) => assert.match(name, new RegExp(`^${String(i + 1).padStart(3, '0')}_[a-z0-9_]+$`), name));
  });

  test('002_requests: requests, status history, numbering, attachments, idempotency keys, outbox', async (t) => {
    const { sqlite: db, close } = await openDatabase(join(tempDir(t), 'db.sqlite'));
    t.after(close);
    const tables = tableNames(db);
    for (const table of ['requests', 'request_status_history', 'request_sequences', 'attachments', 'idempotency_keys', 'notification_outbox']) {
      assert.ok(tables.includes(table), table);
    }
    const columns = (table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
    assert.ok(columns('requests').includes('lookup_code_hash'));
    assert.ok(!columns('requests').includes('lookup_code'), 'no column for the plain code');

    const insert = (values: Record<string, unknown>) =>
      db
        .prepare(
          `INSERT INTO requests (number, lookup_code_hash, type, full_name, phone, answer_channel, description, links, created_at, answer_due_at, status)
           VALUES (@number, 'h', 'technical', 'Иванов Иван', @phone, @channel, 'd', @links, 't', 't', 'registered')`,
        )
        .run({ number: '2026-000001', phone: '+79123456789', channel: 'email', links: '[]', ...values });
    assert.throws(() => insert({ phone: '89123456789' }), /CHECK/, 'phones are stored normalized');
    assert.throws(() => insert({ channel: 'fax' }), /CHECK/);
    assert.throws(() => insert({ links: '{"a":1}' }), /CHECK/, 'links are a JSON array');
    insert({});
    assert.throws(() => insert({}), /UNIQUE/, 'numbers are unique');
    assert.throws(
      () => db.prepare("INSERT INTO notification_outbox (channel, recipient, body, created_at) VALUES ('pigeon', 'x', 'y', 't')").run(),
      /CHECK/,
    );
  });

  test('re-opening applies nothing again and keeps the data', async (t) => {
    const path = join(tempDir(t), 'db.sqlite');
    const first = await openDatabase(path);
    const before = await appliedMigrations(first.kysely);
    first.sqlite.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('greeting', 'Здравствуйте');
    await first.close();

    const second = await openDatabase(path);
    t.after(second.close);
    assert.deepEqual(await appliedMigrations(second.kysely), before, 'same names, same times');
    assert.deepEqual(await migrateToLatest(second.kysely), [], 'nothing pending');
    assert.equal(second.sqlite.prepare('SELECT value FROM meta WHERE key = ?').pluck().get('greeting'), 'Здравствуйте');
  });

  test('every commit is durable (synchronous = FULL), on a new file and on one reopened in WAL mode', async (t) => {
    const path = join(tempDir(t), 'db.sqlite');
    const first = await openDatabase(path);
    assert.equal(first.sqlite.pragma('synchronous', { simple: true }), 2, 'FULL on a new file');
    await first.close();
    const second = await openDatabase(path);
    t.after(second.close);
    assert.equal(second.sqlite.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(second.sqlite.pragma('synchronous', { simple: true }), 2, 'FULL after a restart too (WAL would default to NORMAL)');
  });

  test('close() is safe twice and after the raw connection was closed', async (t) => {
    const opened = await openDatabase(join(tempDir(t), 'db.sqlite'));
    opened.sqlite.close();
    await opened.close();
    await opened.close();
    assert.equal(opened.sqlite.open, false);
  });

  test("Kysely's transactions take the write lock when they begin (BEGIN IMMEDIATE), so they wait for another process's lock instead of failing later", async (t) => {
    const path = join(tempDir(t), 'db.sqlite');
    const { kysely, close } = await openDatabase(path);
    const other = new Database(path, { timeout: 0 });
    t.after(async () => {
      other.close();
      await close();
    });
    await kysely.transaction().execute(async (trx) => {
      await trx.selectFrom('meta').selectAll().execute();
      assert.throws(() => other.exec('BEGIN IMMEDIATE'), /database is locked/, 'the lock is held from BEGIN, before any write');
    });
    other.exec('BEGIN IMMEDIATE');
    other.exec('ROLLBACK');
  });

  test('applies new migrations in name order and never re-runs a changed one', async (t) => {
    const path = join(tempDir(t), 'db.sqlite');
    await (await openDatabase(path, { migrations: { '001_first': statement('CREATE TABLE first (id INTEGER PRIMARY KEY)') } })).close();

    // The applied migration is edited afterwards and new ones are added (out of name order).
    const { sqlite: db, close } = await openDatabase(path, {
      migrations: {
        '001_first': statement('CREATE TABLE edited_later (id INTEGER PRIMARY KEY)'),
        '010_tenth': statement('CREATE TABLE tenth (id INTEGER PRIMARY KEY)'),
        '002_second': statement('CREATE TABLE second (id INTEGER PRIMARY KEY, first_id INTEGER NOT NULL REFERENCES first(id))'),
      },
    });
    t.after(close);
    assert.deepEqual(db.prepare('SELECT name FROM kysely_migration ORDER BY timestamp, name').pluck().all(), ['001_first', '002_second', '010_tenth']);
    const tables = tableNames(db);
    assert.ok(tables.includes('second') && tables.includes('tenth'));
    assert.ok(!tables.includes('edited_later'), 'a migration already applied is not run again');
    assert.throws(() => db.prepare('INSERT INTO second (id, first_id) VALUES (1, 42)').run(), /FOREIGN KEY/, 'foreign keys are enforced');
  });

  test('a failing migration rolls back the whole run and is reported by name', async (t) => {
    const path = join(tempDir(t), 'db.sqlite');
    const ok = statement('CREATE TABLE ok (id INTEGER PRIMARY KEY)');
    const broken: Migration = {
      up: async (db) => {
        await sql`CREATE TABLE half (id INTEGER)`.execute(db);
        await sql`CREATE TABLE oops (`.execute(db);
      },
    };
    await assert.rejects(openDatabase(path, { migrations: { '001_ok': ok, '002_broken': broken } }), /Migration 002_broken failed/);
    const after = new Database(path);
    assert.deepEqual(tableNames(after).filter((name) => !name.startsWith('kysely_')), [], 'neither 001_ok nor half of 002 stayed');
    after.close();

    const { sqlite: db, close } = await openDatabase(path, { migrations: { '001_ok': ok, '002_broken': statement('CREATE TABLE half (id INTEGER)') } });
    t.after(close);
    assert.deepEqual(
      db.prepare('SELECT name FROM kysely_migration ORDER BY name').pluck().all(),
      ['001_ok', '002_broken'],
      'the fixed migration applies on the next start (the failed run was rolled back whole)',
    );
  });

  test('a database recording a migration this server does not know is refused', async (t) => {
    const path = join(tempDir(t), 'db.sqlite');
    await (await openDatabase(path, { migrations: { '001_a': statement('SELECT 1'), '002_b': statement('SELECT 1') } })).close();
    await assert.rejects(openDatabase(path, { migrations: { '001_a': statement('SELECT 1') } }), /002_b/);
  });
});

describe('databaseTarget / databaseFromEnv', () => {
  test('a postgres:// URL is PostgreSQL; a path or sqlite: URL is a SQLite file', () => {
    assert.deepEqual(databaseTarget('postgres://app@127.0.0.1:5432/gov'), { dialect: 'postgres', url: 'postgres://app@127.0.0.1:5432/gov' });
    assert.deepEqual(databaseTarget('postgresql://db/gov'), { dialect: 'postgres', url: 'postgresql://db/gov' });
    assert.deepEqual(databaseTarget('data/gov.sqlite'), { dialect: 'sqlite', path: 'data/gov.sqlite' });
    assert.deepEqual(databaseTarget('sqlite:data/gov.sqlite'), { dialect: 'sqlite', path: 'data/gov.sqlite' });
    assert.deepEqual(databaseTarget('sqlite:///var/lib/gov.sqlite'), { dialect: 'sqlite', path: '/var/lib/gov.sqlite' });
    assert.deepEqual(databaseTarget(':memory:'), { dialect: 'sqlite', path: ':memory:' });
    assert.throws(() => databaseTarget('mysql://user:secret@db/gov'), (error: Error) => /Unsupported database URL/.test(error.message) && !error.message.includes('secret'));
    assert.throws(() => databaseTarget(' '), /empty/);
  });

  test('DATABASE_URL wins over DB_PATH, which wins over the default', () => {
    assert.deepEqual(databaseFromEnv({ DATABASE_URL: 'postgres://db/gov', DB_PATH: 'x.sqlite' }, 'default.sqlite'), { dialect: 'postgres', url: 'postgres://db/gov' });
    assert.deepEqual(databaseFromEnv({ DB_PATH: 'x.sqlite' }, 'default.sqlite'), { dialect: 'sqlite', path: 'x.sqlite' });
    assert.deepEqual(databaseFromEnv({ DATABASE_URL: ' ' }, 'default.sqlite'), { dialect: 'sqlite', path: 'default.sqlite' });
  });
});
