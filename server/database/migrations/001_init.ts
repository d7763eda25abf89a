import { sql, type Kysely } from 'kysely';
import { context, strict } from './portable.js';

/**
 * Foundation: a key/value table for server-wide facts (instance id, seeds, flags). Feature
 * migrations add their own tables (002_…, 003_…). On PostgreSQL also `json_kind(text)`, which
 * the JSON CHECKs of later migrations use (portable.ts).
 */
export async function up(kysely: Kysely<any>): Promise<void> {
  const { db, dialect } = context(kysely);
  await strict(
    db.schema
      .createTable('meta')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull()),
    dialect,
  ).execute();

  if (dialect === 'postgres') {
    // The JSON type of a text value ('object', 'array', 'string', …), 'invalid' when it is not
    // JSON, NULL for NULL: SQLite's json_valid and json_type in one.
    await sql`
      create function json_kind(value text) returns text
      language plpgsql immutable strict as $$
      begin
        return json_typeof(value::json);
      exception when invalid_text_representation then
        return 'invalid';
      end
      $$`.execute(db);
  }
}
