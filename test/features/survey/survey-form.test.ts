import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { GsSurveyForm } from '../../../src/features/survey/survey-form.js';
import type { GsSurveyView } from '../../../src/features/survey/survey-view.js';
import type { GsSurveyAnsweredEvent } from '../../../src/features/survey/index.js';
import '../../../src/index.js';
import type { SurveyView } from '../../../src/protocol/quality.js';
import { fakeFetch, json } from '../../helpers/fake-fetch.js';
import { deepActiveElement, fixture, MONDAY_NOON_MSK, settle, text } from '../../helpers/fixture.js';

const config = { backend: 'http://backend.test' };
const TOKEN = 'request.MjAyNi0wMDAxMjM.AbCdEfGhIjKlMnOpQrStUv';
const ANSWER = { resolved: 'partly', rating: 4, shareWithOperator: false, answeredAt: new Date(MONDAY_NOON_MSK).toISOString() };
const ANSWERED = () => json({ error: { code: 'conflict', message: 'Вы уже ответили на этот опрос. Спасибо!' } }, 409);

const root = (el: Element) => el.shadowRoot!;
const $ = <T extends HTMLElement = HTMLElement>(el: Element, selector: string) => root(el).querySelector<T>(selector);
/** The focused element as `tag#id.class` (a failed check prints this, not the element). */
const focused = () => {
  const el = deepActiveElement();
  return el ? `${el.localName}${el.id ? `#${el.id}` : ''}${[...el.classList].map((c) => `.${c}`).join('')}` : 'nothing';
};
const pause = (ms = 20) => new Promise((r) => setTimeout(r, ms));

async function mount(handler: Parameters<typeof fakeFetch>[0]) {
  network = fakeFetch(handler);
  return fixture<GsSurveyForm>(html`<gs-survey-form token=${TOKEN}></gs-survey-form>`, { config });
}
async function choose(el: GsSurveyForm, id: string) {
  $<HTMLInputElement>(el, `#${id}`)!.click();
  await settle(el);
}
function type(el: GsSurveyForm, value: string) {
  const area = $<HTMLTextAreaElement>(el, '#comment')!;
  area.value = value;
  area.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}
async function send(el: GsSurveyForm) {
  $<HTMLButtonElement>(el, 'button[type=submit]')!.click();
  await pause();
  await settle(el);
}
const sentBodies = () => network!.calls.filter((c) => c.init?.method === 'POST').map((c) => JSON.parse(String(c.init!.body)) as Record<string, unknown>);

let network: ReturnType<typeof fakeFetch> | undefined;

