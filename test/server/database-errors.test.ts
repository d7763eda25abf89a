// database/errors.ts and database/locks.ts on both databases: a UNIQUE refusal, a lock held past
// its bound (busy: 503), and the per-key lock that makes «count the places, take one» one step.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { openDatabase, openPostgres, type OpenedDatabase } from '../../server/db.js';
import { isConstraintViolation, isDatabaseBusy, isUniqueViolation } from '../../server/database/errors.js';
import { lockKey } from '../../server/database/locks.js';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js';
import { tempDir } from './support.js';

let postgres: TestPostgres;
before(async () => {
  postgres = await startTestPostgres();
});
after(async () => {
  await postgres.stop();
});

const caught = async (work: () => Promise<unknown>): Promise<unknown> => {
  try {
    await work();
  } catch (error) {
    return error;
  }
  assert.fail('expected the statement to fail');
};

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe(`on ${dialect}`, () => {
    const open = async (t: import('node:test').TestContext, busyTimeoutMs = 200): Promise<OpenedDatabase> => {
      const database =
        dialect === 'sqlite'
          ? await openDatabase(join(tempDir(t), 'db.sqlite'), { busyTimeoutMs })
          : await openPostgres(await postgres.createDatabase(), { busyTimeoutMs });
      t.after(() => database.close());
      return database;
    };

    test('a duplicate key is a unique violation; a CHECK refusal a constraint violation, not busy', async (t) => {
      const { kysely } = await open(t);
      await kysely.insertInto('meta').values({ key: 'k', value: 'v' }).execute();
      const duplicate = await caught(() => kysely.insertInto('meta').values({ key: 'k', value: 'w' }).execute());
      assert.equal(isUniqueViolation(duplicate), true);
      assert.equal(isConstraintViolation(duplicate), true);
      assert.equal(isDatabaseBusy(duplicate), false);
      const check = await caught(() =>
        sql`insert into callback_sequences (year, last) values (2026, 0)`.execute(kysely),
      );
      assert.equal(isUniqueViolation(check), false);
      assert.equal(isConstraintViolation(check), true);
    });

    test('a write lock held past the bound is busy (answered 503), not a server error', async (t) => {
      const first = await open(t, 100);
      const second =
        dialect === 'sqlite'
          ? await openDatabase((first as { sqlite: { name: string } }).sqlite.name, { busyTimeoutMs: 100 })
          : await openPostgres(await postgres.createDatabase(), { busyTimeoutMs: 100 });
      t.after(() => second.close());
      if (dialect === 'postgres') {
        // Two connections of one pool on the same database: a row lock held by one.
        await first.kysely.insertInto('meta').values({ key: 'row', value: '0' }).execute();
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        const holder = first.kysely.transaction().execute(async (trx) => {
          await trx.updateTable('meta').set({ value: '1' }).where('key', '=', 'row').execute();
          await held;
        });
        await new Promise((resolve) => setTimeout(resolve, 50));
        const error = await caught(() => first.kysely.updateTable('meta').set({ value: '2' }).where('key', '=', 'row').execute());
        release();
        await holder;
        assert.equal(isDatabaseBusy(error), true, String(error));
        return;
      }
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const holder = first.kysely.transaction().execute(async (trx) => {
        await trx.insertInto('meta').values({ key: 'a', value: '1' }).execute();
        await held;
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
      const error = await caught(() => second.kysely.insertInto('meta').values({ key: 'b', value: '1' }).execute());
      release();
      await holder;
      assert.equal(isDatabaseBusy(error), true, String(error));
    });

    test('lockKey: transactions on one key run one after the other (6 takers, 2 places: 2 take one)', async (t) => {
      const { kysely } = await open(t, 5000);
      await kysely.insertInto('meta').values({ key: 'places', value: '0' }).execute();
      // Each takes a place if fewer than 2 are taken: read, wait, write. Without the lock on
      // PostgreSQL all 6 would read 0 and all would take one.
      const take = () =>
        kysely.transaction().execute(async (trx) => {
          await lockKey(trx, 'slot:1');
          const row = await trx.selectFrom('meta').select('value').where('key', '=', 'places').executeTakeFirstOrThrow();
          const taken = Number(row.value);
          await new Promise((resolve) => setTimeout(resolve, 10));
          if (taken >= 2) return false;
          await trx.updateTable('meta').set({ value: String(taken + 1) }).where('key', '=', 'places').execute();
          return true;
        });
      const results = await Promise.all(Array.from({ length: 6 }, take));
      assert.equal(results.filter(Boolean).length, 2);
      const final = await kysely.selectFrom('meta').select('value').where('key', '=', 'places').executeTakeFirstOrThrow();
      assert.equal(final.value, '2');
    });
  });
}

test('counts come back as numbers from both databases', async (t) => {
  const sqlite = await openDatabase(join(tempDir(t), 'db.sqlite'));
  const pg = await openPostgres(await postgres.createDatabase());
  t.after(() => Promise.all([sqlite.close(), pg.close()]));
  for (const { kysely } of [sqlite, pg]) {
    const row = await kysely.selectFrom('meta').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    assert.equal(row.n, 0);
    const average = await sql<{ a: number }>`select avg(x) as a from (select 1 as x union all select 2) as t`.execute(kysely);
    assert.equal(average.rows[0]!.a, 1.5);
  }
});
