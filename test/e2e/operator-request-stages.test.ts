// «Контроль качества» on a request in the operator console (issue 17 point 3): the three stages
// (registered → expert review → the supervisor's analysis) with the current one marked, the review
// by an operator, «Вернуть в работу» with a reason, the analysis by a supervisor; keyboard only,
// announcements, axe 0. Real Chromium, the built build/operator/, the real server, a fixed clock.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { activeElement, axe, newPage, operatorLogin, registerRequest, useServerAndBrowser } from '../helpers/e2e.js';

const TOKEN = 'q3Wm8kZrT1vXy0bNcD5eFgH7iJ2kLmN4oPqR6sTuV9w';
const SUPERVISOR = 'Kq3vX9wLpT2zR8mN5bY7cH4jF6gD1sA0eU_oI-tWnQx';
/** Monday 2 March 2026, 12:00 Moscow. */
const now = Date.parse('2026-03-02T09:00:00Z');
const env = useServerAndBrowser({ before, after }, { operatorToken: TOKEN, supervisorToken: SUPERVISOR, now: () => now });

const app = (page: Page) => page.locator('gs-operator-console');
const stages = (page: Page) => app(page).locator('gs-operator-request-detail').locator('gs-operator-request-stages');
const text = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
/** Browser noise about answers the console expects (the 401 of the first session check). */
const realErrors = (errors: string[]) => errors.filter((e) => !/Failed to load resource: the server responded with a status of 401/.test(e));

