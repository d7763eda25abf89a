// The public report's page (/report/, report/) through the real server: the numbers shown equal
// the month's JSON, «мало данных» where suppressed, the chart's text alternative, keyboard only,
// axe 0 at 1280 and 320 px and in English; and the widget's contacts card linking to it, through
// the script tag on the demo page.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ReportMonth, type ReportFigures } from '../../src/protocol/report.js';
import { activeElement, axe, dialog, launchBrowser, launcher, newPage, startServer, type RunningServer } from '../helpers/e2e.js';

/** 3 December 2026, 12:00 Moscow: November is the last published month. */
const NOW = Date.UTC(2026, 11, 3, 9);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const iso = (ms: number) => new Date(ms).toISOString();
/** Moscow wall clock of November 2026. */
const msk = (day: number, hh: number, mm = 0) => Date.UTC(2026, 10, day, hh - 3, mm);

let server: RunningServer;
let browser: Browser;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gs-report-e2e-'));
  const config = JSON.parse(readFileSync(resolve('demo/data/widget-config.json'), 'utf8'));
  config.contacts.reportUrl = '/report/';
  const configPath = join(dir, 'widget-config.json');
  writeFileSync(configPath, JSON.stringify(config));
  server = await startServer({ now: () => NOW, app: { publicReport: true, publicReportMinGroup: 3, configPath } });
  // November: 5 chats taken and closed (4 survey answers); nothing else, so the other channels are suppressed.
  const db = server.backend.database.kysely;
  for (let i = 0; i < 5; i++) {
    const queued = msk(10 + i, 10 + i);
    const id = `e2e-chat-${i}`;
    await db
      .insertInto('chat_conversations')
      .values({
        id,
        token_hash: `hash-${id}`,
        kind: 'technical',
        summary: 'Вопрос',
        question: 'Вопрос',
        name: 'Пётр Сидоров',
        contact: 'petr@example.org',
        locale: 'ru',
        status: 'closed',
        operator: 'Анна К.',
        escalated: 0,
        queued_at: iso(queued),
        taken_at: iso(queued + (2 + 3 * i) * MINUTE),
        closed_at: iso(queued + 30 * MINUTE),
        closed_by: 'operator',
        created_at: iso(queued - MINUTE),
      })
      .execute();
    let seq = 0;
    for (const [kind, at] of [
      ['queued', queued],
      ['operator_joined', queued + (2 + 3 * i) * MINUTE],
      ['closed', queued + 30 * MINUTE],
    ] as const) {
      await db.insertInto('chat_messages').values({ conversation_id: id, seq: ++seq, author: 'system', text: kind, system_kind: kind, created_at: iso(at) }).execute();
    }
    if (i < 4) {
      await db
        .insertInto('surveys')
        .values({ channel: 'chat', contact_ref: id, topic: 'technical', operator: 'Анна К.', finished_at: iso(queued + 30 * MINUTE), answered_at: iso(queued + HOUR), resolved: i % 2 ? 'yes' : 'no', rating: 3 + (i % 3) })
        .execute();
    }
  }
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const report = (page: Page) => page.locator('gs-public-report');
const table = (page: Page) => report(page).locator('gs-report-table');

async function monthJson(month: string): Promise<ReportMonth> {
  const res = await fetch(`${server.url}/report/months/${month}`);
  assert.equal(res.status, 200);
  return ReportMonth.parse(await res.json());
}

/** Each figure of a row as shown: its exact value, or the text of a suppressed or absent one. */
async function shownRow(page: Page, key: string): Promise<Record<string, string>> {
  return table(page)
    .locator(`tr[data-channel="${key}"]`)
    .evaluate((row) =>
      Object.fromEntries([...row.querySelectorAll('td')].map((td) => [td.dataset.figure!, td.querySelector('data')?.getAttribute('value') ?? td.textContent!.trim()])),
    );
}

/** The same row from the JSON. */
function expectedRow(figures: ReportFigures, few = 'мало данных', na = 'не применяется'): Record<string, string> {
  if (figures.suppressed) return Object.fromEntries(['handled', 'reaction', 'resolved', 'rating', 'resolvedShare', 'answers'].map((k) => [k, few]));
  const s = figures.satisfaction;
  const r = figures.firstReaction;
  const c = figures.resolvedAtFirstContact;
  return {
    handled: String(figures.handled),
    reaction: r === null ? na : r.suppressed ? few : String(r.medianMinutes),
    resolved: c === null ? na : c.suppressed ? few : String(c.percent),
    rating: s.suppressed ? few : String(s.ratingMean),
    resolvedShare: s.suppressed ? few : String(s.resolvedPercent),
    answers: s.suppressed ? few : String(s.answers),
  };
}

