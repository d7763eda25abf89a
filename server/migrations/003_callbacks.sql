-- Callback requests «Обратный звонок»: the callback, its history, the per-year numbering and the
-- idempotency keys of create calls. Times are ISO 8601 UTC strings (`2026-03-02T09:00:00.000Z`).

CREATE TABLE callbacks (
  id               INTEGER PRIMARY KEY,
  -- Public number: CB-2026-000045 (the Moscow year and a per-year sequence).
  number           TEXT NOT NULL UNIQUE,
  -- Normalized: +7 and 10 digits. The second factor of every citizen call.
  phone            TEXT NOT NULL CHECK (phone GLOB '+7[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
  name             TEXT NOT NULL,
  topic            TEXT NOT NULL,
  request_number   TEXT,
  -- Passport-, СНИЛС- and ИНН-like numbers replaced with «…» before it is stored; never logged.
  comment          TEXT,
  conversation_ref TEXT,
  -- 1: «как можно скорее» (slot_start NULL); 0: the booked slot starts at slot_start.
  asap             INTEGER NOT NULL CHECK (asap IN (0, 1)),
  slot_start       TEXT,
  -- The promised window: ASAP from its booking to + asapPromiseMinutes; a slot its start and end.
  window_start     TEXT NOT NULL,
  window_end       TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('scheduled', 'no_answer', 'called', 'cancelled')),
  -- Unanswered attempts so far.
  attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  -- After «нет ответа»: the next attempt is due then.
  retry_at         TEXT,
  created_at       TEXT NOT NULL,
  CHECK ((asap = 1 AND slot_start IS NULL) OR (asap = 0 AND slot_start IS NOT NULL))
) STRICT;

-- Places taken in a slot, and the ASAP queue: only open callbacks count.
CREATE INDEX callbacks_open_by_slot ON callbacks (slot_start) WHERE status IN ('scheduled', 'no_answer');
CREATE INDEX callbacks_open_asap ON callbacks (asap) WHERE status IN ('scheduled', 'no_answer');
CREATE INDEX callbacks_by_window ON callbacks (window_start);
CREATE INDEX callbacks_by_phone ON callbacks (phone, created_at);

-- Every status a callback went through, who set it and the operator's note (never shown to the
-- citizen). `comment` is the server's own text for the citizen («Время звонка изменено…»).
CREATE TABLE callback_history (
  id          INTEGER PRIMARY KEY,
  callback_id INTEGER NOT NULL REFERENCES callbacks (id) ON DELETE CASCADE,
  status      TEXT NOT NULL,
  comment     TEXT,
  note        TEXT,
  -- The operator; NULL for the citizen or the system.
  operator    TEXT,
  at          TEXT NOT NULL
) STRICT;

CREATE INDEX callback_history_by_callback ON callback_history (callback_id, at);

-- The last callback sequence number given out per Moscow year.
CREATE TABLE callback_sequences (
  year INTEGER PRIMARY KEY,
  last INTEGER NOT NULL CHECK (last > 0)
) STRICT;

-- Idempotency-Key of each create call: the same key and body answer the first booking again.
CREATE TABLE callback_idempotency_keys (
  -- sha256 of the key (hex); the key itself is not stored.
  key_hash    TEXT PRIMARY KEY,
  callback_id INTEGER NOT NULL REFERENCES callbacks (id) ON DELETE CASCADE,
  -- sha256 of the validated body in canonical JSON.
  body_hash   TEXT NOT NULL,
  created_at  TEXT NOT NULL
) STRICT;

CREATE INDEX callback_idempotency_keys_by_age ON callback_idempotency_keys (created_at);
