import type { Kysely } from 'kysely';
import { context, oneOf, strict } from './portable.js';

/**
 * The chat operators' presence in the database, so that every server process sharing it counts
 * the same operators and may transfer a conversation to an operator connected elsewhere (issue
 * 16, chat/presence.ts): one row per connected operator socket, the operator's name, their status,
 * the server process that holds the socket (a random id per process start) and when that process
 * last confirmed the row (`seen_at`, ms since the epoch by the process's wall clock). Rows a
 * process left behind when it died stop counting once old and are swept.
 */
export async function up(kysely: Kysely<any>): Promise<void> {
  const { db, dialect } = context(kysely);
  await strict(
    db.schema
      .createTable('chat_operator_presence')
      .addColumn('socket_id', 'text', (c) => c.primaryKey())
      .addColumn('operator_name', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', ['available', 'away'])))
      .addColumn('process_id', 'text', (c) => c.notNull())
      .addColumn('seen_at', dialect === 'sqlite' ? 'integer' : 'bigint', (c) => c.notNull()),
    dialect,
  ).execute();
  await db.schema.createIndex('chat_operator_presence_by_operator').on('chat_operator_presence').column('operator_name').execute();
  await db.schema.createIndex('chat_operator_presence_by_process').on('chat_operator_presence').column('process_id').execute();
}
