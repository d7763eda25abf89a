import { expect, html, waitUntil } from '@open-wc/testing';
import type { GsStatusLookup } from '../../../src/features/status/status-lookup.js';
import type { GsSupportWidget } from '../../../src/panel/support-widget.js';
import type { GsNavigateEvent } from '../../../src/events/widget-events.js';
import '../../../src/index.js';
import type { RequestStatusView } from '../../../src/protocol/status.js';
import { fakeFetch, json } from '../../helpers/fake-fetch.js';
import { deep, deepActiveElement, fixture, MONDAY_NOON_MSK, settle, storeWith, text } from '../../helpers/fixture.js';

/** The focused element as `tag#id.class` (a failed check prints this, not the element). */
const focused = () => {
  const el = deepActiveElement();
  return el ? `${el.localName}${el.id ? `#${el.id}` : ''}${[...el.classList].map((c) => `.${c}`).join('')}` : 'nothing';
};
const nameOf = (el: Element | null | undefined) => (el ? `${el.localName}${el.id ? `#${el.id}` : ''}${[...el.classList].map((c) => `.${c}`).join('')}` : 'nothing');


const config = { backend: 'http://backend.test' };
const RECENT_KEY = 'gov-support-widget:recent-status';
const HOUR = 3_600_000;

const VIEW: RequestStatusView = {
  number: '2026-000123',
  status: 'in_progress',
  statusChangedAt: new Date(MONDAY_NOON_MSK - 2 * HOUR).toISOString(),
  createdAt: new Date(MONDAY_NOON_MSK - 26 * HOUR).toISOString(),
  answerDueAt: new Date(MONDAY_NOON_MSK + 22 * HOUR).toISOString(),
  overdue: false,
  history: [
    { status: 'registered', at: new Date(MONDAY_NOON_MSK - 26 * HOUR).toISOString() },
    { status: 'in_progress', at: new Date(MONDAY_NOON_MSK - 2 * HOUR).toISOString(), comment: 'Проверяем данные в ведомстве.\nОтветим завтра.' },
  ],
};
const found = (view: Partial<RequestStatusView> = {}) => json({ ...VIEW, ...view, watchToken: 'tok.en' });
const notFound = () => json({ error: { code: 'not_found', message: 'Обращение не найдено.' } }, 404);

/** A stand-in for the browser's EventSource: records what was opened and lets a test push events. */
class FakeEventSource extends EventTarget {
  static readonly CLOSED = 2;
  static opened: FakeEventSource[] = [];
  readyState = 1;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    super();
    FakeEventSource.opened.push(this);
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
  push(view: RequestStatusView) {
    this.dispatchEvent(new MessageEvent('status', { data: JSON.stringify(view) }));
  }
}

const root = (el: Element) => el.shadowRoot!;
function type(el: Element, id: string, value: string) {
  const input = root(el).querySelector<HTMLInputElement>(`#${id}`)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}
const submit = async (el: GsStatusLookup) => {
  root(el).querySelector<HTMLButtonElement>('button[type=submit]')!.click();
  await new Promise((r) => setTimeout(r, 20));
  await settle(el);
};
async function lookup(el: GsStatusLookup, number = '2026-000123', factor = 'K7M4Q9TZ') {
  type(el, 'number', number);
  type(el, 'factor', factor);
  await submit(el);
}

describe('gs-status-lookup', () => {
  let network: ReturnType<typeof fakeFetch> | undefined;
  const NativeEventSource = window.EventSource;
  beforeEach(() => {
    localStorage.removeItem(RECENT_KEY);
    FakeEventSource.opened = [];
    (window as { EventSource: unknown }).EventSource = FakeEventSource;
  });
  afterEach(() => {
    network?.restore();
    network = undefined;
    window.EventSource = NativeEventSource;
    localStorage.removeItem(RECENT_KEY);
  });

  it('shows the status with its explanation, Moscow times, the history newest first with comments, and the due date', async () => {
    network = fakeFetch(() => found());
    const el = await fixture<GsStatusLookup>(html`<gs-status-lookup></gs-status-lookup>`, { config });
    await expect(el).to.be.accessible();
    await lookup(el, ' 2026-000123 ', ' K7M4Q9TZ ');
    expect(network.calls[0]!.url).to.equal('http://backend.test/requests/lookup');
    expect(JSON.parse(String(network.calls[0]!.init!.body))).to.deep.equal({ number: '2026-000123', factor: 'K7M4Q9TZ' });
    const r = root(el);
    expect(text(r.querySelector('.result-title'))).to.equal('Номер обращения 2026-000123');
    expect(deepActiveElement()).to.equal(r.querySelector('.result-title'));
    expect(text(r.querySelector('.badge'))).to.equal('Текущий статус: В работе');
    expect(text(r)).to.contain('Специалист разбирается в вашем вопросе.');
    expect(text(r)).to.contain('Изменён 16 марта 2026 г. в 10:00 МСК');
    expect([...r.querySelectorAll('dt, dd')].map((d) => text(d))).to.deep.equal([
      'Зарегистрировано',
      '15 марта 2026 г. в 10:00 МСК',
      'Ожидаемый срок ответа',
      '17 марта 2026 г. в 10:00 МСК',
    ]);
    const steps = [...r.querySelectorAll('.history li')].map((li) => text(li));
    expect(steps).to.deep.equal([
      'В работе — 16 марта 2026 г. в 10:00 МСК Комментарий специалиста: Проверяем данные в ведомстве. Ответим завтра.',
      'Зарегистрировано — 15 марта 2026 г. в 10:00 МСК',
    ]);
    expect(r.querySelector('.overdue')).to.equal(null);
    expect(getComputedStyle(r.querySelector('.badge')!).borderTopColor).to.equal('rgb(178, 107, 0)');
    await expect(el).to.be.accessible();
  });

  it('updates live from the watch stream and announces the new status', async () => {
    network = fakeFetch(() => found());
    const el = await fixture<GsStatusLookup>(html`<gs-status-lookup></gs-status-lookup>`, { config });
    await lookup(el);
    expect(FakeEventSource.opened.map((s) => s.url)).to.deep.equal(['http://backend.test/requests/watch?token=tok.en']);
    const stream = FakeEventSource.opened[0]!;
    stream.push(VIEW);
    await settle(el);
    expect(text(root(el).querySelector('.live'))).to.equal('Статус обновится здесь сам, когда специалист его изменит.');
    const changedAt = new Date(MONDAY_NOON_MSK).toISOString();
    stream.push({ ...VIEW, status: 'completed', statusChangedAt: changedAt, history: [...VIEW.history, { status: 'completed', at: changedAt, comment: 'Ответ отправлен на почту.' }] });
    await settle(el);
    await settle(el);
    expect(text(root(el).querySelector('.badge'))).to.equal('Текущий статус: Завершено');
    expect(text(root(el).querySelector('.history li'))).to.contain('Ответ отправлен на почту.');
    expect(text(root(el).querySelector('dl')), 'no due date once final').not.to.contain('Ожидаемый срок');
    expect(text(root(el).querySelector('.visually-hidden[role=status]'))).to.equal('Статус обновлён: Завершено');
    stream.onerror!();
    await settle(el);
    expect(text(root(el).querySelector('.live'))).to.equal('Нет связи: обновления статуса придут, когда связь появится.');
    await expect(el).to.be.accessible();
    el.remove();
    expect(stream.readyState, 'closed with the view').to.equal(FakeEventSource.CLOSED);
  });

  it('says «not found» for a wrong number or factor and keeps what was typed', async () => {
    network = fakeFetch(() => notFound());
    const el = await fixture<GsStatusLookup>(html`<gs-status-lookup></gs-status-lookup>`, { config });
    await lookup(el, '2026-000999', '+7 912 345-67-89');
    expect(text(root(el).querySelector('.problem[role=alert]'))).to.equal(
      'Обращение не найдено. Проверьте номер и код — или укажите телефон либо e‑mail, которые вы оставили в обращении.',
    );
    expect(root(el).querySelector<HTMLInputElement>('#number')!.value).to.equal('2026-000999');
    expect(root(el).querySelector<HTMLInputElement>('#factor')!.value).to.equal('+7 912 345-67-89');
    expect(localStorage.getItem(RECENT_KEY), 'a failed lookup is not remembered').to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('keeps focus on «Проверить статус» while checking (aria-disabled, never disabled), then moves it to the problem, not the page', async () => {
    let answer!: (r: Response) => void;
    network = fakeFetch(() => new Promise<Response>((resolve) => (answer = resolve)));
    const el = await fixture<GsStatusLookup>(html`<gs-status-lookup></gs-status-lookup>`, { config });
    type(el, 'number', '2026-000999');
    type(el, 'factor', 'ZZZZ9999');
    const button = root(el).querySelector<HTMLButtonElement>('button[type=submit]')!;
    button.focus();
    button.click();
    await settle(el);
    expect(text(button)).to.equal('Проверяем…');
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(button.disabled).to.equal(false);
    expect(focused()).to.equal(nameOf(button));
    await expect(el).to.be.accessible();
    answer(notFound());
    await new Promise((r) => setTimeout(r, 20));
    await settle(el);
    const problem = root(el).querySelector('.problem[role=alert]')!;
    expect(focused()).to.equal(nameOf(problem));
    expect(problem.getAttribute('tabindex')).to.equal('-1');
    await expect(el).to.be.accessible();
  });

  it('keeps the request number whole in the result, draws «Проверить другое обращение» as a bordered button, and keeps «e‑mail» whole', async () => {
    network = fakeFetch(() => found());
    const el = await fixture<GsStatusLookup>(html`<gs-status-lookup></gs-status-lookup>`, { config });
    expect(text(root(el).querySelector('label[for=factor]'))).to.equal('Код проверки, телефон или e\u2011mail');
    await lookup(el);
    el.parentElement!.style.width = '8em';
    await settle(el);
    const number = root(el).querySelector('.result-title .number')!;
    expect(text(number)).to.equal('2026-000123');
    expect(number.getClientRects().length, 'one line, not broken at the hyphen').to.equal(1);
    const another = [...root(el).querySelectorAll<HTMLButtonElement>('.actions button')].find((b) => text(b) === 'Проверить другое обращение')!;
    const style = getComputedStyle(another);
    expect(style.borderTopStyle).to.equal('solid');
    expect(style.borderTopColor).to.not.equal('rgba(0, 0, 0, 0)');
    expect(getComputedStyle(another.parentElement!).flexWrap).to.equal('wrap');
    // Focused by script after the lookup: the heading shows no focus box.
    const title = root(el).querySelector<HTMLElement>('.result-title')!;
    expect(focused()).to.equal(nameOf(title));
    expect(getComputedStyle(title).outlineStyle).to.equal('none');
  });

  it('tells how long to wait after too many attempts, and does not ask the server again meanwhile', async () => {
    network = fakeFetch(() => json({ error: { code: 'rate_limited', message: 'Слишком много попыток.', retryAfterSeconds: 42 } }, 429));
    const el = await fixture<GsStatusLookup>(html`<gs-status-lookup></gs-status-lookup>`, { config });
    await lookup(el);
    expect(text(root(el).querySelector('.problem'))).to.equal('Слишком много неудачных попыток. Повторить можно через 42 секунды.');
    await submit(el);
    expect(network.calls.length).to.equal(1);
    expect(root(el).querySelector<HTMLInputElement>('#factor')!.value).to.equal('K7M4Q9TZ');
    await expect(el).to.be.accessible();
  });

  it('says when the server cannot be reached and keeps the input', async () => {
    network = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const el = await fixture<GsStatusLookup>(html`<gs-status-lookup></gs-status-lookup>`, { config });
    await lookup(el);
    expect(text(root(el).querySelector('.problem'))).to.equal('Нет связи с сервером. Введённое сохранено: повторите, когда связь появится.');
    expect(root(el).querySelector<HTMLInputElement>('#number')!.value).to.equal('2026-000123');
  });

  it('asks for both fields before sending anything', async () => {
    network = fakeFetch(() => found());
    const el = await fixture<GsStatusLookup>(html`<gs-status-lookup></gs-status-lookup>`, { config });
    await submit(el);
    expect(network.calls.length).to.equal(0);
    expect(text(root(el).querySelector('#number-error'))).to.equal('Ошибка: Введите номер обращения');
    expect(text(root(el).querySelector('#factor-error'))).to.equal('Ошибка: Введите код проверки, телефон или e‑mail');
    expect(deepActiveElement()).to.equal(root(el).querySelector('#number'));
    await expect(el).to.be.accessible();
  });

  it('offers chat, callback and a new message with the number for an overdue request (enabled channels only)', async () => {
    network = fakeFetch(() => found({ overdue: true, answerDueAt: new Date(MONDAY_NOON_MSK - HOUR).toISOString() }));
    const el = await fixture<GsStatusLookup>(html`<gs-status-lookup></gs-status-lookup>`, {
      config: { ...config, channels: { callback: { enabled: false } } },
    });
    await lookup(el);
    const overdue = root(el).querySelector('.overdue')!;
    expect(text(overdue.querySelector('p'))).to.equal('Срок ответа прошёл. Статус не изменился в обещанный срок. Напишите нам — номер обращения подставим сами.');
    const buttons = [...overdue.querySelectorAll('button')];
    expect(buttons.map((b) => text(b))).to.deep.equal(['Спросить в чате', 'Написать сообщение по обращению']);
    const navigations: GsNavigateEvent[] = [];
    el.addEventListener('gs-navigate', (e) => navigations.push(e));
    buttons[0]!.click();
    buttons[1]!.click();
    expect(navigations.map((n) => [n.view, n.prefill])).to.deep.equal([
      ['chat', { requestNumber: '2026-000123' }],
      ['request', { description: 'Обращение № 2026-000123: срок ответа прошёл. ' }],
    ]);
    await expect(el).to.be.accessible();
  });

  it('remembers numbers (never the factor) for a one-click re-check, and clears them', async () => {
    network = fakeFetch(() => found());
    const first = await fixture<GsStatusLookup>(html`<gs-status-lookup></gs-status-lookup>`, { config });
    await lookup(first);
    expect(JSON.parse(localStorage.getItem(RECENT_KEY)!)).to.deep.equal(['2026-000123']);
    expect(localStorage.getItem(RECENT_KEY)).not.to.contain('K7M4Q9TZ');
    first.remove();

    const el = await fixture<GsStatusLookup>(html`<gs-status-lookup></gs-status-lookup>`, { config });
    const recheck = root(el).querySelector<HTMLButtonElement>('.recent ul button')!;
    expect(recheck.getAttribute('aria-label')).to.equal('Проверить обращение 2026-000123');
    await expect(el).to.be.accessible();
    recheck.click();
    await new Promise((r) => setTimeout(r, 20));
    await settle(el);
    expect(network.calls.length, 'the factor typed on this page is reused').to.equal(2);
    expect(JSON.parse(String(network.calls[1]!.init!.body))).to.deep.equal({ number: '2026-000123', factor: 'K7M4Q9TZ' });
    root(el).querySelector<HTMLButtonElement>('.actions .button-secondary')!.click();
    await settle(el);
    const clear = [...root(el).querySelectorAll<HTMLButtonElement>('.recent > button')].find((b) => text(b) === 'Очистить список')!;
    clear.click();
    await settle(el);
    expect(localStorage.getItem(RECENT_KEY)).to.equal(null);
    expect(root(el).querySelector('.recent')).to.equal(null);
    expect(deepActiveElement()).to.equal(root(el).querySelector('#number'));
  });

  it('looks up at once with { number, code } from the confirmation; with a number only, asks for the factor', async () => {
    network = fakeFetch(() => found());
    const el = await fixture<GsStatusLookup>(html`<gs-status-lookup .prefill=${{ number: '2026-000123', code: 'K7M4Q9TZ' }}></gs-status-lookup>`, { config });
    await new Promise((r) => setTimeout(r, 20));
    await settle(el);
    expect(network.calls.length).to.equal(1);
    expect(text(root(el).querySelector('.badge'))).to.equal('Текущий статус: В работе');

    const other = await fixture<GsStatusLookup>(html`<gs-status-lookup .prefill=${{ number: '2026-000777' }}></gs-status-lookup>`, { config });
    expect(root(other).querySelector<HTMLInputElement>('#number')!.value).to.equal('2026-000777');
    expect(deepActiveElement()).to.equal(root(other).querySelector('#factor'));
    expect(network.calls.length).to.equal(1);
  });
});

describe('the survey of a finished request (issue 17)', () => {
  let network: ReturnType<typeof fakeFetch> | undefined;
  const NativeEventSource = window.EventSource;
  const SURVEY = { token: 'request.MjAyNi0wMDAxMjM.AbCdEfGhIjKlMnOpQrStUv', answered: false };
  const FINAL: Partial<RequestStatusView> = { status: 'completed', statusChangedAt: new Date(MONDAY_NOON_MSK).toISOString() };
  beforeEach(() => {
    FakeEventSource.opened = [];
    (window as { EventSource: unknown }).EventSource = FakeEventSource;
  });
  afterEach(() => {
    network?.restore();
    network = undefined;
    window.EventSource = NativeEventSource;
    localStorage.removeItem(RECENT_KEY);
  });

  it('a final request with a survey: the survey shows under the result (its file fetched), focus stays on the result', async () => {
    network = fakeFetch(() => found({ ...FINAL, survey: SURVEY }));
    const el = await fixture<GsStatusLookup>(html`<gs-status-lookup></gs-status-lookup>`, { config });
    await lookup(el);
    await waitUntil(() => root(el).querySelector('gs-survey-form'), 'the survey arrives');
    const form = root(el).querySelector('gs-survey-form')!;
    expect(form.token).to.equal(SURVEY.token);
    await settle(el);
    expect(text(form.shadowRoot!.querySelector('h4'))).to.equal('Оцените, пожалуйста, как мы помогли');
    expect(focused()).to.equal('h3.result-title');
    await expect(el).to.be.accessible();
  });

  it('answered before: a line «вы уже оценили», no form; no survey: nothing', async () => {
    network = fakeFetch(() => found({ ...FINAL, survey: { ...SURVEY, answered: true } }));
    const el = await fixture<GsStatusLookup>(html`<gs-status-lookup></gs-status-lookup>`, { config });
    await lookup(el);
    expect(text(root(el).querySelector('.survey-answered'))).to.equal('Спасибо, вы уже оценили, как мы помогли.');
    expect(root(el).querySelector('gs-survey-form')).to.equal(null);
    network.restore();
    network = fakeFetch(() => found());
    const open = await fixture<GsStatusLookup>(html`<gs-status-lookup></gs-status-lookup>`, { config });
    await lookup(open);
    await settle(open);
    expect(root(open).querySelector('gs-survey-form, .survey-answered')).to.equal(null);
  });

  it('the final status arriving live brings the survey', async () => {
    network = fakeFetch(() => found());
    const el = await fixture<GsStatusLookup>(html`<gs-status-lookup></gs-status-lookup>`, { config });
    await lookup(el);
    expect(root(el).querySelector('gs-survey-form')).to.equal(null);
    FakeEventSource.opened[0]!.push({ ...VIEW, ...FINAL, survey: SURVEY });
    await settle(el);
    await waitUntil(() => root(el).querySelector('gs-survey-form'), 'the survey arrives with the final status');
    expect(text(root(el).querySelector('.badge'))).to.equal('Текущий статус: Завершено');
  });
});

describe('survey link', () => {
  let network: ReturnType<typeof fakeFetch> | undefined;
  afterEach(() => {
    network?.restore();
    history.replaceState(null, '', location.pathname + location.search);
  });

  it('#gs-survey=<token> opens the panel on the survey: what it is about, then the form', async () => {
    const token = 'callback.Q0ItMjAyNi0wMDAwNDI.AbCdEfGhIjKlMnOpQrStUv';
    network = fakeFetch((url) =>
      url.includes('/surveys/')
        ? json({ channel: 'callback', reference: 'CB-2026-000042', finishedAt: new Date(MONDAY_NOON_MSK).toISOString(), answered: false })
        : json({ error: { code: 'not_found', message: 'Нет.' } }, 404),
    );
    history.replaceState(null, '', `${location.pathname}${location.search}#gs-survey=${token}`);
    const el = await fixture<GsSupportWidget>(html`<gs-support-widget .store=${storeWith(config)}></gs-support-widget>`, { config });
    await settle(el);
    expect(el.open).to.equal(true);
    expect(text(el.shadowRoot!.querySelector('#title'))).to.equal('Опрос о качестве помощи');
    await waitUntil(() => el.shadowRoot!.querySelector('gs-survey-view')?.shadowRoot?.querySelector('h3.about'), 'the survey view shows');
    const view = deep(el, 'gs-survey-view');
    expect(network.calls.map((c) => c.url).filter((url) => url.includes('/surveys/'))).to.deep.equal([`http://backend.test/surveys/${token}`]);
    expect(text(root(view).querySelector('h3.about'))).to.equal('Обратный звонок № CB-2026-000042');
    await waitUntil(() => root(view).querySelector('gs-survey-form'));
    await expect(el).to.be.accessible();
  });

  it('a token of another shape is not looked up: the panel stays closed', async () => {
    network = fakeFetch(() => json({}));
    history.replaceState(null, '', `${location.pathname}${location.search}#gs-survey=${encodeURIComponent('<script>.x.y')}`);
    const el = await fixture<GsSupportWidget>(html`<gs-support-widget .store=${storeWith(config)}></gs-support-widget>`, { config });
    expect(el.open).to.equal(false);
    expect(network.calls, 'no request at all').to.deep.equal([]);
  });
});

describe('tracking link', () => {
  afterEach(() => history.replaceState(null, '', location.pathname + location.search));

  it('opens the panel on the status view with the number filled in (parameter name from config)', async () => {
    history.replaceState(null, '', `${location.pathname}${location.search}#track=2026-000555`);
    const store = storeWith({ ...config, statusParam: 'track' });
    const el = await fixture<GsSupportWidget>(html`<gs-support-widget .store=${store}></gs-support-widget>`, { config });
    await settle(el);
    expect(el.open).to.equal(true);
    // The lookup's file arrives after the panel opens (at once here: every channel is loaded).
    await waitUntil(() => el.shadowRoot!.querySelector('gs-status-lookup'));
    const lookup = deep<GsStatusLookup>(el, 'gs-status-lookup');
    await settle(lookup);
    expect(root(lookup).querySelector<HTMLInputElement>('#number')!.value).to.equal('2026-000555');
    expect(deepActiveElement()).to.equal(root(lookup).querySelector('#factor'));
    await expect(el).to.be.accessible();
  });

  it('is left alone under another parameter name', async () => {
    history.replaceState(null, '', `${location.pathname}${location.search}#gs-status=2026-000555`);
    const store = storeWith({ ...config, statusParam: 'track' });
    const el = await fixture<GsSupportWidget>(html`<gs-support-widget .store=${store}></gs-support-widget>`, { config });
    expect(el.open).to.equal(false);
  });
});
