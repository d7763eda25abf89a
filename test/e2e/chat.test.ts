// The citizen's «Онлайн-чат» end to end: the script tag on the demo page, real Chromium, the real
// server (its assistant answers from the knowledge base). An operator is a socket.io client on
// '/chat-operator' with the operator token. Offline for 30 s while 3 messages are typed, then a
// reload with an unsent message: every message reaches the operator exactly once.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { CHAT_OPERATOR_NAMESPACE, type ChatMessage } from '../../src/protocol/chat.js';
import { activeElement, axe, newPage, pdfFile as pdf, useServerAndBrowser } from '../helpers/e2e.js';
import { call, socketTo } from '../helpers/socket-events.js';

/** A strong token (32 random bytes): the server refuses weak ones. */
const TOKEN = 'Zk4Qm9Tx2Lp7Vb3Nc8Rw1Hy6Jd0Fg5Su2Ea9Wo4Ki7';
const env = useServerAndBrowser({ before, after }, { operatorToken: TOKEN });

const chat = (page: Page) => page.locator('gs-support-widget').locator('gs-chat');
const log = (page: Page) => chat(page).locator('gs-chat-log');
const composer = (page: Page) => chat(page).locator('gs-chat-composer textarea');
const status = (page: Page) => chat(page).locator('p.connection[role="status"]');
const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();


const operatorSocket = (): Promise<Socket> => socketTo(env.server.url, CHAT_OPERATOR_NAMESPACE, { auth: { token: TOKEN, operatorName: 'Петрова А. С.' } });

async function noAxeViolations(page: Page, state: string): Promise<void> {
  assert.deepEqual(await axe(page, 'gs-support-widget'), [], state);
}

/** Types in the composer and presses Enter (the keyboard path). */
async function say(page: Page, text: string): Promise<void> {
  await composer(page).fill(text);
  await composer(page).press('Enter');
}

/** Waits until the log shows no unsent message. */
async function noneUnsent(page: Page, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while ((await log(page).locator('li.pending').count()) > 0) {
    assert.ok(Date.now() < until, `still unsent after ${ms} ms`);
    await page.waitForTimeout(200);
  }
}

/** The citizen's messages the server has, by text (as the operator's history shows them). */
async function citizenTexts(op: Socket, conversationId: string): Promise<string[]> {
  const history = await call(op, 'op:history', { conversationId, lastSeenSeq: 0 });
  assert.equal(history.ok, true, JSON.stringify(history));
  return (history.messages as ChatMessage[]).filter((m) => m.author === 'citizen').map((m) => m.text);
}

