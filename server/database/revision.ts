import { sql, type Kysely } from 'kysely';
import { dialectOf } from './kysely.js';

/**
 * The database's revision, for answers kept while the data they were worked out from stays the
 * same (scheduling/minute-memo.ts): a number that changes whenever the database may have changed
 * since the last call, by a write of this process or a commit of another (another server on the
 * same database). One cheap query, read from the database itself, so that another process's
 * booking is seen at once. It may change without a change of the rows a feature reads (it
 * watches the whole database), never the other way round.
 *
 * SQLite: `total_changes()` (rows written by this connection since it opened) and `data_version`
 * (changes whenever another connection has committed since this one last looked).
 * PostgreSQL (13 or later): the current snapshot (`xmin:xmax:xids in progress`): two equal
 * snapshots see the same committed transactions, and every commit of a transaction that wrote
 * changes it (also in another database of the cluster: more often than needed, never less).
 *
 * Each call returns a Promise; the number is this process's own count of the changes seen.
 */
export function databaseRevision(db: Kysely<any>): () => Promise<number> {
  const query =
    dialectOf(db) === 'sqlite'
      ? sql<{ seen: string }>`select total_changes() || ':' || data_version as seen from pragma_data_version()`
      : sql<{ seen: string }>`select pg_current_snapshot()::text as seen`;
  let last: { seen: string; revision: number } = { seen: '', revision: 0 };
  return async () => {
    const { rows } = await query.execute(db);
    const seen = rows[0]!.seen;
    if (seen !== last.seen) last = { seen, revision: last.revision + 1 };
    return last.revision;
  };
}
