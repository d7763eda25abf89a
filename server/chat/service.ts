import type { StoredFile } from '../uploads/index.js';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  CHAT_SERVER_EVENTS,
  CHAT_START_REPEAT_MS,
  type ChatAckError,
  type ChatMessage,
  type ChatQueueInfo,
  type ChatSendBody,
  type ChatStartBody,
  type ChatState,
  type OperatorChatSummary,
} from '#protocol/chat.js';
import type { Locale, WeeklyHours } from '#protocol/config.js';
import { ru } from '#i18n/ru.js';
import { openState } from '#time/business-hours.js';
import type { SharedSurveyAnswer, SurveyRecorder } from '../surveys/index.js';
import { askAssistant, type AssistantReply, type ChatAssistant } from './assistant.js';
import { chatContact } from './finished.js';
import { createOperatorPresence } from './presence.js';
import type { PresenceStore } from './presence-store.js';
import { estimateQueue, type QueueSettings } from './queue.js';
import type { AppendCondition, ChangeOutcome, ChatStore, ConversationRow, NewMessage } from './store.js';
import { renderTranscript } from './transcript.js';

/** An error answered as the ack `{ ok: false, error }`. */
export class ChatError extends Error {
  constructor(
    readonly code: ChatAckError['code'],
    message: string,
    readonly extra: Omit<ChatAckError, 'code' | 'message'> = {},
  ) {
    super(message);
    this.name = 'ChatError';
  }
}

export const MESSAGES = {
  notFound: 'Чат не найден или ссылка на него устарела. Начните новый чат.',
  attachmentNotFound: 'Такого файла в этом чате нет.',
  notStarted: 'Сначала начните чат или продолжите начатый (нужен его токен).',
  startRepeat: 'Этот чат уже начат, и повторить его начало нельзя. Отправьте вопрос ещё раз — начнётся новый чат.',
  closed: 'Этот чат уже завершён. Чтобы задать новый вопрос, начните новый чат.',
  disabled: 'Онлайн-чат сейчас отключён. Воспользуйтесь другими способами связи.',
  emptyMessage: 'Напишите сообщение или приложите файл.',
  full: 'В этом чате слишком много сообщений. Начните новый чат.',
  rateNotClosed: 'Оценить чат можно после его завершения.',
  alreadyRated: 'Вы уже оценили этот чат. Спасибо!',
  transcriptLimit: 'Переписку по этому чату уже отправляли несколько раз: больше отправить нельзя.',
  takenByOther: 'Этот чат уже взял другой оператор.',
  notWaiting: 'Этот чат не ждёт оператора.',
  seniorOnly: 'Этот чат передан старшему специалисту: взять его может только старший специалист.',
  notYours: 'Этот чат ведёт другой оператор (или он уже не в работе).',
  transferTarget: (name: string) => `Оператор «${name}» сейчас не в сети: передать ему чат нельзя.`,
  transferSelf: 'Этот чат уже у вас.',
} as const;

const SYSTEM_TEXTS = {
  queued: 'Вы в очереди к оператору. Мы сообщим, когда он подключится.',
  autoQueued: 'Помощник не нашёл ответа — передаём ваш вопрос оператору. Вы в очереди.',
  joined: (name: string) => `Оператор ${name} подключился к чату.`,
  transferred: (name: string) => `Чат передан оператору ${name}.`,
  escalated: 'Вопрос передан старшему специалисту. Пожалуйста, подождите.',
  returned: 'Оператор вернул чат в очередь. Ответит следующий свободный оператор.',
  closedByCitizen: 'Вы завершили чат.',
  closedByOperator: 'Оператор завершил чат.',
  closedIdle: 'Чат завершён: в нём давно не было сообщений.',
};

const UNKNOWN_TEXTS: Record<Locale, { some: string; none: string }> = {
  ru: {
    some: 'Я не нашёл точного ответа. Возможно, поможет одна из этих статей. Если нет — позовите оператора.',
    none: 'Я не нашёл ответа на этот вопрос. Уточните его или позовите оператора.',
  },
  en: {
    some: 'I could not find an exact answer. One of these articles may help; if not, ask for an operator.',
    none: 'I could not find an answer to this question. Rephrase it or ask for an operator.',
  },
};

