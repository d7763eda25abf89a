import { expect, html } from '@open-wc/testing';
import type { GsRequestForm } from '../../../src/features/request/request-form.js';
import '../../../src/index.js';
import { fakeFetch, json } from '../../helpers/fake-fetch.js';
import { deepActiveElement, fixture, settle, text } from '../../helpers/fixture.js';

/** The focused element as `tag#id.class` (a failed check prints this, not the element). */
const focused = () => {
  const el = deepActiveElement();
  return el ? `${el.localName}${el.id ? `#${el.id}` : ''}${[...el.classList].map((c) => `.${c}`).join('')}` : 'nothing';
};
const nameOf = (el: Element | null | undefined) => (el ? `${el.localName}${el.id ? `#${el.id}` : ''}${[...el.classList].map((c) => `.${c}`).join('')}` : 'nothing');


const config = { backend: 'http://backend.test' };

async function form() {
  const el = await fixture<GsRequestForm>(html`<gs-request-form></gs-request-form>`, { config });
  indexedDB.deleteDatabase('gov-support-widget');
  return el;
}

function type(el: GsRequestForm, id: string, value: string) {
  const input = el.shadowRoot!.querySelector<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(`#${id}`)!;
  input.value = value;
  input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true, composed: true }));
  return input;
}

const errorOf = (el: GsRequestForm, id: string) => el.shadowRoot!.querySelector(`#${id}-error`)?.textContent?.replace(/\s+/g, ' ').trim();
const summaryLinks = (el: GsRequestForm) => [...el.shadowRoot!.querySelector('gs-error-summary')!.shadowRoot!.querySelectorAll('a')].map((a) => text(a));

async function fillValid(el: GsRequestForm) {
  type(el, 'type', 'technical');
  type(el, 'fullName', 'Иванова Мария');
  type(el, 'phone', '+7 912 345-67-89');
  const email = el.shadowRoot!.querySelector<HTMLInputElement>('#answerChannel')!;
  email.checked = true;
  email.dispatchEvent(new Event('change'));
  type(el, 'email', 'maria\u0040example.ru');
  type(el, 'description', 'Не могу войти в личный кабинет уже два дня подряд.');
  const consent = el.shadowRoot!.querySelector<HTMLInputElement>('#consent')!;
  consent.checked = true;
  consent.dispatchEvent(new Event('change'));
  await settle(el);
}

