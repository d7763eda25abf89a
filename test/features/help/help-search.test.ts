import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { GsHelpSearch } from '../../../src/features/help/help-search.js';
import type { GsSupportWidget } from '../../../src/panel/support-widget.js';
import '../../../src/index.js';
import type { FaqResults } from '../../../src/protocol/faq.js';
import { fakeFetch, json } from '../../helpers/fake-fetch.js';
import { deep, fixedClock, fixture, MONDAY_NOON_MSK, settle, storeWith, text } from '../../helpers/fixture.js';

const config = { backend: 'http://backend.test' };

const PASSWORD = {
  id: 'password-recovery',
  title: 'Как восстановить пароль или логин?',
  body: 'На странице входа нажмите «Восстановить».\n\nЕсли не получается, напишите в поддержку.',
  score: 7.5,
};
const results = (items: FaqResults['items'], query = 'забыл пароль'): Response => json({ lang: 'ru', query, suggested: false, items });

async function search(el: GsHelpSearch, query: string) {
  const input = el.shadowRoot!.querySelector<HTMLInputElement>('#q')!;
  input.focus();
  input.value = query;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  el.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
  await settle(el);
}

describe('gs-help-search', () => {
  let network: ReturnType<typeof fakeFetch>;
  afterEach(() => network.restore());

  it('finds articles in the knowledge base: titles as disclosures, the text in paragraphs, the count announced', async () => {
    network = fakeFetch(() => results([PASSWORD, { id: 'login', title: 'Не получается войти', body: 'Проверьте раскладку.' }]));
    const el = await fixture<GsHelpSearch>(html`<gs-help-search></gs-help-search>`, { config });
    await search(el, '  забыл пароль ');
    await waitUntil(() => el.shadowRoot!.querySelector('.results'), 'results shown');
    const url = new URL(network.calls[0]!.url);
    expect(`${url.origin}${url.pathname}`).to.equal('http://backend.test/faq');
    expect(Object.fromEntries(url.searchParams)).to.deep.equal({ q: 'забыл пароль', lang: 'ru' });
    const summaries = [...el.shadowRoot!.querySelectorAll('summary')].map((s) => text(s));
    expect(summaries).to.deep.equal(['Как восстановить пароль или логин?', 'Не получается войти']);
    expect(text(el.shadowRoot!.querySelector('[role="status"]')!)).to.equal('Нашлось 2 статьи');
    const first = el.shadowRoot!.querySelector('details')!;
    first.querySelector('summary')!.click();
    await settle(el);
    expect([...first.querySelectorAll('.article p')].map((p) => text(p))).to.deep.equal([
      'На странице входа нажмите «Восстановить».',
      'Если не получается, напишите в поддержку.',
    ]);
    expect(text(el.shadowRoot!.querySelector('.outcome')!)).to.equal('Не нашли ответ? Выберите способ связи ниже.');
    await expect(el).to.be.accessible();
  });

  it('searches by itself after a pause in typing, and only the latest search is shown', async () => {
    const answers: Record<string, FaqResults['items']> = { код: [], 'код sms': [PASSWORD] };
    network = fakeFetch((url) => results(answers[new URL(url).searchParams.get('q')!] ?? [], new URL(url).searchParams.get('q')!));
    const el = await fixture<GsHelpSearch>(html`<gs-help-search></gs-help-search>`, { config });
    el.shadowRoot!.querySelector<HTMLInputElement>('#q')!.focus();
    await sendKeys({ type: 'ко' });
    await new Promise((r) => setTimeout(r, 600));
    expect(network.calls, 'two letters are not searched by themselves').to.have.length(0);
    await sendKeys({ type: 'д sms' });
    await waitUntil(() => el.shadowRoot!.querySelector('.results'), 'searched after the pause', { timeout: 3000 });
    expect(network.calls.map((c) => new URL(c.url).searchParams.get('q'))).to.deep.equal(['код sms']);
  });

  it('shows article text as text: markup from the knowledge base is never HTML', async () => {
    network = fakeFetch(() => results([{ id: 'x', title: '<b>Заголовок</b>', body: '<img src=x onerror="window.__helpXss=1">' }]));
    const el = await fixture<GsHelpSearch>(html`<gs-help-search></gs-help-search>`, { config });
    await search(el, 'пароль');
    await waitUntil(() => el.shadowRoot!.querySelector('.results'));
    el.shadowRoot!.querySelector('summary')!.click();
    await settle(el);
    expect(el.shadowRoot!.querySelector('img, b')).to.equal(null);
    expect(text(el.shadowRoot!.querySelector('summary')!)).to.equal('<b>Заголовок</b>');
    expect((window as unknown as { __helpXss?: number }).__helpXss).to.equal(undefined);
  });

  it('nothing found: says so and points to the ways to reach support; a failure keeps the text and offers to search again', async () => {
    let fail = false;
    network = fakeFetch(() => (fail ? json({ error: { code: 'internal', message: 'x' } }, 503) : results([])));
    const el = await fixture<GsHelpSearch>(html`<gs-help-search></gs-help-search>`, { config });
    await search(el, 'погода на Марсе');
    await waitUntil(() => el.shadowRoot!.querySelector('.notice'));
    expect(text(el.shadowRoot!.querySelector('.notice')!)).to.equal('В справке ничего не нашлось. Попробуйте другие слова. Не нашли ответ? Выберите способ связи ниже.');
    expect(text(el.shadowRoot!.querySelector('[role="status"]')!)).to.equal('В справке ничего не нашлось. Попробуйте другие слова.');
    fail = true;
    await search(el, 'погода на Марсе');
    await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'));
    expect(text(el.shadowRoot!.querySelector('[role="alert"] p')!)).to.equal('Поиск сейчас не работает. Повторите чуть позже или выберите способ связи ниже.');
    expect(el.shadowRoot!.querySelector<HTMLInputElement>('#q')!.value).to.equal('погода на Марсе');
    fail = false;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[role="alert"] button')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('.notice'), 'searched again');
    await expect(el).to.be.accessible();
  });

  it('too long: a specific message at the field, the text kept, nothing sent', async () => {
    network = fakeFetch(() => results([]));
    const el = await fixture<GsHelpSearch>(html`<gs-help-search></gs-help-search>`, { config });
    const long = 'пароль '.repeat(40);
    await search(el, long);
    expect(network.calls).to.have.length(0);
    expect(text(el.shadowRoot!.querySelector('#q-error')!)).to.equal('Ошибка:Запрос слишком длинный: не больше 200 символов');
    expect(el.shadowRoot!.querySelector('#q')!.getAttribute('aria-describedby')).to.equal('q-hint q-error');
    expect(el.shadowRoot!.querySelector<HTMLInputElement>('#q')!.value).to.equal(long);
    await expect(el).to.be.accessible();
  });

  it('in English on an English page', async () => {
    network = fakeFetch(() => json({ lang: 'en', query: 'password', suggested: false, items: [{ ...PASSWORD, title: 'How do I recover my password or login?' }] }));
    const el = await fixture<GsHelpSearch>(html`<gs-help-search></gs-help-search>`, { config: { ...config, locale: 'en' } });
    expect(text(el.shadowRoot!.querySelector('label')!)).to.equal('Search the help articles');
    await search(el, 'password');
    await waitUntil(() => el.shadowRoot!.querySelector('.results'));
    expect(new URL(network.calls[0]!.url).searchParams.get('lang')).to.equal('en');
    expect(text(el.shadowRoot!.querySelector('[role="status"]')!)).to.equal('1 article found');
  });

  it('is on the home view, above the ways to reach support', async () => {
    network = fakeFetch(() => json({}));
    const store = storeWith(config);
    const widget = await fixture<GsSupportWidget>(html`<gs-support-widget open .store=${store} .clock=${fixedClock(MONDAY_NOON_MSK)}></gs-support-widget>`);
    await waitUntil(() => deep(widget, 'gs-home-view').shadowRoot!.querySelector('gs-help-search'), 'the help search arrives');
    const home = deep(widget, 'gs-home-view').shadowRoot!;
    const order = [...home.children].map((c) => c.localName);
    expect(order.indexOf('gs-help-search')).to.be.lessThan(order.indexOf('ul'));
    await expect(widget).to.be.accessible();
  });
});
