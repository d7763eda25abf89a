import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.js';
import { OPEN_STATUSES } from './store.js';

/**
 * A callback as the supervisor's figures see it (server/figures/). Times are ms since the
 * epoch. No phone, no name: the number, the topic and the operators' names only.
 */
export interface CallbackFact {
  ref: string;
  topic: string;
  /** The last operator who wrote its history, or null. */
  operator: string | null;
  createdAt: number;
  /** From when the citizen may be called: the slot's start, or the creation for «as soon as possible». */
  windowStart: number;
  /** When the call is due at the latest. */
  windowEnd: number;
  asap: boolean;
  /** The first history entry by an operator (an outcome: called or no answer). */
  firstReactionAt: number | null;
  calledAt: number | null;
  /** Called or cancelled, whichever came first. */
  closedAt: number | null;
  /** Calls that got no answer (the row's `attempts`: «no answer» outcomes only). */
  noAnswers: number;
}

/**
 * The callbacks that matter to figures of `[fromIso, toIso)`: created before its end and either
 * still open or with history since its start. Kysely, both databases.
 */
export async function callbackFacts(db: Kysely<Database>, fromIso: string, toIso: string): Promise<CallbackFact[]> {
  const rows = await db
    .selectFrom('callbacks as c')
    .innerJoin('callback_history as h', 'h.callback_id', 'c.id')
    .select(['c.id', 'c.number', 'c.topic', 'c.created_at', 'c.window_start', 'c.window_end', 'c.asap', 'c.attempts', 'h.status', 'h.operator', 'h.at'])
    .where('c.created_at', '<', toIso)
    .where((eb) =>
      eb.or([
        eb('c.status', 'in', [...OPEN_STATUSES]),
        eb.exists(eb.selectFrom('callback_history as s').select('s.id').whereRef('s.callback_id', '=', 'c.id').where('s.at', '>=', fromIso)),
      ]),
    )
    .orderBy('c.id')
    .orderBy('h.at')
    .orderBy('h.id')
    .execute();
  const facts: CallbackFact[] = [];
  let current: CallbackFact | undefined;
  let currentId: number | undefined;
  for (const row of rows) {
    if (row.id !== currentId) {
      currentId = row.id;
      current = {
        ref: row.number,
        topic: row.topic,
        operator: null,
        createdAt: Date.parse(row.created_at),
        windowStart: Date.parse(row.window_start),
        windowEnd: Date.parse(row.window_end),
        asap: Number(row.asap) === 1,
        firstReactionAt: null,
        calledAt: null,
        closedAt: null,
        noAnswers: Number(row.attempts),
      };
      facts.push(current);
    }
    const fact = current!;
    const at = Date.parse(row.at);
    if (row.operator !== null) {
      fact.operator = row.operator;
      fact.firstReactionAt ??= at;
    }
    if (row.status === 'called') fact.calledAt ??= at;
    if (row.status === 'called' || row.status === 'cancelled') fact.closedAt ??= at;
  }
  return facts;
}
