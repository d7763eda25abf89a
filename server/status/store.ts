import { sql, type Expression, type Kysely, type Selectable, type SqlBool } from 'kysely';
import { lockKey } from '../database/locks.js';
import type { AttachmentsTable, Database, RequestsTable } from '../database/schema.js';
import type { ConfigResponse } from '#protocol/config.js';
import type { RequestStatusView } from '#protocol/status.js';
import { COLUMNS } from './request-columns.js';
import { createStageStore, type StageStore } from './stages-store.js';

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
/** A request as stored (database/schema.ts). */
export type RequestRow = Selectable<RequestsTable>;

export interface HistoryRow {
  status: string;
  title: string;
  comment: string | null;
  visible_to_citizen: 0 | 1;
  operator: string | null;
  at: string;
}

export type AttachmentRow = Pick<Selectable<AttachmentsTable>, 'id' | 'request_id' | 'original_name' | 'stored_name' | 'type' | 'size'>;

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

/** A status change as the operator asks for it. */
export interface StatusChange {
  status: string;
  title: string;
  comment: string | null;
  operator: string;
  at: string;
}

export type ChangeOutcome =
  | { kind: 'changed'; row: RequestRow }
  /** The request already has that status and there is no comment: nothing was recorded. */
  | { kind: 'same'; status: string }
  | { kind: 'not_found' };

export interface StatusStore {
  findByNumber(number: string): Promise<RequestRow | undefined>;
  history(requestId: number): Promise<HistoryRow[]>;
  attachments(requestId: number): Promise<AttachmentRow[]>;
  attachment(id: string): Promise<AttachmentRow | undefined>;
  /**
   * Records a status (visible to the citizen, with an optional comment) and makes it the current
   * one, in one transaction that first locks the request: the «same status, no comment» check is
   * made on the status as it is, so that two operators (or a double click) asking for the same
   * change at once record it once.
   */
  changeStatus(number: string, change: StatusChange): Promise<ChangeOutcome>;
  /** Records an internal note (never shown to the citizen) under the current status. */
  addNote(requestId: number, note: { status: string; title: string; note: string; operator: string; at: string }): Promise<void>;
  search(filter: SearchFilter): Promise<{ total: number; rows: RequestRow[] }>;
  /** When the current status was set: the last citizen-visible history entry. */
  statusChangedAt(requestId: number): Promise<string | undefined>;
  /** Quality control: the review, the analysis and the reopenings (stages-store.ts). */
  readonly stages: StageStore;
}


const ATTACHMENT_COLUMNS = ['id', 'request_id', 'original_name', 'stored_name', 'type', 'size'] as const;

/** Digits of a search text as they would appear in a stored phone (`+79123456789` → `79123456789`). */
export function phoneDigits(q: string): string | undefined {
  let digits = q.replace(/\D/g, '');
  if (digits.length < 3 || /[^\d\s()+\-.]/.test(q)) return undefined;
  if (digits.length === 11 && /^[78]/.test(digits)) digits = `7${digits.slice(1)}`;
  return digits;
}

/** How search text is folded: lower case, ё as е (the same rule as `foldedColumn` in SQL). */
export const foldText = (text: string): string => text.toLowerCase().replace(/ё/g, 'е');

const RUSSIAN_CAPITALS = 'АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ';

/**
 * A column folded for a case-insensitive search, in SQL that runs as written on SQLite and on
 * PostgreSQL: `lower()` (ASCII on SQLite, and on PostgreSQL whatever its locale folds) and then
 * the Russian capitals and ё one by one, so that Latin and Russian letters fold alike on both.
 */
function foldedColumn(column: string): Expression<string> {
  let folded = sql<string>`lower(coalesce(${sql.ref(column)}, ''))`;
  for (const capital of RUSSIAN_CAPITALS) folded = sql<string>`replace(${folded}, ${sql.lit(capital)}, ${sql.lit(capital.toLowerCase())})`;
  return sql<string>`replace(replace(${folded}, ${sql.lit('Ё')}, ${sql.lit('е')}), ${sql.lit('ё')}, ${sql.lit('е')})`;
}

