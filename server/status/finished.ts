import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.js';
import type { FinishedContact, FinishedContactFilter } from '../surveys/index.js';
import type { RequestRow } from './store.js';

/**
 * A request in a final status as the surveys know it: its number, type, the operator who set the
 * status, and the channel the citizen chose for the answer (e-mail → its address, SMS → its
 * phone; a phone call → no message).
 */
export function requestContact(
  row: Pick<RequestRow, 'number' | 'type' | 'answer_channel' | 'email' | 'phone'>,
  finishedAt: string,
  operator: string | null,
): FinishedContact {
  const notify =
    row.answer_channel === 'email' && row.email
      ? { channel: 'email' as const, recipient: row.email }
      : row.answer_channel === 'sms'
        ? { channel: 'sms' as const, recipient: row.phone }
        : undefined;
  return { channel: 'request', ref: row.number, topic: row.type, operator, finishedAt, ...(notify ? { notify } : {}) };
}

/**
 * Requests whose current status is final (`finalStatuses`, the vocabulary's), each finished when
 * its current status was last set (the citizen-visible history), by the operator who set it: those
 * finished in (from, to], or the one numbered `ref` if finished by `to`.
 */
export async function finishedContacts(db: Kysely<Database>, finalStatuses: readonly string[], filter: FinishedContactFilter): Promise<FinishedContact[]> {
  if (finalStatuses.length === 0) return [];
  let query = db
    .selectFrom('requests as r')
    .innerJoin('request_status_history as h', (join) =>
      join.onRef('h.request_id', '=', 'r.id').onRef('h.status', '=', 'r.status').on('h.visible_to_citizen', '=', 1),
    )
    .select(['r.id', 'r.number', 'r.type', 'r.answer_channel', 'r.email', 'r.phone', 'h.at', 'h.operator'])
    .where('r.status', 'in', [...finalStatuses])
    .where('h.at', '<=', filter.to);
  query = 'ref' in filter ? query.where('r.number', '=', filter.ref) : query.where('h.at', '>', filter.from);
  // The latest entry of the current status per request.
  const latest = new Map<number, Awaited<ReturnType<typeof query.execute>>[number]>();
  for (const row of await query.orderBy('h.at').orderBy('h.id').execute()) latest.set(row.id, row);
  return [...latest.values()].map((row) => requestContact(row, row.at, row.operator));
}