describe('the public report page', () => {
  it('shows the JSON’s numbers, «мало данных» where suppressed, a chart with a text alternative; axe 0', async () => {
    const { context, page, errors } = await newPage(browser);
    const response = await page.goto(`${server.url}/report/`);
    assert.match(response?.headers()['content-security-policy'] ?? '', /script-src 'self'/);
    await table(page).locator('tr[data-channel="chat"]').waitFor();
    const json = await monthJson('2026-11');
    assert.equal(json.channels.chat.suppressed, false, 'the chats are shown');
    assert.deepEqual(json.channels.request, { suppressed: true });
    for (const key of ['request', 'callback', 'visit', 'chat'] as const) assert.deepEqual(await shownRow(page, key), expectedRow(json.channels[key]), key);
    assert.deepEqual(await shownRow(page, 'total'), expectedRow(json.total));
    assert.equal(await table(page).locator('tr[data-channel="request"] td').first().textContent(), 'мало данных');
    assert.equal(await report(page).locator('h2').first().textContent(), 'Показатели за ноябрь 2026 г.');
    assert.equal(await page.title(), 'Показатели работы службы поддержки');

    // The chart: an image named by a summary of every bar; the table above holds the same numbers.
    const chart = report(page).locator('gs-report-chart svg[role="img"]');
    const label = (await chart.getAttribute('aria-label')) ?? '';
    assert.match(label, /Онлайн-чат — 5/);
    assert.match(label, /Письменные обращения — мало данных/);
    assert.equal(await report(page).locator('gs-report-chart rect.bar').count(), 1);
    assert.equal(await page.locator('[style]').count(), 0);

    // The JSON to download is the same endpoint.
    const download = report(page).locator('.download a');
    assert.equal(await download.getAttribute('href'), 'months/2026-11');
    assert.equal(await download.getAttribute('download'), 'report-2026-11.json');

    assert.deepEqual(await axe(page), []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('keyboard only: another month chosen and shown, announced; every control reachable in order', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(`${server.url}/report/`);
    await table(page).locator('tr[data-channel="chat"]').waitFor();
    const order: string[] = [];
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      order.push(await activeElement(page));
    }
    assert.deepEqual(order, ['a', 'select#month', 'button.button-primary', 'div.scroll', 'a']);
    // Back to the month picker: the previous month, then «Показать».
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await activeElement(page), 'select#month');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await report(page).locator('[role="status"]', { hasText: 'Показаны показатели за октябрь 2026 г.' }).waitFor();
    assert.match((await table(page).locator('caption').textContent()) ?? '', /октябрь 2026/);
    assert.match(page.url(), /month=2026-10/);
    const october = await monthJson('2026-10');
    assert.deepEqual(await shownRow(page, 'total'), expectedRow(october.total));
    assert.deepEqual(october.total, { suppressed: true }, 'October had no contacts');
    assert.deepEqual(await axe(page), []);
    // Reloaded, the page shows the month of its address.
    await page.reload();
    await table(page).locator('caption', { hasText: 'октябрь 2026' }).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('at 320 px (and 200 % zoom of 640 px) nothing but the table scrolls sideways; in English too; axe 0', async () => {
    for (const [width, lang] of [
      [320, 'ru'],
      [640, 'ru'],
      [320, 'en'],
    ] as const) {
      const { context, page, errors } = await newPage(browser, { viewport: { width, height: 800 } });
      await page.goto(`${server.url}/report/${lang === 'en' ? '?lang=en' : ''}`);
      await table(page).locator('tr[data-channel="chat"]').waitFor();
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(scroll <= width, `${width} px, ${lang}: the page is ${scroll} px wide`);
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      if (lang === 'en') {
        assert.equal(await report(page).locator('h1').textContent(), 'Support service performance figures');
        assert.equal(await table(page).locator('tr[data-channel="request"] td').first().textContent(), 'too little data');
      }
      assert.deepEqual(await axe(page), [], `${width} px, ${lang}`);
      assert.deepEqual(errors, []);
      await context.close();
    }
  });

  it('the widget’s contacts card links to the report, through the script tag on the demo page', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(`${server.url}/`);
    await launcher(page).click();
    await dialog(page).waitFor({ state: 'visible' });
    const link = page.locator('gs-support-widget').locator('gs-contacts-card .report a');
    assert.equal(await link.textContent(), 'Показатели работы службы поддержки');
    assert.deepEqual(await axe(page), []);
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.url}/report/**`);
    await table(page).locator('tr[data-channel="chat"]').waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });
});
