import { sql, type Kysely, type Selectable } from 'kysely';
import type { CallbackStatus } from '#protocol/callback.js';
import { isUniqueViolation } from '../database/errors.js';
import { lockKey } from '../database/locks.js';
import { databaseRevision } from '../database/revision.js';
import type { CallbacksTable, Database } from '../database/schema.js';
import { moscowYear } from '../time.js';

/** Callbacks that hold a place (in their slot, or in the ASAP queue). */
export const OPEN_STATUSES: readonly CallbackStatus[] = ['scheduled', 'no_answer'];

/** Callback numbers: `CB-2026-000045` (the Moscow year, six digits and more when needed). */
export function callbackNumber(year: number, seq: number): string {
  return `CB-${year}-${String(seq).padStart(6, '0')}`;
}

/** A callback as stored (database/schema.ts). */
export type CallbackRow = Selectable<CallbacksTable>;

export interface CallbackHistoryRow {
  status: CallbackStatus;
  comment: string | null;
  note: string | null;
  operator: string | null;
  at: string;
}

/** A callback as stored (validated and normalized). */
export interface NewCallback {
  phone: string;
  name: string;
  topic: string;
  requestNumber: string | null;
  comment: string | null;
  conversationRef: string | null;
  createdAt: number;
}

/** Where a callback goes: the ASAP queue, or a slot; with the place limit checked in the transaction. */
export type Placement =
  | { asap: true; windowStart: number; windowEnd: number; limit: number }
  | { asap: false; slotStart: number; windowEnd: number; limit: number };

export type CreateOutcome =
  | { kind: 'created'; row: CallbackRow }
  /** The key was stored meanwhile by a concurrent call (or before). */
  | { kind: 'existing'; callbackId: number; bodyHash: string }
  /** The slot or the ASAP queue is full. */
  | { kind: 'full' };

export type ChangeOutcome =
  | { kind: 'changed'; row: CallbackRow }
  /** Nothing to do: the answer is the callback as it is. */
  | { kind: 'unchanged'; row: CallbackRow }
  | { kind: 'full' }
  /** Called or cancelled already: no further change. */
  | { kind: 'final'; row: CallbackRow };

