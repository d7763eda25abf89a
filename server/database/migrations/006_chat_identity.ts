import type { Kysely } from 'kysely';

/**
 * A chat started with the host site's signed identity token (chat/identity.ts): the person the
 * site vouches for. Both NULL for an anonymous chat.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // One column per ALTER TABLE: SQLite adds only one at a time.
  await db.schema.alterTable('chat_conversations').addColumn('verified_subject', 'text').execute();
  await db.schema.alterTable('chat_conversations').addColumn('verified_name', 'text').execute();
}