describe('chat: the citizen on the demo page', () => {
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let op: Socket;
  let conversationId = '';
  /** The chat's socket is refused (set by the reload test). */
  let blocked = false;

  before(async () => {
    ({ context, page, errors } = await newPage(env.browser));
    // Routed from the first load (Playwright patches the page's WebSocket when a document starts).
    await page.routeWebSocket(/\/socket\.io\//, (ws) => (blocked ? ws.close() : ws.connectToServer()));
    await page.route(/\/socket\.io\//, (route) => (blocked ? route.abort() : route.continue()));
    op = await operatorSocket();
  });
  after(async () => {
    op?.close();
    await context?.close();
  });

  it('starts a chat, the assistant answers from the knowledge base, «Позвать оператора», an operator takes it and replies', async () => {
    await page.goto(`${env.server.url}/`);
    await page.waitForFunction(() => 'GovSupport' in window);
    await page.evaluate(() => window.GovSupport!.open('chat'));
    const opening = chat(page).locator('gs-chat-opening');
    await opening.locator('button[type="submit"]').waitFor();
    await noAxeViolations(page, 'opening');

    // Submitted empty: the error summary takes focus.
    await opening.locator('button[type="submit"]').click();
    await opening.locator('gs-error-summary').waitFor();
    await noAxeViolations(page, 'opening with errors');

    await opening.locator('#kind').check();
    await opening.locator('#summary').fill('Не приходит код подтверждения');
    await opening.locator('#question').fill('Как восстановить пароль от личного кабинета?');
    await opening.locator('button[type="submit"]').click();

    const assistant = log(page).locator('li.message').filter({ hasText: 'Виртуальный помощник' }).first();
    await assistant.waitFor({ timeout: 10_000 });
    const answer = squash(await assistant.textContent());
    assert.match(answer, /Из статьи «Как восстановить пароль или логин\?»/, `the assistant's reply: ${answer}`);
    await noAxeViolations(page, 'conversation with the assistant');

    await chat(page).locator('button.handoff').click();
    await log(page).locator('li.system').filter({ hasText: 'в очереди к оператору' }).waitFor();
    await chat(page).locator('gs-chat-queue').locator('[role="status"]').waitFor();
    await noAxeViolations(page, 'in the queue');

    const list = await call(op, 'op:list');
    const waiting = (list.waiting as { conversationId: string; summary: string }[]).find((c) => c.summary === 'Не приходит код подтверждения');
    assert.ok(waiting, JSON.stringify(list));
    conversationId = waiting.conversationId;
    const taken = await call(op, 'op:take', { conversationId });
    assert.equal(taken.ok, true, JSON.stringify(taken));
    await log(page).locator('li.system').filter({ hasText: 'Оператор Петрова А. С. подключился к чату.' }).waitFor();

    const reply = await call(op, 'op:reply', { conversationId, clientId: randomUUID(), text: 'Здравствуйте! Подскажите, на какой номер должен приходить код? Справка: https://www.gosuslugi.ru/help' });
    assert.equal(reply.ok, true, JSON.stringify(reply));
    const fromOperator = log(page).locator('li.message').filter({ hasText: 'Оператор Петрова А. С.,' });
    await fromOperator.waitFor();
    assert.equal(await fromOperator.locator('a').getAttribute('href'), 'https://www.gosuslugi.ru/help');
    assert.equal(await chat(page).locator('button.handoff').count(), 0, 'no «Позвать оператора» once an operator answers');
    await noAxeViolations(page, 'conversation with the operator');
  });

  it('while the panel is closed, an operator’s message is counted on the launcher («Помощь, 1 новое сообщение»); the launcher reopens the panel on the chat', async () => {
    const widget = page.locator('gs-support-widget');
    await widget.locator('button.launcher').click();
    await widget.locator('[role="dialog"]').waitFor({ state: 'hidden' });
    const reply = await call(op, 'op:reply', { conversationId, clientId: randomUUID(), text: 'Проверьте, пожалуйста, папку «Спам».' });
    assert.equal(reply.ok, true, JSON.stringify(reply));
    // Its name is made of its text: «Помощь» and a visually hidden «, 1 новое сообщение» (the badge is hidden).
    const counted = widget.getByRole('button', { name: /^Помощь ?, 1 новое сообщение$/ });
    await counted.waitFor();
    assert.equal(await widget.locator('button.launcher .unread').textContent(), '1');
    await noAxeViolations(page, 'the launcher with a count');
    await counted.click();
    await log(page).locator('li.message').filter({ hasText: 'Проверьте, пожалуйста, папку «Спам».' }).waitFor();
    // The count goes once the panel is open.
    await widget.locator('button.launcher .unread').waitFor({ state: 'hidden' });
  });

  it('30 s offline while 3 messages are typed: «Отправляется…», then each delivered once', async () => {
    await context.setOffline(true);
    await status(page).filter({ hasText: 'Нет подключения к интернету' }).waitFor();
    for (const text of ['Первое без связи', 'Второе без связи', 'Третье без связи']) await say(page, text);
    assert.equal(await log(page).locator('li.pending').filter({ hasText: 'Отправляется…' }).count(), 3);
    await noAxeViolations(page, 'offline with unsent messages');
    await page.waitForTimeout(30_000);
    assert.equal(await log(page).locator('li.pending').count(), 3, 'still waiting after 30 s');

    await context.setOffline(false);
    await noneUnsent(page);
    await status(page).filter({ hasText: 'Чат подключён' }).waitFor();
    const texts = await citizenTexts(op, conversationId);
    for (const text of ['Первое без связи', 'Второе без связи', 'Третье без связи']) assert.equal(texts.filter((t) => t === text).length, 1, `${text}: ${JSON.stringify(texts)}`);
    assert.deepEqual(texts.slice(-3), ['Первое без связи', 'Второе без связи', 'Третье без связи'], 'in the order typed');
    await noAxeViolations(page, 'back online');
  });

  it('a message left unsent at a reload comes back from the outbox and is delivered once', async () => {
    // From now on the chat's socket cannot get through (WebSocket and polling); the page itself still loads.
    blocked = true;
    await context.setOffline(true);
    await status(page).filter({ hasText: 'Нет подключения к интернету' }).waitFor();
    await say(page, 'Сообщение перед перезагрузкой');
    await log(page).locator('li.pending').filter({ hasText: 'Сообщение перед перезагрузкой' }).waitFor();
    await page.waitForTimeout(300);
    await context.setOffline(false);
    // The network is back for the page (not for the chat's socket) before the reload starts.
    await page.waitForFunction(() => navigator.onLine);
    await page.waitForTimeout(1000);
    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => 'GovSupport' in window);
    await page.evaluate(() => window.GovSupport!.open('chat'));
    // Back from IndexedDB: the conversation (its history through resume) and the unsent message.
    await log(page).locator('li.pending').filter({ hasText: 'Сообщение перед перезагрузкой' }).waitFor();
    await noAxeViolations(page, 'after the reload, not connected');

    blocked = false;
    const unblocked = Date.now();
    // Socket.IO tries again on its own backoff (at most 10 s apart, plus the handshake).
    await noneUnsent(page, 60_000);
    console.log(`chat e2e: delivered ${Date.now() - unblocked} ms after the socket could get through`);
    await log(page).locator('li.message').filter({ hasText: 'Оператор Петрова А. С.,' }).first().waitFor();
    const texts = await citizenTexts(op, conversationId);
    assert.equal(texts.filter((t) => t === 'Сообщение перед перезагрузкой').length, 1, JSON.stringify(texts));
    assert.equal(texts.filter((t) => t === 'Первое без связи').length, 1, JSON.stringify(texts));
    const shown = await log(page).locator('li.message').filter({ hasText: 'Сообщение перед перезагрузкой' }).count();
    assert.equal(shown, 1, 'shown once');
    await noAxeViolations(page, 'after the reload, delivered');
  });

  it('attaches files: the request form’s checks refuse a fake PDF, a real one uploads and goes with the message; the operator gets it; the operator’s file downloads from the log', async () => {
    await composer(page).waitFor();
    const attach = chat(page).locator('gs-chat-composer').getByRole('button', { name: 'Прикрепить файлы' });
    await attach.click();
    const field = chat(page).locator('gs-chat-composer gs-file-attachments');
    await field.locator('input[type="file"]').waitFor({ state: 'attached' });
    // Focus lands on the field's «Выбрать файлы».
    assert.equal(await activeElement(page), 'button.button-primary.choose');

    await field.locator('input[type="file"]').setInputFiles([
      { name: 'не-pdf.pdf', mimeType: 'application/pdf', buffer: Buffer.from('hello, this is text') },
      pdf('справка.pdf'),
    ]);
    await field.getByText('Это не PDF', { exact: false }).first().waitFor();
    await field.getByText('Загружен', { exact: true }).waitFor();
    await noAxeViolations(page, 'composer with the attachments field');

    await say(page, 'Прикладываю справку');
    await log(page).locator('li.message').filter({ hasText: 'Прикладываю справку' }).filter({ hasText: 'справка.pdf' }).waitFor();
    await noneUnsent(page);
    // The field went with the message; «Прикрепить файлы» is back.
    assert.equal(await field.count(), 0);
    await attach.waitFor();

    const history = await call(op, 'op:history', { conversationId, lastSeenSeq: 0 });
    const sent = (history.messages as ChatMessage[]).filter((m) => m.text === 'Прикладываю справку');
    assert.equal(sent.length, 1, JSON.stringify(sent));
    assert.deepEqual(sent[0]!.attachments.map((a) => [a.name, a.type]), [['справка.pdf', 'application/pdf']]);

    // The operator answers with a form to fill in: the citizen downloads it from the log.
    const form = pdf('бланк заявления.pdf', 4096);
    const uploaded = await fetch(`${env.server.url}/uploads`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(form.name) },
      body: form.buffer,
    });
    assert.equal(uploaded.status, 201);
    const reply = await call(op, 'op:reply', { conversationId, clientId: randomUUID(), text: 'Заполните, пожалуйста, бланк', attachments: [((await uploaded.json()) as { id: string }).id] });
    assert.equal(reply.ok, true, JSON.stringify(reply));
    const button = log(page).getByRole('button', { name: 'Скачать файл бланк заявления.pdf' });
    await button.waitFor();
    await noAxeViolations(page, 'a message with a file');
    const download = page.waitForEvent('download');
    await button.click();
    const file = await download;
    assert.equal(file.suggestedFilename(), 'бланк заявления.pdf');
    const saved = await file.path();
    assert.deepEqual(await readFile(saved), form.buffer);
    // The citizen's own file too.
    const own = page.waitForEvent('download');
    await log(page).getByRole('button', { name: 'Скачать файл справка.pdf' }).click();
    assert.equal((await own).suggestedFilename(), 'справка.pdf');
  });

  it('the operator closes the chat: the survey (issue 17, instead of the chat\'s own rating) and the transcript', async () => {
    const closed = await call(op, 'op:close', { conversationId });
    assert.equal(closed.ok, true, JSON.stringify(closed));
    const end = chat(page).locator('gs-chat-end');
    await end.locator('h3').first().waitFor();
    assert.match(squash(await end.locator('section').first().textContent()), /Оператор завершил чат/);
    const survey = end.locator('gs-survey-form');
    await survey.locator('legend').first().waitFor();
    assert.equal(await end.locator('#score').count(), 0, 'no rating beside the survey');
    await noAxeViolations(page, 'ended');
    await survey.locator('#resolved').check();
    await survey.locator('#rating-5').check();
    await survey.locator('button[type="submit"]').click();
    await survey.locator('#done').filter({ hasText: 'Спасибо! Ваш ответ принят.' }).waitFor();
    const download = page.waitForEvent('download');
    await end.locator('button', { hasText: 'Скачать переписку' }).click();
    const file = await download;
    assert.match(file.suggestedFilename(), /^chat-\d{4}-\d{2}-\d{2}\.txt$/);
    await noAxeViolations(page, 'rated');
    assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|ERR_FAILED|WebSocket/.test(e)), []);
  });
});
