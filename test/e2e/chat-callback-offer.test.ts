// «With the wait estimate above the threshold the callback offer appears»: the script tag on the
// demo page, the real server and Chromium. Two conversations (socket.io clients on '/chat') wait
// ahead, so the citizen is 3rd: 3 × 8 min = 24 min, over the 20-min threshold (queue.ts). The
// offer appears; declining keeps the place; an operator taking a conversation ahead moves the
// citizen to 2nd (16 min) live, without the offer; a second citizen at 3rd accepts and gets the
// callback form filled with the chat's topic and request number, and the booked callback carries
// the conversation's reference.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { CHAT_NAMESPACE, CHAT_OPERATOR_NAMESPACE } from '../../src/protocol/chat.js';
import { axe, newPage, useServerAndBrowser } from '../helpers/e2e.js';
import { call, socketTo } from '../helpers/socket-events.js';

/** Monday 16 March 2026, 12:00 in Moscow: operators (08–22) and the callback line (08–20) at work. */
const START = Date.parse('2026-03-16T09:00:00Z');
const started = Date.now();
/** A strong token (32 random bytes): the server refuses weak ones. */
const TOKEN = 'Qh7Vn2Kd9Lw4Zr8Tb3Mx6Pc1Fy5Js0Ge7Ua2Wo9Ni4';
const env = useServerAndBrowser({ before, after }, { operatorToken: TOKEN, now: () => START + (Date.now() - started) });

const REQUEST_NUMBER = '2026-000777';

const chat = (page: Page) => page.locator('gs-support-widget').locator('gs-chat');
const queue = (page: Page) => chat(page).locator('gs-chat-queue');
const queueStatus = (page: Page) => queue(page).locator('p[role="status"]');
const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

const socketOn = (namespace: string, auth?: Record<string, unknown>): Promise<Socket> => socketTo(env.server.url, namespace, auth ? { auth } : {});

/** A citizen elsewhere: starts a chat and asks for an operator (the widget's two events). */
async function waitingCitizen(summary: string): Promise<{ socket: Socket; conversationId: string }> {
  const socket = await socketOn(CHAT_NAMESPACE);
  const started = await call(socket, 'chat:start', { startId: randomUUID(), kind: 'technical', summary, question: `${summary}: что делать?`, locale: 'ru' });
  assert.equal(started.ok, true, JSON.stringify(started));
  const handed = await call(socket, 'chat:handoff', {});
  assert.equal(handed.ok, true, JSON.stringify(handed));
  assert.equal(handed.state.status, 'waiting', JSON.stringify(handed));
  return { socket, conversationId: started.conversationId as string };
}

/** The demo page with the chat open; `prefill` as a site would pass it to GovSupport.open. */
async function openChat(prefill?: Record<string, unknown>): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const opened = await newPage(env.browser);
  await opened.page.goto(`${env.server.url}/`);
  await opened.page.waitForFunction(() => 'GovSupport' in window);
  await opened.page.evaluate((p) => window.GovSupport!.open('chat', p), prefill);
  await chat(opened.page).locator('gs-chat-opening').getByRole('button', { name: 'Начать чат' }).waitFor();
  return opened;
}

/** Starts the chat in the page, waits for the assistant, then «Позвать оператора». */
async function startAndAskForOperator(page: Page, question: string, summary?: string): Promise<void> {
  const opening = chat(page).locator('gs-chat-opening');
  if (summary !== undefined) {
    await opening.getByRole('radio', { name: 'Техническая проблема' }).check();
    await opening.getByRole('textbox', { name: 'Коротко, о чём вопрос' }).fill(summary);
  }
  await opening.getByRole('textbox', { name: 'Ваш вопрос' }).fill(question);
  await opening.getByRole('button', { name: 'Начать чат' }).click();
  await chat(page).locator('gs-chat-log li.message').filter({ hasText: 'Виртуальный помощник' }).first().waitFor({ timeout: 10_000 });
  await chat(page).getByRole('button', { name: 'Позвать оператора' }).click();
  await chat(page).locator('gs-chat-log li.system').filter({ hasText: 'Вы в очереди к оператору.' }).waitFor();
}