async function api(path: string, body: Record<string, unknown>, token = TOKEN, name = 'Скрипт') {
  const res = await fetch(`${env.server.url}/operator/api/requests/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-operator-name': encodeURIComponent(name) },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 200, await res.clone().text());
}

async function openRequest(page: Page, token: string, name: string, number: string) {
  await page.goto(`${env.server.url}/operator/`);
  await app(page).locator('main h1').filter({ hasText: 'Вход в консоль оператора' }).waitFor();
  await operatorLogin(page, token, name);
  await app(page).locator('gs-operator-request-list').locator(`button[data-number="${number}"]`).click();
  await stages(page).locator('ol.stages').waitFor();
}

/** Each stage: its name, its state in words, and whether it is the current step. */
const steps = (page: Page) =>
  stages(page)
    .locator('ol.stages > li')
    .evaluateAll((items) => items.map((li) => [li.getAttribute('data-stage'), li.querySelector('.stage-state')?.textContent, li.getAttribute('aria-current')]));

describe('«Контроль качества» on a request', () => {
  it('an operator reviews a final request by keyboard, then returns it to work with a reason', async () => {
    const request = await registerRequest(env.server.url);
    await api(`${request.number}/status`, { status: 'completed', comment: 'Ответ отправлен.' });
    const { context, page, errors } = await newPage(env.browser);
    await openRequest(page, TOKEN, 'Петров А. С.', request.number);
    const block = stages(page);
    assert.equal(await text(block.locator('h2')), 'Контроль качества');
    assert.deepEqual(await steps(page), [
      ['registered', 'выполнено', null],
      ['review', 'текущий этап', 'step'],
      ['analysis', 'впереди', null],
    ]);
    assert.match(await text(block.locator('li[data-stage="review"]')), /Ответ дан: ждёт экспертизы/);
    assert.equal(await block.locator('#remark').count(), 0, 'an operator has no analysis form');
    assert.deepEqual(await axe(page), [], 'awaiting the review');

    // Submitted without an outcome: the error at the field, which takes the focus.
    await block.locator('#outcome').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await activeElement(page), 'button.button-primary');
    await page.keyboard.press('Enter');
    await block.locator('#outcome-error').filter({ hasText: 'Выберите итог экспертизы' }).waitFor();
    assert.equal(await activeElement(page), 'select#outcome');
    assert.equal(await block.locator('#outcome').getAttribute('aria-invalid'), 'true');
    assert.equal(await block.locator('#outcome').getAttribute('aria-describedby'), 'outcome-error');
    assert.deepEqual(await axe(page), [], 'the review form with its error');

    // The outcome by keyboard, a note, Enter on the button: saved, announced, the next stage.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal(await block.locator('#outcome').inputValue(), 'needs_rework');
    assert.equal(await block.locator('#outcome-error').count(), 0, 'the error goes once the field is changed');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Нет срока исправления.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await block.locator('#stages-result[role="status"]').filter({ hasText: 'Экспертиза сохранена' }).waitFor();
    assert.equal(await activeElement(page), 'h2#quality-title.section', 'the focus stays in the block');
    assert.deepEqual(await steps(page), [
      ['registered', 'выполнено', null],
      ['review', 'выполнено', null],
      ['analysis', 'текущий этап', 'step'],
    ]);
    assert.match(await text(block.locator('li[data-stage="review"]')), /Требует доработки Нет срока исправления\. Петров А\. С\., 02\.03\.2026, 12:00 МСК/);
    assert.equal(await block.locator('#outcome').count(), 0, 'one review per answer');
    assert.deepEqual(await axe(page), [], 'reviewed');

    // «Вернуть в работу»: a second step asks for the reason; empty, it says so.
    await block.locator('#reopen-start').focus();
    await page.keyboard.press('Enter');
    assert.equal(await activeElement(page), 'textarea#reason');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await block.locator('#reason-error').filter({ hasText: 'Укажите причину возврата' }).waitFor();
    assert.equal(await activeElement(page), 'textarea#reason');
    assert.equal(await block.locator('#reason').getAttribute('aria-describedby'), 'reason-hint reason-error');
    assert.deepEqual(await axe(page), [], 'the reopening with its error');
    // Cancel returns the focus to the action.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    assert.equal(await activeElement(page), 'button#reopen-start.button-secondary');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Заявитель пишет, что ответ не пришёл.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await block.locator('#stages-result').filter({ hasText: 'Обращение возвращено в работу: статус «В работе»' }).waitFor();
    const detail = app(page).locator('gs-operator-request-detail');
    assert.match(await text(detail.locator('dl.fields')), /Статус\s*В работе/);
    assert.deepEqual(await steps(page), [
      ['registered', 'текущий этап', 'step'],
      ['review', 'впереди', null],
      ['analysis', 'впереди', null],
    ]);
    assert.match(await text(block.locator('section')), /Ответ № 2/);
    assert.match(await text(block.locator('section')), /Возвращено в статус «В работе» Заявитель пишет, что ответ не пришёл\. Петров А\. С\./);
    assert.match(await text(block.locator('section')), /Ответ № 1: Требует доработки/);
    assert.equal(await block.locator('#reopen-start').count(), 0, 'not final: nothing to reopen');
    assert.deepEqual(await axe(page), [], 'back at work');

    // The citizen sees «В работе», not the reason.
    const lookup = await fetch(`${env.server.url}/requests/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ number: request.number, factor: request.lookupCode }),
    });
    const seen = await lookup.text();
    assert.match(seen, /"status":"in_progress"/);
    assert.doesNotMatch(seen, /не пришёл/);
    assert.deepEqual(realErrors(errors), []);
    await context.close();
  });

  it('a supervisor writes the analysis after the review', async () => {
    const request = await registerRequest(env.server.url);
    await api(`${request.number}/status`, { status: 'rejected', comment: 'Не по теме.' });
    await api(`${request.number}/review`, { outcome: 'compliant' }, TOKEN, 'Анна К.');
    const { context, page, errors } = await newPage(env.browser, { viewport: { width: 320, height: 800 } });
    await openRequest(page, SUPERVISOR, 'Руководитель', request.number);
    const block = stages(page);
    assert.equal((await steps(page))[2]![2], 'step');
    await block.locator('#remark').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await block.locator('#remark-error').filter({ hasText: 'Напишите заключение' }).waitFor();
    assert.equal(await activeElement(page), 'textarea#remark');
    assert.deepEqual(await axe(page), [], 'the analysis form with its error, 320 px wide');
    await page.keyboard.type('Отказ обоснован, шаблон ответа менять не нужно.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await block.locator('#stages-result').filter({ hasText: 'Заключение сохранено' }).waitFor();
    assert.deepEqual(await steps(page), [
      ['registered', 'выполнено', null],
      ['review', 'выполнено', null],
      ['analysis', 'выполнено', null],
    ]);
    assert.match(await text(block.locator('li[data-stage="analysis"]')), /Отказ обоснован, шаблон ответа менять не нужно\. Руководитель, 02\.03\.2026, 12:00 МСК/);
    assert.equal(await block.locator('#remark').count(), 0);
    // (The request's fields above are wider than 320 px: that is the detail view's, not this block's.)
    const overflowing = await block.evaluate((host) =>
      [host, ...host.shadowRoot!.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > 320).map((el) => `${el.tagName}.${el.className}`),
    );
    assert.deepEqual(overflowing, [], 'the block fits 320 px');
    assert.deepEqual(await axe(page), [], 'analysed');
    assert.deepEqual(realErrors(errors), []);
    await context.close();
  });

  it('reviewed by someone else meanwhile: the refusal is announced and the block shows what is now', async () => {
    const request = await registerRequest(env.server.url);
    await api(`${request.number}/status`, { status: 'completed' });
    const { context, page } = await newPage(env.browser);
    await openRequest(page, TOKEN, 'Петров А. С.', request.number);
    const block = stages(page);
    await block.locator('#outcome').selectOption('compliant');
    await api(`${request.number}/review`, { outcome: 'deadline_missed' }, TOKEN, 'Анна К.');
    await block.locator('form button[type="submit"]').click();
    await block.locator('#stages-error[role="alert"]').filter({ hasText: 'Экспертиза этого ответа уже проведена' }).waitFor();
    await block.locator('li[data-stage="review"]').filter({ hasText: 'Нарушен срок ответа' }).waitFor();
    assert.equal(await block.locator('#outcome').count(), 0, 'the form is gone with the chance');
    assert.deepEqual(await axe(page), [], 'after the refusal');
    await context.close();
  });
});
