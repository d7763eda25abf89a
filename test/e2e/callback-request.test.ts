// The callback request element (`gov-support-widget/callback`) in a bundler app, against the
// real server: keyboard-only booking, a slot taken meanwhile, cancel and reschedule, and the
// operator's outcome seen by the citizen's status lookup on the demo page.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildApp, type BackendApp } from '../../server/app.js';
import { buildBundledApp, shadowText, tabTo, type BundledApp } from '../helpers/bundled-app.js';
import { activeElement, axe, bookCallback, launchBrowser, newPage } from '../helpers/e2e.js';

/** Monday 16 March 2026, 11:00 in Moscow: the server's and the browser's clock start here. */
const START = Date.parse('2026-03-16T08:00:00Z');
const OPERATOR_TOKEN = 'e2e-operator-token-callbacks-0123456789';
const PHONE = '+7 912 345-67-89';

let app: BundledApp;
let backend: BackendApp;
let base: string;
let browser: Browser;
let dir: string;

before(async () => {
  // A bundler app that places <gs-callback-request> on its page, as a site would.
  app = buildBundledApp(
    `import { pageConfigStore } from 'gov-support-widget';
import 'gov-support-widget/callback';
pageConfigStore.set('api', { backend: location.origin });
const form = document.createElement('gs-callback-request');
form.localTimeZone = 'Europe/Moscow';
document.querySelector('main')!.append(form);
`,
    '<main><h1>Служба поддержки</h1><h2>Обратный звонок</h2></main>',
    'Обратный звонок',
  );
  dir = mkdtempSync(join(tmpdir(), 'gs-e2e-'));
  const started = Date.now();
  backend = await buildApp({
    dbPath: join(dir, 'db.sqlite'),
    configPath: resolve('demo/data/widget-config.json'),
    corsOrigins: [],
    distDir: resolve('dist'),
    siteDir: resolve('demo/site'),
    operatorToken: OPERATOR_TOKEN,
    now: () => START + (Date.now() - started),
    // One call per slot: the second booking of a slot is refused.
    callback: { capacityPerInterval: 1 },
  });
  await backend.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(backend.app.server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await backend?.close();
  rmSync(dir, { recursive: true, force: true });
  app?.remove();
});

/** The app page on the server's origin (its files answered from the app's build). */
async function openApp(): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const { context, page, errors } = await newPage(browser);
  await context.clock.install({ time: START });
  await app.serve(page, base);
  await page.goto(`${base}/app/index.html`);
  await page.locator('gs-callback-request #when').waitFor();
  return { page, errors, close: () => context.close() };
}

const form = (page: Page) => page.locator('gs-callback-request');

async function noViolations(page: Page, state: string): Promise<void> {
  assert.deepEqual(await axe(page), [], `axe violations: ${state}`);
}

/** «12:00–12:30 МСК»: a slot as the widget writes it. */
const range = (slot: { start: string; end: string }) => {
  const hm = new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Moscow', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return `${hm.format(new Date(slot.start))}–${hm.format(new Date(slot.end))}\u00a0МСК`;
};

async function slotsNow(): Promise<{ start: string; end: string }[]> {
  const res = await fetch(`${base}/callbacks/slots?days=2`);
  return ((await res.json()) as { slots: { start: string; end: string }[] }).slots;
}

