import type { Db } from '../db.js';
import type { Notifier } from '../notify/notifier.js';
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
  findIdempotency(keyHash: string): IdempotencyRecord | undefined;
  createdRow(requestId: number): CreatedRow | undefined;
  /** Attachment ids that are unknown or already linked to a request, as `file_unknown` issues. */
  checkAttachments(ids: readonly string[]): FieldIssue[];
  /**
   * In one transaction: the number, the request, its first status, the attachments, the
   * idempotency key and the notification. Nothing is stored unless all of it is.
   */
  create(request: NewRequest, codeHash: string, idempotency: { keyHash: string; bodyHash: string; sealedCode: string }): CreateOutcome;
  /** Forgets idempotency keys older than `before` (ISO); returns how many. */
  purgeIdempotency(before: string): number;
}

export function createRequestStore(db: Db, format: NumberFormat, _notifier: Notifier): RequestStore {
  // Transition, in helper C's branch only (issue 16: helper A moves this store to Kysely): the
  // Notifier now writes through the caller's Kysely transaction, which this synchronous
  // better-sqlite3 transaction cannot give it. The registration's outbox row is written here, in
  // this transaction, as the default Notifier did; a custom Notifier is not called meanwhile.
  const insertOutbox = db.prepare('INSERT INTO notification_outbox (channel, recipient, subject, body, created_at) VALUES (?, ?, ?, ?, ?)');
  const findKey = db.prepare('SELECT request_id, body_hash, sealed_code FROM idempotency_keys WHERE key_hash = ?');
  const selectCreated = db.prepare('SELECT number, created_at, answer_due_at FROM requests WHERE id = ?');
  const selectAttachment = db.prepare('SELECT request_id FROM attachments WHERE id = ?');
  const numberTaken = db.prepare('SELECT 1 FROM requests WHERE number = ?').pluck();
  const insertRequest = db.prepare(
    `INSERT INTO requests (number, lookup_code_hash, type, full_name, phone, email, answer_channel, snils, inn,
       service_number, description, incident_date, incident_time, links, created_at, answer_due_at, status)
     VALUES (@number, @codeHash, @type, @fullName, @phone, @email, @answerChannel, @snils, @inn,
       @serviceNumber, @description, @incidentDate, @incidentTime, @links, @createdAt, @answerDueAt, @status)`,
  );
  const insertHistory = db.prepare(
    `INSERT INTO request_status_history (request_id, status, title, comment, visible_to_citizen, operator, at)
     VALUES (?, ?, ?, NULL, 1, NULL, ?)`,
  );
  const linkAttachment = db.prepare('UPDATE attachments SET request_id = ? WHERE id = ? AND request_id IS NULL');
  const insertKey = db.prepare(
    'INSERT INTO idempotency_keys (key_hash, request_id, body_hash, sealed_code, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const deleteKeys = db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?');

  const toRecord = (row: { request_id: number; body_hash: string; sealed_code: string } | undefined): IdempotencyRecord | undefined =>
    row && { requestId: row.request_id, bodyHash: row.body_hash, sealedCode: row.sealed_code };

  const findIdempotency = (keyHash: string) =>
    toRecord(findKey.get(keyHash) as { request_id: number; body_hash: string; sealed_code: string } | undefined);

  const checkAttachments = (ids: readonly string[]): FieldIssue[] => {
    const issues: FieldIssue[] = [];
    const seen = new Set<string>();
    ids.forEach((id, index) => {
      const row = selectAttachment.get(id) as { request_id: number | null } | undefined;
      if (!row || row.request_id !== null || seen.has(id)) issues.push(fileUnknownIssue(index));
      seen.add(id);
    });
    return issues;
  };

  const createTx = db.transaction(
    (request: NewRequest, codeHash: string, idempotency: { keyHash: string; bodyHash: string; sealedCode: string }): CreatedRow => {
      const existing = findIdempotency(idempotency.keyHash);
      if (existing) throw new Rollback({ kind: 'existing', record: existing });

      let number = allocateNumber(db, format, request.createdAt);
      // A changed REQUEST_NUMBER_FORMAT may meet numbers given out before: skip those.
      while (numberTaken.get(number)) number = allocateNumber(db, format, request.createdAt);

      const createdAt = new Date(request.createdAt).toISOString();
      const answerDueAt = new Date(request.answerDueAt).toISOString();
      const requestId = Number(
        insertRequest.run({
          number,
          codeHash,
          type: request.type,
          fullName: request.fullName,
          phone: request.phone,
          email: request.email,
          answerChannel: request.answerChannel,
          snils: request.snils,
          inn: request.inn,
          serviceNumber: request.serviceNumber,
          description: request.description,
          incidentDate: request.incidentDate,
          incidentTime: request.incidentTime,
          links: JSON.stringify(request.links),
          createdAt,
          answerDueAt,
          status: REGISTERED.status,
        }).lastInsertRowid,
      );
      insertHistory.run(requestId, REGISTERED.status, REGISTERED.title, createdAt);

      const issues: FieldIssue[] = [];
      request.attachments.forEach((id, index) => {
        if (linkAttachment.run(requestId, id).changes !== 1) issues.push(fileUnknownIssue(index));
      });
      if (issues.length > 0) throw new Rollback({ kind: 'attachments', issues });

      insertKey.run(idempotency.keyHash, requestId, idempotency.bodyHash, idempotency.sealedCode, createdAt);
      const message = registrationMessage({
        number,
        type: request.type,
        answerChannel: request.answerChannel,
        phone: request.phone,
        email: request.email ?? undefined,
        answerDueAt: request.answerDueAt,
      });
      insertOutbox.run(message.channel, message.recipient, message.subject ?? null, message.body, createdAt);
      return { number, createdAt, answerDueAt };
    },
  );

  return {
    findIdempotency,
    checkAttachments,
    createdRow(requestId) {
      const row = selectCreated.get(requestId) as { number: string; created_at: string; answer_due_at: string } | undefined;
      return row && { number: row.number, createdAt: row.created_at, answerDueAt: row.answer_due_at };
    },
    create(request, codeHash, idempotency) {
      try {
        return { kind: 'created', row: createTx.immediate(request, codeHash, idempotency) };
      } catch (error) {
        if (error instanceof Rollback) return error.outcome;
        throw error;
      }
    },
    purgeIdempotency: (before) => deleteKeys.run(before).changes,
  };
}
