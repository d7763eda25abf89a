import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.js';
import type { FinishedContact, FinishedContactFilter } from '../surveys/index.js';
import type { CallbackRow } from './store.js';

/** A callback marked called, as the surveys know it: its number, topic, the operator, an SMS to its phone. */
export function callbackContact(row: Pick<CallbackRow, 'number' | 'topic' | 'phone'>, finishedAt: string, operator: string | null): FinishedContact {
  return { channel: 'callback', ref: row.number, topic: row.topic, operator, finishedAt, notify: { channel: 'sms', recipient: row.phone } };
}

/** Callbacks marked called (when, by whom: their history): in (from, to], or the one numbered `ref` if called by `to`. */
export async function finishedContacts(db: Kysely<Database>, filter: FinishedContactFilter): Promise<FinishedContact[]> {
  let query = db
    .selectFrom('callbacks as c')
    .innerJoin('callback_history as h', (join) => join.onRef('h.callback_id', '=', 'c.id').on('h.status', '=', 'called'))
    .select(['c.number', 'c.topic', 'c.phone', 'h.at', 'h.operator'])
    .where('c.status', '=', 'called')
    .where('h.at', '<=', filter.to);
  query = 'ref' in filter ? query.where('c.number', '=', filter.ref) : query.where('h.at', '>', filter.from);
  return (await query.execute()).map((row) => callbackContact(row, row.at, row.operator));
}
