import { expect, html } from '@open-wc/testing';
import type { GsContactsCard } from '../../src/panel/contacts-card.js';
import { pageConfigStore } from '../../src/config/store.js';
import '../../src/index.js';
import { fixture, MONDAY_NOON_MSK, settle, text } from '../helpers/fixture.js';

const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const everyDay = (from: string, to: string) => Object.fromEntries(days.map((d) => [d, [{ from, to }]]));

const contacts = {
  phones: [
    { label: 'Единый номер', number: '8 800 555-35-35', hours: everyDay('00:00', '24:00') },
    { label: '<b>Подтверждение личности</b>', number: '8 800 100-71-71', hours: everyDay('09:00', '21:00') },
  ],
  emails: [{ address: 'support\u0040gosuslugi.ru', hours: { mon: [{ from: '08:00', to: '20:00' }], tue: [{ from: '08:00', to: '20:00' }] } }],
  messengers: [
    { label: 'Telegram', url: 'https://t.me/support' },
    { label: 'Evil', url: 'https://example.org/ok' },
  ],
};
const config = { contacts, channels: { chat: { hours: everyDay('08:00', '22:00') } } };

describe('gs-contacts-card', () => {
  it('shows phones, e-mail, chat hours and messengers with their state now, in Moscow time', async () => {
    const el = await fixture<GsContactsCard>(html`<gs-contacts-card .available=${['chat']}></gs-contacts-card>`, { config });
    const items = [...el.shadowRoot!.querySelectorAll('li')].map(text);
    expect(items[0]).to.equal('Единый номер 8 800 555-35-35 Круглосуточно');
    expect(items[1]).to.contain('<b>Подтверждение личности</b> 8 800 100-71-71 Сейчас открыто, до 21:00 МСК');
    expect(items[1]).to.contain('Пн–Вс 09:00–21:00 (МСК)');
    expect(items[2]).to.contain('Сейчас открыто, до 20:00 МСК');
    expect(items[2]).to.contain('Пн–Вт 08:00–20:00; Ср–Вс выходной (МСК)');
    expect(text(el.shadowRoot!.querySelector('.chat'))).to.contain('Сейчас открыто, до 22:00 МСК');
    const links = [...el.shadowRoot!.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).to.deep.equal(['tel:88005553535', 'tel:88001007171', 'mailto:support\u0040gosuslugi.ru', 'https://t.me/support', 'https://example.org/ok']);
    expect(el.shadowRoot!.querySelector('b')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('says when each channel opens again', async () => {
    // Tuesday 23:30 Moscow.
    const el = await fixture<GsContactsCard>(html`<gs-contacts-card></gs-contacts-card>`, { config, now: Date.UTC(2026, 2, 17, 20, 30) });
    const items = [...el.shadowRoot!.querySelectorAll('li')].map(text);
    expect(items[1]).to.contain('Сейчас закрыто, откроется завтра в 09:00 МСК');
    expect(items[2]).to.contain('Сейчас закрыто, откроется в понедельник в 08:00 МСК');
    await expect(el).to.be.accessible();
  });

  it('drops links that are not http(s), mailto or tel', async () => {
    const el = await fixture<GsContactsCard>(html`<gs-contacts-card></gs-contacts-card>`, {
      config: { contacts: { messengers: [{ label: 'Telegram', url: 'https://t.me/x' }] } },
    });
    expect(el.shadowRoot!.querySelectorAll('a')).to.have.length(1);
    // The schema itself refuses javascript: URLs before they reach the card.
    const bad = await fixture<GsContactsCard>(html`<gs-contacts-card></gs-contacts-card>`, {
      config: { contacts: { messengers: [{ label: 'X', url: 'javascript:alert(1)' }] } } as never,
    });
    expect(bad.shadowRoot!.querySelector('a')).to.equal(null);
  });

  it('gives no chat hours while the chat is not a channel the panel can open', async () => {
    const el = await fixture<GsContactsCard>(html`<gs-contacts-card .available=${['request', 'status']}></gs-contacts-card>`, { config });
    expect(el.shadowRoot!.querySelector('.chat')).to.equal(null);
    expect(text(el.shadowRoot)).not.to.contain('Онлайн-чат');
    expect(text(el.shadowRoot)).to.contain('8 800 555-35-35');
  });

  it('a site owner’s label in the page’s language; in the other language, with its own lang; one string counts as Russian', async () => {
    const labelled = {
      phones: [
        { label: { ru: 'Единый номер', en: 'Single number' }, number: '8 800 555-35-35' },
        { label: { ru: 'Подтверждение личности' }, number: '8 800 100-71-71' },
        { label: 'Для регионов', number: '+7 495 721-70-70' },
      ],
      messengers: [{ label: { ru: 'ВКонтакте', en: 'VK' }, url: 'https://vk.com/support' }],
    };
    const en = await fixture<GsContactsCard>(html`<gs-contacts-card></gs-contacts-card>`, { config: { locale: 'en', contacts: labelled } });
    const labels = [...en.shadowRoot!.querySelectorAll('.label')].map((l) => [text(l), l.getAttribute('lang')]);
    expect(labels).to.deep.equal([
      ['Single number', null],
      ['Подтверждение личности', 'ru'],
      ['Для регионов', 'ru'],
    ]);
    expect(text(en.shadowRoot!.querySelector('.messengers a'))).to.contain('VK');
    await expect(en).to.be.accessible();
    const ru = await fixture<GsContactsCard>(html`<gs-contacts-card></gs-contacts-card>`, { config: { locale: 'ru', contacts: labelled } });
    expect([...ru.shadowRoot!.querySelectorAll('.label')].map((l) => [text(l), l.getAttribute('lang')])).to.deep.equal([
      ['Единый номер', null],
      ['Подтверждение личности', null],
      ['Для регионов', null],
    ]);
  });

  it('links to the public report when the site owner set contacts.reportUrl (ru and en); not when compact; the schema refuses other schemes', async () => {
    const withReport = { ...config, contacts: { ...contacts, reportUrl: 'https://portal.example/report/' } };
    const el = await fixture<GsContactsCard>(html`<gs-contacts-card></gs-contacts-card>`, { config: withReport });
    const link = el.shadowRoot!.querySelector<HTMLAnchorElement>('.report a')!;
    expect(text(link)).to.equal('Показатели работы службы поддержки');
    expect(link.getAttribute('href')).to.equal('https://portal.example/report/');
    expect(link.hasAttribute('target')).to.equal(false);
    await expect(el).to.be.accessible();
    const en = await fixture<GsContactsCard>(html`<gs-contacts-card></gs-contacts-card>`, { config: { ...withReport, locale: 'en' } });
    expect(text(en.shadowRoot!.querySelector('.report a'))).to.equal('Support service performance figures');
    await expect(en).to.be.accessible();
    // A path from the site's root (the demo serves the report itself); alone, it is enough for a card.
    const path = await fixture<GsContactsCard>(html`<gs-contacts-card></gs-contacts-card>`, { config: { contacts: { reportUrl: '/report/' } } });
    expect(path.shadowRoot!.querySelector('.report a')!.getAttribute('href')).to.equal(new URL('/report/', location.href).href);
    const compact = await fixture<GsContactsCard>(html`<gs-contacts-card compact></gs-contacts-card>`, { config: withReport });
    expect(compact.shadowRoot!.querySelector('.report')).to.equal(null);
    const none = await fixture<GsContactsCard>(html`<gs-contacts-card></gs-contacts-card>`, { config });
    expect(none.shadowRoot!.querySelector('.report')).to.equal(null);
    for (const reportUrl of ['javascript:alert(1)', '//evil.example/report', 'data:text/html,x', 'report/']) {
      const bad = await fixture<GsContactsCard>(html`<gs-contacts-card></gs-contacts-card>`, { config: { contacts: { reportUrl } } as never });
      expect(bad.shadowRoot!.querySelector('.report'), reportUrl).to.equal(null);
    }
  });

  it('renders nothing without contacts, and only phones and e-mail when compact', async () => {
    const empty = await fixture<GsContactsCard>(html`<gs-contacts-card></gs-contacts-card>`, { config: {} });
    expect(empty.shadowRoot!.querySelector('.card')).to.equal(null);
    const compact = await fixture<GsContactsCard>(html`<gs-contacts-card compact></gs-contacts-card>`, { config });
    expect(text(compact.shadowRoot)).not.to.contain('Telegram');
    expect(text(compact.shadowRoot)).not.to.contain('Онлайн-чат');
    expect(compact.shadowRoot!.querySelectorAll('li')).to.have.length(3);
  });

  it('works standalone: page config plus its own locale attribute', async () => {
    pageConfigStore.set('api', { contacts });
    try {
      const el = document.createElement('gs-contacts-card');
      el.locale = 'en';
      document.body.append(el);
      await settle(el);
      expect(text(el.shadowRoot)).to.contain('Contacts');
      expect(text(el.shadowRoot)).to.contain('Open 24/7');
      pageConfigStore.set('api', { contacts: { phones: [{ number: '+7 495 721-70-70' }] } });
      await settle(el);
      expect(text(el.shadowRoot)).to.contain('+7 495 721-70-70');
      expect(text(el.shadowRoot)).not.to.contain('8 800 555-35-35');
      el.remove();
    } finally {
      pageConfigStore.set('api', {});
    }
  });

  it('is the same in the fixture clock as on MONDAY_NOON_MSK', () => {
    expect(new Date(MONDAY_NOON_MSK).toISOString()).to.equal('2026-03-16T09:00:00.000Z');
  });
});
