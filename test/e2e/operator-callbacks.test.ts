// The operator console's callback queue («Обратные звонки») end to end: real Chromium, the built
// build/operator/, the real server with a fixed clock, callbacks booked through the citizen API.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { CallbackSlots } from '../../src/protocol/callback.js';
import { activeElement, axe, bookCallback, newPage, operatorLogin, useServerAndBrowser } from '../helpers/e2e.js';

/** A strong token (32 random bytes): the server refuses weak ones. */
const TOKEN = 'V9200CoSV6Qk-dPE112JEYOeKZNbjzc69rc2aQuUJ-c';
/** Monday 16 March 2026, 11:00 Moscow: the line is open. */
const NOW = Date.parse('2026-03-16T08:00:00Z');
const TODAY = '2026-03-16';
const env = useServerAndBrowser({ before, after }, { operatorToken: TOKEN, now: () => NOW });

const ANNA_PHONE = '+7 912 345-67-89';
const NO_ANSWER_NOTE = 'Не взяла трубку, длинные гудки';
const CALLED_NOTE = 'Поговорили, код пришёл';

const app = (page: Page) => page.locator('gs-operator-console');
const heading = (page: Page) => app(page).locator('main h1');
const queue = (page: Page) => app(page).locator('gs-operator-callback-queue');
const item = (page: Page, number: string) => queue(page).locator(`gs-operator-callback-item[data-number="${number}"]`);
/** Browser noise about answers the console expects (the 401 of a session check). */
const realErrors = (errors: string[]) => errors.filter((e) => !/Failed to load resource: the server responded with a status of 401/.test(e));
const moscowHm = (iso: string) => new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Moscow', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
const moscowDay = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date(iso));

/** Free slots of today after now (the line's own answer). */
async function todaysSlots(): Promise<CallbackSlots['slots']> {
  const res = await fetch(`${env.server.url}/callbacks/slots`);
  assert.equal(res.status, 200, await res.clone().text());
  const slots = (await res.json()) as CallbackSlots;
  assert.equal(slots.timeZone, 'Europe/Moscow');
  assert.equal(slots.asap.available, true, 'ASAP is offered on a weekday at 11:00');
  return slots.slots.filter((s) => moscowDay(s.start) === TODAY && Date.parse(s.start) > NOW);
}

/** Logs in and opens «Обратные звонки» from the nav. */
async function openQueue(page: Page): Promise<void> {
  await page.goto(`${env.server.url}/operator/`);
  await heading(page).filter({ hasText: 'Вход в консоль оператора' }).waitFor();
  await operatorLogin(page, TOKEN);
  const nav = app(page).locator('nav[aria-label="Разделы консоли"]');
  assert.deepEqual(await nav.locator('button').allTextContents(), ['Обращения', 'Обратные звонки', 'Записи на приём', 'Чат', 'Показатели']);
  await nav.getByRole('button', { name: 'Обратные звонки' }).click();
  await heading(page).filter({ hasText: 'Обратные звонки' }).waitFor();
  assert.equal(await nav.locator('button[aria-current="page"]').textContent(), 'Обратные звонки');
  await page.waitForFunction(() => document.querySelector('gs-operator-console')?.shadowRoot?.querySelector('gs-operator-callback-queue')?.shadowRoot?.activeElement?.tagName === 'H1');
}

