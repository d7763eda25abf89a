import type { Kysely } from 'kysely';
import { context, expression, idColumn, oneOf, strict } from './portable.js';

/**
 * The citizen's survey after a finished contact (issue 17, server/surveys/): one row per contact
 * (`channel` and its reference: a request, callback or booking number, a chat conversation id),
 * made when the contact finishes, answered at most once. No names, phones or e-mails: the
 * contact's topic (request type, callback topic, booking service, chat kind) and the operator
 * who handled it are what the figures need. Times are ISO 8601 UTC strings.
 */
export async function up(kysely: Kysely<any>): Promise<void> {
  const { db, dialect } = context(kysely);
  await strict(
    db.schema
      .createTable('surveys')
      .addColumn('id', 'integer', idColumn(dialect))
      .addColumn('channel', 'text', (c) => c.notNull().check(oneOf('channel', ['request', 'callback', 'visit', 'chat'])))
      .addColumn('contact_ref', 'text', (c) => c.notNull())
      .addColumn('topic', 'text', (c) => c.notNull())
      // Who handled the contact (NULL: nobody in particular, e.g. a visit or an assistant-only chat).
      .addColumn('operator', 'text')
      .addColumn('finished_at', 'text', (c) => c.notNull())
      // The answer: all of it at once, or nothing yet.
      .addColumn('answered_at', 'text')
      .addColumn('resolved', 'text', (c) => c.check(oneOf('resolved', ['yes', 'partly', 'no'])))
      .addColumn('rating', 'integer', (c) => c.check(expression('rating BETWEEN 1 AND 5')))
      .addColumn('comment', 'text')
      // 1: the citizen lets the operator see which contact the answer is about.
      .addColumn('share_with_operator', 'integer', (c) => c.notNull().defaultTo(0).check(oneOf('share_with_operator', [0, 1])))
      .addUniqueConstraint('surveys_one_per_contact', ['channel', 'contact_ref'])
      .addCheckConstraint(
        'surveys_answer_whole',
        expression(
          '(answered_at IS NULL AND resolved IS NULL AND rating IS NULL AND comment IS NULL AND share_with_operator = 0)' +
            ' OR (answered_at IS NOT NULL AND resolved IS NOT NULL AND rating IS NOT NULL)',
        ),
      ),
    dialect,
  ).execute();
  // The operators' list of answers, by answer time; the figures, by finish time.
  await db.schema.createIndex('surveys_answered').on('surveys').column('answered_at').where(expression('answered_at IS NOT NULL')).execute();
  await db.schema.createIndex('surveys_by_finish').on('surveys').column('finished_at').execute();
}
