import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.js';

/**
 * A request as the supervisor's figures see it (server/figures/): its history folded into the
 * moments that count. Times are ms since the epoch. No personal data: the number, the type and
 * the operators' names only.
 */
export interface RequestFact {
  ref: string;
  /** The request type. */
  topic: string;
  /** The last operator who wrote its history (a status or a note), or null. */
  operator: string | null;
  createdAt: number;
  /** The first history entry by an operator (a status change or a note). */
  firstReactionAt: number | null;
  /** The first time it reached a final status. */
  resolvedAt: number | null;
  /** That first final status (`completed`, `rejected`, …). */
  firstFinalStatus: string | null;
  /** The first non-final status after a final one (a reopen). */
  reopenedAt: number | null;
  /**
   * Every time it became final (from a non-final status) and every reopening (a non-final status
   * after a final one), ascending: they alternate, `finals[0] < reopenings[0] < finals[1] < …`.
   * Whether it was resolved at a moment, and since when, follows (server/figures/compute.ts).
   */
  finals: number[];
  reopenings: number[];
  /** The first `awaiting_confirmation` entry. */
  awaitingAt: number | null;
  dueAt: number;
}

/**
 * The requests that matter to figures of `[fromIso, toIso)`: created before its end and either
 * still open or with history since its start (which a request created in it has). Kysely, both
 * databases; `finalStatuses` are the vocabulary's final codes.
 */
export async function requestFacts(db: Kysely<Database>, fromIso: string, toIso: string, finalStatuses: readonly string[]): Promise<RequestFact[]> {
  const finals = new Set(finalStatuses);
  const rows = await db
    .selectFrom('requests as r')
    .innerJoin('request_status_history as h', 'h.request_id', 'r.id')
    .select(['r.id as request_id', 'r.number', 'r.type', 'r.created_at', 'r.answer_due_at', 'h.status', 'h.operator', 'h.at', 'h.visible_to_citizen'])
    .where('r.created_at', '<', toIso)
    .where((eb) =>
      eb.or([
        ...(finalStatuses.length ? [eb('r.status', 'not in', [...finalStatuses])] : []),
        eb.exists(eb.selectFrom('request_status_history as s').select('s.id').whereRef('s.request_id', '=', 'r.id').where('s.at', '>=', fromIso)),
      ]),
    )
    .orderBy('r.id')
    .orderBy('h.at')
    .orderBy('h.id')
    .execute();
  const facts: RequestFact[] = [];
  let current: RequestFact | undefined;
  let currentId: number | undefined;
  let wasFinal = false;
  for (const row of rows) {
    if (row.request_id !== currentId) {
      currentId = row.request_id;
      wasFinal = false;
      current = {
        ref: row.number,
        topic: row.type,
        operator: null,
        createdAt: Date.parse(row.created_at),
        firstReactionAt: null,
        resolvedAt: null,
        firstFinalStatus: null,
        reopenedAt: null,
        finals: [],
        reopenings: [],
        awaitingAt: null,
        dueAt: Date.parse(row.answer_due_at),
      };
      facts.push(current);
    }
    const fact = current!;
    const at = Date.parse(row.at);
    if (row.operator !== null) {
      fact.operator = row.operator;
      fact.firstReactionAt ??= at;
    }
    // Statuses are the citizen-visible entries; an internal note only repeats the status it was written under.
    if (row.visible_to_citizen !== 1) continue;
    if (row.status === 'awaiting_confirmation') fact.awaitingAt ??= at;
    if (finals.has(row.status)) {
      if (fact.resolvedAt === null) {
        fact.resolvedAt = at;
        fact.firstFinalStatus = row.status;
      }
      if (!wasFinal) fact.finals.push(at);
      wasFinal = true;
    } else if (wasFinal) {
      fact.reopenedAt ??= at;
      fact.reopenings.push(at);
      wasFinal = false;
    }
  }
  return facts;
}
