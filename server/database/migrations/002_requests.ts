import type { Kysely } from 'kysely';
import { context, expression, idColumn, jsonOfKind, normalizedPhone, oneOf, strict } from './portable.js';

/**
 * Requests «Написать в поддержку»: the request, its status history, attachments, idempotency keys
 * of create calls and the notification outbox. Times are ISO 8601 UTC strings
 * (`2026-03-02T09:00:00.000Z`).
 */
export async function up(kysely: Kysely<any>): Promise<void> {
  const { db, dialect } = context(kysely);

  // One registered request. СНИЛС and ИНН are part of the request and kept as given, but never
  // written to any log.
  await strict(
    db.schema
      .createTable('requests')
      .addColumn('id', 'integer', idColumn(dialect))
      // Public number, e.g. 2026-000123 (format: REQUEST_NUMBER_FORMAT).
      .addColumn('number', 'text', (c) => c.notNull().unique())
      // The lookup code is never stored: scrypt$N$r$p$salt$hash (see requests/lookup-code.ts).
      .addColumn('lookup_code_hash', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('full_name', 'text', (c) => c.notNull())
      // Normalized: +7 and 10 digits.
      .addColumn('phone', 'text', (c) => c.notNull().check(normalizedPhone('phone', dialect)))
      .addColumn('email', 'text')
      .addColumn('answer_channel', 'text', (c) => c.notNull().check(oneOf('answer_channel', ['email', 'sms', 'phone'])))
      .addColumn('snils', 'text')
      .addColumn('inn', 'text')
      .addColumn('service_number', 'text')
      .addColumn('description', 'text', (c) => c.notNull())
      // Fraud reports: YYYY-MM-DD and HH:MM (Moscow), as the citizen gave them.
      .addColumn('incident_date', 'text')
      .addColumn('incident_time', 'text')
      // JSON array of URLs.
      .addColumn('links', 'text', (c) => c.notNull().defaultTo('[]').check(jsonOfKind('links', 'array', dialect)))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('answer_due_at', 'text', (c) => c.notNull())
      // The latest status code (the last row of request_status_history).
      .addColumn('status', 'text', (c) => c.notNull()),
    dialect,
  ).execute();
  await db.schema.createIndex('requests_by_phone').on('requests').columns(['phone', 'created_at']).execute();

  // Every status a request went through; the first is 'registered' («Зарегистрировано»).
  await strict(
    db.schema
      .createTable('request_status_history')
      .addColumn('id', 'integer', idColumn(dialect))
      .addColumn('request_id', 'integer', (c) => c.notNull().references('requests.id').onDelete('cascade'))
      .addColumn('status', 'text', (c) => c.notNull())
      // The status as the citizen reads it: «Зарегистрировано».
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('comment', 'text')
      .addColumn('visible_to_citizen', 'integer', (c) => c.notNull().defaultTo(1).check(oneOf('visible_to_citizen', [0, 1])))
      // Who changed it; NULL for the system (registration).
      .addColumn('operator', 'text')
      .addColumn('at', 'text', (c) => c.notNull()),
    dialect,
  ).execute();
  await db.schema.createIndex('request_status_history_by_request').on('request_status_history').columns(['request_id', 'at']).execute();

  // The last sequence number given out per scope (the Moscow year, or 0 when the number format
  // has no {year}).
  await strict(
    db.schema
      .createTable('request_sequences')
      .addColumn('scope', 'integer', (c) => c.primaryKey())
      .addColumn('last', 'integer', (c) => c.notNull().check(expression('last > 0'))),
    dialect,
  ).execute();

  // Uploaded files, stored under uploads/<stored_name>; linked to a request when it is created.
  await strict(
    db.schema
      .createTable('attachments')
      // Random id the widget lists in a request's `attachments`.
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('request_id', 'integer', (c) => c.references('requests.id').onDelete('cascade'))
      // The citizen's file name, for display only; never part of a path.
      .addColumn('original_name', 'text', (c) => c.notNull())
      // Random file name in the uploads folder.
      .addColumn('stored_name', 'text', (c) => c.notNull().unique())
      // Type from the leading bytes (application/pdf, image/jpeg, image/png).
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull().check(expression('size > 0')))
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull()),
    dialect,
  ).execute();
  await db.schema.createIndex('attachments_by_request').on('attachments').column('request_id').execute();
  await db.schema.createIndex('attachments_unlinked').on('attachments').column('created_at').where(expression('request_id IS NULL')).execute();

  // Idempotency-Key of each create call: the same key and body answer the first request again.
  await strict(
    db.schema
      .createTable('idempotency_keys')
      // sha256 of the key (hex); the key itself is not stored.
      .addColumn('key_hash', 'text', (c) => c.primaryKey())
      .addColumn('request_id', 'integer', (c) => c.notNull().references('requests.id').onDelete('cascade'))
      // sha256 of the validated body in canonical JSON.
      .addColumn('body_hash', 'text', (c) => c.notNull())
      // The lookup code, AES-256-GCM-sealed with a key derived from the Idempotency-Key, so that a
      // repeated call can answer it again and nobody without the key can read it.
      .addColumn('sealed_code', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull()),
    dialect,
  ).execute();
  await db.schema.createIndex('idempotency_keys_by_age').on('idempotency_keys').column('created_at').execute();

  // Messages to send (the default Notifier writes here; a sender sets sent_at).
  await strict(
    db.schema
      .createTable('notification_outbox')
      .addColumn('id', 'integer', idColumn(dialect))
      .addColumn('channel', 'text', (c) => c.notNull().check(oneOf('channel', ['email', 'sms'])))
      .addColumn('recipient', 'text', (c) => c.notNull())
      .addColumn('subject', 'text')
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text'),
    dialect,
  ).execute();
  await db.schema.createIndex('notification_outbox_pending').on('notification_outbox').column('id').where(expression('sent_at IS NULL')).execute();
}