describe('gs-survey-form', () => {
  afterEach(() => {
    network?.restore();
    network = undefined;
  });

  it('asks «Решён ли ваш вопрос?» and a rating in named radio groups, an optional comment with a count, and the sharing choice off', async () => {
    const el = await mount(() => json(ANSWER, 201));
    const r = root(el);
    expect(text(r.querySelector('h3'))).to.equal('Оцените, пожалуйста, как мы помогли');
    const [resolved, rating] = [...r.querySelectorAll('fieldset')];
    expect(text(resolved!.querySelector('legend'))).to.equal('Решён ли ваш вопрос?');
    expect([...resolved!.querySelectorAll('label')].map((l) => text(l))).to.deep.equal(['Да', 'Частично', 'Нет']);
    expect(text(rating!.querySelector('legend'))).to.equal('Оцените работу поддержки');
    expect([...rating!.querySelectorAll('label')].map((l) => text(l))).to.deep.equal(['1 — очень плохо', '2 — плохо', '3 — удовлетворительно', '4 — хорошо', '5 — отлично']);
    expect(rating!.getAttribute('aria-describedby')).to.equal('rating-hint');
    expect(text(r.querySelector('label[for=comment]'))).to.equal('Комментарий (необязательно)');
    expect(text(r.querySelector('.count'))).to.equal('Осталось 1 000 символов');
    const share = $<HTMLInputElement>(el, '#share')!;
    expect(share.checked, 'off by default').to.equal(false);
    expect(text(share.closest('label'))).to.equal('Можно показать оператору, от кого этот отзыв');
    expect(text($(el, '#share-hint'))).to.equal('Если не отмечать, оператор увидит ваш ответ, но не узнает, от кого он.');
    await expect(el).to.be.accessible();
  });

  it('sending nothing chosen: the error summary takes focus and links to each group; each group says what to choose; nothing is sent', async () => {
    const el = await mount(() => json(ANSWER, 201));
    await send(el);
    expect(network!.calls).to.deep.equal([]);
    const summary = $(el, 'gs-error-summary')!;
    await waitUntil(() => focused() === 'div.summary', `focus is on ${focused()}`);
    const links = [...summary.shadowRoot!.querySelectorAll('a')];
    expect(links.map((a) => text(a))).to.deep.equal(['Выберите, решён ли ваш вопрос', 'Выберите оценку от 1 до 5']);
    expect(text($(el, '#resolved-error'))).to.equal('Ошибка: Выберите, решён ли ваш вопрос');
    expect(text($(el, '#rating-error'))).to.equal('Ошибка: Выберите оценку от 1 до 5');
    expect($(el, 'fieldset')!.getAttribute('aria-describedby')).to.equal('resolved-error');
    expect($(el, '#resolved')!.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
    links[1]!.click();
    await settle(el);
    expect(focused()).to.equal('input#rating');
    // A choice takes its error away at once.
    await choose(el, 'rating-3');
    expect($(el, '#rating-error')).to.equal(null);
    expect($(el, '#resolved-error')).not.to.equal(null);
  });

  it('a comment over 1000 characters: counted over, refused with the field\'s message; numbers like a СНИЛС are said to be hidden', async () => {
    const el = await mount(() => json(ANSWER, 201));
    await choose(el, 'resolved');
    await choose(el, 'rating-5');
    type(el, 'я'.repeat(1003));
    await settle(el);
    expect(text($(el, '.count'))).to.equal('Превышено на 3 символа');
    await send(el);
    expect(network!.calls).to.deep.equal([]);
    expect(text($(el, '#comment-error'))).to.equal('Ошибка: Слишком длинно: не больше 1000 символов');
    expect($(el, '#comment')!.getAttribute('aria-describedby')).to.equal('comment-hint comment-error');
    type(el, 'Мой СНИЛС 112-233-445 95');
    await settle(el);
    expect(text($(el, '.form-control [role=status]'))).to.contain('мы скроем');
    await expect(el).to.be.accessible();
  });

  it('sends the answer once, then a thank-you takes focus and is announced; the event says which survey', async () => {
    const el = await mount(() => json(ANSWER, 201));
    let answered = '';
    el.addEventListener('gs-survey-answered', (e: GsSurveyAnsweredEvent) => (answered = e.token));
    await choose(el, 'resolved-partly');
    await choose(el, 'rating-4');
    type(el, '  Долго, но помогли  ');
    await choose(el, 'share');
    await send(el);
    expect(network!.calls.map((c) => c.url)).to.deep.equal([`http://backend.test/surveys/${TOKEN}`]);
    expect(sentBodies()).to.deep.equal([{ resolved: 'partly', rating: 4, comment: 'Долго, но помогли', shareWithOperator: true }]);
    await waitUntil(() => focused() === 'div#done.done', `focus is on ${focused()}`);
    const done = $(el, '#done')!;
    expect(done.getAttribute('role')).to.equal('status');
    expect(text(done)).to.equal('Спасибо! Ваш ответ принят. Мы учтём его, чтобы работать лучше.');
    expect($(el, 'form'), 'the form went').to.equal(null);
    expect(answered).to.equal(TOKEN);
    await expect(el).to.be.accessible();
  });

  it('409: «Вы уже ответили на этот опрос. Спасибо!» shown as done, not as an error', async () => {
    const el = await mount(ANSWERED);
    await choose(el, 'resolved');
    await choose(el, 'rating-5');
    await send(el);
    await waitUntil(() => focused() === 'div#done.done', `focus is on ${focused()}`);
    expect(text($(el, '#done'))).to.equal('Вы уже ответили на этот опрос. Спасибо!');
    expect($(el, '.problem'), 'no error box').to.equal(null);
    expect($(el, '[role=alert]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('offline: nothing typed is lost, the problem takes focus, «Отправить ещё раз» sends the same answer', async () => {
    let offline = true;
    const el = await mount(() => (offline ? Promise.reject(new TypeError('Failed to fetch')) : json(ANSWER, 201)));
    await choose(el, 'resolved-no');
    await choose(el, 'rating-2');
    type(el, 'Не дозвонились');
    await send(el);
    await waitUntil(() => focused() === 'div#problem.problem', `focus is on ${focused()}`);
    expect(text($(el, '#problem'))).to.contain('Нет связи с сервером. Ваш ответ сохранён здесь');
    expect($<HTMLInputElement>(el, '#resolved-no')!.checked).to.equal(true);
    expect($<HTMLInputElement>(el, '#rating-2')!.checked).to.equal(true);
    expect($<HTMLTextAreaElement>(el, '#comment')!.value).to.equal('Не дозвонились');
    await expect(el).to.be.accessible();
    offline = false;
    $<HTMLButtonElement>(el, '#problem button')!.click();
    await pause();
    await settle(el);
    await waitUntil(() => $(el, '#done') !== null);
    expect(sentBodies()).to.deep.equal([
      { resolved: 'no', rating: 2, comment: 'Не дозвонились', shareWithOperator: false },
      { resolved: 'no', rating: 2, comment: 'Не дозвонились', shareWithOperator: false },
    ]);
  });

  it('429 and a server failure keep the answer and say when to try again; the server\'s field errors land on their fields', async () => {
    let answer: () => Response = () => json({ error: { code: 'rate_limited', message: 'Слишком много.', retryAfterSeconds: 30 } }, 429);
    const el = await mount(() => answer());
    await choose(el, 'resolved');
    await choose(el, 'rating-5');
    await send(el);
    expect(text($(el, '#problem'))).to.contain('Повторите через 30 с');
    expect($<HTMLInputElement>(el, '#rating-5')!.checked).to.equal(true);
    answer = () => json({ error: { code: 'internal', message: 'Ошибка.' } }, 500);
    await send(el);
    expect(text($(el, '#problem'))).to.contain('Не удалось отправить ответ');
    answer = () => json({ error: { code: 'validation_failed', message: 'Проверьте.', issues: [{ path: ['comment'], code: 'too_long', message: 'Слишком длинно' }] } }, 400);
    await send(el);
    await waitUntil(() => focused() === 'div.summary', `focus is on ${focused()}`);
    expect(text($(el, '#comment-error'))).to.contain('Слишком длинно');
    await expect(el).to.be.accessible();
  });

  it('keyboard only: arrows choose in each group, Tab moves between groups, Enter sends', async () => {
    const el = await mount(() => json(ANSWER, 201));
    $<HTMLInputElement>(el, '#resolved')!.focus();
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowRight' });
    await settle(el);
    expect(focused()).to.equal('input#resolved-partly');
    expect($<HTMLInputElement>(el, '#resolved-partly')!.checked, 'the arrows choose as they move').to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(focused(), 'one Tab stop per group').to.equal('input#rating');
    await sendKeys({ press: 'Space' });
    for (const id of ['rating-2', 'rating-3', 'rating-4']) {
      await sendKeys({ press: 'ArrowDown' });
      expect(focused()).to.equal(`input#${id}`);
    }
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal('textarea#comment');
    await sendKeys({ type: 'Спасибо' });
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal('input#share');
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal('button.button-primary');
    await sendKeys({ press: 'Enter' });
    await pause();
    await waitUntil(() => focused() === 'div#done.done', `focus is on ${focused()}`);
    expect(sentBodies()).to.deep.equal([{ resolved: 'partly', rating: 4, comment: 'Спасибо', shareWithOperator: false }]);
  });

  it('«Не сейчас» folds it away without losing anything; «Ответить на опрос» brings it back', async () => {
    const el = await mount(() => json(ANSWER, 201));
    await choose(el, 'resolved-partly');
    type(el, 'Черновик ответа');
    await settle(el);
    [...root(el).querySelectorAll('button')].find((b) => text(b) === 'Не сейчас')!.click();
    await settle(el);
    expect($(el, 'form')).to.equal(null);
    expect(focused()).to.equal('button#reopen.button-secondary');
    expect($(el, '#reopen')!.getAttribute('aria-expanded')).to.equal('false');
    await expect(el).to.be.accessible();
    $(el, '#reopen')!.click();
    await settle(el);
    expect(focused()).to.equal('input#resolved');
    expect($<HTMLInputElement>(el, '#resolved-partly')!.checked).to.equal(true);
    expect($<HTMLTextAreaElement>(el, '#comment')!.value).to.equal('Черновик ответа');
    expect(network!.calls).to.deep.equal([]);
  });
});

describe('gs-survey-view (a survey link)', () => {
  afterEach(() => {
    network?.restore();
    network = undefined;
  });

  const view = (over: Partial<SurveyView> = {}): SurveyView => ({ channel: 'request', reference: '2026-000123', finishedAt: new Date(MONDAY_NOON_MSK).toISOString(), answered: false, ...over });
  async function open(handler: Parameters<typeof fakeFetch>[0], token = TOKEN) {
    network = fakeFetch(handler);
    const el = await fixture<GsSurveyView>(html`<gs-survey-view .prefill=${{ token }}></gs-survey-view>`, { config });
    await pause();
    await settle(el);
    return el;
  }

  it('says what the survey is about, for every channel, then shows the survey', async () => {
    const about: [Partial<SurveyView>, string][] = [
      [{}, 'Обращение № 2026-000123'],
      [{ channel: 'callback', reference: 'CB-000042' }, 'Обратный звонок № CB-000042'],
      [{ channel: 'visit', reference: 'V-000007' }, 'Запись в офис № V-000007'],
      [{ channel: 'chat', reference: undefined }, 'Чат от 16 марта 2026 г. в 12:00 МСК'],
    ];
    for (const [over, heading] of about) {
      const el = await open(() => json(view(over)));
      expect(network!.calls[0]!.url).to.equal(`http://backend.test/surveys/${TOKEN}`);
      expect(text($(el, 'h3.about'))).to.equal(heading);
      const form = $(el, 'gs-survey-form') as GsSurveyForm;
      expect(form.token).to.equal(TOKEN);
      expect(text(form.shadowRoot!.querySelector('h4'))).to.equal('Оцените, пожалуйста, как мы помогли');
      await expect(el).to.be.accessible();
      network!.restore();
    }
  });

  it('answered before: «Вы уже ответили на этот опрос», no form', async () => {
    const el = await open(() => json(view({ answered: true })));
    expect(text($(el, '.done'))).to.equal('Вы уже ответили на этот опрос. Спасибо!');
    expect($(el, 'gs-survey-form')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('a 404: «Ссылка на опрос недействительна»; a failure offers to try again', async () => {
    const invalid = await open(() => json({ error: { code: 'not_found', message: 'Опрос не найден.' } }, 404));
    expect(text($(invalid, '[role=alert]'))).to.contain('Ссылка на опрос недействительна');
    await expect(invalid).to.be.accessible();
    network!.restore();
    let fail = true;
    const el = await open(() => (fail ? Promise.reject(new TypeError('Failed to fetch')) : json(view())));
    expect(text($(el, '[role=alert]'))).to.contain('Не удалось загрузить опрос');
    fail = false;
    $<HTMLButtonElement>(el, '[role=alert] button')!.click();
    await pause();
    await settle(el);
    expect(text($(el, 'h3.about'))).to.equal('Обращение № 2026-000123');
  });
});
