import type { BOOKING_STATUSES, OfficeService } from '#protocol/offices.js';
import type { Db } from '../db.js';
import { moscowYear } from '../time.js';
import type { OfficeDataset, OfficeRecord } from './dataset.js';
import { Rollback, withRollback } from '../rollback.js';

export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** Booking numbers: `V-2026-000045` (the Moscow year, six digits and more when needed). */
export function bookingNumber(year: number, seq: number): string {
  return `V-${year}-${String(seq).padStart(6, '0')}`;
}
export const BOOKING_NUMBER = /^V-\d{4}-\d{6,}$/;

/** Bookings that hold their place: all but cancelled ones. */
const TAKEN_SQL = "status != 'cancelled'";

export interface BookingRow {
  id: number;
  number: string;
  office_id: string;
  service: string;
  slot_start: string;
  slot_end: string;
  status: BookingStatus;
  name: string;
  phone: string;
  email: string | null;
  office_name: string;
  address: string;
  office_phone: string;
  time_zone: string;
  /** JSON: [{ ru, en }]. */
  documents: string;
  created_at: string;
  cancelled_at: string | null;
}

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
   * kept: they hold the office id and their own copy of what the citizen was told).
   */
  seed(dataset: OfficeDataset): void;
  /**
   * The database's revision: a number that changes whenever the database may have changed
   * since the last call, by a write of this connection (any table: a booking, a cancel, a
   * seed, a statement of a test) or a commit of another (another server on the same file).
   * What is worked out from bookings may be kept while it stays the same. A cheap query.
   */
  revision(): number;
  /** The revision and the offices and services as they are in it (see OfficeData). */
  snapshot(): { revision: number; data: OfficeData };
  /** Every office, in the dataset's order (a new array of the snapshot's records). */
  offices(): OfficeRecord[];
  office(id: string): OfficeRecord | undefined;
  /** The services with their documents, in the dataset's order (a new array of the snapshot's). */
  services(): OfficeService[];
  findByNumber(number: string): BookingRow | undefined;
  byId(id: number): BookingRow | undefined;
  findIdempotency(keyHash: string): { bookingId: number; bodyHash: string } | undefined;
  /** Places taken per slot start (ISO) of one office and service, for slots starting in [from, to) (ISO). */
  taken(officeId: string, service: string, from: string, to: string): Map<string, number>;
  /** Bookings of one office with a start in [from, to) (ISO), every status, by start. */
  between(officeId: string, from: string, to: string): BookingRow[];
  /**
   * In one immediate transaction: the idempotency key looked up, the place counted (and refused
   * when full), the number given out, the booking and the key stored.
   */
  create(booking: NewBooking, limit: number, idempotency: { keyHash: string; bodyHash: string }): CreateOutcome;
  /** The citizen cancels: a cancelled one is `unchanged`; one whose start has passed is `past`. */
  cancel(id: number, at: number): CancelOutcome;
  /** Forgets idempotency keys older than `before` (ISO); returns how many. */
  purgeIdempotency(before: string): number;
}

const iso = (ms: number) => new Date(ms).toISOString();

interface OfficeDbRow {
  id: string;
  name: string;
  region_code: string;
  region: string;
  city: string;
  address: string;
  phone: string;
  lat: number;
  lon: number;
  time_zone: string;
  hours: string;
  services: string;
  step_free: 0 | 1;
  access_notes: string | null;
  peak_hours: string;
}

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

