// The operator console's «Записи на приём» end to end: real Chromium, the built build/operator/,
// the real server with a fixed clock, visits booked and cancelled through the citizen API.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { Booking, OfficeCatalogue, OfficeList, OfficeSlots, OfficeSummary } from '../../src/protocol/offices.js';
import { activeElement, axe, bookVisit, cancelVisit, newPage, operatorLogin, useServerAndBrowser } from '../helpers/e2e.js';

/** A strong token (32 random bytes): the server refuses weak ones. */
const TOKEN = 'uQBt_kr68GTe1e5PsQgr0ElNSyXCdgo5bMdSQI_hAnw';
/** Monday 16 March 2026, 11:00 Moscow. */
const NOW = Date.parse('2026-03-16T08:00:00Z');
const env = useServerAndBrowser({ before, after }, { operatorToken: TOKEN, now: () => NOW });

const ANNA_PHONE = '+7 912 345-67-89';
const ANNA_EMAIL = 'anna.smirnova\u0040example.ru';
const BORIS_PHONE = '+7 912 111-22-33';

const app = (page: Page) => page.locator('gs-operator-console');
const heading = (page: Page) => app(page).locator('main h1');
const view = (page: Page) => app(page).locator('gs-operator-booking-day');
const row = (page: Page, number: string) => view(page).locator(`tbody tr[data-number="${number}"]`);
/** Browser noise about answers the console expects (the 401 of a session check). */
const realErrors = (errors: string[]) => errors.filter((e) => !/Failed to load resource: the server responded with a status of 401/.test(e));

/** «11:00–11:15 МСК» / «15:00–15:15 GMT+7», as the console writes a visit's time in the office's zone. */
function officeRange(start: string, end: string, timeZone: string): string {
  const hm = (iso: string) => new Intl.DateTimeFormat('ru-RU', { timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
  const zone =
    timeZone === 'Europe/Moscow'
      ? 'МСК'
      : new Intl.DateTimeFormat('ru-RU', { timeZone, timeZoneName: 'short' }).formatToParts(new Date(start)).find((p) => p.type === 'timeZoneName')!.value;
  return `${hm(start)}–${hm(end)} ${zone}`;
}

const dayLabel = (day: string) => day.split('-').reverse().join('.');

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(`${env.server.url}${path}`);
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()) as T;
}

interface Scenario {
  office: OfficeSummary;
  serviceLabel: string;
  day: string;
  anna: Booking;
  boris: Booking;
}

let scenario: Scenario | undefined;

/**
 * Two visits on the first day with free slots at one office (one outside Moscow's zone when there
 * is one): Борис books the later slot first, Анна the earlier one, then Анна cancels.
 */
async function bookTwoVisits(): Promise<Scenario> {
  if (scenario) return scenario;
  const catalogue = await getJson<OfficeCatalogue>('/offices/catalogue');
  assert.ok(catalogue.regions.length > 0, 'the catalogue has regions');
  const offices: OfficeSummary[] = [];
  for (const region of catalogue.regions) {
    const list = await getJson<OfficeList>(`/offices?region=${encodeURIComponent(region.code)}`);
    offices.push(...list.items.filter((o) => o.services.length > 0));
  }
  const office = offices.find((o) => o.timeZone !== 'Europe/Moscow') ?? offices[0];
  assert.ok(office, 'an office that offers a service');
  const service = office.services[0]!;
  const serviceLabel = catalogue.services.find((s) => s.code === service)?.label.ru;
  assert.ok(serviceLabel, `the catalogue names the service ${service}`);

  const slots = await getJson<OfficeSlots>(`/offices/${encodeURIComponent(office.id)}/slots?service=${encodeURIComponent(service)}`);
  const free = slots.slots.filter((s) => s.free > 0 && Date.parse(s.start) > NOW);
  assert.ok(free.length >= 2, 'two free slots on the first bookable day');
  const [early, late] = [free[0]!, free[1]!];

  const base = env.server.url;
  const boris = await bookVisit(base, office.id, { service, slotStart: late.start, name: 'Борис Петров', phone: BORIS_PHONE, consent: true });
  const anna = await bookVisit(base, office.id, { service, slotStart: early.start, name: 'Анна Смирнова', phone: ANNA_PHONE, email: ANNA_EMAIL, consent: true });
  assert.equal(boris.status, 'booked');
  const cancelled = await cancelVisit(base, anna.number, ANNA_PHONE);
  assert.equal(cancelled.status, 'cancelled');
  scenario = { office, serviceLabel, day: slots.date, anna: cancelled, boris };
  return scenario;
}

