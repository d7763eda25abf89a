import type { Kysely } from 'kysely';
import { context, strict } from './portable.js';

/**
 * Operator sessions in the database, so that a session made on one server process works on every
 * other (issue 16): the SHA-256 of the cookie's random id (the id itself is never stored), the
 * operator's name and when it expires (ISO 8601 UTC text, like every time here).
 */
export async function up(kysely: Kysely<any>): Promise<void> {
  const { db, dialect } = context(kysely);
  await strict(
    db.schema
      .createTable('operator_sessions')
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('operator_name', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull()),
    dialect,
  ).execute();
  await db.schema.createIndex('operator_sessions_by_expiry').on('operator_sessions').column('expires_at').execute();
}
