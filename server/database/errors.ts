// What a database error means, whichever database raised it: better-sqlite3's SqliteError
// (`code` like SQLITE_CONSTRAINT_UNIQUE) or node-postgres' DatabaseError (`code` a SQLSTATE).

function codeOf(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

const isSqliteError = (error: unknown) => error instanceof Error && error.name === 'SqliteError';

/**
 * PostgreSQL's SQLSTATEs of a database that could not do the work now, with nothing wrong in it:
 * 55P03 lock_not_available (`lock_timeout`, DATABASE_BUSY_TIMEOUT_MS), 40001 serialization
 * failure, 40P01 deadlock, 57014 query cancelled (`statement_timeout`), 53300 too many
 * connections, 57P01–57P03 the server shutting down or starting.
 */
const POSTGRES_BUSY = new Set(['55P03', '40001', '40P01', '57014', '53300', '57P01', '57P02', '57P03']);

/**
 * A database that stayed busy or locked past its bound, or could not be reached for a moment:
 * SQLite's SQLITE_BUSY / SQLITE_LOCKED (and their extended codes), PostgreSQL's codes above, a
 * pool that timed out waiting for a connection. Answered 503 `unavailable` with Retry-After.
 */
export function isDatabaseBusy(error: unknown): boolean {
  const code = codeOf(error);
  if (isSqliteError(error)) return code !== undefined && /^SQLITE_(BUSY|LOCKED)(_[A-Z]+)?$/.test(code);
  if (code !== undefined && POSTGRES_BUSY.has(code)) return true;
  // node-postgres' pool: «timeout exceeded when trying to connect»; a refused or reset connection.
  if (error instanceof Error && /^timeout exceeded when trying to connect$/i.test(error.message)) return true;
  return code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ETIMEDOUT';
}

/** A UNIQUE (or primary key) constraint refused the row: SQLITE_CONSTRAINT_UNIQUE/PRIMARYKEY, 23505. */
export function isUniqueViolation(error: unknown): boolean {
  const code = codeOf(error);
  if (isSqliteError(error)) return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  return code === '23505';
}

/** A CHECK, NOT NULL or foreign key constraint refused the row (a bug: the server validates first). */
export function isConstraintViolation(error: unknown): boolean {
  const code = codeOf(error);
  if (isSqliteError(error)) return code !== undefined && code.startsWith('SQLITE_CONSTRAINT');
  return code !== undefined && code.startsWith('23');
}
