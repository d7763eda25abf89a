import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.js';

/**
 * A chat that reached the operators' queue, as the supervisor's figures see it
 * (server/figures/). Times are ms since the epoch. No name, no contact, no text: the
 * conversation id, its kind and the operators' names only.
 */
export interface ChatFact {
  ref: string;
  /** The conversation's kind (technical, application, status). */
  topic: string;
  /** The operator who had it last. */
  operator: string | null;
  /** When it first entered the queue. */
  queuedAt: number;
  /** When an operator first took it. */
  takenAt: number | null;
  closedAt: number | null;
  /** Passed to another operator, escalated, or returned to the queue at least once. */
  transferred: boolean;
  escalated: boolean;
  returned: boolean;
}

const KINDS = ['operator_joined', 'transferred', 'escalated', 'returned_to_queue'] as const;

/**
 * The chats that matter to figures of `[fromIso, toIso)`: queued before its end and not closed
 * before its start. Assistant-only chats (never queued) are not contacts of the operators' line.
 */
export async function chatFacts(db: Kysely<Database>, fromIso: string, toIso: string): Promise<ChatFact[]> {
  const conversations = await db
    .selectFrom('chat_conversations')
    .select(['id', 'kind', 'operator', 'queued_at', 'taken_at', 'closed_at', 'escalated'])
    .where('queued_at', 'is not', null)
    .where('queued_at', '<', toIso)
    .where((eb) => eb.or([eb('closed_at', 'is', null), eb('closed_at', '>=', fromIso)]))
    .orderBy('id')
    .execute();
  const events = await db
    .selectFrom('chat_messages as m')
    .innerJoin('chat_conversations as c', 'c.id', 'm.conversation_id')
    .select(['m.conversation_id', 'm.system_kind', 'm.created_at'])
    .where('m.author', '=', 'system')
    .where('m.system_kind', 'in', [...KINDS])
    .where('c.queued_at', 'is not', null)
    .where('c.queued_at', '<', toIso)
    .where((eb) => eb.or([eb('c.closed_at', 'is', null), eb('c.closed_at', '>=', fromIso)]))
    .orderBy('m.conversation_id')
    .orderBy('m.seq')
    .execute();
  const byId = new Map<string, ChatFact>();
  const facts = conversations.map((row) => {
    const fact: ChatFact = {
      ref: row.id,
      topic: row.kind,
      operator: row.operator,
      queuedAt: Date.parse(row.queued_at!),
      takenAt: null,
      closedAt: row.closed_at === null ? null : Date.parse(row.closed_at),
      transferred: false,
      escalated: Number(row.escalated) === 1,
      returned: false,
    };
    // Taken once and never handed on: the row's own time (no event needed).
    if (row.taken_at !== null) fact.takenAt = Date.parse(row.taken_at);
    byId.set(row.id, fact);
    return fact;
  });
  const joined = new Set<string>();
  for (const event of events) {
    const fact = byId.get(event.conversation_id);
    if (!fact) continue;
    const at = Date.parse(event.created_at);
    if (event.system_kind === 'operator_joined' && !joined.has(fact.ref)) {
      joined.add(fact.ref);
      fact.takenAt = at;
    } else if (event.system_kind === 'transferred') fact.transferred = true;
    else if (event.system_kind === 'escalated') fact.escalated = true;
    else if (event.system_kind === 'returned_to_queue') fact.returned = true;
  }
  return facts;
}
