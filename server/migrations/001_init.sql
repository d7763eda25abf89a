-- Foundation: a key/value table for server-wide facts (instance id, seeds, flags).
-- Feature modules add their own tables in later migrations (002_…, 003_…).
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
