import type { Kysely } from 'kysely';
import { context, expression, jsonOfKind, strict } from './portable.js';

/**
 * The public report (issue 17 point 5, server/report/): a finished month's figures frozen the
 * first time they are computed, so that later edits (a reopened request, a late survey answer, a
 * contact entered afterwards) do not change a month already published. One row per month
 * (`YYYY-MM`, Moscow calendar): the figures as JSON (per channel and in total, before the
 * suppression of small groups, which is applied on every answer), the method's version that
 * computed them and when. No personal data and no operators: counts, medians and shares only.
 * (016 and 017 are other branches' numbers.)
 */
export async function up(kysely: Kysely<any>): Promise<void> {
  const { db, dialect } = context(kysely);
  await strict(
    db.schema
      .createTable('public_reports')
      .addColumn('month', 'text', (c) => c.primaryKey().check(expression(dialect === 'sqlite' ? "month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'" : "month ~ '^[0-9]{4}-[01][0-9]$'")))
      .addColumn('method', 'integer', (c) => c.notNull().check(expression('method >= 1')))
      .addColumn('computed_at', 'text', (c) => c.notNull())
      .addColumn('figures', 'text', (c) => c.notNull().check(jsonOfKind('figures', 'object', dialect))),
    dialect,
  ).execute();
}
