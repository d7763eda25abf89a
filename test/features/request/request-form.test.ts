import { expect, html } from '@open-wc/testing';
import type { GsRequestForm } from '../../../src/features/request/request-form.js';
import '../../../src/index.js';
import { fakeFetch, json } from '../../helpers/fake-fetch.js';
import { fixture, settle } from '../../helpers/fixture.js';

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
    type(el, 'type', 'technical');
    type(el, 'fullName', 'Иванова Мария');
    type(el, 'phone', '+7 912 345-67-89');
    type(el, 'email', 'maria\u0040example.ru');
    type(el, 'description', 'Не могу войти в личный кабинет уже два дня подряд.');
    const consent = el.shadowRoot!.querySelector<HTMLInputElement>('#consent')!;
    consent.checked = true;
    consent.dispatchEvent(new Event('change'));
    await settle(el);
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
});