describe('gs-request-form', () => {
  let network: ReturnType<typeof fakeFetch> | undefined;
  afterEach(() => network?.restore());

  it('shows an error only once the field was changed and left', async () => {
    const el = await form();
    const name = type(el, 'fullName', 'Иванова');
    await settle(el);
    expect(errorOf(el, 'fullName'), 'not on a keystroke').to.equal(undefined);
    name.dispatchEvent(new FocusEvent('blur'));
    await settle(el);
    expect(errorOf(el, 'fullName')).to.equal('Ошибка: Укажите фамилию и имя (и отчество, если есть) буквами');
    expect(el.shadowRoot!.querySelector('#fullName')!.getAttribute('aria-describedby')).to.equal('fullName-hint fullName-error');
    type(el, 'fullName', 'Иванова Мария');
    await settle(el);
    expect(errorOf(el, 'fullName'), 'fixed while typing').to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('puts the server’s field errors on the same fields, in the widget’s own words for their code', async () => {
    network = fakeFetch(() =>
      json(
        {
          error: {
            code: 'validation_failed',
            message: 'Данные запроса не прошли проверку.',
            issues: [{ path: ['phone'], code: 'phone', message: 'Укажите российский номер' }],
          },
        },
        400,
      ),
    );
    const el = await form();
    await fillValid(el);
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.submit')!.click();
    await new Promise((r) => setTimeout(r, 50));
    await settle(el);
    expect(network.calls[0]!.url).to.equal('http://backend.test/requests');
    expect((network.calls[0]!.init!.headers as Record<string, string>)['idempotency-key']).to.match(/^[0-9a-f-]{36}$/);
    // The catalogue's text for the code `phone`, not the server's shorter message.
    expect(errorOf(el, 'phone')).to.equal('Ошибка: Укажите российский номер: +7 и 10 цифр, например +7 912 345-67-89');
    const summary = el.shadowRoot!.querySelector('gs-error-summary')!;
    expect(summary.shadowRoot!.textContent).to.contain('Телефон: Укажите российский номер: +7 и 10 цифр');
    // What was typed stays.
    expect(el.shadowRoot!.querySelector<HTMLInputElement>('#fullName')!.value).to.equal('Иванова Мария');
    await expect(el).to.be.accessible();
  });

  it('says what to do for each kind of control under «Есть проблема», and chooses no answer for the citizen', async () => {
    const el = await form();
    const channels = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name=answerChannel]')];
    expect(channels.filter((r) => r.checked), 'no preselected answer channel').to.deep.equal([]);
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.submit')!.click();
    await settle(el);
    const summary = el.shadowRoot!.querySelector('gs-error-summary')!;
    expect(text(summary.shadowRoot!.querySelector('h3'))).to.equal('Есть проблема');
    // A select, inputs, radios, a textarea and the consent: «Выберите…», «Введите…», «Опишите…», what to confirm.
    expect(summaryLinks(el)).to.deep.equal([
      'Выберите тему обращения',
      'Введите фамилию, имя и отчество',
      'Введите номер телефона',
      'Выберите, как прислать ответ',
      'Опишите ситуацию',
      'Подтвердите согласие на обработку персональных данных',
    ]);
    expect(errorOf(el, 'type')).to.equal('Ошибка: Выберите тему обращения');
    expect(errorOf(el, 'answerChannel')).to.equal('Ошибка: Выберите, как прислать ответ');
    const consentLabel = text(el.shadowRoot!.querySelector('#consent')!.closest('label'));
    expect(errorOf(el, 'consent')).to.equal('Ошибка: Подтвердите согласие на обработку персональных данных');
    expect(consentLabel).to.not.contain('Подтвердите');
    expect(text(summary.shadowRoot), 'no count in the heading').to.not.match(/\d+ ошиб/);
    await expect(el).to.be.accessible();
    // E-mail chosen by the citizen, left empty: what to do, not whom to blame.
    const email = el.shadowRoot!.querySelector<HTMLInputElement>('#answerChannel')!;
    email.checked = true;
    email.dispatchEvent(new Event('change'));
    await settle(el);
    expect(errorOf(el, 'email')).to.equal('Ошибка: Введите адрес электронной почты или выберите другой способ ответа');
    expect(summaryLinks(el)).to.include('Введите адрес электронной почты или выберите другой способ ответа');
    await expect(el).to.be.accessible();
  });

  it('shows the server’s «required» for a field in that field’s own words, like its own check', async () => {
    network = fakeFetch(() =>
      json({ error: { code: 'validation_failed', message: 'Данные запроса не прошли проверку.', issues: [{ path: ['type'], code: 'required', message: 'Заполните это поле' }] } }, 400),
    );
    const el = await form();
    await fillValid(el);
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.submit')!.click();
    await new Promise((r) => setTimeout(r, 50));
    await settle(el);
    expect(errorOf(el, 'type')).to.equal('Ошибка: Выберите тему обращения');
    expect(summaryLinks(el)).to.deep.equal(['Выберите тему обращения']);
  });

  it('keeps focus on the send button while sending (aria-disabled, never disabled), then moves it to the problem', async () => {
    let fail!: () => void;
    network = fakeFetch(() => new Promise<Response>((_resolve, reject) => (fail = () => reject(new TypeError('Failed to fetch')))));
    const el = await form();
    await fillValid(el);
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('button.submit')!;
    button.focus();
    button.click();
    await settle(el);
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(button.disabled, 'a disabled button would drop focus to the page').to.equal(false);
    expect(focused()).to.equal(nameOf(button));
    button.click();
    await settle(el);
    expect(network.calls.length, 'a second click while sending is ignored').to.equal(1);
    await expect(el).to.be.accessible();
    fail();
    await new Promise((r) => setTimeout(r, 20));
    await settle(el);
    const problem = el.shadowRoot!.querySelector('.problem[role=alert]')!;
    expect(text(problem)).to.contain('Нет связи с сервером');
    expect(focused(), 'focus on the problem, not on the page').to.equal(nameOf(problem));
    expect(button.getAttribute('aria-disabled')).to.equal('false');
    await expect(el).to.be.accessible();
  });
});
