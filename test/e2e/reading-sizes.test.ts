// How the widget meets a reader who needs bigger text, through the script tag on the demo page:
// the browser's own default text size, 200 % zoom (a short viewport), and the launcher while the
// panel takes the whole screen (issue 14, points 3 and 4).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { axe, dialog, launcher, newPage, useServerAndBrowser } from '../helpers/e2e.js';

const env = useServerAndBrowser({ before, after });

/** The computed font size, in px, of the first element `selector` finds in the widget. */
const fontSize = (page: Page, selector: string) =>
  page
    .locator('gs-support-widget')
    .locator(selector)
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

/** Waits for the panel's opening animation, if any, to end. */
const settled = (page: Page) => dialog(page).evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)).then(() => undefined));

/** Whether the open panel covers the whole viewport. */
const panelFillsViewport = (page: Page) =>
  dialog(page).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return Math.round(r.left) <= 0 && Math.round(r.top) <= 0 && Math.round(r.right) >= innerWidth && Math.round(r.bottom) >= innerHeight;
  });

describe('text size, zoom and the full-screen panel', () => {
  it('follows the browser’s own default text size (32 px): launcher, panel text and controls grow with it', async () => {
    const { context, page, errors } = await newPage(env.browser, { viewport: { width: 1280, height: 800 } });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32 } });
    await page.goto(`${env.server.url}/`);
    await launcher(page).waitFor();
    assert.equal(await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize)), 32, 'the page itself follows the setting');
    assert.equal(await fontSize(page, 'button.launcher'), 32, 'the launcher’s label at the reader’s size');
    const launcherHeight = await launcher(page).evaluate((el) => el.getBoundingClientRect().height);
    assert.ok(launcherHeight >= 3.5 * 32 - 1, `the launcher grows with the text (${launcherHeight}px)`);

    await launcher(page).click();
    await dialog(page).waitFor({ state: 'visible' });
    await page.locator('gs-support-widget').locator('gs-home-view').waitFor();
    await settled(page);
    assert.equal(await fontSize(page, '.body'), 32, 'the panel’s text at the reader’s size');
    const entry = await page.locator('gs-support-widget').locator('gs-home-view button[data-channel]').first().evaluate((el) => el.getBoundingClientRect().height);
    assert.ok(entry >= 2.75 * 32 - 1, `targets grow with the text (${entry}px)`);
    assert.ok(await panelFillsViewport(page), 'with text this large the panel takes the whole screen');
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('in the high-contrast mode the text is 1.5 times the reader’s size (24 px at the default 16 px, 48 px at 32 px)', async () => {
    for (const standard of [16, 32]) {
      const { context, page, errors } = await newPage(env.browser, { viewport: { width: 1280, height: 800 } });
      const cdp = await context.newCDPSession(page);
      await cdp.send('Page.setFontSizes', { fontSizes: { standard } });
      await page.goto(`${env.server.url}/`);
      await launcher(page).waitFor();
      await page.evaluate(() => window.GovSupport!.configure({ theme: { contrast: true } }));
      await launcher(page).click();
      await dialog(page).waitFor({ state: 'visible' });
      await page.locator('gs-support-widget').locator('gs-home-view').waitFor();
      assert.equal(await fontSize(page, '.body'), standard * 1.5, `large text at ${standard} px`);
      assert.deepEqual(await axe(page), []);
      assert.deepEqual(errors, []);
      await context.close();
    }
  });

  it('at 200 % zoom (1280×800 seen as 640×400) the panel takes the whole screen and the launcher is not on top of it', async () => {
    const { context, page, errors } = await newPage(env.browser, { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
    await page.goto(`${env.server.url}/`);
    await launcher(page).click();
    await dialog(page).waitFor({ state: 'visible' });
    await page.locator('gs-support-widget').locator('gs-home-view').waitFor();
    await settled(page);
    assert.ok(await panelFillsViewport(page), 'a short viewport gets the whole screen, not a 400×284 slot');
    assert.equal(await launcher(page).evaluate((el) => getComputedStyle(el).visibility), 'hidden', 'the launcher is out of the way');
    const bodyHeight = await page.locator('gs-support-widget').locator('.body').evaluate((el) => el.getBoundingClientRect().height);
    assert.ok(bodyHeight >= 300, `the scroll area has room (${bodyHeight}px)`);
    assert.deepEqual(await axe(page), []);

    await page.keyboard.press('Escape');
    await dialog(page).waitFor({ state: 'hidden' });
    assert.equal(await launcher(page).evaluate((el) => getComputedStyle(el).visibility), 'visible', 'the launcher is back once the panel closes');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('on a wide screen at the default size the panel stays a floating card beside the launcher', async () => {
    const { context, page, errors } = await newPage(env.browser, { viewport: { width: 1280, height: 800 } });
    await page.goto(`${env.server.url}/`);
    await launcher(page).click();
    await dialog(page).waitFor({ state: 'visible' });
    await page.locator('gs-support-widget').locator('gs-home-view').waitFor();
    await settled(page);
    const width = await dialog(page).evaluate((el) => el.getBoundingClientRect().width);
    assert.equal(Math.round(width), 400, 'the 25em card at 16 px');
    assert.ok(!(await panelFillsViewport(page)));
    assert.equal(await launcher(page).evaluate((el) => getComputedStyle(el).visibility), 'visible');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
