import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../kysely.js';

/**
 * PostgreSQL only: the table of Socket.IO's PostgreSQL adapter (realtime.ts), for the packets it
 * cannot pass through NOTIFY (over 8000 bytes, or binary): it inserts them here and notifies the
 * row's id. The adapter deletes rows older than its cleanup interval. SQLite has no adapter (one
 * process), so nothing is made there.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await sql`create table socket_io_attachments (
    id bigserial unique,
    created_at timestamptz default now(),
    payload bytea
  )`.execute(db);
}
