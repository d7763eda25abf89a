import { sql, type Kysely } from 'kysely';
import { context, expression, idColumn, jsonOfKind, oneOf, strict } from './portable.js';

/**
 * Online chat «Онлайн-чат»: conversations, their messages (with a per-conversation sequence and
 * the client's idempotency id), the files attached to messages, and the citizen's rating.
 * Times are ISO 8601 UTC strings (`2026-03-02T09:00:00.000Z`).
 */
export async function up(kysely: Kysely<any>): Promise<void> {
  const { db, dialect } = context(kysely);
  const count = (column: string) => expression(`${column} >= 0`);

  await strict(
    db.schema
      .createTable('chat_conversations')
      // Random public id (UUID).
      .addColumn('id', 'text', (c) => c.primaryKey())
      // sha256 (hex) of the conversation token; the token itself is never stored.
      .addColumn('token_hash', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', ['technical', 'application', 'status'])))
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('question', 'text', (c) => c.notNull())
      // Anonymous unless given.
      .addColumn('name', 'text')
      .addColumn('contact', 'text')
      .addColumn('locale', 'text', (c) => c.notNull().check(oneOf('locale', ['ru', 'en'])))
      .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', ['assistant', 'waiting', 'active', 'closed'])))
      // The operator (display name) who has it; NULL unless active (and kept when closed).
      .addColumn('operator', 'text')
      // Escalated to a senior specialist: only a senior takes it from the queue.
      .addColumn('escalated', 'integer', (c) => c.notNull().defaultTo(0).check(oneOf('escalated', [0, 1])))
      // The escalating operator's note for the senior (never shown to the citizen).
      .addColumn('escalation_note', 'text')
      // The assistant's unknown answers in a row (two hand the conversation to the queue).
      .addColumn('unknown_streak', 'integer', (c) => c.notNull().defaultTo(0).check(count('unknown_streak')))
      // The last message's seq (messages are numbered 1, 2, … per conversation).
      .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0).check(count('last_seq')))
      .addColumn('citizen_read_seq', 'integer', (c) => c.notNull().defaultTo(0).check(count('citizen_read_seq')))
      .addColumn('operator_read_seq', 'integer', (c) => c.notNull().defaultTo(0).check(count('operator_read_seq')))
      // When it (last) entered the queue: the queue's order.
      .addColumn('queued_at', 'text')
      // When the current operator took it: handling times for wait estimates.
      .addColumn('taken_at', 'text')
      .addColumn('closed_at', 'text')
      .addColumn('closed_by', 'text', (c) => c.check(oneOf('closed_by', ['citizen', 'operator', 'system'])))
      // Transcripts e-mailed so far (a few per conversation at most).
      .addColumn('transcripts_sent', 'integer', (c) => c.notNull().defaultTo(0).check(count('transcripts_sent')))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addCheckConstraint('chat_conversations_check', expression("status <> 'active' OR operator IS NOT NULL"))
      .addCheckConstraint('chat_conversations_check1', expression("status <> 'waiting' OR queued_at IS NOT NULL")),
    dialect,
  ).execute();
  await db.schema
    .createIndex('chat_conversations_waiting')
    .on('chat_conversations')
    .column('queued_at')
    .where(expression("status = 'waiting'"))
    .execute();
  await db.schema
    .createIndex('chat_conversations_by_operator')
    .on('chat_conversations')
    .column('operator')
    .where(expression("status = 'active'"))
    .execute();
  await db.schema
    .createIndex('chat_conversations_closed')
    .on('chat_conversations')
    .column('closed_at')
    .where(expression('taken_at IS NOT NULL'))
    .execute();

  // Every message: the citizen's, the assistant's, an operator's, and system lines.
  await strict(
    db.schema
      .createTable('chat_messages')
      .addColumn('id', 'integer', idColumn(dialect))
      .addColumn('conversation_id', 'text', (c) => c.notNull().references('chat_conversations.id').onDelete('cascade'))
      .addColumn('seq', 'integer', (c) => c.notNull().check(expression('seq > 0')))
      // The client's UUID of the message (citizen and operator messages); NULL for the server's own.
      .addColumn('client_id', 'text')
      .addColumn('author', 'text', (c) => c.notNull().check(oneOf('author', ['citizen', 'assistant', 'operator', 'system'])))
      .addColumn('operator_name', 'text')
      // Plain text, stored verbatim as the citizen sent it (the widget renders text, never HTML).
      .addColumn('text', 'text', (c) => c.notNull())
      // The assistant's article, and its suggestions (JSON array of {id, title}) for unknown questions.
      .addColumn('article_id', 'text')
      .addColumn('article_title', 'text')
      .addColumn('suggestions', 'text', (c) => c.check(sql`suggestions IS NULL OR (${jsonOfKind('suggestions', 'array', dialect)})`))
      .addColumn('system_kind', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('chat_messages_conversation_id_seq_key', ['conversation_id', 'seq'])
      .addUniqueConstraint('chat_messages_conversation_id_client_id_key', ['conversation_id', 'client_id']),
    dialect,
  ).execute();

  // Uploads (`POST /uploads`) attached to chat messages: each upload to one message at most.
  await strict(
    db.schema
      .createTable('chat_message_attachments')
      .addColumn('message_id', 'integer', (c) => c.notNull().references('chat_messages.id').onDelete('cascade'))
      .addColumn('attachment_id', 'text', (c) => c.notNull().unique().references('attachments.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('chat_message_attachments_pkey', ['message_id', 'position']),
    dialect,
  ).execute();

  // The clean-up of uploads never attached to a request (uploads/store.ts) must keep those
  // attached to a chat message: their delete is skipped (0 changes, so the file stays too).
  if (dialect === 'sqlite') {
    await sql`CREATE TRIGGER chat_attachments_kept BEFORE DELETE ON attachments
WHEN OLD.request_id IS NULL AND EXISTS (SELECT 1 FROM chat_message_attachments WHERE attachment_id = OLD.id)
BEGIN
  SELECT RAISE(IGNORE);
END`.execute(db);
  } else {
    // A BEFORE trigger returning NULL skips the row's delete, as RAISE(IGNORE) does in SQLite.
    await sql`
      create function chat_attachments_kept() returns trigger
      language plpgsql as $$
      begin
        if old.request_id is null and exists (select 1 from chat_message_attachments where attachment_id = old.id) then
          return null;
        end if;
        return old;
      end
      $$`.execute(db);
    await sql`create trigger chat_attachments_kept before delete on attachments
      for each row execute function chat_attachments_kept()`.execute(db);
  }

  // The citizen's rating, once per conversation.
  await strict(
    db.schema
      .createTable('chat_ratings')
      .addColumn('conversation_id', 'text', (c) => c.primaryKey().references('chat_conversations.id').onDelete('cascade'))
      .addColumn('score', 'integer', (c) => c.notNull().check(expression('score BETWEEN 1 AND 5')))
      .addColumn('comment', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull()),
    dialect,
  ).execute();
}
