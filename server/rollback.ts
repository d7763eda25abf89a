/**
 * Transactions that end with an outcome instead of a write: throw `new Rollback(outcome)` inside a
 * better-sqlite3 transaction to roll it back, and `withRollback` returns that outcome.
 */
export class Rollback<T> extends Error {
  constructor(readonly outcome: T) {
    super('rollback');
  }
}

/** Runs `body` (a transaction); a Rollback thrown inside becomes its return value. */
export function withRollback<T>(body: () => T): T {
  try {
    return body();
  } catch (error) {
    if (error instanceof Rollback) return error.outcome as T;
    throw error;
  }
}