/** `%text%` for LIKE with a backslash as ESCAPE: the text's own `%`, `_` and backslashes match themselves. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function createStatusStore(db: Kysely<Database>): StatusStore {
  const findByNumber = (executor: Kysely<Database>, number: string) =>
    executor.selectFrom('requests').select(COLUMNS).where('number', '=', number).executeTakeFirst() as Promise<RequestRow | undefined>;

  const matches = (filter: SearchFilter) => {
    let query = db.selectFrom('requests');
    if (filter.status) query = query.where('status', '=', filter.status);
    const q = filter.q?.trim();
    if (q) {
      const pattern = containing(foldText(q));
      const like = (column: string) => sql<SqlBool>`${foldedColumn(column)} like ${pattern} escape ${sql.lit('\\')}`;
      const digits = phoneDigits(q);
      query = query.where((eb) =>
        eb.or([
          like('number'),
          like('full_name'),
          like('email'),
          like('service_number'),
          ...(digits ? [sql<SqlBool>`substr(phone, 2) like ${`%${digits}%`}`] : []),
        ]),
      );
    }
    return query;
  };

  return {
    stages: createStageStore(db),
    findByNumber: (number) => findByNumber(db, number),
    history: (requestId) =>
      db
        .selectFrom('request_status_history')
        .select(['status', 'title', 'comment', 'visible_to_citizen', 'operator', 'at'])
        .where('request_id', '=', requestId)
        .orderBy('at')
        .orderBy('id')
        .execute(),
    attachments: (requestId) =>
      db.selectFrom('attachments').select(ATTACHMENT_COLUMNS).where('request_id', '=', requestId).orderBy('created_at').orderBy('id').execute(),
    attachment: (id) => db.selectFrom('attachments').select(ATTACHMENT_COLUMNS).where('id', '=', id).executeTakeFirst(),
    changeStatus: (number, change) =>
      db.transaction().execute(async (trx): Promise<ChangeOutcome> => {
        const found = await trx.selectFrom('requests').select('id').where('number', '=', number).executeTakeFirst();
        if (!found) return { kind: 'not_found' };
        await lockKey(trx, `requests:status:${found.id}`);
        const row = (await findByNumber(trx, number))!;
        if (change.status === row.status && !change.comment) return { kind: 'same', status: row.status };
        await trx
          .insertInto('request_status_history')
          .values({ request_id: row.id, status: change.status, title: change.title, comment: change.comment, visible_to_citizen: 1, operator: change.operator, at: change.at })
          .execute();
        await trx.updateTable('requests').set({ status: change.status }).where('id', '=', row.id).execute();
        return { kind: 'changed', row: { ...row, status: change.status } };
      }),
    async addNote(requestId, note) {
      await db
        .insertInto('request_status_history')
        .values({ request_id: requestId, status: note.status, title: note.title, comment: note.note, visible_to_citizen: 0, operator: note.operator, at: note.at })
        .execute();
    },
    async search(filter) {
      const { total } = await matches(filter).select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
      const finals = filter.finalStatuses ?? [];
      let query = matches(filter).select(COLUMNS);
      if (filter.sort === 'due') {
        if (finals.length) query = query.orderBy((eb) => eb.case().when('status', 'in', [...finals]).then(1).else(0).end());
        query = query.orderBy('answer_due_at').orderBy('id');
      } else {
        query = query.orderBy('created_at', 'desc').orderBy('id', 'desc');
      }
      const rows = (await query.limit(filter.limit).offset(filter.offset).execute()) as RequestRow[];
      return { total: Number(total), rows };
    },
    async statusChangedAt(requestId) {
      const row = await db
        .selectFrom('request_status_history')
        .select('at')
        .where('request_id', '=', requestId)
        .where('visible_to_citizen', '=', 1)
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row?.at;
    },
  };
}

/** Not final and past its due date. */
export function isOverdue(row: Pick<RequestRow, 'status' | 'answer_due_at'>, vocabulary: StatusVocabulary, now: number): boolean {
  return !vocabulary.isFinal(row.status) && now > Date.parse(row.answer_due_at);
}

/** What the citizen may see: the citizen-visible statuses with their comments, never internal notes. */
export async function citizenView(store: StatusStore, row: RequestRow, vocabulary: StatusVocabulary, now: number): Promise<RequestStatusView> {
  const history = (await store.history(row.id))
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
