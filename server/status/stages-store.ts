import type { Kysely } from 'kysely';
import { lockKey } from '../database/locks.js';
import type { Database } from '../database/schema.js';
import type { RequestAnalysis, RequestReopening, RequestReview, ReviewOutcome } from '#protocol/review.js';
import { COLUMNS } from './request-columns.js';
import type { RequestRow } from './store.js';

/**
 * Quality control of a request (docs/backend.md «Контроль качества»): the expert review of each
 * resolution round, the supervisor's analysis of it, the reopenings with their reasons.
 *
 * A **round** runs from (re)opening to a final status: round 0 until the first reopening, then 1,
 * … A reopening is a citizen-visible history entry of a non-final status after a final one —
 * through `…/reopen` (with a reason, table request_reopenings) or a plain status change. Every
 * write here takes the request's lock (`requests:status:<id>`, the one status changes take), so a
 * review, an analysis, a reopening and a status change of one request happen one after another.
 */

/** A reopening as the store reads it. */
export type Reopening = RequestReopening;

export interface RoundRecord {
  round: number;
  review: RequestReview;
  analysis: RequestAnalysis | null;
}

export interface StageFacts {
  /** The current round (the number of reopenings). */
  round: number;
  reopenings: Reopening[];
  /** Every round's review, oldest first. */
  rounds: RoundRecord[];
}

export type ReviewOutcomeOf =
  | { kind: 'reviewed'; row: RequestRow }
  | { kind: 'not_found' }
  /** The request is not in a final status: there is no answer to review. */
  | { kind: 'not_final' }
  /** This round has its review already. */
  | { kind: 'already' };

export type AnalysisOutcome =
  | { kind: 'analysed'; row: RequestRow }
  | { kind: 'not_found' }
  /** This round has no review yet. */
  | { kind: 'no_review' }
  | { kind: 'already' };

export type ReopenOutcome = { kind: 'reopened'; row: RequestRow } | { kind: 'not_found' } | { kind: 'not_final'; status: string };

export interface StageStore {
  facts(requestId: number, isFinal: (code: string) => boolean): Promise<StageFacts>;
  review(number: string, isFinal: (code: string) => boolean, review: { outcome: ReviewOutcome; note: string | null; operator: string; at: string }): Promise<ReviewOutcomeOf>;
  analyse(number: string, isFinal: (code: string) => boolean, analysis: { remark: string; operator: string; at: string }): Promise<AnalysisOutcome>;
  /** Back to `status` (non-final) from a final status, with the reason; the history entry is the citizen's to see, the reason is not. */
  reopen(number: string, isFinal: (code: string) => boolean, reopen: { status: string; title: string; reason: string; operator: string; at: string }): Promise<ReopenOutcome>;
}

type Executor = Kysely<Database>;

/** The citizen-visible history's reopenings (final → non-final), oldest first, with their reasons. */
async function reopeningsOf(executor: Executor, requestId: number, isFinal: (code: string) => boolean): Promise<Reopening[]> {
  const entries = await executor
    .selectFrom('request_status_history as h')
    .leftJoin('request_reopenings as o', 'o.history_id', 'h.id')
    .select(['h.status', 'h.operator', 'h.at', 'o.reason'])
    .where('h.request_id', '=', requestId)
    .where('h.visible_to_citizen', '=', 1)
    .orderBy('h.at')
    .orderBy('h.id')
    .execute();
  const reopenings: Reopening[] = [];
  let wasFinal = false;
  for (const entry of entries) {
    const final = isFinal(entry.status);
    if (wasFinal && !final) {
      reopenings.push({ at: entry.at, status: entry.status, ...(entry.operator ? { operator: entry.operator } : {}), ...(entry.reason ? { reason: entry.reason } : {}) });
    }
    wasFinal = final;
  }
  return reopenings;
}

/** The request, locked for the rest of the transaction. */
async function lockedRequest(trx: Executor, number: string): Promise<RequestRow | undefined> {
  const found = await trx.selectFrom('requests').select('id').where('number', '=', number).executeTakeFirst();
  if (!found) return undefined;
  await lockKey(trx, `requests:status:${found.id}`);
  return (await trx.selectFrom('requests').select(COLUMNS).where('id', '=', found.id).executeTakeFirst()) as RequestRow | undefined;
}

export function createStageStore(db: Kysely<Database>): StageStore {
  return {
    async facts(requestId, isFinal) {
      const reopenings = await reopeningsOf(db, requestId, isFinal);
      const rows = await db.selectFrom('request_reviews').selectAll().where('request_id', '=', requestId).orderBy('round').execute();
      return {
        round: reopenings.length,
        reopenings,
        rounds: rows.map((row) => ({
          round: row.round,
          review: { outcome: row.outcome, ...(row.note ? { note: row.note } : {}), operator: row.reviewer, at: row.reviewed_at },
          analysis: row.analysis !== null ? { remark: row.analysis, operator: row.analyst!, at: row.analysed_at! } : null,
        })),
      };
    },

    review: (number, isFinal, review) =>
      db.transaction().execute(async (trx): Promise<ReviewOutcomeOf> => {
        const row = await lockedRequest(trx, number);
        if (!row) return { kind: 'not_found' };
        if (!isFinal(row.status)) return { kind: 'not_final' };
        const round = (await reopeningsOf(trx, row.id, isFinal)).length;
        // The unique (request, round) decides between two reviews at once, whatever the lock.
        const inserted = await trx
          .insertInto('request_reviews')
          .values({ request_id: row.id, round, outcome: review.outcome, note: review.note, reviewer: review.operator, reviewed_at: review.at })
          .onConflict((oc) => oc.columns(['request_id', 'round']).doNothing())
          .returning('id')
          .executeTakeFirst();
        return inserted ? { kind: 'reviewed', row } : { kind: 'already' };
      }),

    analyse: (number, isFinal, analysis) =>
      db.transaction().execute(async (trx): Promise<AnalysisOutcome> => {
        const row = await lockedRequest(trx, number);
        if (!row) return { kind: 'not_found' };
        const round = (await reopeningsOf(trx, row.id, isFinal)).length;
        // Written once: only into a review without an analysis.
        const result = await trx
          .updateTable('request_reviews')
          .set({ analysis: analysis.remark, analyst: analysis.operator, analysed_at: analysis.at })
          .where('request_id', '=', row.id)
          .where('round', '=', round)
          .where('analysis', 'is', null)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 1) return { kind: 'analysed', row };
        const review = await trx.selectFrom('request_reviews').select('id').where('request_id', '=', row.id).where('round', '=', round).executeTakeFirst();
        return review ? { kind: 'already' } : { kind: 'no_review' };
      }),

    reopen: (number, isFinal, reopen) =>
      db.transaction().execute(async (trx): Promise<ReopenOutcome> => {
        const row = await lockedRequest(trx, number);
        if (!row) return { kind: 'not_found' };
        if (!isFinal(row.status)) return { kind: 'not_final', status: row.status };
        const entry = await trx
          .insertInto('request_status_history')
          .values({ request_id: row.id, status: reopen.status, title: reopen.title, comment: null, visible_to_citizen: 1, operator: reopen.operator, at: reopen.at })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('request_reopenings')
          .values({ request_id: row.id, history_id: Number(entry.id), reason: reopen.reason, operator: reopen.operator, at: reopen.at })
          .execute();
        await trx.updateTable('requests').set({ status: reopen.status }).where('id', '=', row.id).execute();
        return { kind: 'reopened', row: { ...row, status: reopen.status } };
      }),
  };
}
