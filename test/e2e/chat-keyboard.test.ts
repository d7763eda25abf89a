// «Keyboard-only chat»: the script tag on the demo page, the real server and Chromium, and only
// the keyboard (Tab, Shift+Tab, Space, Enter, arrows, typing). From the launcher through the
// opening form, the assistant's answer, «Позвать оператора», an operator's reply (a socket.io
// client on '/chat-operator') answered with Enter, «Завершить чат» and its confirmation, to a
// survey answered with the radios. At every step focus is where the citizen expects it, never lost to
// <body>, and on screen and not covered (WCAG 2.4.11). The panel is non-modal: Tab leaves it,
// Shift+Tab comes back.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { CHAT_OPERATOR_NAMESPACE } from '../../src/protocol/chat.js';
import { axe, newPage, useServerAndBrowser } from '../helpers/e2e.js';
import { call, socketTo } from '../helpers/socket-events.js';

/** Monday 16 March 2026, 12:00 in Moscow: operators at work (08–22), whenever the test runs. */
const START = Date.parse('2026-03-16T09:00:00Z');
const started = Date.now();
/** A strong token (32 random bytes): the server refuses weak ones. */
const TOKEN = 'Xb8Rk3Nw6Tq1Vm9Hd4Lc7Pz2Fs5Gy0Je3Ua8Wo1Ki6';
const env = useServerAndBrowser({ before, after }, { operatorToken: TOKEN, now: () => START + (Date.now() - started) });

const chat = (page: Page) => page.locator('gs-support-widget').locator('gs-chat');
const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** Where focus is, through shadow roots, and whether the citizen can see it. */
interface Focus {
  /** The shadow hosts on the way down, outermost first. */
  hosts: string[];
  tag: string;
  id: string;
  type: string;
  /** aria-label, else the text of its <label>, else its own text. */
  name: string;
  /** Inside the viewport, entirely. */
  inViewport: boolean;
  /** What is on top at its centre is the element itself (or inside it, or its label). */
  onTop: boolean;
  box: string;
}

function focused(page: Page): Promise<Focus> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    const hosts: string[] = [];
    while (el?.shadowRoot?.activeElement) {
      hosts.push(el.tagName.toLowerCase());
      el = el.shadowRoot.activeElement;
    }
    if (!el) return { hosts, tag: '', id: '', type: '', name: '', inViewport: false, onTop: false, box: '' };
    const input = el as HTMLInputElement;
    const label = input.labels?.[0]?.textContent ?? '';
    const name = (el.getAttribute('aria-label') ?? (label || (el as HTMLElement).innerText || '')).replace(/\s+/g, ' ').trim().slice(0, 80);
    const r = el.getBoundingClientRect();
    const inViewport = r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
    // The element at the focused element's centre, down through open shadow roots.
    let hit: Element | null = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    while (hit?.shadowRoot) {
      const inner: Element | null = hit.shadowRoot.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (!inner || inner === hit) break;
      hit = inner;
    }
    const onTop = !!hit && (hit === el || el.contains(hit) || (input.labels ? [...input.labels].some((l) => l.contains(hit)) : false));
    return { hosts, tag: el.tagName.toLowerCase(), id: el.id, type: input.type ?? '', name, inViewport, onTop, box: `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)}` };
  });
}

/**
 * Focus is on a control of the widget (with `inWidget: false`, anywhere on the page but <body>),
 * entirely inside the viewport, and not covered or clipped (what is at its centre is the element).
 */
async function visibleFocus(page: Page, step: string, { inWidget = true }: { inWidget?: boolean } = {}): Promise<Focus> {
  let f = await focused(page);
  const fail = (what: string): Focus => assert.fail(`${what} — ${step}: ${JSON.stringify(f)}`);
  if (f.tag === 'body' || f.tag === '') return fail('focus lost to <body>');
  // The host page's own links are the page's business; the widget's controls must be seen.
  if (!inWidget && f.hosts[0] !== 'gs-support-widget') return f;
  if (f.hosts[0] !== 'gs-support-widget') return fail('focus left the widget');
  // A smooth scroll may still be bringing it into view: a moment for that.
  for (let i = 0; i < 20 && !(f.inViewport && f.onTop); i++) {
    await page.waitForTimeout(50);
    f = await focused(page);
  }
  if (!f.inViewport) return fail('the focused element is not entirely inside the viewport');
  if (!f.onTop) return fail('the focused element is covered or scrolled out of the panel');
  return f;
}

