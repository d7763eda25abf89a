import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.js';
import type { FinishedContact, FinishedContactFilter } from '../surveys/index.js';
import type { ConversationRow } from './store.js';

/** The opening's contact is an e-mail (the forms' rule) when it looks like one. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/** A closed conversation as the surveys know it: its id, kind, the operator it last had, its contact if an e-mail. */
export function chatContact(row: Pick<ConversationRow, 'id' | 'kind' | 'operator' | 'closed_at' | 'contact'>): FinishedContact {
  const email = row.contact?.trim();
  return {
    channel: 'chat',
    ref: row.id,
    topic: row.kind,
    operator: row.operator,
    finishedAt: row.closed_at!,
    ...(email && email.length <= 254 && EMAIL.test(email) ? { notify: { channel: 'email' as const, recipient: email } } : {}),
  };
}

/** Conversations closed in (from, to], or the one of id `ref` if closed by `to`. */
export async function finishedContacts(db: Kysely<Database>, filter: FinishedContactFilter): Promise<FinishedContact[]> {
  let query = db
    .selectFrom('chat_conversations')
    .select(['id', 'kind', 'operator', 'closed_at', 'contact'])
    .where('status', '=', 'closed')
    .where('closed_at', 'is not', null)
    .where('closed_at', '<=', filter.to);
  query = 'ref' in filter ? query.where('id', '=', filter.ref) : query.where('closed_at', '>', filter.from);
  return (await query.execute()).map(chatContact);
}
