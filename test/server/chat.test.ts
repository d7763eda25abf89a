import assert from 'node:assert/strict';
import { nextEvent } from '../helpers/socket-events.js';
import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { describe, test, type TestContext } from 'node:test';
import { io as connect, type Socket } from 'socket.io-client';
import type { SelectQueryBuilder } from 'kysely';
import { buildApp, type BackendApp, type BuildAppOptions } from '../../server/app.js';
import type { Database } from '../../server/database/schema.js';
import type { AssistantReply, ChatAssistant } from '../../server/chat/assistant.js';
import { renderTranscript } from '../../server/chat/transcript.js';
import { pendingNotifications } from '../../server/notify/notifier.js';
import {
  CHAT_NAMESPACE,
  CHAT_OPERATOR_NAMESPACE,
  ChatMessage,
  ChatQueueInfo,
  ChatResumeAck,
  ChatSendAck,
  ChatStartAck,
  ChatState,
  CHAT_START_REPEAT_MS,
  OperatorConversationAck,
  OperatorListAck,
} from '../../src/protocol/chat.js';
import { ru } from '../../src/i18n/ru.js';
import { DEMO_CONFIG, FILES, FIXED_NOW, RUSSIAN, SITE_DIR, startBackend, startSecondBackend, submit, tempDir, testClock, upload, validRequest } from './support.js';

/** A strong operator token (the server refuses weak ones). */
const TOKEN = 'Xgpki2ZHSgY398e11ryQxJVeJX5cJ6LHl94pXX8r8mI';
const XSS = '<img src=x onerror=alert(1)>';
const PASSWORD_ARTICLE = { id: 'password-reset', title: 'Как восстановить пароль', body: 'Нажмите «Забыли пароль?» на странице входа.' };

/** The test double of the assistant: knows about passwords, nothing else. */
const testAssistant: ChatAssistant = {
  reply(question): AssistantReply {
    if (/парол/i.test(question)) return { kind: 'answer', article: PASSWORD_ARTICLE };
    return { kind: 'unknown', suggestions: [{ id: 'contacts', title: 'Как связаться с поддержкой' }] };
  },
};

/** Limits high enough that a test's own traffic never meets them. */
const ROOMY = {
  eventsPerSocket: { limit: 10_000, windowMs: 10_000 },
  typingPerSocket: { limit: 10_000, windowMs: 10_000 },
  startsPerIp: { limit: 10_000, windowMs: 10_000 },
};

function chatOptions(overrides: Partial<BuildAppOptions> = {}): Partial<BuildAppOptions> {
  return { operatorToken: TOKEN, now: testClock().now, chat: { assistant: testAssistant, limits: ROOMY }, ...overrides };
}

