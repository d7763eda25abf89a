import type { Kysely } from 'kysely';
import { context, oneOf } from './portable.js';

/**
 * The supervisor role (issue 17): a session made with SUPERVISOR_TOKEN is a supervisor's, one made
 * with OPERATOR_TOKEN an operator's. Sessions already there are operators'. (014's slot is the
 * surveys branch's 014_surveys.)
 */
export async function up(kysely: Kysely<any>): Promise<void> {
  const { db } = context(kysely);
  await db.schema
    .alterTable('operator_sessions')
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('operator').check(oneOf('role', ['operator', 'supervisor'])))
    .execute();
}
