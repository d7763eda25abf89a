import type { TestContext } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';

/**
 * Another connection that holds the write lock of a database until released (or the test ends):
 * on SQLite the file's (BEGIN IMMEDIATE: every write waits), on PostgreSQL `tables`' (LOCK … IN
 * EXCLUSIVE MODE: reads go on, writes to them wait). `where` is the app's `databaseLocation`.
 */
export async function holdWriteLock(
  t: TestContext,
  where: { dbPath: string; databaseUrl?: string },
  tables: readonly string[],
): Promise<{ release(): Promise<void> }> {
  if (!where.databaseUrl) {
    const holder = new Database(where.dbPath);
    t.after(() => {
      if (holder.inTransaction) holder.exec('ROLLBACK');
      holder.close();
    });
    holder.exec('BEGIN IMMEDIATE');
    return { release: async () => void holder.exec('COMMIT') };
  }
  const holder = new pg.Client({ connectionString: where.databaseUrl });
  await holder.connect();
  let held = true;
  t.after(async () => {
    if (held) await holder.query('ROLLBACK');
    await holder.end();
  });
  await holder.query('BEGIN');
  await holder.query(`LOCK TABLE ${tables.join(', ')} IN EXCLUSIVE MODE`);
  return {
    async release() {
      held = false;
      await holder.query('COMMIT');
    },
  };
}
