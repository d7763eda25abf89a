import type { Kysely, Selectable } from 'kysely';
import type { ContactChannel, SurveyResolved } from '#protocol/quality.js';
import type { Database, SurveysTable } from '../database/schema.js';
import type { Notifier, OutgoingMessage } from '../notify/notifier.js';
import type { FinishedContact } from './contact.js';

export type SurveyRow = Selectable<SurveysTable>;

/** An answer as stored (the comment trimmed, cleaned and redacted already). */
export interface StoredAnswer {
  resolved: SurveyResolved;
  rating: number;
  comment: string | null;
  shareWithOperator: boolean;
  answeredAt: string;
}

export interface AnswerFilter {
  channel?: ContactChannel;
  /** Answered at or after (ISO). */
  from?: string;
  /** Answered before (ISO). */
  to?: string;
  operator?: string;
  limit: number;
  offset: number;
}

export interface SurveyStore {
  find(channel: ContactChannel, ref: string): Promise<SurveyRow | undefined>;
  /**
   * The survey row of a contact, unless there is one (INSERT … ON CONFLICT DO NOTHING: two at once
   * make one), and, only when this call made it, `message` handed to the notifier in the same
   * transaction. Whether this call made it.
   */
  create(contact: FinishedContact, message: OutgoingMessage | undefined): Promise<boolean>;
  /** Which of `refs` of a channel have a survey row. */
  existing(channel: ContactChannel, refs: readonly string[]): Promise<Set<string>>;
  /** Stores the answer unless one is stored: false then (one answer per contact, also at once). */
  answer(id: number, answer: StoredAnswer): Promise<boolean>;
  /** Answered surveys, newest answer first. */
  answers(filter: AnswerFilter): Promise<{ total: number; rows: SurveyRow[] }>;
}

/** At most this many references in one `IN (…)`. */
const REFS_PER_QUERY = 500;

export function createSurveyStore(db: Kysely<Database>, notifier: Notifier): SurveyStore {
  const answered = (filter: AnswerFilter) => {
    let query = db.selectFrom('surveys').where('answered_at', 'is not', null);
    if (filter.channel) query = query.where('channel', '=', filter.channel);
    if (filter.from) query = query.where('answered_at', '>=', filter.from);
    if (filter.to) query = query.where('answered_at', '<', filter.to);
    if (filter.operator) query = query.where('operator', '=', filter.operator);
    return query;
  };

  return {
    find: (channel, ref) => db.selectFrom('surveys').selectAll().where('channel', '=', channel).where('contact_ref', '=', ref).executeTakeFirst(),
    create: (contact, message) =>
      db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('surveys')
          .values({
            channel: contact.channel,
            contact_ref: contact.ref,
            topic: contact.topic,
            operator: contact.operator,
            finished_at: contact.finishedAt,
          })
          .onConflict((oc) => oc.columns(['channel', 'contact_ref']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (inserted && message) await notifier.enqueue(trx, message);
        return inserted !== undefined;
      }),
    async existing(channel, refs) {
      const found = new Set<string>();
      const unique = [...new Set(refs)];
      for (let i = 0; i < unique.length; i += REFS_PER_QUERY) {
        const rows = await db
          .selectFrom('surveys')
          .select('contact_ref')
          .where('channel', '=', channel)
          .where('contact_ref', 'in', unique.slice(i, i + REFS_PER_QUERY))
          .execute();
        for (const row of rows) found.add(row.contact_ref);
      }
      return found;
    },
    async answer(id, answer) {
      const result = await db
        .updateTable('surveys')
        .set({
          answered_at: answer.answeredAt,
          resolved: answer.resolved,
          rating: answer.rating,
          comment: answer.comment,
          share_with_operator: answer.shareWithOperator ? 1 : 0,
        })
        .where('id', '=', id)
        .where('answered_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },
    async answers(filter) {
      const { total } = await answered(filter).select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
      const rows = await answered(filter).selectAll().orderBy('answered_at', 'desc').orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute();
      return { total: Number(total), rows };
    },
  };
}
