import type { Kysely } from 'kysely';
import type { ContactChannel, SurveyAnswer, SurveyResolved, SurveyView } from '#protocol/quality.js';
import { redactSensitive } from '#protocol/validators.js';
import type { Database } from '../database/schema.js';
import type { FinishedContact, FinishedContactFilter, SurveyRecorder } from './contact.js';
import { surveyLink, surveyMessage } from './messages.js';
import type { SurveyRow, SurveyStore } from './store.js';
import type { SurveyTokens } from './token.js';

/** A feature's finished contacts of one channel (its `finishedContacts` query, wired in app.ts). */
export interface FinishedContactSource {
  channel: ContactChannel;
  finished(filter: FinishedContactFilter): Promise<FinishedContact[]>;
}

/** The `meta` key of the time up to which the sweep has looked (shared by the processes). */
export const SWEPT_UNTIL_KEY = 'surveys_swept_until';
/** The sweep looks back at most this far: a first start does not survey (and message) old contacts. */
export const SWEEP_LOOKBACK_MS = 2 * 24 * 60 * 60 * 1000;
/** And always this far before where it stopped: contacts committed late, or whose recording failed just then. */
export const SWEEP_OVERLAP_MS = 60 * 60 * 1000;

export type AnswerOutcome = { kind: 'answered'; answer: SurveyAnswer } | { kind: 'not_found' } | { kind: 'already_answered' };

export interface SurveyService extends SurveyRecorder {
  /** The survey of a token (made on the spot when its contact has finished but has no row yet); undefined: none. */
  view(token: string): Promise<SurveyView | undefined>;
  answer(token: string, answer: { resolved: SurveyResolved; rating: number; comment?: string | undefined; shareWithOperator: boolean }): Promise<AnswerOutcome>;
  /**
   * Makes the missing survey rows of contacts that finished since the last sweep (visits whose
   * time has passed, and any contact whose recording failed), each with its message; how many.
   */
  sweep(): Promise<number>;
}

export function createSurveyService(options: {
  db: Kysely<Database>;
  store: SurveyStore;
  tokens: SurveyTokens;
  /** The site page with the widget: links in messages lead there. Absent: no messages. */
  publicUrl?: URL | undefined;
  sources: readonly FinishedContactSource[];
  now: () => number;
  log: (error: unknown, message: string) => void;
}): SurveyService {
  const { db, store, tokens, publicUrl, now, log } = options;
  const sources = new Map(options.sources.map((source) => [source.channel, source]));

  /** The row, the message with it when the row is new. */
  const record = (contact: FinishedContact, token: string) =>
    store.create(contact, publicUrl && contact.notify ? surveyMessage(contact.notify, surveyLink(publicUrl, token)) : undefined);

  /**
   * The survey row of a contact; made now (without a message: the citizen is here already) when
   * the contact has finished but its row is missing.
   */
  const ensure = async (channel: ContactChannel, ref: string): Promise<SurveyRow | undefined> => {
    const row = await store.find(channel, ref);
    if (row) return row;
    const [contact] = (await sources.get(channel)?.finished({ ref, to: new Date(now()).toISOString() })) ?? [];
    if (!contact) return undefined;
    await store.create(contact, undefined);
    return store.find(channel, ref);
  };

  const sweptUntil = async () => (await db.selectFrom('meta').select('value').where('key', '=', SWEPT_UNTIL_KEY).executeTakeFirst())?.value;

  return {
    async finished(contact) {
      const token = tokens.issue(contact.channel, contact.ref);
      try {
        await record(contact, token);
        return token;
      } catch (error) {
        log(error, `survey of a finished contact (${contact.channel}) not recorded: the sweep will make it`);
        return undefined;
      }
    },

    async link(channel, ref) {
      const row = await store.find(channel, ref);
      return { token: tokens.issue(channel, ref), answered: row?.answered_at != null };
    },

    async view(token) {
      const contact = tokens.verify(token);
      const row = contact && (await ensure(contact.channel, contact.ref));
      if (!contact || !row) return undefined;
      return {
        channel: contact.channel,
        // A chat's id is no number the citizen knows: the widget names it by its date.
        ...(contact.channel === 'chat' ? {} : { reference: contact.ref }),
        finishedAt: row.finished_at,
        answered: row.answered_at !== null,
      };
    },

    async answer(token, body) {
      const contact = tokens.verify(token);
      const row = contact && (await ensure(contact.channel, contact.ref));
      if (!row) return { kind: 'not_found' };
      if (row.answered_at !== null) return { kind: 'already_answered' };
      // Passport-, СНИЛС- and ИНН-like numbers never reach the database.
      const comment = body.comment ? redactSensitive(body.comment) : null;
      const stored = {
        resolved: body.resolved,
        rating: body.rating,
        comment,
        shareWithOperator: body.shareWithOperator,
        answeredAt: new Date(now()).toISOString(),
      };
      if (!(await store.answer(row.id, stored))) return { kind: 'already_answered' };
      const { comment: kept, ...rest } = stored;
      return { kind: 'answered', answer: { ...rest, ...(kept ? { comment: kept } : {}) } };
    },

    async sweep() {
      const at = now();
      const to = new Date(at).toISOString();
      const mark = Date.parse((await sweptUntil()) ?? '');
      const from = new Date(Math.max(at - SWEEP_LOOKBACK_MS, (Number.isNaN(mark) ? 0 : mark) - SWEEP_OVERLAP_MS)).toISOString();
      let made = 0;
      for (const source of sources.values()) {
        const contacts = await source.finished({ from, to });
        const known = await store.existing(source.channel, contacts.map((contact) => contact.ref));
        for (const contact of contacts) {
          if (known.has(contact.ref)) continue;
          try {
            if (await record(contact, tokens.issue(contact.channel, contact.ref))) made++;
          } catch (error) {
            log(error, `survey of a finished contact (${contact.channel}) not recorded by the sweep`);
          }
        }
      }
      await db
        .insertInto('meta')
        .values({ key: SWEPT_UNTIL_KEY, value: to })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: (eb) => eb.ref('excluded.value') }))
        .execute();
      return made;
    },
  };
}
