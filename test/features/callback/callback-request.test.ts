import { expect, html, waitUntil } from '@open-wc/testing';
import type { GsCallbackRequest } from '../../../src/features/callback/callback-request.js';
import '../../../src/features/callback/index.js';
import type { GsNavigateEvent } from '../../../src/events/widget-events.js';
import type { GsSubmitEvent } from '../../../src/events/form-events.js';
import type { CallbackSlots, CallbackView } from '../../../src/protocol/callback.js';
import { deleteDB } from 'idb';
import { fakeFetch, json } from '../../helpers/fake-fetch.js';
import { deepActiveElement, fixture, MONDAY_NOON_MSK, settle, text } from '../../helpers/fixture.js';

/** The focused element as `tag#id.class` (a failed check prints this, not the element). */
const focused = () => {
  const el = deepActiveElement();
  return el ? `${el.localName}${el.id ? `#${el.id}` : ''}${[...el.classList].map((c) => `.${c}`).join('')}` : 'nothing';
};
const nameOf = (el: Element | null | undefined) => (el ? `${el.localName}${el.id ? `#${el.id}` : ''}${[...el.classList].map((c) => `.${c}`).join('')}` : 'nothing');


const config = { backend: 'http://backend.test' };
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
/** Monday 16 March 2026 15:00 MSK. */
const AT_15 = MONDAY_NOON_MSK + 180 * MIN;
/** Tuesday 17 March 2026 08:00 MSK. */
const TUE_8 = MONDAY_NOON_MSK + 20 * 60 * MIN;
const slot = (start: number, free = 2) => ({ start: iso(start), end: iso(start + 30 * MIN), free });

const SLOTS: CallbackSlots = {
  timeZone: 'Europe/Moscow',
  intervalMinutes: 30,
  asap: { available: true, promiseMinutes: 30, queue: 2 },
  open: true,
  slots: [slot(AT_15), slot(AT_15 + 30 * MIN), slot(TUE_8)],
  nextFree: slot(AT_15),
};

const VIEW: CallbackView = {
  number: 'CB-2026-000045',
  status: 'scheduled',
  asap: false,
  windowStart: iso(AT_15),
  windowEnd: iso(AT_15 + 30 * MIN),
  topic: 'status',
  requestNumber: '2026-000123',
  phoneMasked: '+7 (912) ***-**-89',
  createdAt: iso(MONDAY_NOON_MSK),
  attempts: 0,
};

const root = (el: Element) => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => root(el).querySelector<T>(selector)!;
async function type(el: GsCallbackRequest, id: string, value: string, leave = true) {
  const input = $<HTMLInputElement>(el, `#${id}`);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  if (leave) input.dispatchEvent(new Event('blur'));
  await settle(el);
}
async function choose(el: GsCallbackRequest, selector: string) {
  const input = $<HTMLInputElement | HTMLSelectElement>(el, selector);
  if (input instanceof HTMLInputElement) input.checked = true;
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await settle(el);
}
async function fillValid(el: GsCallbackRequest) {
  await type(el, 'phone', '8 912 345 67 89');
  await type(el, 'name', 'Анна');
  const topic = $<HTMLSelectElement>(el, '#topic');
  topic.value = 'status';
  topic.dispatchEvent(new Event('change'));
  await type(el, 'requestNumber', '2026-000123');
  const consent = $<HTMLInputElement>(el, '#consent');
  consent.checked = true;
  consent.dispatchEvent(new Event('change'));
  await settle(el);
}
async function submit(el: Element) {
  $<HTMLButtonElement>(el, 'button[type=submit]').click();
  await new Promise((r) => setTimeout(r, 30));
  await settle(el);
  await settle(el);
}
const bodyOf = (call: { init?: RequestInit | undefined }) => JSON.parse(String(call.init!.body));
const confirmation = (el: Element) => root(el).querySelector('gs-callback-confirmation')!;

describe('gs-callback-request', () => {
  let network: ReturnType<typeof fakeFetch> | undefined;
  beforeEach(() => deleteDB('gov-support-widget'));
  afterEach(() => {
    network?.restore();
    network = undefined;
  });

  async function mount(handler: (url: string, init?: RequestInit) => Response | Promise<Response>, template = html`<gs-callback-request local-time-zone="Europe/Moscow"></gs-callback-request>`) {
    network = fakeFetch(handler);
    const el = await fixture<GsCallbackRequest>(template, { config });
    await new Promise((r) => setTimeout(r, 20));
    await settle(el);
    return el;
  }

  it('checks the phone in any common format and says what is wrong in Russian', async () => {
    const el = await mount(() => json(SLOTS));
    await expect(el).to.be.accessible();
    await type(el, 'phone', '8 912 345 67 89');
    expect($<HTMLInputElement>(el, '#phone').value, 'normalised when left').to.equal('+7 (912) 345-67-89');
    expect(root(el).querySelector('#phone-error')).to.equal(null);
    for (const good of ['+7 (912) 345-67-89', '89123456789', '9123456789', '+7 912 345 67 89']) {
      await type(el, 'phone', good);
      expect(root(el).querySelector('#phone-error'), good).to.equal(null);
    }
    for (const bad of ['+1 202 555 0100', '912345678', 'телефон']) {
      await type(el, 'phone', bad);
      expect(text($(el, '#phone-error')), bad).to.equal('Ошибка: Укажите российский номер: +7 и 10 цифр, например +7 912 345-67-89');
      expect($(el, '#phone').getAttribute('aria-describedby')).to.contain('phone-error');
    }
    await expect(el).to.be.accessible();
  });

  it('books a slot: times in Moscow time, sent once with an idempotency key, confirmed with what to have at hand', async () => {
    const el = await mount((_url, init) => (init?.method === 'POST' ? json(VIEW, 201) : json(SLOTS)));
    const submitted: string[] = [];
    el.addEventListener('gs-submit', (e: GsSubmitEvent) => submitted.push(`${e.form} ${e.requestNumber}`));
    expect($<HTMLInputElement>(el, '#when').checked, 'ASAP first while offered').to.equal(true);
    expect(text($(el, '#when-asap-hint'))).to.equal('Оператор перезвонит в течение 30 минут.');
    await fillValid(el);
    await choose(el, '#when-slot');
    const times = [...root(el).querySelectorAll('input[name=slotStart]')].map((i) => text(i.closest('label')));
    expect(times).to.deep.equal(['15:00–15:30 МСК', '15:30–16:00 МСК']);
    expect([...$<HTMLSelectElement>(el, '#slotStart-day').options].map((o) => o.text)).to.deep.equal(['сегодня', 'завтра']);
    await submit(el);
    expect(text($(el, '#slotStart-error'))).to.equal('Ошибка: Выберите время звонка');
    await choose(el, 'input[name=slotStart][value="' + iso(AT_15 + 30 * MIN) + '"]');
    await expect(el).to.be.accessible();
    await submit(el);
    const post = network!.calls.find((c) => c.init?.method === 'POST')!;
    expect(post.url).to.equal('http://backend.test/callbacks');
    expect(new Headers(post.init!.headers).get('idempotency-key')).to.match(/^[0-9a-f-]{36}$/);
    expect(bodyOf(post)).to.deep.equal({
      phone: '+7 (912) 345-67-89',
      name: 'Анна',
      topic: 'status',
      requestNumber: '2026-000123',
      asap: false,
      slotStart: iso(AT_15 + 30 * MIN),
      consent: true,
    });
    expect(submitted).to.deep.equal(['callback CB-2026-000045']);
    const c = confirmation(el);
    await settle(c);
    expect(text(c.shadowRoot!.querySelector('h3'))).to.equal('Звонок заказан');
    expect(deepActiveElement()).to.equal(c.shadowRoot!.querySelector('h3'));
    expect(text(c.shadowRoot!.querySelector('dl'))).to.equal('Номер заявки на звонок CB-2026-000045 Состояние Ожидает звонка');
    expect(text(c.shadowRoot)).to.contain('Позвоним сегодня, 15:00–15:30 МСК.');
    expect([...c.shadowRoot!.querySelectorAll('li')].map((li) => text(li))).to.deep.equal([
      'ФИО полностью, как в паспорте;',
      'паспорт (серия, номер, дата выдачи);',
      'ИНН или СНИЛС;',
      'номер обращения 2026-000123.',
    ]);
    await expect(c).to.be.accessible();
  });

  it('shows slots also in the citizen’s own time when it differs from Moscow', async () => {
    const el = await mount(() => json(SLOTS), html`<gs-callback-request local-time-zone="Asia/Yekaterinburg"></gs-callback-request>`);
    await choose(el, '#when-slot');
    const first = $(el, 'input[name=slotStart]').closest('label')!;
    expect(text(first)).to.equal('15:00–15:30 МСК17:00–17:30 GMT+5 по вашему времени');
    expect(text(first.querySelector('.local'))).to.equal('17:00–17:30 GMT+5 по вашему времени');
    await expect(el).to.be.accessible();
  });

  it('offers the next free slot when the chosen one was taken meanwhile, and keeps what was typed', async () => {
    const next = slot(TUE_8);
    const el = await mount((_url, init) =>
      init?.method === 'POST'
        ? json({ error: { code: 'conflict', message: 'Это время уже занято.', nextSlot: next } }, 409)
        : json(SLOTS),
    );
    await fillValid(el);
    await choose(el, '#when-slot');
    await choose(el, 'input[name=slotStart]');
    await submit(el);
    expect(text($(el, '.problem[role=alert] p'))).to.equal('Это время только что заняли. Ближайшее свободное: завтра, 08:00–08:30 МСК.');
    expect($<HTMLInputElement>(el, '#name').value).to.equal('Анна');
    const offer = $<HTMLButtonElement>(el, '.problem button');
    expect(text(offer)).to.equal('Записаться на завтра, 08:00–08:30 МСК');
    offer.click();
    await settle(el);
    await settle(el);
    const picked = root(el).querySelector<HTMLInputElement>('input[name=slotStart]:checked')!;
    expect(picked.value).to.equal(next.start);
    expect(deepActiveElement()).to.equal(picked);
    expect($<HTMLSelectElement>(el, '#slotStart-day').value).to.equal('2026-03-17');
    await expect(el).to.be.accessible();
  });

  it('outside hours says when the next free slot is and offers it, or the request form', async () => {
    const closed: CallbackSlots = { ...SLOTS, open: false, asap: { available: false, reason: 'closed', promiseMinutes: 30, queue: 0 }, slots: [slot(TUE_8)], nextFree: slot(TUE_8) };
    const el = await mount(() => json(closed));
    expect(root(el).querySelector('input[value=asap]'), 'no ASAP while closed').to.equal(null);
    expect(text($(el, '.availability'))).to.contain('Сейчас линия обратного звонка закрыта. Ближайшее свободное время: завтра, 08:00–08:30 МСК.');
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '.availability .button-secondary:first-of-type').click();
    await settle(el);
    await settle(el);
    expect(root(el).querySelector<HTMLInputElement>('input[name=slotStart]:checked')!.value).to.equal(closed.nextFree!.start);
    const nav: GsNavigateEvent[] = [];
    el.addEventListener('gs-navigate', (e) => nav.push(e));
    await type(el, 'requestNumber', '2026-000123');
    [...root(el).querySelectorAll<HTMLButtonElement>('.availability button')].find((b) => text(b) === 'Написать в поддержку')!.click();
    expect(nav.map((e) => [e.view, e.prefill])).to.deep.equal([['request', { type: undefined, serviceNumber: '2026-000123' }]]);
  });

  it('on a holiday with every slot taken says so and offers the request form', async () => {
    const full: CallbackSlots = { ...SLOTS, open: false, asap: { available: false, reason: 'holiday', promiseMinutes: 30, queue: 0 }, slots: [] };
    delete (full as { nextFree?: unknown }).nextFree;
    const el = await mount(() => json(full));
    expect(text($(el, '.availability'))).to.equal(
      'Сегодня праздничный день: линия обратного звонка не работает. На ближайшие две недели свободного времени для звонка нет. Написать в поддержку Можно написать в поддержку — ответим письменно.',
    );
    await expect(el).to.be.accessible();
  });

  it('arrives pre-filled from the chat’s long-wait offer and sends the conversation reference', async () => {
    const el = await mount((_url, init) => (init?.method === 'POST' ? json({ ...VIEW, asap: true }, 201) : json(SLOTS)));
    el.prefill = { topic: 'technical', requestNumber: '2026-000777', conversationRef: 'conv_8Hq2' };
    await settle(el);
    expect($<HTMLSelectElement>(el, '#topic').value).to.equal('technical');
    expect($<HTMLInputElement>(el, '#requestNumber').value).to.equal('2026-000777');
    await type(el, 'phone', '+7 912 345-67-89');
    await type(el, 'name', 'Иван');
    await choose(el, '#consent');
    await submit(el);
    const body = bodyOf(network!.calls.find((c) => c.init?.method === 'POST')!);
    expect(body).to.include({ topic: 'technical', requestNumber: '2026-000777', conversationRef: 'conv_8Hq2', asap: true });
  });

  it('lists every problem in a summary that takes focus, and lands server field errors on their fields', async () => {
    const el = await mount((_url, init) =>
      init?.method === 'POST'
        ? json({ error: { code: 'validation_failed', message: 'x', issues: [{ path: ['name'], code: 'name', message: 'Укажите имя буквами' }] } }, 400)
        : json(SLOTS),
    );
    await submit(el);
    const summary = root(el).querySelector('gs-error-summary')!;
    expect(deepActiveElement()?.closest?.('gs-error-summary') ?? summary.shadowRoot!.activeElement ?? null).to.not.equal(null);
    // GOV.UK: «Есть проблема», then what to do with each kind of control; the consent's message does not repeat its label.
    expect(text(summary.shadowRoot!.querySelector('h3'))).to.equal('Есть проблема');
    expect([...summary.shadowRoot!.querySelectorAll('a')].map((a) => text(a))).to.deep.equal([
      'Введите номер телефона для звонка',
      'Введите, как к вам обращаться',
      'Выберите тему звонка',
      'Подтвердите согласие на обработку персональных данных',
    ]);
    expect(text($(el, '#topic-error'))).to.equal('Ошибка: Выберите тему звонка');
    await expect(el).to.be.accessible();
    await fillValid(el);
    await submit(el);
    expect(text($(el, '#name-error'))).to.equal('Ошибка: Укажите имя буквами');
  });

  it('cancels and reschedules with the callback number and phone', async () => {
    let view = { ...VIEW };
    const el = await mount((url, init) => {
      if (url.endsWith('/cancel')) return json((view = { ...view, status: 'cancelled' }));
      if (url.endsWith('/reschedule')) return json((view = { ...view, windowStart: iso(TUE_8), windowEnd: iso(TUE_8 + 30 * MIN) }));
      if (init?.method === 'POST') return json(view, 201);
      return json(SLOTS);
    });
    await fillValid(el);
    await choose(el, '#when-slot');
    await choose(el, 'input[name=slotStart]');
    await submit(el);
    const c = confirmation(el);
    const button = (label: string) => [...c.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === label)!;
    button('Перенести').click();
    await new Promise((r) => setTimeout(r, 20));
    await settle(c);
    await expect(c).to.be.accessible();
    const day = c.shadowRoot!.querySelector<HTMLSelectElement>('#reslot-day')!;
    day.value = '2026-03-17';
    day.dispatchEvent(new Event('change'));
    await settle(c);
    const radio = c.shadowRoot!.querySelector<HTMLInputElement>('input[name=reslot]')!;
    radio.checked = true;
    radio.dispatchEvent(new Event('change'));
    await settle(c);
    button('Перенести на это время').click();
    // The answer is rendered once the call is back (no fixed sleep: the machine may be loaded).
    await waitUntil(() => text(c.shadowRoot).includes('Позвоним завтра, 08:00–08:30 МСК.'), 'the rescheduled time shown', { timeout: 3000 });
    await settle(c);
    const resched = network!.calls.find((x) => x.url.endsWith('/reschedule'))!;
    expect(resched.url).to.equal('http://backend.test/callbacks/CB-2026-000045/reschedule');
    expect(bodyOf(resched)).to.deep.equal({ phone: '+79123456789', asap: false, slotStart: iso(TUE_8) });
    expect(text(c.shadowRoot!.querySelector('[role=status]'))).to.equal('Звонок перенесён.');
    expect(text(c.shadowRoot)).to.contain('Позвоним завтра, 08:00–08:30 МСК.');
    button('Отменить звонок').click();
    await settle(c);
    expect(text(c.shadowRoot!.querySelector('#cancel-question'))).to.equal('Отменить звонок по заявке CB-2026-000045?');
    await expect(c).to.be.accessible();
    button('Да, отменить').click();
    await new Promise((r) => setTimeout(r, 20));
    await settle(c);
    expect(bodyOf(network!.calls.find((x) => x.url.endsWith('/cancel'))!)).to.deep.equal({ phone: '+79123456789' });
    expect(text(c.shadowRoot!.querySelector('dl'))).to.contain('Отменён');
    expect(text(c.shadowRoot)).to.contain('Изменить эту заявку уже нельзя.');
    await expect(c).to.be.accessible();
  });

  it('a callback that was made, found by number and phone, shows its survey (issue 17)', async () => {
    const survey = { token: 'callback.Q0ItMjAyNi0wMDAwNDU.AbCdEfGhIjKlMnOpQrStUv', answered: false };
    const el = await mount((url) => (url.endsWith('/lookup') ? json({ ...VIEW, status: 'called', survey }) : json(SLOTS)));
    $<HTMLButtonElement>(el, '.manage button').click();
    await settle(el);
    const c = confirmation(el);
    await settle(c);
    for (const [id, value] of [['number', 'CB-2026-000045'], ['phone', '8 912 345-67-89']] as const) {
      const input = c.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    }
    await settle(c);
    c.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await waitUntil(() => c.shadowRoot!.querySelector('gs-survey-form'), 'the survey arrives');
    expect(text(c.shadowRoot!.querySelector('dl'))).to.contain('Звонок состоялся');
    expect(c.shadowRoot!.querySelector('gs-survey-form')!.token).to.equal(survey.token);
    await settle(c);
    await expect(c).to.be.accessible();
  });

  it('finds an earlier callback by number and phone; a wrong pair gets a clear message', async () => {
    const el = await mount((url) => {
      if (url.endsWith('/lookup')) return url.includes('CB-2026-000045') ? json(VIEW) : json({ error: { code: 'not_found', message: 'Не найдено' } }, 404);
      return json(SLOTS);
    });
    $<HTMLButtonElement>(el, '.manage button').click();
    await settle(el);
    const c = confirmation(el);
    await settle(c);
    await expect(c).to.be.accessible();
    const fill = async (id: string, value: string) => {
      const input = c.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
      await settle(c);
    };
    await fill('number', 'cb-2026-000099');
    await fill('phone', '8 912 345-67-89');
    c.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await new Promise((r) => setTimeout(r, 20));
    await settle(c);
    expect(text(c.shadowRoot!.querySelector('[role=alert]'))).to.equal('Заявка не найдена: проверьте номер и телефон.');
    expect(c.shadowRoot!.querySelector<HTMLInputElement>('#number')!.value).to.equal('cb-2026-000099');
    await fill('number', 'cb-2026-000045');
    c.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await new Promise((r) => setTimeout(r, 20));
    await settle(c);
    const lookup = network!.calls.filter((x) => x.url.endsWith('/lookup')).at(-1)!;
    expect(lookup.url).to.equal('http://backend.test/callbacks/CB-2026-000045/lookup');
    expect(bodyOf(lookup)).to.deep.equal({ phone: '+79123456789' });
    expect(text(c.shadowRoot!.querySelector('h3'))).to.equal('Заявка на звонок');
    expect(text(c.shadowRoot)).to.contain('Ожидает звонка');
    await expect(c).to.be.accessible();
  });

  it('after a failed send focus lands on the problem, never on the page: the booking, the lookup, the cancel', async () => {
    let answer: ((r: Response) => void) | undefined;
    const el = await mount((url, init) => {
      if (init?.method === 'POST' && !url.endsWith('/lookup')) return new Promise<Response>((resolve) => (answer = resolve));
      if (url.endsWith('/lookup')) return json({ error: { code: 'not_found', message: 'Не найдено' } }, 404);
      return json(SLOTS);
    });
    await fillValid(el);
    const send = $<HTMLButtonElement>(el, 'button.submit');
    send.focus();
    send.click();
    await settle(el);
    expect(send.getAttribute('aria-disabled')).to.equal('true');
    expect(send.disabled).to.equal(false);
    expect(focused(), 'focus stays on the button while sending').to.equal(nameOf(send));
    answer!(json({ error: { code: 'internal', message: 'x' } }, 500));
    await new Promise((r) => setTimeout(r, 20));
    await settle(el);
    expect(focused()).to.equal('div#problem.problem');
    expect(text($(el, '#problem p'))).to.contain('Не удалось отправить заявку');
    await expect(el).to.be.accessible();

    // The lookup of an earlier callback: empty fields say what to enter, focus on the first; a wrong pair, focus on the problem.
    $<HTMLButtonElement>(el, '.manage button').click();
    await settle(el);
    const c = confirmation(el);
    await settle(c);
    const find = c.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!;
    find.focus();
    find.click();
    await new Promise((r) => setTimeout(r, 20));
    await settle(c);
    expect(text(c.shadowRoot!.querySelector('#number-error'))).to.equal('Ошибка: Введите номер заявки на звонок');
    expect(text(c.shadowRoot!.querySelector('#phone-error'))).to.equal('Ошибка: Введите телефон, указанный в заявке');
    expect(focused()).to.equal('input#number');
    for (const [id, value] of [['number', 'CB-2026-000099'], ['phone', '8 912 345-67-89']]) {
      const input = c.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!;
      input.value = value!;
      input.dispatchEvent(new Event('input'));
    }
    await settle(c);
    find.focus();
    find.click();
    await new Promise((r) => setTimeout(r, 20));
    await settle(c);
    expect(focused()).to.equal('div#problem.problem');
    await expect(c).to.be.accessible();
  });

  it('a cancel that cannot reach the server moves focus to the problem; «Да, отменить» stays focusable while sending', async () => {
    let offline = false;
    const el = await mount((_url, init) => (offline ? Promise.reject(new TypeError('Failed to fetch')) : init?.method === 'POST' ? json(VIEW, 201) : json(SLOTS)));
    await fillValid(el);
    await choose(el, '#when-slot');
    await choose(el, 'input[name=slotStart]');
    await submit(el);
    const c = confirmation(el);
    const button = (label: string) => [...c.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === label)!;
    expect(getComputedStyle(button('Отменить звонок')).borderTopStyle, 'a secondary action looks like a button').to.equal('solid');
    button('Отменить звонок').click();
    await settle(c);
    offline = true;
    const yes = button('Да, отменить');
    yes.focus();
    yes.click();
    await settle(c);
    expect(yes.disabled).to.equal(false);
    await new Promise((r) => setTimeout(r, 20));
    await settle(c);
    expect(focused()).to.equal('div#problem.problem');
    expect(text(c.shadowRoot!.querySelector('#problem'))).to.contain('Нет подключения к интернету');
    await expect(c).to.be.accessible();
  });

  it('keeps a draft in IndexedDB and restores it', async () => {
    const el = await mount(() => json(SLOTS));
    await type(el, 'phone', '+7 912 345-67-89');
    await type(el, 'name', 'Анна');
    await type(el, 'comment', 'Не приходит код подтверждения');
    await new Promise((r) => setTimeout(r, 800));
    el.remove();
    const again = await mount(() => json(SLOTS));
    await new Promise((r) => setTimeout(r, 50));
    await settle(again);
    expect($<HTMLInputElement>(again, '#name').value).to.equal('Анна');
    expect($<HTMLTextAreaElement>(again, '#comment').value).to.equal('Не приходит код подтверждения');
    expect(text($(again, '.notice[role=status]'))).to.equal('Черновик восстановлен');
    await expect(again).to.be.accessible();
  });

  it('says so when the slots cannot be loaded, and retries', async () => {
    let fail = true;
    const el = await mount(() => (fail ? Promise.reject(new TypeError('Failed to fetch')) : json(SLOTS)));
    expect(text($(el, '.when [role=alert] p'))).to.equal('Не удалось загрузить свободное время. Проверьте подключение к интернету и попробуйте ещё раз.');
    await expect(el).to.be.accessible();
    fail = false;
    $<HTMLButtonElement>(el, '.when [role=alert] button').click();
    await new Promise((r) => setTimeout(r, 20));
    await settle(el);
    expect($<HTMLInputElement>(el, '#when').checked).to.equal(true);
  });
});
