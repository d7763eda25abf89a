import type { Kysely } from 'kysely';
import { context, strict } from './portable.js';

/**
 * The chat's one-time operator tickets (chat/tickets.ts) in the database, so that a ticket issued
 * by one server process opens a socket on any other (issue 16): the SHA-256 of the ticket, the
 * operator's name, when it expires (ISO 8601 UTC text). Spent tickets are deleted.
 */
export async function up(kysely: Kysely<any>): Promise<void> {
  const { db, dialect } = context(kysely);
  await strict(
    db.schema
      .createTable('chat_tickets')
      .addColumn('ticket_hash', 'text', (c) => c.primaryKey())
      .addColumn('operator_name', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull()),
    dialect,
  ).execute();
}
