import type { Kysely, Selectable } from 'kysely';
import type { BOOKING_STATUSES, OfficeService } from '#protocol/offices.js';
import { isUniqueViolation } from '../database/errors.js';
import { lockKey } from '../database/locks.js';
import { databaseRevision } from '../database/revision.js';
import type { BookingsTable, Database, OfficesTable } from '../database/schema.js';
import { moscowYear } from '../time.js';
import type { OfficeDataset, OfficeRecord } from './dataset.js';

export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** Booking numbers: `V-2026-000045` (the Moscow year, six digits and more when needed). */
export function bookingNumber(year: number, seq: number): string {
  return `V-${year}-${String(seq).padStart(6, '0')}`;
}
export const BOOKING_NUMBER = /^V-\d{4}-\d{6,}$/;

/** A booking's row, as read. */
export type BookingRow = Selectable<BookingsTable>;

/** A booking as stored (validated and normalized), with what the citizen is told of the office. */
export interface NewBooking {
  office: OfficeRecord;
  service: OfficeService;
  slotStart: number;
  slotEnd: number;
  name: string;
  phone: string;
  email: string | null;
  createdAt: number;
}

export type CreateOutcome =
  | { kind: 'created'; row: BookingRow }
  /** The key was stored meanwhile by a concurrent call (or before). */
  | { kind: 'existing'; bookingId: number; bodyHash: string }
  /** The slot is full. */
  | { kind: 'full' };

export type CancelOutcome =
  | { kind: 'changed'; row: BookingRow }
  /** Cancelled already: the answer is the booking as it is. */
  | { kind: 'unchanged'; row: BookingRow }
  /** The visit has begun or is over (its start has passed, or it is marked visited / no-show). */
  | { kind: 'past'; row: BookingRow };

/**
 * The offices and services as stored, parsed once: the same objects (frozen) for as long as
 * their rows stay the same, so that what is worked out from them can be kept by identity.
 */
export interface OfficeData {
  /** Every office, in the dataset's order. */
  readonly offices: readonly OfficeRecord[];
  readonly byId: ReadonlyMap<string, OfficeRecord>;
  /** The services with their documents, in the dataset's order. */
  readonly services: readonly OfficeService[];
}