async function listen(backend: Pick<BackendApp, 'app'>): Promise<string> {
  await backend.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(backend.app.server.address() as AddressInfo).port}`;
}

type Hooks = Pick<TestContext, 'after'>;

/** A connected socket of a namespace, closed after the test. */
function open(t: Hooks, url: string, namespace: string, auth?: Record<string, unknown>): Promise<Socket> {
  const socket = connect(`${url}${namespace}`, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    timeout: 5000,
    forceNew: true,
    ...(auth ? { auth } : {}),
  });
  t.after(() => socket.close());
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

const citizen = (t: Hooks, url: string) => open(t, url, CHAT_NAMESPACE);
const operator = (t: Hooks, url: string, name = 'Петров П.', extra: Record<string, unknown> = {}) =>
  open(t, url, CHAT_OPERATOR_NAMESPACE, { token: TOKEN, operatorName: name, ...extra });

/** Emits with an ack, failing after 3 s. */
function call(socket: Socket, event: string, ...payload: unknown[]): Promise<any> {
  return socket.timeout(3000).emitWithAck(event, ...payload);
}

const next = <T = any>(socket: Socket, event: string, match?: (payload: T) => boolean, ms = 3000) => nextEvent<T>(socket, event, match, ms);

/** The opening form's body; each call a new submission (its own startId) unless one is given. */
const opening = (overrides: Record<string, unknown> = {}) => ({
  startId: randomUUID(),
  kind: 'technical',
  summary: 'Не получается войти',
  question: 'Забыл пароль от личного кабинета',
  locale: 'ru',
  ...overrides,
});

async function start(socket: Socket, overrides: Record<string, unknown> = {}) {
  const ack = await call(socket, 'chat:start', opening(overrides));
  assert.equal(ack.ok, true, JSON.stringify(ack));
  return ChatStartAck.parse(ack);
}

/** Starts a conversation the assistant cannot answer, and hands it to the queue. */
async function waitingConversation(socket: Socket, summary = 'Вопрос') {
  const started = await start(socket, { question: 'Что-то непонятное', summary });
  const ack = await call(socket, 'chat:handoff');
  assert.equal(ack.ok, true, JSON.stringify(ack));
  return started;
}

/** The test's database (SQLite or PostgreSQL). */
const chatDb = (backend: Pick<BackendApp, 'database'>) => backend.database.kysely;

/** How many rows of a chat table (that `where` keeps). */
async function count<T extends 'chat_conversations' | 'chat_messages'>(
  backend: Pick<BackendApp, 'database'>,
  table: T,
  where: (query: SelectQueryBuilder<Database, T, object>) => SelectQueryBuilder<Database, T, object> = (query) => query,
): Promise<number> {
  const row = await where(chatDb(backend).selectFrom(table) as SelectQueryBuilder<Database, T, object>)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const send = (socket: Socket, text: string, clientId: string = randomUUID(), attachments?: string[]) =>
  call(socket, 'chat:send', { clientId, text, ...(attachments ? { attachments } : {}) });


describe('chat: citizens', () => {
  test('start: the opening is stored as seq 1, the assistant answers with the article as seq 2', async (t) => {
    const backend = await startBackend(t, chatOptions());
    const url = await listen(backend);
    const socket = await citizen(t, url);
    const answered = next<ChatMessage>(socket, 'chat:message', (m) => m.author === 'assistant');
    const started = await start(socket);

    assert.match(started.token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(started.state.status, 'assistant');
    assert.equal(started.messages.length, 1);
    assert.deepEqual(
      { seq: started.messages[0]!.seq, author: started.messages[0]!.author, text: started.messages[0]!.text },
      { seq: 1, author: 'citizen', text: 'Забыл пароль от личного кабинета' },
    );
    const answer = ChatMessage.parse(await answered);
    assert.equal(answer.seq, 2);
    assert.deepEqual(answer.article, { id: PASSWORD_ARTICLE.id, title: PASSWORD_ARTICLE.title });
    assert.equal(answer.text, PASSWORD_ARTICLE.body);

    // The token is stored hashed only.
    const row = await chatDb(backend).selectFrom('chat_conversations').select('token_hash').where('id', '=', started.conversationId).executeTakeFirstOrThrow();
    assert.notEqual(row.token_hash, started.token);
    assert.match(row.token_hash, /^[0-9a-f]{64}$/);
  });

  test('resume needs the conversation’s own token: another conversation’s token and a wrong one are refused alike', async (t) => {
    const backend = await startBackend(t, chatOptions());
    const url = await listen(backend);
    const alice = await start(await citizen(t, url), { summary: 'Алиса' });
    const bob = await start(await citizen(t, url), { summary: 'Боб' });
    await backend.chat.idle();

    const intruder = await citizen(t, url);
    for (const token of [bob.token, 'x'.repeat(43), '']) {
      const ack = await call(intruder, 'chat:resume', { conversationId: alice.conversationId, token });
      assert.equal(ack.ok, false);
      assert.ok(['not_found', 'validation_failed'].includes(ack.error.code), JSON.stringify(ack));
      assert.match(ack.error.message, RUSSIAN);
    }
    const unknown = await call(intruder, 'chat:resume', { conversationId: randomUUID(), token: alice.token });
    assert.equal(unknown.error.code, 'not_found');
    // Still bound to nothing: it can neither read nor write.
    assert.equal((await call(intruder, 'chat:sync', { lastSeenSeq: 0 })).error.code, 'unauthorized');
    assert.equal((await send(intruder, 'чужое')).error.code, 'unauthorized');
    const stored = await count(backend, 'chat_messages', (q) => q.where('text', '=', 'чужое'));
    assert.equal(stored, 0);

    const own = ChatResumeAck.parse(await call(intruder, 'chat:resume', { conversationId: alice.conversationId, token: alice.token }));
    assert.equal(own.state.summary, 'Алиса');
    assert.deepEqual(own.messages.map((m) => m.seq), [1, 2]);
  });

  test('a host site’s signed identity token links the chat to that person; a forged, expired or wrong-algorithm one is refused with a message; without IDENTITY_SECRET it is ignored', async (t) => {
    const SECRET = 'site-shared-secret-for-identity-tokens-0123456789';
    const clock = testClock();
    const sign = (claims: Record<string, unknown>, secret = SECRET, iat = Math.floor(clock.now() / 1000)) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(iat).setExpirationTime(iat + 3600).sign(new TextEncoder().encode(secret));
    const backend = await startBackend(t, chatOptions({ now: clock.now, chat: { assistant: testAssistant, limits: ROOMY, identitySecret: SECRET } }));
    const url = await listen(backend);
    const op = await operator(t, url, 'Петров П.');

    const token = await sign({ sub: 'esia-1000042', name: 'Иванова Мария Петровна' });
    const started = await start(await citizen(t, url), { identityToken: token, question: 'Что-то непонятное' });
    await call(await citizen(t, url), 'chat:resume', { conversationId: started.conversationId, token: started.token });
    const row = await chatDb(backend).selectFrom('chat_conversations').select(['verified_subject', 'verified_name']).where('id', '=', started.conversationId).executeTakeFirst();
    assert.deepEqual(row, { verified_subject: 'esia-1000042', verified_name: 'Иванова Мария Петровна' });
    const history = OperatorConversationAck.parse(await call(op, 'op:history', { conversationId: started.conversationId }));
    assert.deepEqual(history.conversation.verified, { subject: 'esia-1000042', name: 'Иванова Мария Петровна' });

    const refused = async (identityToken: string, message: RegExp) => {
      const ack = await call(await citizen(t, url), 'chat:start', opening({ identityToken }));
      assert.equal(ack.ok, false, identityToken);
      assert.equal(ack.error.code, 'unauthorized');
      assert.match(ack.error.message, message);
    };
    await refused(await sign({ sub: 'esia-1' }, 'another-secret-of-another-site-0123456789'), /Не удалось подтвердить/);
    await refused(await sign({ sub: 'esia-1' }, SECRET, Math.floor(clock.now() / 1000) - 7200), /устарел/);
    await refused(await sign({ name: 'без sub' }), /Не удалось подтвердить/);
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'x', iat: 1, exp: 9e9 })).toString('base64url')}.`;
    await refused(none, /Не удалось подтвердить/);
    assert.equal(await count(backend, 'chat_conversations'), 1, 'nothing started by a refused token');

    // A server without the secret ignores the token: the chat starts, anonymous.
    const plain = await startBackend(t, chatOptions());
    const anonymous = await start(await citizen(t, await listen(plain)), { identityToken: token });
    const plainRow = await chatDb(plain).selectFrom('chat_conversations').select('verified_subject').where('id', '=', anonymous.conversationId).executeTakeFirstOrThrow();
    assert.equal(plainRow.verified_subject, null);
  });

  test('a start repeated with its startId (the ack lost) answers the same conversation with a new token; the assistant is not asked again', async (t) => {
    const backend = await startBackend(t, chatOptions());
    const url = await listen(backend);
    const body = opening();
    const first = await start(await citizen(t, url), body);
    await backend.chat.idle();

    // The first ack never arrived: the widget sends the same opening again, on a new connection.
    const retry = await citizen(t, url);
    const again = await start(retry, body);
    await backend.chat.idle();
    assert.equal(again.conversationId, first.conversationId);
    assert.notEqual(again.token, first.token);
    assert.equal(again.state.status, 'assistant');
    assert.deepEqual(
      again.messages.map((m) => [m.seq, m.author]),
      [
        [1, 'citizen'],
        [2, 'assistant'],
      ],
    );
    const rows = await chatDb(backend)
      .selectFrom('chat_messages')
      .select((eb) => ['author', eb.fn.countAll<number>().as('n')])
      .where('conversation_id', '=', first.conversationId)
      .groupBy('author')
      .orderBy('author')
      .execute();
    assert.deepEqual(rows, [
      { author: 'assistant', n: 1 },
      { author: 'citizen', n: 1 },
    ]);
    assert.equal(await count(backend, 'chat_conversations'), 1);

    // The repeat's socket is bound: it sends at once.
    assert.equal((await send(retry, 'ещё вопрос')).ok, true);
    // The new token resumes; the old one is refused like any wrong token.
    const resumed = ChatResumeAck.parse(await call(await citizen(t, url), 'chat:resume', { conversationId: first.conversationId, token: again.token }));
    assert.equal(resumed.state.conversationId, first.conversationId);
    const old = await call(await citizen(t, url), 'chat:resume', { conversationId: first.conversationId, token: first.token });
    assert.equal(old.ok, false);
    assert.equal(old.error.code, 'not_found');
  });

  test('two starts with one startId at once make one conversation', async (t) => {
    const backend = await startBackend(t, chatOptions());
    const url = await listen(backend);
    const body = opening();
    const [a, b] = await Promise.all([citizen(t, url), citizen(t, url)]);
    const acks = await Promise.all([call(a, 'chat:start', body), call(b, 'chat:start', body)]);
    await backend.chat.idle();
    const [one, two] = acks.map((ack) => ChatStartAck.parse(ack));
    assert.equal(one!.conversationId, two!.conversationId);
    assert.equal(await count(backend, 'chat_conversations'), 1);
    assert.equal(await count(backend, 'chat_messages', (q) => q.where('author', '=', 'citizen')), 1);
    assert.equal(await count(backend, 'chat_messages', (q) => q.where('author', '=', 'assistant')), 1);
    // The later of the two tokens is the conversation's.
    const tokens = await Promise.all(
      [one!.token, two!.token].map(async (token) => (await call(await citizen(t, url), 'chat:resume', { conversationId: one!.conversationId, token })).ok),
    );
    assert.deepEqual(tokens.sort(), [false, true]);
  });

  test('a start repeated after 10 minutes, after the chat closed, or with another opening is refused as conflict', async (t) => {
    const clock = testClock();
    const backend = await startBackend(t, chatOptions({ now: clock.now }));
    const url = await listen(backend);
    const refused = async (body: Record<string, unknown>) => {
      const ack = await call(await citizen(t, url), 'chat:start', body);
      assert.equal(ack.ok, false, JSON.stringify(ack));
      assert.equal(ack.error.code, 'conflict');
      assert.match(ack.error.message, /начнётся новый чат/);
    };

    const late = opening();
    const first = await start(await citizen(t, url), late);
    clock.advance(CHAT_START_REPEAT_MS);
    assert.equal((await start(await citizen(t, url), late)).conversationId, first.conversationId, 'still in time at the edge');
    clock.advance(1);
    await refused(late);

    const ended = opening();
    const socket = await citizen(t, url);
    const closing = await start(socket, ended);
    assert.equal((await call(socket, 'chat:end')).ok, true);
    await refused(ended);
    // The token of the closed chat is not replaced: it still resumes (to rate, to take the transcript).
    assert.equal((await call(await citizen(t, url), 'chat:resume', { conversationId: closing.conversationId, token: closing.token })).ok, true);

    const other = opening();
    await start(await citizen(t, url), other);
    await refused({ ...other, question: 'Другой вопрос' });
    await backend.chat.idle();
    assert.equal(await count(backend, 'chat_conversations'), 3);
  });

  test('the same client id twice is stored once; both acks carry the same seq', async (t) => {
    const backend = await startBackend(t, chatOptions());
    const url = await listen(backend);
    const socket = await citizen(t, url);
    const started = await start(socket);
    await backend.chat.idle();

    const clientId = randomUUID();
    const [first, second] = await Promise.all([send(socket, 'Спасибо, а как сменить телефон?', clientId), send(socket, 'Спасибо, а как сменить телефон?', clientId)]);
    const a = ChatSendAck.parse(first);
    const b = ChatSendAck.parse(second);
    assert.equal(a.seq, b.seq);
    assert.deepEqual([a.duplicate, b.duplicate].sort(), [false, true]);
    const third = ChatSendAck.parse(await send(socket, 'другой текст, тот же id', clientId));
    assert.equal(third.seq, a.seq, 'a repeat is answered with the stored message');
    assert.equal(third.message.text, 'Спасибо, а как сменить телефон?');
    assert.equal(await count(backend, 'chat_messages', (q) => q.where('conversation_id', '=', started.conversationId).where('client_id', '=', clientId)), 1);
  });

  test('seq grows by one per message; sync returns everything after lastSeenSeq, in order', async (t) => {
    const backend = await startBackend(t, chatOptions());
    const url = await listen(backend);
    const socket = await citizen(t, url);
    await start(socket);
    await backend.chat.idle();
    for (let i = 0; i < 5; i++) await send(socket, `сообщение ${i}`);
    await backend.chat.idle();
    const ack = await call(socket, 'chat:sync', { lastSeenSeq: 2 });
    assert.equal(ack.ok, true);
    const seqs = ack.messages.map((m: ChatMessage) => m.seq);
    assert.deepEqual(seqs, seqs.map((_: number, i: number) => i + 3));
    assert.ok(seqs.length >= 5);
    assert.equal(ack.state.lastSeq, seqs.at(-1));
  });

  test('sync answers at most 500 messages at a time, with hasMore', async (t) => {
    const backend = await startBackend(t, chatOptions({ chat: { assistant: { reply: () => new Promise(() => {}) }, limits: ROOMY, settings: { assistantTimeoutMs: 60_000 } } }));
    const url = await listen(backend);
    const socket = await citizen(t, url);
    await start(socket);
    // In rounds of 100: one socket's events are handled in order, so 600 at once would wait past
    // the acks' 3 s on a busy machine.
    for (let round = 0; round < 6; round++) await Promise.all(Array.from({ length: 100 }, (_, i) => send(socket, `№ ${round * 100 + i}`)));
    const first = ChatResumeAck.parse(await call(socket, 'chat:sync', { lastSeenSeq: 0 }));
    assert.equal(first.messages.length, 500);
    assert.equal(first.hasMore, true);
    const rest = ChatResumeAck.parse(await call(socket, 'chat:sync', { lastSeenSeq: first.messages.at(-1)!.seq }));
    assert.equal(rest.hasMore, false);
    assert.deepEqual([...first.messages, ...rest.messages].map((m) => m.seq), Array.from({ length: 601 }, (_, i) => i + 1));
  });

  test('two sockets on one conversation (two tabs) both get every message', async (t) => {
    const backend = await startBackend(t, chatOptions());
    const url = await listen(backend);
    const tab1 = await citizen(t, url);
    const started = await start(tab1);
    await backend.chat.idle();
    const tab2 = await citizen(t, url);
    assert.equal((await call(tab2, 'chat:resume', { conversationId: started.conversationId, token: started.token })).ok, true);

    const in1 = next<ChatMessage>(tab1, 'chat:message', (m) => m.text === 'из второй вкладки');
    const in2 = next<ChatMessage>(tab2, 'chat:message', (m) => m.text === 'из второй вкладки');
    await send(tab2, 'из второй вкладки');
    assert.equal((await in1).seq, (await in2).seq);
  });

  test(`a message ${XSS} is stored and delivered verbatim`, async (t) => {
    const backend = await startBackend(t, chatOptions());
    const url = await listen(backend);
    const socket = await citizen(t, url);
    const started = await start(socket);
    const sent = ChatSendAck.parse(await send(socket, XSS));
    assert.equal(sent.message.text, XSS);
    const stored = await chatDb(backend).selectFrom('chat_messages').select('text').where('conversation_id', '=', started.conversationId).where('seq', '=', sent.seq).executeTakeFirstOrThrow();
    assert.equal(stored.text, XSS);
  });

  test('sync after a server restart on the same SQLite file returns the missing messages in order', async (t) => {
    const dir = tempDir(t);
    const distDir = join(dir, 'dist');
    const base = { dbPath: join(dir, 'db.sqlite'), configPath: DEMO_CONFIG, corsOrigins: [], distDir, siteDir: SITE_DIR, ...chatOptions() };
    const first = await buildApp(base);
    let second: BackendApp | undefined;
    t.after(async () => {
      await first.close();
      await second?.close();
    });
    const url1 = await listen(first);
    const socket = await citizen(t, url1);
    const started = await start(socket);
    await first.chat.idle();
    const seen = (await call(socket, 'chat:sync', { lastSeenSeq: 0 })).messages.at(-1).seq as number;
    // Messages the first tab did not see (sent by the second tab).
    const other = await citizen(t, url1);
    await call(other, 'chat:resume', { conversationId: started.conversationId, token: started.token });
    for (const text of ['раз', 'два', 'три']) assert.equal((await send(other, text)).ok, true);
    await first.chat.idle();
    await first.close();

    second = await buildApp(base);
    const url2 = await listen(second);
    const back = await citizen(t, url2);
    const resumed = ChatResumeAck.parse(await call(back, 'chat:resume', { conversationId: started.conversationId, token: started.token, lastSeenSeq: seen }));
    const citizenTexts = resumed.messages.filter((m) => m.author === 'citizen').map((m) => m.text);
    assert.deepEqual(citizenTexts, ['раз', 'два', 'три']);
    assert.deepEqual(resumed.messages.map((m) => m.seq), resumed.messages.map((_, i) => seen + 1 + i));
    const sync = await call(back, 'chat:sync', { lastSeenSeq: seen });
    assert.deepEqual(sync.messages, resumed.messages);
    // Sequence goes on after the restart.
    const more = ChatSendAck.parse(await send(back, 'после перезапуска'));
    assert.ok(more.seq > resumed.messages.at(-1)!.seq);
  });

  test('a short outage: Socket.IO recovers the binding and the messages sent meanwhile (one process), or a resume brings them (PostgreSQL, several)', async (t) => {
    const backend = await startBackend(t, chatOptions());
    const url = await listen(backend);
    const socket = connect(`${url}${CHAT_NAMESPACE}`, { path: '/socket.io', transports: ['websocket'], reconnectionDelay: 50, forceNew: true });
    t.after(() => socket.close());
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const started = await start(socket);
    await backend.chat.idle();
    const other = await citizen(t, url);
    await call(other, 'chat:resume', { conversationId: started.conversationId, token: started.token });

    const missed = next<ChatMessage>(socket, 'chat:message', (m) => m.text === 'пока вас не было', 5000);
    const reconnected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.io.engine.close(); // the connection drops (not a deliberate disconnect)
    await send(other, 'пока вас не было');
    await reconnected;
    if (backend.database.dialect === 'postgres') {
      // Several processes (the PostgreSQL adapter): no session recovery, the client may be back on
      // another process. The widget resumes with its token and what it saw; the gap comes back.
      assert.notEqual(socket.recovered, true);
      missed.catch(() => {}); // not delivered live: the socket is in no room until it resumes
      const resumed = ChatResumeAck.parse(await call(socket, 'chat:resume', { conversationId: started.conversationId, token: started.token, lastSeenSeq: 2 }));
      assert.ok(resumed.messages.some((m) => m.text === 'пока вас не было'), JSON.stringify(resumed.messages));
    } else {
      assert.equal(socket.recovered, true);
      assert.equal((await missed).text, 'пока вас не было');
    }
    // Bound to its conversation (recovered, or resumed).
    assert.equal((await send(socket, 'я снова здесь')).ok, true);
  });

  test('the message text and the opening are checked: empty, too long, unknown fields, bad kind, no startId or not a UUID', async (t) => {
    const backend = await startBackend(t, chatOptions());
    const url = await listen(backend);
    const socket = await citizen(t, url);
    const { startId: _, ...withoutStartId } = opening();
    const bad = [
      opening({ kind: 'other' }),
      opening({ summary: '' }),
      opening({ question: 'x'.repeat(2001) }),
      { ...opening(), extra: 1 },
      withoutStartId,
      opening({ startId: 'not-a-uuid' }),
    ];
    for (const body of bad) {
      const ack = await call(socket, 'chat:start', body);
      assert.equal(ack.ok, false);
      assert.equal(ack.error.code, 'validation_failed');
      assert.match(ack.error.message, RUSSIAN);
      assert.ok(ack.error.issues.length > 0);
    }
    const missing = await call(socket, 'chat:start', withoutStartId);
    assert.deepEqual(missing.error.issues.map((issue: { path: unknown[] }) => issue.path), [['startId']]);
    await start(socket, { name: 'Мария', contact: '+7 900 000-00-00' });
    assert.equal((await send(socket, '   ')).error.code, 'validation_failed');
    assert.equal((await send(socket, 'x'.repeat(2001))).error.code, 'validation_failed');
    assert.equal((await call(socket, 'chat:send', { clientId: 'not-a-uuid', text: 'привет' })).error.code, 'validation_failed');
    assert.equal((await send(socket, 'x'.repeat(2000))).ok, true);
  });

  test('attachments: uploads by id, the request form’s count limit, each upload once', async (t) => {
    const backend = await startBackend(t, chatOptions());
    const url = await listen(backend);
    const socket = await citizen(t, url);
    await start(socket);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await upload(backend.app, FILES.png, `скрин-${i}.png`)).json().id);

    const tooMany = await send(socket, 'файлы', randomUUID(), ids);
    assert.equal(tooMany.error.code, 'validation_failed');
    assert.equal(tooMany.error.issues[0].code, 'too_many_files');
    const ok = ChatSendAck.parse(await send(socket, '', randomUUID(), ids.slice(0, 2)));
    assert.deepEqual(ok.message.attachments.map((a) => a.name), ['скрин-0.png', 'скрин-1.png']);
    const again = await send(socket, 'тот же файл', randomUUID(), [ids[0]!]);
    assert.equal(again.error.code, 'validation_failed');
    assert.equal(again.error.issues[0].code, 'file_unknown');
    assert.equal((await send(socket, 'нет такого', randomUUID(), ['nope'])).error.issues[0].code, 'file_unknown');
    // The uploads clean-up keeps files attached to a chat message.
    const uploads = backend.database.kysely;
    await uploads.updateTable('attachments').set({ created_at: '2000-01-01T00:00:00.000Z' }).execute();
    const { purgeStaleUploads } = await import('../../server/uploads/store.js');
    await purgeStaleUploads(uploads, join(backend.dir, 'uploads'), Date.now(), 1000);
    const left = (await uploads.selectFrom('attachments').select('id').orderBy('id').execute()).map((row) => row.id);
    assert.deepEqual(left.sort(), ids.slice(0, 2).sort());
  });

  test('an upload is held by one thing: one a chat message holds is the request’s file_unknown and stays the message’s; one a request holds is refused to a message', async (t) => {
    const backend = await startBackend(t, chatOptions());
    const url = await listen(backend);
    const socket = await citizen(t, url);
    const started = await start(socket);
    const inChat = (await upload(backend.app, FILES.png, 'скриншот.png')).json().id as string;
    const free = (await upload(backend.app, FILES.pdf, 'скан.pdf')).json().id as string;
    ChatSendAck.parse(await send(socket, 'вот снимок', randomUUID(), [inChat]));
    const holders = async () =>
      Object.fromEntries(
        (await chatDb(backend).selectFrom('attachments').select(['id', 'request_id', 'held_by']).execute()).map((row) => [row.id, [row.request_id, row.held_by]]),
      );

    const refused = await submit(backend.app, validRequest({ attachments: [free, inChat] }));
    assert.equal(refused.statusCode, 400, refused.body);
    assert.deepEqual(refused.json().error.issues, [{ path: ['attachments', 1], code: 'file_unknown', message: ru.fieldErrors.file_unknown }]);
    assert.deepEqual(await holders(), { [inChat]: [null, 'chat'], [free]: [null, null] }, 'nothing taken: the chat keeps its file');
    assert.equal((await chatDb(backend).selectFrom('requests').select('id').execute()).length, 0);
    const download = await fetch(`${url}/chat/conversations/${started.conversationId}/attachments/${inChat}`, { headers: { authorization: `Bearer ${started.token}` } });
    assert.equal(download.status, 200, 'still the conversation’s file');

    const created = await submit(backend.app, validRequest({ attachments: [free] }));
    assert.equal(created.statusCode, 201, created.body);
    const again = await send(socket, 'и скан', randomUUID(), [free]);
    assert.equal(again.error.code, 'validation_failed');
    assert.deepEqual(again.error.issues, [{ path: ['attachments', 0], code: 'file_unknown', message: ru.fieldErrors.file_unknown }]);
    const { id: requestId } = await chatDb(backend).selectFrom('requests').select('id').executeTakeFirstOrThrow();
    assert.deepEqual(await holders(), { [inChat]: [null, 'chat'], [free]: [requestId, 'request'] });
  });

  test('a citizen downloads the files of their own conversation with its token; no token, another conversation’s token or file: one 404', async (t) => {
    const backend = await startBackend(t, chatOptions());
    const url = await listen(backend);
    const mine = await start(await citizen(t, url));
    const socket = await citizen(t, url);
    const other = await start(socket);
    const id = (await upload(backend.app, FILES.png, 'скриншот ошибки.png')).json().id as string;
    ChatSendAck.parse(await send(socket, 'вот снимок', randomUUID(), [id]));
    const path = `/chat/conversations/${other.conversationId}/attachments/${id}`;

    const got = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${other.token}` } });
    assert.equal(got.status, 200);
    assert.equal(got.headers.get('content-type'), 'image/png');
    assert.match(got.headers.get('content-disposition') ?? '', /^attachment; .*filename\*=UTF-8''%D1%81%D0%BA%D1%80/);
    assert.equal(got.headers.get('content-security-policy'), 'sandbox');
    assert.deepEqual(Buffer.from(await got.arrayBuffer()), FILES.png);

    const refused = [
      await fetch(`${url}${path}`),
      await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${mine.token}` } }),
      await fetch(`${url}/chat/conversations/${mine.conversationId}/attachments/${id}`, { headers: { authorization: `Bearer ${mine.token}` } }),
      await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${other.token}x` } }),
      await fetch(`${url}/chat/conversations/${other.conversationId}/attachments/nope`, { headers: { authorization: `Bearer ${other.token}` } }),
    ];
    for (const answer of refused) {
      assert.equal(answer.status, 404);
      assert.deepEqual(await answer.json(), { error: { code: 'not_found', message: 'Такого файла в этом чате нет.' } });
    }
  });

  test('outside operators’ hours the assistant answers and the state says when operators return', async (t) => {
    const clock = testClock(Date.UTC(2026, 2, 2, 20, 30)); // 23:30 in Moscow; chat hours 08:00–22:00
    const backend = await startBackend(t, chatOptions({ now: clock.now }));
    const url = await listen(backend);
    const socket = await citizen(t, url);
    const answered = next<ChatMessage>(socket, 'chat:message', (m) => m.author === 'assistant');
    const started = await start(socket);
    assert.deepEqual(started.state.operators, { open: false, returnsAt: '2026-03-03T05:00:00.000Z' });
    assert.ok((await answered).article);
    const queued = await call(socket, 'chat:handoff');
    assert.equal(queued.state.status, 'waiting');
    assert.ok(queued.state.queue.estimatedWaitMinutes >= 8 * 60, 'the wait counts the time until operators return');
    assert.equal(queued.state.queue.callbackOffered, true);
  });
});

describe('chat: assistant and queue', () => {
  test('two unknown answers in a row hand the conversation to the queue', async (t) => {
    const backend = await startBackend(t, chatOptions());
    const url = await listen(backend);
    const socket = await citizen(t, url);
    const queued = next<ChatQueueInfo>(socket, 'chat:queue');
    const state = next<ChatState>(socket, 'chat:state', (s) => s.status === 'waiting');
    await start(socket, { question: 'Почему небо синее?' });
    await backend.chat.idle();
    assert.equal((await call(socket, 'chat:sync', { lastSeenSeq: 0 })).state.status, 'assistant', 'one unknown answer is not enough');
    await send(socket, 'А трава зелёная?');
    await backend.chat.idle();
    assert.deepEqual(ChatQueueInfo.parse(await queued), { position: 1, estimatedWaitMinutes: 8, callbackOffered: false });
    assert.equal((await state).status, 'waiting');
    const messages = (await call(socket, 'chat:sync', { lastSeenSeq: 0 })).messages as ChatMessage[];
    assert.deepEqual(messages.map((m) => m.author), ['citizen', 'assistant', 'citizen', 'assistant', 'system']);
    assert.deepEqual(messages[1]!.suggestions, [{ id: 'contacts', title: 'Как связаться с поддержкой' }]);
    assert.equal(messages[4]!.systemKind, 'queued');
    // Later messages go to the operator, not to the assistant.
    await send(socket, 'Я подожду');
    await backend.chat.idle();
    const after = (await call(socket, 'chat:sync', { lastSeenSeq: 5 })).messages as ChatMessage[];
    assert.deepEqual(after.map((m) => m.author), ['citizen']);
  });

  test('a slow or failing assistant counts as unknown; the chat answers on', async (t) => {
    const slow: ChatAssistant = { reply: () => new Promise(() => {}) };
    const backend = await startBackend(t, chatOptions({ chat: { assistant: slow, limits: ROOMY, settings: { assistantTimeoutMs: 50 } } }));
    const url = await listen(backend);
    const socket = await citizen(t, url);
    const reply = next<ChatMessage>(socket, 'chat:message', (m) => m.author === 'assistant');
    await start(socket);
    assert.deepEqual((await reply).suggestions, []);

    const broken: ChatAssistant = {
      reply: () => {
        throw new Error('база знаний недоступна');
      },
    };
    const backend2 = await startBackend(t, chatOptions({ chat: { assistant: broken, limits: ROOMY } }));
    const socket2 = await citizen(t, await listen(backend2));
    const reply2 = next<ChatMessage>(socket2, 'chat:message', (m) => m.author === 'assistant');
    await start(socket2);
    assert.equal((await reply2).author, 'assistant');
  });

  test('queue: positions in order, live updates when it changes, the estimate from operators and history, callbackOffered past the threshold', async (t) => {
    const backend = await startBackend(t, chatOptions({ chat: { assistant: testAssistant, limits: ROOMY, settings: { queue: { callbackThresholdMinutes: 20 } } } }));
    const url = await listen(backend);
    const sockets: Socket[] = [];
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const socket = await citizen(t, url);
      sockets.push(socket);
      ids.push((await waitingConversation(socket, `Вопрос ${i}`)).conversationId);
    }
    const last = await call(sockets[3]!, 'chat:sync', { lastSeenSeq: 0 });
    // No history: 8 minutes each; no operator online counts as one.
    assert.deepEqual(last.state.queue, { position: 4, estimatedWaitMinutes: 32, callbackOffered: true });

    // Two operators available: the estimate halves.
    const updated = next<ChatQueueInfo>(sockets[3]!, 'chat:queue', (q) => q.estimatedWaitMinutes === 16);
    await operator(t, url, 'Петров П.');
    await operator(t, url, 'Иванова А.');
    assert.deepEqual(await updated, { position: 4, estimatedWaitMinutes: 16, callbackOffered: false });

    // The first is taken: everyone moves up.
    const moved = next<ChatQueueInfo>(sockets[3]!, 'chat:queue', (q) => q.position === 3);
    const op = await operator(t, url, 'Сидоров С.');
    assert.equal((await call(op, 'op:take', { conversationId: ids[0] })).ok, true);
    assert.equal((await moved).position, 3);
  });
  test('an abandoned conversation is closed after a day without messages and leaves the queue', async (t) => {
    const clock = testClock();
    const backend = await startBackend(t, chatOptions({ now: clock.now }));
    const url = await listen(backend);
    const socket = await citizen(t, url);
    const { conversationId } = await waitingConversation(socket);
    clock.advance(23 * 3_600_000);
    assert.equal(await backend.chat.closeIdle(), 0);
    clock.advance(2 * 3_600_000);
    const closed = next<ChatState>(socket, 'chat:state', (s) => s.status === 'closed');
    assert.equal(await backend.chat.closeIdle(), 1);
    assert.equal((await closed).conversationId, conversationId);
    const op = await operator(t, url);
    assert.deepEqual(OperatorListAck.parse(await call(op, 'op:list')).waiting, []);
  });
});

describe('chat: operators', () => {
  test('the operators’ namespace refuses a handshake without the operator token, or with a wrong one', async (t) => {
    const backend = await startBackend(t, chatOptions());
    const url = await listen(backend);
    await assert.rejects(open(t, url, CHAT_OPERATOR_NAMESPACE), (error: Error & { data?: { code: string; message: string } }) => {
      assert.equal(error.data?.code, 'unauthorized');
      assert.match(error.data!.message, RUSSIAN);
      return true;
    });
    await assert.rejects(open(t, url, CHAT_OPERATOR_NAMESPACE, { token: 'wrong-token', operatorName: 'Злоумышленник' }), (error: Error & { data?: { code: string } }) => {
      assert.equal(error.data?.code, 'unauthorized');
      return true;
    });
    // A citizen socket has no operator events: nothing answers them.
    const socket = await citizen(t, url);
    await assert.rejects(socket.timeout(300).emitWithAck('op:list', {}));
    assert.ok(await operator(t, url));
  });

  test('the console gets in with a one-time ticket for its session (the cookie is Path=/operator), or with the cookie itself', async (t) => {
    const backend = await startBackend(t, chatOptions());
    const url = await listen(backend);
    const login = await backend.app.inject({ method: 'POST', url: '/operator/api/session', payload: { token: TOKEN, operatorName: 'Консоль К.' } });
    assert.equal(login.statusCode, 200, login.body);
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;

    const noCsrf = await backend.app.inject({ method: 'POST', url: '/operator/api/chat/ticket', headers: { cookie } });
    assert.equal(noCsrf.statusCode, 403);
    const anonymous = await backend.app.inject({ method: 'POST', url: '/operator/api/chat/ticket' });
    assert.equal(anonymous.statusCode, 401);
    const issued = await backend.app.inject({ method: 'POST', url: '/operator/api/chat/ticket', headers: { cookie, 'x-requested-with': 'gs-operator' } });
    assert.equal(issued.statusCode, 200, issued.body);
    const { ticket } = issued.json() as { ticket: string };
    const socket = await open(t, url, CHAT_OPERATOR_NAMESPACE, { ticket });
    const waiting = next<{ availableOperators: number }>(socket, 'op:waiting');
    assert.equal(OperatorListAck.parse(await call(socket, 'op:list')).availableOperators, 1);
    assert.ok(await waiting.catch(() => ({ availableOperators: 1 })));
    // A ticket opens one socket only.
    await assert.rejects(open(t, url, CHAT_OPERATOR_NAMESPACE, { ticket }), (error: Error & { data?: { code: string } }) => error.data?.code === 'unauthorized');

    // A client that can send the cookie (not a browser) may use it directly.
    const direct = connect(`${url}${CHAT_OPERATOR_NAMESPACE}`, { path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie } });
    t.after(() => direct.close());
    await new Promise<void>((resolve, reject) => {
      direct.once('connect', () => resolve());
      direct.once('connect_error', reject);
    });
    assert.equal(OperatorListAck.parse(await call(direct, 'op:list')).availableOperators, 1, 'the same operator in two sockets counts once');
  });

  test('a ticket issued by one server process opens the operator socket on another sharing the database, once', async (t) => {
    const a = await startBackend(t, chatOptions());
    const b = await startSecondBackend(t, a, chatOptions());
    const login = await a.app.inject({ method: 'POST', url: '/operator/api/session', payload: { token: TOKEN, operatorName: 'Консоль К.' } });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const issued = await a.app.inject({ method: 'POST', url: '/operator/api/chat/ticket', headers: { cookie, 'x-requested-with': 'gs-operator' } });
    assert.equal(issued.statusCode, 200, issued.body);
    const { ticket } = issued.json() as { ticket: string };
    const urlB = await listen(b);
    const socket = await open(t, urlB, CHAT_OPERATOR_NAMESPACE, { ticket });
    assert.ok(OperatorListAck.parse(await call(socket, 'op:list')));
    await assert.rejects(open(t, await listen(a), CHAT_OPERATOR_NAMESPACE, { ticket }), (error: Error & { data?: { code: string } }) => error.data?.code === 'unauthorized', 'spent on B: refused on A');
  });

  test('two operators take at once: exactly one wins', async (t) => {
    const backend = await startBackend(t, chatOptions());
    const url = await listen(backend);
    const a = await operator(t, url, 'Петров П.');
    const b = await operator(t, url, 'Иванова А.');
    for (let round = 0; round < 5; round++) {
      const { conversationId } = await waitingConversation(await citizen(t, url));
      const acks = await Promise.all([call(a, 'op:take', { conversationId }), call(b, 'op:take', { conversationId })]);
      const winners = acks.filter((ack) => ack.ok);
      assert.equal(winners.length, 1, JSON.stringify(acks));
      const loser = acks.find((ack) => !ack.ok);
      assert.equal(loser.error.code, 'conflict');
      assert.match(loser.error.message, RUSSIAN);
      const joined = await count(backend, 'chat_messages', (q) => q.where('conversation_id', '=', conversationId).where('system_kind', '=', 'operator_joined'));
      assert.equal(joined, 1);
    }
  });

  test('list, take, reply with the operator’s name, typing both ways, read marks, close, rating once, transcript by e-mail', async (t) => {
    const backend = await startBackend(t, chatOptions());
    const url = await listen(backend);
    const op = await operator(t, url, 'Петров П.');
    const waitingListed = next(op, 'op:waiting', (p: { waiting: unknown[] }) => p.waiting.length === 1);
    const socket = await citizen(t, url);
    const started = await waitingConversation(socket, 'Нет кнопки оплаты');
    await waitingListed;

    const list = OperatorListAck.parse(await call(op, 'op:list'));
    assert.equal(list.waiting.length, 1);
    assert.equal(list.waiting[0]!.summary, 'Нет кнопки оплаты');
    assert.equal(list.waiting[0]!.kind, 'technical');
    assert.equal(typeof list.waiting[0]!.waitSeconds, 'number');

    const joined = next<ChatMessage>(socket, 'chat:message', (m) => m.systemKind === 'operator_joined');
    const taken = OperatorConversationAck.parse(await call(op, 'op:take', { conversationId: started.conversationId }));
    assert.equal(taken.conversation.status, 'active');
    assert.equal(taken.messages[0]!.text, 'Что-то непонятное');
    assert.equal((await joined).operatorName, 'Петров П.');

    // Typing, both ways.
    const opSeesTyping = next(op, 'chat:typing');
    await call(socket, 'chat:typing', { typing: true });
    assert.deepEqual(await opSeesTyping, { conversationId: started.conversationId, author: 'citizen', typing: true });
    const citizenSeesTyping = next(socket, 'chat:typing');
    await call(op, 'op:typing', { conversationId: started.conversationId, typing: true });
    assert.deepEqual(await citizenSeesTyping, { conversationId: started.conversationId, author: 'operator', operatorName: 'Петров П.', typing: true });

    // The reply, with the operator's name; the citizen's answer reaches the operator.
    const reply = next<ChatMessage>(socket, 'chat:message', (m) => m.author === 'operator');
    const replied = ChatSendAck.parse(await call(op, 'op:reply', { conversationId: started.conversationId, clientId: randomUUID(), text: 'Здравствуйте! Обновите страницу.' }));
    assert.equal((await reply).operatorName, 'Петров П.');
    const toOperator = next<ChatMessage>(op, 'chat:message', (m) => m.author === 'citizen');
    await send(socket, 'Помогло, спасибо');
    assert.equal((await toOperator).text, 'Помогло, спасибо');

    // Read marks.
    const opRead = next(op, 'chat:read', (r: { by: string }) => r.by === 'citizen');
    assert.equal((await call(socket, 'chat:read', { seq: replied.seq })).seq, replied.seq);
    assert.deepEqual(await opRead, { conversationId: started.conversationId, by: 'citizen', seq: replied.seq });
    const citizenRead = next(socket, 'chat:read', (r: { by: string }) => r.by === 'operator');
    await call(op, 'op:read', { conversationId: started.conversationId, seq: 1_000_000 });
    assert.ok(((await citizenRead) as unknown as { seq: number }).seq <= replied.seq + 1, 'never past the last message');

    // Another operator may not reply.
    const other = await operator(t, url, 'Иванова А.');
    assert.equal((await call(other, 'op:reply', { conversationId: started.conversationId, clientId: randomUUID(), text: 'Я тоже тут' })).error.code, 'forbidden');

    // Rating only after the end.
    assert.equal((await call(socket, 'chat:rate', { score: 5 })).error.code, 'conflict');
    const closed = next<ChatState>(socket, 'chat:state', (s) => s.status === 'closed');
    assert.equal((await call(op, 'op:close', { conversationId: started.conversationId })).ok, true);
    assert.equal((await closed).status, 'closed');
    assert.equal((await send(socket, 'ещё вопрос')).error.code, 'conflict');
    assert.equal((await call(socket, 'chat:rate', { score: 5, comment: 'Быстро помогли' })).ok, true);
    const again = await call(socket, 'chat:rate', { score: 1 });
    assert.equal(again.error.code, 'conflict');
    assert.deepEqual(await chatDb(backend).selectFrom('chat_ratings').select('score').where('conversation_id', '=', started.conversationId).execute(), [{ score: 5 }]);
    // The operator sees the closed conversation with its rating; another operator does not.
    const lists = OperatorListAck.parse(await call(op, 'op:list'));
    assert.deepEqual(
      lists.recent.map((c) => [c.conversationId, c.closedBy, c.rating]),
      [[started.conversationId, 'operator', { score: 5, comment: 'Быстро помогли' }]],
    );
    assert.equal(lists.mine.length, 0);
    assert.deepEqual(OperatorListAck.parse(await call(other, 'op:list')).recent, []);

    // Transcript.
    assert.equal((await call(socket, 'transcript:email', { email: 'maria@example.ru' })).ok, true);
    const mail = (await pendingNotifications(backend.database.kysely)).find((n) => n.recipient === 'maria@example.ru');
    assert.ok(mail);
    assert.match(mail.body, /Оператор Петров П\.:\n {2}Здравствуйте! Обновите страницу\./);
    assert.match(mail.body, /Вы:\n {2}Помогло, спасибо/);
    assert.match(mail.body, /— Оператор завершил чат\. —/);
    for (let i = 0; i < 2; i++) await call(socket, 'transcript:email', { email: 'maria@example.ru' });
    assert.equal((await call(socket, 'transcript:email', { email: 'maria@example.ru' })).error.code, 'rate_limited');
    assert.equal((await call(socket, 'transcript:email', { email: 'не почта' })).error.code, 'validation_failed');
  });

  test('transfer to another operator, escalate to a senior specialist, return to the queue; the citizen ends the chat', async (t) => {
    const backend = await startBackend(t, chatOptions());
    const url = await listen(backend);
    const petrov = await operator(t, url, 'Петров П.');
    const ivanova = await operator(t, url, 'Иванова А.');
    const senior = await operator(t, url, 'Старший С.', { senior: true });
    const socket = await citizen(t, url);
    const { conversationId } = await waitingConversation(socket);
    await call(petrov, 'op:take', { conversationId });

    assert.equal((await call(petrov, 'op:transfer', { conversationId, toOperator: 'Нет Такого' })).error.code, 'not_found');
    const assigned = next(ivanova, 'op:assigned');
    const transferred = await call(petrov, 'op:transfer', { conversationId, toOperator: 'Иванова А.' });
    assert.equal(transferred.conversation.operatorName, 'Иванова А.');
    assert.equal(((await assigned) as { conversationId: string }).conversationId, conversationId);
    assert.equal((await call(petrov, 'op:reply', { conversationId, clientId: randomUUID(), text: 'я ещё тут?' })).error.code, 'forbidden');
    const toIvanova = next<ChatMessage>(ivanova, 'chat:message', (m) => m.text === 'после передачи');
    await send(socket, 'после передачи');
    await toIvanova;

    const escalated = await call(ivanova, 'op:escalate', { conversationId, note: 'Нужна проверка платежа' });
    assert.equal(escalated.conversation.status, 'waiting');
    assert.equal(escalated.conversation.escalated, true);
    assert.equal(escalated.conversation.escalationNote, 'Нужна проверка платежа');
    const seenByCitizen = JSON.stringify((await call(socket, 'chat:sync', { lastSeenSeq: 0 })).messages);
    assert.ok(!seenByCitizen.includes('проверка платежа'), 'the note is for the senior only');
    assert.equal((await call(petrov, 'op:take', { conversationId })).error.code, 'forbidden');
    assert.equal((await call(senior, 'op:take', { conversationId })).ok, true);

    const returned = await call(senior, 'op:return', { conversationId });
    assert.equal(returned.conversation.status, 'waiting');
    assert.equal((await call(socket, 'chat:sync', { lastSeenSeq: 0 })).state.queue.position, 1);
    assert.equal((await call(senior, 'op:take', { conversationId })).ok, true);

    const ended = await call(socket, 'chat:end');
    assert.equal(ended.state.status, 'closed');
    const kinds = ((await call(socket, 'chat:sync', { lastSeenSeq: 0 })).messages as ChatMessage[]).filter((m) => m.author === 'system').map((m) => m.systemKind);
    assert.deepEqual(kinds, ['queued', 'operator_joined', 'transferred', 'escalated', 'operator_joined', 'returned_to_queue', 'operator_joined', 'closed']);
    assert.equal((await call(senior, 'op:close', { conversationId })).error.code, 'forbidden');
  });

  test('operator status away/available counts for the estimate', async (t) => {
    const backend = await startBackend(t, chatOptions());
    const url = await listen(backend);
    const a = await operator(t, url, 'Петров П.');
    await operator(t, url, 'Иванова А.');
    assert.equal(OperatorListAck.parse(await call(a, 'op:list')).availableOperators, 2);
    const away = await call(a, 'op:status', { status: 'away' });
    assert.deepEqual(away, { ok: true, status: 'away', availableOperators: 1 });
    assert.equal((await call(a, 'op:status', { status: 'busy' })).error.code, 'validation_failed');
  });
});

describe('chat: at once (on SQLite and PostgreSQL alike)', () => {
  /** A conversation taken by `op`, with its citizen's socket. */
  async function activeConversation(t: Hooks, url: string, op: Socket) {
    const socket = await citizen(t, url);
    const started = await waitingConversation(socket);
    assert.equal((await call(op, 'op:take', { conversationId: started.conversationId })).ok, true);
    return { socket, ...started };
  }

  test('the same client id from two tabs at once is stored once; both acks carry the same message', async (t) => {
    const backend = await startBackend(t, chatOptions());
    const url = await listen(backend);
    const tab1 = await citizen(t, url);
    const started = await start(tab1);
    await backend.chat.idle();
    const tab2 = await citizen(t, url);
    assert.equal((await call(tab2, 'chat:resume', { conversationId: started.conversationId, token: started.token })).ok, true);
    for (let round = 0; round < 10; round++) {
      const clientId = randomUUID();
      const acks = await Promise.all([send(tab1, `про пароль ${round}`, clientId), send(tab2, `про пароль ${round}`, clientId)]);
      const [a, b] = acks.map((ack) => ChatSendAck.parse(ack));
      assert.deepEqual(a!.message, b!.message, JSON.stringify(acks));
      assert.deepEqual([a!.duplicate, b!.duplicate].sort(), [false, true]);
      assert.equal(await count(backend, 'chat_messages', (q) => q.where('client_id', '=', clientId)), 1);
    }
    await backend.chat.idle();
  });

  test('the citizen (two tabs) and the operator (two tabs) sending at once: every message its own seq, none lost', async (t) => {
    const backend = await startBackend(t, chatOptions());
    const url = await listen(backend);
    const op1 = await operator(t, url, 'Петров П.');
    const op2 = await operator(t, url, 'Петров П.');
    const { socket: tab1, conversationId, token } = await activeConversation(t, url, op1);
    const tab2 = await citizen(t, url);
    assert.equal((await call(tab2, 'chat:resume', { conversationId, token })).ok, true);
    const before = (await call(tab1, 'chat:sync', { lastSeenSeq: 0 })).state.lastSeq as number;

    const N = 10;
    const each = (make: (i: number) => Promise<any>) => Array.from({ length: N }, (_, i) => make(i));
    const reply = (op: Socket, text: string) => call(op, 'op:reply', { conversationId, clientId: randomUUID(), text });
    const acks = await Promise.all([
      ...each((i) => send(tab1, `первая вкладка ${i}`)),
      ...each((i) => send(tab2, `вторая вкладка ${i}`)),
      ...each((i) => reply(op1, `оператор ${i}`)),
      ...each((i) => reply(op2, `оператор, вторая вкладка ${i}`)),
    ]);
    const seqs = acks.map((ack) => ChatSendAck.parse(ack).seq).sort((x, y) => x - y);
    assert.deepEqual(seqs, Array.from({ length: 4 * N }, (_, i) => before + 1 + i));
    const stored = await chatDb(backend).selectFrom('chat_messages').select('seq').where('conversation_id', '=', conversationId).orderBy('seq').execute();
    assert.deepEqual(
      stored.map((row) => row.seq),
      Array.from({ length: before + 4 * N }, (_, i) => i + 1),
    );
  });

  test('one upload attached at once by a request and by a chat message, 10 times: exactly one has it', async (t) => {
    const roomy = { limit: 10_000, windowMs: 60_000 };
    const backend = await startBackend(t, chatOptions({ rateLimits: { requestsPerIp: roomy, requestsPerPhone: roomy, requestsPerEmail: roomy, uploadsPerIp: roomy } }));
    const url = await listen(backend);
    const socket = await citizen(t, url);
    await start(socket);
    await backend.chat.idle();
    const winners: string[] = [];
    for (let round = 0; round < 10; round++) {
      const id = (await upload(backend.app, FILES.png, `скрин-${round}.png`)).json().id as string;
      // The request hashes its lookup code before its transaction: the message is sent a little
      // later each round, so that either may claim first (both transactions' refusals are met).
      const [res, ack] = await Promise.all([
        submit(backend.app, validRequest({ attachments: [id] })),
        delay(round * 15).then(() => send(socket, `файл ${round}`, randomUUID(), [id])),
      ]);
      const request = res.statusCode === 201;
      const chat = ack.ok === true;
      assert.equal(Number(chat) + Number(request), 1, `round ${round}: ${res.body} ${JSON.stringify(ack)}`);
      // The loser's answer is its usual one for a file it cannot have.
      const fileUnknown = [{ path: ['attachments', 0], code: 'file_unknown', message: ru.fieldErrors.file_unknown }];
      if (chat) assert.deepEqual([res.statusCode, res.json().error.issues], [400, fileUnknown]);
      else assert.deepEqual(ack.error.issues, fileUnknown);
      const row = await chatDb(backend).selectFrom('attachments').select(['request_id', 'held_by']).where('id', '=', id).executeTakeFirstOrThrow();
      const links = await chatDb(backend).selectFrom('chat_message_attachments').select('message_id').where('attachment_id', '=', id).execute();
      assert.equal(row.held_by, chat ? 'chat' : 'request');
      assert.equal(row.request_id === null, chat, 'a request id only for the request’s');
      assert.equal(links.length, chat ? 1 : 0, 'a message link only for the chat’s');
      winners.push(chat ? 'chat' : 'request');
    }
    t.diagnostic(`winners: ${winners.join(' ')}`);
    await backend.chat.idle();
  });

  test('messages one socket sends without waiting get their seq in the order sent', async (t) => {
    const backend = await startBackend(t, chatOptions());
    const url = await listen(backend);
    const op = await operator(t, url);
    const { socket } = await activeConversation(t, url, op);
    const acks = await Promise.all(Array.from({ length: 20 }, (_, i) => send(socket, `№ ${i}`)));
    const seqs = acks.map((ack) => ChatSendAck.parse(ack).seq);
    assert.deepEqual(seqs, [...seqs].sort((x, y) => x - y));
  });

  test('escalate, return, close and transfer of one conversation at once (its operator in four tabs): exactly one happens', async (t) => {
    const backend = await startBackend(t, chatOptions());
    const url = await listen(backend);
    const tabs = await Promise.all([0, 1, 2, 3].map(() => operator(t, url, 'Петров П.')));
    await operator(t, url, 'Иванова А.');
    for (let round = 0; round < 6; round++) {
      const { conversationId } = await activeConversation(t, url, tabs[round % 4]!);
      const acks = await Promise.all([
        call(tabs[0]!, 'op:escalate', { conversationId, note: 'Нужна проверка' }),
        call(tabs[1]!, 'op:return', { conversationId }),
        call(tabs[2]!, 'op:close', { conversationId }),
        call(tabs[3]!, 'op:transfer', { conversationId, toOperator: 'Иванова А.' }),
      ]);
      const won = acks.filter((ack) => ack.ok);
      assert.equal(won.length, 1, JSON.stringify(acks));
      assert.ok(acks.every((ack) => ack.ok || ack.error.code === 'forbidden'), JSON.stringify(acks));
      const lines = await chatDb(backend)
        .selectFrom('chat_messages')
        .select('system_kind')
        .where('conversation_id', '=', conversationId)
        .where('author', '=', 'system')
        .orderBy('seq')
        .execute();
      const last = lines.at(-1)!.system_kind!;
      assert.deepEqual(lines.map((line) => line.system_kind).slice(0, -1), ['queued', 'operator_joined'], 'one line of the one change');
      const row = await chatDb(backend).selectFrom('chat_conversations').select(['status', 'operator']).where('id', '=', conversationId).executeTakeFirstOrThrow();
      assert.deepEqual(row, { status: won[0].conversation.status, operator: won[0].conversation.operatorName ?? null });
      assert.equal(
        last,
        { waiting: won[0].conversation.escalated ? 'escalated' : 'returned_to_queue', closed: 'closed', active: 'transferred' }[row.status as 'waiting' | 'closed' | 'active'],
      );
    }
  });

  test('the citizen ends while the operator closes: closed once, with one line', async (t) => {
    const backend = await startBackend(t, chatOptions());
    const url = await listen(backend);
    const op = await operator(t, url);
    for (let round = 0; round < 5; round++) {
      const { socket, conversationId } = await activeConversation(t, url, op);
      const [ended, closed] = await Promise.all([call(socket, 'chat:end'), call(op, 'op:close', { conversationId })]);
      assert.equal(ended.ok, true, JSON.stringify(ended));
      assert.equal(ended.state.status, 'closed');
      assert.ok(closed.ok || closed.error.code === 'forbidden', JSON.stringify(closed));
      assert.equal(await count(backend, 'chat_messages', (q) => q.where('conversation_id', '=', conversationId).where('system_kind', '=', 'closed')), 1);
    }
  });
});

describe('chat: transcript', () => {
  test('renderTranscript: plain text in Moscow time, authors, system lines, articles and files', () => {
    const at = new Date(FIXED_NOW).toISOString();
    const text = renderTranscript(
      {
        id: 'c1',
        token_hash: '',
        kind: 'technical',
        summary: 'Вход',
        question: 'Пароль',
        name: null,
        contact: null,
        locale: 'ru',
        status: 'closed',
        operator: 'Петров П.',
        escalated: 0,
        escalation_note: null,
        unknown_streak: 0,
        last_seq: 3,
        citizen_read_seq: 0,
        operator_read_seq: 0,
        queued_at: null,
        taken_at: null,
        closed_at: at,
        closed_by: 'citizen',
        transcripts_sent: 0,
        verified_subject: null,
        verified_name: null,
        start_id: null,
        created_at: at,
      },
      [
        { conversationId: 'c1', seq: 1, clientId: null, author: 'citizen', text: `${XSS}\nвторая строка`, attachments: [{ id: 'f', name: 'скрин.png', type: 'image/png', size: 1 }], createdAt: at },
        { conversationId: 'c1', seq: 2, clientId: null, author: 'assistant', text: 'Ответ', article: { id: 'a', title: 'Статья' }, attachments: [], createdAt: at },
        { conversationId: 'c1', seq: 3, clientId: null, author: 'system', text: 'Вы завершили чат.', systemKind: 'closed', attachments: [], createdAt: at },
      ],
    );
    assert.equal(
      text,
      [
        'Переписка с поддержкой',
        'Чат № c1',
        'Начат: 02.03.2026 12:00 (время московское)',
        'Тема: Техническая проблема. Вход',
        '',
        '[12:00] Вы:',
        `  ${XSS}`,
        '  вторая строка',
        '  [файл: скрин.png]',
        '[12:00] Виртуальный помощник:',
        '  Ответ',
        '  (статья «Статья»)',
        '[12:00] — Вы завершили чат. —',
        '',
        'Чат завершён: 02.03.2026 12:00',
        '',
      ].join('\n'),
    );
  });
});

