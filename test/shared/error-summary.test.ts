import { expect, html } from '@open-wc/testing';
import type { GsErrorSummary } from '../../src/shared/error-summary.js';
import type { GsErrorLinkEvent } from '../../src/events/form-events.js';
import { ru } from '../../src/i18n/ru.js';
import { en } from '../../src/i18n/en.js';
import { deepActiveElement, fixture, text } from '../helpers/fixture.js';

const items = [
  { field: 'type', text: 'Выберите тему обращения' },
  { field: 'phone', text: 'Телефон: Укажите российский номер: +7 и 10 цифр, например +7 912 345-67-89' },
];

describe('gs-error-summary', () => {
  it('is GOV.UK’s: a focusable box around a role=alert with the heading «Есть проблема», no aria-labelledby on a role-less element', async () => {
    const el = await fixture<GsErrorSummary>(html`<gs-error-summary .heading=${ru.forms.errorSummaryTitle} .items=${items}></gs-error-summary>`);
    const root = el.shadowRoot!;
    const box = root.querySelector<HTMLElement>('.summary')!;
    expect(box.getAttribute('tabindex')).to.equal('-1');
    expect(box.hasAttribute('role'), 'the box itself has no role').to.equal(false);
    expect(root.querySelectorAll('[aria-labelledby]').length, 'no aria-labelledby on an element without a role').to.equal(0);
    const alert = box.querySelector('[role="alert"]')!;
    expect(!!alert, 'the heading and the list inside a role=alert').to.equal(true);
    const heading = alert.querySelector('h3')!;
    expect(text(heading)).to.equal('Есть проблема');
    expect([...alert.querySelectorAll('li a')].map((a) => text(a))).to.deep.equal(items.map((i) => i.text));
    el.focus();
    expect(deepActiveElement() === box).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('says «There is a problem» in English, not a count', () => {
    expect(en.forms.errorSummaryTitle).to.equal('There is a problem');
    expect(ru.forms.errorSummaryTitle).to.equal('Есть проблема');
    expect('errorCount' in ru.forms).to.equal(false);
  });

  it('asks the form to focus the field of a chosen entry', async () => {
    const el = await fixture<GsErrorSummary>(html`<gs-error-summary heading="Есть проблема" .items=${items}></gs-error-summary>`);
    const chosen: string[] = [];
    el.addEventListener('gs-error-link', (e: GsErrorLinkEvent) => chosen.push(e.field));
    el.shadowRoot!.querySelector<HTMLAnchorElement>('a[href="#phone"]')!.click();
    expect(chosen).to.deep.equal(['phone']);
  });
});
