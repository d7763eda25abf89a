-- Online chat «Онлайн-чат»: conversations, their messages (with a per-conversation sequence and
-- the client's idempotency id), the files attached to messages, and the citizen's rating.
-- Times are ISO 8601 UTC strings (`2026-03-02T09:00:00.000Z`).

CREATE TABLE chat_conversations (
  -- Random public id (UUID).
  id               TEXT PRIMARY KEY,
  -- sha256 (hex) of the conversation token; the token itself is never stored.
  token_hash       TEXT NOT NULL,
  kind             TEXT NOT NULL CHECK (kind IN ('technical', 'application', 'status')),
  summary          TEXT NOT NULL,
  question         TEXT NOT NULL,
  -- Anonymous unless given.
  name             TEXT,
  contact          TEXT,
  locale           TEXT NOT NULL CHECK (locale IN ('ru', 'en')),
  status           TEXT NOT NULL CHECK (status IN ('assistant', 'waiting', 'active', 'closed')),
  -- The operator (display name) who has it; NULL unless active (and kept when closed).
  operator         TEXT,
  -- Escalated to a senior specialist: only a senior takes it from the queue.
  escalated        INTEGER NOT NULL DEFAULT 0 CHECK (escalated IN (0, 1)),
  -- The escalating operator's note for the senior (never shown to the citizen).
  escalation_note  TEXT,
  -- The assistant's unknown answers in a row (two hand the conversation to the queue).
  unknown_streak   INTEGER NOT NULL DEFAULT 0 CHECK (unknown_streak >= 0),
  -- The last message's seq (messages are numbered 1, 2, … per conversation).
  last_seq         INTEGER NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
  citizen_read_seq INTEGER NOT NULL DEFAULT 0 CHECK (citizen_read_seq >= 0),
  operator_read_seq INTEGER NOT NULL DEFAULT 0 CHECK (operator_read_seq >= 0),
  -- When it (last) entered the queue: the queue's order.
  queued_at        TEXT,
  -- When the current operator took it: handling times for wait estimates.
  taken_at         TEXT,
  closed_at        TEXT,
  closed_by        TEXT CHECK (closed_by IN ('citizen', 'operator', 'system')),
  -- Transcripts e-mailed so far (a few per conversation at most).
  transcripts_sent INTEGER NOT NULL DEFAULT 0 CHECK (transcripts_sent >= 0),
  created_at       TEXT NOT NULL,
  CHECK (status <> 'active' OR operator IS NOT NULL),
  CHECK (status <> 'waiting' OR queued_at IS NOT NULL)
) STRICT;

CREATE INDEX chat_conversations_waiting ON chat_conversations (queued_at) WHERE status = 'waiting';
CREATE INDEX chat_conversations_by_operator ON chat_conversations (operator) WHERE status = 'active';
CREATE INDEX chat_conversations_closed ON chat_conversations (closed_at) WHERE taken_at IS NOT NULL;

-- Every message: the citizen's, the assistant's, an operator's, and system lines.
CREATE TABLE chat_messages (
  id              INTEGER PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES chat_conversations (id) ON DELETE CASCADE,
  seq             INTEGER NOT NULL CHECK (seq > 0),
  -- The client's UUID of the message (citizen and operator messages); NULL for the server's own.
  client_id       TEXT,
  author          TEXT NOT NULL CHECK (author IN ('citizen', 'assistant', 'operator', 'system')),
  operator_name   TEXT,
  -- Plain text, stored verbatim as the citizen sent it (the widget renders text, never HTML).
  text            TEXT NOT NULL,
  -- The assistant's article, and its suggestions (JSON array of {id, title}) for unknown questions.
  article_id      TEXT,
  article_title   TEXT,
  suggestions     TEXT CHECK (suggestions IS NULL OR (json_valid(suggestions) AND json_type(suggestions) = 'array')),
  system_kind     TEXT,
  created_at      TEXT NOT NULL,
  UNIQUE (conversation_id, seq),
  UNIQUE (conversation_id, client_id)
) STRICT;

-- Uploads (`POST /uploads`) attached to chat messages: each upload to one message at most.
CREATE TABLE chat_message_attachments (
  message_id    INTEGER NOT NULL REFERENCES chat_messages (id) ON DELETE CASCADE,
  attachment_id TEXT NOT NULL UNIQUE REFERENCES attachments (id),
  position      INTEGER NOT NULL,
  PRIMARY KEY (message_id, position)
) STRICT;

-- The clean-up of uploads never attached to a request (uploads/store.ts) must keep those
-- attached to a chat message: their delete is skipped (0 changes, so the file stays too).
CREATE TRIGGER chat_attachments_kept BEFORE DELETE ON attachments
WHEN OLD.request_id IS NULL AND EXISTS (SELECT 1 FROM chat_message_attachments WHERE attachment_id = OLD.id)
BEGIN
  SELECT RAISE(IGNORE);
END;

-- The citizen's rating, once per conversation.
CREATE TABLE chat_ratings (
  conversation_id TEXT PRIMARY KEY REFERENCES chat_conversations (id) ON DELETE CASCADE,
  score           INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment         TEXT,
  created_at      TEXT NOT NULL
) STRICT;
