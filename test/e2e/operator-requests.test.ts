// The operator console's requests («Обращения») as a review in a real browser found them (issue 14,
// points 16 and 17): real Chromium, the built build/operator/, the real server with a fixed clock.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { activeElement, axe, newPage, operatorLogin, useServerAndBrowser } from '../helpers/e2e.js';

/** A strong token (32 random bytes): the server refuses weak ones. */
const TOKEN = 'q3Wm8kZrT1vXy0bNcD5eFgH7iJ2kLmN4oPqR6sTuV9w';
/** Monday 2 March 2026, 12:00 Moscow; moved on two days after the first request (which falls overdue). */
let now = Date.parse('2026-03-02T09:00:00Z');
const env = useServerAndBrowser({ before, after }, { operatorToken: TOKEN, now: () => now });

const SUCCESS_GREEN = 'rgb(11, 107, 47)';
const ONE_FORMAT = /^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} МСК$/;
const LONG_DESCRIPTION =
  'Не открывается страница оплаты госпошлины, появляется ошибка 500.\n\nПробовала в разных браузерах, с телефона и с компьютера, результат один и тот же. Прошу проверить платёжный шлюз и сообщить, когда можно будет оплатить.';

const app = (page: Page) => page.locator('gs-operator-console');
const list = (page: Page) => app(page).locator('gs-operator-request-list');
const detail = (page: Page) => app(page).locator('gs-operator-request-detail');
const rowNumbers = (page: Page) => list(page).locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-number')));
const text = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
/** Browser noise about answers the console expects (the 401 of the first session check; the 409 it shows). */
const realErrors = (errors: string[]) => errors.filter((e) => !/Failed to load resource: the server responded with a status of (401|409)/.test(e));

interface Registered {
  number: string;
  lookupCode: string;
}

async function register(body: Record<string, unknown>): Promise<Registered> {
  const res = await fetch(`${env.server.url}/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({
      type: 'technical',
      fullName: 'Иванова Мария Петровна',
      phone: '8 (912) 345-67-89',
      email: 'maria.ivanova\u0040example.ru',
      answerChannel: 'email',
      consent: true,
      ...body,
    }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  return (await res.json()) as Registered;
}

/** The citizen's history as the widget shows it (newest first): status and comment. */
async function citizenHistory(request: Registered): Promise<string[]> {
  const res = await fetch(`${env.server.url}/requests/lookup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ number: request.number, factor: request.lookupCode }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  const { history } = (await res.json()) as { history: { status: string; comment?: string }[] };
  return [...history].reverse().map((e) => `${e.status}: ${e.comment ?? ''}`);
}

async function openConsole(page: Page): Promise<void> {
  await page.goto(`${env.server.url}/operator/`);
  await app(page).locator('main h1').filter({ hasText: 'Вход в консоль оператора' }).waitFor();
  await operatorLogin(page, TOKEN);
}

async function openRequest(page: Page, number: string): Promise<void> {
  await list(page).locator(`button[data-number="${number}"]`).click();
  await app(page).locator('main h1').filter({ hasText: `Обращение ${number}` }).waitFor();
  await detail(page).locator('dl.fields').waitFor();
}

/** Each element's text lies on one line (its client rects share one top). */
function onOneLine(locator: Locator): Promise<boolean[]> {
  return locator.evaluateAll((elements) =>
    elements.map((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size === 1;
    }),
  );
}

