import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { appliedMigrations, listMigrations, MIGRATIONS_DIR, migrate, openDatabase } from '../../server/db.js';
import { tempDir } from './support.js';

const tableNames = (db: ReturnType<typeof openDatabase>): string[] =>
  db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];

describe('database', () => {
  test('a new database gets the shipped migrations, WAL and foreign keys', (t) => {
    const dir = tempDir(t);
    const path = join(dir, 'nested', 'folder', 'db.sqlite');
    const db = openDatabase(path);
    t.after(() => db.close());

    assert.ok(existsSync(path), 'the file and its folders are created');
    const shipped = listMigrations(MIGRATIONS_DIR);
    assert.equal(shipped[0]?.version, 1);
    assert.equal(shipped[0]?.name, 'init');
    assert.deepEqual(
      appliedMigrations(db).map((m) => [m.version, m.name]),
      shipped.map((m) => [m.version, m.name]),
    );
    assert.ok(tableNames(db).includes('meta'));
    assert.ok(tableNames(db).includes('schema_migrations'));
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
  });

  test('002_requests: requests, status history, numbering, attachments, idempotency keys, outbox', (t) => {
    const db = openDatabase(join(tempDir(t), 'db.sqlite'));
    t.after(() => db.close());
    assert.deepEqual(
      appliedMigrations(db).map((m) => m.name),
      ['init', 'requests', 'callbacks', 'offices', 'chat', 'chat_identity', 'chat_start_id'],
    );
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

  test('re-opening applies nothing again and keeps the data', (t) => {
    const path = join(tempDir(t), 'db.sqlite');
    const first = openDatabase(path);
    const before = appliedMigrations(first);
    first.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('greeting', 'Здравствуйте');
    first.close();

    const second = openDatabase(path);
    t.after(() => second.close());
    assert.deepEqual(appliedMigrations(second), before, 'same versions, same applied_at');
    assert.deepEqual(migrate(second, MIGRATIONS_DIR), [], 'nothing pending');
    assert.equal(second.prepare('SELECT value FROM meta WHERE key = ?').pluck().get('greeting'), 'Здравствуйте');
  });

  test('every commit is durable (synchronous = FULL), on a new file and on one reopened in WAL mode', (t) => {
    const path = join(tempDir(t), 'db.sqlite');
    const first = openDatabase(path);
    assert.equal(first.pragma('synchronous', { simple: true }), 2, 'FULL on a new file');
    first.close();
    const second = openDatabase(path);
    t.after(() => second.close());
    assert.equal(second.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(second.pragma('synchronous', { simple: true }), 2, 'FULL after a restart too (WAL would default to NORMAL)');
  });

  test('applies new migrations in order and never re-runs a changed one', (t) => {
    const dir = tempDir(t);
    const migrations = join(dir, 'migrations');
    mkdirSync(migrations);
    const path = join(dir, 'db.sqlite');
    writeFileSync(join(migrations, '001_first.sql'), 'CREATE TABLE first (id INTEGER PRIMARY KEY);');
    writeFileSync(join(migrations, 'README.md'), 'not a migration');

    openDatabase(path, { migrationsDir: migrations }).close();

    // The applied file is edited afterwards and a new one is added (out of name order on disk).
    writeFileSync(join(migrations, '001_first.sql'), 'CREATE TABLE edited_later (id INTEGER PRIMARY KEY);');
    writeFileSync(join(migrations, '010_tenth.sql'), 'CREATE TABLE tenth (id INTEGER PRIMARY KEY);');
    writeFileSync(
      join(migrations, '002_second.sql'),
      'CREATE TABLE second (id INTEGER PRIMARY KEY, first_id INTEGER NOT NULL REFERENCES first(id));',
    );

    const db = openDatabase(path, { migrationsDir: migrations });
    t.after(() => db.close());
    assert.deepEqual(
      appliedMigrations(db).map((m) => [m.version, m.name]),
      [
        [1, 'first'],
        [2, 'second'],
        [10, 'tenth'],
      ],
    );
    const tables = tableNames(db);
    assert.ok(tables.includes('second') && tables.includes('tenth'));
    assert.ok(!tables.includes('edited_later'), 'a migration already applied is not run again');
    assert.throws(
      () => db.prepare('INSERT INTO second (id, first_id) VALUES (1, 42)').run(),
      /FOREIGN KEY/,
      'foreign keys are enforced',
    );
  });

  test('a failing migration is rolled back whole and reported by file name', (t) => {
    const dir = tempDir(t);
    const migrations = join(dir, 'migrations');
    mkdirSync(migrations);
    const path = join(dir, 'db.sqlite');
    writeFileSync(join(migrations, '001_ok.sql'), 'CREATE TABLE ok (id INTEGER PRIMARY KEY);');
    writeFileSync(join(migrations, '002_broken.sql'), 'CREATE TABLE half (id INTEGER);\nCREATE TABLE oops (;');

    assert.throws(() => openDatabase(path, { migrationsDir: migrations }), /002_broken\.sql failed/);

    writeFileSync(join(migrations, '002_broken.sql'), 'CREATE TABLE half (id INTEGER);');
    const db = openDatabase(path, { migrationsDir: migrations });
    t.after(() => db.close());
    assert.deepEqual(
      appliedMigrations(db).map((m) => m.version),
      [1, 2],
      'the fixed migration applies on the next start (its first statement was rolled back before)',
    );
  });

  test('misnamed or duplicate migration files are refused', (t) => {
    const dir = tempDir(t);
    const misnamed = join(dir, 'misnamed');
    mkdirSync(misnamed);
    writeFileSync(join(misnamed, '1_init.sql'), 'SELECT 1;');
    assert.throws(() => listMigrations(misnamed), /must be named NNN_name\.sql/);

    const duplicate = join(dir, 'duplicate');
    mkdirSync(duplicate);
    writeFileSync(join(duplicate, '001_a.sql'), 'SELECT 1;');
    writeFileSync(join(duplicate, '001_b.sql'), 'SELECT 1;');
    assert.throws(() => listMigrations(duplicate), /share version 1/);
  });
});
