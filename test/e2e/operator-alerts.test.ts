// The supervisor's alerts («Оповещения») end to end: real Chromium, the built build/operator/, the
// real server with a clock the test moves. A supervisor sets the low-ratings rule by keyboard;
// citizens answer their surveys with low ratings through the public API; the minute's sweep
// (called here as the timer would) raises the alert: the header's banner, the list, the outbox.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { activeElement, axe, newPage, operatorLogin, registerRequest, useServerAndBrowser } from '../helpers/e2e.js';

/** Strong tokens (32 random bytes): the server refuses weak ones. */
const TOKEN = 'V9200CoSV6Qk-dPE112JEYOeKZNbjzc69rc2aQuUJ-c';
const SUPERVISOR = 'hT4mQ9xZ2cVb7LnR5wKd1JsF8gYp3UeA6oEiWq0rBt-';
/** Monday 16 March 2026, 11:00 Moscow. */
const START = Date.parse('2026-03-16T08:00:00Z');
const MINUTE = 60_000;
let now = START;
const env = useServerAndBrowser({ before, after }, { operatorToken: TOKEN, supervisorToken: SUPERVISOR, now: () => now });
const RECIPIENT = 'quality\u0040example.ru';

const app = (page: Page) => page.locator('gs-operator-console');
const heading = (page: Page) => app(page).locator('main h1');
const view = (page: Page) => app(page).locator('gs-operator-alerts');
const banner = (page: Page) => app(page).locator('gs-operator-alert-banner');
const text = async (locator: ReturnType<Page['locator']>) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
/** Browser noise about answers the console expects (the 401 of a session check). */
const realErrors = (errors: string[]) => errors.filter((e) => !/Failed to load resource: the server responded with a status of 401/.test(e));

/** Tab (or Shift+Tab) until `selector` (as activeElement shows it) has focus; at most `max` presses. */
async function tabTo(page: Page, selector: string, { max = 40, back = false } = {}) {
  for (let i = 0; i < max; i++) {
    if ((await activeElement(page)) === selector) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  assert.equal(await activeElement(page), selector);
}

/** A request registered, finished by an operator, and its survey answered with `rating`, all through the APIs. */
async function answeredRequest(rating: number) {
  const base = env.server.url;
  const { number, lookupCode } = await registerRequest(base);
  const changed = await fetch(`${base}/operator/api/requests/${number}/status`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ status: 'completed', comment: 'Готово' }),
  });
  assert.equal(changed.status, 200, await changed.text());
  const lookup = await fetch(`${base}/requests/lookup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ number, factor: lookupCode }) });
  assert.equal(lookup.status, 200, await lookup.clone().text());
  const { survey } = (await lookup.json()) as { survey?: { token: string } };
  assert.ok(survey, 'a finished request has its survey');
  const answered = await fetch(`${base}/surveys/${survey.token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ resolved: 'no', rating }) });
  assert.equal(answered.status, 201, await answered.text());
}

