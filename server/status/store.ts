import type { Db } from '../db.js';
import type { ConfigResponse } from '#protocol/config.js';
import type { RequestStatusView } from '#protocol/status.js';

/** The status vocabulary of the widget configuration (`statuses`): the only codes the server accepts. */
export interface StatusVocabulary {
  has(code: string): boolean;
  /** No further change is expected; unknown codes are not final. */
  isFinal(code: string): boolean;
  /** The Russian label (kept in the history as the title), or the code itself. */
  title(code: string): string;
  readonly codes: readonly string[];
}

export function statusVocabulary(config: ConfigResponse): StatusVocabulary {
  const byCode = new Map(config.statuses.map((status) => [status.code, status]));
  return {
    has: (code) => byCode.has(code),
    isFinal: (code) => byCode.get(code)?.final === true,
    title: (code) => byCode.get(code)?.label.ru ?? code,
    codes: [...byCode.keys()],
  };
}

/** The columns of a request that the status lookup and the operator API read. */
export interface RequestRow {
  id: number;
  number: string;
  lookup_code_hash: string;
  type: string;
  full_name: string;
  phone: string;
  email: string | null;
  answer_channel: string;
  service_number: string | null;
  description: string;
  incident_date: string | null;
  incident_time: string | null;
  links: string;
  created_at: string;
  answer_due_at: string;
  status: string;
}

export interface HistoryRow {
  status: string;
  title: string;
  comment: string | null;
  visible_to_citizen: 0 | 1;
  operator: string | null;
  at: string;
}

export interface AttachmentRow {
  id: string;
  request_id: number | null;
  original_name: string;
  stored_name: string;
  type: string;
  size: number;
}

export interface SearchFilter {
  q?: string;
  status?: string;
  /**
   * `created` (default): newest first. `due`: open requests by answer due date, soonest first,
   * then closed ones (`finalStatuses`) the same way.
   */
  sort?: 'created' | 'due';
  /** The vocabulary's final status codes (for `sort: 'due'`). */
  finalStatuses?: readonly string[];
  limit: number;
  offset: number;
}

export interface StatusStore {
  findByNumber(number: string): RequestRow | undefined;
  history(requestId: number): HistoryRow[];
  attachments(requestId: number): AttachmentRow[];
  attachment(id: string): AttachmentRow | undefined;
  /** Records a status (visible to the citizen, with an optional comment) and makes it the current one. */
  changeStatus(requestId: number, change: { status: string; title: string; comment: string | null; operator: string; at: string }): void;
  /** Records an internal note (never shown to the citizen) under the current status. */
  addNote(requestId: number, note: { status: string; title: string; note: string; operator: string; at: string }): void;
  search(filter: SearchFilter): { total: number; rows: RequestRow[] };
  /** When the current status was set: the last citizen-visible history entry. */
  statusChangedAt(requestId: number): string | undefined;
}

const COLUMNS = `id, number, lookup_code_hash, type, full_name, phone, email, answer_channel, service_number,
  description, incident_date, incident_time, links, created_at, answer_due_at, status`;

/** Digits of a search text as they would appear in a stored phone (`+79123456789` → `79123456789`). */
export function phoneDigits(q: string): string | undefined {
  let digits = q.replace(/\D/g, '');
  if (digits.length < 3 || /[^\d\s()+\-.]/.test(q)) return undefined;
  if (digits.length === 11 && /^[78]/.test(digits)) digits = `7${digits.slice(1)}`;
  return digits;
}

