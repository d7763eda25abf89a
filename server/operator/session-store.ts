import type { Kysely } from 'kysely';
import type { OperatorRole } from '#protocol/operator.js';
import type { Database } from '../database/schema.js';

/** A live operator session, by the hash of its cookie id. */
export interface StoredSession {
  operatorName: string;
  /** ms since the epoch. */
  expiresAt: number;
  role: OperatorRole;
}

/**
 * Operator sessions in the database (`operator_sessions`), so that every server process sharing
 * it knows every session: one logs in on process A, the next request lands on B.
 */
export interface OperatorSessionStore {
  save(idHash: string, session: StoredSession): Promise<void>;
  /** The session, if it exists and has not expired at `at`. */
  find(idHash: string, at: number): Promise<StoredSession | undefined>;
  remove(idHash: string): Promise<void>;
  /** Removes the sessions expired at `at`. */
  sweep(at: number): Promise<void>;
  /** Live sessions at `at` (for tests). */
  count(at: number): Promise<number>;
}

const iso = (at: number) => new Date(at).toISOString();

export function createOperatorSessionStore(db: Kysely<Database>): OperatorSessionStore {
  return {
    async save(idHash, session) {
      await db
        .insertInto('operator_sessions')
        .values({ id_hash: idHash, operator_name: session.operatorName, expires_at: iso(session.expiresAt), role: session.role })
        .execute();
    },
    async find(idHash, at) {
      const row = await db
        .selectFrom('operator_sessions')
        .select(['operator_name', 'expires_at', 'role'])
        .where('id_hash', '=', idHash)
        .where('expires_at', '>', iso(at))
        .executeTakeFirst();
      return row && { operatorName: row.operator_name, expiresAt: Date.parse(row.expires_at), role: row.role };
    },
    async remove(idHash) {
      await db.deleteFrom('operator_sessions').where('id_hash', '=', idHash).execute();
    },
    async sweep(at) {
      await db.deleteFrom('operator_sessions').where('expires_at', '<=', iso(at)).execute();
    },
    async count(at) {
      const row = await db
        .selectFrom('operator_sessions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('expires_at', '>', iso(at))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