describe('operator console: alerts', () => {
  it('a supervisor sets the low-ratings rule by keyboard; low ratings raise the alert: banner, list, outbox; acknowledged by keyboard', async () => {
    const { context, page, errors } = await newPage(env.browser);
    await page.clock.install({ time: now });
    await page.goto(`${env.server.url}/operator/`);
    await heading(page).filter({ hasText: 'Вход в консоль оператора' }).waitFor();
    await operatorLogin(page, SUPERVISOR, 'Руководитель Р.');
    const nav = app(page).locator('nav[aria-label="Разделы консоли"]');
    assert.deepEqual(await nav.locator('button').allTextContents(), ['Обращения', 'Обратные звонки', 'Записи на приём', 'Чат', 'Показатели', 'Оповещения']);
    assert.equal(await text(banner(page).locator('[role="status"]')), '', 'no alert: the banner says nothing');

    // To «Оповещения» by keyboard.
    // From the list's heading back up to the nav's last section.
    for (let i = 0; i < 6 && (await nav.locator('button:focus').count()) === 0; i++) await page.keyboard.press('Shift+Tab');
    assert.equal(await nav.locator('button:focus').textContent(), 'Оповещения');
    await page.keyboard.press('Enter');
    await heading(page).filter({ hasText: 'Оповещения' }).waitFor();
    await page.waitForFunction(() => document.querySelector('gs-operator-console')?.shadowRoot?.querySelector('gs-operator-alerts')?.shadowRoot?.activeElement?.tagName === 'H1');
    await view(page).locator('#lowRatings-enabled').waitFor();
    assert.equal(await text(view(page).locator('#alerts-status')), 'Открытых оповещений нет');
    assert.deepEqual(await axe(page), []);

    // The low-ratings rule: on, 3 answers rated 2 or lower, to a mistyped address first.
    await tabTo(page, 'input#lowRatings-enabled');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    assert.equal(await activeElement(page), 'input#lowRatings-count');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('3');
    await page.keyboard.press('Tab');
    assert.equal(await activeElement(page), 'input#lowRatings-maxRating');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('2');
    await page.keyboard.press('Tab');
    assert.equal(await activeElement(page), 'textarea#lowRatings-recipients');
    await page.keyboard.type('quality-example.ru');
    await tabTo(page, 'button.button-primary');
    await page.keyboard.press('Enter');
    await view(page).locator('#lowRatings-recipients-error').waitFor();
    assert.equal(await activeElement(page), 'textarea#lowRatings-recipients', 'focus on the field in error');
    assert.equal(await view(page).locator('#lowRatings-recipients').getAttribute('aria-invalid'), 'true');
    assert.match(await text(view(page).locator('#alerts-error')), /Правила не сохранены: 1 ошибка/);
    assert.deepEqual(await axe(page), []);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(RECIPIENT);
    assert.equal(await view(page).locator('#lowRatings-recipients-error').count(), 0, 'fixed: the error goes');
    await tabTo(page, 'button.button-primary');
    await page.keyboard.press('Enter');
    await view(page).locator('#alerts-status').filter({ hasText: 'Правила сохранены' }).waitFor();
    assert.match(await text(view(page).locator('#rules-updated')), /Изменены 16\.03\.2026, 11:00 МСК, Руководитель Р\./);

    // Three low ratings of one topic (requests «Техническая проблема»), a minute apart.
    for (const rating of [2, 1, 2]) {
      await answeredRequest(rating);
      now += MINUTE;
    }
    const sweep = await env.server.backend.alerts.sweep();
    assert.equal(sweep.raised.length, 1);

    // The minute's refresh of the console shows it: the banner (polite, focus stays) and the list.
    const focusedBefore = await activeElement(page);
    await page.clock.runFor(MINUTE);
    await banner(page).locator('[role="status"]').filter({ hasText: 'Открытые оповещения (1)' }).waitFor();
    assert.equal(
      await text(banner(page).locator('[role="status"]')),
      'Открытые оповещения (1): Низкие оценки подряд по одной теме («Техническая проблема»).',
    );
    assert.equal(await activeElement(page), focusedBefore, 'the banner does not take focus');
    const item = view(page).locator('ul.alerts.open > li');
    await item.first().waitFor();
    assert.equal(await item.count(), 1);
    assert.equal(
      await text(item.locator('p').first()),
      '3 ответа подряд с оценкой не выше 2 по теме «Техническая проблема» (Обращения): средняя оценка 1,67.',
    );
    assert.match(await text(view(page).locator('#alerts-status')), /1 открытое оповещение/);
    assert.deepEqual(await axe(page), []);

    // The outbox: one message to the rule's one address, nothing about the citizens.
    const outbox = await env.server.backend.database.kysely.selectFrom('notification_outbox').selectAll().where('subject', 'like', 'Оповещение:%').execute();
    assert.deepEqual(outbox.map((row) => [row.channel, row.recipient, row.subject]), [['email', RECIPIENT, 'Оповещение: Низкие оценки подряд по одной теме']]);
    assert.match(outbox[0]!.body, /3 ответа подряд с оценкой не выше 2 по теме «Техническая проблема» \(Обращения\): средняя оценка 1,67\./);
    assert.doesNotMatch(outbox[0]!.body, /Иванова|maria|912/);

    // Acknowledged by keyboard: the banner empties, the list says so, focus goes to the status line.
    await tabTo(page, 'button.button-secondary', { back: true });
    assert.match(await text(view(page).locator('button:focus')), /Отметить принятым/);
    await page.keyboard.press('Enter');
    await view(page).locator('#alerts-status').filter({ hasText: 'Оповещение отмечено принятым' }).waitFor();
    assert.equal(await activeElement(page), 'div#alerts-status.notice');
    await page.waitForFunction(
      () => document.querySelector('gs-operator-console')?.shadowRoot?.querySelector('gs-operator-alert-banner')?.shadowRoot?.querySelector('[role="status"]')?.textContent === '',
    );
    assert.match(await text(item.locator('p.muted')), /Принято: Руководитель Р\./);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(realErrors(errors), []);
    await context.close();
  });

  it('an operator sees the open alert in the banner only: no «Оповещения» section, no rules', async () => {
    // The alert of the test above, acknowledged; a new one for another topic would be the same: the
    // banner counts only those nobody has acknowledged, so clear the acknowledgement here.
    await env.server.backend.database.kysely.updateTable('alerts').set({ acknowledged_at: null, acknowledged_by: null }).execute();
    const { context, page, errors } = await newPage(env.browser);
    await page.clock.install({ time: now });
    await page.goto(`${env.server.url}/operator/`);
    await heading(page).filter({ hasText: 'Вход в консоль оператора' }).waitFor();
    await operatorLogin(page, TOKEN);
    const nav = app(page).locator('nav[aria-label="Разделы консоли"]');
    assert.deepEqual(await nav.locator('button').allTextContents(), ['Обращения', 'Обратные звонки', 'Записи на приём', 'Чат', 'Показатели']);
    await banner(page).locator('[role="status"]').filter({ hasText: 'Открытые оповещения (1)' }).waitFor();
    assert.equal(await banner(page).locator('button').count(), 0, 'no way to the supervisor’s section');
    assert.deepEqual(await axe(page), []);
    const rules = await fetch(`${env.server.url}/operator/api/alerts/rules`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(rules.status, 403);
    assert.deepEqual(realErrors(errors), []);
    await context.close();
  });
  it('fits a 320 px screen: the banner leads a supervisor to «Оповещения» by keyboard; no horizontal scrolling (axe 0)', async () => {
    const { context, page, errors } = await newPage(env.browser, { viewport: { width: 320, height: 720 } });
    await page.clock.install({ time: now });
    await page.goto(`${env.server.url}/operator/`);
    await heading(page).filter({ hasText: 'Вход в консоль оператора' }).waitFor();
    await operatorLogin(page, SUPERVISOR, 'Руководитель Р.');
    await banner(page).locator('[role="status"]').filter({ hasText: 'Открытые оповещения (1)' }).waitFor();
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 320, 'no horizontal scrolling with the banner');
    assert.deepEqual(await axe(page), [], '320 px, the banner');
    await tabTo(page, 'button.button-secondary', { back: true, max: 12 });
    assert.equal(await text(banner(page).locator('button:focus')), 'Перейти к оповещениям');
    await page.keyboard.press('Enter');
    await heading(page).filter({ hasText: 'Оповещения' }).waitFor();
    await page.waitForFunction(() => document.querySelector('gs-operator-console')?.shadowRoot?.querySelector('gs-operator-alerts')?.shadowRoot?.activeElement?.tagName === 'H1');
    await view(page).locator('#lowRatings-enabled').waitFor();
    assert.equal(await view(page).locator('ul.alerts.open > li').count(), 1);
    assert.equal(await view(page).locator('#lowRatings-enabled').isChecked(), true, 'the saved rule');
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 320, 'no horizontal scrolling in the section');
    assert.deepEqual(await axe(page), [], '320 px, the section');
    assert.deepEqual(realErrors(errors), []);
    await context.close();
  });
});
