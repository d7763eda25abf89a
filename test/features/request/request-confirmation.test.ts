import { expect, html } from '@open-wc/testing';
import type { GsRequestConfirmation } from '../../../src/features/request/request-confirmation.js';
import '../../../src/index.js';
import type { RequestCreated } from '../../../src/protocol/request.js';
import { fixture, MONDAY_NOON_MSK, settle, text } from '../../helpers/fixture.js';

const HOUR = 3_600_000;
const CREATED: RequestCreated = {
  number: '2026-000001',
  lookupCode: 'K7M4Q9TZ',
  status: 'registered',
  createdAt: new Date(MONDAY_NOON_MSK).toISOString(),
  // Tuesday 17 March 2026, 06:07 in Moscow.
  answerDueAt: new Date(MONDAY_NOON_MSK + 18 * HOUR + 7 * 60_000).toISOString(),
};

async function confirmation(width?: string) {
  const el = await fixture<GsRequestConfirmation>(html`<gs-request-confirmation .request=${CREATED} .answerChannel=${'sms'}></gs-request-confirmation>`);
  if (width) el.parentElement!.style.width = width;
  await settle(el);
  return el;
}

/** How many lines an element's text runs over (an inline one: its boxes; a flex item: its height in lines). */
const lines = (el: Element) =>
  getComputedStyle(el).display === 'inline' ? el.getClientRects().length : Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight));

describe('gs-request-confirmation', () => {
  let copied: string[] = [];
  beforeEach(() => {
    copied = [];
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (t: string) => void copied.push(t) } });
  });
  afterEach(() => {
    delete (navigator as { clipboard?: unknown }).clipboard;
  });

  it('keeps the number whole on a narrow screen and the date’s non-breaking spaces («2026 г.», «в 06:07»)', async () => {
    const el = await confirmation('9em');
    const root = el.shadowRoot!;
    const number = root.querySelector('[data-value="Номер обращения"]')!;
    expect(text(number)).to.equal('2026-000001');
    expect(getComputedStyle(number).whiteSpace).to.equal('nowrap');
    expect(lines(number), 'not broken at its hyphen').to.equal(1);
    const due = [...root.querySelectorAll('p')].find((p) => p.textContent!.startsWith('Ответ придёт'))!;
    expect(due.textContent).to.equal('Ответ придёт до 17\u00a0марта\u00a02026\u00a0г. в\u00a006:07\u00a0МСК');
    await expect(el).to.be.accessible();
  });

  it('shows the tracking link as a short link with the number, and copies it with «Копировать ссылку»', async () => {
    const el = await confirmation('12em');
    const root = el.shadowRoot!;
    const link = root.querySelector('a')!;
    expect(text(link)).to.equal('Ссылка на статус обращения 2026-000001');
    expect(link.getAttribute('href')).to.equal(`${location.href.split('#')[0]}#gs-status=2026-000001`);
    expect(text(root), 'no raw URL on screen').to.not.contain('://');
    expect(lines(link.querySelector('.number')!), 'the number in the link stays whole').to.equal(1);
    const copyLink = [...root.querySelectorAll('button')].find((b) => text(b) === 'Копировать ссылку')!;
    copyLink.click();
    await new Promise((r) => setTimeout(r, 10));
    await settle(el);
    expect(copied).to.deep.equal([link.href]);
    expect(text(root.querySelector('[role=status]'))).to.equal('Ссылка на статус обращения: Скопировано');
    await expect(el).to.be.accessible();
  });

  it('draws secondary actions as bordered buttons in a row that wraps', async () => {
    const el = await confirmation();
    const root = el.shadowRoot!;
    const secondary = [...root.querySelectorAll('button')].filter((b) => !b.classList.contains('button-primary'));
    expect(secondary.map((b) => text(b))).to.deep.equal([
      'Копировать Номер обращения',
      'Копировать Код для проверки статуса',
      'Копировать ссылку',
      'Написать ещё одно обращение',
    ]);
    for (const button of secondary) {
      const style = getComputedStyle(button);
      expect(style.borderTopStyle, text(button)).to.equal('solid');
      expect(parseFloat(style.borderTopWidth), text(button)).to.be.at.least(1);
      expect(style.borderTopColor, `${text(button)}: a border that shows`).to.not.equal('rgba(0, 0, 0, 0)');
      expect(style.borderTopColor).to.not.equal(getComputedStyle(button.parentElement!).backgroundColor);
    }
    const actions = root.querySelector('.actions')!;
    expect(getComputedStyle(actions).display).to.equal('flex');
    expect(getComputedStyle(actions).flexWrap).to.equal('wrap');
  });
});
