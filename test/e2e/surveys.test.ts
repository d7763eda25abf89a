// The citizen's survey after every finished contact (issue 17) end to end: the script tag on the
// demo page, real Chromium, the real server with a clock the test moves. Each entry point: a
// request finished by an operator (the status lookup shows the survey, also when the final status
// arrives live), a callback marked called (the callback lookup), a visit whose time has passed
// (the link of the outbox message, `#gs-survey=<token>`, answered keyboard-only), a chat ended
// (the chat's end shows the survey instead of its rating). One answer per contact; the operator's
// list shows the answer, and whose contact it was only when the citizen agreed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { OfficeCatalogue, OfficeList, OfficeSlots, OfficeSummary } from '../../src/protocol/offices.js';
import { OperatorSurveyList } from '../../src/protocol/quality.js';
import { activeElement, axe, bookCallback, bookVisit, newPage, registerRequest, useServerAndBrowser } from '../helpers/e2e.js';

/** A strong token (32 random bytes): the server refuses weak ones. */
const TOKEN = 'Qm7Vb2Xk9Lp4Tc1Nw8Rd3Hy6Js0Fg5Ua2Ze9Wo4Kt7';
/** Monday 16 March 2026, 11:00 in Moscow: the lines are open. The clock runs from there. */
const START = Date.parse('2026-03-16T08:00:00Z');
const began = Date.now();
/** Moved forward to let a visit's time pass. */
let shift = 0;
const now = () => START + (Date.now() - began) + shift;
const PUBLIC_URL = 'https://portal.example/support/?lang=ru';
const env = useServerAndBrowser({ before, after }, { operatorToken: TOKEN, now, publicUrl: PUBLIC_URL });

const PHONE = '+7 912 345-67-89';
const survey = (page: Page) => page.locator('gs-support-widget').locator('gs-survey-form');
const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

async function noAxe(page: Page, state: string): Promise<void> {
  assert.deepEqual(await axe(page, 'gs-support-widget'), [], `axe: ${state}`);
}

