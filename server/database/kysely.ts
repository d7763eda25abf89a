import type BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type SqliteDialectConfig,
} from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

/** The two databases the backend runs on. */
export type DialectName = 'sqlite' | 'postgres';

/**
 * SQLite's driver, with every transaction `BEGIN IMMEDIATE`: it takes the write lock when it
 * begins, so that it waits (up to `busy_timeout`) for another process's lock instead of failing
 * with SQLITE_BUSY once it has read and then wants to write (a DEFERRED one cannot wait there).
 * The same rule as the stores' `.immediate(...)` (server/db.ts).
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/**
 * Kysely's SqliteAdapter says SQLite has no transactional DDL, so its Migrator would run
 * migrations outside any transaction (a failing one would leave half a schema). SQLite's DDL is
 * transactional: migrations run in one IMMEDIATE transaction, like on PostgreSQL.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class BackendSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/** Statements kept per connection: more than the backend's distinct queries (~300), so none is dropped in use. */
export const SQLITE_STATEMENT_CACHE_SIZE = 1_000;

/**
 * The connection as Kysely's SqliteDriver sees it, with its statements kept: the driver calls
 * `prepare(sql)` for every query, and preparing (parsing and planning the SQL) cost 10–23 % of
 * the main thread under the region search and the chat send (bench/server.ts profiles,
 * 2026-12-03). A statement is prepared once per distinct SQL text (Kysely compiles a query to the
 * same text each time; values are parameters) and reused; SQLite re-prepares a kept statement by
 * itself after a schema change. Safe to share: the driver runs one query at a time on its one
 * connection (its mutex), and each runs to its end (`all`/`run`) before the next. Past the size,
 * the oldest statement is dropped (a Map keeps insertion order).
 */
export function withKeptStatements(sqlite: BetterSqlite3.Database, size = SQLITE_STATEMENT_CACHE_SIZE): SqliteDialectConfig['database'] {
  const kept = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => {
      kept.clear();
      sqlite.close();
    },
    prepare(sqlText: string) {
      let statement = kept.get(sqlText);
      if (!statement) {
        statement = sqlite.prepare(sqlText);
        if (kept.size >= size) kept.delete(kept.keys().next().value!);
        kept.set(sqlText, statement);
      }
      return statement;
    },
  };
}

/**
 * Kysely over an open better-sqlite3 connection (its pragmas, busy_timeout included, are the
 * caller's: see openDatabase in server/db.ts), its statements kept (withKeptStatements). Kysely
 * and the stores share that one connection; `destroy()` closes it.
 */
export function createSqliteKysely(sqlite: BetterSqlite3.Database): Kysely<Database> {
  return new Kysely<Database>({ dialect: new BackendSqliteDialect({ database: withKeptStatements(sqlite) }) });
}

export interface PostgresOptions {
  /** `postgres://user:password@host:port/database` (libpq's URL form, `?sslmode=…` included). */
  url: string;
  /** Most connections the pool opens (default 10). */
  maxConnections?: number;
  /**
   * How long a statement waits for a lock (PostgreSQL's `lock_timeout`), in ms: the counterpart
   * of SQLite's busy_timeout, so DATABASE_BUSY_TIMEOUT_MS bounds both. Past it: error 55P03.
   */
  lockTimeoutMs?: number;
  /** A statement running longer is cancelled by the server (`statement_timeout`; default 30 s). */
  statementTimeoutMs?: number;
  /** Waiting longer for a connection (new or from the pool) fails (default 10 s). */
  connectionTimeoutMs?: number;
  /** An idle connection is closed after this long (default 30 s). */
  idleTimeoutMs?: number;
  /**
   * Errors of idle pooled connections (the server restarted, the network dropped them). Without a
   * listener node-postgres would throw them as an uncaught 'error' event and end the process; the
   * broken client is discarded and the next query opens a new one. Default: console.error.
   */
  onPoolError?: (error: Error) => void;
}

export const DEFAULT_POSTGRES_TIMEOUTS = {
  maxConnections: 10,
  statementTimeoutMs: 30_000,
  connectionTimeoutMs: 10_000,
  idleTimeoutMs: 30_000,
} as const;

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * `count(*)`, `sum(...)` of integers and 64-bit columns come back from node-postgres as strings
 * (an int8 may pass 2^53); SQLite gives numbers. The backend's counts and ids stay far below
 * 2^53, so both arrive as numbers, as do `avg(...)`'s numerics: one type for the stores on both.
 */
const NUMBER_TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    (oid === INT8_OID || oid === NUMERIC_OID) && format !== 'binary'
      ? (text: string) => Number(text)
      : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

/** A node-postgres pool with the backend's bounds; see PostgresOptions. */
export function createPostgresPool(options: PostgresOptions): pg.Pool {
  const pool = new pg.Pool({
    types: NUMBER_TYPES,
    connectionString: options.url,
    max: options.maxConnections ?? DEFAULT_POSTGRES_TIMEOUTS.maxConnections,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? DEFAULT_POSTGRES_TIMEOUTS.connectionTimeoutMs,
    idleTimeoutMillis: options.idleTimeoutMs ?? DEFAULT_POSTGRES_TIMEOUTS.idleTimeoutMs,
    statement_timeout: options.statementTimeoutMs ?? DEFAULT_POSTGRES_TIMEOUTS.statementTimeoutMs,
    // A transaction left open by a bug must not hold its locks forever.
    idle_in_transaction_session_timeout: 60_000,
    ...(options.lockTimeoutMs !== undefined ? { lock_timeout: options.lockTimeoutMs } : {}),
    application_name: 'gov-support-widget',
  });
  const onError = options.onPoolError ?? ((error: Error) => console.error('PostgreSQL: an idle connection failed:', error.message));
  pool.on('error', onError);
  return pool;
}

/** Kysely over a node-postgres pool (createPostgresPool); `destroy()` ends the pool. */
export function createPostgresKysely(options: PostgresOptions): Kysely<Database> {
  return kyselyOverPool(createPostgresPool(options));
}

/** Kysely over a given pool; `destroy()` ends it. */
export function kyselyOverPool(pool: pg.Pool): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Which database a Kysely instance (or a transaction of it) runs on. */
export function dialectOf(db: Kysely<any>): DialectName {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof SqliteAdapter) return 'sqlite';
  if (adapter instanceof PostgresAdapter) return 'postgres';
  throw new Error(`Unsupported database adapter ${adapter.constructor.name}: the backend runs on SQLite or PostgreSQL`);
}
