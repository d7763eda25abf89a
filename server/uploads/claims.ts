import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.js';

/** What may hold an upload: a request, or a chat message (one of them, once). */
export type UploadHolder = 'request' | 'chat';

/**
 * The indexes of `ids` that cannot be claimed: unknown, held already, or listed before. A check
 * before the claiming transaction (its answer may be stale by then) and, after a refused claim,
 * the per-file issues.
 */
export async function unclaimableUploads(db: Kysely<Database>, ids: readonly string[]): Promise<number[]> {
  const rows = ids.length === 0 ? [] : await db.selectFrom('attachments').select(['id', 'held_by']).where('id', 'in', [...ids]).execute();
  const free = new Set(rows.filter((row) => row.held_by === null).map((row) => row.id));
  const bad: number[] = [];
  const seen = new Set<string>();
  ids.forEach((id, index) => {
    if (!free.has(id) || seen.has(id)) bad.push(index);
    seen.add(id);
  });
  return bad;
}

/**
 * Inside the caller's transaction: each of `ids` taken for `holder` by one conditional UPDATE
 * (`held_by IS NULL`, 1 row = claimed). Returns the indexes of those not claimed (unknown, held
 * by anything already, or listed twice); the caller rolls back when there are any, which frees
 * the others again. Of two transactions claiming one upload at once one gets it: on SQLite they
 * run one after the other (the write lock), on PostgreSQL the second UPDATE waits for the
 * first's row lock and then finds `held_by` set. The rows are taken in id order, so that two
 * claims of the same files in other orders cannot deadlock on PostgreSQL.
 */
export async function claimUploads(trx: Kysely<Database>, ids: readonly string[], holder: UploadHolder): Promise<number[]> {
  const claimed = new Set<string>();
  for (const id of [...new Set(ids)].sort()) {
    const result = await trx.updateTable('attachments').set({ held_by: holder }).where('id', '=', id).where('held_by', 'is', null).executeTakeFirst();
    if (result.numUpdatedRows === 1n) claimed.add(id);
  }
  const bad: number[] = [];
  ids.forEach((id, index) => {
    // The first listing of a claimed id is the claim; a second one is refused.
    if (claimed.has(id)) claimed.delete(id);
    else bad.push(index);
  });
  return bad;
}