export interface ChatSettings {
  /** Unknown answers in a row that hand the conversation to the queue. */
  unknownAnswersToHandoff: number;
  /** The assistant's answer must come within this long, or counts as unknown. */
  assistantTimeoutMs: number;
  /** A closed conversation can still be resumed (to rate it, to e-mail the transcript) this long. */
  closedResumeMs: number;
  /** An open conversation without a message for this long is closed (`closeIdle`). */
  idleCloseMs: number;
  /** Transcript e-mails per conversation. */
  maxTranscripts: number;
  queue: QueueSettings;
  /** Each process confirms its operators' presence rows this often (chat/presence.ts). */
  presenceRefreshMs: number;
  /** A presence row not confirmed for this long is ignored, then swept: its process is gone. */
  presenceFreshMs: number;
}

/** An operator as the chat knows them: a display name, and whether a senior specialist. */
export interface ChatOperator {
  name: string;
  senior: boolean;
}

/** Where the service's events go (Socket.IO rooms, see sockets.ts). */
export interface ChatEvents {
  /** Every citizen socket of the conversation (its room). */
  toConversation(conversationId: string, event: string, payload: unknown): void;
  /** The sockets of the operator who has the conversation. */
  toOperatorsOf(conversationId: string, event: string, payload: unknown): void;
  /** Every operator. */
  toOperators(event: string, payload: unknown): void;
  /** Every socket of one operator. */
  toOperator(name: string, event: string, payload: unknown): void;
  /** The operator's sockets start (or stop) getting the conversation's events. */
  follow(name: string, conversationId: string, following: boolean): void;
}

/** The operators' list of their closed conversations (with ratings) covers this long, this many. */
const RECENT_MS = 24 * 60 * 60 * 1000;
const RECENT_LIMIT = 20;

export interface ChatService {
  /**
   * `verified`: the person the host site's identity token names (checked by the caller). A repeat
   * of a start (its `startId` stored) within CHAT_START_REPEAT_MS, the conversation still open and
   * the opening the same, answers that conversation with a new token; otherwise `conflict`.
   */
  start(body: ChatStartBody, verified?: { subject: string; name?: string }): Promise<{ conversationId: string; token: string; state: ChatState; messages: ChatMessage[] }>;
  /** The conversation of `token`; the same not_found for an unknown id and a wrong token. */
  authenticate(conversationId: string, token: string): Promise<ConversationRow>;
  /** The conversation a socket is bound to (it may have been closed long ago: not_found then). */
  bound(conversationId: string | undefined): Promise<ConversationRow>;
  state(row: ConversationRow): Promise<ChatState>;
  /** A page (SYNC_PAGE) of the messages after `seq`; `hasMore`: ask again from the last one. */
  page(conversationId: string, seq: number): Promise<{ messages: ChatMessage[]; hasMore: boolean }>;
  send(row: ConversationRow, body: ChatSendBody): Promise<{ message: ChatMessage; duplicate: boolean }>;
  citizenTyping(row: ConversationRow, typing: boolean): void;
  read(row: ConversationRow, by: 'citizen' | 'operator', seq: number): Promise<number>;
  handoff(row: ConversationRow): Promise<ChatState>;
  end(row: ConversationRow): Promise<ChatState>;
  rate(row: ConversationRow, score: number, comment: string | null): Promise<void>;
  emailTranscript(row: ConversationRow, email: string): Promise<void>;
  /** Whether an upload is attached to a chat message (the console's download serves it). */
  isChatAttachment(attachmentId: string): Promise<boolean>;
  /** A file of a message of this conversation, for its citizen's download; not_found otherwise. */
  attachment(row: ConversationRow, attachmentId: string): Promise<StoredFile>;