export function createStatusStore(db: Db): StatusStore {
  // Case-insensitive search for Cyrillic too (SQLite's LIKE and lower() fold ASCII only).
  db.function('gs_fold', { deterministic: true }, (value: unknown) => (typeof value === 'string' ? value.toLowerCase().replace(/ё/g, 'е') : null));

  const byNumber = db.prepare(`SELECT ${COLUMNS} FROM requests WHERE number = ?`);
  const history = db.prepare(
    'SELECT status, title, comment, visible_to_citizen, operator, at FROM request_status_history WHERE request_id = ? ORDER BY at, id',
  );
  const lastChange = db
    .prepare('SELECT at FROM request_status_history WHERE request_id = ? AND visible_to_citizen = 1 ORDER BY at DESC, id DESC LIMIT 1')
    .pluck();
  const attachments = db.prepare(
    'SELECT id, request_id, original_name, stored_name, type, size FROM attachments WHERE request_id = ? ORDER BY created_at, rowid',
  );
  const attachment = db.prepare('SELECT id, request_id, original_name, stored_name, type, size FROM attachments WHERE id = ?');
  const insertHistory = db.prepare(
    `INSERT INTO request_status_history (request_id, status, title, comment, visible_to_citizen, operator, at)
     VALUES (@requestId, @status, @title, @comment, @visible, @operator, @at)`,
  );
  const setStatus = db.prepare('UPDATE requests SET status = ? WHERE id = ?');
  const changeTx = db.transaction(
    (requestId: number, change: { status: string; title: string; comment: string | null; operator: string; at: string }) => {
      insertHistory.run({ requestId, ...change, visible: 1 });
      setStatus.run(change.status, requestId);
    },
  );

  const where = (filter: SearchFilter): { sql: string; params: unknown[] } => {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (filter.status) {
      clauses.push('status = ?');
      params.push(filter.status);
    }
    const q = filter.q?.trim();
    if (q) {
      const folded = q.toLowerCase().replace(/ё/g, 'е');
      const parts = [
        'instr(gs_fold(number), ?) > 0',
        'instr(gs_fold(full_name), ?) > 0',
        "instr(gs_fold(coalesce(email, '')), ?) > 0",
        "instr(gs_fold(coalesce(service_number, '')), ?) > 0",
      ];
      params.push(folded, folded, folded, folded);
      const digits = phoneDigits(q);
      if (digits) {
        parts.push('instr(substr(phone, 2), ?) > 0');
        params.push(digits);
      }
      clauses.push(`(${parts.join(' OR ')})`);
    }
    return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
  };

  return {
    findByNumber: (number) => byNumber.get(number) as RequestRow | undefined,
    history: (requestId) => history.all(requestId) as HistoryRow[],
    attachments: (requestId) => attachments.all(requestId) as AttachmentRow[],
    attachment: (id) => attachment.get(id) as AttachmentRow | undefined,
    changeStatus: (requestId, change) => changeTx.immediate(requestId, change),
    addNote(requestId, note) {
      insertHistory.run({ requestId, status: note.status, title: note.title, comment: note.note, visible: 0, operator: note.operator, at: note.at });
    },
    search(filter) {
      const { sql, params } = where(filter);
      const total = db.prepare(`SELECT count(*) FROM requests ${sql}`).pluck().get(...params) as number;
      const finals = filter.finalStatuses ?? [];
      const order =
        filter.sort === 'due'
          ? `${finals.length ? `status IN (${finals.map(() => '?').join(', ')}), ` : ''}answer_due_at, id`
          : 'created_at DESC, id DESC';
      const orderParams = filter.sort === 'due' ? finals : [];
      const rows = db
        .prepare(`SELECT ${COLUMNS} FROM requests ${sql} ORDER BY ${order} LIMIT ? OFFSET ?`)
        .all(...params, ...orderParams, filter.limit, filter.offset) as RequestRow[];
      return { total, rows };
    },
    statusChangedAt: (requestId) => lastChange.get(requestId) as string | undefined,
  };
}

/** Not final and past its due date. */
export function isOverdue(row: Pick<RequestRow, 'status' | 'answer_due_at'>, vocabulary: StatusVocabulary, now: number): boolean {
  return !vocabulary.isFinal(row.status) && now > Date.parse(row.answer_due_at);
}

/** What the citizen may see: the citizen-visible statuses with their comments, never internal notes. */
export function citizenView(store: StatusStore, row: RequestRow, vocabulary: StatusVocabulary, now: number): RequestStatusView {
  const history = store
    .history(row.id)
    .filter((entry) => entry.visible_to_citizen === 1)
    .map((entry) => ({ status: entry.status, at: entry.at, ...(entry.comment ? { comment: entry.comment } : {}) }));
  return {
    number: row.number,
    status: row.status,
    statusChangedAt: history.at(-1)?.at ?? row.created_at,
    createdAt: row.created_at,
    answerDueAt: row.answer_due_at,
    overdue: isOverdue(row, vocabulary, now),
    history,
  };
}
