import type { Kysely } from 'kysely';
import { claimUploads, type StoredFile } from '../uploads/index.js';
import type { ChatAuthor, ChatKind, ChatMessage, ChatStatus, ChatSystemKind } from '#protocol/chat.js';
import type { Locale } from '#protocol/config.js';
import { lockKey } from '../database/locks.js';
import type { Database } from '../database/schema.js';
import type { Notifier, OutgoingMessage } from '../notify/notifier.js';
import { Rollback } from '../rollback.js';

export interface ConversationRow {
  id: string;
  token_hash: string;
  kind: ChatKind;
  summary: string;
  question: string;
  name: string | null;
  contact: string | null;
  locale: Locale;
  status: ChatStatus;
  operator: string | null;
  escalated: 0 | 1;
  escalation_note: string | null;
  unknown_streak: number;
  last_seq: number;
  citizen_read_seq: number;
  operator_read_seq: number;
  queued_at: string | null;
  taken_at: string | null;
  closed_at: string | null;
  closed_by: 'citizen' | 'operator' | 'system' | null;
  verified_subject: string | null;
  verified_name: string | null;
  /** The client's UUID of the opening (`chat:start`'s startId); null for older conversations. */
  start_id: string | null;
  transcripts_sent: number;
  created_at: string;
}

export interface NewConversation {
  id: string;
  tokenHash: string;
  kind: ChatKind;
  summary: string;
  question: string;
  name: string | null;
  contact: string | null;
  locale: Locale;
  /** The person the host site vouches for (identity token), or null. */
  verified: { subject: string; name: string | null } | null;
  /** The client's UUID of the opening: one conversation per startId. */
  startId: string | null;
  at: number;
}

export type CreateOutcome =
  /** A new conversation, with the citizen's question stored as its first message. */
  | { kind: 'created'; row: ConversationRow; message: ChatMessage }
  /** A conversation with this startId exists already (a repeated start): as it is, nothing stored. */
  | { kind: 'existing'; row: ConversationRow };

/** A message to store; `clientId` makes it idempotent within its conversation. */
export interface NewMessage {
  clientId: string | null;
  author: ChatAuthor;
  operatorName?: string | null;
  text: string;
  article?: { id: string; title: string } | null;
  suggestions?: { id: string; title: string }[] | null;
  systemKind?: ChatSystemKind | null;
  /** Upload ids, claimed for the message when it is stored (uploads/claims.ts). */
  attachments?: readonly string[];
  at: number;
}

/**
 * What the conversation must be, checked in the message's transaction (not before it, where
 * another change could slip in between): in one of `status`, and with `operator` when given.
 */
export interface AppendCondition {
  status: readonly ChatStatus[];
  operator?: string;
}

export type AppendOutcome =
  | { kind: 'stored'; message: ChatMessage; duplicate: boolean }
  /** The conversation has MAX_MESSAGES already. */
  | { kind: 'full' }
  /** Attachments (their indexes) unknown, listed twice, or held already by a request or a message. */
  | { kind: 'attachments'; indexes: number[] }
  /** The conversation does not meet the condition (the row as it is, if it exists). */
  | { kind: 'refused'; row: ConversationRow | undefined };

/** A change of a conversation's state with the system line that records it. */
export type ChangeOutcome =
  /** `previousOperator`: who had the conversation just before the change. */
  | { kind: 'changed'; row: ConversationRow; message: ChatMessage; previousOperator: string | null }
  /** Not in a state that allows it (the row as it is, if it exists). */
  | { kind: 'refused'; row: ConversationRow | undefined };

/** A citizen's message is refused past this seq: a flood cannot grow a conversation without bound. */
export const MAX_MESSAGES = 2000;