describe('gs-callback-request against the real server', () => {
  it('books a slot by keyboard alone, in Moscow time, and confirms it with what to have at hand', async () => {
    const { page, errors, close } = await openApp();
    await noViolations(page, 'empty form');
    await tabTo(page, 'input#phone');
    await page.keyboard.type('8 912 345 67 89');
    await tabTo(page, 'input#name');
    assert.equal(await form(page).locator('#phone').inputValue(), '+7 (912) 345-67-89', 'normalised on leaving');
    await page.keyboard.type('Анна');
    await tabTo(page, 'select#topic');
    await page.keyboard.press('ArrowDown');
    assert.equal(await form(page).locator('#topic').inputValue(), 'technical');
    await tabTo(page, 'input#requestNumber');
    await page.keyboard.type('2026-000123');
    await tabTo(page, 'input#when');
    await page.keyboard.press('ArrowDown');
    assert.equal(await form(page).locator('#when-slot').isChecked(), true);
    await tabTo(page, 'select#slotStart-day');
    await tabTo(page, 'input#slotStart');
    await page.keyboard.press('Space');
    const chosen = await form(page).locator('input[name=slotStart]:checked').getAttribute('value');
    const first = (await slotsNow())[0]!;
    assert.equal(chosen, first.start, 'the first free slot');
    assert.equal((await form(page).locator('input[name=slotStart]:checked').locator('xpath=..').textContent())?.trim(), range(first));
    await tabTo(page, 'textarea#comment');
    await page.keyboard.type('Не приходит код подтверждения');
    await tabTo(page, 'input#consent');
    await page.keyboard.press('Space');
    await noViolations(page, 'filled form with a slot');
    await tabTo(page, 'button.button-primary.submit');
    await page.keyboard.press('Enter');

    const confirmation = form(page).locator('gs-callback-confirmation');
    await confirmation.locator('h3').filter({ hasText: 'Звонок заказан' }).waitFor();
    assert.equal(await activeElement(page), 'h3.done', 'focus on the confirmation heading');
    const number = (await confirmation.locator('dd.value').textContent())!.trim();
    assert.match(number, /^CB-2026-\d{6}$/);
    const text = (await shadowText(confirmation)).replace(/\s+/g, ' ');
    assert.ok((await shadowText(confirmation)).includes(`Позвоним сегодня, ${range(first)}.`), text);
    assert.match(text, /ИНН или СНИЛС;/);
    assert.match(text, /номер обращения 2026-000123\./);
    await noViolations(page, 'confirmation');

    // What the server holds: the same booking, found by number and phone.
    const view = (await (await fetch(`${base}/callbacks/${number}/lookup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone: PHONE }) })).json()) as Record<string, unknown>;
    assert.equal(view.status, 'scheduled');
    assert.equal(view.windowStart, chosen);
    assert.equal(view.requestNumber, '2026-000123');
    assert.deepEqual(errors, []);
    await close();
  });

  it('offers the next free slot when another citizen took the chosen one, then reschedules and cancels', async () => {
    const { page, errors, close } = await openApp();
    const f = form(page);
    await f.locator('#phone').fill('+7 912 765-43-21');
    await f.locator('#name').fill('Иван Петров');
    await f.locator('#topic').selectOption('status');
    await f.locator('#when-slot').check();
    const slots = await slotsNow();
    const wanted = slots[0]!;
    await f.locator(`input[name=slotStart][value="${wanted.start}"]`).check();
    await f.locator('#consent').check();
    // Someone else books the same (last) place first.
    await bookCallback(base, { phone: '+7 900 000-00-01', name: 'Сосед', topic: 'other', asap: false, slotStart: wanted.start, consent: true });
    await f.locator('button.submit').click();
    const alert = f.locator('.problem[role=alert]');
    await alert.waitFor();
    assert.equal(await activeElement(page), 'div#problem.problem', 'focus on the problem, not on the page (issue 14, point 11)');
    const offer = slots[1]!;
    assert.ok((await alert.textContent())!.includes(`Это время только что заняли. Ближайшее свободное: сегодня, ${range(offer)}.`));
    assert.equal(await f.locator('#name').inputValue(), 'Иван Петров', 'what was typed stays');
    await noViolations(page, 'slot taken');
    await alert.locator('button').click();
    assert.equal(await f.locator('input[name=slotStart]:checked').getAttribute('value'), offer.start);
    await f.locator('button.submit').click();
    const c = f.locator('gs-callback-confirmation');
    await c.locator('h3').filter({ hasText: 'Звонок заказан' }).waitFor();
    const number = (await c.locator('dd.value').textContent())!.trim();

    await c.getByRole('button', { name: 'Перенести', exact: true }).click();
    await c.locator('#reslot-day').waitFor();
    const later = slots[3]!;
    await c.locator(`input[name=reslot][value="${later.start}"]`).check();
    await noViolations(page, 'reschedule');
    await c.getByRole('button', { name: 'Перенести на это время' }).click();
    await c.locator('[role=status]').filter({ hasText: 'Звонок перенесён.' }).waitFor();
    assert.ok((await shadowText(c)).includes(`Позвоним сегодня, ${range(later)}.`), `${await shadowText(c)} / ${range(later)}`);
    // The old place is free again: another citizen can book it.
    assert.ok((await slotsNow()).some((s) => s.start === offer.start), 'the old slot is free after the move');

    await c.getByRole('button', { name: 'Отменить звонок' }).click();
    await noViolations(page, 'cancel question');
    await c.getByRole('button', { name: 'Да, отменить' }).click();
    await c.locator('[role=status]').filter({ hasText: 'Звонок отменён.' }).waitFor();
    assert.match((await c.locator('dl').textContent())!.replace(/\s+/g, ' '), /Отменён/);
    await noViolations(page, 'cancelled');
    const res = await fetch(`${base}/callbacks/${number}/lookup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone: '+79127654321' }) });
    assert.equal(((await res.json()) as { status: string }).status, 'cancelled');
    // Chromium logs the refused booking (409) as a failed resource; nothing else may be logged.
    assert.deepEqual(errors.filter((e) => !/status of 409 \(Conflict\)/.test(e)), []);
    assert.equal(errors.length, 1);
    await close();
  });

  it('shows the operator’s outcome to the citizen: the status lookup of the demo page by callback number', async () => {
    const booked = await bookCallback(base, { phone: PHONE, name: 'Анна', topic: 'technical', asap: true, consent: true });
    const headers = { authorization: `Bearer ${OPERATOR_TOKEN}`, 'content-type': 'application/json' };
    const outcome = await fetch(`${base}/operator/api/callbacks/${booked.number}/outcome`, { method: 'POST', headers, body: JSON.stringify({ outcome: 'called', note: 'Консультация по коду' }) });
    assert.equal(outcome.status, 200, await outcome.clone().text());

    const { context, page, errors } = await newPage(browser);
    await context.clock.install({ time: START });
    await page.goto(`${base}/#gs-status=${booked.number}`);
    const lookup = page.locator('gs-support-widget').locator('gs-status-lookup');
    await lookup.locator('#factor').fill(PHONE);
    await lookup.locator('button[type=submit]').click();
    const badge = lookup.locator('.badge');
    await badge.waitFor();
    assert.match((await badge.textContent())!.replace(/\s+/g, ' '), /Звонок состоялся/);
    const shown = await shadowText(lookup);
    assert.match(shown, /CB-2026-\d{6}/);
    assert.doesNotMatch(shown, /Консультация по коду/, 'the operator’s note stays internal');
    assert.deepEqual(await axe(page, 'gs-support-widget'), []);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
