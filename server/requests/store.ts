import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../database/errors.js';
import { lockKey } from '../database/locks.js';
import type { Database } from '../database/schema.js';
import type { Notifier } from '../notify/notifier.js';
import { claimUploads, unclaimableUploads } from '../uploads/index.js';
import type { AnswerChannel, RequestType } from '#protocol/request.js';
import type { FieldIssue } from '#protocol/error.js';
import { ru } from '#i18n/ru.js';
import { registrationMessage } from './messages.js';
import { allocateNumber, type NumberFormat } from './numbering.js';

/** The first status of every request. */
export const REGISTERED = { status: 'registered', title: 'Зарегистрировано' } as const;

/** A request as stored (validated and normalized). */
export interface NewRequest {
  type: RequestType;
  fullName: string;
  /** +7XXXXXXXXXX */
  phone: string;
  email: string | null;
  answerChannel: AnswerChannel;
  snils: string | null;
  inn: string | null;
  serviceNumber: string | null;
  description: string;
  incidentDate: string | null;
  incidentTime: string | null;
  links: string[];
  attachments: string[];
  createdAt: number;
  answerDueAt: number;
}

export interface IdempotencyRecord {
  requestId: number;
  bodyHash: string;
  sealedCode: string;
}

/** What a create call answers (and answers again for a repeated Idempotency-Key). */
export interface CreatedRow {
  number: string;
  createdAt: string;
  answerDueAt: string;
}

export type CreateOutcome =
  | { kind: 'created'; row: CreatedRow }
  /** The key was stored meanwhile by a concurrent call. */
  | { kind: 'existing'; record: IdempotencyRecord }
  | { kind: 'attachments'; issues: FieldIssue[] };

/** Thrown inside the transaction to roll it back with an outcome. */
class Rollback extends Error {
  constructor(readonly outcome: CreateOutcome) {
    super('rollback');
  }
}

export function fileUnknownIssue(index: number): FieldIssue {
  return { path: ['attachments', index], code: 'file_unknown', message: ru.fieldErrors.file_unknown };
}

export interface RequestStore {
  findIdempotency(keyHash: string): Promise<IdempotencyRecord | undefined>;
  createdRow(requestId: number): Promise<CreatedRow | undefined>;
  /** Attachment ids that are unknown, held already (by a request or a chat message) or repeated, as `file_unknown` issues. */
  checkAttachments(ids: readonly string[]): Promise<FieldIssue[]>;
  /**
   * In one transaction: the number, the request, its first status, the attachments, the
   * idempotency key and the notification. Nothing is stored unless all of it is. The same key
   * twice at once stores one request: the second call waits for the first (a lock on the key)
   * and answers `existing`; the key's primary key backs this up.
   */
  create(request: NewRequest, codeHash: string, idempotency: { keyHash: string; bodyHash: string; sealedCode: string }): Promise<CreateOutcome>;
  /** Forgets idempotency keys older than `before` (ISO); returns how many. */
  purgeIdempotency(before: string): Promise<number>;
}

export function createRequestStore(db: Kysely<Database>, format: NumberFormat, notifier: Notifier): RequestStore {
  const findIdempotency = async (executor: Kysely<Database>, keyHash: string): Promise<IdempotencyRecord | undefined> => {
    const row = await executor
      .selectFrom('idempotency_keys')
      .select(['request_id', 'body_hash', 'sealed_code'])
      .where('key_hash', '=', keyHash)
      .executeTakeFirst();
    return row && { requestId: row.request_id, bodyHash: row.body_hash, sealedCode: row.sealed_code };
  };

  const store = async (
    trx: Kysely<Database>,
    request: NewRequest,
    codeHash: string,
    idempotency: { keyHash: string; bodyHash: string; sealedCode: string },
  ): Promise<CreatedRow> => {
    // A concurrent call with the same key waits here until this one commits, then finds its key.
    await lockKey(trx, `requests:idempotency:${idempotency.keyHash}`);
    const existing = await findIdempotency(trx, idempotency.keyHash);
    if (existing) throw new Rollback({ kind: 'existing', record: existing });

    const numberTaken = async (number: string) =>
      (await trx.selectFrom('requests').select('id').where('number', '=', number).executeTakeFirst()) !== undefined;
    let number = await allocateNumber(trx, format, request.createdAt);
    // A changed REQUEST_NUMBER_FORMAT may meet numbers given out before: skip those.
    while (await numberTaken(number)) number = await allocateNumber(trx, format, request.createdAt);

    const createdAt = new Date(request.createdAt).toISOString();
    const answerDueAt = new Date(request.answerDueAt).toISOString();
    const { id: requestId } = await trx
      .insertInto('requests')
      .values({
        number,
        lookup_code_hash: codeHash,
        type: request.type,
        full_name: request.fullName,
        phone: request.phone,
        email: request.email,
        answer_channel: request.answerChannel,
        snils: request.snils,
        inn: request.inn,
        service_number: request.serviceNumber,
        description: request.description,
        incident_date: request.incidentDate,
        incident_time: request.incidentTime,
        links: JSON.stringify(request.links),
        created_at: createdAt,
        answer_due_at: answerDueAt,
        status: REGISTERED.status,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('request_status_history')
      .values({ request_id: requestId, status: REGISTERED.status, title: REGISTERED.title, comment: null, visible_to_citizen: 1, operator: null, at: createdAt })
      .execute();

    // Each upload claimed for this request: one another request or a chat message holds
    // (or takes meanwhile) is refused, and the rollback frees the others (uploads/claims.ts).
    const unclaimed = await claimUploads(trx, request.attachments, 'request');
    if (unclaimed.length > 0) throw new Rollback({ kind: 'attachments', issues: unclaimed.map((index) => fileUnknownIssue(index)) });
    if (request.attachments.length > 0) {
      await trx.updateTable('attachments').set({ request_id: requestId }).where('id', 'in', [...request.attachments]).execute();
    }

    await trx
      .insertInto('idempotency_keys')
      .values({ key_hash: idempotency.keyHash, request_id: requestId, body_hash: idempotency.bodyHash, sealed_code: idempotency.sealedCode, created_at: createdAt })
      .execute();
    await notifier.enqueue(
      trx,
      registrationMessage({
        number,
        type: request.type,
        answerChannel: request.answerChannel,
        phone: request.phone,
        email: request.email ?? undefined,
        answerDueAt: request.answerDueAt,
      }),
    );
    return { number, createdAt, answerDueAt };
  };

  return {
    findIdempotency: (keyHash) => findIdempotency(db, keyHash),
    checkAttachments: async (ids) => (await unclaimableUploads(db, ids)).map((index) => fileUnknownIssue(index)),
    async createdRow(requestId) {
      const row = await db.selectFrom('requests').select(['number', 'created_at', 'answer_due_at']).where('id', '=', requestId).executeTakeFirst();
      return row && { number: row.number, createdAt: row.created_at, answerDueAt: row.answer_due_at };
    },
    async create(request, codeHash, idempotency) {
      try {
        return { kind: 'created', row: await db.transaction().execute((trx) => store(trx, request, codeHash, idempotency)) };
      } catch (error) {
        if (error instanceof Rollback) return error.outcome;
        // The key's primary key: a concurrent call stored it first (should the lock not have
        // been taken); everything of this call was rolled back.
        if (isUniqueViolation(error)) {
          const record = await findIdempotency(db, idempotency.keyHash);
          if (record) return { kind: 'existing', record };
        }
        throw error;
      }
    },
    async purgeIdempotency(before) {
      const result = await db.deleteFrom('idempotency_keys').where('created_at', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
