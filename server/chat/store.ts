import type { StoredFile } from '../uploads/index.js';
import type { ChatAuthor, ChatKind, ChatMessage, ChatStatus, ChatSystemKind } from '#protocol/chat.js';
import type { Locale } from '#protocol/config.js';
import type { Db } from '../db.js';
import { Rollback, withRollback } from '../rollback.js';

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
  /** Upload ids, checked with `unknownAttachments` first. */
  attachments?: readonly string[];
  at: number;
}

export type AppendOutcome =
  | { kind: 'stored'; message: ChatMessage; duplicate: boolean }
  /** The conversation has MAX_MESSAGES already. */
  | { kind: 'full' }
  /** An attachment is unknown or taken meanwhile. */
  | { kind: 'attachments' };

/** A change of a conversation's state with the system line that records it. */
export type ChangeOutcome =
  | { kind: 'changed'; row: ConversationRow; message: ChatMessage }
  /** Not in a state that allows it (the row as it is, if it exists). */
  | { kind: 'refused'; row: ConversationRow | undefined };

/** A citizen's message is refused past this seq: a flood cannot grow a conversation without bound. */
export const MAX_MESSAGES = 2000;

interface MessageDbRow {
  id: number;
  conversation_id: string;
  seq: number;
  client_id: string | null;
  author: ChatAuthor;
  operator_name: string | null;
  text: string;
  article_id: string | null;
  article_title: string | null;
  suggestions: string | null;
  system_kind: ChatSystemKind | null;
  created_at: string;
}

interface AttachmentDbRow {
  message_id: number;
  id: string;
  original_name: string;
  type: string;
  size: number;
}

export interface ChatStore {
  /**
   * In one transaction: the conversation and its opening question (seq 1), unless a conversation
   * with the same startId exists: that one then (`existing`). Of two starts with one startId at
   * once, exactly one creates (the unique index decides, not a look-up that another could pass).
   */
  create(conversation: NewConversation, opening: NewMessage): CreateOutcome;
  /** A new token hash for an open conversation (a repeated start); false when it is closed. */
  rotateToken(conversationId: string, tokenHash: string): boolean;
  get(id: string): ConversationRow | undefined;
  /**
   * In one transaction: an existing (conversation, clientId) is returned as it is (`duplicate`);
   * otherwise the next seq is taken, the message and its attachments stored.
   */
  append(conversationId: string, message: NewMessage): AppendOutcome;
  /** The message stored with this client id, if any. */
  byClientId(conversationId: string, clientId: string): ChatMessage | undefined;
  /** Messages with seq > `after`, in order; at most `limit` of them (all without). */
  messagesAfter(conversationId: string, after: number, limit?: number): ChatMessage[];
  /** Attachment ids that are unknown, or attached already to a request or a message. */
  unknownAttachments(ids: readonly string[]): number[];
  /** Whether the upload is attached to a chat message (an operator may download it). */
  isChatAttachment(id: string): boolean;
  /** The upload, when it is attached to a message of this conversation (its citizen may download it). */
  conversationAttachment(conversationId: string, attachmentId: string): StoredFile | undefined;
  /** The assistant's answer was unknown (or not): the new streak of unknown answers. */
  recordAssistantAnswer(conversationId: string, unknown: boolean): number;
  /** assistant → waiting, with the `queued` line. */
  handoff(conversationId: string, text: string, at: number): ChangeOutcome;
  /**
   * waiting → active for `operator`, in one synchronous transaction: of two operators taking at
   * once exactly one gets `changed`. Escalated conversations only for a senior.
   */
  take(conversationId: string, operator: string, senior: boolean, text: string, at: number): ChangeOutcome;
  /** active (of `from`) → active of `to`. */
  transfer(conversationId: string, from: string, to: string, text: string, at: number): ChangeOutcome;
  /** active (of `operator`) → waiting, escalated or not, keeping its first place in the queue. */
  requeue(conversationId: string, operator: string, escalate: { note: string | null } | false, kind: ChatSystemKind, text: string, at: number): ChangeOutcome;
  /** Any open state → closed (an operator only closes their own). */
  close(conversationId: string, by: 'citizen' | 'operator' | 'system', operator: string | null, text: string, at: number): ChangeOutcome;
  /** Raises the read mark of one side (never lowers it, never past the last seq); the new mark. */
  markRead(conversationId: string, by: 'citizen' | 'operator', seq: number): number;
  /** Stores the rating once: false when it was rated before. */
  rate(conversationId: string, score: number, comment: string | null, at: number): boolean;
  rated(conversationId: string): boolean;
  /** Counts a transcript e-mail, unless `max` were sent: false then. */
  countTranscript(conversationId: string, max: number): boolean;
  /** Waiting conversations, first in line first (escalated ones ahead). */
  waiting(): ConversationRow[];
  /** Active conversations of an operator. */
  activeOf(operator: string): ConversationRow[];
  /** The operator's conversations closed since `since` (ISO), newest first, at most `limit`. */
  closedOf(operator: string, since: string, limit: number): ConversationRow[];
  /** The citizen's rating of a conversation, if given. */
  ratingOf(conversationId: string): { score: number; comment: string | null } | undefined;
  /** Open conversations whose last message is older than `before` (ms): abandoned ones. */
  idleSince(before: number): string[];
  /** How long (ms) the last `limit` conversations closed by operators were handled. */
  recentHandlingMs(limit: number, since: number): number[];
}

