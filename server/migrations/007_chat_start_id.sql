-- `chat:start` made safe to repeat: the client's UUID of the opening (`startId`), one conversation
-- per startId. NULL for conversations started before it (unique indexes let NULLs repeat, in
-- SQLite and PostgreSQL alike). A column added by ALTER TABLE cannot be UNIQUE in SQLite: the
-- index carries the constraint.
ALTER TABLE chat_conversations ADD COLUMN start_id TEXT;
CREATE UNIQUE INDEX chat_conversations_start_id ON chat_conversations (start_id);