describe('operator console: callback queue', () => {
  it('shows the day’s callbacks in order; «Нет ответа» with a note, then «Дозвонились» by keyboard; the citizen sees the status, never the note', async () => {
    const base = env.server.url;
    const [slot, laterSlot] = await todaysSlots();
    assert.ok(slot && laterSlot, 'two free slots today');
    const anna = await bookCallback(base, {
      phone: ANNA_PHONE,
      name: 'Анна Смирнова',
      topic: 'technical',
      asap: true,
      consent: true,
      comment: 'Не приходит СМС <b>с кодом</b>',
    });
    const boris = await bookCallback(base, {
      phone: '+7 912 111-22-33',
      name: 'Борис Петров',
      topic: 'application',
      asap: false,
      slotStart: slot.start,
      requestNumber: '2026-000123',
      consent: true,
    });
    assert.equal(anna.status, 'scheduled');
    assert.equal(boris.status, 'scheduled');

    const { context, page, errors } = await newPage(env.browser);
    await page.clock.install({ time: NOW });
    await openQueue(page);

    // The day's queue: today in the line's zone, both callbacks, the ASAP one first.
    await queue(page).locator('#queue-status').filter({ hasText: 'На этот день: 2 звонка' }).waitFor();
    assert.equal(await queue(page).locator('#queue-status').getAttribute('role'), 'status');
    assert.equal(await queue(page).locator('#cb-date').inputValue(), TODAY);
    const items = queue(page).locator('gs-operator-callback-item');
    assert.deepEqual(await items.evaluateAll((els) => els.map((el) => el.getAttribute('data-number'))), [anna.number, boris.number]);

    const first = item(page, anna.number);
    assert.match((await first.locator('h2').textContent())?.replace(/\s+/g, ' ') ?? '', /Как можно скорее \(заявка в 11:00 МСК\) — Анна Смирнова/);
    const tel = first.locator('a[href^="tel:"]');
    assert.equal(await tel.getAttribute('href'), 'tel:+79123456789');
    assert.equal(await tel.textContent(), '+7 (912) 345-67-89');
    const firstText = (await first.locator('dl').textContent())?.replace(/\s+/g, ' ') ?? '';
    assert.match(firstText, /Статус Ожидает звонка/);
    assert.match(firstText, /Тема Техническая проблема/);
    assert.match(firstText, new RegExp(`Номер ${anna.number}`));
    assert.match(firstText, /Комментарий заявителя Не приходит СМС <b>с кодом<\/b>/, 'the comment is text');
    assert.equal(await first.locator('dl b').count(), 0, 'never HTML');
    assert.equal(await first.locator('[data-field="attempts"]').textContent(), '0');

    const second = item(page, boris.number);
    const window = `${moscowHm(slot.start)}–${moscowHm(slot.end)} МСК`;
    assert.match((await second.locator('h2').textContent())?.replace(/\s+/g, ' ') ?? '', new RegExp(`^${window} — Борис Петров$`));
    const secondText = (await second.locator('dl').textContent())?.replace(/\s+/g, ' ') ?? '';
    assert.match(secondText, /Тема Вопрос по заявлению/);
    assert.match(secondText, /Номер обращения 2026-000123/);
    assert.match(secondText, /Телефон \+7 \(912\) 111-22-33/);
    assert.deepEqual(await axe(page), [], 'queue');

    // «Нет ответа» with a note: one attempt, a retry time; the item changes in place.
    await first.locator('#note').fill(NO_ANSWER_NOTE);
    await first.getByRole('button', { name: 'Нет ответа' }).click();
    await first.locator('#result').filter({ hasText: 'Отмечено: нет ответа' }).waitFor();
    assert.equal(await first.locator('#result').getAttribute('role'), 'status');
    assert.equal(await first.locator('[data-field="attempts"]').textContent(), '1');
    assert.match((await first.locator('[data-field="retryAt"]').textContent()) ?? '', /^\d{2}:\d{2} МСК$/);
    assert.match((await first.locator('#result').textContent()) ?? '', /Перезвонить не раньше \d{2}:\d{2} МСК/);
    assert.equal(await first.locator('.badge').textContent(), 'Нет ответа — перезвонить');
    assert.match((await first.locator('ol.history').textContent())?.replace(/\s+/g, ' ') ?? '', new RegExp(`Нет ответа — перезвонить — Оператор: Петров А\\. С\\., 11:00 МСК\\s*${NO_ANSWER_NOTE}`));
    assert.equal(await first.locator('#note').inputValue(), '', 'the note field is emptied');
    assert.equal(await activeElement(page), 'h2#title', 'focus on the item’s heading');
    assert.deepEqual(await items.evaluateAll((els) => els.map((el) => el.getAttribute('data-number'))), [anna.number, boris.number], 'in place');
    assert.deepEqual(await axe(page), [], 'after «Нет ответа»');

    // «Дозвонились» by keyboard only: from the heading, Tab to the phone link, the note, the button.
    await page.keyboard.press('Tab');
    assert.equal(await activeElement(page), 'a');
    await page.keyboard.press('Tab');
    assert.equal(await activeElement(page), 'textarea#note');
    await page.keyboard.type(CALLED_NOTE);
    await page.keyboard.press('Tab');
    assert.equal(await activeElement(page), 'button.button-primary');
    await page.keyboard.press('Enter');
    await first.locator('#result').filter({ hasText: 'Отмечено: дозвонились' }).waitFor();
    assert.equal(await first.locator('.badge').textContent(), 'Дозвонились');
    assert.equal(await first.locator('button[data-outcome]').count(), 0, 'a closed call has no actions');
    assert.equal(await activeElement(page), 'h2#title');
    assert.match((await first.locator('ol.history').textContent()) ?? '', new RegExp(CALLED_NOTE));
    assert.deepEqual(await axe(page), [], 'after «Дозвонились»');

    // The citizen: the callback lookup and the status lookup say «called»; operator notes stay inside.
    const lookup = await fetch(`${base}/callbacks/${encodeURIComponent(anna.number)}/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone: ANNA_PHONE }),
    });
    assert.equal(lookup.status, 200, await lookup.clone().text());
    const view = (await lookup.json()) as { status: string; attempts: number };
    assert.equal(view.status, 'called');
    assert.equal(view.attempts, 1);
    const status = await fetch(`${base}/requests/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ number: anna.number, factor: ANNA_PHONE }),
    });
    assert.equal(status.status, 200, await status.clone().text());
    const citizen = await status.text();
    assert.equal((JSON.parse(citizen) as { status: string }).status, 'callback_called');
    assert.doesNotMatch(citizen, new RegExp(NO_ANSWER_NOTE));
    assert.doesNotMatch(citizen, new RegExp(CALLED_NOTE));
    assert.doesNotMatch(citizen, /Петров/);

    // The status filter: only the calls made.
    await queue(page).locator('#cb-status').selectOption({ label: 'Дозвонились' });
    await queue(page).getByRole('button', { name: 'Обновить' }).click();
    await queue(page).locator('#queue-status').filter({ hasText: 'На этот день: 1 звонок' }).waitFor();
    assert.deepEqual(await items.evaluateAll((els) => els.map((el) => el.getAttribute('data-number'))), [anna.number]);
    await queue(page).locator('#cb-status').selectOption({ value: '' });
    await queue(page).getByRole('button', { name: 'Обновить' }).click();
    await queue(page).locator('#queue-status').filter({ hasText: 'На этот день: 2 звонка' }).waitFor();

    // A new booking shows up by itself within 30 s, said in the status line; focus stays put.
    await item(page, boris.number).locator('h2').focus();
    const carol = await bookCallback(base, { phone: '+7 912 555-44-33', name: 'Вера Иванова', topic: 'other', asap: false, slotStart: laterSlot.start, consent: true });
    await page.clock.fastForward(30_000);
    await queue(page).locator('#queue-status').filter({ hasText: 'Очередь обновилась: новых: 1' }).waitFor();
    assert.match((await queue(page).locator('#queue-status').textContent()) ?? '', /На этот день: 3 звонка/);
    await item(page, carol.number).waitFor();
    assert.equal(await activeElement(page), 'h2#title');
    assert.equal(await item(page, boris.number).evaluate((el) => el.shadowRoot?.activeElement?.tagName), 'H2', 'still on Борис’s heading');

    // The session ends behind the console's back: the next call's 401 returns to login.
    await context.clearCookies();
    await queue(page).getByRole('button', { name: 'Обновить' }).click();
    await heading(page).filter({ hasText: 'Вход в консоль оператора' }).waitFor();
    assert.equal(await app(page).locator('#login-notice').textContent(), 'Сеанс истёк, войдите снова');

    assert.deepEqual(realErrors(errors), [], 'no script errors, no CSP violations');
    await context.close();
  });

  it('says «На этот день звонков нет» for a day without callbacks (axe 0)', async () => {
    const { context, page, errors } = await newPage(env.browser);
    await openQueue(page);
    await queue(page).locator('#queue-status').filter({ hasText: /На этот день: \d+ звон/ }).waitFor();
    await queue(page).locator('#cb-date').fill('2026-03-20');
    await queue(page).getByRole('button', { name: 'Обновить' }).click();
    await queue(page).locator('#queue-empty').filter({ hasText: 'На этот день звонков нет' }).waitFor();
    assert.equal(await queue(page).locator('gs-operator-callback-item').count(), 0);
    assert.equal(await queue(page).locator('#queue-status').textContent(), 'На этот день: 0 звонков');
    assert.deepEqual(await axe(page), [], 'empty queue');
    assert.deepEqual(realErrors(errors), [], 'no script errors, no CSP violations');
    await context.close();
  });
});
