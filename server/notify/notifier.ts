import type { Db } from '../db.js';

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
 * transaction that registers the request, so it must be quick and synchronous and must not send
 * anything itself: if it throws, the request is not registered; if the transaction fails after
 * it, the message must not go out. The default (`createOutboxNotifier`) writes to the
 * `notification_outbox` table in that same transaction; a sender picks the rows up afterwards.
 */
export interface Notifier {
  enqueue(message: OutgoingMessage): void;
}

/** A message waiting in the outbox. */
export interface OutboxRow {
  id: number;
  channel: 'email' | 'sms';
  recipient: string;
  subject: string | null;
  body: string;
  created_at: string;
  sent_at: string | null;
}

/** The default Notifier: one `notification_outbox` row per message, in the caller's transaction. */
export function createOutboxNotifier(db: Db, now: () => number = Date.now): Notifier {
  const insert = db.prepare(
    'INSERT INTO notification_outbox (channel, recipient, subject, body, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  return {
    enqueue(message) {
      insert.run(message.channel, message.recipient, message.subject ?? null, message.body, new Date(now()).toISOString());
    },
  };
}

/** The oldest unsent messages, for a sender to deliver. */
export function pendingNotifications(db: Db, limit = 100): OutboxRow[] {
  return db
    .prepare('SELECT * FROM notification_outbox WHERE sent_at IS NULL ORDER BY id LIMIT ?')
    .all(limit) as OutboxRow[];
}

/** Records that message `id` was delivered; false when it was already marked (another sender). */
export function markNotificationSent(db: Db, id: number, at: Date = new Date()): boolean {
  return db.prepare('UPDATE notification_outbox SET sent_at = ? WHERE id = ? AND sent_at IS NULL').run(at.toISOString(), id).changes === 1;
}
