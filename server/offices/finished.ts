import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.js';
import type { FinishedContact, FinishedContactFilter } from '../surveys/index.js';
import type { BookingRow } from './store.js';

/** The longest a visit slot may last: bounds the search by slot start (indexed) for ends in a period. */
const LONGEST_SLOT_MS = 24 * 60 * 60 * 1000;

/** A visit whose time has passed, as the surveys know it: its number, service, the e-mail if given, else an SMS. */
export function visitContact(row: Pick<BookingRow, 'number' | 'service' | 'slot_end' | 'email' | 'phone'>): FinishedContact {
  return {
    channel: 'visit',
    ref: row.number,
    topic: row.service,
    operator: null,
    finishedAt: row.slot_end,
    notify: row.email ? { channel: 'email', recipient: row.email } : { channel: 'sms', recipient: row.phone },
  };
}

/**
 * Visits that took place, as far as the server knows: booked or marked visited (not cancelled,
 * not a no-show) with the slot's end passed — those that ended in (from, to], or the one numbered
 * `ref` if it ended by `to`.
 */
export async function finishedContacts(db: Kysely<Database>, filter: FinishedContactFilter): Promise<FinishedContact[]> {
  let query = db
    .selectFrom('bookings')
    .select(['number', 'service', 'slot_end', 'email', 'phone'])
    .where('status', 'in', ['booked', 'visited'])
    .where('slot_end', '<=', filter.to);
  query =
    'ref' in filter
      ? query.where('number', '=', filter.ref)
      : query.where('slot_end', '>', filter.from).where('slot_start', '>', new Date(Date.parse(filter.from) - LONGEST_SLOT_MS).toISOString());
  return (await query.execute()).map(visitContact);
}
