// http/shared-limits.ts on both databases, with two connections (pools) standing for two server
// processes: parallel reservations never pass a limit, places are given back, all or none,
// a sliding window, old events swept.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import { openDatabase, openPostgres, type OpenedDatabase } from '../../server/db.js';
import { createSharedLimits, type LimitPlace } from '../../server/http/shared-limits.js';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js';
import { FIXED_NOW, tempDir, testClock } from './support.js';

let postgres: TestPostgres;
before(async () => {
  postgres = await startTestPostgres();
});
after(async () => {
  await postgres.stop();
});

const MINUTE = 60_000;
const lookups = (key: string): LimitPlace => ({ limiter: 'lookupFailuresPerIp', rule: { limit: 5, windowMs: MINUTE }, key });

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe(`on ${dialect}`, () => {
    /**
     * Two connections to one database: two server processes. On SQLite, one connection twice: two
     * connections in one process would deadlock (better-sqlite3 waits for a lock synchronously,
     * blocking the very event loop the holder needs); across processes the IMMEDIATE write lock
     * serializes them (db.test.ts shows it is held from BEGIN).
     */
    const openTwo = async (t: TestContext): Promise<[OpenedDatabase, OpenedDatabase]> => {
      if (dialect === 'sqlite') {
        const database = await openDatabase(join(tempDir(t), 'db.sqlite'));
        t.after(() => database.close());
        return [database, database];
      }
      const url = await postgres.createDatabase();
      const first = await openPostgres(url);
      const second = await openPostgres(url);
      t.after(() => Promise.all([first.close(), second.close()]));
      return [first, second];
    };

    test('20 parallel reservations split across two processes, limit 5: exactly 5 pass; a release gives a place back, once', async (t) => {
      const clock = testClock();
      const [a, b] = await openTwo(t);
      const onA = createSharedLimits(a.kysely, clock.now);
      const onB = createSharedLimits(b.kysely, clock.now);
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? onA : onB).reserve([lookups('203.0.113.7')])));
      const passed = results.filter((r) => r.allowed);
      assert.equal(passed.length, 5);
      for (const refused of results.filter((r) => !r.allowed)) assert.equal(refused.allowed === false && refused.retryAfterSeconds, 60);
      const first = passed[0]!;
      assert.ok(first.allowed);
      await first.release();
      await first.release();
      assert.equal((await onB.reserve([lookups('203.0.113.7')])).allowed, true, 'the given-back place');
      assert.equal((await onA.reserve([lookups('203.0.113.7')])).allowed, false, 'only one was given back');
      assert.equal((await onA.reserve([lookups('198.51.100.1')])).allowed, true, 'another key has its own places');
    });

    test('all or none: one full key refuses the lot and nothing is counted under the others', async (t) => {
      const clock = testClock();
      const [a] = await openTwo(t);
      const limits = createSharedLimits(a.kysely, clock.now);
      const perNumber = (key: string): LimitPlace => ({ limiter: 'lookupFailuresPerNumber', rule: { limit: 1, windowMs: MINUTE }, key });
      assert.equal((await limits.reserve([perNumber('2026-000001')])).allowed, true);
      const refused = await limits.reserve([lookups('203.0.113.7'), perNumber('2026-000001')]);
      assert.equal(refused.allowed, false);
      const count = await a.kysely.selectFrom('rate_limit_events').select('id').where('limiter', '=', 'lookupFailuresPerIp').execute();
      assert.equal(count.length, 0, 'the IP was not counted');
    });

    test('a sliding window: the wait is until the oldest event leaves it; old events are swept', async (t) => {
      const clock = testClock(FIXED_NOW);
      const [a] = await openTwo(t);
      const limits = createSharedLimits(a.kysely, clock.now);
      for (let i = 0; i < 5; i++) {
        assert.equal((await limits.reserve([lookups('ip')])).allowed, true);
        clock.advance(10_000);
      }
      // Events at 0, 10, 20, 30, 40 s; now 50 s: the first leaves the window at 60 s.
      const refused = await limits.reserve([lookups('ip')]);
      assert.deepEqual(refused, { allowed: false, retryAfterSeconds: 10 });
      clock.advance(10_000);
      assert.equal((await limits.reserve([lookups('ip')])).allowed, true, 'at 60 s the first event is out');
      clock.advance(2 * MINUTE);
      await limits.sweep();
      const left = await a.kysely.selectFrom('rate_limit_events').select('id').execute();
      assert.equal(left.length, 0);
    });
  });
}
