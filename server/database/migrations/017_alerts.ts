import type { Kysely } from 'kysely';
import { context, doubleType, expression, idColumn, jsonOfKind, oneOf, strict } from './portable.js';

const KINDS = ['chat_wait', 'overdue_share', 'low_ratings'];

/**
 * The supervisor's alerts (issue 17, server/alerts/): one rule row per kind (absent = the
 * defaults, off), and the alerts raised from them. An alert is raised once when its condition
 * becomes true and cleared when it stops holding: at most one open alert per kind and subject
 * (`''` for the line-wide rules, `<channel>:<topic>` for low ratings), which the partial unique
 * index guarantees across processes. Nothing about a citizen: channels, topics and numbers.
 * (016 and 018 are other branches' slots.)
 */
export async function up(kysely: Kysely<any>): Promise<void> {
  const { db, dialect } = context(kysely);
  await strict(
    db.schema
      .createTable('alert_rules')
      .addColumn('kind', 'text', (c) => c.primaryKey().check(oneOf('kind', KINDS)))
      .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(0).check(oneOf('enabled', [0, 1])))
      // The kind's parameters (JSON object), and the e-mail addresses the alert goes to (JSON array).
      .addColumn('params', 'text', (c) => c.notNull().check(jsonOfKind('params', 'object', dialect)))
      .addColumn('recipients', 'text', (c) => c.notNull().defaultTo('[]').check(jsonOfKind('recipients', 'array', dialect)))
      // The chat wait's memory between sweeps: since when the wait has been over its threshold.
      .addColumn('pending_since', 'text')
      .addColumn('updated_at', 'text')
      .addColumn('updated_by', 'text'),
    dialect,
  ).execute();
  await strict(
    db.schema
      .createTable('alerts')
      .addColumn('id', 'integer', idColumn(dialect))
      .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', KINDS)))
      .addColumn('subject', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('channel', 'text', (c) => c.check(oneOf('channel', ['request', 'callback', 'visit', 'chat'])))
      .addColumn('topic', 'text')
      .addColumn('raised_at', 'text', (c) => c.notNull())
      .addColumn('value', doubleType(dialect), (c) => c.notNull())
      .addColumn('threshold', doubleType(dialect), (c) => c.notNull())
      .addColumn('sample', 'integer', (c) => c.notNull())
      .addColumn('cleared_at', 'text')
      .addColumn('acknowledged_at', 'text')
      .addColumn('acknowledged_by', 'text')
      .addCheckConstraint('alerts_acknowledged_whole', expression('(acknowledged_at IS NULL) = (acknowledged_by IS NULL)')),
    dialect,
  ).execute();
  // One open alert per kind and subject, whichever process raises it.
  await db.schema.createIndex('alerts_one_open').on('alerts').columns(['kind', 'subject']).unique().where(expression('cleared_at IS NULL')).execute();
  await db.schema.createIndex('alerts_by_raised').on('alerts').column('raised_at').execute();
}
