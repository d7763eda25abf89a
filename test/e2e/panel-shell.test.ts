// The panel's shell through the script tag on the demo page (issue 14): the header stays put while
// the body scrolls to a field from the error summary (point 1); no focused page element is hidden
// under the panel, and Esc on the page closes it (point 2); one height for every view, and the
// launcher says what a click does (point 9); Back returns focus to the entry (point 15).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { activeElement, axe, dialog, launcher, newPage, useServerAndBrowser } from '../helpers/e2e.js';

const env = useServerAndBrowser({ before, after });

const widget = (page: Page) => page.locator('gs-support-widget');

/** Where the header's Back and Close are against the panel's top, and how far the panel itself scrolled. */
const headerPlace = (page: Page) =>
  dialog(page).evaluate((panel) => {
    const header = panel.querySelector('.header')!.getBoundingClientRect();
    const close = panel.querySelector('button.close')!.getBoundingClientRect();
    return { offset: Math.round(header.top - panel.getBoundingClientRect().top), closeTop: Math.round(close.top), panelScroll: panel.scrollTop };
  });

describe('the panel’s shell', () => {
  for (const viewport of [
    { width: 320, height: 640 },
    { width: 1280, height: 800 },
  ]) {
    it(`following an error-summary link scrolls the body only: the header stays whole (${viewport.width}×${viewport.height})`, async () => {
      const { context, page, errors } = await newPage(env.browser, { viewport });
      await page.goto(`${env.server.url}/`);
      await launcher(page).click();
      await dialog(page).waitFor({ state: 'visible' });
      await widget(page).locator('gs-home-view button[data-channel="request"]').click();
      const form = widget(page).locator('gs-request-form');
      await form.locator('form').waitFor();
      const before = await headerPlace(page);
      await form.locator('button.submit, button[type="submit"]').last().click();
      const links = form.locator('gs-error-summary a');
      await links.first().waitFor();
      // The last link: the consent, at the very bottom of the form.
      await links.last().click();
      assert.equal(await activeElement(page), 'input#consent');
      const after = await headerPlace(page);
      assert.deepEqual(after, before, 'Back and Close where they were; the panel itself not scrolled');
      const labelInView = await form.evaluate((el) => {
        const body = el.closest('.body') ?? (el.getRootNode() as ShadowRoot).querySelector('.body')!;
        const label = el.shadowRoot!.querySelector('#consent')!.closest('label')!.getBoundingClientRect();
        const box = body.getBoundingClientRect();
        return label.top >= box.top - 1 && label.bottom <= box.bottom + 1;
      });
      assert.ok(labelInView, 'the field’s label is in sight in the scrolling body');
      assert.deepEqual(await axe(page), []);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }

  it('a focused page element is never under the panel: Tab out of the panel onto a covered link makes the panel yield; Esc on the page closes it', async () => {
    const { context, page, errors } = await newPage(env.browser, { viewport: { width: 1280, height: 800 } });
    await page.goto(`${env.server.url}/`);
    // A page link right where the open panel floats (bottom right), placed last in the tab order.
    await page.evaluate(() => {
      const link = document.createElement('a');
      link.href = '#under';
      link.id = 'under';
      link.textContent = 'Ссылка под панелью';
      Object.assign(link.style, { position: 'fixed', right: '60px', bottom: '300px' });
      document.body.append(link);
    });
    await launcher(page).click();
    await dialog(page).waitFor({ state: 'visible' });
    await widget(page).locator('gs-home-view').waitFor();
    assert.equal(await launcher(page).textContent().then((t) => t?.trim()), 'Свернуть помощь', 'the launcher says a click closes');

    // From the launcher (after the panel in the page's order), Shift+Tab goes back into the page:
    // every page element that takes focus is either clear of the panel, or the panel has yielded.
    const covered: string[] = [];
    await launcher(page).focus();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      await page.waitForTimeout(20);
      const state = await page.evaluate(() => {
        const host = document.querySelector('gs-support-widget')!;
        const panel = host.shadowRoot!.querySelector('[role="dialog"]') as HTMLElement | null;
        const active = document.activeElement;
        if (!active || active === host || active === document.body) return null;
        const open = !!panel && !panel.hidden && panel.getBoundingClientRect().width > 0;
        const a = active.getBoundingClientRect();
        const p = panel?.getBoundingClientRect();
        const overlap = open && p ? a.left < p.right && p.left < a.right && a.top < p.bottom && p.top < a.bottom : false;
        return { what: active.id || active.textContent?.trim().slice(0, 30) || active.tagName, open, overlap };
      });
      if (state?.overlap) covered.push(state.what);
      if (state && !state.open) break;
    }
    assert.deepEqual(covered, [], 'no focused page element under the open panel');
    await page.locator('#under').focus();
    await page.waitForTimeout(50);
    assert.equal(await dialog(page).isVisible(), false, 'focus on the link under it: the panel has yielded');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'under', 'and the link keeps focus');

    // Esc with focus on the page closes the open panel; focus stays on the page.
    await launcher(page).click();
    await dialog(page).waitFor({ state: 'visible' });
    await page.locator('h1').first().evaluate((h) => {
      h.setAttribute('tabindex', '-1');
      (h as HTMLElement).focus();
    });
    await page.keyboard.press('Escape');
    await dialog(page).waitFor({ state: 'hidden' });
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');
    assert.equal(await launcher(page).textContent().then((t) => t?.trim()), 'Помощь');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('one height for every view: the header does not move between views; Back returns focus to the entry the citizen came from', async () => {
    const { context, page, errors } = await newPage(env.browser, { viewport: { width: 1280, height: 800 } });
    await page.goto(`${env.server.url}/`);
    await launcher(page).click();
    await dialog(page).waitFor({ state: 'visible' });
    await widget(page).locator('gs-home-view').waitFor();
    const top = () => dialog(page).evaluate((el) => Math.round(el.querySelector('.header')!.getBoundingClientRect().top));
    const home = await top();
    const elements = { request: 'gs-request-form', status: 'gs-status-lookup', callback: 'gs-callback-request', offices: 'gs-office-finder' } as const;
    for (const [channel, element] of Object.entries(elements)) {
      await widget(page).locator(`gs-home-view button[data-channel="${channel}"]`).click();
      await widget(page).locator(element).waitFor();
      await page.waitForTimeout(100);
      assert.equal(await top(), home, `${channel}: the header where it was on the home view`);
      await widget(page).locator('button.back').click();
      await widget(page).locator('gs-home-view').waitFor();
      await page.waitForFunction(
        (c) => {
          let el: Element | null = document.activeElement;
          while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
          return el?.getAttribute('data-channel') === c;
        },
        channel,
        { timeout: 2000 },
      );
    }
    assert.deepEqual(errors, []);
    await context.close();
  });
});
