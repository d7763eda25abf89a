// SQLite's prepared statements are kept per SQL text (server/database/kysely.ts): Kysely's driver
// asks for one per query, and preparing cost 10–23 % of the main thread (BENCHMARKS.md).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import { createSqliteKysely, withKeptStatements } from '../../server/database/kysely.js';
import { tempDir } from './support.js';

/** A connection whose `prepare` calls are counted. */
function countedPrepares(t: TestContext): { sqlite: Database.Database; prepared: () => number } {
  const sqlite = new Database(join(tempDir(t), 'db.sqlite'));
  let count = 0;
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((text: string) => {
    count++;
    return prepare(text);
  }) as typeof sqlite.prepare;
  return { sqlite, prepared: () => count };
}

test('a statement is prepared once per SQL text and reused; past the size the oldest goes; close closes the connection', (t) => {
  const { sqlite, prepared } = countedPrepares(t);
  const kept = withKeptStatements(sqlite, 2) as { prepare(text: string): unknown; close(): void };
  const one = kept.prepare('select 1');
  assert.equal(kept.prepare('select 1'), one, 'the same statement again');
  assert.equal(prepared(), 1);
  kept.prepare('select 2');
  kept.prepare('select 3'); // Over the size of 2: «select 1» goes.
  assert.equal(prepared(), 3);
  assert.notEqual(kept.prepare('select 1'), one, 'prepared anew after it was dropped');
  assert.equal(prepared(), 4);
  kept.close();
  assert.equal(sqlite.open, false);
});

test('through Kysely: the same query twice prepares once, with other values each time, and after a schema change still answers', async (t) => {
  const { sqlite, prepared } = countedPrepares(t);
  const db = createSqliteKysely(sqlite);
  t.after(() => db.destroy());
  await db.schema.createTable('meta').addColumn('key', 'text', (c) => c.primaryKey()).addColumn('value', 'text').execute();
  await db.insertInto('meta').values({ key: 'a', value: '1' }).execute();
  await db.insertInto('meta').values({ key: 'b', value: '2' }).execute();
  const before = prepared();
  const read = (key: string) => db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
  assert.deepEqual(await read('a'), { value: '1' });
  assert.deepEqual(await read('b'), { value: '2' });
  assert.equal(prepared() - before, 1, 'one prepare for both reads');
  // SQLite re-prepares a kept statement by itself when the schema changed under it.
  await db.schema.alterTable('meta').addColumn('note', 'text').execute();
  assert.deepEqual(await read('b'), { value: '2' });
});
