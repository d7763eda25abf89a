import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.js';

/**
 * An office visit (a booking) as the supervisor's figures see it (server/figures/). Times are
 * ms since the epoch. No name, phone or e-mail: the number, the service and the office only.
 */
export interface VisitFact {
  ref: string;
  /** The service's code. */
  topic: string;
  officeId: string;
  createdAt: number;
  slotStart: number;
  slotEnd: number;
  status: 'booked' | 'cancelled' | 'visited' | 'no_show';
}

/** The bookings whose slot ends within `[fromIso, toIso)`. Kysely, both databases. */
export async function visitFacts(db: Kysely<Database>, fromIso: string, toIso: string): Promise<VisitFact[]> {
  const rows = await db
    .selectFrom('bookings')
    .select(['number', 'service', 'office_id', 'created_at', 'slot_start', 'slot_end', 'status'])
    .where('slot_end', '>=', fromIso)
    .where('slot_end', '<', toIso)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    ref: row.number,
    topic: row.service,
    officeId: row.office_id,
    createdAt: Date.parse(row.created_at),
    slotStart: Date.parse(row.slot_start),
    slotEnd: Date.parse(row.slot_end),
    status: row.status,
  }));
}