export interface ChatStore {
  /**
   * In one transaction: the conversation and its opening question (seq 1), unless a conversation
   * with the same startId exists: that one then (`existing`). Of two starts with one startId at
   * once, exactly one creates (the unique index decides, not a look-up that another could pass).
   */
  create(conversation: NewConversation, opening: NewMessage): Promise<CreateOutcome>;
  /** A new token hash for an open conversation (a repeated start); false when it is closed. */
  rotateToken(conversationId: string, tokenHash: string): Promise<boolean>;
  get(id: string): Promise<ConversationRow | undefined>;
  /**
   * In one transaction, the conversation locked: an existing (conversation, clientId) is returned
   * as it is (`duplicate`); otherwise, if the conversation meets `condition`, the next seq is
   * taken, the message and its attachments stored. Of two messages with one client id at once,
   * exactly one is stored; two messages at once never get one seq.
   */
  append(conversationId: string, message: NewMessage, condition?: AppendCondition): Promise<AppendOutcome>;
  /** The message stored with this client id, if any. */
  byClientId(conversationId: string, clientId: string): Promise<ChatMessage | undefined>;
  /** Messages with seq > `after`, in order; at most `limit` of them (all without). */
  messagesAfter(conversationId: string, after: number, limit?: number): Promise<ChatMessage[]>;
  /** Whether the upload is attached to a chat message (an operator may download it). */
  isChatAttachment(id: string): Promise<boolean>;
  /** The upload, when it is attached to a message of this conversation (its citizen may download it). */
  conversationAttachment(conversationId: string, attachmentId: string): Promise<StoredFile | undefined>;
  /** The assistant's answer was unknown (or not): the new streak of unknown answers. */
  recordAssistantAnswer(conversationId: string, unknown: boolean): Promise<number>;
  /** assistant → waiting, with the `queued` line. */
  handoff(conversationId: string, text: string, at: number): Promise<ChangeOutcome>;
  /**
   * waiting → active for `operator`, in one transaction: of two operators taking at once exactly
   * one gets `changed`. Escalated conversations only for a senior.
   */
  take(conversationId: string, operator: string, senior: boolean, text: string, at: number): Promise<ChangeOutcome>;
  /** active (of `from`) → active of `to`. */
  transfer(conversationId: string, from: string, to: string, text: string, at: number): Promise<ChangeOutcome>;
  /** active (of `operator`) → waiting, escalated or not, keeping its first place in the queue. */
  requeue(conversationId: string, operator: string, escalate: { note: string | null } | false, kind: ChatSystemKind, text: string, at: number): Promise<ChangeOutcome>;
  /** Any open state → closed (an operator only closes their own). */
  close(conversationId: string, by: 'citizen' | 'operator' | 'system', operator: string | null, text: string, at: number): Promise<ChangeOutcome>;
  /** Raises the read mark of one side (never lowers it, never past the last seq); the new mark. */
  markRead(conversationId: string, by: 'citizen' | 'operator', seq: number): Promise<number>;
  /** Stores the rating once: false when it was rated before. */
  rate(conversationId: string, score: number, comment: string | null, at: number): Promise<boolean>;
  rated(conversationId: string): Promise<boolean>;
  /**
   * In one transaction: counts a transcript e-mail and hands `compose(conversation, messages)` to
   * the notifier, unless `max` were sent: false then (nothing counted, nothing sent).
   */
  sendTranscript(
    conversationId: string,
    max: number,
    compose: (row: ConversationRow, messages: ChatMessage[]) => OutgoingMessage,
  ): Promise<boolean>;
  /** Waiting conversations, first in line first (escalated ones ahead). */
  waiting(): Promise<ConversationRow[]>;
  /** Active conversations of an operator. */
  activeOf(operator: string): Promise<ConversationRow[]>;
  /** The operator's conversations closed since `since` (ISO), newest first, at most `limit`. */
  closedOf(operator: string, since: string, limit: number): Promise<ConversationRow[]>;
  /** The citizen's rating of a conversation, if given. */
  ratingOf(conversationId: string): Promise<{ score: number; comment: string | null } | undefined>;
  /** Open conversations whose last message is older than `before` (ms): abandoned ones. */
  idleSince(before: number): Promise<string[]>;
  /** How long (ms) the last `limit` conversations closed by operators were handled. */
  recentHandlingMs(limit: number, since: number): Promise<number[]>;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The lock of one conversation (database/locks.ts): its messages' seq, its state changes. */
const conversationKey = (id: string) => `chat:conversation:${id}`;

/** A system line's fields. */
interface Line {
  kind: ChatSystemKind;
  text: string;
  operator: string | null;
  at: number;
}

/** Runs a transaction; a Rollback thrown inside rolls it back and becomes the answer. */
async function orRollback<T>(transaction: () => Promise<T>): Promise<T> {
  try {
    return await transaction();
  } catch (error) {
    if (error instanceof Rollback) return error.outcome as T;
    throw error;
  }
}

/**
 * The chat's tables on Kysely: one code path for SQLite and PostgreSQL. Every write of more than
 * one statement is one transaction, and a transaction that reads a conversation to decide a write
 * first takes that conversation's lock (`chat:conversation:<id>`): PostgreSQL's advisory lock, the
 * IMMEDIATE write lock on SQLite. `notifier` gets the transcript e-mails in their transaction.
 */
export function createChatStore(db: Kysely<Database>, notifier: Notifier): ChatStore {
  const get = async (q: Kysely<Database>, id: string): Promise<ConversationRow | undefined> =>
    (await q.selectFrom('chat_conversations').selectAll().where('id', '=', id).executeTakeFirst()) as ConversationRow | undefined;

  const messageRows = (q: Kysely<Database>) =>
    q
      .selectFrom('chat_messages')
      .select(['id', 'conversation_id', 'seq', 'client_id', 'author', 'operator_name', 'text', 'article_id', 'article_title', 'suggestions', 'system_kind', 'created_at']);
  type MessageDbRow = Awaited<ReturnType<ReturnType<typeof messageRows>['executeTakeFirstOrThrow']>>;

  /** `withFiles`: false when none of `rows` can have attachments (nothing to look up). */
  const toMessages = async (q: Kysely<Database>, rows: MessageDbRow[], withFiles = true): Promise<ChatMessage[]> => {
    const files = new Map<number, ChatMessage['attachments']>();
    if (withFiles && rows.length > 0) {
      const attached = await q
        .selectFrom('chat_message_attachments as m')
        .innerJoin('attachments as a', 'a.id', 'm.attachment_id')
        .select(['m.message_id', 'a.id', 'a.original_name', 'a.type', 'a.size'])
        .where(
          'm.message_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('m.message_id')
        .orderBy('m.position')
        .execute();
      for (const a of attached) {
        const list = files.get(a.message_id) ?? [];
        list.push({ id: a.id, name: a.original_name, type: a.type, size: a.size });
        files.set(a.message_id, list);
      }
    }
    return rows.map((row) => {
      const message: ChatMessage = {
        conversationId: row.conversation_id,
        seq: row.seq,
        clientId: row.client_id,
        author: row.author,
        text: row.text,
        attachments: files.get(row.id) ?? [],
        createdAt: row.created_at,
      };
      if (row.operator_name !== null) message.operatorName = row.operator_name;
      if (row.article_id !== null) message.article = { id: row.article_id, title: row.article_title ?? '' };
      if (row.suggestions !== null) message.suggestions = JSON.parse(row.suggestions) as { id: string; title: string }[];
      if (row.system_kind !== null) message.systemKind = row.system_kind as ChatSystemKind;
      return message;
    });
  };

  const byClientId = async (q: Kysely<Database>, conversationId: string, clientId: string): Promise<ChatMessage | undefined> => {
    const row = await messageRows(q).where('conversation_id', '=', conversationId).where('client_id', '=', clientId).executeTakeFirst();
    return row && (await toMessages(q, [row]))[0];
  };

  const messagesAfter = async (q: Kysely<Database>, conversationId: string, after: number, limit?: number): Promise<ChatMessage[]> => {
    let query = messageRows(q).where('conversation_id', '=', conversationId).where('seq', '>', after).orderBy('seq');
    if (limit !== undefined) query = query.limit(limit);
    return toMessages(q, await query.execute());
  };

  /** Inside a transaction that holds the conversation's lock: the message stored with the next seq. */
  const insert = async (trx: Kysely<Database>, conversationId: string, message: NewMessage): Promise<ChatMessage> => {
    // One statement takes the next seq (and locks the row on PostgreSQL until the end).
    const next = await trx
      .updateTable('chat_conversations')
      .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
      .where('id', '=', conversationId)
      .returning('last_seq')
      .executeTakeFirst();
    if (next === undefined) throw new Error(`conversation ${conversationId} vanished`);
    const seq = next.last_seq;
    // Only the citizen's messages are capped: the server's own lines follow from them or from operators.
    if (seq > MAX_MESSAGES && message.author === 'citizen') throw new Rollback<AppendOutcome>({ kind: 'full' });
    const attachments = message.attachments ?? [];
    // Each upload claimed for this message: one a request or another message holds (or takes
    // meanwhile) is refused, and the rollback frees the others (uploads/claims.ts).
    const unclaimed = await claimUploads(trx, attachments, 'chat');
    if (unclaimed.length > 0) throw new Rollback<AppendOutcome>({ kind: 'attachments', indexes: unclaimed });
    const row = await trx
      .insertInto('chat_messages')
      .values({
        conversation_id: conversationId,
        seq,
        client_id: message.clientId,
        author: message.author,
        operator_name: message.operatorName ?? null,
        text: message.text,
        article_id: message.article?.id ?? null,
        article_title: message.article?.title ?? null,
        suggestions: message.suggestions ? JSON.stringify(message.suggestions) : null,
        system_kind: message.systemKind ?? null,
        created_at: iso(message.at),
      })
      .returning(['id', 'conversation_id', 'seq', 'client_id', 'author', 'operator_name', 'text', 'article_id', 'article_title', 'suggestions', 'system_kind', 'created_at'])
      .executeTakeFirstOrThrow();
    if (attachments.length > 0) {
      await trx
        .insertInto('chat_message_attachments')
        .values(attachments.map((attachmentId, position) => ({ message_id: row.id, attachment_id: attachmentId, position })))
        .execute();
    }
    return (await toMessages(trx, [row], attachments.length > 0))[0]!;
  };

  const meets = (row: ConversationRow, condition: AppendCondition) =>
    condition.status.includes(row.status) && (condition.operator === undefined || row.operator === condition.operator);

  /**
   * A transaction: the conversation locked, `update` (one conditional UPDATE: 0 or 1 rows) and,
   * when it changed the row, the system line.
   */
  const change = (conversationId: string, update: (trx: Kysely<Database>) => Promise<bigint>, line: Line): Promise<ChangeOutcome> =>
    db.transaction().execute(async (trx): Promise<ChangeOutcome> => {
      await lockKey(trx, conversationKey(conversationId));
      const before = await get(trx, conversationId);
      if (!before || (await update(trx)) !== 1n) return { kind: 'refused', row: before };
      const message = await insert(trx, conversationId, { clientId: null, author: 'system', operatorName: line.operator, text: line.text, systemKind: line.kind, at: line.at });
      return { kind: 'changed', row: (await get(trx, conversationId))!, message, previousOperator: before.operator };
    });

  const updated = async (query: { executeTakeFirst(): Promise<{ numUpdatedRows: bigint }> }): Promise<bigint> => (await query.executeTakeFirst()).numUpdatedRows;

  const conversations = () => db.selectFrom('chat_conversations').selectAll();

  return {
    create: (conversation, opening) =>
      db.transaction().execute(async (trx): Promise<CreateOutcome> => {
        // ON CONFLICT (start_id) DO NOTHING: of two at once, the second waits for the first and
        // then inserts nothing (a conflict on any other column still throws).
        const inserted = await trx
          .insertInto('chat_conversations')
          .values({
            id: conversation.id,
            token_hash: conversation.tokenHash,
            kind: conversation.kind,
            summary: conversation.summary,
            question: conversation.question,
            name: conversation.name,
            contact: conversation.contact,
            locale: conversation.locale,
            verified_subject: conversation.verified?.subject ?? null,
            verified_name: conversation.verified?.name ?? null,
            start_id: conversation.startId,
            status: 'assistant',
            created_at: iso(conversation.at),
          })
          .onConflict((oc) => oc.column('start_id').doNothing())
          .returning('id')
          .executeTakeFirst();
        if (inserted === undefined) {
          const row = await trx.selectFrom('chat_conversations').selectAll().where('start_id', '=', conversation.startId).executeTakeFirstOrThrow();
          return { kind: 'existing', row: row as ConversationRow };
        }
        const message = await insert(trx, conversation.id, opening);
        return { kind: 'created', row: (await get(trx, conversation.id))!, message };
      }),

    rotateToken: async (id, tokenHash) =>
      (await updated(db.updateTable('chat_conversations').set({ token_hash: tokenHash }).where('id', '=', id).where('status', '<>', 'closed'))) === 1n,

    get: (id) => get(db, id),

    append: (conversationId, message, condition) =>
      orRollback(() =>
        db.transaction().execute(async (trx): Promise<AppendOutcome> => {
          // Before the look-up of the client id: a second message with the same id waits here
          // for the first, then finds it.
          await lockKey(trx, conversationKey(conversationId));
          if (message.clientId !== null) {
            const existing = await byClientId(trx, conversationId, message.clientId);
            if (existing) return { kind: 'stored', message: existing, duplicate: true };
          }
          if (condition) {
            const row = await get(trx, conversationId);
            if (!row || !meets(row, condition)) return { kind: 'refused', row };
          }
          return { kind: 'stored', message: await insert(trx, conversationId, message), duplicate: false };
        }),
      ),

    byClientId: (conversationId, clientId) => byClientId(db, conversationId, clientId),
    messagesAfter: (conversationId, after, limit) => messagesAfter(db, conversationId, after, limit),

    isChatAttachment: async (id) =>
      (await db.selectFrom('chat_message_attachments').select('message_id').where('attachment_id', '=', id).executeTakeFirst()) !== undefined,

    conversationAttachment: (conversationId, attachmentId) =>
      db
        .selectFrom('attachments as a')
        .innerJoin('chat_message_attachments as l', 'l.attachment_id', 'a.id')
        .innerJoin('chat_messages as m', 'm.id', 'l.message_id')
        .select(['a.stored_name', 'a.original_name', 'a.type'])
        .where('a.id', '=', attachmentId)
        .where('m.conversation_id', '=', conversationId)
        .executeTakeFirst(),

    async recordAssistantAnswer(conversationId, unknown) {
      const row = await db
        .updateTable('chat_conversations')
        .set((eb) => ({ unknown_streak: unknown ? eb('unknown_streak', '+', 1) : eb.lit(0) }))
        .where('id', '=', conversationId)
        .returning('unknown_streak')
        .executeTakeFirst();
      return row?.unknown_streak ?? 0;
    },

    handoff: (id, text, at) =>
      change(
        id,
        (trx) => updated(trx.updateTable('chat_conversations').set({ status: 'waiting', queued_at: iso(at) }).where('id', '=', id).where('status', '=', 'assistant')),
        { kind: 'queued', text, operator: null, at },
      ),

    take: (id, operator, senior, text, at) =>
      change(
        id,
        // The claim: one conditional statement, so that of two operators exactly one changes the row.
        (trx) => {
          let claim = trx
            .updateTable('chat_conversations')
            .set({ status: 'active', operator, taken_at: iso(at) })
            .where('id', '=', id)
            .where('status', '=', 'waiting');
          if (!senior) claim = claim.where('escalated', '=', 0);
          return updated(claim);
        },
        { kind: 'operator_joined', text, operator, at },
      ),

    transfer: (id, from, to, text, at) =>
      change(
        id,
        (trx) =>
          updated(trx.updateTable('chat_conversations').set({ operator: to, taken_at: iso(at) }).where('id', '=', id).where('status', '=', 'active').where('operator', '=', from)),
        { kind: 'transferred', text, operator: to, at },
      ),

    requeue: (id, operator, escalate, kind, text, at) =>
      change(
        id,
        (trx) =>
          updated(
            trx
              .updateTable('chat_conversations')
              .set((eb) => ({
                status: 'waiting',
                operator: null,
                taken_at: null,
                // Once escalated, it stays so (with its note) until closed.
                ...(escalate ? { escalated: 1 as const, escalation_note: escalate.note } : {}),
                queued_at: eb.fn.coalesce('queued_at', eb.val(iso(at))),
              }))
              .where('id', '=', id)
              .where('status', '=', 'active')
              .where('operator', '=', operator),
          ),
        { kind, text, operator, at },
      ),

    close: (id, by, operator, text, at) =>
      change(
        id,
        (trx) => {
          let close = trx.updateTable('chat_conversations').set({ status: 'closed', closed_at: iso(at), closed_by: by }).where('id', '=', id).where('status', '<>', 'closed');
          if (operator !== null) close = close.where('status', '=', 'active').where('operator', '=', operator);
          return updated(close);
        },
        { kind: 'closed', text, operator, at },
      ),

    async markRead(id, by, seq) {
      const column = by === 'citizen' ? 'citizen_read_seq' : 'operator_read_seq';
      // max(mark, min(seq, last_seq)), written with CASE: SQLite's MAX/MIN of values are
      // PostgreSQL's GREATEST/LEAST.
      const row = await db
        .updateTable('chat_conversations')
        .set((eb) => {
          const wanted = eb.case().when(eb.cast<number>(eb.val(seq), 'integer'), '<', eb.ref('last_seq')).then(eb.cast<number>(eb.val(seq), 'integer')).else(eb.ref('last_seq')).end();
          return { [column]: eb.case().when(wanted, '>', eb.ref(column)).then(wanted).else(eb.ref(column)).end() };
        })
        .where('id', '=', id)
        .returning([column])
        .executeTakeFirst();
      return (row as Record<typeof column, number> | undefined)?.[column] ?? 0;
    },

    rate: async (id, score, comment, at) => {
      const inserted = await db
        .insertInto('chat_ratings')
        .values({ conversation_id: id, score, comment, created_at: iso(at) })
        .onConflict((oc) => oc.column('conversation_id').doNothing())
        .returning('conversation_id')
        .executeTakeFirst();
      return inserted !== undefined;
    },

    rated: async (id) => (await db.selectFrom('chat_ratings').select('score').where('conversation_id', '=', id).executeTakeFirst()) !== undefined,

    sendTranscript: (id, max, compose) =>
      db.transaction().execute(async (trx) => {
        const counted = await updated(
          trx
            .updateTable('chat_conversations')
            .set((eb) => ({ transcripts_sent: eb('transcripts_sent', '+', 1) }))
            .where('id', '=', id)
            .where('transcripts_sent', '<', max),
        );
        if (counted !== 1n) return false;
        const row = (await get(trx, id))!;
        await notifier.enqueue(trx, compose(row, await messagesAfter(trx, id, 0)));
        return true;
      }),

    waiting: async () =>
      (await conversations().where('status', '=', 'waiting').orderBy('escalated', 'desc').orderBy('queued_at').orderBy('created_at').execute()) as ConversationRow[],

    activeOf: async (operator) =>
      (await conversations().where('status', '=', 'active').where('operator', '=', operator).orderBy('taken_at').execute()) as ConversationRow[],

    closedOf: async (operator, since, limit) =>
      (await conversations()
        .where('status', '=', 'closed')
        .where('operator', '=', operator)
        .where('closed_at', '>=', since)
        .orderBy('closed_at', 'desc')
        .limit(limit)
        .execute()) as ConversationRow[],

    ratingOf: (conversationId) => db.selectFrom('chat_ratings').select(['score', 'comment']).where('conversation_id', '=', conversationId).executeTakeFirst(),

    async idleSince(before) {
      const rows = await db
        .selectFrom('chat_conversations as c')
        .select('c.id')
        .where('c.status', '<>', 'closed')
        .where(
          (eb) =>
            eb.fn.coalesce(
              eb.selectFrom('chat_messages as m').select((m) => m.fn.max('m.created_at').as('last')).whereRef('m.conversation_id', '=', 'c.id'),
              'c.created_at',
            ),
          '<',
          iso(before),
        )
        .execute();
      return rows.map((row) => row.id);
    },

    async recentHandlingMs(limit, since) {
      const rows = await db
        .selectFrom('chat_conversations')
        .select(['taken_at', 'closed_at'])
        .where('taken_at', 'is not', null)
        .where('closed_at', 'is not', null)
        .where('closed_at', '>=', iso(since))
        .orderBy('closed_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => Date.parse(r.closed_at!) - Date.parse(r.taken_at!)).filter((ms) => ms >= 0);
    },
  };
}
