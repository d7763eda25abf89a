// The operator console end to end: real Chromium, the built build/operator/, the real server and its operator API.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { buildApp } from '../../server/app.js';
import { DEMO_CSP } from '../../server/static.js';
import { activeElement, axe, newPage, operatorLogin, registerRequest, useServerAndBrowser } from '../helpers/e2e.js';

/** A strong token (32 random bytes): the server refuses weak ones. */
const TOKEN = 'CpBQyPNzhV_nNNyXyQ90iaymEuwWB3IqfEEb-sRWKqU';
const env = useServerAndBrowser({ before, after }, { operatorToken: TOKEN });

const app = (page: Page) => page.locator('gs-operator-console');
const heading = (page: Page) => app(page).locator('main h1');
/** Browser noise about answers the console expects (the 401 of the first session check). */
const realErrors = (errors: string[]) => errors.filter((e) => !/Failed to load resource: the server responded with a status of 401/.test(e));

describe('operator console', () => {
  it('is served at /operator/ under the strict CSP, without shadowing /operator/api/*', async () => {
    const redirect = await fetch(`${env.server.url}/operator`, { redirect: 'manual' });
    assert.equal(redirect.status, 301);
    assert.equal(redirect.headers.get('location'), '/operator/');
    const page = await fetch(`${env.server.url}/operator/`);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-security-policy'), DEMO_CSP);
    const html = await page.text();
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
    assert.doesNotMatch(html, /<style|\sstyle=/, 'no inline style');
    const script = html.match(/<script type="module" crossorigin src="(\/operator\/assets\/[^"]+\.js)"/)?.[1];
    assert.ok(script, 'a hashed module script under /operator/assets/');
    const asset = await fetch(`${env.server.url}${script}`);
    assert.equal(asset.status, 200);
    assert.match(asset.headers.get('content-type') ?? '', /javascript/);
    assert.equal((await fetch(`${env.server.url}/operator/api/requests`)).status, 401, 'the API answers, not the static files');
    assert.equal((await fetch(`${env.server.url}/operator/assets/nothing.js`)).status, 404);
  });

  it('login → search → detail → status with comment → internal note; the citizen sees the comment only; 401 and logout return to login', async () => {
    const { number, lookupCode } = await registerRequest(env.server.url);
    const { context, page, errors } = await newPage(env.browser);
    await page.goto(`${env.server.url}/operator`);
    assert.equal(new URL(page.url()).pathname, '/operator/');

    // Login: the heading has focus; field errors, then the API's error, in Russian.
    await heading(page).filter({ hasText: 'Вход в консоль оператора' }).waitFor();
    await page.waitForFunction(() => document.querySelector('gs-operator-console')?.shadowRoot?.querySelector('gs-operator-login')?.shadowRoot?.activeElement?.tagName === 'H1');
    assert.equal(await app(page).locator('#token').getAttribute('type'), 'password');
    assert.deepEqual(await axe(page), [], 'login');
    await app(page).locator('gs-operator-login button[type="submit"]').click();
    assert.equal(await app(page).locator('#token-error').textContent().then((t) => t?.replace(/\s+/g, ' ').trim()), 'Ошибка: Введите токен оператора');
    assert.match((await app(page).locator('#operatorName-error').textContent()) ?? '', /Укажите ваше имя/);
    assert.equal(await activeElement(page), 'input#token');
    assert.deepEqual(await axe(page), [], 'login with errors');
    await app(page).locator('#token').fill('wrong-token');
    await app(page).locator('#operatorName').fill('Петров А. С.');
    await app(page).locator('gs-operator-login button[type="submit"]').click();
    await app(page).locator('#login-error').filter({ hasText: /[А-Яа-я]/ }).waitFor();
    assert.equal(await app(page).locator('#login-error').getAttribute('role'), 'alert');
    assert.match((await app(page).locator('#login-error').textContent()) ?? '', /[А-Яа-яЁё]/);

    await operatorLogin(page, TOKEN);
    assert.equal(await app(page).locator('nav[aria-label="Разделы консоли"] button[aria-current="page"]').textContent(), 'Обращения');
    assert.match((await app(page).locator('header').textContent()) ?? '', /Оператор: Петров А\. С\./);
    await app(page).locator('#list-status').filter({ hasText: 'Найдено: 1 обращение' }).waitFor();
    assert.deepEqual(await axe(page), [], 'list');

    // Find it by its number; the row: number, name, status badge with its label, dates in МСК.
    await app(page).locator('#q').fill(number);
    await app(page).locator('form[role="search"] button[type="submit"]').click();
    const row = app(page).locator('tbody tr').filter({ hasText: number });
    await row.waitFor();
    assert.equal(await app(page).locator('tbody tr').count(), 1);
    const rowText = (await row.textContent()) ?? '';
    assert.match(rowText, /Иванова Мария Петровна/);
    assert.match(rowText, /Зарегистрировано/);
    assert.match(rowText, /\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} МСК/);
    assert.doesNotMatch(rowText, /просрочено/);
    const badge = row.locator('.badge');
    assert.equal(await badge.textContent(), 'Зарегистрировано', 'the label, never the colour alone');
    assert.equal(await badge.evaluate((el) => getComputedStyle(el).borderTopColor), 'rgb(13, 76, 211)', 'the status colour from /config');
    await row.locator(`button[data-number="${number}"]`).click();

    // Detail: the heading has focus, fields are text (the <b> in the description stays text).
    await heading(page).filter({ hasText: `Обращение ${number}` }).waitFor();
    const detail = app(page).locator('gs-operator-request-detail');
    await detail.locator('dl.fields').waitFor();
    await page.waitForFunction(() => document.querySelector('gs-operator-console')?.shadowRoot?.querySelector('gs-operator-request-detail')?.shadowRoot?.activeElement?.tagName === 'H1');
    assert.match((await detail.locator('dd.description').textContent()) ?? '', /<b>госпошлины<\/b>/);
    assert.equal(await detail.locator('dd.description b').count(), 0);
    const attachment = detail.locator('a[download]');
    assert.match((await attachment.textContent()) ?? '', /заявление\.pdf \(2 КБ\)/);
    const download = await page.request.get(new URL((await attachment.getAttribute('href'))!, env.server.url).href);
    assert.equal(download.status(), 200);
    assert.match(download.headers()['content-disposition'] ?? '', /^attachment/);
    assert.deepEqual(await axe(page), [], 'detail');

    // «Сменить статус» to «В работе» with a comment for the citizen.
    await detail.locator('#new-status').selectOption({ label: 'В работе' });
    await detail.locator('#comment').fill('Проверяем платёжный шлюз, ответим до конца дня.');
    await detail.getByRole('button', { name: 'Сменить статус' }).click();
    await detail.locator('#status-result').filter({ hasText: 'Статус изменён: «В работе»' }).waitFor();
    assert.equal(await detail.locator('#status-result').getAttribute('role'), 'status');

    // «Добавить внутреннюю заметку»: empty is refused, then added.
    await detail.getByRole('button', { name: 'Добавить заметку' }).click();
    assert.match((await detail.locator('#note-error').textContent()) ?? '', /Введите текст заметки/);
    await detail.locator('#note').fill('Звонила ещё раз, очень ждёт ответа.');
    await detail.getByRole('button', { name: 'Добавить заметку' }).click();
    await detail.locator('#note-result').filter({ hasText: 'Заметка добавлена' }).waitFor();

    const history = detail.locator('ol.history > li');
    const statusEntry = history.filter({ hasText: 'Проверяем платёжный шлюз' });
    assert.match((await statusEntry.textContent()) ?? '', /В работе[\s\S]*Комментарий для заявителя:\s*Проверяем платёжный шлюз[\s\S]*Оператор: Петров А\. С\.,\s*\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} МСК/);
    const noteEntry = history.filter({ hasText: 'Звонила ещё раз' });
    assert.equal(await noteEntry.getAttribute('data-kind'), 'note');
    assert.match((await noteEntry.textContent()) ?? '', /Внутренняя заметка[\s\S]*Звонила ещё раз, очень ждёт ответа\.[\s\S]*Оператор: Петров А\. С\./);
    assert.match((await detail.locator('dl.fields').textContent()) ?? '', /В работе/);
    assert.deepEqual(await axe(page), [], 'detail after changes');

    // The citizen's lookup (POST /requests/lookup, built by the operator API's side) shows the
    // comment and never the internal note.
    const lookup = await fetch(`${env.server.url}/requests/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ number, factor: lookupCode }),
    });
    assert.equal(lookup.status, 200, await lookup.clone().text());
    const citizen = await lookup.text();
    assert.match(citizen, /"status":"in_progress"/);
    assert.match(citizen, /Проверяем платёжный шлюз, ответим до конца дня\./);
    assert.doesNotMatch(citizen, /Звонила ещё раз/);
    assert.doesNotMatch(citizen, /Петров/);

    // Back to the list: the search is kept, the badge shows the new status.
    await detail.getByRole('button', { name: /К списку обращений/ }).click();
    await heading(page).filter({ hasText: 'Обращения' }).waitFor();
    await app(page).locator('tbody tr').filter({ hasText: 'В работе' }).waitFor();
    assert.equal(await app(page).locator('#q').inputValue(), number);

    // The session ends behind the console's back: the next call's 401 returns to login.
    await context.clearCookies();
    await app(page).locator(`button[data-number="${number}"]`).click();
    await heading(page).filter({ hasText: 'Вход в консоль оператора' }).waitFor();
    assert.equal(await app(page).locator('#login-notice').textContent(), 'Сеанс истёк, войдите снова');

    // Logout returns to login.
    await operatorLogin(page, TOKEN);
    await app(page).getByRole('button', { name: 'Выйти' }).click();
    await heading(page).filter({ hasText: 'Вход в консоль оператора' }).waitFor();
    assert.equal(await app(page).locator('#login-notice').textContent(), 'Вы вышли из консоли');
    assert.equal((await page.request.get(`${env.server.url}/operator/api/requests`)).status(), 401, 'the session is gone');
    await page.reload();
    await heading(page).filter({ hasText: 'Вход в консоль оператора' }).waitFor();

    assert.deepEqual(realErrors(errors), [], 'no script errors, no CSP violations');
    await context.close();
  });

  it('after ten wrong tries of one token the login says how long to wait; the right token still logs in from the same IP', async () => {
    const wrong = 'a-token-that-was-replaced-last-week';
    for (let i = 0; i < 10; i++) {
      const res = await fetch(`${env.server.url}/operator/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: wrong, operatorName: 'Скрипт' }),
      });
      assert.equal(res.status, 401, `try ${i + 1}`);
    }
    const { context, page } = await newPage(env.browser);
    await page.goto(`${env.server.url}/operator/`);
    await heading(page).filter({ hasText: 'Вход в консоль оператора' }).waitFor();
    await app(page).locator('#token').fill(wrong);
    await app(page).locator('#operatorName').fill('Петров А. С.');
    await app(page).locator('gs-operator-login button[type="submit"]').click();
    await app(page).locator('#login-error').filter({ hasText: /Повторите через/ }).waitFor();
    assert.equal(
      (await app(page).locator('#login-error').textContent())?.trim(),
      'Слишком много неудачных попыток входа с этим токеном. Повторите через 15 минут.',
    );
    await operatorLogin(page, TOKEN);
    await context.close();
  });

  it('answers 503 with a plain message at /operator/ when the console is not built', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gs-operator-'));
    const backend = await buildApp({
      dbPath: ':memory:',
      configPath: resolve('demo/data/widget-config.json'),
      corsOrigins: [],
      distDir: dir,
      siteDir: resolve('demo/site'),
      consoleDir: `${dir}-console-not-built`,
      operatorToken: TOKEN,
    });
    try {
      const res = await backend.app.inject({ method: 'GET', url: '/operator/' });
      assert.equal(res.statusCode, 503);
      assert.match(res.headers['content-type'] as string, /^text\/plain/);
      assert.match(res.body, /npm run build/);
      assert.equal((await backend.app.inject({ method: 'GET', url: '/operator/api/requests' })).statusCode, 401);
    } finally {
      await backend.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
