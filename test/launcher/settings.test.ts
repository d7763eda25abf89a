import { expect } from '@open-wc/testing';
import { messages } from '../../src/launcher/messages.js';
import { applyConfig, labelOf, readSettings, telHref } from '../../src/launcher/settings.js';

describe('launcher settings', () => {
  afterEach(() => document.documentElement.removeAttribute('lang'));

  it('defaults: right, 24 px, light scheme, black-on-white contrast colours, Russian unless the page is English', () => {
    expect(readSettings({})).to.deep.include({ side: 'right', offsetX: 24, offsetY: 24, scheme: 'light', contrast: false, contrastColors: 'black-on-white', locale: 'ru', statusParam: 'gs-status' });
    document.documentElement.lang = 'EN-us';
    expect(readSettings({}).locale).to.equal('en');
    document.documentElement.lang = 'kk';
    expect(readSettings({}).locale).to.equal('ru');
    expect(readSettings({ locale: 'ru' }).locale).to.equal('ru');
  });

  it('reads data-contrast as the panel does: present, "" or "true"', () => {
    expect(readSettings({ contrast: '' }).contrast).to.equal(true);
    expect(readSettings({ contrast: 'true' }).contrast).to.equal(true);
    expect(readSettings({ contrast: 'false' }).contrast).to.equal(false);
  });

  it('reads several phones and e-mails separated by «;», leaving bad ones out, and hours as written', () => {
    const state = readSettings({ phone: ' 8 800 100-70-10 ;; +7 (495) 123-45-67;call us', email: 'a@b.ru; nope', hours: '  пн–пт 9:00–18:00 ' });
    expect(state.phones.map((p) => p.value)).to.deep.equal(['8 800 100-70-10', '+7 (495) 123-45-67']);
    expect(state.emails.map((e) => e.value)).to.deep.equal(['a@b.ru']);
    expect(state.hours).to.equal('пн–пт 9:00–18:00');
  });

  it('configure(): each valid field is taken, each invalid one ignored', () => {
    const state = readSettings({ phone: '8 800 100-70-10' });
    applyConfig(state, {
      locale: 'fr',
      position: { side: 'left', offsetX: 401, offsetY: 0 },
      theme: { scheme: 'dark', contrast: 'yes' },
      texts: { ru: { launcher: '  Вопрос?  ' }, en: { launcher: 'x'.repeat(41) } },
      contacts: { phones: [{ number: 88005553535 }, { number: '8 (800) 555-35-35', label: 'Единый номер' }] },
      statusParam: 'Bad Param',
    });
    expect(state).to.deep.include({ locale: 'ru', side: 'left', offsetX: 24, offsetY: 0, scheme: 'dark', contrast: false, statusParam: 'gs-status' });
    expect(state.labels).to.deep.equal({ ru: 'Вопрос?' });
    expect(state.phones).to.deep.equal([{ value: '8 (800) 555-35-35', label: { ru: 'Единый номер' } }]);
    expect(labelOf(state)).to.equal('Вопрос?');
    state.locale = 'en';
    expect(labelOf(state)).to.equal(messages.en.label);
    for (const junk of [undefined, null, 'left', 42, [], { position: 'left', theme: null, contacts: { phones: 'x' } }]) applyConfig(state, junk);
    expect(state).to.deep.include({ side: 'left', scheme: 'dark' });
    expect(state.phones).to.have.length(1);
  });

  it('builds tel: links from the digits, +7 for Russian numbers', () => {
    expect(telHref('8 800 100-70-10')).to.equal('tel:+78001007010');
    expect(telHref('8 (800) 100‑70‑10')).to.equal('tel:+78001007010');
    expect(telHref('+7 (495) 123-45-67')).to.equal('tel:+74951234567');
    expect(telHref('7 495 123 45 67')).to.equal('tel:+74951234567');
    expect(telHref('(495) 123-45-67')).to.equal('tel:+74951234567');
    expect(telHref('+44 20 7946 0958')).to.equal('tel:+442079460958');
    expect(telHref('123-45')).to.equal('tel:12345');
  });

  it('has every text in both languages', () => {
    expect(Object.keys(messages.en)).to.deep.equal(Object.keys(messages.ru));
    for (const catalogue of Object.values(messages)) for (const text of Object.values(catalogue)) expect(text).to.be.a('string').and.not.equal('');
  });
});