/** Logs in and opens «Записи на приём» from the nav (focus on its heading). */
async function openBookings(page: Page): Promise<void> {
  await page.goto(`${env.server.url}/operator/`);
  await heading(page).filter({ hasText: 'Вход в консоль оператора' }).waitFor();
  await operatorLogin(page, TOKEN);
  const nav = app(page).locator('nav[aria-label="Разделы консоли"]');
  assert.deepEqual(await nav.locator('button').allTextContents(), ['Обращения', 'Обратные звонки', 'Записи на приём', 'Чат', 'Показатели']);
  await nav.getByRole('button', { name: 'Записи на приём' }).click();
  await heading(page).filter({ hasText: 'Записи на приём' }).waitFor();
  assert.equal(await nav.locator('button[aria-current="page"]').textContent(), 'Записи на приём');
  await page.waitForFunction(() => document.querySelector('gs-operator-console')?.shadowRoot?.querySelector('gs-operator-booking-day')?.shadowRoot?.activeElement?.tagName === 'H1');
  await view(page).locator('#bookings-status').filter({ hasText: /На этот день: \d+ запис/ }).waitFor();
}

/** Chooses the office and the day in the form and presses «Показать» from the keyboard. */
async function show(page: Page, officeId: string, day: string): Promise<void> {
  await view(page).locator('#bk-office').selectOption(officeId);
  await view(page).locator('#bk-date').fill(day);
  await view(page).locator('#bk-date').focus();
  for (let i = 0; i < 5 && (await activeElement(page)) !== 'button.button-primary'; i++) await page.keyboard.press('Tab');
  assert.equal(await activeElement(page), 'button.button-primary', '«Показать» is reached by Tab');
  await page.keyboard.press('Enter');
}

