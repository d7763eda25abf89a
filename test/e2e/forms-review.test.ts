// The forms as the review in a real browser met them (issue 14, points 10–15): through the script
// tag on the demo page, the real server, keyboard only, axe on every state reached.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { activeElement, axe, dialog, launcher, newPage, registerRequest, useServerAndBrowser } from '../helpers/e2e.js';

const env = useServerAndBrowser({ before, after });

/** Monday 16 March 2026, 12:00 Moscow: the page's clock. */
const NOW = Date.UTC(2026, 2, 16, 9, 0);

async function open(page: Page, view: 'request' | 'status') {
  await page.clock.setFixedTime(NOW);
  await page.goto(`${env.server.url}/`);
  await page.evaluate(() => indexedDB.deleteDatabase('gov-support-widget'));
  await launcher(page).click();
  await dialog(page).waitFor({ state: 'visible' });
  await page.evaluate((v) => window.GovSupport!.open(v), view);
  await page.locator(`gs-${view === 'request' ? 'request-form' : 'status-lookup'} form`).waitFor();
}

/** Lines of text an element takes (its height over its line height). */
const lines = (locator: Locator) =>
  locator.evaluate((el) => {
    const style = getComputedStyle(el);
    return style.display === 'inline' ? el.getClientRects().length : Math.round(el.getBoundingClientRect().height / parseFloat(style.lineHeight));
  });

/** Whether a button shows a border before any hover: solid, and of another colour than what is behind it. */
const bordered = (locator: Locator) =>
  locator.evaluate((el) => {
    const style = getComputedStyle(el);
    let behind = el.parentElement;
    while (behind && getComputedStyle(behind).backgroundColor === 'rgba(0, 0, 0, 0)') behind = behind.parentElement;
    const background = behind ? getComputedStyle(behind).backgroundColor : 'rgb(255, 255, 255)';
    return style.borderTopStyle === 'solid' && parseFloat(style.borderTopWidth) >= 1 && style.borderTopColor !== 'rgba(0, 0, 0, 0)' && style.borderTopColor !== background;
  });

