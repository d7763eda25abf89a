-- Requests «Написать в поддержку»: the request, its status history, attachments,
-- idempotency keys of create calls and the notification outbox.
-- Times are ISO 8601 UTC strings (`2026-03-02T09:00:00.000Z`).

-- One registered request. СНИЛС and ИНН are part of the request and kept as given,
-- but never written to any log.
CREATE TABLE requests (
  id               INTEGER PRIMARY KEY,
  -- Public number, e.g. 2026-000123 (format: REQUEST_NUMBER_FORMAT).
  number           TEXT NOT NULL UNIQUE,
  -- The lookup code is never stored: scrypt$N$r$p$salt$hash (see requests/lookup-code.ts).
  lookup_code_hash TEXT NOT NULL,
  type             TEXT NOT NULL,
  full_name        TEXT NOT NULL,
  -- Normalized: +7 and 10 digits.
  phone            TEXT NOT NULL CHECK (phone GLOB '+7[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
  email            TEXT,
  answer_channel   TEXT NOT NULL CHECK (answer_channel IN ('email', 'sms', 'phone')),
  snils            TEXT,
  inn              TEXT,
  service_number   TEXT,
  description      TEXT NOT NULL,
  -- Fraud reports: YYYY-MM-DD and HH:MM (Moscow), as the citizen gave them.
  incident_date    TEXT,
  incident_time    TEXT,
  -- JSON array of URLs.
  links            TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(links) AND json_type(links) = 'array'),
  created_at       TEXT NOT NULL,
  answer_due_at    TEXT NOT NULL,
  -- The latest status code (the last row of request_status_history).
  status           TEXT NOT NULL
) STRICT;

CREATE INDEX requests_by_phone ON requests (phone, created_at);

-- Every status a request went through; the first is 'registered' («Зарегистрировано»).
CREATE TABLE request_status_history (
  id                 INTEGER PRIMARY KEY,
  request_id         INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
  status             TEXT NOT NULL,
  -- The status as the citizen reads it: «Зарегистрировано».
  title              TEXT NOT NULL,
  comment            TEXT,
  visible_to_citizen INTEGER NOT NULL DEFAULT 1 CHECK (visible_to_citizen IN (0, 1)),
  -- Who changed it; NULL for the system (registration).
  operator           TEXT,
  at                 TEXT NOT NULL
) STRICT;

CREATE INDEX request_status_history_by_request ON request_status_history (request_id, at);

-- The last sequence number given out per scope (the Moscow year, or 0 when the number format
-- has no {year}).
CREATE TABLE request_sequences (
  scope INTEGER PRIMARY KEY,
  last  INTEGER NOT NULL CHECK (last > 0)
) STRICT;

-- Uploaded files, stored under uploads/<stored_name>; linked to a request when it is created.
CREATE TABLE attachments (
  -- Random id the widget lists in a request's `attachments`.
  id            TEXT PRIMARY KEY,
  request_id    INTEGER REFERENCES requests (id) ON DELETE CASCADE,
  -- The citizen's file name, for display only; never part of a path.
  original_name TEXT NOT NULL,
  -- Random file name in the uploads folder.
  stored_name   TEXT NOT NULL UNIQUE,
  -- Type from the leading bytes (application/pdf, image/jpeg, image/png).
  type          TEXT NOT NULL,
  size          INTEGER NOT NULL CHECK (size > 0),
  sha256        TEXT NOT NULL,
  created_at    TEXT NOT NULL
) STRICT;

CREATE INDEX attachments_by_request ON attachments (request_id);
CREATE INDEX attachments_unlinked ON attachments (created_at) WHERE request_id IS NULL;

-- Idempotency-Key of each create call: the same key and body answer the first request again.
CREATE TABLE idempotency_keys (
  -- sha256 of the key (hex); the key itself is not stored.
  key_hash    TEXT PRIMARY KEY,
  request_id  INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
  -- sha256 of the validated body in canonical JSON.
  body_hash   TEXT NOT NULL,
  -- The lookup code, AES-256-GCM-sealed with a key derived from the Idempotency-Key, so that a
  -- repeated call can answer it again and nobody without the key can read it.
  sealed_code TEXT NOT NULL,
  created_at  TEXT NOT NULL
) STRICT;

CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);

-- Messages to send (the default Notifier writes here; a sender sets sent_at).
CREATE TABLE notification_outbox (
  id         INTEGER PRIMARY KEY,
  channel    TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
  recipient  TEXT NOT NULL,
  subject    TEXT,
  body       TEXT NOT NULL,
  created_at TEXT NOT NULL,
  sent_at    TEXT
) STRICT;

CREATE INDEX notification_outbox_pending ON notification_outbox (id) WHERE sent_at IS NULL;
