// The panel's shell through the script tag on the demo page: the header stays put while the body
// scrolls to a field from the error summary (issue 14, point 1).
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
});