describe('forms after the review', () => {
  it('an empty request says what to do for each control under «Есть проблема» (GOV.UK’s summary: role=alert, focused), nothing chosen for the citizen', async () => {
    const { context, page, errors } = await newPage(env.browser);
    await open(page, 'request');
    const form = page.locator('gs-request-form');
    assert.equal(await form.locator('input[name="answerChannel"]:checked').count(), 0, 'no preselected answer');
    await form.locator('button.submit').focus();
    await page.keyboard.press('Enter');
    const summary = form.locator('gs-error-summary');
    await summary.locator('.summary').waitFor();
    assert.equal(await activeElement(page), 'div.summary');
    assert.equal(await summary.locator('.summary [role="alert"] h3').textContent(), 'Есть проблема');
    assert.equal(await summary.locator('[aria-labelledby]').count(), 0, 'no aria-labelledby on a role-less element');
    assert.deepEqual(await summary.locator('a').allTextContents(), [
      'Выберите тему обращения',
      'Введите фамилию, имя и отчество',
      'Введите номер телефона',
      'Выберите, как прислать ответ',
      'Опишите ситуацию',
      'Подтвердите согласие на обработку персональных данных',
    ]);
    assert.deepEqual(await axe(page, 'gs-support-widget'), [], 'the empty form submitted');
    // Keyboard: the first link takes the citizen to the select.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    assert.equal(await activeElement(page), 'select#type');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('the server re-validates with codes the widget words the same way (a missing type is «required»)', async () => {
    const answer = await fetch(`${env.server.url}/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ fullName: 'Иванова Мария', phone: '+7 912 345-67-89', answerChannel: 'sms', description: 'Не могу войти в личный кабинет два дня.', consent: false }),
    });
    assert.equal(answer.status, 400);
    const { error } = (await answer.json()) as { error: { issues: { path: string[]; code: string }[] } };
    assert.deepEqual(
      error.issues.map((i) => [i.path.join('.'), i.code]),
      [
        ['type', 'required'],
        ['consent', 'consent'],
      ],
    );
  });

  it('a failed status lookup puts focus on the problem, not on the page; the result keeps numbers and dates whole at 320 px', async () => {
    const { number, lookupCode } = await registerRequest(env.server.url);
    const { context, page, errors } = await newPage(env.browser, { viewport: { width: 320, height: 640 } });
    await open(page, 'status');
    const lookup = page.locator('gs-status-lookup');
    await lookup.locator('#number').focus();
    await page.keyboard.type(number);
    await page.keyboard.press('Tab');
    await page.keyboard.type('ZZZZ9999');
    await page.keyboard.press('Enter');
    const problem = lookup.locator('#problem');
    await problem.waitFor();
    assert.equal(await activeElement(page), 'p#problem.problem', 'focus on the error, not on <body>');
    assert.deepEqual(await axe(page, 'gs-support-widget'), [], 'not found');

    await lookup.locator('#factor').fill(lookupCode);
    await lookup.locator('#factor').press('Enter');
    const title = lookup.locator('.result-title');
    await title.waitFor();
    assert.equal(await activeElement(page), 'h3.result-title');
    assert.equal(await title.evaluate((el) => getComputedStyle(el).outlineStyle), 'none', 'a heading focused by script shows no focus box');
    assert.equal(await lines(title.locator('.number')), 1, `${number} on one line`);
    const dates = (await lookup.locator('dd').first().textContent()) ?? '';
    assert.match(dates, /^\d{1,2}\u00a0[а-я]+\u00a0\d{4}\u00a0г\. в\u00a0\d{2}:\d{2}\u00a0МСК$/, 'non-breaking spaces in «2026 г.» and «в 12:00»');
    const another = lookup.getByRole('button', { name: 'Проверить другое обращение' });
    assert.ok(await bordered(another), '«Проверить другое обращение» looks like a button');
    assert.deepEqual(await axe(page, 'gs-support-widget'), [], 'the result');
    assert.deepEqual(errors.filter((e) => !/status of 404/.test(e)), []);
    await context.close();
  });

  it('the confirmation: the number whole, a short tracking link with «Копировать ссылку», bordered secondary buttons in a wrapping row (320 px)', async () => {
    const { context, page, errors } = await newPage(env.browser, { viewport: { width: 320, height: 640 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.url });
    await open(page, 'request');
    const form = page.locator('gs-request-form');
    await form.locator('#type').selectOption('technical');
    await form.locator('#fullName').fill('Иванова Мария Петровна');
    await form.locator('#phone').fill('+7 912 345-67-89');
    await form.locator('#answerChannel-sms').check();
    await form.locator('#description').fill('Не приходит код подтверждения по SMS при входе в личный кабинет.');
    await form.locator('#consent').check();
    await form.locator('button.submit').focus();
    await page.keyboard.press('Enter');
    const confirmation = page.locator('gs-request-confirmation');
    await confirmation.locator('h3').waitFor();
    assert.equal(await activeElement(page), 'h3');
    assert.equal(await confirmation.locator('h3').evaluate((el) => getComputedStyle(el).outlineStyle), 'none', 'no focus box on the heading');
    const number = confirmation.locator('.value').first();
    const text = (await number.textContent()) ?? '';
    assert.match(text, /^\d{4}-\d{6}$/);
    assert.equal(await lines(number), 1, 'the number on one line');
    const link = confirmation.locator('a');
    assert.equal(await link.textContent(), `Ссылка на статус обращения ${text}`);
    assert.equal(await link.getAttribute('href'), `${env.server.url}/#gs-status=${text}`);
    assert.doesNotMatch((await confirmation.locator('dl, p').allTextContents()).join(' '), /https?:\/\//, 'no raw URL on screen');
    await confirmation.getByRole('button', { name: 'Копировать ссылку' }).click();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${env.server.url}/#gs-status=${text}`);
    for (const name of ['Копировать Номер обращения', 'Копировать ссылку', 'Написать ещё одно обращение']) {
      assert.ok(await bordered(confirmation.getByRole('button', { name })), `${name}: a visible border`);
    }
    const actions = confirmation.locator('.actions');
    assert.deepEqual(await actions.evaluate((el) => [getComputedStyle(el).display, getComputedStyle(el).flexWrap]), ['flex', 'wrap']);
    assert.deepEqual(await axe(page, 'gs-support-widget'), [], 'confirmation');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('a failed send keeps focus in the form: the button stays focusable while sending, then the problem takes focus', async () => {
    const { context, page } = await newPage(env.browser);
    await open(page, 'request');
    const form = page.locator('gs-request-form');
    await form.locator('#type').selectOption('technical');
    await form.locator('#fullName').fill('Иванова Мария Петровна');
    await form.locator('#phone').fill('+7 912 345-67-89');
    await form.locator('#answerChannel-sms').check();
    await form.locator('#description').fill('Не приходит код подтверждения по SMS при входе в личный кабинет.');
    await form.locator('#consent').check();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/requests', async (route) => {
      await held;
      await route.abort('connectionreset');
    });
    await form.locator('button.submit').focus();
    await page.keyboard.press('Enter');
    await form.locator('button.submit[aria-disabled="true"]').waitFor();
    assert.equal(await activeElement(page), 'button.button-primary.submit', 'focus stays on the button while sending');
    assert.equal(await form.locator('button.submit').evaluate((b: HTMLButtonElement) => b.disabled), false, 'not disabled: that would drop focus to the page');
    release();
    await form.locator('.problem[role="alert"]').waitFor();
    assert.equal(await activeElement(page), 'div.problem', 'focus on the problem');
    assert.deepEqual(await axe(page, 'gs-support-widget'), [], 'offline');
    await context.close();
  });
});
