import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { fromProjectRoot } from './project-root.js';

export type Db = Database.Database;

/** Where the backend's own migrations live: `NNN_name.sql`, applied in version order. */
export const MIGRATIONS_DIR = fromProjectRoot('server/migrations');

const MIGRATION_FILE = /^(\d{3})_([a-z0-9_]+)\.sql$/;

export interface Migration {
  version: number;
  name: string;
  file: string;
}

export interface OpenDatabaseOptions {
  /** Folder of `NNN_name.sql` files; defaults to server/migrations. */
  migrationsDir?: string;
  /**
   * How long a statement waits for a lock another connection holds (SQLite's `busy_timeout`), in
   * ms; past it the statement fails with SQLITE_BUSY, which the API answers 503 with Retry-After.
   * `DATABASE_BUSY_TIMEOUT_MS`; default DEFAULT_BUSY_TIMEOUT_MS.
   */
  busyTimeoutMs?: number;
}

/** The default bound of a wait for a lock held by another connection or process. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating if needed) the SQLite database at `path` with WAL and foreign keys on,
 * then applies every migration not applied yet.
 *
 * Several connections (server processes) may share the file. A statement that meets a lock waits
 * up to `busyTimeoutMs` for it. That wait only works for a transaction that takes the write lock
 * when it begins: a DEFERRED one that has read and then wants to write gets SQLITE_BUSY at once
 * (SQLite cannot wait there: its snapshot would be stale), so every transaction that writes
 * runs as `.immediate(...)`. A wait past the bound surfaces as SQLITE_BUSY (http/errors.ts: 503).
 *
 * `synchronous = FULL`: every commit is on disk before the server answers, so a power loss cannot
 * undo a request, callback or visit whose number a citizen was already given (and that number
 * cannot be issued again). SQLite's WAL default, NORMAL, may lose the last commits; better-sqlite3
 * gives FULL to a new file but NORMAL when it reopens one already in WAL mode, so it is set
 * explicitly. The cost is measured by `npm run bench:durability` (docs/backend.md).
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  if (!Number.isSafeInteger(busyTimeoutMs) || busyTimeoutMs < 0) {
    throw new Error(`busyTimeoutMs must be a whole number of milliseconds, got ${busyTimeoutMs}`);
  }
  const db = new Database(path);
  try {
    // First, so that switching a new file to WAL waits for another process doing the same.
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db, options.migrationsDir ?? MIGRATIONS_DIR);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Lists the migration files of `dir` in version order; rejects misnamed `.sql` files and duplicate versions. */
export function listMigrations(dir: string): Migration[] {
  const migrations: Migration[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql'))) {
    const match = MIGRATION_FILE.exec(file);
    if (!match) throw new Error(`Migration file "${file}" in ${dir} must be named NNN_name.sql (e.g. 002_requests.sql)`);
    migrations.push({ version: Number(match[1]), name: match[2]!, file: join(dir, file) });
  }
  migrations.sort((a, b) => a.version - b.version);
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.version === migrations[i - 1]!.version) {
      throw new Error(`Two migrations share version ${migrations[i]!.version} in ${dir}`);
    }
  }
  return migrations;
}

/**
 * Applies the pending migrations of `dir`, each in its own transaction, and records them in
 * `schema_migrations`. A version already recorded is never run again, even if its file changed.
 * Returns the migrations applied by this call.
 *
 * Each runs in an IMMEDIATE transaction that looks again whether its version is recorded: of two
 * processes starting at once on one file, one applies it and the other, having waited for the
 * lock, skips it.
 */
export function migrate(db: Db, dir: string): Migration[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const applied = new Set(
    db
      .prepare('SELECT version FROM schema_migrations')
      .pluck()
      .all()
      .map((v) => Number(v)),
  );
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const recorded = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').pluck();
  const pending = listMigrations(dir).filter((m) => !applied.has(m.version));
  const done: Migration[] = [];
  for (const migration of pending) {
    const sql = readFileSync(migration.file, 'utf8');
    const apply = db.transaction((): boolean => {
      if (recorded.get(migration.version) !== undefined) return false;
      db.exec(sql);
      record.run(migration.version, migration.name, new Date().toISOString());
      return true;
    });
    try {
      if (apply.immediate()) done.push(migration);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`Migration ${migration.file} failed: ${reason}`, { cause: error });
    }
  }
  return done;
}

/** Versions recorded in `schema_migrations`, ascending. */
export function appliedMigrations(db: Db): { version: number; name: string; applied_at: string }[] {
  return db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all() as {
    version: number;
    name: string;
    applied_at: string;
  }[];
}