  /**
   * Presence is in the database, shared by every process (chat/presence.ts). The change is asked
   * for at once (before anything is awaited), this process's changes are written in the order
   * asked, and its reads come after them; the queue update follows. Each rejects when its write
   * fails (a busy database): the caller logs it or answers it.
   */
  operatorOnline(operator: ChatOperator, socketId: string): Promise<void>;
  operatorOffline(operator: ChatOperator, socketId: string): Promise<void>;
  /** The operator's status on every socket of theirs, on every process. */
  setOperatorStatus(operator: ChatOperator, status: 'available' | 'away'): Promise<void>;
  /** Operators connected to any process and available. */
  availableOperators(): Promise<number>;
  /** The ids of the operator's active conversations (their sockets join those rooms). */
  activeConversations(operator: ChatOperator): Promise<string[]>;
  list(operator: ChatOperator): Promise<{ waiting: OperatorChatSummary[]; mine: OperatorChatSummary[]; recent: OperatorChatSummary[]; availableOperators: number }>;
  take(operator: ChatOperator, conversationId: string): Promise<{ conversation: OperatorChatSummary; messages: ChatMessage[]; hasMore: boolean }>;
  history(conversationId: string, after: number): Promise<{ conversation: OperatorChatSummary; messages: ChatMessage[]; hasMore: boolean }>;
  reply(operator: ChatOperator, conversationId: string, clientId: string, text: string, attachments?: readonly string[]): Promise<{ message: ChatMessage; duplicate: boolean }>;
  operatorTyping(operator: ChatOperator, conversationId: string, typing: boolean): Promise<void>;
  operatorRead(operator: ChatOperator, conversationId: string, seq: number): Promise<number>;
  transfer(operator: ChatOperator, conversationId: string, to: string): Promise<OperatorChatSummary>;
  escalate(operator: ChatOperator, conversationId: string, note: string | null): Promise<OperatorChatSummary>;
  returnToQueue(operator: ChatOperator, conversationId: string): Promise<OperatorChatSummary>;
  close(operator: ChatOperator, conversationId: string): Promise<OperatorChatSummary>;
  /** Closes the conversations without a message for `idleCloseMs` (abandoned); how many. */
  closeIdle(): Promise<number>;
  /** The conversation as plain text. */
  transcript(conversationId: string): Promise<string>;
  /** Resolves when the assistant has answered everything asked so far (tests). */
  idle(): Promise<void>;
  /**
   * Shutdown: questions not yet put to the assistant are dropped, answers not yet stored too;
   * this process's presence rows are removed (a failure is logged; they go stale anyway).
   */
  stop(): Promise<void>;
}

/** Messages per `chat:resume` / `chat:sync` / `op:history` answer. */
export const SYNC_PAGE = 500;

const hashToken = (token: string) => createHash('sha256').update(token).digest();
/** Compared when the conversation is unknown, so that both cases take the same time. */
const DUMMY_HASH = hashToken(randomBytes(32).toString('base64url')).toString('hex');

