import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.js';

/**
 * Since when the conversation that has waited longest in the chat queue has been waiting (its
 * `queued_at`, kept through a return to the queue: the wait the console's queue shows), or null
 * when nobody waits. The supervisor's alerts (server/alerts/) read it through chat/index.ts.
 */
export async function oldestWaitingSince(db: Kysely<Database>): Promise<string | null> {
  const row = await db
    .selectFrom('chat_conversations')
    .select((eb) => eb.fn.min('queued_at').as('since'))
    .where('status', '=', 'waiting')
    .where('queued_at', 'is not', null)
    .executeTakeFirst();
  return row?.since ?? null;
}
