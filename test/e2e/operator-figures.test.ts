// The operator console's «Показатели» end to end: real Chromium, the built build/operator/, the
// real server with a fixed clock; the data seeded through the real APIs (requests and their
// statuses, callbacks and their outcomes, survey answers). What the page shows, what its CSV links
// download and what its charts' text alternatives say are compared with the API's own answer.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { FigureSet, FiguresResponse } from '../../src/protocol/figures.js';
import type { OperatorSurveyList } from '../../src/protocol/quality.js';
import type { CallbackView } from '../../src/protocol/callback.js';
import type { StatusLookupResult } from '../../src/protocol/status.js';
import { contrastRatio, parseColour } from '../../src/styles/contrast.js';
import { CHAT_NAMESPACE, CHAT_OPERATOR_NAMESPACE } from '../../src/protocol/chat.js';
import { activeElement, axe, bookCallback, newPage, operatorLogin, useServerAndBrowser } from '../helpers/e2e.js';
import { call, socketTo, startChat } from '../helpers/socket-events.js';

/** Strong tokens (32 random bytes): the server refuses weak ones. */
const TOKEN = 'V9200CoSV6Qk-dPE112JEYOeKZNbjzc69rc2aQuUJ-c';
const SUPERVISOR = 'Kq3vX9wLpT2zR8mN5bY7cH4jF6gD1sA0eU_oI-tWnQx';
/** Moscow wall clock of March 2026 (UTC+3; 2 March a Monday). */
const msk = (day: number, hh: number, mm = 0) => Date.UTC(2026, 2, day, hh - 3, mm);
/** Monday 16 March 2026, 11:00 Moscow: «этот месяц» is 1–16 March. */
const NOW = msk(16, 11);
let clock = msk(2, 9);
const env = useServerAndBrowser({ before, after }, { operatorToken: TOKEN, supervisorToken: SUPERVISOR, now: () => clock });

const ANNA = 'Анна К.';
const BORIS = 'Борис Л.';
const PHONE = '+7 912 345-67-89';
const THIS_MONTH = { from: '2026-03-01', to: '2026-03-16' };

const app = (page: Page) => page.locator('gs-operator-console');
const view = (page: Page) => app(page).locator('gs-operator-figures');
const answers = (page: Page) => view(page).locator('gs-operator-survey-answers');
/** Browser noise about answers the console expects (the 401 of a session check). */
const realErrors = (errors: string[]) => errors.filter((e) => !/Failed to load resource: the server responded with a status of 401/.test(e));
const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

// ---- seeding through the real APIs -------------------------------------------------------------