export interface CallbackStore {
  /**
   * The database's revision (database/revision.ts): a number that changes whenever the database
   * may have changed since the last call, by a write of this process (any table) or a commit of
   * another (another server on the same database). What is worked out from callbacks may be kept
   * while it stays the same. A cheap query.
   */
  revision(): Promise<number>;
  findByNumber(number: string): Promise<CallbackRow | undefined>;
  byId(id: number): Promise<CallbackRow | undefined>;
  history(callbackId: number): Promise<CallbackHistoryRow[]>;
  /** The histories of several callbacks (one query per thousand). */
  histories(callbackIds: readonly number[]): Promise<Map<number, CallbackHistoryRow[]>>;
  findIdempotency(keyHash: string): Promise<{ callbackId: number; bodyHash: string } | undefined>;
  /** Open bookings per slot start (ISO) of slots starting at or after `from` (ISO). */
  takenSlots(from: string): Promise<Map<string, number>>;
  /** Open ASAP callbacks. */
  asapQueue(): Promise<number>;
  /**
   * In one transaction: the idempotency key looked up, the place counted (and refused when
   * full), the number given out, the callback, its first history entry and the key stored. On
   * SQLite the transaction holds the write lock throughout; on PostgreSQL the key and then the
   * place are locked (lockKey) before they are read, so that two processes cannot both count the
   * last place as free, nor both book under one key.
   */
  create(callback: NewCallback, placement: Placement, idempotency: { keyHash: string; bodyHash: string }): Promise<CreateOutcome>;
  /**
   * Moves an open callback, atomically: the new place is counted (without the callback itself)
   * and taken in the same transaction that frees the old one.
   */
  reschedule(id: number, placement: Placement, at: number, comment: string): Promise<ChangeOutcome>;
  /** The citizen cancels: refused (`final`) once called; a cancelled one is `unchanged`. */
  cancel(id: number, at: number, comment: string): Promise<ChangeOutcome>;
  /** An operator's outcome of a call (refused once called or cancelled). */
  outcome(
    id: number,
    change: { status: 'called' | 'no_answer' | 'cancelled'; retryAt: number | null; note: string | null; operator: string; at: number },
  ): Promise<ChangeOutcome>;
  /**
   * The queue of one day: callbacks due in [from, to) (ISO), and when `overdueToo`, open ones due
   * before `from`; ordered by when they are due (ASAP by booking, a slot by its start, «no answer»
   * by its retry time).
   */
  queue(range: { from: string; to: string; overdueToo: boolean; status?: CallbackStatus }): Promise<CallbackRow[]>;
  /** Forgets idempotency keys older than `before` (ISO); returns how many. */
  purgeIdempotency(before: string): Promise<number>;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** When a callback is due: «no answer» by its retry time, otherwise its window's start. */
const DUE = sql<string>`CASE WHEN status = 'no_answer' AND retry_at IS NOT NULL THEN retry_at ELSE window_start END`;

const COLUMNS = [
  'id',
  'number',
  'phone',
  'name',
  'topic',
  'request_number',
  'comment',
  'conversation_ref',
  'asap',
  'slot_start',
  'window_start',
  'window_end',
  'status',
  'attempts',
  'retry_at',
  'created_at',
] as const;

/** At most this many ids in one `IN (…)` (both databases take far more parameters). */
const IDS_PER_QUERY = 1000;

/**
 * What the transactions lock on PostgreSQL (lockKey; SQLite's write lock covers them all), always
 * in this order, so that two transactions never wait for each other: a key of the idempotency
 * keys or one callback, then a place.
 */
const LOCKS = {
  idempotency: (keyHash: string) => `callbacks:idempotency:${keyHash}`,
  callback: (id: number) => `callbacks:callback:${id}`,
  place: (placement: Placement) => (placement.asap ? 'callbacks:asap' : `callbacks:slot:${iso(placement.slotStart)}`),
};

type Db = Kysely<Database>;

export function createCallbackStore(db: Db): CallbackStore {
  const get = (on: Db, id: number) => on.selectFrom('callbacks').select(COLUMNS).where('id', '=', id).executeTakeFirst() as Promise<CallbackRow | undefined>;
  const mustGet = async (on: Db, id: number) => {
    const row = await get(on, id);
    if (!row) throw new Error(`callback ${id} vanished`);
    return row;
  };
  const isOpen = (row: CallbackRow) => OPEN_STATUSES.includes(row.status);

  const findKey = async (on: Db, keyHash: string) => {
    const row = await on
      .selectFrom('callback_idempotency_keys')
      .select(['callback_id', 'body_hash'])
      .where('key_hash', '=', keyHash)
      .executeTakeFirst();
    return row && { callbackId: row.callback_id, bodyHash: row.body_hash };
  };

  /** Open callbacks in `placement`'s slot or in the ASAP queue, not counting callback `self`. */
  const used = async (on: Db, placement: Placement | { asap: true }, self?: number): Promise<number> => {
    let query = on
      .selectFrom('callbacks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', 'in', OPEN_STATUSES);
    query = placement.asap ? query.where('asap', '=', 1) : query.where('slot_start', '=', iso(placement.slotStart));
    if (self !== undefined) query = query.where('id', '!=', self);
    return Number((await query.executeTakeFirstOrThrow()).n);
  };
  const hasRoom = async (on: Db, placement: Placement, self?: number) => (await used(on, placement, self)) < placement.limit;

  /** The next number of the year: the sequence bumped in one statement (its row stays locked until the commit). */
  const nextSeq = async (on: Db, year: number): Promise<number> => {
    const row = await on
      .insertInto('callback_sequences')
      .values({ year, last: 1 })
      .onConflict((oc) => oc.column('year').doUpdateSet({ last: (eb) => eb('callback_sequences.last', '+', 1) }))
      .returning('last')
      .executeTakeFirstOrThrow();
    return row.last;
  };
  const numberTaken = async (on: Db, number: string) =>
    (await on.selectFrom('callbacks').select('id').where('number', '=', number).executeTakeFirst()) !== undefined;

  const addHistory = (on: Db, entry: { callbackId: number; status: CallbackStatus; comment: string | null; note: string | null; operator: string | null; at: string }) =>
    on
      .insertInto('callback_history')
      .values({ callback_id: entry.callbackId, status: entry.status, comment: entry.comment, note: entry.note, operator: entry.operator, at: entry.at })
      .execute();

  const placementColumns = (placement: Placement) =>
    placement.asap
      ? { asap: 1 as const, slot_start: null, window_start: iso(placement.windowStart), window_end: iso(placement.windowEnd) }
      : { asap: 0 as const, slot_start: iso(placement.slotStart), window_start: iso(placement.slotStart), window_end: iso(placement.windowEnd) };

  const historyQuery = (ids: readonly number[]) =>
    db
      .selectFrom('callback_history')
      .select(['callback_id', 'status', 'comment', 'note', 'operator', 'at'])
      .where('callback_id', 'in', ids)
      .orderBy('callback_id')
      .orderBy('at')
      .orderBy('id')
      .execute();

  const create = (callback: NewCallback, placement: Placement, idempotency: { keyHash: string; bodyHash: string }) =>
    db.transaction().execute(async (trx): Promise<CreateOutcome> => {
      await lockKey(trx, LOCKS.idempotency(idempotency.keyHash));
      const existing = await findKey(trx, idempotency.keyHash);
      if (existing) return { kind: 'existing', ...existing };
      await lockKey(trx, LOCKS.place(placement));
      if (!(await hasRoom(trx, placement))) return { kind: 'full' };

      const year = moscowYear(callback.createdAt);
      let number = callbackNumber(year, await nextSeq(trx, year));
      while (await numberTaken(trx, number)) number = callbackNumber(year, await nextSeq(trx, year));
      const createdAt = iso(callback.createdAt);
      const row = (await trx
        .insertInto('callbacks')
        .values({
          number,
          phone: callback.phone,
          name: callback.name,
          topic: callback.topic,
          request_number: callback.requestNumber,
          comment: callback.comment,
          conversation_ref: callback.conversationRef,
          ...placementColumns(placement),
          status: 'scheduled',
          attempts: 0,
          retry_at: null,
          created_at: createdAt,
        })
        .returning(COLUMNS)
        .executeTakeFirstOrThrow()) as CallbackRow;
      await addHistory(trx, { callbackId: row.id, status: 'scheduled', comment: null, note: null, operator: null, at: createdAt });
      await trx
        .insertInto('callback_idempotency_keys')
        .values({ key_hash: idempotency.keyHash, callback_id: row.id, body_hash: idempotency.bodyHash, created_at: createdAt })
        .execute();
      return { kind: 'created', row };
    });

  /** Runs `change` on the callback `id` locked (PostgreSQL) in one transaction. */
  const onCallback = (id: number, change: (trx: Db, row: CallbackRow) => Promise<ChangeOutcome>) =>
    db.transaction().execute(async (trx) => {
      await lockKey(trx, LOCKS.callback(id));
      return change(trx, await mustGet(trx, id));
    });

  const setStatus = (on: Db, id: number, status: CallbackStatus, addAttempts: number, retryAt: string | null) =>
    on
      .updateTable('callbacks')
      .set((eb) => ({ status, attempts: eb('attempts', '+', addAttempts), retry_at: retryAt }))
      .where('id', '=', id)
      .returning(COLUMNS)
      .executeTakeFirstOrThrow() as Promise<CallbackRow>;

  return {
    revision: databaseRevision(db),
    findByNumber: (number) => db.selectFrom('callbacks').select(COLUMNS).where('number', '=', number).executeTakeFirst() as Promise<CallbackRow | undefined>,
    byId: (id) => get(db, id),
    history: async (callbackId) => (await historyQuery([callbackId])).map(({ callback_id: _, ...entry }) => entry as CallbackHistoryRow),
    async histories(callbackIds) {
      const out = new Map<number, CallbackHistoryRow[]>(callbackIds.map((id) => [id, []]));
      const ids = [...new Set(callbackIds)];
      for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
        for (const { callback_id, ...entry } of await historyQuery(ids.slice(i, i + IDS_PER_QUERY))) {
          out.get(callback_id)!.push(entry as CallbackHistoryRow);
        }
      }
      return out;
    },
    findIdempotency: (keyHash) => findKey(db, keyHash),
    async takenSlots(from) {
      const rows = await db
        .selectFrom('callbacks')
        .select((eb) => ['slot_start', eb.fn.countAll<number>().as('n')])
        .where('slot_start', '>=', from)
        .where('status', 'in', OPEN_STATUSES)
        .groupBy('slot_start')
        .execute();
      return new Map(rows.map((r) => [r.slot_start!, Number(r.n)]));
    },
    asapQueue: () => used(db, { asap: true }),
    async create(callback, placement, idempotency) {
      try {
        return await create(callback, placement, idempotency);
      } catch (error) {
        // The key stored meanwhile by another process (the lock makes this rare): its booking.
        const existing = isUniqueViolation(error) ? await findKey(db, idempotency.keyHash) : undefined;
        if (existing) return { kind: 'existing', ...existing };
        throw error;
      }
    },
    reschedule: (id, placement, at, comment) =>
      onCallback(id, async (trx, row) => {
        if (!isOpen(row)) return { kind: 'final', row };
        const same = placement.asap ? row.asap === 1 : row.asap === 0 && row.slot_start === iso(placement.slotStart);
        if (same && row.status === 'scheduled') return { kind: 'unchanged', row };
        if (!same) {
          await lockKey(trx, LOCKS.place(placement));
          if (!(await hasRoom(trx, placement, id))) return { kind: 'full' };
        }
        const moved = (await trx
          .updateTable('callbacks')
          .set({ ...placementColumns(placement), status: 'scheduled', retry_at: null })
          .where('id', '=', id)
          .returning(COLUMNS)
          .executeTakeFirstOrThrow()) as CallbackRow;
        await addHistory(trx, { callbackId: id, status: 'scheduled', comment, note: null, operator: null, at: iso(at) });
        return { kind: 'changed', row: moved };
      }),
    cancel: (id, at, comment) =>
      onCallback(id, async (trx, row) => {
        if (row.status === 'cancelled') return { kind: 'unchanged', row };
        if (row.status === 'called') return { kind: 'final', row };
        const changed = await setStatus(trx, id, 'cancelled', 0, null);
        await addHistory(trx, { callbackId: id, status: 'cancelled', comment, note: null, operator: null, at: iso(at) });
        return { kind: 'changed', row: changed };
      }),
    outcome: (id, change) =>
      onCallback(id, async (trx, row) => {
        if (!isOpen(row)) return { kind: 'final', row };
        const changed = await setStatus(trx, id, change.status, change.status === 'no_answer' ? 1 : 0, change.retryAt === null ? null : iso(change.retryAt));
        await addHistory(trx, { callbackId: id, status: change.status, comment: null, note: change.note, operator: change.operator, at: iso(change.at) });
        return { kind: 'changed', row: changed };
      }),
    async queue({ from, to, overdueToo, status }) {
      let query = db
        .selectFrom('callbacks')
        .select(COLUMNS)
        .where((eb) => {
          const dueInRange = eb.and([eb(DUE, '>=', from), eb(DUE, '<', to)]);
          return overdueToo ? eb.or([dueInRange, eb.and([eb(DUE, '<', from), eb('status', 'in', OPEN_STATUSES)])]) : dueInRange;
        });
      if (status) query = query.where('status', '=', status);
      return (await query.orderBy(DUE).orderBy('created_at').orderBy('id').execute()) as CallbackRow[];
    },
    async purgeIdempotency(before) {
      const result = await db.deleteFrom('callback_idempotency_keys').where('created_at', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