async function noAxeViolations(page: Page, state: string): Promise<void> {
  assert.deepEqual(await axe(page, 'gs-support-widget'), [], state);
}

describe('chat: the callback offer when the wait is long', () => {
  const sockets: Socket[] = [];
  let ahead: { socket: Socket; conversationId: string }[] = [];
  let op: Socket;

  before(async () => {
    ahead = [await waitingCitizen('Первый в очереди'), await waitingCitizen('Второй в очереди')];
    sockets.push(...ahead.map((a) => a.socket));
    op = await socketOn(CHAT_OPERATOR_NAMESPACE, { token: TOKEN, operatorName: 'Смирнова Е. В.' });
    sockets.push(op);
  });
  after(() => {
    for (const socket of sockets) socket.close();
  });

  it('3rd in the queue, 24 min: the offer; declining keeps the place; a conversation ahead taken → 2nd, 16 min, no offer', async () => {
    const { context, page, errors } = await openChat();
    try {
      await startAndAskForOperator(page, 'Не приходит код подтверждения на телефон, что делать?', 'Не приходит код');

      await queueStatus(page).filter({ hasText: 'Вы 3-й в очереди.' }).waitFor();
      assert.equal(squash(await queueStatus(page).textContent()), 'Вы 3-й в очереди. Примерное ожидание: 24 мин.');
      assert.equal(squash(await queue(page).locator('h3').textContent()), 'Очередь к оператору');
      const offer = queue(page).getByText('Ждать долго. Можно заказать обратный звонок: оператор позвонит сам, а место в очереди пока сохранится.');
      assert.equal(await offer.isVisible(), true, 'the offer is shown');
      const accept = queue(page).getByRole('button', { name: 'Заказать обратный звонок' });
      const decline = queue(page).getByRole('button', { name: 'Подожду в чате' });
      assert.equal(await accept.isVisible(), true);
      assert.equal(await decline.isVisible(), true);
      await noAxeViolations(page, 'in the queue with the callback offer');

      // The server agrees: this conversation is the third waiting one.
      const list = await call(op, 'op:list');
      const waiting = (list.waiting as { conversationId: string; summary: string }[]).map((c) => c.summary);
      assert.deepEqual(waiting, ['Первый в очереди', 'Второй в очереди', 'Не приходит код'], JSON.stringify(list));

      await decline.click();
      await queue(page).getByText('Хорошо, ждём оператора. Ваше место в очереди сохранено.').waitFor();
      assert.equal(await offer.count(), 0, 'the offer is gone');
      assert.equal(await accept.count(), 0, 'no «Заказать обратный звонок» after declining');
      assert.equal(await decline.count(), 0);
      assert.equal(squash(await queueStatus(page).textContent()), 'Вы 3-й в очереди. Примерное ожидание: 24 мин.', 'the place is kept');
      const stillWaiting = await call(op, 'op:list');
      assert.equal((stillWaiting.waiting as unknown[]).length, 3, 'still three in the queue');
      await noAxeViolations(page, 'the offer declined');

      // An operator takes the first conversation: the citizen moves up live.
      const taken = await call(op, 'op:take', { conversationId: ahead[0]!.conversationId });
      assert.equal(taken.ok, true, JSON.stringify(taken));
      await queueStatus(page).filter({ hasText: 'Вы 2-й в очереди.' }).waitFor();
      assert.equal(squash(await queueStatus(page).textContent()), 'Вы 2-й в очереди. Примерное ожидание: 16 мин.');
      // 16 min is under the threshold: neither the offer nor the «declined» line.
      assert.equal(await queue(page).getByRole('button').count(), 0, 'no offer at 16 min');
      assert.equal(await queue(page).getByText('Ваше место в очереди сохранено.').count(), 0);
      await noAxeViolations(page, '2nd in the queue');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('accepting opens the callback form with the topic and the request number, and the booked call carries the conversation', async () => {
    // The queue now: the second conversation from before, the first citizen, then this one (3rd again).
    const { context, page, errors } = await openChat({ requestNumber: REQUEST_NUMBER });
    try {
      const opening = chat(page).locator('gs-chat-opening');
      // The opening form took the number: «Статус обращения» and the summary with the number.
      assert.equal(await opening.getByRole('radio', { name: 'Статус обращения' }).isChecked(), true);
      assert.equal(await opening.getByRole('textbox', { name: 'Коротко, о чём вопрос' }).inputValue(), `Статус обращения ${REQUEST_NUMBER}`);
      await startAndAskForOperator(page, 'Обращение давно на рассмотрении, когда будет ответ?');
      await queueStatus(page).filter({ hasText: 'Вы 3-й в очереди.' }).waitFor();
      assert.equal(squash(await queueStatus(page).textContent()), 'Вы 3-й в очереди. Примерное ожидание: 24 мин.');

      const list = await call(op, 'op:list');
      const mine = (list.waiting as { conversationId: string; summary: string }[]).find((c) => c.summary === `Статус обращения ${REQUEST_NUMBER}`);
      assert.ok(mine, JSON.stringify(list));
      assert.equal((list.waiting as unknown[]).length, 3);

      await queue(page).getByRole('button', { name: 'Заказать обратный звонок' }).click();
      const panel = page.locator('gs-support-widget').locator('[role="dialog"]');
      await panel.locator('h2#title').filter({ hasText: 'Обратный звонок' }).waitFor();
      const form = panel.locator('gs-callback-request');
      await form.locator('#topic').waitFor();
      assert.equal(await form.locator('#topic').inputValue(), 'status', 'the chat\'s kind as the topic');
      assert.equal(squash(await form.locator('#topic option:checked').textContent()), 'Статус заявления');
      assert.equal(await form.locator('#requestNumber').inputValue(), REQUEST_NUMBER, 'the request number the chat was opened with');
      assert.equal(await form.locator('#comment').inputValue(), `Статус обращения ${REQUEST_NUMBER}`, 'the chat\'s summary as the comment');
      assert.equal(await form.locator('#phone').inputValue(), '', 'nothing else is made up');
      await noAxeViolations(page, 'the callback form from the chat');

      // Still in the queue while the call is booked (the offer says so).
      const meanwhile = await call(op, 'op:list');
      assert.ok((meanwhile.waiting as { conversationId: string }[]).some((c) => c.conversationId === mine.conversationId), 'the place is kept');

      // Booked «как можно скорее»: the conversation's reference goes with it (a hidden value).
      await form.getByRole('textbox', { name: 'Телефон для звонка' }).fill('8 912 345 67 89');
      await form.getByRole('textbox', { name: 'Как к вам обращаться' }).fill('Анна');
      await form.locator('#when').waitFor();
      assert.equal(await form.locator('#when').isChecked(), true, '«как можно скорее» chosen');
      await form.locator('#consent').check();
      await form.locator('button[type="submit"]').click();
      const confirmation = form.locator('gs-callback-confirmation');
      await confirmation.locator('h3').filter({ hasText: 'Звонок заказан' }).waitFor();
      const number = squash(await confirmation.locator('dd.value').first().textContent());
      assert.match(number, /^CB-2026-\d{6}$/);
      const res = await fetch(`${env.server.url}/operator/api/callbacks?date=2026-03-16`, { headers: { authorization: `Bearer ${TOKEN}` } });
      assert.equal(res.status, 200);
      const items = ((await res.json()) as { items: { number: string; topic: string; requestNumber?: string; conversationRef?: string }[] }).items;
      const booked = items.find((c) => c.number === number);
      assert.ok(booked, JSON.stringify(items));
      assert.equal(booked.conversationRef, mine.conversationId, 'the callback refers to the chat');
      assert.equal(booked.requestNumber, REQUEST_NUMBER);
      assert.equal(booked.topic, 'status');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
