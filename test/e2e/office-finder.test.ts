// The office finder (`gov-support-widget/offices`) in a bundler app against the real server:
// keyboard-only search and booking, the map code fetched only when the map opens, the race for
// the last place, the .ics file, and the script-tag build keeping the map out of the main script.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildBundledApp, shadowText, tabTo, type BundledApp } from '../helpers/bundled-app.js';
import { activeElement, axe, launchBrowser, newPage, startServer, type RunningServer } from '../helpers/e2e.js';

/** Monday 16 March 2026, 11:00 in Moscow. */
const START = Date.parse('2026-03-16T08:00:00Z');

let app: BundledApp;
let server: RunningServer;
let browser: Browser;

before(async () => {
  app = buildBundledApp(
    `import { pageConfigStore } from 'gov-support-widget';
import 'gov-support-widget/offices';
pageConfigStore.set('api', { backend: location.origin });
document.querySelector('main')!.append(document.createElement('gs-office-finder'));
`,
    '<main><h1>Госуслуги</h1><h2>Центры «Мои документы»</h2></main>',
    'Офисы',
  );
  const started = Date.now();
  server = await startServer({ now: () => START + (Date.now() - started) });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  app?.remove();
});

async function openApp(): Promise<{ page: Page; errors: string[]; requests: string[]; close: () => Promise<void> }> {
  const { context, page, errors } = await newPage(browser);
  await context.clock.install({ time: START });
  const requests: string[] = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  await app.serve(page, server.url);
  await page.goto(`${server.url}/app/index.html`);
  await page.locator('gs-office-finder li.office').first().waitFor();
  return { page, errors, requests, close: () => context.close() };
}

const finder = (page: Page) => page.locator('gs-office-finder');

async function noViolations(page: Page, state: string): Promise<void> {
  assert.deepEqual(await axe(page), [], `axe violations: ${state}`);
}

/** The chunk files of the map in the app's build. */
const mapChunks = () => readdirSync(`${app.dir}/assets`).filter((f) => /office-map/.test(f));

