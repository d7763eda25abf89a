import { sql, type Kysely } from 'kysely';
import { context, doubleType, expression, idColumn, jsonOfKind, normalizedPhone, oneOf, strict, validJson } from './portable.js';

/**
 * Offices «Мои документы» and booked visits. Offices and services are loaded from the dataset
 * (OFFICES_DATA, demo: demo/data/offices.json) at every start: their rows are replaced, so that
 * edits to the file take effect. Bookings keep the office id and a copy of what the citizen was
 * told (office name, address, phone, zone, documents), so they stay readable when an office
 * changes or leaves the dataset. Times are ISO 8601 UTC strings.
 */
export async function up(kysely: Kysely<any>): Promise<void> {
  const { db, dialect } = context(kysely);

  await strict(
    db.schema
      .createTable('office_services')
      .addColumn('code', 'text', (c) => c.primaryKey())
      // Order of the dataset.
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('label_ru', 'text', (c) => c.notNull())
      .addColumn('label_en', 'text', (c) => c.notNull())
      // [{ "ru": …, "en": … }], in order.
      .addColumn('documents', 'text', (c) => c.notNull().check(jsonOfKind('documents', 'array', dialect))),
    dialect,
  ).execute();

  await strict(
    db.schema
      .createTable('offices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('region', 'text', (c) => c.notNull())
      .addColumn('city', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('phone', 'text', (c) => c.notNull())
      .addColumn('lat', doubleType(dialect), (c) => c.notNull().check(expression('lat BETWEEN -90 AND 90')))
      .addColumn('lon', doubleType(dialect), (c) => c.notNull().check(expression('lon BETWEEN -180 AND 180')))
      // IANA zone; the hours are wall-clock times there.
      .addColumn('time_zone', 'text', (c) => c.notNull())
      // WeeklyHours as JSON (with its timeZone).
      .addColumn('hours', 'text', (c) => c.notNull().check(jsonOfKind('hours', 'object', dialect)))
      // Service codes as a JSON array.
      .addColumn('services', 'text', (c) => c.notNull().check(jsonOfKind('services', 'array', dialect)))
      .addColumn('step_free', 'integer', (c) => c.notNull().check(oneOf('step_free', [0, 1])))
      // { "ru": …, "en": … } or NULL.
      .addColumn('access_notes', 'text', (c) => c.check(sql`access_notes IS NULL OR ${validJson('access_notes', dialect)}`))
      // [{ "from": "10:00", "to": "12:00" }].
      .addColumn('peak_hours', 'text', (c) => c.notNull().check(jsonOfKind('peak_hours', 'array', dialect))),
    dialect,
  ).execute();
  await db.schema.createIndex('offices_by_region').on('offices').columns(['region_code', 'city']).execute();

  await strict(
    db.schema
      .createTable('bookings')
      .addColumn('id', 'integer', idColumn(dialect))
      // Public number: V-2026-000045 (the Moscow year and a per-year sequence).
      .addColumn('number', 'text', (c) => c.notNull().unique())
      // No foreign key: office rows are replaced from the dataset at every start.
      .addColumn('office_id', 'text', (c) => c.notNull())
      .addColumn('service', 'text', (c) => c.notNull())
      .addColumn('slot_start', 'text', (c) => c.notNull())
      .addColumn('slot_end', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', ['booked', 'cancelled', 'visited', 'no_show'])))
      .addColumn('name', 'text', (c) => c.notNull())
      // Normalized: +7 and 10 digits. The second factor of the citizen's cancel; never logged.
      .addColumn('phone', 'text', (c) => c.notNull().check(normalizedPhone('phone', dialect)))
      .addColumn('email', 'text')
      // What the citizen was told at booking time.
      .addColumn('office_name', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('office_phone', 'text', (c) => c.notNull())
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('documents', 'text', (c) => c.notNull().check(jsonOfKind('documents', 'array', dialect)))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('cancelled_at', 'text'),
    dialect,
  ).execute();
  // Places taken in a slot: every booking but a cancelled one.
  await db.schema
    .createIndex('bookings_taken')
    .on('bookings')
    .columns(['office_id', 'service', 'slot_start'])
    .where(expression("status != 'cancelled'"))
    .execute();
  // An office's day (operator list, load by hour).
  await db.schema.createIndex('bookings_by_office_start').on('bookings').columns(['office_id', 'slot_start']).execute();
  await db.schema.createIndex('bookings_by_phone').on('bookings').columns(['phone', 'created_at']).execute();

  // The last booking sequence number given out per Moscow year.
  await strict(
    db.schema
      .createTable('booking_sequences')
      .addColumn('year', 'integer', (c) => c.primaryKey())
      .addColumn('last', 'integer', (c) => c.notNull().check(expression('last > 0'))),
    dialect,
  ).execute();

  // Idempotency-Key of each booking call: the same key and body answer the first booking again.
  await strict(
    db.schema
      .createTable('booking_idempotency_keys')
      // sha256 of the key (hex); the key itself is not stored.
      .addColumn('key_hash', 'text', (c) => c.primaryKey())
      .addColumn('booking_id', 'integer', (c) => c.notNull().references('bookings.id').onDelete('cascade'))
      // sha256 of the office id and the validated body in canonical JSON.
      .addColumn('body_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull()),
    dialect,
  ).execute();
  await db.schema.createIndex('booking_idempotency_keys_by_age').on('booking_idempotency_keys').column('created_at').execute();
}