/** An operator API call with the token (as the console makes it). */
async function operator(method: 'GET' | 'POST', path: string, body?: unknown, name = 'Петров П.') {
  const res = await fetch(`${env.server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'x-operator-name': encodeURIComponent(name), ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  assert.equal(res.status, 200, await res.clone().text());
  return res.json() as Promise<unknown>;
}

const answers = async () => OperatorSurveyList.parse(await operator('GET', '/operator/api/surveys')).items;

/** The survey links of the outbox, oldest first: recipient and the link (its site page checked). */
async function surveyLinks(): Promise<{ recipient: string; hash: string }[]> {
  const rows = await env.server.backend.database.kysely.selectFrom('notification_outbox').select(['recipient', 'body']).where('body', 'like', '%gs-survey=%').orderBy('id').execute();
  return rows.map((row) => {
    const link = new URL(/(https:\/\/\S+?)\. Опрос займёт минуту\./.exec(row.body)?.[1] ?? 'https://missing.example/');
    assert.equal(`${link.origin}${link.pathname}${link.search}`, PUBLIC_URL, `the site page: ${row.body}`);
    assert.match(link.hash, /^#gs-survey=(request|callback|visit|chat)\.[\w-]+\.[\w-]{22}$/, 'the token is in the fragment');
    return { recipient: row.recipient, hash: link.hash };
  });
}

/** Chooses the answer with the pointer and sends it; the thank-you takes focus. */
async function answerWithPointer(page: Page, resolved: 'resolved' | 'resolved-partly' | 'resolved-no', rating: number, comment: string, share: boolean) {
  const form = survey(page);
  await form.locator(`#${resolved}`).check();
  await form.locator(rating === 1 ? '#rating' : `#rating-${rating}`).check();
  await form.locator('#comment').fill(comment);
  if (share) await form.locator('#share').check();
  await form.locator('button[type="submit"]').click();
  await form.locator('#done').filter({ hasText: 'Спасибо! Ваш ответ принят.' }).waitFor();
  assert.equal(await activeElement(page), 'div#done.done', 'the thank-you has focus');
}

const first = <T>(items: readonly T[], what: (item: T) => boolean, label: string): T => {
  const found = items.find(what);
  assert.ok(found, `${label}: ${JSON.stringify(items)}`);
  return found;
};

let requestLink = '';

describe('the survey after every finished contact, through the script tag', () => {
  it('a request: the final status arrives live in the open status view, the survey shows under it, the answer reaches the operator without the request number', async () => {
    const { number, lookupCode } = await registerRequest(env.server.url);
    const { page, errors } = await newPage(env.browser);
    await page.goto(`${env.server.url}/#gs-status=${number}`);
    const lookup = page.locator('gs-support-widget').locator('gs-status-lookup');
    await lookup.locator('#factor').fill(lookupCode);
    await lookup.locator('button[type="submit"]').click();
    await lookup.locator('.badge').filter({ hasText: 'Зарегистрировано' }).waitFor();
    await lookup.locator('.live').filter({ hasText: 'Статус обновится здесь сам' }).waitFor();
    assert.equal(await survey(page).count(), 0, 'no survey while the request is open');

    await operator('POST', `/operator/api/requests/${number}/status`, { status: 'completed', comment: 'Ответ отправлен на почту.' });
    await lookup.locator('.badge').filter({ hasText: 'Завершено' }).waitFor({ timeout: 10_000 });
    await survey(page).locator('legend').first().waitFor();
    assert.equal(squash(await survey(page).locator('h4').textContent()), 'Оцените, пожалуйста, как мы помогли');
    assert.equal(await activeElement(page), 'h3.result-title', 'the survey takes nothing away: focus stays where it was');
    await noAxe(page, 'the finished request with its survey');

    // Sent empty: the error summary, then the answer.
    await survey(page).locator('button[type="submit"]').click();
    await survey(page).locator('gs-error-summary').locator('a').first().waitFor();
    assert.deepEqual((await survey(page).locator('gs-error-summary').locator('a').allTextContents()).map(squash), ['Выберите, решён ли ваш вопрос', 'Выберите оценку от 1 до 5']);
    await noAxe(page, 'the survey with errors');
    await answerWithPointer(page, 'resolved-partly', 4, 'Долго, но помогли', false);
    await noAxe(page, 'the survey answered');

    const mine = first(await answers(), (a) => a.channel === 'request', 'the request\'s answer');
    assert.deepEqual({ ...mine, answeredAt: '' }, { channel: 'request', topic: 'technical', operator: 'Петров П.', resolved: 'partly', rating: 4, comment: 'Долго, но помогли', answeredAt: '' });
    assert.equal(mine.reference, undefined, 'the operator sees the answer, not whose request it was');

    // An update of the view keeps the thank-you where focus is; looked up anew: a line, not the form.
    const refreshed = page.waitForResponse((res) => res.url().endsWith('/requests/lookup') && res.status() === 200);
    await lookup.getByRole('button', { name: 'Проверить ещё раз' }).click();
    await refreshed;
    await lookup.getByRole('button', { name: 'Проверить ещё раз' }).waitFor();
    assert.equal(await survey(page).locator('#done').count(), 1, 'the thank-you stays');
    await lookup.getByRole('button', { name: 'Проверить другое обращение' }).click();
    await lookup.getByRole('button', { name: `Проверить обращение ${number}` }).click();
    await lookup.locator('.survey-answered').filter({ hasText: 'Спасибо, вы уже оценили, как мы помогли.' }).waitFor();
    assert.equal(await survey(page).count(), 0);
    await noAxe(page, 'the request looked up again');

    const [link] = (await surveyLinks()).filter((l) => l.hash.startsWith('#gs-survey=request.'));
    assert.ok(link, 'the request\'s survey link went by e-mail');
    requestLink = link.hash;
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('one answer per contact: the request\'s e-mail link, answered already, says so', async () => {
    assert.ok(requestLink, 'after the request\'s journey');
    const { page, errors } = await newPage(env.browser);
    await page.goto(`${env.server.url}/${requestLink}`);
    const view = page.locator('gs-support-widget').locator('gs-survey-view');
    await view.locator('h3.about').waitFor();
    assert.match(squash(await view.locator('h3.about').textContent()), /^Обращение № \d{4}-\d{6}$/);
    await view.locator('.done').filter({ hasText: 'Вы уже ответили на этот опрос. Спасибо!' }).waitFor();
    assert.equal(await survey(page).count(), 0);
    assert.equal(squash(await page.locator('gs-support-widget').locator('#title').textContent()), 'Опрос о качестве помощи');
    await noAxe(page, 'a link of an answered survey');
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('a callback marked called: the callback lookup in the widget shows the survey; shared with the operator, the answer names the callback', async () => {
    const booked = await bookCallback(env.server.url, { phone: PHONE, name: 'Анна Смирнова', topic: 'technical', asap: true, consent: true });
    await operator('POST', `/operator/api/callbacks/${booked.number}/outcome`, { outcome: 'called' }, 'Сидорова А.');
    // A 320 px phone: the survey fits without scrolling sideways.
    const { page, errors } = await newPage(env.browser, { viewport: { width: 320, height: 640 } });
    await page.goto(`${env.server.url}/`);
    await page.waitForFunction(() => 'GovSupport' in window);
    await page.evaluate(() => window.GovSupport!.open('callback'));
    const widget = page.locator('gs-support-widget');
    await widget.getByRole('button', { name: 'Уже заказали звонок? Отменить или перенести' }).click();
    const confirmation = widget.locator('gs-callback-confirmation');
    await confirmation.locator('#number').fill(booked.number);
    await confirmation.locator('#phone').fill(PHONE);
    await confirmation.getByRole('button', { name: 'Найти заявку' }).click();
    await confirmation.locator('dd').filter({ hasText: 'Звонок состоялся' }).waitFor();
    await survey(page).locator('legend').first().waitFor();
    const fits = await survey(page).evaluate((el) => {
      const section = el.shadowRoot!.querySelector('.survey')!;
      const right = Math.max(...[...el.shadowRoot!.querySelectorAll('legend, label, textarea, button')].map((c) => c.getBoundingClientRect().right));
      return { overflow: section.scrollWidth - section.clientWidth, right, width: innerWidth };
    });
    assert.ok(fits.overflow <= 0 && fits.right <= fits.width, `the survey fits 320 px: ${JSON.stringify(fits)}`);
    await noAxe(page, 'a called callback with its survey');
    await answerWithPointer(page, 'resolved', 5, 'Перезвонили вовремя', true);
    await noAxe(page, 'the callback\'s survey answered');

    const mine = first(await answers(), (a) => a.channel === 'callback', 'the callback\'s answer');
    assert.deepEqual([mine.operator, mine.resolved, mine.rating, mine.comment, mine.reference], ['Сидорова А.', 'yes', 5, 'Перезвонили вовремя', booked.number], 'agreed: the operator sees whose it was');
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('a chat ended: the chat\'s end shows the survey instead of its rating, the transcript stays', async () => {
    const { page, errors } = await newPage(env.browser);
    await page.goto(`${env.server.url}/`);
    await page.waitForFunction(() => 'GovSupport' in window);
    await page.evaluate(() => window.GovSupport!.open('chat'));
    const chat = page.locator('gs-support-widget').locator('gs-chat');
    const opening = chat.locator('gs-chat-opening');
    await opening.locator('#kind').check();
    await opening.locator('#summary').fill('Не приходит код');
    await opening.locator('#question').fill('Как восстановить пароль от личного кабинета?');
    await opening.locator('button[type="submit"]').click();
    await chat.locator('gs-chat-log li.message').filter({ hasText: 'Виртуальный помощник' }).first().waitFor({ timeout: 10_000 });
    await chat.getByRole('button', { name: 'Завершить чат' }).click();
    await chat.getByRole('button', { name: 'Да, завершить' }).click();
    const end = chat.locator('gs-chat-end');
    await end.getByRole('heading', { name: 'Чат завершён' }).waitFor();
    await survey(page).locator('legend').first().waitFor();
    assert.equal(await end.locator('#score').count(), 0, 'no chat rating beside the survey');
    assert.equal(await end.getByRole('button', { name: 'Скачать переписку (.txt)' }).count(), 1, 'the transcript stays');
    await noAxe(page, 'the chat ended, with its survey');
    await answerWithPointer(page, 'resolved-no', 2, 'Помощник не помог', false);
    await noAxe(page, 'the chat\'s survey answered');

    const mine = first(await answers(), (a) => a.channel === 'chat', 'the chat\'s answer');
    assert.deepEqual([mine.topic, mine.resolved, mine.rating, mine.reference], ['technical', 'no', 2, undefined]);
    assert.deepEqual(errors.filter((e) => !/WebSocket/.test(e)), []);
    await page.context().close();
  });

  it('a visit whose time has passed: the sweep sends the link; opened on the demo page, the survey is answered keyboard-only', async () => {
    const catalogue = (await (await fetch(`${env.server.url}/offices/catalogue`)).json()) as OfficeCatalogue;
    let office: OfficeSummary | undefined;
    for (const region of catalogue.regions) {
      const list = (await (await fetch(`${env.server.url}/offices?region=${encodeURIComponent(region.code)}`)).json()) as OfficeList;
      office ??= list.items.find((o) => o.services.length > 0);
    }
    assert.ok(office, 'an office that offers a service');
    const service = office.services[0]!;
    const slots = (await (await fetch(`${env.server.url}/offices/${encodeURIComponent(office.id)}/slots?service=${encodeURIComponent(service)}`)).json()) as OfficeSlots;
    const slot = slots.slots.find((s) => s.free > 0 && Date.parse(s.start) > now());
    assert.ok(slot, 'a free slot');
    const email = 'visit.citizen\u0040example.ru';
    const visit = await bookVisit(env.server.url, office.id, { service, slotStart: slot.start, name: 'Вера Иванова', phone: '+7 912 555-44-33', email, consent: true });
    const before = (await surveyLinks()).length;
    assert.equal(await env.server.backend.surveys.sweep(), 0, 'nothing before the visit');

    // The visit's time passes.
    shift += Date.parse(visit.end) + 60_000 - now();
    assert.ok((await env.server.backend.surveys.sweep()) >= 1);
    const links = (await surveyLinks()).slice(before);
    const link = first(links, (l) => l.recipient === email, 'the visit\'s survey link by e-mail');
    assert.ok(link.hash.startsWith('#gs-survey=visit.'));

    const { page, errors } = await newPage(env.browser);
    await page.goto(`${env.server.url}/${link.hash}`);
    const view = page.locator('gs-support-widget').locator('gs-survey-view');
    await view.locator('h3.about').filter({ hasText: `Запись в офис № ${visit.number}` }).waitFor();
    await survey(page).locator('legend').first().waitFor();
    await noAxe(page, 'the link\'s survey');

    // Keyboard only, from the panel's heading (it has focus when the link opens the panel).
    await page.waitForFunction(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.id === 'title';
    });
    for (let i = 0; i < 10 && (await activeElement(page)) !== 'input#resolved'; i++) await page.keyboard.press('Tab');
    assert.equal(await activeElement(page), 'input#resolved', 'Tab reaches «Да»');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    assert.equal(await activeElement(page), 'input#rating', 'one Tab stop per group');
    for (const id of ['rating-2', 'rating-3', 'rating-4', 'rating-5']) {
      await page.keyboard.press('ArrowDown');
      assert.equal(await activeElement(page), `input#${id}`);
    }
    await page.keyboard.press('Tab');
    assert.equal(await activeElement(page), 'textarea#comment');
    await page.keyboard.type('Приняли без очереди');
    await page.keyboard.press('Tab');
    assert.equal(await activeElement(page), 'input#share');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    assert.equal(await activeElement(page), 'button.button-primary');
    await page.keyboard.press('Enter');
    await survey(page).locator('#done').filter({ hasText: 'Спасибо! Ваш ответ принят.' }).waitFor();
    assert.equal(await activeElement(page), 'div#done.done', 'the thank-you has focus');
    await noAxe(page, 'the link\'s survey answered');

    const mine = first(await answers(), (a) => a.channel === 'visit', 'the visit\'s answer');
    assert.deepEqual([mine.topic, mine.resolved, mine.rating, mine.comment, mine.reference], [service, 'yes', 5, 'Приняли без очереди', visit.number]);

    // Again from the same link: answered.
    await page.reload();
    await view.locator('.done').filter({ hasText: 'Вы уже ответили на этот опрос. Спасибо!' }).waitFor();
    // A damaged link: «недействительна», and no lookup at all for a token of the wrong shape.
    const damaged = link.hash.slice(0, -2) + (link.hash.endsWith('AA') ? 'BB' : 'AA');
    await page.goto(`${env.server.url}/${damaged}`);
    await page.reload();
    await view.locator('[role="alert"]').filter({ hasText: 'Ссылка на опрос недействительна' }).waitFor();
    await noAxe(page, 'an invalid survey link');
    assert.deepEqual(errors.filter((e) => !/status of 404/.test(e)), []);
    await page.context().close();
  });
});