export function createChatService(options: {
  store: ChatStore;
  /** The operators' presence rows (chat/presence-store.ts). */
  presence: PresenceStore;
  assistant: ChatAssistant;
  events: ChatEvents;
  settings: ChatSettings;
  /** The operators' hours (`channels.chat.hours`); absent = always. */
  hours?: WeeklyHours;
  enabled: boolean;
  /** Files per message: the request form's rule (`attachments.maxCount` of the widget config). */
  maxAttachments: number;
  now: () => number;
  log?: (error: unknown, message: string) => void;
  /** Told of every closed conversation (the citizen's survey, whose token the closed state carries). */
  surveys?: SurveyRecorder | undefined;
  /**
   * The survey answers of these conversations whose citizen agreed to share them (surveys/index.ts,
   * wired in app.ts): shown in the operator's list of recently closed ones. Absent: none shown.
   */
  sharedSurveys?: ((conversationIds: string[]) => Promise<SharedSurveyAnswer[]>) | undefined;
}): ChatService {
  const { store, assistant, events, settings, now } = options;
  /** This process's operator sockets, written through to the database. */
  const presence = createOperatorPresence({
    store: options.presence,
    refreshMs: settings.presenceRefreshMs,
    freshMs: settings.presenceFreshMs,
    ...(options.log ? { log: options.log } : {}),
  });
  /** Per conversation: the assistant's answers, one after another. */
  const chains = new Map<string, Promise<void>>();
  let stopped = false;

  const operatorHours = (): ChatState['operators'] => {
    if (!options.hours) return { open: true };
    const state = openState(options.hours, now());
    if (state.kind === 'always' || state.kind === 'open') return { open: true };
    return state.kind === 'closed' ? { open: false, returnsAt: new Date(state.opensAt).toISOString() } : { open: false };
  };

  const availableOperators = () => presence.available();

  /** The queue info of every waiting conversation (`waiting`: the store's list, if read already), by id. */
  const queueInfos = async (waiting?: ConversationRow[]): Promise<Map<string, ChatQueueInfo>> => {
    waiting ??= await store.waiting();
    const infos = new Map<string, ChatQueueInfo>();
    if (waiting.length === 0) return infos;
    const at = now();
    const handlingMs = await store.recentHandlingMs(settings.queue.historySize, at - settings.queue.historyWindowMs);
    const hours = operatorHours();
    const closedForMinutes = !hours.open && hours.returnsAt ? (Date.parse(hours.returnsAt) - at) / 60_000 : 0;
    const input = { availableOperators: await availableOperators(), handlingMs, closedForMinutes };
    waiting.forEach((row, index) => infos.set(row.id, estimateQueue(index + 1, input, settings.queue)));
    return infos;
  };

  const summary = async (row: ConversationRow, at = now()): Promise<OperatorChatSummary> => {
    const s: OperatorChatSummary = {
      conversationId: row.id,
      status: row.status,
      kind: row.kind,
      summary: row.summary,
      question: row.question,
      locale: row.locale,
      escalated: row.escalated === 1,
      createdAt: row.created_at,
      lastSeq: row.last_seq,
      citizenReadSeq: row.citizen_read_seq,
    };
    if (row.name !== null) s.name = row.name;
    if (row.contact !== null) s.contact = row.contact;
    if (row.verified_subject !== null) s.verified = row.verified_name !== null ? { subject: row.verified_subject, name: row.verified_name } : { subject: row.verified_subject };
    if (row.operator !== null) s.operatorName = row.operator;
    if (row.escalation_note !== null && row.escalated === 1) s.escalationNote = row.escalation_note;
    if (row.status === 'closed') {
      if (row.closed_at !== null) s.closedAt = row.closed_at;
      if (row.closed_by !== null) s.closedBy = row.closed_by;
      const rating = await store.ratingOf(row.id);
      if (rating) s.rating = rating.comment ? { score: rating.score, comment: rating.comment } : { score: rating.score };
    }
    if (row.status === 'waiting' && row.queued_at !== null) {
      s.queuedAt = row.queued_at;
      s.waitSeconds = Math.max(0, Math.floor((at - Date.parse(row.queued_at)) / 1000));
    }
    return s;
  };

  const summaries = (rows: ConversationRow[], at = now()) => Promise.all(rows.map((row) => summary(row, at)));

  /** Closed conversations with the survey answers their citizens agreed to share (one query for all). */
  const withSharedSurveys = async (closed: OperatorChatSummary[]): Promise<OperatorChatSummary[]> => {
    if (!options.sharedSurveys || closed.length === 0) return closed;
    const answers = new Map((await options.sharedSurveys(closed.map((c) => c.conversationId))).map((a) => [a.ref, a]));
    return closed.map((c) => {
      const answer = answers.get(c.conversationId);
      if (!answer) return c;
      const survey: NonNullable<OperatorChatSummary['survey']> = { resolved: answer.resolved, rating: answer.rating };
      if (answer.comment !== null) survey.comment = answer.comment;
      return { ...c, survey };
    });
  };

  const state = async (row: ConversationRow): Promise<ChatState> => {
    const s: ChatState = {
      conversationId: row.id,
      status: row.status,
      kind: row.kind,
      summary: row.summary,
      operators: operatorHours(),
      lastSeq: row.last_seq,
      citizenReadSeq: row.citizen_read_seq,
      operatorReadSeq: row.operator_read_seq,
      rated: row.status === 'closed' && (await store.rated(row.id)),
    };
    if (row.operator !== null && row.status === 'active') s.operatorName = row.operator;
    if (row.status === 'closed' && options.surveys) s.survey = await options.surveys.link('chat', row.id);
    if (row.status === 'waiting') {
      const info = (await queueInfos()).get(row.id);
      if (info) s.queue = info;
    }
    return s;
  };

  /** Every waiting citizen gets their place; every operator the waiting list. */
  const publishQueue = async () => {
    const waiting = await store.waiting();
    const infos = await queueInfos(waiting);
    const at = now();
    for (const row of waiting) {
      const info = infos.get(row.id);
      if (info) events.toConversation(row.id, CHAT_SERVER_EVENTS.queue, info);
    }
    events.toOperators(CHAT_SERVER_EVENTS.waiting, { waiting: await summaries(waiting, at), availableOperators: await availableOperators() });
  };

  /** The queue update after a change of presence: nobody waits for it, a failure is logged. */
  const publishQueueLater = () => {
    publishQueue().catch((error: unknown) => options.log?.(error, 'chat queue update failed'));
  };

  /** A new message to both sides. */
  const deliver = (message: ChatMessage) => {
    events.toConversation(message.conversationId, CHAT_SERVER_EVENTS.message, message);
    events.toOperatorsOf(message.conversationId, CHAT_SERVER_EVENTS.message, message);
  };

  /** A state change: its line to both sides, the new state to the citizen, the queue to all. */
  const changed = async (outcome: Extract<ChangeOutcome, { kind: 'changed' }>) => {
    // Closed (by the citizen, an operator or as idle): the citizen's survey, before the state that carries it.
    if (outcome.row.status === 'closed') await options.surveys?.finished(chatContact(outcome.row));
    deliver(outcome.message);
    events.toConversation(outcome.row.id, CHAT_SERVER_EVENTS.state, await state(outcome.row));
    await publishQueue();
  };

  const conversation = async (conversationId: string): Promise<ConversationRow> => {
    const row = await store.get(conversationId);
    if (!row) throw new ChatError('not_found', MESSAGES.notFound);
    return row;
  };

  const ownedBy = async (operator: ChatOperator, conversationId: string): Promise<ConversationRow> => {
    const row = await conversation(conversationId);
    if (row.status !== 'active' || row.operator !== operator.name) throw new ChatError('forbidden', MESSAGES.notYours);
    return row;
  };

  const open = (row: ConversationRow) => {
    if (row.status === 'closed') throw new ChatError('conflict', MESSAGES.closed);
  };

  // ---- the assistant ----

  const storeReply = async (conversationId: string, reply: AssistantReply): Promise<void> => {
    if (stopped) return;
    const row = await store.get(conversationId);
    // An operator is involved meanwhile (handoff, or the conversation ended): the answer is
    // dropped; checked again in the answer's transaction.
    if (!row || row.status !== 'assistant') return;
    const at = now();
    const texts = UNKNOWN_TEXTS[row.locale];
    const message: NewMessage =
      reply.kind === 'answer'
        ? { clientId: null, author: 'assistant', text: reply.article.body, article: { id: reply.article.id, title: reply.article.title }, at }
        : {
            clientId: null,
            author: 'assistant',
            text: reply.suggestions.length > 0 ? texts.some : texts.none,
            suggestions: reply.suggestions.slice(0, 10).map((s) => ({ id: s.id, title: s.title })),
            at,
          };
    const outcome = await store.append(row.id, message, { status: ['assistant'] });
    if (outcome.kind !== 'stored') return;
    deliver(outcome.message);
    const streak = await store.recordAssistantAnswer(row.id, reply.kind === 'unknown');
    if (streak >= settings.unknownAnswersToHandoff) {
      const handed = await store.handoff(row.id, SYSTEM_TEXTS.autoQueued, now());
      if (handed.kind === 'changed') await changed(handed);
    }
  };

  /** Asks the assistant about `question`, after the answers to earlier questions of the conversation. */
  const ask = (row: ConversationRow, question: string) => {
    const previous = chains.get(row.id) ?? Promise.resolve();
    const next = previous
      // After the current event's ack has gone out.
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(() => (stopped ? { kind: 'unknown' as const, suggestions: [] } : askAssistant(assistant, question, row.locale, settings.assistantTimeoutMs)))
      .then((reply) => storeReply(row.id, reply))
      .catch((error: unknown) => options.log?.(error, 'chat assistant answer failed'))
      .finally(() => {
        if (chains.get(row.id) === next) chains.delete(row.id);
      });
    chains.set(row.id, next);
  };

  const page = async (conversationId: string, after: number) => {
    const messages = await store.messagesAfter(conversationId, after, SYNC_PAGE + 1);
    const hasMore = messages.length > SYNC_PAGE;
    return { messages: hasMore ? messages.slice(0, SYNC_PAGE) : messages, hasMore };
  };

  /**
   * A citizen's or an operator's message, with the same rules for both: text or files or both,
   * at most the request form's count of files, each an upload not used anywhere yet; stored if
   * the conversation still meets `condition` when its transaction runs (`refused` otherwise).
   */
  const appendChecked = async (
    conversationId: string,
    message: NewMessage & { attachments: readonly string[] },
    condition: AppendCondition,
    refused: (row: ConversationRow | undefined) => ChatError,
  ): Promise<{ message: ChatMessage; duplicate: boolean }> => {
    if (message.attachments.length > options.maxAttachments) {
      const text = ru.fieldErrors.too_many_files.replace('{max}', String(options.maxAttachments));
      throw new ChatError('validation_failed', text, { issues: [{ path: ['attachments'], code: 'too_many_files', message: text }] });
    }
    if (message.text === '' && message.attachments.length === 0) {
      throw new ChatError('validation_failed', MESSAGES.emptyMessage, { issues: [{ path: ['text'], code: 'required', message: MESSAGES.emptyMessage }] });
    }
    const outcome = await store.append(conversationId, message, condition);
    if (outcome.kind === 'refused') throw refused(outcome.row);
    if (outcome.kind === 'full') throw new ChatError('conflict', MESSAGES.full);
    if (outcome.kind === 'attachments') {
      const issues = outcome.indexes.map((index) => ({ path: ['attachments', index], code: 'file_unknown', message: ru.fieldErrors.file_unknown }));
      throw new ChatError('validation_failed', ru.fieldErrors.file_unknown, { issues });
    }
    return outcome;
  };

  const operatorChange = async (outcome: ChangeOutcome, refusal: () => ChatError): Promise<ConversationRow> => {
    if (outcome.kind !== 'changed') throw refusal();
    await changed(outcome);
    return outcome.row;
  };

  const notYours = () => new ChatError('forbidden', MESSAGES.notYours);

  return {
    isChatAttachment: (attachmentId) => store.isChatAttachment(attachmentId),
    async attachment(row, attachmentId) {
      const file = await store.conversationAttachment(row.id, attachmentId);
      if (!file) throw new ChatError('not_found', MESSAGES.attachmentNotFound);
      return file;
    },
    async start(body, verified) {
      if (!options.enabled) throw new ChatError('forbidden', MESSAGES.disabled);
      const at = now();
      const token = randomBytes(32).toString('base64url');
      const tokenHash = hashToken(token).toString('hex');
      const outcome = await store.create(
        {
          id: randomUUID(),
          tokenHash,
          kind: body.kind,
          summary: body.summary,
          question: body.question,
          name: body.name ?? null,
          contact: body.contact ?? null,
          locale: body.locale,
          verified: verified ? { subject: verified.subject, name: verified.name ?? null } : null,
          startId: body.startId,
          at,
        },
        { clientId: null, author: 'citizen', text: body.question, at },
      );
      if (outcome.kind === 'created') {
        ask(outcome.row, body.question);
        const current = (await store.get(outcome.row.id))!;
        return { conversationId: current.id, token, state: await state(current), messages: [outcome.message] };
      }
      // A repeat: the first ack was lost, so nobody holds the first token — the new one replaces
      // it. Not asked again, nothing stored again. Refused once the conversation could have been
      // used (closed, or past the window), or when the opening differs: a startId names one opening.
      const row = outcome.row;
      const sameOpening =
        row.kind === body.kind &&
        row.summary === body.summary &&
        row.question === body.question &&
        row.name === (body.name ?? null) &&
        row.contact === (body.contact ?? null) &&
        row.locale === body.locale &&
        row.verified_subject === (verified?.subject ?? null);
      const inTime = at - Date.parse(row.created_at) <= CHAT_START_REPEAT_MS;
      if (!sameOpening || !inTime || !(await store.rotateToken(row.id, tokenHash))) throw new ChatError('conflict', MESSAGES.startRepeat);
      const current = (await store.get(row.id))!;
      return { conversationId: current.id, token, state: await state(current), messages: (await page(current.id, 0)).messages };
    },

    async authenticate(conversationId, token) {
      const row = await store.get(conversationId);
      const expected = Buffer.from(row?.token_hash ?? DUMMY_HASH, 'hex');
      const matches = expected.length === 32 && timingSafeEqual(hashToken(token), expected);
      if (!row || !matches) throw new ChatError('not_found', MESSAGES.notFound);
      if (row.closed_at !== null && Date.parse(row.closed_at) + settings.closedResumeMs < now()) throw new ChatError('not_found', MESSAGES.notFound);
      return row;
    },

    async bound(conversationId) {
      if (conversationId === undefined) throw new ChatError('unauthorized', MESSAGES.notStarted);
      return conversation(conversationId);
    },

    state: (row) => state(row),
    page,

    async send(row, body) {
      open(row);
      const outcome = await appendChecked(
        row.id,
        { clientId: body.clientId, author: 'citizen', text: body.text, attachments: body.attachments, at: now() },
        // Closed meanwhile (by the operator, or idle): refused as if it had been closed before.
        { status: ['assistant', 'waiting', 'active'] },
        (current) => (current ? new ChatError('conflict', MESSAGES.closed) : new ChatError('not_found', MESSAGES.notFound)),
      );
      if (!outcome.duplicate) {
        deliver(outcome.message);
        if (row.status === 'assistant' && body.text !== '') ask(row, body.text);
      }
      return { message: outcome.message, duplicate: outcome.duplicate };
    },

    citizenTyping(row, typing) {
      if (row.status !== 'active') return;
      events.toOperatorsOf(row.id, CHAT_SERVER_EVENTS.typing, { conversationId: row.id, author: 'citizen', typing });
    },

    async read(row, by, seq) {
      const mark = await store.markRead(row.id, by, seq);
      const payload = { conversationId: row.id, by, seq: mark };
      events.toConversation(row.id, CHAT_SERVER_EVENTS.read, payload);
      events.toOperatorsOf(row.id, CHAT_SERVER_EVENTS.read, payload);
      return mark;
    },

    async handoff(row) {
      open(row);
      const outcome = await store.handoff(row.id, SYSTEM_TEXTS.queued, now());
      if (outcome.kind === 'changed') {
        await changed(outcome);
        return state(outcome.row);
      }
      // Already waiting or with an operator: nothing to do.
      return state(await conversation(row.id));
    },

    async end(row) {
      if (row.status === 'closed') return state(row);
      const outcome = await store.close(row.id, 'citizen', null, SYSTEM_TEXTS.closedByCitizen, now());
      if (outcome.kind === 'changed') {
        await changed(outcome);
        if (outcome.previousOperator !== null) events.follow(outcome.previousOperator, row.id, false);
        return state(outcome.row);
      }
      return state(await conversation(row.id));
    },

    async rate(row, score, comment) {
      if (row.status !== 'closed') throw new ChatError('conflict', MESSAGES.rateNotClosed);
      if (!(await store.rate(row.id, score, comment || null, now()))) throw new ChatError('conflict', MESSAGES.alreadyRated);
    },

    async emailTranscript(row, email) {
      const sent = await store.sendTranscript(row.id, settings.maxTranscripts, (current, messages) => ({
        channel: 'email',
        recipient: email,
        subject: 'Переписка с поддержкой',
        body: renderTranscript(current, messages),
      }));
      if (!sent) throw new ChatError('rate_limited', MESSAGES.transcriptLimit);
    },

    operatorOnline(operator, socketId) {
      const written = presence.online(operator.name, socketId);
      publishQueueLater();
      return written;
    },

    operatorOffline(_operator, socketId) {
      const written = presence.offline(socketId);
      publishQueueLater();
      return written;
    },

    setOperatorStatus(operator, status) {
      const written = presence.setStatus(operator.name, status);
      publishQueueLater();
      return written;
    },

    availableOperators,

    activeConversations: async (operator) => (await store.activeOf(operator.name)).map((row) => row.id),

    async list(operator) {
      const at = now();
      const [waiting, mine, recent] = await Promise.all([
        store.waiting(),
        store.activeOf(operator.name),
        store.closedOf(operator.name, new Date(at - RECENT_MS).toISOString(), RECENT_LIMIT),
      ]);
      return {
        waiting: await summaries(waiting, at),
        mine: await summaries(mine, at),
        recent: await withSharedSurveys(await summaries(recent, at)),
        availableOperators: await availableOperators(),
      };
    },

    async take(operator, conversationId) {
      const outcome = await store.take(conversationId, operator.name, operator.senior, SYSTEM_TEXTS.joined(operator.name), now());
      if (outcome.kind !== 'changed') {
        const row = outcome.row;
        if (!row) throw new ChatError('not_found', MESSAGES.notFound);
        if (row.status === 'active') throw new ChatError('conflict', MESSAGES.takenByOther);
        if (row.status === 'waiting' && row.escalated === 1) throw new ChatError('forbidden', MESSAGES.seniorOnly);
        throw new ChatError('conflict', MESSAGES.notWaiting);
      }
      events.follow(operator.name, conversationId, true);
      await changed(outcome);
      const taken = await summary(outcome.row);
      events.toOperator(operator.name, CHAT_SERVER_EVENTS.assigned, taken);
      return { conversation: taken, ...(await page(conversationId, 0)) };
    },

    async history(conversationId, after) {
      const row = await conversation(conversationId);
      return { conversation: await summary(row), ...(await page(conversationId, after)) };
    },

    async reply(operator, conversationId, clientId, text, attachments = []) {
      await conversation(conversationId);
      // A repeat is acknowledged even if the conversation moved on since.
      const existing = await store.byClientId(conversationId, clientId);
      if (existing) return { message: existing, duplicate: true };
      await ownedBy(operator, conversationId);
      // Checked again in the message's transaction: transferred, returned or closed meanwhile.
      const outcome = await appendChecked(
        conversationId,
        { clientId, author: 'operator', operatorName: operator.name, text, attachments, at: now() },
        { status: ['active'], operator: operator.name },
        notYours,
      );
      if (!outcome.duplicate) deliver(outcome.message);
      return { message: outcome.message, duplicate: outcome.duplicate };
    },

    async operatorTyping(operator, conversationId, typing) {
      await ownedBy(operator, conversationId);
      events.toConversation(conversationId, CHAT_SERVER_EVENTS.typing, { conversationId, author: 'operator', operatorName: operator.name, typing });
    },

    async operatorRead(operator, conversationId, seq) {
      const row = await ownedBy(operator, conversationId);
      const mark = await store.markRead(row.id, 'operator', seq);
      const payload = { conversationId, by: 'operator', seq: mark };
      events.toConversation(conversationId, CHAT_SERVER_EVENTS.read, payload);
      events.toOperatorsOf(conversationId, CHAT_SERVER_EVENTS.read, payload);
      return mark;
    },

    async transfer(operator, conversationId, to) {
      await ownedBy(operator, conversationId);
      if (to === operator.name) throw new ChatError('conflict', MESSAGES.transferSelf);
      // Connected to any process (the database), available or away.
      if (!(await presence.isOnline(to))) throw new ChatError('not_found', MESSAGES.transferTarget(to));
      const row = await operatorChange(await store.transfer(conversationId, operator.name, to, SYSTEM_TEXTS.transferred(to), now()), notYours);
      events.follow(operator.name, conversationId, false);
      events.follow(to, conversationId, true);
      const transferred = await summary(row);
      events.toOperator(to, CHAT_SERVER_EVENTS.assigned, transferred);
      return transferred;
    },

    async escalate(operator, conversationId, note) {
      await ownedBy(operator, conversationId);
      const outcome = await store.requeue(conversationId, operator.name, { note }, 'escalated', SYSTEM_TEXTS.escalated, now());
      const row = await operatorChange(outcome, notYours);
      events.follow(operator.name, conversationId, false);
      return summary(row);
    },

    async returnToQueue(operator, conversationId) {
      await ownedBy(operator, conversationId);
      const outcome = await store.requeue(conversationId, operator.name, false, 'returned_to_queue', SYSTEM_TEXTS.returned, now());
      const row = await operatorChange(outcome, notYours);
      events.follow(operator.name, conversationId, false);
      return summary(row);
    },

    async close(operator, conversationId) {
      await ownedBy(operator, conversationId);
      const outcome = await store.close(conversationId, 'operator', operator.name, SYSTEM_TEXTS.closedByOperator, now());
      const row = await operatorChange(outcome, notYours);
      events.follow(operator.name, conversationId, false);
      return summary(row);
    },

    async closeIdle() {
      let closed = 0;
      for (const id of await store.idleSince(now() - settings.idleCloseMs)) {
        const outcome = await store.close(id, 'system', null, SYSTEM_TEXTS.closedIdle, now());
        if (outcome.kind !== 'changed') continue;
        closed++;
        await changed(outcome);
        if (outcome.previousOperator !== null) events.follow(outcome.previousOperator, id, false);
      }
      return closed;
    },

    async transcript(conversationId) {
      return renderTranscript(await conversation(conversationId), await store.messagesAfter(conversationId, 0));
    },

    async stop() {
      stopped = true;
      await presence.stop();
    },

    async idle() {
      while (chains.size > 0) await Promise.all([...chains.values()]);
    },
  };
}