export interface OfficeStore {
  /**
   * Replaces the offices and services with the dataset's, in one transaction (bookings are
   * kept: they hold the office id and their own copy of what the citizen was told). Two servers
   * starting on one database replace the rows one after the other.
   */
  seed(dataset: OfficeDataset): Promise<void>;
  /**
   * The database's revision (database/revision.ts): a number that changes whenever the database
   * may have changed since the last call, by a write of this process (any table: a booking, a
   * cancel, a seed, a statement of a test) or a commit of another (another server on the same
   * database). What is worked out from bookings may be kept while it stays the same. A cheap query.
   */
  revision(): Promise<number>;
  /** The revision and the offices and services as they are in it (see OfficeData). */
  snapshot(): Promise<{ revision: number; data: OfficeData }>;
  /** Every office, in the dataset's order (a new array of the snapshot's records). */
  offices(): Promise<OfficeRecord[]>;
  office(id: string): Promise<OfficeRecord | undefined>;
  /** The services with their documents, in the dataset's order (a new array of the snapshot's). */
  services(): Promise<OfficeService[]>;
  findByNumber(number: string): Promise<BookingRow | undefined>;
  byId(id: number): Promise<BookingRow | undefined>;
  findIdempotency(keyHash: string): Promise<{ bookingId: number; bodyHash: string } | undefined>;
  /** Places taken per slot start (ISO) of one office and service, for slots starting in [from, to) (ISO). */
  taken(officeId: string, service: string, from: string, to: string): Promise<Map<string, number>>;
  /** Bookings of one office with a start in [from, to) (ISO), every status, by start. */
  between(officeId: string, from: string, to: string): Promise<BookingRow[]>;
  /**
   * In one transaction: the idempotency key looked up, the place counted (and refused when full),
   * the number given out, the booking and the key stored. On SQLite the transaction holds the
   * write lock throughout; on PostgreSQL the key and then the slot are locked (lockKey) before
   * they are read, so that two processes cannot both count the last place as free, nor both book
   * under one key.
   */
  create(booking: NewBooking, limit: number, idempotency: { keyHash: string; bodyHash: string }): Promise<CreateOutcome>;
  /** The citizen cancels: a cancelled one is `unchanged`; one whose start has passed is `past`. */
  cancel(id: number, at: number): Promise<CancelOutcome>;
  /** Forgets idempotency keys older than `before` (ISO); returns how many. */
  purgeIdempotency(before: string): Promise<number>;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** An office's row as read (its position only orders the rows). */
type OfficeDbRow = Omit<Selectable<OfficesTable>, 'position'>;

/** Frozen all the way down: records are shared by every answer and by the caches built on them. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

interface ServiceDbRow {
  code: string;
  label_ru: string;
  label_en: string;
  documents: string;
}

const serviceOf = (r: ServiceDbRow): OfficeService => ({
  code: r.code,
  label: { ru: r.label_ru, en: r.label_en },
  documents: JSON.parse(r.documents) as OfficeService['documents'],
});

function officeOf(row: OfficeDbRow): OfficeRecord {
  return {
    id: row.id,
    name: row.name,
    regionCode: row.region_code,
    region: row.region,
    city: row.city,
    address: row.address,
    phone: row.phone,
    lat: row.lat,
    lon: row.lon,
    timeZone: row.time_zone,
    hours: JSON.parse(row.hours) as OfficeRecord['hours'],
    services: JSON.parse(row.services) as string[],
    accessibility: { stepFree: row.step_free === 1, ...(row.access_notes ? { notes: JSON.parse(row.access_notes) as { ru: string; en: string } } : {}) },
    peakHours: JSON.parse(row.peak_hours) as OfficeRecord['peakHours'],
  };
}

const OFFICE_COLUMNS = [
  'id',
  'name',
  'region_code',
  'region',
  'city',
  'address',
  'phone',
  'lat',
  'lon',
  'time_zone',
  'hours',
  'services',
  'step_free',
  'access_notes',
  'peak_hours',
] as const;

const COLUMNS = [
  'id',
  'number',
  'office_id',
  'service',
  'slot_start',
  'slot_end',
  'status',
  'name',
  'phone',
  'email',
  'office_name',
  'address',
  'office_phone',
  'time_zone',
  'documents',
  'created_at',
  'cancelled_at',
] as const;

/** Rows per INSERT of the dataset (well within both databases' limits on parameters). */
const ROWS_PER_INSERT = 500;

/**
 * What the transactions lock on PostgreSQL (lockKey; SQLite's write lock covers them all), always
 * in this order: the dataset; or a key of the idempotency keys or one booking, then a slot.
 */
const LOCKS = {
  dataset: 'offices:dataset',
  idempotency: (keyHash: string) => `offices:idempotency:${keyHash}`,
  booking: (id: number) => `offices:booking:${id}`,
  slot: (officeId: string, service: string, slotStart: string) => `offices:slot:${officeId}:${service}:${slotStart}`,
};

type Db = Kysely<Database>;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function createOfficeStore(db: Db): OfficeStore {
  const revision = databaseRevision(db);
  const get = (on: Db, id: number) => on.selectFrom('bookings').select(COLUMNS).where('id', '=', id).executeTakeFirst() as Promise<BookingRow | undefined>;
  const findKey = async (on: Db, keyHash: string) => {
    const row = await on.selectFrom('booking_idempotency_keys').select(['booking_id', 'body_hash']).where('key_hash', '=', keyHash).executeTakeFirst();
    return row && { bookingId: row.booking_id, bodyHash: row.body_hash };
  };

  /** The parsed offices and services, kept with the rows they came from (compared as text after any change). */
  let kept: { revision: number; rows: string; data: OfficeData } | undefined;
  const snapshot = async (): Promise<{ revision: number; data: OfficeData }> => {
    // The revision first: the rows read after it are at least as new.
    const current = await revision();
    const known = kept;
    if (known?.revision === current) return { revision: current, data: known.data };
    const offices = (await db.selectFrom('offices').select(OFFICE_COLUMNS).orderBy('position').execute()) as OfficeDbRow[];
    const services = (await db.selectFrom('office_services').select(['code', 'label_ru', 'label_en', 'documents']).orderBy('position').execute()) as ServiceDbRow[];
    const rows = JSON.stringify([offices, services]);
    // Another call may have kept another revision meanwhile: the same rows keep the same objects.
    const same = [kept, known].find((k) => k?.rows === rows);
    let data: OfficeData;
    if (same) data = same.data;
    else {
      const records = offices.map((row) => deepFreeze(officeOf(row)));
      data = deepFreeze({ offices: records, byId: new Map(records.map((r) => [r.id, r])), services: services.map(serviceOf) });
    }
    kept = { revision: current, rows, data };
    return { revision: current, data };
  };

  const nextSeq = async (on: Db, year: number): Promise<number> => {
    const row = await on
      .insertInto('booking_sequences')
      .values({ year, last: 1 })
      .onConflict((oc) => oc.column('year').doUpdateSet({ last: (eb) => eb('booking_sequences.last', '+', 1) }))
      .returning('last')
      .executeTakeFirstOrThrow();
    return row.last;
  };
  const numberTaken = async (on: Db, number: string) =>
    (await on.selectFrom('bookings').select('id').where('number', '=', number).executeTakeFirst()) !== undefined;

  const create = (booking: NewBooking, limit: number, idempotency: { keyHash: string; bodyHash: string }) =>
    db.transaction().execute(async (trx): Promise<CreateOutcome> => {
      await lockKey(trx, LOCKS.idempotency(idempotency.keyHash));
      const existing = await findKey(trx, idempotency.keyHash);
      if (existing) return { kind: 'existing', ...existing };
      const slotStart = iso(booking.slotStart);
      await lockKey(trx, LOCKS.slot(booking.office.id, booking.service.code, slotStart));
      const { n } = await trx
        .selectFrom('bookings')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('office_id', '=', booking.office.id)
        .where('service', '=', booking.service.code)
        .where('slot_start', '=', slotStart)
        .where('status', '!=', 'cancelled')
        .executeTakeFirstOrThrow();
      if (Number(n) >= limit) return { kind: 'full' };

      const year = moscowYear(booking.createdAt);
      let number = bookingNumber(year, await nextSeq(trx, year));
      while (await numberTaken(trx, number)) number = bookingNumber(year, await nextSeq(trx, year));
      const createdAt = iso(booking.createdAt);
      const row = (await trx
        .insertInto('bookings')
        .values({
          number,
          office_id: booking.office.id,
          service: booking.service.code,
          slot_start: slotStart,
          slot_end: iso(booking.slotEnd),
          status: 'booked',
          name: booking.name,
          phone: booking.phone,
          email: booking.email,
          office_name: booking.office.name,
          address: booking.office.address,
          office_phone: booking.office.phone,
          time_zone: booking.office.timeZone,
          documents: JSON.stringify(booking.service.documents),
          created_at: createdAt,
          cancelled_at: null,
        })
        .returning(COLUMNS)
        .executeTakeFirstOrThrow()) as BookingRow;
      await trx
        .insertInto('booking_idempotency_keys')
        .values({ key_hash: idempotency.keyHash, booking_id: row.id, body_hash: idempotency.bodyHash, created_at: createdAt })
        .execute();
      return { kind: 'created', row };
    });

  return {
    seed: (dataset) =>
      db.transaction().execute(async (trx) => {
        await lockKey(trx, LOCKS.dataset);
        await trx.deleteFrom('offices').execute();
        await trx.deleteFrom('office_services').execute();
        const services = dataset.services.map((s, position) => ({
          code: s.code,
          position,
          label_ru: s.label.ru,
          label_en: s.label.en,
          documents: JSON.stringify(s.documents),
        }));
        for (const chunk of chunks(services, ROWS_PER_INSERT)) await trx.insertInto('office_services').values(chunk).execute();
        const offices = dataset.offices.map((o, position) => ({
          id: o.id,
          position,
          name: o.name,
          region_code: o.regionCode,
          region: o.region,
          city: o.city,
          address: o.address,
          phone: o.phone,
          lat: o.lat,
          lon: o.lon,
          time_zone: o.timeZone,
          hours: JSON.stringify(o.hours),
          services: JSON.stringify(o.services),
          step_free: o.accessibility.stepFree ? (1 as const) : (0 as const),
          access_notes: o.accessibility.notes ? JSON.stringify(o.accessibility.notes) : null,
          peak_hours: JSON.stringify(o.peakHours),
        }));
        for (const chunk of chunks(offices, ROWS_PER_INSERT)) await trx.insertInto('offices').values(chunk).execute();
      }),
    revision,
    snapshot,
    offices: async () => [...(await snapshot()).data.offices],
    office: async (id) => (await snapshot()).data.byId.get(id),
    services: async () => [...(await snapshot()).data.services],
    findByNumber: (number) => db.selectFrom('bookings').select(COLUMNS).where('number', '=', number).executeTakeFirst() as Promise<BookingRow | undefined>,
    byId: (id) => get(db, id),
    findIdempotency: (keyHash) => findKey(db, keyHash),
    async taken(officeId, service, from, to) {
      const rows = await db
        .selectFrom('bookings')
        .select((eb) => ['slot_start', eb.fn.countAll<number>().as('n')])
        .where('office_id', '=', officeId)
        .where('service', '=', service)
        .where('slot_start', '>=', from)
        .where('slot_start', '<', to)
        .where('status', '!=', 'cancelled')
        .groupBy('slot_start')
        .execute();
      return new Map(rows.map((r) => [r.slot_start, Number(r.n)]));
    },
    between: (officeId, from, to) =>
      db
        .selectFrom('bookings')
        .select(COLUMNS)
        .where('office_id', '=', officeId)
        .where('slot_start', '>=', from)
        .where('slot_start', '<', to)
        .orderBy('slot_start')
        .orderBy('created_at')
        .orderBy('id')
        .execute() as Promise<BookingRow[]>,
    async create(booking, limit, idempotency) {
      try {
        return await create(booking, limit, idempotency);
      } catch (error) {
        // The key stored meanwhile by another process (the lock makes this rare): its booking.
        const existing = isUniqueViolation(error) ? await findKey(db, idempotency.keyHash) : undefined;
        if (existing) return { kind: 'existing', ...existing };
        throw error;
      }
    },
    cancel: (id, at) =>
      db.transaction().execute(async (trx): Promise<CancelOutcome> => {
        await lockKey(trx, LOCKS.booking(id));
        const row = await get(trx, id);
        if (!row) throw new Error(`booking ${id} vanished`);
        if (row.status === 'cancelled') return { kind: 'unchanged', row };
        if (row.status !== 'booked' || Date.parse(row.slot_start) <= at) return { kind: 'past', row };
        const changed = (await trx
          .updateTable('bookings')
          .set({ status: 'cancelled', cancelled_at: iso(at) })
          .where('id', '=', id)
          .returning(COLUMNS)
          .executeTakeFirstOrThrow()) as BookingRow;
        return { kind: 'changed', row: changed };
      }),
    async purgeIdempotency(before) {
      const result = await db.deleteFrom('booking_idempotency_keys').where('created_at', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
