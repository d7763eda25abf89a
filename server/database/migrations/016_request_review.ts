import type { Kysely } from 'kysely';
import { context, expression, idColumn, oneOf, strict } from './portable.js';

/**
 * Quality control of a request (issue 17 point 3, server/status/): the expert review of each
 * resolution round and the supervisor's analysis of it, and the reasons of reopenings. A round is
 * the time from (re)opening to a final status: round 0 until the first reopening, then 1, … (the
 * reopenings are the history's final → non-final changes). One review per round (UNIQUE), the
 * analysis written once into it. Operators' names only: no citizen's data. Times are ISO 8601 UTC.
 */
export async function up(kysely: Kysely<any>): Promise<void> {
  const { db, dialect } = context(kysely);
  await strict(
    db.schema
      .createTable('request_reviews')
      .addColumn('id', 'integer', idColumn(dialect))
      .addColumn('request_id', 'integer', (c) => c.notNull().references('requests.id').onDelete('cascade'))
      .addColumn('round', 'integer', (c) => c.notNull().check(expression('round >= 0')))
      .addColumn('outcome', 'text', (c) => c.notNull().check(oneOf('outcome', ['compliant', 'needs_rework', 'deadline_missed', 'procedure_violated'])))
      .addColumn('note', 'text')
      .addColumn('reviewer', 'text', (c) => c.notNull())
      .addColumn('reviewed_at', 'text', (c) => c.notNull())
      // The supervisor's closing remark: all of it at once, or nothing yet.
      .addColumn('analysis', 'text')
      .addColumn('analyst', 'text')
      .addColumn('analysed_at', 'text')
      .addUniqueConstraint('request_reviews_one_per_round', ['request_id', 'round'])
      .addCheckConstraint(
        'request_reviews_analysis_whole',
        expression('(analysis IS NULL AND analyst IS NULL AND analysed_at IS NULL) OR (analysis IS NOT NULL AND analyst IS NOT NULL AND analysed_at IS NOT NULL)'),
      ),
    dialect,
  ).execute();

  // Why a request went back to work (POST …/reopen): the history entry of the reopening, its reason.
  await strict(
    db.schema
      .createTable('request_reopenings')
      .addColumn('id', 'integer', idColumn(dialect))
      .addColumn('request_id', 'integer', (c) => c.notNull().references('requests.id').onDelete('cascade'))
      .addColumn('history_id', 'integer', (c) => c.notNull().unique().references('request_status_history.id').onDelete('cascade'))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('operator', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull()),
    dialect,
  ).execute();
  await db.schema.createIndex('request_reopenings_by_request').on('request_reopenings').column('request_id').execute();
}