async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<any> {
  const res = await fetch(`${env.server.url}${path}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text);
}
const asOperator = (name: string, path: string, body: unknown) =>
  send('POST', path, body, { authorization: `Bearer ${TOKEN}`, 'x-operator-name': encodeURIComponent(name) });

async function request(type: string): Promise<{ number: string; lookupCode: string }> {
  return send(
    'POST',
    '/requests',
    {
      type,
      fullName: 'Иванова Мария Петровна',
      phone: '8 (912) 345-67-89',
      email: 'maria.ivanova\u0040example.ru',
      answerChannel: 'email',
      description: 'Не открывается страница оплаты госпошлины, появляется ошибка 500.',
      consent: true,
    },
    { 'idempotency-key': randomUUID() },
  );
}
const setStatus = (name: string, number: string, status: string) => asOperator(name, `/operator/api/requests/${number}/status`, { status });
const outcome = (name: string, number: string, result: string) => asOperator(name, `/operator/api/callbacks/${number}/outcome`, { outcome: result });

let firstRequest = '';
async function seed(): Promise<void> {
  const at = (day: number, hh: number, mm = 0) => (clock = msk(day, hh, mm));
  at(2, 10);
  const r1 = await request('technical');
  firstRequest = r1.number;
  at(2, 10, 5);
  const c1: CallbackView = await bookCallback(env.server.url, { phone: PHONE, name: 'Анна Смирнова', topic: 'technical', asap: true, consent: true });
  at(2, 10, 25);
  await outcome(ANNA, c1.number, 'called');
  at(2, 10, 30);
  await setStatus(ANNA, r1.number, 'in_progress');
  at(3, 9, 15);
  const r2 = await request('application');
  at(3, 12);
  await setStatus(ANNA, r1.number, 'completed');
  at(3, 15);
  await setStatus(BORIS, r2.number, 'completed');
  at(4, 11);
  const r3 = await request('status');
  at(4, 11, 20);
  await setStatus(ANNA, r3.number, 'in_progress');
  at(5, 10);
  const r4 = await request('technical');
  at(5, 16);
  await setStatus(BORIS, r4.number, 'rejected');
  at(6, 14, 10);
  const c2: CallbackView = await bookCallback(env.server.url, { phone: PHONE, name: 'Анна Смирнова', topic: 'application', asap: true, consent: true });
  at(6, 14, 30);
  await outcome(BORIS, c2.number, 'no_answer');
  at(6, 15);
  await outcome(BORIS, c2.number, 'called');

  // A chat: handed to the operators at 10:00 on Wednesday 11 March, taken 12 minutes later, closed.
  at(11, 10);
  const citizen = await socketTo(env.server.url, CHAT_NAMESPACE, { reconnection: false });
  const operator = await socketTo(env.server.url, CHAT_OPERATOR_NAMESPACE, { reconnection: false, auth: { token: TOKEN, operatorName: ANNA } });
  try {
    const { conversationId } = await startChat(citizen);
    const handoff = await call(citizen, 'chat:handoff');
    assert.equal(handoff.ok, true, JSON.stringify(handoff));
    at(11, 10, 12);
    assert.equal((await call(operator, 'op:take', { conversationId })).ok, true);
    at(11, 10, 30);
    assert.equal((await call(operator, 'op:close', { conversationId })).ok, true);
  } finally {
    citizen.close();
    operator.close();
  }

  // The citizens answer their surveys; only the first lets the operator see whose answer it is.
  at(10, 12);
  const survey1 = ((await send('POST', '/requests/lookup', { number: r1.number, factor: r1.lookupCode })) as StatusLookupResult).survey;
  assert.ok(survey1, 'a completed request has a survey');
  await send('POST', `/surveys/${survey1.token}`, { resolved: 'yes', rating: 5, comment: 'Спасибо, всё решили быстро', shareWithOperator: true });
  at(10, 13);
  const survey2 = ((await send('POST', '/requests/lookup', { number: r2.number, factor: r2.lookupCode })) as StatusLookupResult).survey;
  await send('POST', `/surveys/${survey2!.token}`, { resolved: 'partly', rating: 3, comment: 'Ответили, но не на всё' });
  at(10, 14);
  const survey3 = ((await send('POST', `/callbacks/${c1.number}/lookup`, { phone: PHONE })) as CallbackView).survey;
  assert.ok(survey3, 'a called callback has a survey');
  await send('POST', `/surveys/${survey3.token}`, { resolved: 'no', rating: 2 });
  clock = NOW;
}

// ---- the expected texts, written again here ----------------------------------------------------

const tenths = (n: number, digits: number) => n.toFixed(digits).replace('.', ',');
function duration(minutes: number | null): string {
  if (minutes === null) return '—';
  const whole = Math.round(minutes);
  if (whole < 1) return 'меньше 1 мин';
  return whole < 60 ? `${whole} мин` : `${Math.floor(whole / 60)} ч ${String(whole % 60).padStart(2, '0')} мин`;
}
const percent = (p: number | null) => (p === null ? '—' : `${tenths(p, 1)}\u00a0%`);
const share = (s: { count: number; matching: number; percent: number | null }) => (s.percent === null ? '—' : `${percent(s.percent)} (${s.matching} из ${s.count})`);
const rowTexts = (f: FigureSet) => ({
  handled: String(f.handled),
  reactionMedian: duration(f.firstReaction.medianMinutes),
  reactionP90: duration(f.firstReaction.p90Minutes),
  resolutionMedian: duration(f.resolution.medianMinutes),
  resolutionP90: duration(f.resolution.p90Minutes),
  firstContact: share(f.firstContactResolution),
  overdue: share(f.overdue),
  rating: f.surveys.ratingMean === null ? '—' : tenths(f.surveys.ratingMean, 2),
  resolvedAnswer: percent(f.surveys.resolvedPercent),
  answers: String(f.surveys.answers),
});
const CHANNELS: Record<string, string> = { request: 'Обращения', callback: 'Обратные звонки', visit: 'Визиты в офис', chat: 'Чат' };
const keyOf = (g: FiguresResponse['groups'][number]) => (g.operator !== undefined ? `operator:${g.operator ?? ''}` : g.topic === undefined ? g.channel! : `${g.channel}/${g.topic}`);

/** The API's answer to this page's session (the cookie of its context). */
async function apiFigures(page: Page, query: { from: string; to: string; groupBy: string }): Promise<FiguresResponse> {
  const res = await page.request.get(`${env.server.url}/operator/api/figures?${new URLSearchParams(query)}`);
  assert.equal(res.status(), 200, await res.text());
  return (await res.json()) as FiguresResponse;
}

/** Every row of the table (the totals first) against the API's numbers, formatted here. */
async function assertTableEquals(page: Page, api: FiguresResponse, labels: Record<string, string>) {
  const rows = view(page).locator('#figures-table tbody tr');
  assert.deepEqual(await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-group'))), ['totals', ...api.groups.map(keyOf)]);
  for (const [key, figures] of [['totals', api.totals] as const, ...api.groups.map((g) => [keyOf(g), g.figures] as const)]) {
    const row = view(page).locator(`#figures-table tr[data-group="${key}"]`);
    assert.equal(squash(await row.locator('th').textContent()), key === 'totals' ? 'Итого' : labels[key]);
    const shown = Object.fromEntries(
      await row.locator('td').evaluateAll((tds) =>
        tds.map((td) => {
          const copy = td.cloneNode(true) as HTMLElement;
          copy.querySelector('.cell-label')?.remove();
          return [td.getAttribute('data-field'), copy.textContent!.trim()];
        }),
      ),
    );
    assert.deepEqual(shown, rowTexts(figures), `row ${key}`);
  }
}