const iso = (ms: number) => new Date(ms).toISOString();

export function createChatStore(db: Db): ChatStore {
  const COLUMNS = `id, token_hash, kind, summary, question, name, contact, locale, status, operator, escalated, escalation_note, unknown_streak,
    last_seq, citizen_read_seq, operator_read_seq, queued_at, taken_at, closed_at, closed_by, transcripts_sent, verified_subject, verified_name, start_id, created_at`;
  const byId = db.prepare(`SELECT ${COLUMNS} FROM chat_conversations WHERE id = ?`);
  // ON CONFLICT … DO NOTHING: SQLite and PostgreSQL alike; a conflict on any other column still throws.
  const insertConversation = db.prepare(
    `INSERT INTO chat_conversations (id, token_hash, kind, summary, question, name, contact, locale, verified_subject, verified_name, start_id, status, created_at)
     VALUES (@id, @tokenHash, @kind, @summary, @question, @name, @contact, @locale, @verifiedSubject, @verifiedName, @startId, 'assistant', @createdAt)
     ON CONFLICT (start_id) DO NOTHING`,
  );
  const byStartId = db.prepare(`SELECT ${COLUMNS} FROM chat_conversations WHERE start_id = ?`);
  const rotateToken = db.prepare("UPDATE chat_conversations SET token_hash = ? WHERE id = ? AND status <> 'closed'");
  const nextSeq = db.prepare('UPDATE chat_conversations SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq').pluck();
  const MESSAGE_COLUMNS = `id, conversation_id, seq, client_id, author, operator_name, text, article_id, article_title, suggestions,
    system_kind, created_at`;
  const byClientId = db.prepare(`SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE conversation_id = ? AND client_id = ?`);
  const messageById = db.prepare(`SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE id = ?`);
  const after = db.prepare(`SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?`);
  const insertMessage = db.prepare(
    `INSERT INTO chat_messages (conversation_id, seq, client_id, author, operator_name, text, article_id, article_title, suggestions,
       system_kind, created_at)
     VALUES (@conversationId, @seq, @clientId, @author, @operatorName, @text, @articleId, @articleTitle, @suggestions, @systemKind, @createdAt)`,
  );
  const attachmentState = db.prepare(
    `SELECT a.request_id AS request_id, m.message_id AS message_id FROM attachments a
     LEFT JOIN chat_message_attachments m ON m.attachment_id = a.id WHERE a.id = ?`,
  );
  const attachmentInConversation = db.prepare(
    `SELECT a.stored_name AS stored_name, a.original_name AS original_name, a.type AS type FROM attachments a
     JOIN chat_message_attachments l ON l.attachment_id = a.id JOIN chat_messages m ON m.id = l.message_id
     WHERE a.id = ? AND m.conversation_id = ?`,
  );
  const linkAttachment = db.prepare('INSERT INTO chat_message_attachments (message_id, attachment_id, position) VALUES (?, ?, ?)');
  const attachmentsOf = db.prepare(
    `SELECT m.message_id AS message_id, a.id AS id, a.original_name AS original_name, a.type AS type, a.size AS size
     FROM chat_message_attachments m JOIN attachments a ON a.id = m.attachment_id
     WHERE m.message_id IN (SELECT value FROM json_each(?)) ORDER BY m.message_id, m.position`,
  );
  const setStreak = db.prepare(
    `UPDATE chat_conversations SET unknown_streak = CASE WHEN ? THEN unknown_streak + 1 ELSE 0 END WHERE id = ? RETURNING unknown_streak`,
  ).pluck();
  const toWaiting = db.prepare(
    "UPDATE chat_conversations SET status = 'waiting', queued_at = ? WHERE id = ? AND status = 'assistant'",
  );
  // The claim: one statement, so that of two operators exactly one changes the row.
  const claim = db.prepare(
    `UPDATE chat_conversations SET status = 'active', operator = @operator, taken_at = @at
     WHERE id = @id AND status = 'waiting' AND (escalated = 0 OR @senior = 1)`,
  );
  const reassign = db.prepare(
    "UPDATE chat_conversations SET operator = @to, taken_at = @at WHERE id = @id AND status = 'active' AND operator = @from",
  );
  const requeue = db.prepare(
    `UPDATE chat_conversations SET status = 'waiting', operator = NULL, taken_at = NULL, escalated = MAX(escalated, @escalate),
       escalation_note = CASE WHEN @escalate = 1 THEN @note ELSE escalation_note END,
       queued_at = COALESCE(queued_at, @at)
     WHERE id = @id AND status = 'active' AND operator = @operator`,
  );
  const close = db.prepare(
    `UPDATE chat_conversations SET status = 'closed', closed_at = @at, closed_by = @by
     WHERE id = @id AND status <> 'closed' AND (@operator IS NULL OR (status = 'active' AND operator = @operator))`,
  );
  const readCitizen = db.prepare(
    'UPDATE chat_conversations SET citizen_read_seq = MAX(citizen_read_seq, MIN(?, last_seq)) WHERE id = ? RETURNING citizen_read_seq',
  ).pluck();
  const readOperator = db.prepare(
    'UPDATE chat_conversations SET operator_read_seq = MAX(operator_read_seq, MIN(?, last_seq)) WHERE id = ? RETURNING operator_read_seq',
  ).pluck();
  const insertRating = db.prepare('INSERT OR IGNORE INTO chat_ratings (conversation_id, score, comment, created_at) VALUES (?, ?, ?, ?)');
  const hasRating = db.prepare('SELECT 1 FROM chat_ratings WHERE conversation_id = ?').pluck();
  const countTranscript = db.prepare(
    'UPDATE chat_conversations SET transcripts_sent = transcripts_sent + 1 WHERE id = ? AND transcripts_sent < ?',
  );
  const waiting = db.prepare(`SELECT ${COLUMNS} FROM chat_conversations WHERE status = 'waiting' ORDER BY escalated DESC, queued_at, created_at`);
  const activeOf = db.prepare(`SELECT ${COLUMNS} FROM chat_conversations WHERE status = 'active' AND operator = ? ORDER BY taken_at`);
  const closedOf = db.prepare(
    `SELECT ${COLUMNS} FROM chat_conversations WHERE status = 'closed' AND operator = ? AND closed_at >= ? ORDER BY closed_at DESC LIMIT ?`,
  );
  const ratingOf = db.prepare('SELECT score, comment FROM chat_ratings WHERE conversation_id = ?');
  const handled = db.prepare(
    `SELECT taken_at, closed_at FROM chat_conversations
     WHERE taken_at IS NOT NULL AND closed_at IS NOT NULL AND closed_at >= ? ORDER BY closed_at DESC LIMIT ?`,
  );

  const idle = db
    .prepare(
      `SELECT c.id FROM chat_conversations c
       WHERE c.status <> 'closed'
         AND COALESCE((SELECT max(m.created_at) FROM chat_messages m WHERE m.conversation_id = c.id), c.created_at) < ?`,
    )
    .pluck();

  const get = (id: string) => byId.get(id) as ConversationRow | undefined;

  const toMessages = (rows: MessageDbRow[]): ChatMessage[] => {
    const files = new Map<number, ChatMessage['attachments']>();
    if (rows.length > 0) {
      for (const a of attachmentsOf.all(JSON.stringify(rows.map((r) => r.id))) as AttachmentDbRow[]) {
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
      if (row.system_kind !== null) message.systemKind = row.system_kind;
      return message;
    });
  };

  const unknownAttachments = (ids: readonly string[]): number[] => {
    const bad: number[] = [];
    const seen = new Set<string>();
    ids.forEach((id, index) => {
      const row = attachmentState.get(id) as { request_id: number | null; message_id: number | null } | undefined;
      if (!row || row.request_id !== null || row.message_id !== null || seen.has(id)) bad.push(index);
      seen.add(id);
    });
    return bad;
  };

  /** Inside a transaction: the message stored with the next seq. */
  const insert = (conversationId: string, message: NewMessage): ChatMessage => {
    const seq = nextSeq.get(conversationId) as number | undefined;
    if (seq === undefined) throw new Error(`conversation ${conversationId} vanished`);
    // Only the citizen's messages are capped: the server's own lines follow from them or from operators.
    if (seq > MAX_MESSAGES && message.author === 'citizen') throw new Rollback<AppendOutcome>({ kind: 'full' });
    const id = Number(
      insertMessage.run({
        conversationId,
        seq,
        clientId: message.clientId,
        author: message.author,
        operatorName: message.operatorName ?? null,
        text: message.text,
        articleId: message.article?.id ?? null,
        articleTitle: message.article?.title ?? null,
        suggestions: message.suggestions ? JSON.stringify(message.suggestions) : null,
        systemKind: message.systemKind ?? null,
        createdAt: iso(message.at),
      }).lastInsertRowid,
    );
    const attachments = message.attachments ?? [];
    if (attachments.length > 0) {
      if (unknownAttachments(attachments).length > 0) throw new Rollback<AppendOutcome>({ kind: 'attachments' });
      attachments.forEach((attachmentId, position) => linkAttachment.run(id, attachmentId, position));
    }
    return toMessages([messageById.get(id) as MessageDbRow])[0]!;
  };

  const appendTx = db.transaction((conversationId: string, message: NewMessage): AppendOutcome => {
    if (message.clientId !== null) {
      const existing = byClientId.get(conversationId, message.clientId) as MessageDbRow | undefined;
      if (existing) return { kind: 'stored', message: toMessages([existing])[0]!, duplicate: true };
    }
    return { kind: 'stored', message: insert(conversationId, message), duplicate: false };
  });

  const createTx = db.transaction((conversation: NewConversation, opening: NewMessage): CreateOutcome => {
    const inserted = insertConversation.run({
      id: conversation.id,
      tokenHash: conversation.tokenHash,
      kind: conversation.kind,
      summary: conversation.summary,
      question: conversation.question,
      name: conversation.name,
      contact: conversation.contact,
      locale: conversation.locale,
      verifiedSubject: conversation.verified?.subject ?? null,
      verifiedName: conversation.verified?.name ?? null,
      startId: conversation.startId,
      createdAt: iso(conversation.at),
    });
    if (inserted.changes === 0) return { kind: 'existing', row: byStartId.get(conversation.startId) as ConversationRow };
    const message = insert(conversation.id, opening);
    return { kind: 'created', row: get(conversation.id)!, message };
  });

  /** A transaction: `change` (one UPDATE) and, when it changed the row, the system line. */
  const changeTx = db.transaction(
    (conversationId: string, change: () => number, line: { kind: ChatSystemKind; text: string; operator: string | null; at: number }): ChangeOutcome => {
      if (change() !== 1) return { kind: 'refused', row: get(conversationId) };
      const message = insert(conversationId, {
        clientId: null,
        author: 'system',
        operatorName: line.operator,
        text: line.text,
        systemKind: line.kind,
        at: line.at,
      });
      return { kind: 'changed', row: get(conversationId)!, message };
    },
  );
  const change = (
    conversationId: string,
    run: () => number,
    line: { kind: ChatSystemKind; text: string; operator: string | null; at: number },
  ): ChangeOutcome => changeTx.immediate(conversationId, run, line);

  return {
    create: (conversation, opening) => createTx.immediate(conversation, opening),
    rotateToken: (id, tokenHash) => rotateToken.run(tokenHash, id).changes === 1,
    get,
    append: (conversationId, message) => withRollback<AppendOutcome>(() => appendTx.immediate(conversationId, message)),
    byClientId(conversationId, clientId) {
      const row = byClientId.get(conversationId, clientId) as MessageDbRow | undefined;
      return row && toMessages([row])[0];
    },
    messagesAfter: (conversationId, seq, limit = -1) => toMessages(after.all(conversationId, seq, limit) as MessageDbRow[]),
    unknownAttachments,
    isChatAttachment: (id) => (attachmentState.get(id) as { message_id: number | null } | undefined)?.message_id != null,
    conversationAttachment: (conversationId, attachmentId) => attachmentInConversation.get(attachmentId, conversationId) as StoredFile | undefined,
    recordAssistantAnswer: (conversationId, unknown) => (setStreak.get(unknown ? 1 : 0, conversationId) as number | undefined) ?? 0,
    handoff: (id, text, at) => change(id, () => toWaiting.run(iso(at), id).changes, { kind: 'queued', text, operator: null, at }),
    take: (id, operator, senior, text, at) =>
      change(id, () => claim.run({ id, operator, at: iso(at), senior: senior ? 1 : 0 }).changes, { kind: 'operator_joined', text, operator, at }),
    transfer: (id, from, to, text, at) =>
      change(id, () => reassign.run({ id, from, to, at: iso(at) }).changes, { kind: 'transferred', text, operator: to, at }),
    requeue: (id, operator, escalate, kind, text, at) =>
      change(id, () => requeue.run({ id, operator, escalate: escalate ? 1 : 0, note: escalate ? escalate.note : null, at: iso(at) }).changes, { kind, text, operator, at }),
    close: (id, by, operator, text, at) =>
      change(id, () => close.run({ id, by, operator, at: iso(at) }).changes, { kind: 'closed', text, operator, at }),
    markRead(id, by, seq) {
      const statement = by === 'citizen' ? readCitizen : readOperator;
      return (statement.get(seq, id) as number | undefined) ?? 0;
    },
    rate: (id, score, comment, at) => insertRating.run(id, score, comment, iso(at)).changes === 1,
    rated: (id) => hasRating.get(id) !== undefined,
    countTranscript: (id, max) => countTranscript.run(id, max).changes === 1,
    waiting: () => waiting.all() as ConversationRow[],
    activeOf: (operator) => activeOf.all(operator) as ConversationRow[],
    closedOf: (operator, since, limit) => closedOf.all(operator, since, limit) as ConversationRow[],
    ratingOf: (conversationId) => ratingOf.get(conversationId) as { score: number; comment: string | null } | undefined,
    idleSince: (before) => idle.all(iso(before)) as string[],
    recentHandlingMs(limit, since) {
      const rows = handled.all(iso(since), limit) as { taken_at: string; closed_at: string }[];
      return rows.map((r) => Date.parse(r.closed_at) - Date.parse(r.taken_at)).filter((ms) => ms >= 0);
    },
  };
}
