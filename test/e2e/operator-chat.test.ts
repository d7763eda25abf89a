// The operator console's «Чат» end to end: real Chromium, the built build/operator/, the real
// server; the citizen is a socket.io client on '/chat' (as the widget would be).
import assert from 'node:assert/strict';
import { call, nextEvent, socketTo } from '../helpers/socket-events.js';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { CHAT_NAMESPACE, ChatMessage, ChatStartAck } from '../../src/protocol/chat.js';
import { axe, newPage, operatorLogin, pdfFile, useServerAndBrowser } from '../helpers/e2e.js';

/** A strong token (32 random bytes): the server refuses weak ones. */
const TOKEN = 'q3Xb8T0rVv4WkN2m7yHc9LpZs6Eu1Ja5Dg0Rf8Kt2Io';
const env = useServerAndBrowser({ before, after }, { operatorToken: TOKEN });

const app = (page: Page) => page.locator('gs-operator-console');
const chat = (page: Page) => app(page).locator('gs-operator-chat');
const queueItem = (page: Page, id: string) => chat(page).locator(`gs-operator-chat-queue article[data-conversation="${id}"]`);
const conversation = (page: Page) => chat(page).locator('gs-operator-chat-conversation');
const transcript = (page: Page) => conversation(page).locator('gs-operator-chat-transcript');
/** Browser noise about answers the console expects (the 401 of a session check). */
const realErrors = (errors: string[]) => errors.filter((e) => !/Failed to load resource: the server responded with a status of 401/.test(e));
const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

/** A citizen's socket on '/chat', closed by `after`. */
async function citizenSocket(): Promise<Socket> {
  const socket = await socketTo(env.server.url, CHAT_NAMESPACE, { reconnection: false });
  sockets.push(socket);
  return socket;
}
const sockets: Socket[] = [];
/** A file a citizen attached in the chat (set by the third test). */
let chatFile = '';
after(() => sockets.forEach((s) => s.close()));

const next = <T = any>(socket: Socket, event: string, match?: (payload: T) => boolean, ms = 5000) => nextEvent<T>(socket, event, match, ms);

/**
 * A citizen who asked the assistant first (it answers from the knowledge base), then asked for an
 * operator: the conversation waits in the queue.
 */
async function waitingCitizen(opening: Record<string, unknown>): Promise<{ socket: Socket; id: string }> {
  const socket = await citizenSocket();
  const assistant = next<ChatMessage>(socket, 'chat:message', (m) => m.author === 'assistant');
  const started = ChatStartAck.parse(await call(socket, 'chat:start', { startId: randomUUID(), locale: 'ru', ...opening }));
  await assistant;
  const handoff = await call(socket, 'chat:handoff');
  assert.equal(handoff.ok, true, JSON.stringify(handoff));
  assert.equal(handoff.state.status, 'waiting');
  return { socket, id: started.conversationId };
}

/** Logs in and opens «Чат» from the nav; the heading takes focus. */
async function openChat(page: Page, name: string): Promise<void> {
  await page.goto(`${env.server.url}/operator/`);
  await app(page).locator('main h1').filter({ hasText: 'Вход в консоль оператора' }).waitFor();
  await operatorLogin(page, TOKEN, name);
  const nav = app(page).locator('nav[aria-label="Разделы консоли"]');
  assert.deepEqual(await nav.locator('button').allTextContents(), ['Обращения', 'Обратные звонки', 'Записи на приём', 'Чат', 'Показатели']);
  await nav.getByRole('button', { name: 'Чат' }).click();
  await chat(page).locator('h1').filter({ hasText: 'Чат' }).waitFor();
  assert.equal(await nav.locator('button[aria-current="page"]').textContent(), 'Чат');
  await chat(page).locator('#chat-link[data-link="connected"]').waitFor();
}

