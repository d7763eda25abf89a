// The chat when things go wrong, through the script tag on the demo page against the real server
// (issue 15, acceptance): a 50-message conversation during which the server process is killed
// and restarted 10 times; two tabs on one conversation; markup and javascript: links in messages.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { CHAT_OPERATOR_EVENTS, CHAT_OPERATOR_NAMESPACE, type ChatMessage } from '../../src/protocol/chat.js';
import { axe, dialog, launchBrowser, launcher, newPage } from '../helpers/e2e.js';
import { PROCESS_OPERATOR_TOKEN, startServerProcess, type ServerProcess } from '../helpers/server-process.js';

let server: ServerProcess;
let browser: Browser;
before(async () => {
  server = await startServerProcess();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const widget = (page: Page) => page.locator('gs-support-widget');
const chat = (page: Page) => widget(page).locator('gs-chat');

/** Opens the chat on the demo page and starts a conversation; the operator's way in. */
async function startChat(page: Page, question: string) {
  await page.goto(`${server.url}/`);
  await launcher(page).click();
  await dialog(page).waitFor({ state: 'visible' });
  await page.evaluate(() => window.GovSupport!.open('chat'));
  const opening = chat(page).locator('gs-chat-opening');
  await opening.locator('#kind').check();
  await opening.locator('#summary').fill('Проверка связи');
  await opening.locator('#question').fill(question);
  await opening.locator('button.submit').click();
  await chat(page).locator('#composer').waitFor();
}

/** An operator through Socket.IO, as the console is. */
async function operator(): Promise<Socket> {
  const socket = io(`${server.url}${CHAT_OPERATOR_NAMESPACE}`, {
    transports: ['websocket'],
    auth: { token: PROCESS_OPERATOR_TOKEN, operatorName: 'Петров А. С.' },
  });
  await new Promise<void>((ok, fail) => {
    socket.once('connect', () => ok());
    socket.once('connect_error', fail);
  });
  return socket;
}
async function ack<T>(socket: Socket, event: string, payload?: unknown): Promise<T> {
  const answer = (await socket.timeout(10_000).emitWithAck(event, payload ?? {})) as { ok: boolean; error?: unknown } & T;
  assert.ok(answer.ok, `${event}: ${JSON.stringify(answer.error)}`);
  return answer;
}
/** The whole stored conversation, as the operator reads it. */
async function history(conversationId: string): Promise<ChatMessage[]> {
  const op = await operator();
  try {
    return (await ack<{ messages: ChatMessage[] }>(op, CHAT_OPERATOR_EVENTS.history, { conversationId })).messages;
  } finally {
    op.close();
  }
}
/**
 * Waits until the citizen's log shows at least `own` messages of the citizen's and none still
 * pending; fails with what the chat shows (connection, pending) if it does not come.
 */
async function settled(page: Page, own: number, timeout: number) {
  const until = Date.now() + timeout;
  for (;;) {
    const pending = await chat(page).locator('li.pending').allTextContents();
    const sent = await chat(page).locator('[role="log"] li.own:not(.pending)').count();
    if (!pending.length && sent >= own) return;
    if (Date.now() > until) {
      const status = await chat(page).locator('[role="status"]').allTextContents();
      throw new Error(`not settled: ${sent} of ${own} sent; status ${JSON.stringify(status)}; pending ${JSON.stringify(pending.map((t) => t.replace(/\s+/g, ' ')))}`);
    }
    await page.waitForTimeout(250);
  }
}

/** The texts the citizen's log shows, in order (sent and pending). */
const shown = (page: Page) => chat(page).locator('[role="log"] li.message .text').allTextContents();
const conversationOf = (page: Page) =>
  page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open('gov-support-widget-chat');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const names = [...db.objectStoreNames];
    const found: unknown[] = [];
    for (const name of names) {
      const all = await new Promise<unknown[]>((ok) => {
        const q = db.transaction(name).objectStore(name).getAll();
        q.onsuccess = () => ok(q.result);
      });
      found.push(...all);
    }
    db.close();
    return JSON.stringify(found);
  });

