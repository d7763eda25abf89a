import { sql, type Kysely } from 'kysely';
import { context, expression, oneOf } from './portable.js';

/**
 * Who holds an upload, on the upload's own row: `held_by` is 'request' (a request lists it),
 * 'chat' (a chat message carries it) or NULL (nobody yet). An upload is held by one thing at
 * most: uploads/claims.ts takes it with a conditional UPDATE (`… WHERE held_by IS NULL`), so a
 * request and a chat message attaching one file at once cannot both have it, and neither
 * feature has to read the other's tables to know. Filled in from the rows already there (an
 * upload both held, which the old code let happen, stays the request's).
 */
export async function up(kysely: Kysely<any>): Promise<void> {
  const { db, dialect } = context(kysely);
  await db.schema
    .alterTable('attachments')
    .addColumn('held_by', 'text', (c) => c.check(oneOf('held_by', ['request', 'chat'])))
    .execute();
  await db.updateTable('attachments').set({ held_by: 'request' }).where('request_id', 'is not', null).execute();
  await db
    .updateTable('attachments')
    .set({ held_by: 'chat' })
    .where('held_by', 'is', null)
    .where('id', 'in', db.selectFrom('chat_message_attachments').select('attachment_id'))
    .execute();

  // The clean-up (uploads/store.ts) looks for old uploads nobody holds.
  await db.schema.dropIndex('attachments_unlinked').execute();
  await db.schema.createIndex('attachments_unheld').on('attachments').column('created_at').where(expression('held_by IS NULL')).execute();

  // 005_chat's trigger keeps an upload a chat message holds from any delete (0 rows, its file
  // stays): now read from `held_by`. And a chat message's link that goes (its conversation
  // deleted) lets the upload go: nobody holds it any more, so the clean-up may take it.
  if (dialect === 'sqlite') {
    await sql`DROP TRIGGER chat_attachments_kept`.execute(db);
    await sql`CREATE TRIGGER chat_attachments_kept BEFORE DELETE ON attachments
WHEN OLD.held_by = 'chat'
BEGIN
  SELECT RAISE(IGNORE);
END`.execute(db);
    await sql`CREATE TRIGGER chat_attachments_released AFTER DELETE ON chat_message_attachments
BEGIN
  UPDATE attachments SET held_by = NULL WHERE id = OLD.attachment_id AND held_by = 'chat';
END`.execute(db);
  } else {
    await sql`
      create or replace function chat_attachments_kept() returns trigger
      language plpgsql as $$
      begin
        if old.held_by = 'chat' then
          return null;
        end if;
        return old;
      end
      $$`.execute(db);
    await sql`
      create function chat_attachments_released() returns trigger
      language plpgsql as $$
      begin
        update attachments set held_by = null where id = old.attachment_id and held_by = 'chat';
        return null;
      end
      $$`.execute(db);
    await sql`create trigger chat_attachments_released after delete on chat_message_attachments
      for each row execute function chat_attachments_released()`.execute(db);
  }
}