/** Presses `key` and checks where focus went. */
async function press(page: Page, key: string, step: string, options: { inWidget?: boolean } = {}): Promise<Focus> {
  await page.keyboard.press(key);
  return visibleFocus(page, `${key} (${step})`, options);
}

/** Presses Tab (or Shift+Tab) until `matches` (each stop checked), at most `max` times. */
async function tabUntil(page: Page, matches: (f: Focus) => boolean, step: string, { back = false, max = 15, inWidget = true }: { back?: boolean; max?: number; inWidget?: boolean } = {}): Promise<Focus> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    const f = await press(page, back ? 'Shift+Tab' : 'Tab', step, { inWidget });
    if (matches(f)) return f;
    seen.push(`${f.tag}#${f.id} «${f.name.slice(0, 30)}»`);
  }
  return assert.fail(`${step}: never reached; passed ${seen.join(' → ')}`);
}

/** Waits until focus is on what `matches` (focus moved by the widget after an async step). */
async function focusSettles(page: Page, matches: (f: Focus) => boolean, step: string): Promise<Focus> {
  const until = Date.now() + 10_000;
  for (;;) {
    const f = await focused(page);
    if (matches(f)) return visibleFocus(page, step);
    if (Date.now() > until) return assert.fail(`${step}: focus is on ${JSON.stringify(f)}`);
    await page.waitForTimeout(50);
  }
}

const isButton = (name: string) => (f: Focus) => f.tag === 'button' && f.name === name;
const isField = (id: string) => (f: Focus) => f.id === id;

const operatorSocket = (): Promise<Socket> => socketTo(env.server.url, CHAT_OPERATOR_NAMESPACE, { auth: { token: TOKEN, operatorName: 'Орлова Н. Д.' } });