/** A downloaded CSV as rows of cells (the BOM checked and dropped). */
function parseCsv(text: string): string[][] {
  assert.equal(text.charCodeAt(0), 0xfeff, 'UTF-8 with a BOM');
  assert.ok(text.endsWith('\r\n'), 'CRLF');
  return text
    .slice(1)
    .split('\r\n')
    .filter(Boolean)
    .map((line) => line.split(';'));
}
const csvNumber = (n: number | null) => (n === null ? '' : String(n).replace('.', ','));
const csvNumbers = (f: FigureSet) =>
  [
    f.handled,
    f.firstReaction.count,
    f.firstReaction.medianMinutes,
    f.firstReaction.p90Minutes,
    f.resolution.count,
    f.resolution.medianMinutes,
    f.resolution.p90Minutes,
    f.firstContactResolution.count,
    f.firstContactResolution.matching,
    f.firstContactResolution.percent,
    f.overdue.count,
    f.overdue.matching,
    f.overdue.percent,
    f.surveys.answers,
    f.surveys.ratingMean,
    f.surveys.resolvedPercent,
  ].map(csvNumber);

/** Presses Tab until `target` (as activeElement names it) has focus; the stops on the way. */
async function tabTo(page: Page, target: string, max = 30): Promise<string[]> {
  const path: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const now = await activeElement(page);
    path.push(now);
    if (now === target) return path;
  }
  assert.fail(`Tab never reached ${target}: ${path.join(' → ')}`);
}

/** Presses Enter on the focused link and reads what it downloads. */
async function downloadWithEnter(page: Page): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

