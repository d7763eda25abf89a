import type { Kysely } from 'kysely';

/**
 * `chat:start` made safe to repeat: the client's UUID of the opening (`startId`), one conversation
 * per startId. NULL for conversations started before it (unique indexes let NULLs repeat, in
 * SQLite and PostgreSQL alike). A column added by ALTER TABLE cannot be UNIQUE in SQLite: the
 * index carries the constraint.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('chat_conversations').addColumn('start_id', 'text').execute();
  await db.schema.createIndex('chat_conversations_start_id').unique().on('chat_conversations').column('start_id').execute();
}
