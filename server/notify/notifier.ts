import type { Kysely, Selectable } from 'kysely';
import type { Database, NotificationOutboxTable } from '../database/schema.js';

/** One message to a citizen: an e-mail, or an SMS (no subject). */
export interface OutgoingMessage {
  channel: 'email' | 'sms';
  /** An e-mail address, or a phone number as +7XXXXXXXXXX. */
  recipient: string;
  subject?: string;
  body: string;
}

/**
 * Where the backend hands the messages it wants sent. `enqueue` is called inside the database
 * transaction that registers the request (or closes the chat), with that transaction, and must
 * not send anything itself: if it throws, the request is not registered; if the transaction
 * fails after it, the message must not go out. The default (`createOutboxNotifier`) writes to the
 * `notification_outbox` table in that same transaction; a sender picks the rows up afterwards.
 */
export interface Notifier {
  enqueue(trx: Kysely<Database>, message: OutgoingMessage): Promise<void>;
}

/** A message waiting in the outbox. */
export type OutboxRow = Selectable<NotificationOutboxTable>;

/** The default Notifier: one `notification_outbox` row per message, in the caller's transaction. */
export function createOutboxNotifier(now: () => number = Date.now): Notifier {
  return {
    async enqueue(trx, message) {
      await trx
        .insertInto('notification_outbox')
        .values({
          channel: message.channel,
          recipient: message.recipient,
          subject: message.subject ?? null,
          body: message.body,
          created_at: new Date(now()).toISOString(),
        })
        .execute();
    },
  };
}

/** The oldest unsent messages, for a sender to deliver. */
export function pendingNotifications(db: Kysely<Database>, limit = 100): Promise<OutboxRow[]> {
  return db.selectFrom('notification_outbox').selectAll().where('sent_at', 'is', null).orderBy('id').limit(limit).execute();
}

/** Records that message `id` was delivered; false when it was already marked (another sender). */
export async function markNotificationSent(db: Kysely<Database>, id: number, at: Date = new Date()): Promise<boolean> {
  const result = await db
    .updateTable('notification_outbox')
    .set({ sent_at: at.toISOString() })
    .where('id', '=', id)
    .where('sent_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
