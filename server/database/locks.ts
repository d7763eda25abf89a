import { sql, type Kysely } from 'kysely';
import { dialectOf } from './kysely.js';

/**
 * Serializes the transactions that work on one thing (a slot, a conversation, a per-year
 * numbering) across every connection and process, until the transaction ends.
 *
 * SQLite: every write transaction begins IMMEDIATE (database/kysely.ts) and so already holds the
 * whole database's write lock: nothing to do. PostgreSQL: a transaction-scoped advisory lock on a
 * 64-bit hash of `key` (`pg_advisory_xact_lock`), so that counting the places of a slot and
 * taking one is one step for every process, while other slots go on in parallel. A wait longer
 * than `lock_timeout` fails with 55P03 (database/errors.ts: busy, 503).
 */
export async function lockKey(trx: Kysely<any>, key: string): Promise<void> {
  if (dialectOf(trx) === 'sqlite') return;
  await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
}