export function createOfficeStore(db: Db): OfficeStore {
  const OFFICE_COLUMNS = 'id, name, region_code, region, city, address, phone, lat, lon, time_zone, hours, services, step_free, access_notes, peak_hours';
  const allOffices = db.prepare(`SELECT ${OFFICE_COLUMNS} FROM offices ORDER BY position`);
  const allServices = db.prepare('SELECT code, label_ru, label_en, documents FROM office_services ORDER BY position');
  const insertOffice = db.prepare(
    `INSERT INTO offices (id, position, name, region_code, region, city, address, phone, lat, lon, time_zone, hours, services, step_free, access_notes, peak_hours)
     VALUES (@id, @position, @name, @regionCode, @region, @city, @address, @phone, @lat, @lon, @timeZone, @hours, @services, @stepFree, @accessNotes, @peakHours)`,
  );
  const insertService = db.prepare('INSERT INTO office_services (code, position, label_ru, label_en, documents) VALUES (?, ?, ?, ?, ?)');

  const COLUMNS = `id, number, office_id, service, slot_start, slot_end, status, name, phone, email, office_name, address, office_phone,
    time_zone, documents, created_at, cancelled_at`;
  const byNumber = db.prepare(`SELECT ${COLUMNS} FROM bookings WHERE number = ?`);
  const byId = db.prepare(`SELECT ${COLUMNS} FROM bookings WHERE id = ?`);
  const findKey = db.prepare('SELECT booking_id, body_hash FROM booking_idempotency_keys WHERE key_hash = ?');
  const slotCount = db.prepare(`SELECT count(*) FROM bookings WHERE office_id = ? AND service = ? AND slot_start = ? AND ${TAKEN_SQL}`).pluck();
  const takenRows = db.prepare(
    `SELECT slot_start, count(*) AS n FROM bookings WHERE office_id = ? AND service = ? AND slot_start >= ? AND slot_start < ? AND ${TAKEN_SQL}
     GROUP BY slot_start`,
  );
  const between = db.prepare(`SELECT ${COLUMNS} FROM bookings WHERE office_id = ? AND slot_start >= ? AND slot_start < ? ORDER BY slot_start, created_at, id`);
  const nextSeq = db
    .prepare(
      `INSERT INTO booking_sequences (year, last) VALUES (?, 1)
       ON CONFLICT (year) DO UPDATE SET last = last + 1
       RETURNING last`,
    )
    .pluck();
  const numberTaken = db.prepare('SELECT 1 FROM bookings WHERE number = ?').pluck();
  const insert = db.prepare(
    `INSERT INTO bookings (number, office_id, service, slot_start, slot_end, status, name, phone, email, office_name, address, office_phone,
       time_zone, documents, created_at, cancelled_at)
     VALUES (@number, @officeId, @service, @slotStart, @slotEnd, 'booked', @name, @phone, @email, @officeName, @address, @officePhone,
       @timeZone, @documents, @createdAt, NULL)`,
  );
  const insertKey = db.prepare('INSERT INTO booking_idempotency_keys (key_hash, booking_id, body_hash, created_at) VALUES (?, ?, ?, ?)');
  const setCancelled = db.prepare("UPDATE bookings SET status = 'cancelled', cancelled_at = ? WHERE id = ?");
  const deleteKeys = db.prepare('DELETE FROM booking_idempotency_keys WHERE created_at < ?');

  const get = (id: number) => byId.get(id) as BookingRow | undefined;

  // total_changes(): rows written by this connection since it opened; data_version: changes
  // whenever another connection has committed since this one last looked.
  // (Two statements: cheaper than one that reads both.)
  const totalChanges = db.prepare('SELECT total_changes()').pluck();
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  let seen = { changes: -1, version: -1, revision: 0 };
  const revision = (): number => {
    const changes = totalChanges.get() as number;
    const version = dataVersion.get() as number;
    if (changes !== seen.changes || version !== seen.version) seen = { changes, version, revision: seen.revision + 1 };
    return seen.revision;
  };

  /** The parsed offices and services, kept with the rows they came from (compared as text after any change). */
  let kept: { revision: number; rows: string; data: OfficeData } | undefined;
  const snapshot = (): { revision: number; data: OfficeData } => {
    const current = revision();
    if (kept?.revision !== current) {
      const offices = allOffices.all() as OfficeDbRow[];
      const services = allServices.all() as ServiceDbRow[];
      const rows = JSON.stringify([offices, services]);
      if (kept?.rows === rows) kept.revision = current;
      else {
        const records = offices.map((row) => deepFreeze(officeOf(row)));
        kept = {
          revision: current,
          rows,
          data: deepFreeze({ offices: records, byId: new Map(records.map((r) => [r.id, r])), services: services.map(serviceOf) }),
        };
      }
    }
    return { revision: current, data: kept.data };
  };

  const seedTx = db.transaction((dataset: OfficeDataset) => {
    db.exec('DELETE FROM offices; DELETE FROM office_services;');
    dataset.services.forEach((s, position) => insertService.run(s.code, position, s.label.ru, s.label.en, JSON.stringify(s.documents)));
    dataset.offices.forEach((o, position) =>
      insertOffice.run({
        id: o.id,
        position,
        name: o.name,
        regionCode: o.regionCode,
        region: o.region,
        city: o.city,
        address: o.address,
        phone: o.phone,
        lat: o.lat,
        lon: o.lon,
        timeZone: o.timeZone,
        hours: JSON.stringify(o.hours),
        services: JSON.stringify(o.services),
        stepFree: o.accessibility.stepFree ? 1 : 0,
        accessNotes: o.accessibility.notes ? JSON.stringify(o.accessibility.notes) : null,
        peakHours: JSON.stringify(o.peakHours),
      }),
    );
  });

  const createTx = db.transaction((booking: NewBooking, limit: number, idempotency: { keyHash: string; bodyHash: string }) => {
    const existing = findKey.get(idempotency.keyHash) as { booking_id: number; body_hash: string } | undefined;
    if (existing) throw new Rollback<CreateOutcome>({ kind: 'existing', bookingId: existing.booking_id, bodyHash: existing.body_hash });
    const slotStart = iso(booking.slotStart);
    if ((slotCount.get(booking.office.id, booking.service.code, slotStart) as number) >= limit) throw new Rollback<CreateOutcome>({ kind: 'full' });

    const year = moscowYear(booking.createdAt);
    let number = bookingNumber(year, nextSeq.get(year) as number);
    while (numberTaken.get(number)) number = bookingNumber(year, nextSeq.get(year) as number);
    const createdAt = iso(booking.createdAt);
    const id = Number(
      insert.run({
        number,
        officeId: booking.office.id,
        service: booking.service.code,
        slotStart,
        slotEnd: iso(booking.slotEnd),
        name: booking.name,
        phone: booking.phone,
        email: booking.email,
        officeName: booking.office.name,
        address: booking.office.address,
        officePhone: booking.office.phone,
        timeZone: booking.office.timeZone,
        documents: JSON.stringify(booking.service.documents),
        createdAt,
      }).lastInsertRowid,
    );
    insertKey.run(idempotency.keyHash, id, idempotency.bodyHash, createdAt);
    return { kind: 'created', row: get(id)! } satisfies CreateOutcome;
  });

  const cancelTx = db.transaction((id: number, at: number): CancelOutcome => {
    const row = get(id)!;
    if (row.status === 'cancelled') return { kind: 'unchanged', row };
    if (row.status !== 'booked' || Date.parse(row.slot_start) <= at) return { kind: 'past', row };
    setCancelled.run(iso(at), id);
    return { kind: 'changed', row: get(id)! };
  });

  return {
    // BEGIN IMMEDIATE: two servers starting on one database replace the rows one after the other.
    seed: (dataset) => seedTx.immediate(dataset),
    revision,
    snapshot,
    offices: () => [...snapshot().data.offices],
    office: (id) => snapshot().data.byId.get(id),
    services: () => [...snapshot().data.services],
    findByNumber: (number) => byNumber.get(number) as BookingRow | undefined,
    byId: get,
    findIdempotency(keyHash) {
      const row = findKey.get(keyHash) as { booking_id: number; body_hash: string } | undefined;
      return row && { bookingId: row.booking_id, bodyHash: row.body_hash };
    },
    taken(officeId, service, from, to) {
      const rows = takenRows.all(officeId, service, from, to) as { slot_start: string; n: number }[];
      return new Map(rows.map((r) => [r.slot_start, r.n]));
    },
    between: (officeId, from, to) => between.all(officeId, from, to) as BookingRow[],
    // BEGIN IMMEDIATE: the write lock is taken before the places are counted, so two processes on
    // one database cannot both count the last place as free.
    create: (booking, limit, idempotency) => withRollback(() => createTx.immediate(booking, limit, idempotency)),
    cancel: (id, at) => cancelTx.immediate(id, at),
    purgeIdempotency: (before) => deleteKeys.run(before).changes,
  };
}