describe('operator console: bookings of an office and day', () => {
  it('shows the day’s visits in time order with their statuses, then an empty day (axe 0)', async () => {
    const { office, serviceLabel, day, anna, boris } = await bookTwoVisits();
    const { context, page, errors } = await newPage(env.browser);
    await openBookings(page);

    // The form: offices grouped by city; the date defaults to the answer's (today at the office shown).
    const select = view(page).locator('#bk-office');
    assert.equal(await select.locator(`optgroup[label="${office.city}"] option[value="${office.id}"]`).textContent(), office.name);
    assert.equal(await view(page).locator('#bookings-status').getAttribute('role'), 'status');
    assert.equal(await view(page).locator('#bookings-error').getAttribute('role'), 'alert');
    assert.equal(await view(page).locator('#bk-date').inputValue(), '2026-03-16');
    assert.deepEqual(await axe(page), [], 'the first answer');

    await show(page, office.id, day);
    await view(page).locator('#bookings-status').filter({ hasText: 'На этот день: 2 записи' }).waitFor();
    await view(page).locator('caption').filter({ hasText: `Записи на приём: ${office.name}, ${dayLabel(day)}` }).waitFor();
    const rows = view(page).locator('tbody tr');
    assert.deepEqual(await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-number'))), [anna.number, boris.number], 'by start time');
    assert.deepEqual(await view(page).locator('thead th').allTextContents(), ['Время', 'Услуга', 'Заявитель', 'Телефон', 'Электронная почта', 'Номер записи', 'Статус']);

    const first = row(page, anna.number);
    assert.equal(await first.locator('[data-field="time"] time').textContent(), officeRange(anna.start, anna.end, office.timeZone));
    assert.equal(await first.locator('[data-field="time"] time').getAttribute('datetime'), anna.start);
    assert.equal(await first.locator('[data-field="service"]').innerText(), serviceLabel);
    assert.equal(await first.locator('[data-field="name"]').innerText(), 'Анна Смирнова');
    const tel = first.locator('a[href^="tel:"]');
    assert.equal(await tel.getAttribute('href'), 'tel:+79123456789');
    assert.equal(await tel.textContent(), '+7 (912) 345-67-89');
    assert.equal(await first.locator('[data-field="email"]').innerText(), ANNA_EMAIL);
    assert.equal(await first.locator('[data-field="number"]').innerText(), anna.number);
    assert.equal(await first.locator('[data-field="status"] .badge').textContent(), 'Отменена');

    const second = row(page, boris.number);
    assert.equal(await second.locator('[data-field="time"] time').textContent(), officeRange(boris.start, boris.end, office.timeZone));
    assert.equal(await second.locator('[data-field="name"]').innerText(), 'Борис Петров');
    assert.equal(await second.locator('a[href^="tel:"]').textContent(), '+7 (912) 111-22-33');
    assert.equal(await second.locator('[data-field="email"]').innerText(), 'не указано');
    assert.equal(await second.locator('[data-field="status"] .badge').textContent(), 'Записан');
    assert.deepEqual(await axe(page), [], 'the day with two visits');

    // Another day: the empty state.
    await show(page, office.id, '2026-03-15');
    await view(page).locator('#bookings-empty').filter({ hasText: 'На этот день записей нет' }).waitFor();
    assert.equal(await view(page).locator('#bookings-status').textContent(), 'На этот день: 0 записей');
    assert.equal(await view(page).locator('table').count(), 0);
    assert.deepEqual(await axe(page), [], 'an empty day');

    // The office and day are kept across sections.
    await app(page).locator('nav').getByRole('button', { name: 'Обращения' }).click();
    await heading(page).filter({ hasText: 'Обращения' }).waitFor();
    await app(page).locator('nav').getByRole('button', { name: 'Записи на приём' }).click();
    await view(page).locator('#bookings-empty').waitFor();
    assert.equal(await view(page).locator('#bk-date').inputValue(), '2026-03-15');
    assert.equal(await view(page).locator('#bk-office').inputValue(), office.id);

    // The session ends behind the console's back: the next call's 401 returns to login.
    await context.clearCookies();
    await view(page).getByRole('button', { name: 'Показать' }).click();
    await heading(page).filter({ hasText: 'Вход в консоль оператора' }).waitFor();
    assert.equal(await app(page).locator('#login-notice').textContent(), 'Сеанс истёк, войдите снова');

    assert.deepEqual(realErrors(errors), [], 'no script errors, no CSP violations');
    await context.close();
  });

  it('fits a 320 px screen: each visit a card with its labels, no horizontal scrolling (axe 0)', async () => {
    const { office, day, anna } = await bookTwoVisits();
    const { context, page, errors } = await newPage(env.browser, { viewport: { width: 320, height: 720 } });
    await openBookings(page);
    await show(page, office.id, day);
    await view(page).locator('#bookings-status').filter({ hasText: 'На этот день: 2 записи' }).waitFor();
    const first = row(page, anna.number);
    assert.equal(await first.locator('[data-field="phone"]').innerText(), 'Телефон\n+7 (912) 345-67-89');
    assert.equal(await first.locator('[data-field="status"]').innerText(), 'Статус\nОтменена');
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 320, 'no horizontal scrolling');
    const box = await first.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 320, 'the card fits the screen');
    assert.deepEqual(await axe(page), [], '320 px');
    assert.deepEqual(realErrors(errors), [], 'no script errors, no CSP violations');
    await context.close();
  });
});
