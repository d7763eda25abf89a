import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * The tables a copy moves, parents before children (foreign keys). Left out on purpose: the
 * migration bookkeeping (the target migrated itself), and what lives for minutes only
 * (`rate_limit_events`, `chat_tickets`, and `chat_operator_presence`: the sockets of processes
 * running now). `test/server/copy-database.test.ts` fails when a table of the schema is in
 * neither list.
 */
export const COPIED_TABLES = [
  'meta',
  'requests',
  'request_status_history',
  'request_sequences',
  'attachments',
  'idempotency_keys',
  'notification_outbox',
  'callbacks',
  'callback_history',
  'callback_sequences',
  'callback_idempotency_keys',
  'office_services',
  'offices',
  'bookings',
  'booking_sequences',
  'booking_idempotency_keys',
  'chat_conversations',
  'chat_messages',
  'chat_message_attachments',
  'chat_ratings',
  'operator_sessions',
  'surveys',
  'request_reviews',
  'request_reopenings',
  'alert_rules',
  'alerts',
  'public_reports',
] as const satisfies readonly (keyof Database)[];

export const NOT_COPIED_TABLES = ['kysely_migration', 'kysely_migration_lock', 'rate_limit_events', 'chat_tickets', 'chat_operator_presence', 'socket_io_attachments'] as const;

/** Rows read and written at a time. */
const BATCH = 500;

export interface CopyReport {
  /** Rows copied, by table. */
  rows: Record<string, number>;
}

/**
 * Copies every row of an existing installation's database (`from`, SQLite) into a new, migrated,
 * empty PostgreSQL database (`to`), in one transaction: all or nothing. Ids are kept (requests
 * point at them, and citizens hold numbers, codes and tokens made from them), so the identity
 * sequences are then moved past the largest id, or the next insert would collide. Refuses a
 * target that already holds any of the copied rows.
 */
export async function copyDatabase(from: Kysely<Database>, to: Kysely<Database>, log: (line: string) => void = () => {}): Promise<CopyReport> {
  const rows: Record<string, number> = {};
  await to.transaction().execute(async (trx) => {
    for (const table of COPIED_TABLES) {
      const existing = await trx.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      if (Number(existing.n) > 0) {
        throw new Error(`The target database is not empty: ${table} has ${existing.n} rows. Copy into a new database.`);
      }
    }
    for (const table of COPIED_TABLES) {
      let copied = 0;
      for (let offset = 0; ; offset += BATCH) {
        // Rows in a stable order (SQLite's rowid), a batch at a time.
        const batch = (await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by rowid limit ${BATCH} offset ${offset}`.execute(from)).rows;
        if (batch.length === 0) break;
        await trx.insertInto(table).values(batch as never).execute();
        copied += batch.length;
      }
      rows[table] = copied;
      log(`${table}: ${copied}`);
    }
    // Identity columns: the next generated id must follow the largest copied one.
    const identities = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema() and is_identity = 'YES'`.execute(trx);
    for (const { table_name: table, column_name: column } of identities.rows) {
      await sql`select setval(pg_get_serial_sequence(${table}, ${column}), coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1, false)`.execute(trx);
    }
  });
  return { rows };
}
