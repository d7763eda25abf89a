import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Kysely, Migration } from 'kysely';
import type pg from 'pg';
import { createPostgresPool, createSqliteKysely, kyselyOverPool, type PostgresOptions } from './database/kysely.js';
import { migrateToLatest } from './database/migrate.js';
import type { Database as Schema } from './database/schema.js';
import type { DatabaseTarget } from './database/target.js';

/** The better-sqlite3 connection the stores use (until they move to Kysely). */
export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /**
   * How long a statement waits for a lock another connection holds (SQLite's `busy_timeout`,
   * PostgreSQL's `lock_timeout`), in ms; past it the statement fails (SQLITE_BUSY, which the API
   * answers 503 with Retry-After). `DATABASE_BUSY_TIMEOUT_MS`; default DEFAULT_BUSY_TIMEOUT_MS.
   */
  busyTimeoutMs?: number;
  /** The migrations to apply; the backend's own (server/database/migrations/) unless a test says. */
  migrations?: Readonly<Record<string, Migration>>;
  /** PostgreSQL only: the pool's bounds (see PostgresOptions). */
  postgres?: Omit<PostgresOptions, 'url' | 'lockTimeoutMs'>;
}

/** The default bound of a wait for a lock held by another connection or process. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/** An open, migrated SQLite database: the raw connection (stores) and Kysely over the same one. */
export interface SqliteDatabase {
  dialect: 'sqlite';
  sqlite: Db;
  kysely: Kysely<Schema>;
  /** Closes the connection; safe to call twice (and after `sqlite.close()`). */
  close(): Promise<void>;
}

/** An open, migrated PostgreSQL database: Kysely over a connection pool. */
export interface PostgresDatabase {
  dialect: 'postgres';
  kysely: Kysely<Schema>;
  /** The pool under Kysely (Socket.IO's PostgreSQL adapter shares it: realtime.ts). */
  pool: pg.Pool;
  /** Ends the pool; safe to call twice. */
  close(): Promise<void>;
}

export type OpenedDatabase = SqliteDatabase | PostgresDatabase;

function checkBusyTimeout(busyTimeoutMs: number): number {
  if (!Number.isSafeInteger(busyTimeoutMs) || busyTimeoutMs < 0) {
    throw new Error(`busyTimeoutMs must be a whole number of milliseconds, got ${busyTimeoutMs}`);
  }
  return busyTimeoutMs;
}

/** `destroy()` once, however often it is asked for. */
function closeOnce(kysely: Kysely<Schema>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= kysely.destroy());
}

/**
 * Opens (creating if needed) the SQLite database at `path` with WAL and foreign keys on,
 * then applies every migration not applied yet (database/migrate.ts).
 *
 * Several connections (server processes) may share the file. A statement that meets a lock waits
 * up to `busyTimeoutMs` for it. That wait only works for a transaction that takes the write lock
 * when it begins: a DEFERRED one that has read and then wants to write gets SQLITE_BUSY at once
 * (SQLite cannot wait there: its snapshot would be stale), so every transaction that writes
 * runs as `.immediate(...)` (and Kysely's transactions begin IMMEDIATE: database/kysely.ts).
 * A wait past the bound surfaces as SQLITE_BUSY (http/errors.ts: 503).
 *
 * `synchronous = FULL`: every commit is on disk before the server answers, so a power loss cannot
 * undo a request, callback or visit whose number a citizen was already given (and that number
 * cannot be issued again). SQLite's WAL default, NORMAL, may lose the last commits; better-sqlite3
 * gives FULL to a new file but NORMAL when it reopens one already in WAL mode, so it is set
 * explicitly. The cost is measured by `npm run bench:durability` (docs/backend.md).
 */
export async function openDatabase(path: string, options: OpenDatabaseOptions = {}): Promise<SqliteDatabase> {
  const busyTimeoutMs = checkBusyTimeout(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  const kysely = createSqliteKysely(sqlite);
  const close = closeOnce(kysely);
  try {
    // First, so that switching a new file to WAL waits for another process doing the same.
    sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    await migrateToLatest(kysely, options.migrations);
    return { dialect: 'sqlite', sqlite, kysely, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Connects to the PostgreSQL database at `url` through a pool and applies every migration not
 * applied yet. `busyTimeoutMs` becomes the sessions' `lock_timeout`.
 */
export async function openPostgres(url: string, options: OpenDatabaseOptions = {}): Promise<PostgresDatabase> {
  const lockTimeoutMs = checkBusyTimeout(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS);
  const pool = createPostgresPool({ ...options.postgres, url, lockTimeoutMs });
  const kysely = kyselyOverPool(pool);
  const close = closeOnce(kysely);
  try {
    await migrateToLatest(kysely, options.migrations);
    return { dialect: 'postgres', kysely, pool, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Opens the database a target names (database/target.ts: `databaseFromEnv`), migrated. */
export function connectDatabase(target: DatabaseTarget, options: OpenDatabaseOptions = {}): Promise<OpenedDatabase> {
  return target.dialect === 'sqlite' ? openDatabase(target.path, options) : openPostgres(target.url, options);
}