describe('chat reliability', { timeout: 240_000 }, () => {
  it('50 messages while the server process is killed and restarted 10 times: each stored once, shown once, in order', async () => {
    const { context, page, errors } = await newPage(browser);
    await startChat(page, 'Не приходит код подтверждения по SMS');
    const kept = JSON.parse(await conversationOf(page)).find((r: { token?: string }) => r.token) as { conversationId: string } | undefined;
    assert.ok(kept, 'the conversation is kept in IndexedDB');
    const composer = chat(page).locator('#composer');
    const texts = Array.from({ length: 50 }, (_, i) => `Сообщение ${String(i + 1).padStart(2, '0')}`);
    for (let i = 0; i < texts.length; i++) {
      await composer.fill(texts[i]!);
      await composer.press('Enter');
      if (i % 5 === 4) {
        await server.kill();
        await page.waitForTimeout(300);
        await server.restart();
      }
    }
    // Everything delivered: nothing pending or failed in the log, all 50 stored.
    const conversationId = kept.conversationId;
    await settled(page, texts.length, 120_000);
    const stored = (await history(conversationId)).filter((m) => m.author === 'citizen').map((m) => m.text);
    assert.deepEqual(stored.slice(1), texts, 'stored exactly once each, in order (after the opening question)');
    const onScreen = (await shown(page)).map((t) => t.trim()).filter((t) => t.startsWith('Сообщение '));
    assert.deepEqual(onScreen, texts, 'shown exactly once each, in order');
    assert.deepEqual(await axe(page, 'gs-support-widget'), []);
    assert.deepEqual(errors.filter((e) => !/WebSocket|ERR_CONNECTION_REFUSED|Failed to load resource/.test(e)), []);
    await context.close();
  });

  it('two tabs on one conversation: each message sent once, both tabs show every message; markup and javascript: links stay inert text', async () => {
    const context = await browser.newContext({ locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
    await context.addInitScript('window.__name = (fn) => fn; window.__alerts = 0; window.alert = () => { window.__alerts++; };');
    const first = await context.newPage();
    await startChat(first, 'Как узнать статус заявления?');
    const second = await context.newPage();
    await second.goto(`${server.url}/`);
    await launcher(second).click();
    await second.evaluate(() => window.GovSupport!.open('chat'));
    await chat(second).locator('#composer').waitFor();

    const hostile = ['<img src=x onerror=alert(1)>', 'javascript:alert(1)', '[ссылка](javascript:alert(1)) и https://example.org/help'];
    await chat(first).locator('#composer').fill(hostile[0]!);
    await chat(first).locator('#composer').press('Enter');
    await chat(second).locator('#composer').fill(hostile[1]!);
    await chat(second).locator('#composer').press('Enter');
    await chat(first).locator('#composer').fill(hostile[2]!);
    await chat(first).locator('#composer').press('Enter');

    for (const page of [first, second]) {
      await settled(page, 3, 30_000);
      const own = (await chat(page).locator('[role="log"] li.own .text').allTextContents()).map((t) => t.trim());
      assert.deepEqual(own.slice(-3), hostile, 'both tabs show every message once, as text');
      const log = chat(page).locator('gs-chat-log');
      assert.equal(await log.locator('img').count(), 0, 'no image from a message');
      const hrefs = await log.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      assert.deepEqual(hrefs, ['https://example.org/help'], 'only the https link is a link');
      assert.equal(await page.evaluate(() => (window as unknown as { __alerts: number }).__alerts), 0);
    }
    const stored = JSON.parse(await conversationOf(first)).find((r: { token?: string }) => r.token) as { conversationId: string };
    const citizen = (await history(stored.conversationId)).filter((m) => m.author === 'citizen').map((m) => m.text);
    assert.deepEqual(citizen.slice(1), hostile, 'each stored once, verbatim');
    assert.deepEqual(await axe(first, 'gs-support-widget'), []);
    await context.close();
  });
});
