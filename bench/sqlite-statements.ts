/**
 * Kept statements on SQLite (server/database/kysely.ts `withKeptStatements`): Kysely's SqliteDriver
 * prepares every query anew; the backend keeps one prepared statement per SQL text. Side by side
 * in one process, on one fresh database of the backend (its migrations, its pragmas: WAL,
 * synchronous = FULL): the same queries through Kysely over the bare connection and over the kept
 * statements, alternating, 7 rounds; medians of queries per second and their ratio.
 *
 *   npx tsx bench/sqlite-statements.ts      (BENCH_QUERIES=20000: queries per round and query)
 *
 * The queries: the database's revision (read by every office search and slot answer), an office's
 * bookings of a day (the slots' read), and a chat-like write (one transaction: the conversation's
 * next seq and a message row), the three paths the profiles of bench/server.ts showed preparing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely } from 'kysely';
import { databaseRevision } from '../server/database/revision.js';
import type { Database } from '../server/database/schema.js';
import { openDatabase } from '../server/db.js';
import { median } from './server-processes.js';

const QUERIES = Math.max(100, Number(process.env.BENCH_QUERIES) || 20_000);
const ROUNDS = 7;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'gs-bench-statements-'));
  const database = await openDatabase(join(dir, 'db.sqlite'));
  try {
    const kept = database.kysely;
    // The same connection under Kysely's own SqliteDialect, preparing every query: what the backend did before.
    const { SqliteDialect } = await import('kysely');
    const bare = new Kysely<Database>({ dialect: new SqliteDialect({ database: database.sqlite }) });
    await kept
      .insertInto('chat_conversations')
      .values({ id: 'bench', token_hash: 'x', kind: 'technical', summary: 's', question: 'q', name: null, contact: null, locale: 'ru', status: 'active', operator: 'op', queued_at: null, taken_at: null, closed_at: null, closed_by: null, created_at: new Date().toISOString(), verified_subject: null, verified_name: null, start_id: null })
      .execute();

    const targets: { name: string; run(db: Kysely<Database>, i: number): Promise<unknown> }[] = [
      { name: 'revision (select total_changes(), data_version)', run: (db) => databaseRevision(db)() },
      {
        name: "an office's bookings of a day (select … where office and time)",
        run: (db) =>
          db.selectFrom('bookings').select(['slot_start', 'service']).where('office_id', '=', 'msk-tverskoy').where('slot_start', '>=', '2026-12-03T00:00:00Z').where('slot_start', '<', '2026-12-04T00:00:00Z').where('status', '!=', 'cancelled').execute(),
      },
      {
        name: 'chat-like write (transaction: next seq, insert a message)',
        run: (db, i) =>
          db.transaction().execute(async (trx) => {
            const { last_seq } = await trx.updateTable('chat_conversations').set((eb) => ({ last_seq: eb('last_seq', '+', 1) })).where('id', '=', 'bench').returning('last_seq').executeTakeFirstOrThrow();
            await trx.insertInto('chat_messages').values({ conversation_id: 'bench', seq: last_seq, client_id: `c${i}-${last_seq}`, author: 'citizen', operator_name: null, text: 'Сообщение', article_id: null, article_title: null, suggestions: null, system_kind: null, created_at: new Date().toISOString() }).execute();
          }),
      },
    ];
    const rate = async (db: Kysely<Database>, target: (typeof targets)[number], count: number) => {
      const t0 = performance.now();
      for (let i = 0; i < count; i++) await target.run(db, i);
      return count / ((performance.now() - t0) / 1000);
    };
    console.log(`Kept statements on SQLite — ${new Date().toISOString().slice(0, 10)}, ${ROUNDS} rounds × ${QUERIES} queries per target and variant, alternating`);
    console.log('| query | prepared each time: queries/s | kept: queries/s | kept ÷ prepared |');
    console.log('| --- | ---: | ---: | ---: |');
    for (const target of targets) {
      const writes = target.name.startsWith('chat') ? Math.ceil(QUERIES / 10) : QUERIES;
      await rate(bare, target, writes / 10);
      await rate(kept, target, writes / 10);
      const a: number[] = [];
      const b: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        // The order turns each round, so that neither variant always goes first.
        if (round % 2 === 0) {
          a.push(await rate(bare, target, writes));
          b.push(await rate(kept, target, writes));
        } else {
          b.push(await rate(kept, target, writes));
          a.push(await rate(bare, target, writes));
        }
      }
      console.log(`| ${target.name} | ${Math.round(median(a))} | ${Math.round(median(b))} | ${(median(b) / median(a)).toFixed(2)} |`);
    }
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
