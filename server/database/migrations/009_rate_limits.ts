import type { Kysely } from 'kysely';
import { context, idColumn, strict } from './portable.js';

/**
 * Rate limits and failure counters shared by every server process on the database (issue 16,
 * http/shared-limits.ts): one row per counted event, `limiter` naming the rule (`lookupFailuresPerIp`),
 * `key` what is counted (an IP, a request number), `at` its time in ms since the epoch. Rows
 * older than their rule's window are swept.
 */
export async function up(kysely: Kysely<any>): Promise<void> {
  const { db, dialect } = context(kysely);
  await strict(
    db.schema
      .createTable('rate_limit_events')
      .addColumn('id', 'integer', idColumn(dialect))
      .addColumn('limiter', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('at', dialect === 'sqlite' ? 'integer' : 'bigint', (c) => c.notNull()),
    dialect,
  ).execute();
  await db.schema.createIndex('rate_limit_events_by_key').on('rate_limit_events').columns(['limiter', 'key', 'at']).execute();
}
