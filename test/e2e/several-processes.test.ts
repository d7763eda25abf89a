// Two servers on one PostgreSQL (issue 16), as a citizen and an operator meet them: the citizen's
// widget through the script tag on the demo page served by A, the operator console served by B.
// A chat goes both ways between them, and the operator's status change made in B's console
// reaches the citizen's open status view on A — real Chromium, the built dist/ and console.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { axe, launchBrowser, newPage, operatorLogin, registerRequest, startServer, type RunningServer } from '../helpers/e2e.js';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js';

/** A strong token (32 random bytes): the server refuses weak ones. */
const TOKEN = 'mK3vQ8xZ1pR6tW0yB4nC7dF2gH5jL9sA3eU6iO1uY8q';

let postgres: TestPostgres;
let a: RunningServer;
let b: RunningServer;
let browser: Browser;
let uploads: string;

before(async () => {
  postgres = await startTestPostgres();
  const databaseUrl = await postgres.createDatabase();
  uploads = mkdtempSync(join(tmpdir(), 'gs-e2e-uploads-'));
  // One after the other: the second finds the migrations applied.
  a = await startServer({ operatorToken: TOKEN, databaseUrl, uploadDir: uploads });
  b = await startServer({ operatorToken: TOKEN, databaseUrl, uploadDir: uploads });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await a?.close();
  await b?.close();
  await postgres?.stop();
  rmSync(uploads, { recursive: true, force: true });
});

const widget = (page: Page) => page.locator('gs-support-widget');
const citizenChat = (page: Page) => widget(page).locator('gs-chat');
const citizenLog = (page: Page) => citizenChat(page).locator('gs-chat-log');
const consoleApp = (page: Page) => page.locator('gs-operator-console');
const operatorChat = (page: Page) => consoleApp(page).locator('gs-operator-chat');
const conversation = (page: Page) => operatorChat(page).locator('gs-operator-chat-conversation');
/** Browser noise about answers the console expects (the 401 of a session check). */
const realErrors = (errors: string[]) => errors.filter((e) => !/Failed to load resource: the server responded with a status of 401/.test(e));

describe('two servers on one PostgreSQL: the citizen on A, the operator on B', () => {
  it('a chat started in the widget on A is taken in the console on B; messages go both ways', async () => {
    const citizen = await newPage(browser);
    await citizen.page.goto(`${a.url}/`);
    await widget(citizen.page).locator('button.launcher').click();
    await widget(citizen.page).locator('gs-home-view button[data-channel="chat"]').click();
    const opening = citizenChat(citizen.page).locator('gs-chat-opening');
    await opening.locator('#kind').check();
    await opening.locator('#summary').fill('Не приходит код подтверждения');
    await opening.locator('#question').fill('Как восстановить пароль от личного кабинета?');
    await opening.locator('button[type="submit"]').click();
    await citizenLog(citizen.page).locator('li.message').filter({ hasText: 'Виртуальный помощник' }).first().waitFor({ timeout: 10_000 });
    await citizenChat(citizen.page).locator('button.handoff').click();
    await citizenLog(citizen.page).locator('li.system').filter({ hasText: 'в очереди к оператору' }).waitFor();

    const operator = await newPage(browser);
    await operator.page.goto(`${b.url}/operator/`);
    await operatorLogin(operator.page, TOKEN, 'Петров А. С.');
    await consoleApp(operator.page).locator('nav[aria-label="Разделы консоли"]').getByRole('button', { name: 'Чат' }).click();
    await operatorChat(operator.page).locator('#chat-link[data-link="connected"]').waitFor();
    // The conversation A queued is in B's queue (the database), live.
    const item = operatorChat(operator.page).locator('gs-operator-chat-queue article').filter({ hasText: 'Не приходит код подтверждения' });
    await item.waitFor();
    await item.getByRole('button', { name: /^Взять/ }).click();
    await conversation(operator.page).locator('h2').filter({ hasText: 'Не приходит код подтверждения' }).waitFor();
    // B → A: the operator joins and replies; the widget on A shows both.
    await citizenLog(citizen.page).locator('li.system').filter({ hasText: 'Оператор Петров А. С. подключился к чату.' }).waitFor();
    const reply = conversation(operator.page).locator('gs-operator-chat-reply-box textarea');
    await reply.fill('Здравствуйте! На какой номер должен приходить код?');
    await reply.press('Enter');
    await citizenLog(citizen.page).locator('li.message').filter({ hasText: 'Здравствуйте! На какой номер должен приходить код?' }).waitFor();
    assert.deepEqual(await axe(citizen.page, 'gs-support-widget'), [], 'the widget with the operator’s reply');
    // A → B: the citizen answers; the console on B shows it.
    const composer = citizenChat(citizen.page).locator('gs-chat-composer textarea');
    await composer.fill('На номер +7 912 000-00-00, он в профиле.');
    await composer.press('Enter');
    await conversation(operator.page)
      .locator('gs-operator-chat-transcript li[data-author="citizen"] .text')
      .filter({ hasText: 'На номер +7 912 000-00-00, он в профиле.' })
      .waitFor();
    assert.deepEqual(await axe(operator.page), [], 'the console with the citizen’s answer');

    assert.deepEqual(citizen.errors, []);
    assert.deepEqual(realErrors(operator.errors), []);
    await citizen.context.close();
    await operator.context.close();
  });

  it('the status view open in the widget on A follows a status change made in the console on B', async () => {
    const created = await registerRequest(a.url);
    const citizen = await newPage(browser);
    await citizen.page.goto(`${a.url}/`);
    await widget(citizen.page).locator('button.launcher').click();
    await widget(citizen.page).locator('gs-home-view button[data-channel="status"]').click();
    const lookup = widget(citizen.page).locator('gs-status-lookup');
    await lookup.locator('#number').fill(created.number);
    await lookup.locator('#factor').fill(created.lookupCode);
    await lookup.locator('button[type="submit"]').click();
    await lookup.locator('.badge').filter({ hasText: 'Зарегистрировано' }).waitFor();
    await lookup.locator('.live').filter({ hasText: 'Статус обновится здесь сам' }).waitFor();

    // The operator, in the console served by B: «В работе» with a comment for the citizen.
    const operator = await newPage(browser);
    await operator.page.goto(`${b.url}/operator/`);
    await operatorLogin(operator.page, TOKEN, 'Петров А. С.');
    const console_ = consoleApp(operator.page);
    await console_.locator('#q').fill(created.number);
    await console_.locator('form[role="search"] button[type="submit"]').click();
    await console_.locator(`button[data-number="${created.number}"]`).click();
    const detail = console_.locator('gs-operator-request-detail');
    await detail.locator('#new-status').selectOption({ label: 'В работе' });
    await detail.locator('#comment').fill('Проверяем платёж, ответим до конца дня.');
    await detail.getByRole('button', { name: 'Сменить статус' }).click();
    await detail.locator('#status-result').filter({ hasText: 'Статус изменён' }).waitFor();

    // Live in the widget on A, without a reload.
    await lookup.locator('.badge').filter({ hasText: 'В работе' }).waitFor({ timeout: 10_000 });
    await lookup.locator('.visually-hidden[role="status"]').filter({ hasText: 'Статус обновлён: В работе' }).waitFor();
    assert.deepEqual(await axe(citizen.page, 'gs-support-widget'), [], 'the status view after the change');
    assert.deepEqual(citizen.errors, []);
    await citizen.context.close();
    assert.deepEqual(realErrors(operator.errors), []);
    await operator.context.close();
  });
});
