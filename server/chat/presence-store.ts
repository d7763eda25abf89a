import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database } from '../database/schema.js';

export type OperatorStatus = 'available' | 'away';

/** A connected operator socket as its process knows it. */
export interface PresenceSocket {
  socketId: string;
  operatorName: string;
}

/**
 * The operators' presence in the database (`chat_operator_presence`, migration 012): one row per
 * connected operator socket, shared by every server process on the database, so that all of them
 * count the same operators and may hand a conversation to an operator connected elsewhere.
 * Times (`at`, `freshSince`) are ms since the epoch; a row whose `seen_at` is before `freshSince`
 * belongs to a process that stopped confirming it (it died) and counts as absent.
 */
export interface PresenceStore {
  /**
   * Puts a process's sockets in, or confirms them (`seen_at` = `at`). A new row takes the status
   * of its operator's other fresh rows (they may be on other processes), `available` if none:
   * the status is the operator's, not a socket's.
   */
  upsert(processId: string, sockets: readonly PresenceSocket[], at: number, freshSince: number): Promise<void>;
  remove(socketIds: readonly string[]): Promise<void>;
  /** Every row of a process (its graceful stop). */
  removeProcess(processId: string): Promise<void>;
  /** The socket ids the database holds for a process. */
  socketsOf(processId: string): Promise<string[]>;
  /** The status of every socket of the operator, on every process. */
  setStatus(operatorName: string, status: OperatorStatus): Promise<void>;
  /** Operators (distinct names) with a fresh row that is `available`. */
  availableCount(freshSince: number): Promise<number>;
  /** Whether the operator has a fresh row (available or away). */
  isOnline(operatorName: string, freshSince: number): Promise<boolean>;
  /** Deletes the rows not confirmed since `before` (processes that died); how many. */
  purge(before: number): Promise<number>;
}

/** Rows per INSERT: well under SQLite's bound on the parameters of a statement. */
const BATCH = 200;

export function createPresenceStore(db: Kysely<Database>): PresenceStore {
  return {
    async upsert(processId, sockets, at, freshSince) {
      for (let from = 0; from < sockets.length; from += BATCH) {
        const rows = sockets.slice(from, from + BATCH).map((socket) => ({
          socket_id: socket.socketId,
          operator_name: socket.operatorName,
          status: (eb: ExpressionBuilder<Database, 'chat_operator_presence'>) =>
            eb.fn<OperatorStatus>('coalesce', [
              eb
                .selectFrom('chat_operator_presence as other')
                .select('other.status')
                .where('other.operator_name', '=', socket.operatorName)
                .where('other.seen_at', '>=', freshSince)
                .orderBy('other.seen_at', 'desc')
                .limit(1),
              eb.val('available'),
            ]),
          process_id: processId,
          seen_at: at,
        }));
        await db
          .insertInto('chat_operator_presence')
          .values(rows)
          // An existing row keeps its status (set by the operator meanwhile, perhaps elsewhere).
          .onConflict((oc) =>
            oc.column('socket_id').doUpdateSet((eb) => ({ seen_at: eb.ref('excluded.seen_at'), process_id: eb.ref('excluded.process_id') })),
          )
          .execute();
      }
    },

    async remove(socketIds) {
      for (let from = 0; from < socketIds.length; from += BATCH) {
        await db.deleteFrom('chat_operator_presence').where('socket_id', 'in', socketIds.slice(from, from + BATCH)).execute();
      }
    },

    async removeProcess(processId) {
      await db.deleteFrom('chat_operator_presence').where('process_id', '=', processId).execute();
    },

    async socketsOf(processId) {
      const rows = await db.selectFrom('chat_operator_presence').select('socket_id').where('process_id', '=', processId).execute();
      return rows.map((row) => row.socket_id);
    },

    async setStatus(operatorName, status) {
      await db.updateTable('chat_operator_presence').set({ status }).where('operator_name', '=', operatorName).execute();
    },

    async availableCount(freshSince) {
      const row = await db
        .selectFrom('chat_operator_presence')
        .select((eb) => eb.fn.count<number>('operator_name').distinct().as('n'))
        .where('status', '=', 'available')
        .where('seen_at', '>=', freshSince)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async isOnline(operatorName, freshSince) {
      const row = await db
        .selectFrom('chat_operator_presence')
        .select('socket_id')
        .where('operator_name', '=', operatorName)
        .where('seen_at', '>=', freshSince)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },

    async purge(before) {
      const result = await db.deleteFrom('chat_operator_presence').where('seen_at', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