/** Logs in and opens «Показатели»; waits for the first figures. */
async function openFigures(page: Page, token: string, name: string): Promise<void> {
  await page.clock.install({ time: NOW });
  await page.addInitScript(() => {
    (window as unknown as { cspViolations: string[] }).cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { cspViolations: string[] }).cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${env.server.url}/operator/`);
  await app(page).locator('main h1').filter({ hasText: 'Вход в консоль оператора' }).waitFor();
  await operatorLogin(page, token, name);
  const nav = app(page).locator('nav[aria-label="Разделы консоли"]');
  await nav.getByRole('button', { name: 'Показатели' }).click();
  await view(page).locator('h1').filter({ hasText: 'Показатели' }).waitFor();
  assert.equal(await nav.locator('button[aria-current="page"]').textContent(), 'Показатели');
  await view(page).locator('#figures-status').filter({ hasText: 'Показатели с 01.03.2026 по 16.03.2026' }).waitFor();
}
/** A heat map's picture and table alternative against the API's cells of its line. */
async function assertHeatMap(page: Page, id: string, line: string, cells: FiguresResponse['queueWait']['chat'], label: string) {
  const heat = view(page).locator(`#${id}`);
  assert.equal(await heat.locator('svg.heatmap').getAttribute('aria-label'), `Тепловая карта ожидания по часам недели, ${line}: ${label}. Числа каждого часа — в таблице под картой`);
  const apiCell = (w: number, h: number) => cells.find((c) => c.weekday === w && c.hour === h);
  const tableCells = await heat
    .locator('table.queue-table td')
    .evaluateAll((tds) => tds.map((td) => [Number(td.getAttribute('data-weekday')), Number(td.getAttribute('data-hour')), td.textContent!.trim()] as const));
  assert.equal(tableCells.length, 168);
  for (const [w, h, text] of tableCells) {
    const c = apiCell(w, h);
    assert.equal(text, c && c.count > 0 ? `${tenths(c.medianMinutes!, 1)} мин (${c.count})` : '—', `${id} cell ${w}:${h}`);
  }
  // The drawn cells print the same (rounded) numbers; every mark stands out at 3:1, its text at 4.5:1.
  const drawn = await heat.locator('svg.heatmap rect.cell').evaluateAll((rects) =>
    rects.map((rect) => {
      const text = rect.nextElementSibling!;
      return { fill: getComputedStyle(rect).fill, stroke: getComputedStyle(rect).stroke, text: text.textContent, ink: getComputedStyle(text).fill };
    }),
  );
  assert.equal(drawn.length, 168);
  const white = parseColour('#ffffff')!;
  for (const [i, d] of drawn.entries()) {
    const c = apiCell(Math.floor(i / 24), i % 24);
    assert.equal(d.text, c && c.count > 0 ? String(Math.round(c.medianMinutes!)) : '—');
    assert.ok(contrastRatio(parseColour(d.stroke)!, white) >= 3, `cell outline ${d.stroke}`);
    assert.ok(contrastRatio(parseColour(d.ink)!, parseColour(d.fill)!) >= 4.5, `value ${d.ink} on ${d.fill}`);
  }
}
const cspViolations = (page: Page) => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

describe('operator console: «Показатели»', () => {
  before(seed);
  it('a supervisor: the table equals the API, by keyboard regrouped and re-periodised; CSV and charts carry the same numbers', async () => {
    const { context, page, errors } = await newPage(env.browser);
    await openFigures(page, SUPERVISOR, 'Руководитель Р.');
    assert.match(squash(await view(page).locator('#role-note').textContent()), /руководитель: видны строки всех операторов/);

    // By channel, this month (the default): every number as the API gives it.
    const byChannel = await apiFigures(page, { ...THIS_MONTH, groupBy: 'channel' });
    assert.deepEqual(byChannel.groups.map(keyOf), ['request', 'callback', 'chat']);
    assert.equal(byChannel.totals.handled, 6, '3 requests finished, 2 callbacks called, 1 chat closed');
    assert.equal(byChannel.totals.surveys.answers, 3);
    assert.equal(squash(await view(page).locator('#figures-status').textContent()), 'Показатели с 01.03.2026 по 16.03.2026: 3 строки');
    await assertTableEquals(page, byChannel, CHANNELS);
    assert.equal(await view(page).locator('#fig-from').inputValue(), '2026-03-01');
    assert.equal(await view(page).locator('#fig-to').inputValue(), '2026-03-16');

    // The bar chart: its label and its table say the handled counts.
    const barChart = view(page).locator('gs-operator-bar-chart');
    const barLabel = (await barChart.locator('svg[role="img"]').getAttribute('aria-label')) ?? '';
    for (const g of byChannel.groups) assert.ok(barLabel.includes(`${CHANNELS[keyOf(g)]} — ${g.figures.handled}`), barLabel);
    const barRows = await barChart.locator('table tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-group'), tr.querySelector('td')!.textContent!.trim()]));
    assert.deepEqual(barRows, byChannel.groups.map((g) => [keyOf(g), String(g.figures.handled)]));

    // The heat maps: each line's table alternative has the API's 168 cells; its label the peak.
    const callbackCells = byChannel.queueWait.callback.filter((c) => c.count > 0);
    assert.deepEqual(
      callbackCells.map((c) => [c.weekday, c.hour, c.medianMinutes]),
      [
        [0, 10, 20],
        [4, 14, 50],
      ],
      'two callbacks «as soon as possible», called after 20 and 50 minutes',
    );
    await assertHeatMap(page, 'queue-callback', 'обратный звонок «как можно скорее»', byChannel.queueWait.callback, 'дольше всего ждали в пятницу 14:00–15:00, медиана 50,0 мин; всего ожиданий: 2');
    assert.deepEqual(
      byChannel.queueWait.chat.filter((c) => c.count > 0).map((c) => [c.weekday, c.hour, c.count, c.medianMinutes]),
      [[2, 10, 1, 12]],
      'the chat waited 12 minutes on Wednesday at 10',
    );
    await assertHeatMap(page, 'queue-chat', 'чат', byChannel.queueWait.chat, 'дольше всего ждали в среду 10:00–11:00, медиана 12,0 мин; всего ожиданий: 1');
    const bars = view(page).locator('gs-operator-bar-chart');
    const barFill = await bars.locator('rect.bar').first().evaluate((r) => getComputedStyle(r).fill);
    assert.ok(contrastRatio(parseColour(barFill)!, parseColour('#ffffff')!) >= 3, `bar ${barFill}`);
    assert.deepEqual(await axe(page), [], 'loaded');

    // The table's CSV, by keyboard from the heading: the same numbers as the API.
    await view(page).locator('h1').focus();
    await tabTo(page, 'a#figures-csv.download');
    const csv = await downloadWithEnter(page);
    assert.equal(csv.name, 'figures-2026-03-01-2026-03-16-channel.csv');
    const rows = parseCsv(csv.text);
    assert.deepEqual(rows[0]!.slice(0, 4), ['Канал', 'Тема', 'Оператор', 'Обработано']);
    assert.deepEqual(rows[1], ['Итого', '', '', ...csvNumbers(byChannel.totals)]);
    assert.deepEqual(rows.slice(2), [
      ['Обращение', '', '', ...csvNumbers(byChannel.groups[0]!.figures)],
      ['Обратный звонок', '', '', ...csvNumbers(byChannel.groups[1]!.figures)],
      ['Чат', '', '', ...csvNumbers(byChannel.groups[2]!.figures)],
    ]);

    // The queue's CSV (made in the page from the same JSON): 168 hours, both lines.
    await tabTo(page, 'a#queue-csv.download');
    const queue = await downloadWithEnter(page);
    assert.equal(queue.name, 'queue-wait-2026-03-01-2026-03-16.csv');
    const queueRows = parseCsv(queue.text);
    assert.equal(queueRows.length, 169);
    assert.deepEqual(queueRows[0], ['День недели', 'Час', 'Чат: ожиданий', 'Чат: медиана, мин', 'Обратный звонок «как можно скорее»: ожиданий', 'Обратный звонок «как можно скорее»: медиана, мин']);
    assert.deepEqual(queueRows[1 + 4 * 24 + 14], ['Пятница', '14:00–15:00', '0', '', '1', '50']);
    assert.deepEqual(queueRows[1 + 2 * 24 + 10], ['Среда', '10:00–11:00', '1', '12', '0', '']);
    const cellOf = (cells: FiguresResponse['queueWait']['chat'], i: number) => cells.find((c) => c.weekday === Math.floor(i / 24) && c.hour === i % 24);
    const csvCell = (c: FiguresResponse['queueWait']['chat'][number] | undefined) => [String(c?.count ?? 0), csvNumber(c && c.count > 0 ? c.medianMinutes : null)];
    for (const [i, row] of queueRows.slice(1).entries()) {
      assert.deepEqual(row.slice(2), [...csvCell(cellOf(byChannel.queueWait.chat, i)), ...csvCell(cellOf(byChannel.queueWait.callback, i))], `queue row ${i}`);
    }

    // Keyboard only: the grouping «По операторам», then «Показать».
    await view(page).locator('h1').focus();
    await tabTo(page, 'select#fig-groupBy');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal(await view(page).locator('#fig-groupBy').inputValue(), 'operator');
    await page.keyboard.press('Tab');
    assert.equal(await activeElement(page), 'button.button-primary');
    await page.keyboard.press('Enter');
    await view(page).locator('#figures-status').filter({ hasText: /по 16\.03\.2026: 2 строки$/ }).waitFor();
    const byOperator = await apiFigures(page, { ...THIS_MONTH, groupBy: 'operator' });
    assert.deepEqual(byOperator.groups.map(keyOf), [`operator:${ANNA}`, `operator:${BORIS}`]);
    await assertTableEquals(page, byOperator, { [`operator:${ANNA}`]: ANNA, [`operator:${BORIS}`]: BORIS });

    // «Прошлый месяц» by keyboard: February had nothing (the empty state, announced).
    await tabTo(page, 'button.button-secondary');
    await tabTo(page, 'button.button-secondary');
    assert.equal(await page.evaluate(() => document.querySelector('gs-operator-console')!.shadowRoot!.querySelector('gs-operator-figures')!.shadowRoot!.activeElement!.getAttribute('data-period')), 'last-month');
    await page.keyboard.press('Enter');
    await view(page).locator('#figures-empty').waitFor();
    assert.equal(squash(await view(page).locator('#figures-status').textContent()), 'Показатели с 01.02.2026 по 28.02.2026: 0 строк. За этот период контактов нет.');
    assert.equal(await view(page).locator('#fig-from').inputValue(), '2026-02-01');
    assert.equal(await view(page).locator('#fig-to').inputValue(), '2026-02-28');
    assert.equal(await view(page).locator('#figures-table').count(), 0);
    assert.deepEqual(await axe(page), [], 'empty');

    // A period ending before it begins, typed by keyboard (each part of the start date one up,
    // whatever order the browser shows them in): the server's message at the field, focus on it.
    await view(page).locator('h1').focus();
    await tabTo(page, 'input#fig-from');
    for (let part = 0; part < 3; part++) {
      if (part > 0) await page.keyboard.press('Tab');
      assert.equal(await activeElement(page), 'input#fig-from');
      await page.keyboard.press('ArrowUp');
    }
    assert.equal(await view(page).locator('#fig-from').inputValue(), '2027-03-02');
    await tabTo(page, 'button.button-primary');
    await page.keyboard.press('Enter');
    await view(page).locator('#fig-to-error').waitFor();
    assert.equal(squash(await view(page).locator('#fig-to-error').textContent()), 'Ошибка: Конец периода раньше его начала');
    assert.equal(await view(page).locator('#fig-to').getAttribute('aria-invalid'), 'true');
    assert.match((await view(page).locator('#fig-to').getAttribute('aria-describedby')) ?? '', /fig-to-error/);
    assert.equal(await activeElement(page), 'input#fig-to');
    assert.equal(squash(await view(page).locator('#figures-error').textContent()), 'Исправьте период: ошибки указаны у полей.');
    assert.deepEqual(await axe(page), [], 'invalid period');

    // The server unreachable: said in the alert, no stale numbers.
    await page.route('**/operator/api/figures?**', (route) => route.abort());
    await view(page).locator('button[data-period="this-month"]').click();
    await view(page).locator('#figures-error').filter({ hasText: 'Нет связи с сервером' }).waitFor();
    assert.equal(await view(page).locator('#figures-table').count(), 0);
    assert.deepEqual(await axe(page), [], 'network error');
    await page.unroute('**/operator/api/figures?**');

    assert.deepEqual(await cspViolations(page), [], 'no CSP violation (the SVG charts, the blob: and cookie CSV links)');
    // The browser's own lines about the 400 and the aborted call this test caused; nothing else.
    assert.deepEqual(realErrors(errors).filter((e) => !/status of 400 \(Bad Request\)|net::ERR_FAILED/.test(e)), []);
    await context.close();
  });

  it('the survey answers: the reference only when the citizen agreed; filtered by channel', async () => {
    const { context, page, errors } = await newPage(env.browser);
    await openFigures(page, SUPERVISOR, 'Руководитель Р.');
    await answers(page).locator('#answers-status').filter({ hasText: 'Найдено: 3 отзыва' }).waitFor();
    const res = await page.request.get(`${env.server.url}/operator/api/surveys?from=2026-03-01&to=2026-03-16`);
    const api = (await res.json()) as OperatorSurveyList;
    assert.equal(api.total, 3);
    const items = answers(page).locator('ol.answers > li');
    const shown = await items.evaluateAll((lis) =>
      lis.map((li) => Object.fromEntries([...li.querySelectorAll('dd')].map((dd) => [dd.getAttribute('data-field'), dd.textContent!.replace(/\s+/g, ' ').trim()]))),
    );
    assert.deepEqual(
      shown.map((s) => [s.resolved, s.rating, s.comment, s.topic, s.operator, s.reference]),
      [
        ['Нет', '2 из 5', 'без комментария', 'Обратные звонки: Техническая проблема', ANNA, 'Гражданин не разрешил показывать, чей это отзыв'],
        ['Частично', '3 из 5', 'Ответили, но не на всё', 'Обращения: Вопрос по заявлению', BORIS, 'Гражданин не разрешил показывать, чей это отзыв'],
        ['Да', '5 из 5', 'Спасибо, всё решили быстро', 'Обращения: Техническая проблема', ANNA, firstRequest],
      ],
    );
    assert.deepEqual(
      api.items.map((a) => [a.rating, a.reference]),
      [
        [2, undefined],
        [3, undefined],
        [5, firstRequest],
      ],
    );
    assert.equal(shown[0]!.answeredAt, '10.03.2026, 14:00 МСК');
    assert.deepEqual(await axe(page), [], 'answers');

    // Every answer of the filter as CSV, by keyboard: the same answers, the reference only if shared.
    await answers(page).locator('#answers-title').focus();
    await tabTo(page, 'button#answers-csv.link-button');
    const csv = await downloadWithEnter(page);
    assert.equal(csv.name, 'survey-answers-2026-03-01-2026-03-16.csv');
    const rows = parseCsv(csv.text);
    assert.deepEqual(rows[0], ['Ответ получен', 'Канал', 'Тема', 'Оператор', 'Решён ли вопрос', 'Оценка', 'Комментарий', 'Чей отзыв']);
    const RESOLVED = { yes: 'Да', partly: 'Частично', no: 'Нет' } as const;
    const TOPICS: Record<string, string> = { technical: 'Техническая проблема', application: 'Вопрос по заявлению' };
    assert.deepEqual(
      rows.slice(1),
      api.items.map((a) => [
        `${new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Moscow', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(a.answeredAt))} МСК`,
        CHANNELS[a.channel],
        `${CHANNELS[a.channel]}: ${TOPICS[a.topic]}`,
        a.operator ?? '',
        RESOLVED[a.resolved],
        String(a.rating),
        a.comment ?? '',
        a.reference ?? 'Гражданин не разрешил показывать, чей это отзыв',
      ]),
    );
    await answers(page).locator('#answers-status').filter({ hasText: 'CSV готов: 3 отзыва' }).waitFor();

    await answers(page).locator('#sv-channel').selectOption('callback');
    await answers(page).getByRole('button', { name: 'Показать отзывы' }).click();
    await answers(page).locator('#answers-status').filter({ hasText: 'Найдено: 1 отзыв' }).waitFor();
    assert.equal(await items.count(), 1);
    assert.equal(await items.first().getAttribute('data-channel'), 'callback');
    assert.deepEqual(realErrors(errors), []);
    await context.close();
  });

  it('an operator (not a supervisor): the note, only their own operator row, as the API gives it', async () => {
    const { context, page, errors } = await newPage(env.browser);
    await openFigures(page, TOKEN, ANNA);
    assert.match(squash(await view(page).locator('#role-note').textContent()), /Вы вошли как оператор\..*видна только ваша строка/);
    await view(page).locator('#fig-groupBy').selectOption('operator');
    await view(page).getByRole('button', { name: 'Показать', exact: true }).click();
    await view(page).locator('#figures-status').filter({ hasText: /: 1 строка$/ }).waitFor();
    const own = await apiFigures(page, { ...THIS_MONTH, groupBy: 'operator' });
    assert.deepEqual(own.groups.map(keyOf), [`operator:${ANNA}`], 'the server gives an operator their own row');
    await assertTableEquals(page, own, { [`operator:${ANNA}`]: ANNA });
    assert.deepEqual(await axe(page), [], 'operator');

    // An operator without contacts of their own is told so.
    const other = await newPage(env.browser);
    await openFigures(other.page, TOKEN, 'Вера М.');
    await view(other.page).locator('#fig-groupBy').selectOption('operator');
    await view(other.page).getByRole('button', { name: 'Показать', exact: true }).click();
    await view(other.page).locator('#figures-empty').filter({ hasText: 'За этот период у вас нет своих контактов.' }).waitFor();
    assert.deepEqual(await axe(other.page), [], 'operator without rows');
    assert.deepEqual(realErrors(errors), []);
    assert.deepEqual(realErrors(other.errors), []);
    await other.context.close();
    await context.close();
  });

  it('at 320 px: nothing wider than the screen but the charts’ own scroll regions; axe 0', async () => {
    const { context, page, errors } = await newPage(env.browser, { viewport: { width: 320, height: 640 } });
    await openFigures(page, SUPERVISOR, 'Руководитель Р.');
    await answers(page).locator('#answers-status').filter({ hasText: 'Найдено: 3 отзыва' }).waitFor();
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 320, 'no page-wide horizontal scroll');
    const table = await view(page).locator('#figures-table').evaluate((t) => ({ width: t.getBoundingClientRect().width, display: getComputedStyle(t).display }));
    assert.equal(table.display, 'block', 'each group a card');
    assert.ok(table.width <= 320);
    assert.deepEqual(await axe(page), [], '320 px');

    // «7 дней» (10–16 March): the chat waited, nobody waited for a callback: a sentence, not a map of dashes.
    await view(page).locator('button[data-period="7-days"]').click();
    await view(page).locator('#figures-status').filter({ hasText: 'Показатели с 10.03.2026 по 16.03.2026' }).waitFor();
    assert.equal(squash(await view(page).locator('#queue-callback .queue-none').textContent()), 'За этот период в этой очереди никто не ждал: рисовать нечего.');
    assert.equal(await view(page).locator('#queue-callback svg').count(), 0);
    assert.equal(await view(page).locator('#queue-chat svg.heatmap').count(), 1);
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 320);
    assert.deepEqual(await axe(page), [], '320 px, one line without waits');
    assert.deepEqual(realErrors(errors), []);
    await context.close();
  });
});

