import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.js';

/** The requests the overdue share counts, and how many of them are overdue. */
export interface OverdueCounts {
  /** Requests in a status that is not final. */
  open: number;
  /** …of them past their answer due date at `nowIso`. */
  openOverdue: number;
  /** Requests in a final status set in [sinceIso, nowIso] (the citizen-visible entry of that status). */
  finished: number;
  /** …of them finished after their answer due date. */
  finishedOverdue: number;
}

/**
 * The overdue share's counts for the supervisor's alerts (server/alerts/, through status/index.ts):
 * the figures' definition of overdue (docs/backend.md «Figures»: open past the due date, or
 * finished after it), over the open requests and those finished since `sinceIso`. A request is
 * finished when its current, final status was last set (as for its survey: status/finished.ts).
 */
export async function overdueCounts(db: Kysely<Database>, finalStatuses: readonly string[], sinceIso: string, nowIso: string): Promise<OverdueCounts> {
  const finals = [...finalStatuses];
  let open = db.selectFrom('requests').select((eb) => eb.fn.countAll<number | string>().as('n'));
  if (finals.length > 0) open = open.where('status', 'not in', finals);
  const openAll = await open.executeTakeFirst();
  const openLate = await open.where('answer_due_at', '<', nowIso).executeTakeFirst();
  let finished = 0;
  let finishedOverdue = 0;
  if (finals.length > 0) {
    const rows = await db
      .selectFrom('requests as r')
      .innerJoin('request_status_history as h', (join) =>
        join.onRef('h.request_id', '=', 'r.id').onRef('h.status', '=', 'r.status').on('h.visible_to_citizen', '=', 1),
      )
      .select((eb) => ['r.answer_due_at', eb.fn.max('h.at').as('finished_at')])
      .where('r.status', 'in', finals)
      // Only the entries of the window: their latest is the request's latest when that is in it.
      .where('h.at', '>=', sinceIso)
      .groupBy(['r.id', 'r.answer_due_at'])
      .having((eb) => eb.fn.max('h.at'), '>=', sinceIso)
      .having((eb) => eb.fn.max('h.at'), '<=', nowIso)
      .execute();
    finished = rows.length;
    finishedOverdue = rows.filter((row) => row.finished_at > row.answer_due_at).length;
  }
  return { open: Number(openAll?.n ?? 0), openOverdue: Number(openLate?.n ?? 0), finished, finishedOverdue };
}