describe('gs-office-finder against the real server', () => {
  it('finds an office and books a visit by keyboard alone; the .ics holds the office’s local time', async () => {
    const { page, errors, close } = await openApp();
    const f = finder(page);
    await noViolations(page, 'list');
    const offices = (await (await fetch(`${server.url}/offices?region=54`)).json()) as { items: { id: string; name: string; address: string; timeZone: string }[] };
    const target = offices.items[0]!;
    await tabTo(page, 'input#q');
    await page.keyboard.type(target.name.replace(/^.*«|».*$/g, ''));
    await page.keyboard.press('Enter');
    await f.locator('li.office h3').filter({ hasText: target.name }).waitFor();
    await tabTo(page, 'button.button-primary.details', 60);
    await page.keyboard.press('Enter');
    const card = f.locator('gs-office-card');
    await card.locator('h3').waitFor();
    assert.equal(await activeElement(page), 'h3');
    await noViolations(page, 'card');
    await tabTo(page, 'button.button-primary', 60);
    await page.keyboard.press('Enter');
    const booking = f.locator('gs-office-booking');
    await booking.locator('h3').waitFor();
    await tabTo(page, 'input#service-0');
    await page.keyboard.press('Space');
    await tabTo(page, 'button.button-primary');
    await page.keyboard.press('Enter');
    await booking.locator('#slot-0').waitFor();
    await noViolations(page, 'times');
    await tabTo(page, 'input#slot-0');
    await page.keyboard.press('Space');
    const slot = await booking.locator('#slot-0').getAttribute('value');
    await tabTo(page, 'button.button-primary');
    await page.keyboard.press('Enter');
    await booking.locator('#name').waitFor();
    // Sent empty: the summary takes focus and says what to do for each field (issue 14, points 10, 14).
    await tabTo(page, 'button.button-primary');
    await page.keyboard.press('Enter');
    await booking.locator('gs-error-summary .summary').waitFor();
    assert.equal(await activeElement(page), 'div.summary');
    assert.equal(await booking.locator('gs-error-summary [role="alert"] h3').textContent(), 'Есть проблема');
    assert.deepEqual(await booking.locator('gs-error-summary a').allTextContents(), [
      'Введите фамилию, имя и отчество',
      'Введите номер телефона',
      'Подтвердите согласие на обработку персональных данных',
    ]);
    await noViolations(page, 'contacts sent empty');
    await tabTo(page, 'input#name');
    await page.keyboard.type('Иванова Анна Сергеевна');
    await tabTo(page, 'input#phone');
    await page.keyboard.type('8 912 345 67 89');
    await tabTo(page, 'input#consent');
    await page.keyboard.press('Space');
    await tabTo(page, 'button.button-primary');
    await page.keyboard.press('Enter');
    await booking.locator('h3').filter({ hasText: 'Вы записаны' }).waitFor();
    await noViolations(page, 'confirmation');
    const number = (await booking.locator('dd.value').textContent())!.trim();
    assert.match(number, /^V-2026-\d{6}$/);
    const shown = await shadowText(booking);
    assert.match(shown, /При опоздании более чем на 15 минут запись может быть отменена\./);
    assert.match(shown, /Паспорт гражданина РФ/);

    // The .ics: the visit at the office's wall-clock time in its own zone.
    const ics = await booking.locator('a.ics').evaluate(async (a: HTMLAnchorElement) => (await fetch(a.href)).text());
    const local = new Intl.DateTimeFormat('sv-SE', { timeZone: target.timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .format(new Date(slot!))
      .replace(/[-: ]/g, (c) => (c === ' ' ? 'T' : ''));
    assert.ok(ics.includes(`DTSTART;TZID=${target.timeZone}:${local}\r\n`), ics);
    assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'));
    assert.deepEqual(errors, []);
    await close();
  });

  it('fetches the map code only when the map view opens', async () => {
    assert.ok(mapChunks().length > 0, 'the app build has the map as a chunk of its own');
    const { page, errors, requests, close } = await openApp();
    const before = requests.filter((p) => /office-map/.test(p));
    assert.deepEqual(before, [], 'no map code before the map is opened');
    await finder(page).getByRole('button', { name: 'На карте' }).click();
    await finder(page).locator('gs-office-map').waitFor();
    assert.ok(requests.some((p) => /office-map/.test(p)), 'the map chunk was requested on opening');
    // No tiles configured in the demo: the markers still work and open the card.
    // Markers are buttons: reached and pressed from the keyboard (nearby offices overlap at this zoom).
    const marker = finder(page).locator('gs-office-map').locator('button.marker').first();
    await marker.focus();
    await page.keyboard.press('Enter');
    await finder(page).locator('gs-office-card h3').waitFor();
    await noViolations(page, 'card from the map');
    assert.deepEqual(errors, []);
    await close();
  });

  it('keeps the map out of the launcher, the panel and the office finder: a file of its own, imported when the map opens', () => {
    const manifest = JSON.parse(readFileSync('dist/widget/.vite/manifest.json', 'utf8')) as Record<string, { file: string; imports?: string[]; dynamicImports?: string[] }>;
    const closure = (key: string, seen = new Set<string>()): Set<string> => {
      if (seen.has(key)) return seen;
      seen.add(key);
      for (const imported of manifest[key]!.imports ?? []) closure(imported, seen);
      return seen;
    };
    const map = manifest['src/features/offices/office-map/index.ts']!;
    assert.ok(readFileSync(`dist/widget/${map.file}`, 'utf8').includes('gs-office-map'));
    assert.deepEqual(
      manifest['src/features/offices/index.ts']!.dynamicImports?.filter((id) => !id.includes('/texts/')),
      ['src/features/offices/office-map/index.ts'],
      'the finder imports the map on demand (and its texts in the page’s language)',
    );
    for (const entry of ['src/panel/index.ts', 'src/features/offices/index.ts']) assert.ok(!closure(entry).has('src/features/offices/office-map/index.ts'), `${entry} does not bring the map`);
    assert.ok(!readFileSync('dist/gov-support-widget.js', 'utf8').includes('office-map'), 'the launcher knows nothing of the map');
  });

  it('gives the last place of a slot to exactly one of two citizens booking at once', async () => {
    const list = (await (await fetch(`${server.url}/offices`)).json()) as { items: { id: string; services: string[] }[] };
    const office = list.items[list.items.length - 1]!;
    const service = office.services[0]!;
    const slots = (await (await fetch(`${server.url}/offices/${office.id}/slots?service=${service}`)).json()) as { slots: { start: string; free: number }[] };
    const slot = slots.slots[0]!;
    const book = (i: number) =>
      fetch(`${server.url}/offices/${office.id}/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `race-${i}-${Date.parse(slot.start)}` },
        body: JSON.stringify({ service, slotStart: slot.start, name: 'Гражданин Тест', phone: `+7 912 000-00-${String(10 + i)}`, consent: true }),
      });
    const answers = await Promise.all(Array.from({ length: slot.free + 1 }, (_, i) => book(i)));
    const statuses = answers.map((a) => a.status).sort();
    assert.deepEqual(statuses, [...Array(slot.free).fill(201), 409]);
  });
});
