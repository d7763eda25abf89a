import { expect } from '@open-wc/testing';
import { en } from '../../src/i18n/en.js';
import { describeOpenState, formatTime } from '../../src/i18n/format.js';
import { plural, resolveLocale } from '../../src/i18n/localize.js';
import { ru } from '../../src/i18n/ru.js';

describe('i18n', () => {
  it('picks Russian plural forms by Intl.PluralRules', () => {
    const forms = ru.channelCount;
    expect([1, 2, 5, 11, 21, 22, 25].map((n) => plural('ru', n, forms))).to.deep.equal([
      '1 способ связи',
      '2 способа связи',
      '5 способов связи',
      '11 способов связи',
      '21 способ связи',
      '22 способа связи',
      '25 способов связи',
    ]);
    expect([1, 3].map((n) => plural('en', n, en.channelCount))).to.deep.equal(['1 way to reach us', '3 ways to reach us']);
  });

  it('takes the locale from config, else <html lang>, else Russian', () => {
    const doc = document.implementation.createHTMLDocument('x');
    expect(resolveLocale(undefined, doc)).to.equal('ru');
    doc.documentElement.lang = 'en-GB';
    expect(resolveLocale(undefined, doc)).to.equal('en');
    expect(resolveLocale('ru', doc)).to.equal('ru');
    doc.documentElement.lang = 'kk';
    expect(resolveLocale(undefined, doc)).to.equal('ru');
  });

  it('labels Moscow times «МСК» / MSK and other zones by their name', () => {
    const t = Date.UTC(2026, 2, 16, 5, 0);
    expect(formatTime(t, 'ru', 'Europe/Moscow', ru)).to.equal('08:00\u00a0МСК');
    expect(formatTime(t, 'en', 'Europe/Moscow', en)).to.equal('08:00\u00a0MSK');
    expect(formatTime(t, 'ru', 'Asia/Yekaterinburg', ru)).to.match(/^10:00\u00a0\S+/);
  });

  it('describes when a closed channel opens: today, tomorrow or a weekday', () => {
    const now = Date.UTC(2026, 2, 16, 2, 0); // Monday 05:00 MSK
    const at = (d: number, h: number) => Date.UTC(2026, 2, d, h - 3);
    expect(describeOpenState({ kind: 'closed', opensAt: at(16, 8) }, now, 'Europe/Moscow', 'ru', ru)).to.equal(
      'Сейчас закрыто, откроется сегодня в 08:00\u00a0МСК',
    );
    expect(describeOpenState({ kind: 'closed', opensAt: at(17, 8) }, now, 'Europe/Moscow', 'ru', ru)).to.equal(
      'Сейчас закрыто, откроется завтра в 08:00\u00a0МСК',
    );
    expect(describeOpenState({ kind: 'closed', opensAt: at(18, 9) }, now, 'Europe/Moscow', 'ru', ru)).to.equal(
      'Сейчас закрыто, откроется в среду в 09:00\u00a0МСК',
    );
    expect(describeOpenState({ kind: 'open', closesAt: at(16, 20) }, now, 'Europe/Moscow', 'en', en)).to.equal('Open now, until 20:00\u00a0MSK');
  });

  it('has the same keys in every catalogue', () => {
    // Plural forms differ by language (ru: one/few/many, en: one/other), so they count as one leaf.
    const shape = (o: unknown): unknown =>
      typeof o === 'object' && o !== null
        ? 'other' in o
          ? 'plural'
          : Object.fromEntries(Object.keys(o).sort().map((k) => [k, shape((o as Record<string, unknown>)[k])]))
        : typeof o;
    expect(shape(en)).to.deep.equal(shape(ru));
  });
});