// The quick periods and the time format, at their edges (plain functions of the console, in Node).
describe('operator console: the figures’ periods and times', () => {
  it('«Этот месяц», «Прошлый месяц», «7 дней» across a year’s and a month’s turn; Moscow’s today', async () => {
    const { thisMonth, lastMonth, lastDays, moscowToday, durationText, heatBounds, heatStep } = await import('../../operator/figures-format.js');
    assert.deepEqual(thisMonth('2026-01-01'), { from: '2026-01-01', to: '2026-01-01' });
    assert.deepEqual(lastMonth('2026-01-15'), { from: '2025-12-01', to: '2025-12-31' });
    assert.deepEqual(lastMonth('2024-03-31'), { from: '2024-02-01', to: '2024-02-29' }, 'a leap February');
    assert.deepEqual(lastDays('2026-03-03', 7), { from: '2026-02-25', to: '2026-03-03' });
    // 22:30 UTC on 31 December is already 1 January in Moscow.
    assert.equal(moscowToday(new Date('2025-12-31T22:30:00Z')), '2026-01-01');
    assert.equal(moscowToday(new Date('2025-12-31T20:59:00Z')), '2025-12-31');
    assert.deepEqual(
      [null, 0, 0.4, 0.5, 5.2, 59.6, 60, 65.4, 1439.5, 3000].map(durationText),
      ['—', 'меньше 1 мин', 'меньше 1 мин', '1 мин', '5 мин', '1 ч 00 мин', '1 ч 00 мин', '1 ч 05 мин', '24 ч 00 мин', '50 ч 00 мин'],
    );
    // Five equal whole-minute steps up to the longest median; an hour without waits has none.
    const cells = [
      { weekday: 0, hour: 9, count: 3, medianMinutes: 12.5 },
      { weekday: 1, hour: 9, count: 1, medianMinutes: 2 },
      { weekday: 2, hour: 9, count: 0, medianMinutes: null },
    ];
    const bounds = heatBounds(cells);
    assert.deepEqual(bounds, [3, 6, 9, 12, 15]);
    assert.deepEqual(cells.map((c) => heatStep(c, bounds)), [4, 0, -1]);
  });
});
