import type { CallbackStatus } from '#protocol/callback.js';
import type { Db } from '../db.js';
import { moscowYear } from '../time.js';
import { Rollback, withRollback } from '../rollback.js';

/** Callbacks that hold a place (in their slot, or in the ASAP queue). */
export const OPEN_STATUSES: readonly CallbackStatus[] = ['scheduled', 'no_answer'];
const OPEN_SQL = "status IN ('scheduled', 'no_answer')";

/** Callback numbers: `CB-2026-000045` (the Moscow year, six digits and more when needed). */
export function callbackNumber(year: number, seq: number): string {
  return `CB-${year}-${String(seq).padStart(6, '0')}`;
}

export interface CallbackRow {
  id: number;
  number: string;
  phone: string;
  name: string;
  topic: string;
  request_number: string | null;
  comment: string | null;
  conversation_ref: string | null;
  asap: 0 | 1;
  slot_start: string | null;
  window_start: string;
  window_end: string;
  status: CallbackStatus;
  attempts: number;
  retry_at: string | null;
  created_at: string;
}

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
   * The database's revision: a number that changes whenever the database may have changed
   * since the last call, by a write of this connection (any table) or a commit of another (another
   * server on the same file). What is worked out from callbacks may be kept while it stays the
   * same. A cheap query.
   */
  revision(): number;
  findByNumber(number: string): CallbackRow | undefined;
  byId(id: number): CallbackRow | undefined;
  history(callbackId: number): CallbackHistoryRow[];
  findIdempotency(keyHash: string): { callbackId: number; bodyHash: string } | undefined;
  /** Open bookings per slot start (ISO) of slots starting at or after `from` (ISO). */
  takenSlots(from: string): Map<string, number>;
  /** Open ASAP callbacks. */
  asapQueue(): number;
  /**
   * In one immediate transaction: the place is counted (and refused when full), the number
   * given out, the callback, its first history entry and the idempotency key stored.
   */
  create(callback: NewCallback, placement: Placement, idempotency: { keyHash: string; bodyHash: string }): CreateOutcome;
  /**
   * Moves an open callback, atomically: the new place is counted (without the callback itself)
   * and taken in the same transaction that frees the old one.
   */
  reschedule(id: number, placement: Placement, at: number, comment: string): ChangeOutcome;
  /** The citizen cancels: refused (`final`) once called; a cancelled one is `unchanged`. */
  cancel(id: number, at: number, comment: string): ChangeOutcome;
  /** An operator's outcome of a call (refused once called or cancelled). */
  outcome(
    id: number,
    change: { status: 'called' | 'no_answer' | 'cancelled'; retryAt: number | null; note: string | null; operator: string; at: number },
  ): ChangeOutcome;
  /**
   * The queue of one day: callbacks due in [from, to) (ISO), and when `overdueToo`, open ones due
   * before `from`; ordered by when they are due (ASAP by booking, a slot by its start, «no answer»
   * by its retry time).
   */
  queue(range: { from: string; to: string; overdueToo: boolean; status?: CallbackStatus }): CallbackRow[];
  /** Forgets idempotency keys older than `before` (ISO); returns how many. */
  purgeIdempotency(before: string): number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** When a callback is due, in SQL: «no answer» by its retry time, otherwise its window's start. */
const DUE = "CASE WHEN status = 'no_answer' AND retry_at IS NOT NULL THEN retry_at ELSE window_start END";

