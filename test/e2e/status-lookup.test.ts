// Status lookup end to end: real Chromium, the built script, the real server, its operator console and live updates.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { activeElement, axe, dialog, newPage, operatorLogin, registerRequest, useServerAndBrowser } from '../helpers/e2e.js';

/** A strong token (32 random bytes): the server refuses weak ones. */
const TOKEN = 'Uei3i0KVQu6opxszOIWdQirN4zaERHFmvUs4j8gnST8';
const DAY = 86_400_000;
/** The server's clock runs `offset` ahead of the real one (an overdue request without waiting). */
let offset = 0;
const env = useServerAndBrowser({ before, after }, { operatorToken: TOKEN, now: () => Date.now() + offset });

const lookup = (page: Page) => page.locator('gs-status-lookup');
const read = async (page: Page, selector: string) => ((await lookup(page).locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

async function openStatusView(page: Page) {
  await page.goto(`${env.server.url}/`);
  await page.evaluate(() => window.GovSupport!.open('status'));
  await lookup(page).locator('form').waitFor();
}

async function lookUp(page: Page, number: string, factor: string) {
  await lookup(page).locator('#number').fill(number);
  await lookup(page).locator('#factor').fill(factor);
  await lookup(page).locator('button[type="submit"]').click();
}

const lookupRequest = (number: string, factor: string) =>
  fetch(`${env.server.url}/requests/lookup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ number, factor }) });

describe('status lookup', () => {
  it('tracking link → keyboard-only lookup → the operator changes the status in the console → the open view updates live; a new lookup shows the comment', async () => {
    const { number, lookupCode } = await registerRequest(env.server.url);
    const citizen = await newPage(env.browser);
    const page = citizen.page;

    // The confirmation's tracking link opens the panel on the status view with the number in.
    await page.goto(`${env.server.url}/#gs-status=${number}`);
    await dialog(page).waitFor({ state: 'visible' });
    await lookup(page).locator('#factor').waitFor();
    assert.equal(await lookup(page).locator('#number').inputValue(), number);
    await page.waitForFunction(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.id === 'factor';
    });
    assert.deepEqual(await axe(page), [], 'the form');

    // Keyboard only: type the code, Tab to «Проверить статус», Enter.
    await page.keyboard.type(lookupCode);
    await page.keyboard.press('Tab');
    assert.equal(await activeElement(page), 'button.button-primary.submit');
    await page.keyboard.press('Enter');
    await lookup(page).locator('.badge').filter({ hasText: 'Зарегистрировано' }).waitFor();
    assert.equal(await activeElement(page), 'h3.result-title');
    assert.match(await read(page, '.result-title'), new RegExp(`Номер обращения ${number}`));
    assert.match(await read(page, 'dl'), /Зарегистрировано \d{1,2} [а-я]+ \d{4} г\. в \d{2}:\d{2} МСК Ожидаемый срок ответа/);
    await lookup(page).locator('.live').filter({ hasText: 'Статус обновится здесь сам' }).waitFor();
    assert.deepEqual(await axe(page), [], 'the result');

    // The operator, in the console: «В работе» with a comment for the citizen.
    const operator = await newPage(env.browser);
    await operator.page.goto(`${env.server.url}/operator`);
    await operatorLogin(operator.page, TOKEN);
    const console_ = operator.page.locator('gs-operator-console');
    await console_.locator('#q').fill(number);
    await console_.locator('form[role="search"] button[type="submit"]').click();
    await console_.locator(`button[data-number="${number}"]`).click();
    const detail = console_.locator('gs-operator-request-detail');
    await detail.locator('#new-status').selectOption({ label: 'В работе' });
    await detail.locator('#comment').fill('Проверяем платёжный шлюз, ответим до конца дня.');
    await detail.getByRole('button', { name: 'Сменить статус' }).click();
    await detail.locator('#status-result').filter({ hasText: 'Статус изменён' }).waitFor();

    // The citizen's open view follows without a reload, and says so to screen readers.
    await lookup(page).locator('.badge').filter({ hasText: 'В работе' }).waitFor({ timeout: 10_000 });
    assert.match(await read(page, '.history li'), /^В работе — .* МСК Комментарий специалиста: Проверяем платёжный шлюз, ответим до конца дня\.$/);
    await lookup(page).locator('.visually-hidden[role="status"]').filter({ hasText: 'Статус обновлён: В работе' }).waitFor();
    assert.equal(await activeElement(page), 'h3.result-title', 'focus stays where it was');
    assert.deepEqual(await axe(page), [], 'after the live update');

    // A new lookup shows the comment too.
    await lookup(page).getByRole('button', { name: 'Проверить ещё раз' }).click();
    await lookup(page).locator('.comment').filter({ hasText: 'Проверяем платёжный шлюз' }).waitFor();

    // Recent lookups keep the number only.
    const stored = await page.evaluate(() => JSON.stringify(localStorage));
    assert.match(stored, new RegExp(number));
    assert.doesNotMatch(stored, new RegExp(lookupCode));

    assert.deepEqual(citizen.errors, []);
    await operator.context.close();
    await citizen.context.close();
  });

  it('not found and a wrong second factor: the same answer byte for byte, the same message; offline keeps the input', async () => {
    const { number } = await registerRequest(env.server.url);
    const unknown = await lookupRequest('2026-999999', 'ZZZZ9999');
    const wrong = await lookupRequest(number, 'ZZZZ9999');
    assert.equal(unknown.status, 404);
    assert.equal(wrong.status, 404);
    assert.deepEqual(Buffer.from(await unknown.arrayBuffer()), Buffer.from(await wrong.arrayBuffer()));
    assert.equal(unknown.headers.get('content-type'), wrong.headers.get('content-type'));

    const { context, page, errors } = await newPage(env.browser);
    await openStatusView(page);
    await lookUp(page, number, 'ZZZZ9999');
    const problem = lookup(page).locator('.problem[role="alert"]');
    await problem.waitFor();
    assert.equal(await problem.textContent(), 'Обращение не найдено. Проверьте номер и код — или укажите телефон либо e\u2011mail, которые вы оставили в обращении.');
    assert.equal(await lookup(page).locator('#factor').inputValue(), 'ZZZZ9999');
    assert.deepEqual(await axe(page), [], 'not found');

    await context.setOffline(true);
    await lookup(page).locator('button[type="submit"]').click();
    await problem.filter({ hasText: 'Нет связи с сервером' }).waitFor();
    assert.equal(await lookup(page).locator('#number').inputValue(), number);
    assert.deepEqual(await axe(page), [], 'offline');
    await context.setOffline(false);
    assert.deepEqual(
      errors.filter((e) => !/Failed to load resource|net::ERR_INTERNET_DISCONNECTED/.test(e)),
      [],
    );
    await context.close();
  });

  it('an overdue request says so and offers a new message or a callback with the number filled in', async () => {
    const { number, lookupCode } = await registerRequest(env.server.url);
    offset = 40 * DAY;
    try {
      const { context, page, errors } = await newPage(env.browser);
      await openStatusView(page);
      await lookUp(page, number, lookupCode);
      const overdue = lookup(page).locator('.overdue');
      await overdue.waitFor();
      assert.match((await overdue.textContent()) ?? '', /Срок ответа прошёл/);
      const offers = await overdue.locator('button').allTextContents();
      assert.ok(offers.includes('Написать сообщение по обращению'), offers.join(', '));
      assert.deepEqual(await axe(page), [], 'overdue');
      await overdue.getByRole('button', { name: 'Написать сообщение по обращению' }).click();
      const description = page.locator('gs-request-form #description');
      await description.waitFor();
      assert.equal(await description.inputValue(), `Обращение № ${number}: срок ответа прошёл. `);
      assert.deepEqual(errors, []);
      await context.close();

      // The other follow-up: a callback about the request, its number filled in.
      const second = await newPage(env.browser);
      await openStatusView(second.page);
      await lookUp(second.page, number, lookupCode);
      const offer = lookup(second.page).locator('.overdue').getByRole('button', { name: 'Заказать обратный звонок' });
      await offer.click();
      const requestNumber = second.page.locator('gs-callback-request #requestNumber');
      await requestNumber.waitFor();
      assert.equal(await requestNumber.inputValue(), number);
      assert.deepEqual(await axe(second.page), [], 'callback from the overdue follow-up');
      assert.deepEqual(second.errors, []);
      await second.context.close();
    } finally {
      offset = 0;
    }
  });

  // Last: it uses up this client's failed-lookup allowance.
  it('after 5 failed lookups: 429 with Retry-After, and the widget tells how long to wait', async () => {
    for (let i = 0; i < 5; i++) assert.equal((await lookupRequest('2026-888888', `WRONG${i}`)).status, 404);
    const limited = await lookupRequest('2026-888888', 'WRONG5');
    assert.equal(limited.status, 429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(retryAfter > 0 && retryAfter <= 60, String(retryAfter));

    const { context, page, errors } = await newPage(env.browser);
    await openStatusView(page);
    await lookUp(page, '2026-888888', 'WRONG6');
    const problem = lookup(page).locator('.problem[role="alert"]');
    await problem.waitFor();
    assert.match((await problem.textContent()) ?? '', /^Слишком много неудачных попыток\. Повторить можно через \d+ секунд[уы]?\.$/);
    assert.equal(await lookup(page).locator('#factor').inputValue(), 'WRONG6');
    assert.deepEqual(await axe(page), [], 'rate-limited');
    assert.deepEqual(errors.filter((e) => !/status of 429/.test(e)), []);
    await context.close();
  });
});
