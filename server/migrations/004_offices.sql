-- Offices «Мои документы» and booked visits. Offices and services are loaded from the dataset
-- (OFFICES_DATA, demo: demo/data/offices.json) at every start: their rows are
-- replaced, so that edits to the file take effect. Bookings keep the office id and a copy of what
-- the citizen was told (office name, address, phone, zone, documents), so they stay readable when
-- an office changes or leaves the dataset. Times are ISO 8601 UTC strings.

CREATE TABLE office_services (
  code      TEXT PRIMARY KEY,
  -- Order of the dataset.
  position  INTEGER NOT NULL,
  label_ru  TEXT NOT NULL,
  label_en  TEXT NOT NULL,
  -- [{ "ru": …, "en": … }], in order.
  documents TEXT NOT NULL CHECK (json_valid(documents) AND json_type(documents) = 'array')
) STRICT;

CREATE TABLE offices (
  id           TEXT PRIMARY KEY,
  position     INTEGER NOT NULL,
  name         TEXT NOT NULL,
  region_code  TEXT NOT NULL,
  region       TEXT NOT NULL,
  city         TEXT NOT NULL,
  address      TEXT NOT NULL,
  phone        TEXT NOT NULL,
  lat          REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon          REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
  -- IANA zone; the hours are wall-clock times there.
  time_zone    TEXT NOT NULL,
  -- WeeklyHours as JSON (with its timeZone).
  hours        TEXT NOT NULL CHECK (json_valid(hours) AND json_type(hours) = 'object'),
  -- Service codes as a JSON array.
  services     TEXT NOT NULL CHECK (json_valid(services) AND json_type(services) = 'array'),
  step_free    INTEGER NOT NULL CHECK (step_free IN (0, 1)),
  -- { "ru": …, "en": … } or NULL.
  access_notes TEXT CHECK (access_notes IS NULL OR json_valid(access_notes)),
  -- [{ "from": "10:00", "to": "12:00" }].
  peak_hours   TEXT NOT NULL CHECK (json_valid(peak_hours) AND json_type(peak_hours) = 'array')
) STRICT;

CREATE INDEX offices_by_region ON offices (region_code, city);

CREATE TABLE bookings (
  id             INTEGER PRIMARY KEY,
  -- Public number: V-2026-000045 (the Moscow year and a per-year sequence).
  number         TEXT NOT NULL UNIQUE,
  -- No foreign key: office rows are replaced from the dataset at every start.
  office_id      TEXT NOT NULL,
  service        TEXT NOT NULL,
  slot_start     TEXT NOT NULL,
  slot_end       TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('booked', 'cancelled', 'visited', 'no_show')),
  name           TEXT NOT NULL,
  -- Normalized: +7 and 10 digits. The second factor of the citizen's cancel; never logged.
  phone          TEXT NOT NULL CHECK (phone GLOB '+7[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
  email          TEXT,
  -- What the citizen was told at booking time.
  office_name    TEXT NOT NULL,
  address        TEXT NOT NULL,
  office_phone   TEXT NOT NULL,
  time_zone      TEXT NOT NULL,
  documents      TEXT NOT NULL CHECK (json_valid(documents) AND json_type(documents) = 'array'),
  created_at     TEXT NOT NULL,
  cancelled_at   TEXT
) STRICT;

-- Places taken in a slot: every booking but a cancelled one.
CREATE INDEX bookings_taken ON bookings (office_id, service, slot_start) WHERE status != 'cancelled';
-- An office's day (operator list, load by hour).
CREATE INDEX bookings_by_office_start ON bookings (office_id, slot_start);
CREATE INDEX bookings_by_phone ON bookings (phone, created_at);

-- The last booking sequence number given out per Moscow year.
CREATE TABLE booking_sequences (
  year INTEGER PRIMARY KEY,
  last INTEGER NOT NULL CHECK (last > 0)
) STRICT;

-- Idempotency-Key of each booking call: the same key and body answer the first booking again.
CREATE TABLE booking_idempotency_keys (
  -- sha256 of the key (hex); the key itself is not stored.
  key_hash   TEXT PRIMARY KEY,
  booking_id INTEGER NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
  -- sha256 of the office id and the validated body in canonical JSON.
  body_hash  TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE INDEX booking_idempotency_keys_by_age ON booking_idempotency_keys (created_at);