export function createCallbackStore(db: Db): CallbackStore {
  const COLUMNS = `id, number, phone, name, topic, request_number, comment, conversation_ref, asap, slot_start,
    window_start, window_end, status, attempts, retry_at, created_at`;
  const byNumber = db.prepare(`SELECT ${COLUMNS} FROM callbacks WHERE number = ?`);
  const byId = db.prepare(`SELECT ${COLUMNS} FROM callbacks WHERE id = ?`);
  const history = db.prepare('SELECT status, comment, note, operator, at FROM callback_history WHERE callback_id = ? ORDER BY at, id');
  const findKey = db.prepare('SELECT callback_id, body_hash FROM callback_idempotency_keys WHERE key_hash = ?');
  const slotCount = db.prepare(`SELECT count(*) FROM callbacks WHERE slot_start = ? AND ${OPEN_SQL} AND id != ?`).pluck();
  const asapCount = db.prepare(`SELECT count(*) FROM callbacks WHERE asap = 1 AND ${OPEN_SQL} AND id != ?`).pluck();
  const taken = db.prepare(`SELECT slot_start, count(*) AS n FROM callbacks WHERE slot_start >= ? AND ${OPEN_SQL} GROUP BY slot_start`);
  const nextSeq = db
    .prepare(
      `INSERT INTO callback_sequences (year, last) VALUES (?, 1)
       ON CONFLICT (year) DO UPDATE SET last = last + 1
       RETURNING last`,
    )
    .pluck();
  const numberTaken = db.prepare('SELECT 1 FROM callbacks WHERE number = ?').pluck();
  const insert = db.prepare(
    `INSERT INTO callbacks (number, phone, name, topic, request_number, comment, conversation_ref, asap, slot_start,
       window_start, window_end, status, attempts, retry_at, created_at)
     VALUES (@number, @phone, @name, @topic, @requestNumber, @comment, @conversationRef, @asap, @slotStart,
       @windowStart, @windowEnd, 'scheduled', 0, NULL, @createdAt)`,
  );
  const insertHistory = db.prepare(
    'INSERT INTO callback_history (callback_id, status, comment, note, operator, at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertKey = db.prepare('INSERT INTO callback_idempotency_keys (key_hash, callback_id, body_hash, created_at) VALUES (?, ?, ?, ?)');
  const move = db.prepare(
    `UPDATE callbacks SET asap = @asap, slot_start = @slotStart, window_start = @windowStart, window_end = @windowEnd,
       status = 'scheduled', retry_at = NULL WHERE id = @id`,
  );
  const setStatus = db.prepare('UPDATE callbacks SET status = ?, attempts = attempts + ?, retry_at = ? WHERE id = ?');
  const deleteKeys = db.prepare('DELETE FROM callback_idempotency_keys WHERE created_at < ?');

  const get = (id: number) => byId.get(id) as CallbackRow | undefined;
  const isOpen = (row: CallbackRow) => OPEN_STATUSES.includes(row.status);

  /** Whether `placement` has room, not counting callback `self`. */
  const hasRoom = (placement: Placement, self: number) => {
    const used = placement.asap ? (asapCount.get(self) as number) : (slotCount.get(iso(placement.slotStart), self) as number);
    return used < placement.limit;
  };

  const placementColumns = (placement: Placement) =>
    placement.asap
      ? { asap: 1, slotStart: null, windowStart: iso(placement.windowStart), windowEnd: iso(placement.windowEnd) }
      : { asap: 0, slotStart: iso(placement.slotStart), windowStart: iso(placement.slotStart), windowEnd: iso(placement.windowEnd) };

  const createTx = db.transaction((callback: NewCallback, placement: Placement, idempotency: { keyHash: string; bodyHash: string }) => {
    const existing = findKey.get(idempotency.keyHash) as { callback_id: number; body_hash: string } | undefined;
    if (existing) throw new Rollback<CreateOutcome>({ kind: 'existing', callbackId: existing.callback_id, bodyHash: existing.body_hash });
    if (!hasRoom(placement, 0)) throw new Rollback<CreateOutcome>({ kind: 'full' });

    const year = moscowYear(callback.createdAt);
    let number = callbackNumber(year, nextSeq.get(year) as number);
    while (numberTaken.get(number)) number = callbackNumber(year, nextSeq.get(year) as number);
    const createdAt = iso(callback.createdAt);
    const id = Number(
      insert.run({
        number,
        phone: callback.phone,
        name: callback.name,
        topic: callback.topic,
        requestNumber: callback.requestNumber,
        comment: callback.comment,
        conversationRef: callback.conversationRef,
        ...placementColumns(placement),
        createdAt,
      }).lastInsertRowid,
    );
    insertHistory.run(id, 'scheduled', null, null, null, createdAt);
    insertKey.run(idempotency.keyHash, id, idempotency.bodyHash, createdAt);
    return { kind: 'created', row: get(id)! } satisfies CreateOutcome;
  });

  const rescheduleTx = db.transaction((id: number, placement: Placement, at: number, comment: string): ChangeOutcome => {
    const row = get(id);
    if (!row) throw new Error(`callback ${id} vanished`);
    if (!isOpen(row)) return { kind: 'final', row };
    const same = placement.asap ? row.asap === 1 : row.asap === 0 && row.slot_start === iso(placement.slotStart);
    if (same && row.status === 'scheduled') return { kind: 'unchanged', row };
    if (!same && !hasRoom(placement, id)) return { kind: 'full' };
    move.run({ id, ...placementColumns(placement) });
    insertHistory.run(id, 'scheduled', comment, null, null, iso(at));
    return { kind: 'changed', row: get(id)! };
  });

  const cancelTx = db.transaction((id: number, at: number, comment: string): ChangeOutcome => {
    const row = get(id)!;
    if (row.status === 'cancelled') return { kind: 'unchanged', row };
    if (row.status === 'called') return { kind: 'final', row };
    setStatus.run('cancelled', 0, null, id);
    insertHistory.run(id, 'cancelled', comment, null, null, iso(at));
    return { kind: 'changed', row: get(id)! };
  });

  const outcomeTx = db.transaction(
    (id: number, change: { status: 'called' | 'no_answer' | 'cancelled'; retryAt: number | null; note: string | null; operator: string; at: number }): ChangeOutcome => {
      const row = get(id)!;
      if (!isOpen(row)) return { kind: 'final', row };
      setStatus.run(change.status, change.status === 'no_answer' ? 1 : 0, change.retryAt === null ? null : iso(change.retryAt), id);
      insertHistory.run(id, change.status, null, change.note, change.operator, iso(change.at));
      return { kind: 'changed', row: get(id)! };
    },
  );

  // total_changes(): rows written by this connection since it opened; data_version: changes
  // whenever another connection has committed since this one last looked.
  // (Two statements: cheaper than one that reads both.)
  const totalChanges = db.prepare('SELECT total_changes()').pluck();
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  let seen = { changes: -1, version: -1, revision: 0 };

  return {
    revision() {
      const changes = totalChanges.get() as number;
      const version = dataVersion.get() as number;
      if (changes !== seen.changes || version !== seen.version) seen = { changes, version, revision: seen.revision + 1 };
      return seen.revision;
    },
    findByNumber: (number) => byNumber.get(number) as CallbackRow | undefined,
    byId: get,
    history: (callbackId) => history.all(callbackId) as CallbackHistoryRow[],
    findIdempotency(keyHash) {
      const row = findKey.get(keyHash) as { callback_id: number; body_hash: string } | undefined;
      return row && { callbackId: row.callback_id, bodyHash: row.body_hash };
    },
    takenSlots(from) {
      const rows = taken.all(from) as { slot_start: string; n: number }[];
      return new Map(rows.map((r) => [r.slot_start, r.n]));
    },
    asapQueue: () => asapCount.get(0) as number,
    // BEGIN IMMEDIATE: the write lock is taken before the places are counted, so two processes on
    // one database cannot both count the last place as free.
    create: (callback, placement, idempotency) => withRollback(() => createTx.immediate(callback, placement, idempotency)),
    reschedule: (id, placement, at, comment) => withRollback(() => rescheduleTx.immediate(id, placement, at, comment)),
    cancel: (id, at, comment) => withRollback(() => cancelTx.immediate(id, at, comment)),
    outcome: (id, change) => withRollback(() => outcomeTx.immediate(id, change)),
    queue({ from, to, overdueToo, status }) {
      const clauses = [overdueToo ? `((${DUE}) >= ? AND (${DUE}) < ?) OR ((${DUE}) < ? AND ${OPEN_SQL})` : `(${DUE}) >= ? AND (${DUE}) < ?`];
      const params: unknown[] = overdueToo ? [from, to, from] : [from, to];
      if (status) {
        clauses.push('status = ?');
        params.push(status);
      }
      const sql = `SELECT ${COLUMNS} FROM callbacks WHERE (${clauses[0]})${clauses[1] ? ` AND ${clauses[1]}` : ''} ORDER BY ${DUE}, created_at, id`;
      return db.prepare(sql).all(...params) as CallbackRow[];
    },
    purgeIdempotency: (before) => deleteKeys.run(before).changes,
  };
}