describe('operator console: requests', () => {
  let overdue: Registered;
  let fraud: Registered;
  let fresh: Registered;

  before(async () => {
    overdue = await register({ description: LONG_DESCRIPTION }); // due in 24 hours: overdue two days later
    now += 2 * 24 * 3_600_000; // Wednesday 4 March, 12:00 Moscow
    fraud = await register({
      type: 'fraud',
      fullName: 'Петров Сергей Иванович',
      phone: '+7 903 111-22-33',
      answerChannel: 'sms',
      incidentDate: '2026-03-01',
      incidentTime: '14:30',
      links: ['https://gosuslugi-oplata.example/pay'],
      description: 'Позвонили от имени службы поддержки и попросили назвать код из SMS.',
    }); // due in 3 working days: Monday 9 March
    fresh = await register({ fullName: 'Сидорова Анна', description: 'Как подать заявление на пособие онлайн?' }); // due Thursday
  });

  it('the list: the type (a fraud report marked), a description preview, overdue marked by a word and an icon, sorting by due date; numbers and «МСК» on one line; «Найдено: 0» is not a success', async () => {
    const { context, page, errors } = await newPage(env.browser, { viewport: { width: 900, height: 900 } });
    await openConsole(page);
    const status = list(page).locator('#list-status');
    await status.filter({ hasText: 'Найдено: 3 обращения' }).waitFor();
    assert.notEqual(await status.evaluate((el) => getComputedStyle(el).borderLeftColor), SUCCESS_GREEN, 'a count is not a success');
    assert.deepEqual(await rowNumbers(page), [fresh.number, fraud.number, overdue.number], 'newest first');
    assert.equal(await text(list(page).locator('thead th[aria-sort="descending"]')), 'Создано');

    // The type of each request; the fraud report stands out by an icon and a filled tag, not the colour alone.
    const row = (r: Registered) => list(page).locator(`tbody tr[data-number="${r.number}"]`);
    assert.equal(await text(list(page).locator('thead th').nth(1)), 'Тема и описание');
    assert.equal(await text(row(fresh).locator('.type')), 'Техническая проблема');
    const fraudType = row(fraud).locator('.type');
    assert.equal(await text(fraudType), 'Сообщение о мошенничестве или нарушении');
    assert.equal(await fraudType.locator('svg[aria-hidden="true"]').count(), 1, 'a warning icon beside the words');
    const background = (l: Locator) => l.evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.notEqual(await background(fraudType), await background(row(fresh).locator('.type')));
    assert.equal(await list(page).locator('.type.fraud').count(), 1);

    // A preview of the description: collapsed to one paragraph, cut at a word.
    const preview = await text(row(overdue).locator('.preview'));
    assert.match(preview, /^Не открывается страница оплаты госпошлины, появляется ошибка 500\. Пробовала в разных браузерах/);
    assert.match(preview, /…$/);
    assert.equal(await text(row(fresh).locator('.preview')), 'Как подать заявление на пособие онлайн?');

    // Overdue: the word «Просрочено» with a clock icon beside the due date, and a band on the row.
    const tag = row(overdue).locator('.overdue-tag');
    assert.equal(await text(tag), 'Просрочено');
    assert.equal(await tag.locator('svg[aria-hidden="true"]').count(), 1);
    assert.match(await row(overdue).locator('th').evaluate((el) => getComputedStyle(el).boxShadow), /inset/);
    assert.equal(await list(page).locator('.overdue-tag').count(), 1, 'only the overdue one');
    assert.equal(await row(fresh).locator('th').evaluate((el) => getComputedStyle(el).boxShadow), 'none');

    // Numbers and «12:00 МСК» never break, even in a narrow window; every date in one format.
    await page.setViewportSize({ width: 640, height: 900 });
    assert.deepEqual(await onOneLine(list(page).locator('tbody th button')), [true, true, true], 'numbers on one line');
    const times = list(page).locator('tbody time');
    assert.equal(await times.count(), 6);
    for (const time of await times.all()) assert.match(await text(time), ONE_FORMAT);
    assert.deepEqual(new Set(await onOneLine(list(page).locator('tbody time span.nowrap'))), new Set([true]), '«12:00 МСК» on one line');
    await page.setViewportSize({ width: 900, height: 900 });
    assert.deepEqual(await axe(page), [], 'list with types, previews and an overdue request');

    // Sort by the answer due date, by keyboard: soonest first.
    await list(page).locator('#sort').focus();
    await page.keyboard.press('ArrowDown');
    assert.equal(await list(page).locator('#sort').inputValue(), 'due');
    await page.keyboard.press('Tab');
    assert.equal(await activeElement(page), 'button.button-primary');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (first) => document.querySelector('gs-operator-console')?.shadowRoot?.querySelector('gs-operator-request-list')?.shadowRoot?.querySelector('tbody tr')?.getAttribute('data-number') === first,
      overdue.number,
    );
    assert.deepEqual(await rowNumbers(page), [overdue.number, fresh.number, fraud.number], 'by answer due date');
    assert.equal(await text(list(page).locator('thead th[aria-sort="ascending"]')), 'Срок ответа');
    assert.equal(await list(page).locator('thead th[aria-sort="descending"]').count(), 0);
    assert.deepEqual(await axe(page), [], 'sorted by due date');

    // Nothing found: said plainly, not as a success.
    await list(page).locator('#q').fill('нет такого');
    await list(page).locator('#q').press('Enter');
    await status.filter({ hasText: 'Найдено: 0 обращений' }).waitFor();
    const zero = await status.evaluate((el) => ({ color: getComputedStyle(el).borderLeftColor, style: getComputedStyle(el).borderLeftStyle }));
    assert.notEqual(zero.color, SUCCESS_GREEN, '«Найдено: 0» is not green');
    assert.equal(zero.style, 'dashed');
    assert.deepEqual(await axe(page), [], 'nothing found');
    assert.deepEqual(realErrors(errors), []);
    await context.close();
  });

  it('the detail: phone as a tel: link, e-mail as a mailto: link, one date format, history newest first as the citizen sees it, the comment form and the note form told apart', async () => {
    const { context, page, errors } = await newPage(env.browser);
    await openConsole(page);
    await openRequest(page, fraud.number);
    const fields = detail(page).locator('dl.fields');
    const phone = fields.locator('a[href^="tel:"]');
    assert.equal(await phone.getAttribute('href'), 'tel:+79031112233');
    assert.equal(await text(phone), '+7 (903) 111-22-33');
    const email = fields.locator('a[href^="mailto:"]');
    assert.equal(await email.getAttribute('href'), 'mailto:maria.ivanova\u0040example.ru');
    assert.equal(await text(email), 'maria.ivanova\u0040example.ru');
    const fieldsText = await text(fields);
    assert.match(fieldsText, /Дата и время происшествия\s*01\.03\.2026, 14:30/, 'the incident in the same format');
    assert.doesNotMatch(fieldsText, /\d{4}-\d{2}-\d{2}/, 'no ISO dates');
    assert.match(fieldsText, /https:\/\/gosuslugi-oplata\.example\/pay/);
    assert.equal(await fields.locator('a[href^="https://gosuslugi-oplata"]').count(), 0, 'a reported link stays text: never one click from the operator');
    for (const time of await detail(page).locator('time').all()) assert.match(await text(time), ONE_FORMAT);
    const hrefs = await detail(page).locator('a[href]').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).protocol));
    assert.ok(hrefs.length >= 2);
    for (const protocol of hrefs) assert.match(protocol, /^(https?|mailto|tel):$/);

    // The two forms: each its own heading, colour band and line saying who reads it.
    const citizenForm = detail(page).locator('.form-card[data-audience="citizen"]');
    const noteForm = detail(page).locator('.form-card[data-audience="operators"]');
    assert.equal(await text(citizenForm.locator('h2')), 'Сменить статус: ответ заявителю');
    assert.match(await text(citizenForm.locator('.audience')), /^Отправляется заявителю/);
    assert.equal(await text(noteForm.locator('h2')), 'Добавить внутреннюю заметку');
    assert.match(await text(noteForm.locator('.audience')), /^Видна только операторам/);
    const band = (l: Locator) => l.evaluate((el) => ({ color: getComputedStyle(el).borderLeftColor, width: parseFloat(getComputedStyle(el).borderLeftWidth), background: getComputedStyle(el).backgroundColor }));
    const [citizenBand, noteBand] = [await band(citizenForm), await band(noteForm)];
    assert.ok(citizenBand.width >= 6 && noteBand.width >= 6, 'a colour band on each');
    assert.notEqual(citizenBand.color, noteBand.color);
    assert.notEqual(citizenBand.background, noteBand.background);
    assert.equal(await citizenForm.locator('form').getAttribute('aria-describedby'), 'status-audience', 'who reads it is part of the form’s description');
    assert.equal(await noteForm.locator('form').getAttribute('aria-describedby'), 'note-audience');
    assert.deepEqual(await axe(page), [], 'fraud report detail');

    // A status with a comment, then a note: the history lists the newest first, like the citizen's.
    await detail(page).locator('#new-status').selectOption({ label: 'В работе' });
    await detail(page).locator('#comment').fill('Передали в службу безопасности.');
    await detail(page).getByRole('button', { name: 'Сменить статус' }).click();
    await detail(page).locator('#status-result').filter({ hasText: 'Статус изменён: «В работе»' }).waitFor();
    await detail(page).locator('#note').fill('Номер звонившего передан в банк.');
    await detail(page).getByRole('button', { name: 'Добавить заметку' }).click();
    await detail(page).locator('#note-result').filter({ hasText: 'Заметка добавлена' }).waitFor();
    const entries = detail(page).locator('ol.history > li');
    assert.deepEqual(await entries.evaluateAll((items) => items.map((li) => li.getAttribute('data-kind'))), ['note', 'status', 'status']);
    assert.match(await text(entries.nth(0)), /^Внутренняя заметка Номер звонившего передан в банк\./);
    const citizenVisible = await detail(page)
      .locator('ol.history > li[data-kind="status"]')
      .evaluateAll((items) => items.map((li) => `${li.querySelector('.badge')?.getAttribute('data-status')}: ${li.querySelector('.entry-text')?.textContent?.replace(/^Комментарий для заявителя:\s*/, '').trim() ?? ''}`));
    assert.deepEqual(citizenVisible, await citizenHistory(fraud), 'the same order as the citizen’s');
    assert.deepEqual(citizenVisible, ['in_progress: Передали в службу безопасности.', 'registered: ']);
    for (const time of await detail(page).locator('time').all()) assert.match(await text(time), ONE_FORMAT);
    assert.deepEqual(await axe(page), [], 'detail after a status and a note');
    assert.deepEqual(realErrors(errors), []);
    await context.close();
  });

  it('the status it already has, without a comment: refused at the field, nothing sent; the server refuses it too when the console was behind; nothing empty reaches the citizen', async () => {
    const { context, page, errors } = await newPage(env.browser);
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/status')) posts.push(r.url());
    });
    await openConsole(page);
    await openRequest(page, fresh.number);
    const d = detail(page);
    assert.equal(await d.locator('#new-status').inputValue(), 'registered');

    // By keyboard: the button with the status unchanged and no comment.
    await d.getByRole('button', { name: 'Сменить статус' }).focus();
    await page.keyboard.press('Enter');
    const fieldError = d.locator('#new-status-error');
    await fieldError.waitFor();
    const sameRegistered = 'Обращение уже в статусе «Зарегистрировано». Выберите другой статус или напишите комментарий для заявителя.';
    assert.equal(await text(fieldError), `Ошибка: ${sameRegistered}`);
    assert.equal(await d.locator('#new-status').getAttribute('aria-invalid'), 'true');
    assert.equal(await d.locator('#new-status').getAttribute('aria-describedby'), 'new-status-error');
    assert.equal(await activeElement(page), 'select#new-status', 'focus on the field to change');
    assert.deepEqual(await axe(page), [], 'same status refused at the field');
    // Spaces are no comment either.
    await d.locator('#comment').fill('   ');
    assert.equal(await fieldError.count(), 0, 'typing clears the error');
    await d.getByRole('button', { name: 'Сменить статус' }).click();
    await fieldError.waitFor();
    assert.deepEqual(posts, [], 'nothing was sent');
    assert.equal(await d.locator('ol.history > li').count(), 1);

    // Another operator's script sets «В работе» meanwhile; this console still shows «Зарегистрировано».
    const script = await fetch(`${env.server.url}/operator/api/requests/${fresh.number}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, 'x-operator-name': 'script' },
      body: JSON.stringify({ status: 'in_progress' }),
    });
    assert.equal(script.status, 200, await script.clone().text());
    await d.locator('#comment').fill('');
    await d.locator('#new-status').selectOption({ label: 'В работе' });
    const answer = page.waitForResponse((r) => r.url().endsWith(`/${fresh.number}/status`));
    await d.getByRole('button', { name: 'Сменить статус' }).click();
    assert.equal((await answer).status(), 409, 'the server re-checks');
    const alert = d.locator('#status-error');
    await alert.filter({ hasText: 'В работе' }).waitFor();
    assert.equal(await alert.getAttribute('role'), 'alert');
    assert.equal(await text(alert), 'Обращение уже в статусе «В работе». Выберите другой статус или напишите комментарий для заявителя.');
    await d.locator('ol.history > li').nth(1).waitFor();
    assert.equal(await d.locator('ol.history > li').count(), 2, 'reloaded: the script’s change, no empty one of ours');
    assert.match(await text(d.locator('dl.fields')), /Статус В работе/);
    assert.deepEqual(await axe(page), [], 'refused by the server');

    // The same status with a comment is a message to the citizen.
    await d.locator('#comment').fill('Ждём ответа ведомства, напишем до пятницы.');
    await d.getByRole('button', { name: 'Сменить статус' }).click();
    await d.locator('#status-result').filter({ hasText: 'Статус изменён: «В работе»' }).waitFor();
    assert.equal(await text(alert), '');
    assert.deepEqual(await citizenHistory(fresh), ['in_progress: Ждём ответа ведомства, напишем до пятницы.', 'in_progress: ', 'registered: ']);
    assert.equal(posts.length, 2);
    assert.deepEqual(realErrors(errors), []);
    await context.close();
  });
});