describe('operator console: chat', () => {
  it('shows the waiting citizen with the opening, takes it, replies, sees the citizen live, closes', async () => {
    const { socket: citizen, id } = await waitingCitizen({
      kind: 'technical',
      summary: 'Не могу войти в кабинет',
      question: 'Как восстановить пароль?',
      name: 'Анна Смирнова',
      contact: 'anna@example.ru',
    });

    const { context, page, errors } = await newPage(env.browser);
    await openChat(page, 'Петров А. С.');

    // The operator's status: away, then on hand again (by keyboard: radios move with the arrows).
    await chat(page).locator('#available-operators').filter({ hasText: 'Свободных операторов на месте: 1' }).waitFor();
    await chat(page).getByLabel('На месте').focus();
    await page.keyboard.press('ArrowRight');
    await chat(page).locator('#chat-news').filter({ hasText: 'Статус: Отошёл' }).waitFor();
    await chat(page).locator('#available-operators').filter({ hasText: 'Свободных операторов на месте: 0' }).waitFor();
    await chat(page).getByLabel('На месте').check();
    await chat(page).locator('#available-operators').filter({ hasText: 'Свободных операторов на месте: 1' }).waitFor();

    // The queue: the structured opening and a live wait.
    const item = queueItem(page, id);
    await item.waitFor();
    assert.equal(await item.locator('h3').textContent(), 'Не могу войти в кабинет');
    assert.equal(await item.locator('[data-field="kind"]').textContent(), 'Техническая проблема');
    assert.equal(await item.locator('[data-field="question"]').textContent(), 'Как восстановить пароль?');
    assert.equal(squash(await item.locator('[data-field="who"]').textContent()), 'Имя: Анна Смирнова, anna@example.ru');
    assert.match(squash(await item.locator('[data-field="wait"]').textContent()), /^Ждёт \d+ (секунд[уы]?|минут[уы]?)$/);
    assert.equal(await item.locator('[data-field="escalated"]').count(), 0);
    assert.deepEqual(await axe(page), [], 'queue');

    // «Взять»: the conversation opens with the whole history, the assistant's part too.
    const joined = next<ChatMessage>(citizen, 'chat:message', (m) => m.author === 'system' && m.systemKind === 'operator_joined');
    await item.getByRole('button', { name: /^Взять/ }).click();
    await conversation(page).locator('h2').filter({ hasText: 'Не могу войти в кабинет' }).waitFor();
    await page.waitForFunction(() => {
      const chatView = document.querySelector('gs-operator-console')?.shadowRoot?.querySelector('gs-operator-chat');
      return chatView?.shadowRoot?.querySelector('gs-operator-chat-conversation')?.shadowRoot?.activeElement?.tagName === 'H2';
    });
    assert.match((await joined).text, /Петров А\. С\./);
    await queueItem(page, id).waitFor({ state: 'detached' });
    assert.equal(await conversation(page).locator('[data-field="contact"] a').getAttribute('href'), 'mailto:anna@example.ru');
    const assistantLine = transcript(page).locator('li[data-author="assistant"]').first();
    await assistantLine.waitFor();
    assert.match(squash(await assistantLine.locator('.article').textContent()), /^Ответ по статье «.+»$/);
    assert.equal(await transcript(page).locator('li[data-author="citizen"]').first().locator('.text').textContent(), 'Как восстановить пароль?');
    // System lines as operators read them (the citizen's say «Вы в очереди…»).
    assert.deepEqual(await transcript(page).locator('li[data-author="system"] .text').allTextContents(), [
      'Чат поставлен в очередь к оператору',
      'Оператор Петров А. С. взял чат',
    ]);
    assert.match(squash(await transcript(page).locator('li[data-author="citizen"] time').first().textContent()), /^\d{2}:\d{2} МСК$/);
    assert.equal(await chat(page).locator(`ul.mine button[data-open="${id}"]`).getAttribute('aria-current'), 'true');
    assert.deepEqual(await axe(page), [], 'conversation');

    // A reply: typing goes out, Enter sends, the citizen gets it with the operator's name.
    const reply = conversation(page).locator('gs-operator-chat-reply-box textarea');
    const typing = next(citizen, 'chat:typing', (t: any) => t.author === 'operator' && t.typing === true);
    await reply.pressSequentially('Здравствуйте! Нажмите «Забыли пароль?»', { delay: 5 });
    await typing;
    const delivered = next<ChatMessage>(citizen, 'chat:message', (m) => m.author === 'operator');
    await reply.press('Enter');
    const sent = await delivered;
    assert.equal(sent.operatorName, 'Петров А. С.');
    assert.equal(sent.text, 'Здравствуйте! Нажмите «Забыли пароль?»');
    await transcript(page).locator(`li[data-author="operator"][data-seq="${sent.seq}"]`).waitFor();
    assert.equal(await reply.inputValue(), '');
    assert.equal(await transcript(page).locator(`li[data-seq="${sent.seq}"] .read-mark`).textContent(), 'Доставлено');

    // The citizen types, writes (text, never HTML; only http(s) becomes a link) and reads.
    await call(citizen, 'chat:typing', { typing: true });
    await conversation(page).locator('#citizen-typing').filter({ hasText: 'Заявитель печатает…' }).waitFor();
    const text = 'Спасибо, <b>получилось</b>! См. https://example.ru/help и javascript:alert(1)';
    const ack = await call(citizen, 'chat:send', { clientId: randomUUID(), text });
    assert.equal(ack.ok, true, JSON.stringify(ack));
    const fromCitizen = transcript(page).locator(`li[data-author="citizen"][data-seq="${ack.seq}"]`);
    await fromCitizen.waitFor();
    assert.equal(await fromCitizen.locator('.text').textContent(), text);
    assert.equal(await fromCitizen.locator('b').count(), 0, 'never HTML');
    assert.deepEqual(await fromCitizen.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href'))), ['https://example.ru/help']);
    assert.equal(squash(await conversation(page).locator('#citizen-typing').textContent()), '', 'a message ends the typing mark');
    await chat(page).locator('#chat-news').filter({ hasText: 'Новое сообщение заявителя' }).waitFor();
    await call(citizen, 'chat:read', { seq: sent.seq });
    await transcript(page).locator(`li[data-seq="${sent.seq}"] .read-mark`).filter({ hasText: 'Прочитано' }).waitFor();

    // A saved reply goes into the box, by keyboard.
    const templates = conversation(page).locator('gs-operator-chat-saved-replies');
    await templates.locator('#toggle').focus();
    await page.keyboard.press('Enter');
    await templates.locator('button[data-template="Что-то ещё?"]').waitFor();
    await templates.locator('button[data-template="Что-то ещё?"]').click();
    assert.equal(await reply.inputValue(), 'Могу ли я ещё чем-нибудь помочь?');
    assert.deepEqual(await axe(page), [], 'conversation with replies');
    const second = next<ChatMessage>(citizen, 'chat:message', (m) => m.author === 'operator' && m.text === 'Могу ли я ещё чем-нибудь помочь?');
    await reply.press('Enter');
    await second;

    // Files go with a reply (a reply may be files alone); a file the server refuses is said, nothing is sent.
    const files = conversation(page).locator('gs-operator-chat-reply-box #reply-files');
    await files.setInputFiles([{ name: 'вирус.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ not a pdf at all') }]);
    await reply.press('Enter');
    await conversation(page).locator('gs-operator-chat-reply-box #reply-error').filter({ hasText: 'Файл «вирус.pdf» не загружен' }).waitFor();
    assert.deepEqual(await axe(page), [], 'reply with a refused file');
    await files.setInputFiles([pdfFile('бланк.pdf')]);
    const withFile = next<ChatMessage>(citizen, 'chat:message', (m) => m.author === 'operator' && m.attachments.length > 0);
    await reply.press('Enter');
    const got = await withFile;
    assert.deepEqual([got.text, got.attachments.map((a) => [a.name, a.type])], ['', [['бланк.pdf', 'application/pdf']]]);
    await transcript(page).locator(`li[data-seq="${got.seq}"]`).getByText('бланк.pdf').waitFor();
    assert.equal(await files.inputValue(), '', 'the files went with the reply');

    // Close: the citizen's conversation ends; the console says so and offers no reply box.
    const closed = next<any>(citizen, 'chat:state', (s) => s.status === 'closed');
    await conversation(page).locator('gs-operator-chat-actions button[data-action="close"]').click();
    const closedState = await closed;
    await conversation(page).locator('#conversation-done').filter({ hasText: 'Чат завершён' }).waitFor();
    await conversation(page).locator('#conversation-readonly').waitFor();
    assert.equal(await conversation(page).locator('gs-operator-chat-reply-box').count(), 0);
    await chat(page).locator('#mine-empty').waitFor();
    assert.deepEqual(await axe(page), [], 'closed');

    // The citizen rates the chat; the operator sees it among the conversations closed today.
    assert.equal((await call(citizen, 'chat:rate', { score: 4, comment: 'Помогли, но долго ждал' })).ok, true);
    await chat(page).locator('#recent-refresh').click();
    await chat(page).locator('ul.recent li').filter({ hasText: 'Оценка: 4 из 5: «Помогли, но долго ждал»' }).waitFor();
    assert.deepEqual(await axe(page), [], 'recent with a rating');
    // The citizen answers the survey and lets the operator see it: the list shows the answer too.
    const answered = await fetch(`${env.server.url}/surveys/${closedState.survey.token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ resolved: 'partly', rating: 3, comment: 'Ответили не на всё', shareWithOperator: true }),
    });
    assert.equal(answered.status, 201, await answered.text());
    await chat(page).locator('#recent-refresh').click();
    await chat(page).locator('ul.recent li p.survey').filter({ hasText: 'Опрос: решён — частично, оценка 3 из 5: «Ответили не на всё»' }).waitFor();
    await chat(page).locator('#recent-note').filter({ hasText: '«Показатели» → «Отзывы граждан»' }).waitFor();
    assert.deepEqual(await axe(page), [], 'recent with a shared survey answer');
    // The refused upload's 415 is the answer the test asked for.
    assert.deepEqual(realErrors(errors).filter((e) => !/status of 415/.test(e)), []);
    await context.close();
  });

  it('two operators take the same conversation at once: one gets it, the other is told', async () => {
    const { id } = await waitingCitizen({ kind: 'status', summary: 'Где моё заявление?', question: 'Подала заявление неделю назад, статуса нет' });
    const first = await newPage(env.browser);
    const second = await newPage(env.browser);
    await openChat(first.page, 'Петров А. С.');
    await openChat(second.page, 'Сидорова Е. В.');
    await queueItem(first.page, id).waitFor();
    await queueItem(second.page, id).waitFor();
    assert.equal(squash(await queueItem(second.page, id).locator('[data-field="who"]').textContent()), 'Имя: не указано');

    // Both clicks go out together (a Playwright click's checks take longer than the server's news
    // that the conversation is gone, which removes the other page's button).
    const buttons = await Promise.all([first.page, second.page].map((page) => queueItem(page, id).getByRole('button', { name: /^Взять/ }).elementHandle()));
    await Promise.all(buttons.map((button) => button!.evaluate((el) => (el as HTMLButtonElement).click())));

    const outcome = async (page: Page) => {
      const won = conversation(page).locator('h2').filter({ hasText: 'Где моё заявление?' });
      const lost = chat(page).locator('#take-error').filter({ hasText: 'Этот чат уже взял другой оператор.' });
      await Promise.race([won.waitFor(), lost.waitFor()]);
      return (await won.count()) > 0 ? 'won' : 'lost';
    };
    const results = await Promise.all([outcome(first.page), outcome(second.page)]);
    assert.deepEqual([...results].sort(), ['lost', 'won'], `exactly one operator takes it: ${results.join(', ')}`);
    const loser = results[0] === 'lost' ? first.page : second.page;
    assert.equal(await conversation(loser).count(), 0);
    await queueItem(loser, id).waitFor({ state: 'detached' });
    assert.deepEqual(await axe(first.page), [], 'first operator');
    assert.deepEqual(await axe(second.page), [], 'second operator');
    assert.deepEqual(realErrors(first.errors), []);
    assert.deepEqual(realErrors(second.errors), []);
    await first.context.close();
    await second.context.close();
  });

  it('transfers to another operator, escalates with a note, only a senior takes it, returns it; the citizen ends it', async () => {
    const { socket: citizen, id } = await waitingCitizen({ kind: 'application', summary: 'Ошибка в заявлении', question: 'В заявлении неверная дата рождения' });
    // The citizen attaches a file while waiting.
    const upload = await fetch(`${env.server.url}/uploads`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent('справка.pdf') },
      body: Buffer.concat([Buffer.from('%PDF-1.7\n', 'latin1'), Buffer.alloc(2048, 0x20)]),
    });
    assert.equal(upload.status, 201, await upload.clone().text());
    const { id: fileId } = (await upload.json()) as { id: string };
    const withFile = await call(citizen, 'chat:send', { clientId: randomUUID(), text: 'Прикладываю справку', attachments: [fileId] });
    assert.equal(withFile.ok, true, JSON.stringify(withFile));

    const a = await newPage(env.browser);
    const b = await newPage(env.browser);
    await openChat(a.page, 'Петров А. С.');
    await openChat(b.page, 'Сидорова Е. В.');

    // Taken by keyboard.
    await queueItem(a.page, id).getByRole('button', { name: /^Взять/ }).focus();
    await a.page.keyboard.press('Enter');
    await conversation(a.page).locator('h2').filter({ hasText: 'Ошибка в заявлении' }).waitFor();
    const file = transcript(a.page).locator(`li[data-seq="${withFile.seq}"] a[download]`);
    assert.equal(await file.getAttribute('href'), `${env.server.url}/operator/api/attachments/${fileId}`);
    chatFile = fileId;
    assert.equal(squash(await file.textContent()), 'справка.pdf (2 КБ)');

    // Transfer: a name is required; an operator who is not online is refused; then to a colleague.
    const actions = conversation(a.page).locator('gs-operator-chat-actions');
    await actions.locator('#transfer-to').focus();
    await a.page.keyboard.press('Enter');
    await actions.locator('#transfer-error').filter({ hasText: 'Укажите имя оператора' }).waitFor();
    assert.equal(await actions.locator('#transfer-to').getAttribute('aria-invalid'), 'true');
    await actions.locator('#transfer-to').fill('Никто Н. Н.');
    await a.page.keyboard.press('Enter');
    await actions.locator('#actions-error').filter({ hasText: 'не в сети' }).waitFor();
    assert.deepEqual(await axe(a.page), [], 'transfer refused');
    await actions.locator('#transfer-to').fill('Сидорова Е. В.');
    await a.page.keyboard.press('Enter');
    await conversation(a.page).locator('#conversation-done').filter({ hasText: 'Чат передан оператору Сидорова Е. В.' }).waitFor();
    await conversation(a.page).locator('#conversation-readonly').waitFor();
    await chat(a.page).locator(`ul.mine button[data-open="${id}"]`).waitFor({ state: 'detached' });

    // The colleague is told, and finds it in «Мои чаты».
    await chat(b.page).locator('#chat-news').filter({ hasText: 'Вам передан чат «Ошибка в заявлении»' }).waitFor();
    await chat(b.page).locator(`ul.mine button[data-open="${id}"]`).click();
    await conversation(b.page).locator('h2').filter({ hasText: 'Ошибка в заявлении' }).waitFor();
    await transcript(b.page).locator(`li[data-seq="${withFile.seq}"]`).waitFor();
    assert.deepEqual(await axe(b.page), [], 'transferred');

    // Escalated with a note: back in the queue, marked, with the note; only a senior may take it.
    await conversation(b.page).locator('#escalate-note').fill('Проверить дату по паспорту');
    await conversation(b.page).getByRole('button', { name: 'Передать старшему' }).click();
    await conversation(b.page).locator('#conversation-done').filter({ hasText: 'Чат передан старшему специалисту' }).waitFor();
    const escalated = queueItem(a.page, id);
    await escalated.locator('[data-field="escalated"]').filter({ hasText: 'Старшему специалисту' }).waitFor();
    assert.equal(squash(await escalated.locator('[data-field="escalation-note"]').textContent()), 'Заметка для старшего специалиста: Проверить дату по паспорту');
    assert.deepEqual(await axe(a.page), [], 'escalated in the queue');
    await escalated.getByRole('button', { name: /^Взять/ }).click();
    await chat(a.page).locator('#take-error').filter({ hasText: 'старший специалист' }).waitFor();

    // As a senior specialist (a new connection) it can be taken; then returned to the queue.
    await chat(a.page).getByLabel('Я старший специалист').check();
    await chat(a.page).locator('#chat-link[data-link="connected"]').waitFor();
    await queueItem(a.page, id).getByRole('button', { name: /^Взять/ }).click();
    await conversation(a.page).locator('h2').filter({ hasText: 'Ошибка в заявлении' }).waitFor();
    assert.equal(await conversation(a.page).locator('[data-field="escalation-note"]').textContent(), 'Проверить дату по паспорту');
    await conversation(a.page).locator('button[data-action="return"]').click();
    await conversation(a.page).locator('#conversation-done').filter({ hasText: 'Чат возвращён в очередь' }).waitFor();
    await queueItem(a.page, id).waitFor();

    // Taken again; the citizen ends the chat: the console says so, and the reply box goes.
    await queueItem(a.page, id).getByRole('button', { name: /^Взять/ }).click();
    await conversation(a.page).locator('gs-operator-chat-reply-box').waitFor();
    const ended = await call(citizen, 'chat:end');
    assert.equal(ended.ok, true, JSON.stringify(ended));
    await conversation(a.page).locator('#conversation-readonly').filter({ hasText: 'Чат завершён' }).waitFor();
    assert.equal(await transcript(a.page).locator('li[data-author="system"] .text').last().textContent(), 'Чат завершён заявителем или автоматически (давно не было сообщений)');
    await chat(a.page).locator('#chat-news').filter({ hasText: 'Чат завершён заявителем' }).waitFor();
    assert.equal(await conversation(a.page).locator('gs-operator-chat-reply-box').count(), 0);
    await chat(a.page).locator(`ul.mine button[data-open="${id}"]`).waitFor({ state: 'detached' });
    assert.deepEqual(await axe(a.page), [], 'ended by the citizen');
    assert.deepEqual(realErrors(a.errors), []);
    assert.deepEqual(realErrors(b.errors), []);
    await a.context.close();
    await b.context.close();
  });

  it('the console’s attachment link downloads a chat attachment', async () => {
    assert.ok(chatFile, 'the previous test attached a file');
    const res = await fetch(`${env.server.url}/operator/api/attachments/${encodeURIComponent(chatFile)}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(res.status, 200, await res.clone().text());
  });
});
