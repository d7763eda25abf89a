import type { Kysely } from 'kysely';
import { context, expression, idColumn, normalizedPhone, oneOf, strict } from './portable.js';

/** The callbacks that hold a place: open ones (partial indexes below). */
const OPEN = ['scheduled', 'no_answer'];

/**
 * Callback requests «Обратный звонок»: the callback, its history, the per-year numbering and the
 * idempotency keys of create calls. Times are ISO 8601 UTC strings (`2026-03-02T09:00:00.000Z`).
 */
export async function up(kysely: Kysely<any>): Promise<void> {
  const { db, dialect } = context(kysely);

  await strict(
    db.schema
      .createTable('callbacks')
      .addColumn('id', 'integer', idColumn(dialect))
      // Public number: CB-2026-000045 (the Moscow year and a per-year sequence).
      .addColumn('number', 'text', (c) => c.notNull().unique())
      // Normalized: +7 and 10 digits. The second factor of every citizen call.
      .addColumn('phone', 'text', (c) => c.notNull().check(normalizedPhone('phone', dialect)))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('request_number', 'text')
      // Passport-, СНИЛС- and ИНН-like numbers replaced with «…» before it is stored; never logged.
      .addColumn('comment', 'text')
      .addColumn('conversation_ref', 'text')
      // 1: «как можно скорее» (slot_start NULL); 0: the booked slot starts at slot_start.
      .addColumn('asap', 'integer', (c) => c.notNull().check(oneOf('asap', [0, 1])))
      .addColumn('slot_start', 'text')
      // The promised window: ASAP from its booking to + asapPromiseMinutes; a slot its start and end.
      .addColumn('window_start', 'text', (c) => c.notNull())
      .addColumn('window_end', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', ['scheduled', 'no_answer', 'called', 'cancelled'])))
      // Unanswered attempts so far.
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0).check(expression('attempts >= 0')))
      // After «нет ответа»: the next attempt is due then.
      .addColumn('retry_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addCheckConstraint('callbacks_check', expression('(asap = 1 AND slot_start IS NULL) OR (asap = 0 AND slot_start IS NOT NULL)')),
    dialect,
  ).execute();

  // Places taken in a slot, and the ASAP queue: only open callbacks count.
  await db.schema.createIndex('callbacks_open_by_slot').on('callbacks').column('slot_start').where(oneOf('status', OPEN)).execute();
  await db.schema.createIndex('callbacks_open_asap').on('callbacks').column('asap').where(oneOf('status', OPEN)).execute();
  await db.schema.createIndex('callbacks_by_window').on('callbacks').column('window_start').execute();
  await db.schema.createIndex('callbacks_by_phone').on('callbacks').columns(['phone', 'created_at']).execute();

  // Every status a callback went through, who set it and the operator's note (never shown to the
  // citizen). `comment` is the server's own text for the citizen («Время звонка изменено…»).
  await strict(
    db.schema
      .createTable('callback_history')
      .addColumn('id', 'integer', idColumn(dialect))
      .addColumn('callback_id', 'integer', (c) => c.notNull().references('callbacks.id').onDelete('cascade'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('comment', 'text')
      .addColumn('note', 'text')
      // The operator; NULL for the citizen or the system.
      .addColumn('operator', 'text')
      .addColumn('at', 'text', (c) => c.notNull()),
    dialect,
  ).execute();
  await db.schema.createIndex('callback_history_by_callback').on('callback_history').columns(['callback_id', 'at']).execute();

  // The last callback sequence number given out per Moscow year.
  await strict(
    db.schema
      .createTable('callback_sequences')
      .addColumn('year', 'integer', (c) => c.primaryKey())
      .addColumn('last', 'integer', (c) => c.notNull().check(expression('last > 0'))),
    dialect,
  ).execute();

  // Idempotency-Key of each create call: the same key and body answer the first booking again.
  await strict(
    db.schema
      .createTable('callback_idempotency_keys')
      // sha256 of the key (hex); the key itself is not stored.
      .addColumn('key_hash', 'text', (c) => c.primaryKey())
      .addColumn('callback_id', 'integer', (c) => c.notNull().references('callbacks.id').onDelete('cascade'))
      // sha256 of the validated body in canonical JSON.
      .addColumn('body_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull()),
    dialect,
  ).execute();
  await db.schema.createIndex('callback_idempotency_keys_by_age').on('callback_idempotency_keys').column('created_at').execute();
}