describe('chat by keyboard alone', () => {
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let op: Socket;
  let conversationId = '';

  before(async () => {
    ({ context, page, errors } = await newPage(env.browser));
    op = await operatorSocket();
  });
  after(async () => {
    op?.close();
    await context?.close();
  });

  it('from the launcher through the opening form to the assistant\'s answer', async () => {
    await page.goto(`${env.server.url}/`);
    await page.waitForFunction(() => 'GovSupport' in window);
    // Through the page's links, Tab reaches the launcher (the last thing on the page).
    const launcher = await tabUntil(page, isButton('Помощь'), 'to the launcher', { max: 80, inWidget: false });
    assert.deepEqual(launcher.hosts, ['gs-support-widget']);
    await page.keyboard.press('Enter');
    const heading = await focusSettles(page, (f) => f.tag === 'h2', 'the panel opened: its heading');
    assert.equal(heading.name, 'Служба поддержки');

    await tabUntil(page, (f) => f.tag === 'button' && f.name.startsWith('Онлайн-чат'), 'to «Онлайн-чат»');
    await page.keyboard.press('Enter');
    const chatHeading = await focusSettles(page, (f) => f.tag === 'h2' && f.name === 'Онлайн-чат', 'the chat view: its heading');
    assert.equal(chatHeading.id, 'title');
    // The chat's file arrives and the form appears (the citizen waits for it as well).
    await chat(page).locator('gs-chat-opening').getByRole('button', { name: 'Начать чат' }).waitFor();

    // What is needed: the radios; Space picks the first, the arrows move between them and choose.
    const kind = await tabUntil(page, (f) => f.type === 'radio', 'to the kind radios');
    assert.equal(kind.name, 'Техническая проблема');
    await press(page, 'Space', 'pick «Техническая проблема»');
    const application = await press(page, 'ArrowDown', 'arrow to «Вопрос по заявлению»');
    assert.equal(application.name, 'Вопрос по заявлению');
    const opening = chat(page).locator('gs-chat-opening');
    assert.equal(await opening.getByRole('radio', { name: 'Вопрос по заявлению' }).isChecked(), true);
    const technical = await press(page, 'ArrowUp', 'back to «Техническая проблема»');
    assert.equal(technical.name, 'Техническая проблема');
    assert.equal(await opening.getByRole('radio', { name: 'Техническая проблема' }).isChecked(), true);

    const summary = await press(page, 'Tab', 'to the summary');
    assert.equal(summary.id, 'summary');
    await page.keyboard.type('Не приходит код подтверждения');
    const question = await press(page, 'Tab', 'to the question');
    assert.equal(question.id, 'question');
    await page.keyboard.type('Как восстановить пароль от личного кабинета?');
    assert.equal(await opening.getByRole('textbox', { name: 'Коротко, о чём вопрос' }).inputValue(), 'Не приходит код подтверждения');
    assert.equal(await opening.getByRole('textbox', { name: 'Ваш вопрос' }).inputValue(), 'Как восстановить пароль от личного кабинета?');
    // The optional name and contact are passed by.
    assert.equal((await press(page, 'Tab', 'to the name')).id, 'name');
    assert.equal((await press(page, 'Tab', 'to the contact')).id, 'contact');
    const start = await press(page, 'Tab', 'to «Начать чат»');
    assert.equal(start.name, 'Начать чат');
    await page.keyboard.press('Enter');

    // The chat started: focus in the message field, the assistant answers from the knowledge base.
    const composer = await focusSettles(page, isField('composer'), 'the chat started: the message field');
    assert.deepEqual(composer.hosts, ['gs-support-widget', 'gs-support-panel', 'gs-chat', 'gs-chat-composer']);
    const answer = chat(page).locator('gs-chat-log li.message').filter({ hasText: 'Виртуальный помощник' }).first();
    await answer.waitFor({ timeout: 10_000 });
    assert.match(squash(await answer.textContent()), /Из статьи «Как восстановить пароль или логин\?»/);
    const stays = await visibleFocus(page, 'the answer came: focus stays in the message field', );
    assert.equal(stays.id, 'composer');
  });

  it('«Позвать оператора», the operator\'s reply, the citizen answers with Enter', async () => {
    const handoff = await tabUntil(page, isButton('Позвать оператора'), 'back to «Позвать оператора»', { back: true });
    assert.deepEqual(handoff.hosts, ['gs-support-widget', 'gs-support-panel', 'gs-chat']);
    await page.keyboard.press('Enter');
    await chat(page).locator('gs-chat-log li.system').filter({ hasText: 'Вы в очереди к оператору.' }).waitFor();
    await chat(page).locator('gs-chat-queue p[role="status"]').filter({ hasText: 'Вы следующий в очереди.' }).waitFor();
    assert.equal(await chat(page).getByRole('button', { name: 'Позвать оператора' }).count(), 0, 'the button goes once queued');
    // The button went: focus is in the message field.
    const afterHandoff = await visibleFocus(page, 'after «Позвать оператора»');
    assert.equal(afterHandoff.id, 'composer', `focus in the message field: ${JSON.stringify(afterHandoff)}`);

    const list = await call(op, 'op:list');
    const waiting = (list.waiting as { conversationId: string; summary: string }[]).find((c) => c.summary === 'Не приходит код подтверждения');
    assert.ok(waiting, JSON.stringify(list));
    conversationId = waiting.conversationId;
    assert.equal((await call(op, 'op:take', { conversationId })).ok, true);
    const reply = await call(op, 'op:reply', { conversationId, clientId: randomUUID(), text: 'Здравствуйте! На какой номер должен приходить код?' });
    assert.equal(reply.ok, true, JSON.stringify(reply));
    await chat(page).locator('gs-chat-log li.message').filter({ hasText: 'На какой номер должен приходить код?' }).waitFor();

    // New messages came while focus stayed in the message field: it is still in view.
    assert.equal((await visibleFocus(page, 'the operator replied')).id, 'composer');
    await page.keyboard.type('На номер, оканчивающийся на 89');
    await page.keyboard.press('Enter');
    // Acknowledged by the server: the log shows it without «Отправляется…» (a pending message is
    // drawn at once, before the server has stored it).
    await chat(page).locator('gs-chat-log li.message:not(.pending)').filter({ hasText: 'На номер, оканчивающийся на 89' }).waitFor();
    const stillThere = await visibleFocus(page, 'sent with Enter');
    assert.equal(stillThere.id, 'composer', 'focus stays in the message field');
    assert.equal(await chat(page).getByRole('textbox', { name: 'Сообщение' }).inputValue(), '', 'the field is emptied');
    const history = await call(op, 'op:history', { conversationId, lastSeenSeq: 0 });
    const texts = (history.messages as { author: string; text: string }[]).filter((m) => m.author === 'citizen').map((m) => m.text);
    assert.deepEqual(texts, ['Как восстановить пароль от личного кабинета?', 'На номер, оканчивающийся на 89']);
  });

  it('the panel is non-modal: Tab leaves it after its last control, Shift+Tab comes back', async () => {
    // After the message field: «Отправить», «Прикрепить файлы», then «Завершить чат», the panel's last control.
    assert.equal((await press(page, 'Tab', 'to «Отправить»')).name, 'Отправить');
    assert.equal((await press(page, 'Tab', 'to «Прикрепить файлы»')).name, 'Прикрепить файлы');
    const last = await press(page, 'Tab', 'to «Завершить чат»');
    assert.deepEqual([last.hosts, last.name], [['gs-support-widget', 'gs-support-panel', 'gs-chat'], 'Завершить чат']);
    // Tab goes on past the panel (the widget is the page's last element): out of the document,
    // then to the page's first link. No trap, and the panel stays open.
    const stops: Focus[] = [];
    for (let i = 0; i < 3 && stops.at(-1)?.tag !== 'a'; i++) {
      await page.keyboard.press('Tab');
      stops.push(await focused(page));
    }
    assert.ok(stops.every((f) => !f.hosts.includes('gs-support-widget')), `Tab left the widget: ${JSON.stringify(stops)}`);
    assert.deepEqual([stops.at(-1)!.hosts, stops.at(-1)!.tag, stops.at(-1)!.name], [[], 'a', 'Перейти к основному содержанию']);
    assert.equal(await page.locator('gs-support-widget').locator('[role="dialog"]').isVisible(), true, 'the panel stays open');
    // Backwards from the page's first link: into the panel at its last control.
    let back = await focused(page);
    for (let i = 0; i < 3 && !back.hosts.includes('gs-support-widget'); i++) {
      await page.keyboard.press('Shift+Tab');
      back = await focused(page);
    }
    assert.deepEqual([back.hosts, back.name], [last.hosts, 'Завершить чат'], 'Shift+Tab comes back to «Завершить чат»');
    await visibleFocus(page, 'back on «Завершить чат»');
  });

  it('«Завершить чат», confirmed, then the survey with the radios; axe finds nothing', async () => {
    // «Нет, продолжить» first: the chat goes on.
    await page.keyboard.press('Enter');
    await focusSettles(page, isButton('Да, завершить'), 'the confirmation');
    assert.equal((await press(page, 'Tab', 'to «Нет, продолжить»')).name, 'Нет, продолжить');
    await page.keyboard.press('Enter');
    await chat(page).getByRole('button', { name: 'Завершить чат' }).waitFor();
    // Focus comes back to «Завершить чат».
    const kept = await focusSettles(page, isButton('Завершить чат'), 'the chat goes on after «Нет, продолжить»');
    assert.deepEqual(kept.hosts, ['gs-support-widget', 'gs-support-panel', 'gs-chat']);

    await page.keyboard.press('Enter');
    const confirm = await focusSettles(page, isButton('Да, завершить'), 'the confirmation');
    assert.deepEqual(confirm.hosts, ['gs-support-widget', 'gs-support-panel', 'gs-chat']);
    assert.equal(squash(await chat(page).getByRole('group').textContent()), 'Завершить чат? Продолжить его будет нельзя. Да, завершить Нет, продолжить');
    assert.equal((await press(page, 'Tab', 'to «Нет, продолжить»')).name, 'Нет, продолжить');
    await press(page, 'Shift+Tab', 'back to «Да, завершить»');
    await page.keyboard.press('Enter');
    const end = chat(page).locator('gs-chat-end');
    await end.getByRole('heading', { name: 'Чат завершён' }).waitFor();
    assert.equal(squash(await end.locator('section').first().locator('p').first().textContent()), 'Вы завершили чат.');
    assert.equal((await call(op, 'op:history', { conversationId, lastSeenSeq: 0 })).messages.at(-1).systemKind, 'closed');
    // Focus is on the end view's heading.
    const ended = await focusSettles(page, (f) => f.id === 'end-title', 'the chat ended: «Чат завершён»');
    assert.deepEqual([ended.hosts.at(-1), ended.tag, ended.name], ['gs-chat-end', 'h3', 'Чат завершён']);

    // The chat's end is the survey of issue 17 (the chat's own rating only without one): its file arrives.
    await end.locator('gs-survey-form').locator('legend').first().waitFor();
    const first = await tabUntil(page, (f) => f.type === 'radio', 'to the survey');
    assert.deepEqual([first.hosts.at(-1), first.name], ['gs-survey-form', 'Да']);
    await press(page, 'Space', '«Да»');
    const rating = await press(page, 'Tab', 'to the rating');
    assert.equal(rating.name, '1 — очень плохо');
    await press(page, 'Space', 'score 1');
    const survey = end.locator('gs-survey-form');
    assert.equal(await survey.getByRole('radio', { name: '1 — очень плохо' }).isChecked(), true);
    for (const name of ['2 — плохо', '3 — удовлетворительно', '4 — хорошо', '5 — отлично']) assert.equal((await press(page, 'ArrowRight', name)).name, name);
    assert.equal((await press(page, 'ArrowLeft', 'back to 4')).name, '4 — хорошо');
    assert.equal(await survey.getByRole('radio', { name: '4 — хорошо' }).isChecked(), true, 'the arrows choose as they move');
    const comment = await press(page, 'Tab', 'to the comment');
    assert.equal(comment.id, 'comment');
    await page.keyboard.type('Быстро ответили');
    const share = await press(page, 'Tab', 'to «Можно показать оператору…»');
    assert.equal(share.name, 'Можно показать оператору, от кого этот отзыв');
    const send = await press(page, 'Tab', 'to «Отправить ответ»');
    assert.equal(send.name, 'Отправить ответ');
    await page.keyboard.press('Enter');
    // The form went: focus is on what replaced it.
    const thanked = await focusSettles(page, (f) => f.id === 'done', 'the answer sent: «Спасибо! Ваш ответ принят.»');
    assert.equal(thanked.hosts.at(-1), 'gs-survey-form');
    assert.match(thanked.name, /^Спасибо! Ваш ответ принят\./);

    const res = await fetch(`${env.server.url}/operator/api/surveys?channel=chat`, { headers: { authorization: `Bearer ${TOKEN}`, 'x-operator-name': encodeURIComponent('Петрова А. С.') } });
    assert.equal(res.status, 200, await res.clone().text());
    const { items } = (await res.json()) as { items: { resolved: string; rating: number; comment?: string; reference?: string }[] };
    assert.deepEqual(items.map((i) => [i.resolved, i.rating, i.comment, i.reference]), [['yes', 4, 'Быстро ответили', undefined]], 'the answer, not whose chat it was');
    assert.deepEqual(await axe(page, 'gs-support-widget'), [], 'axe: ended and answered');
    assert.deepEqual(errors, []);
  });
});
