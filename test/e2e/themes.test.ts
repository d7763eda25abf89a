// Colour schemes through the script tag on the demo page (issue 14, points 5 and 6): light unless
// the site says otherwise, whatever the visitor's OS prefers; the high-contrast, large-text mode as
// the site's own low-vision version (black on white by default, white on black as an option).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { axe, dialog, launcher, newPage, registerRequest, useServerAndBrowser } from '../helpers/e2e.js';

const env = useServerAndBrowser({ before, after });

/** The open panel's background and text colour, and its body's text size. */
const panelColours = (page: Page) =>
  dialog(page).evaluate((panel) => {
    const style = getComputedStyle(panel);
    return { background: style.backgroundColor, text: style.color, size: parseFloat(getComputedStyle(panel.querySelector('.body')!).fontSize) };
  });

async function openHome(page: Page): Promise<void> {
  await launcher(page).click();
  await dialog(page).waitFor({ state: 'visible' });
  await page.locator('gs-support-widget').locator('gs-home-view').waitFor();
  await page.locator('gs-support-widget').locator('gs-contacts-card .card').waitFor();
}

describe('colour schemes', () => {
  it('light by default on a visitor whose OS prefers dark; dark only when the site asks for auto (or dark)', async () => {
    const { context, page, errors } = await newPage(env.browser, { colorScheme: 'dark' });
    await page.goto(`${env.server.url}/`);
    await openHome(page);
    await page.mouse.move(0, 0);
    assert.deepEqual(await panelColours(page), { background: 'rgb(255, 255, 255)', text: 'rgb(27, 31, 36)', size: 16 }, 'light on a light government page');
    assert.equal(await launcher(page).evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(13, 76, 211)');

    await page.evaluate(() => window.GovSupport!.configure({ theme: { scheme: 'auto' } }));
    await page.waitForFunction(() => document.querySelector('gs-support-widget')?.getAttribute('scheme') === 'auto');
    assert.equal((await panelColours(page)).background, 'rgb(20, 24, 31)', 'the site chose auto: the OS decides');
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  for (const [colours, background, text] of [
    ['black-on-white', 'rgb(255, 255, 255)', 'rgb(0, 0, 0)'],
    ['white-on-black', 'rgb(0, 0, 0)', 'rgb(255, 255, 255)'],
  ] as const) {
    it(`high contrast ${colours}: the site's choice, in large text, with icons and checkboxes grown with it`, async () => {
      const { context, page, errors } = await newPage(env.browser, { viewport: { width: 1280, height: 900 } });
      await page.goto(`${env.server.url}/`);
      await launcher(page).waitFor();
      await page.evaluate((c) => window.GovSupport!.configure({ theme: { contrast: true, contrastColors: c } }), colours);
      await openHome(page);
      assert.deepEqual(await panelColours(page), { background, text, size: 24 });
      const icon = await launcher(page).evaluate((b) => b.querySelector('svg')!.getBoundingClientRect().width);
      assert.equal(Math.round(icon), 36, 'the launcher icon at 1.5em of the large text');
      const width = await dialog(page).evaluate((el) => el.getBoundingClientRect().width);
      assert.equal(Math.round(width), 600, 'a wider panel for the larger text (25em)');
      assert.deepEqual(await axe(page), [], `axe, home, ${colours}`);

      await page.locator('gs-support-widget').locator('gs-home-view button[data-channel="request"]').click();
      const form = page.locator('gs-support-widget').locator('gs-request-form');
      await form.locator('#consent').waitFor();
      const box = await form.locator('#consent').evaluate((el) => el.getBoundingClientRect().width);
      assert.equal(Math.round(box), 36, 'the checkbox grows with the text');
      assert.deepEqual(await axe(page), [], `axe, request form, ${colours}`);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }

  it('on the dark scheme a status colour from config that does not stand out is lightened, and the site owner is told once', async () => {
    const { number, lookupCode } = await registerRequest(env.server.url);
    const { context, page, errors } = await newPage(env.browser);
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning' && m.text().startsWith('gov-support-widget:')) warnings.push(m.text());
    });
    await page.goto(`${env.server.url}/`);
    await launcher(page).waitFor();
    await page.evaluate(() => window.GovSupport!.configure({ theme: { scheme: 'dark' } }));
    await page.evaluate(() => window.GovSupport!.open('status'));
    const lookup = page.locator('gs-support-widget').locator('gs-status-lookup');
    await lookup.locator('#number').fill(number);
    await lookup.locator('#factor').fill(lookupCode);
    await lookup.locator('button[type="submit"]').first().click();
    const badge = lookup.locator('.badge');
    await badge.waitFor();
    const ratio = await badge.evaluate((el) => {
      const parse = (c: string) => c.match(/\d+/g)!.slice(0, 3).map(Number);
      const lum = (rgb: number[]) => {
        const [r, g, b] = rgb.map((v) => {
          const s = v / 255;
          return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      const edge = lum(parse(getComputedStyle(el).borderTopColor));
      const host = (el.getRootNode() as ShadowRoot).host;
      const bg = lum(parse(getComputedStyle(host.closest('[role=dialog]') ?? (host.getRootNode() as ShadowRoot).host).backgroundColor));
      return (Math.max(edge, bg) + 0.05) / (Math.min(edge, bg) + 0.05);
    });
    assert.ok(ratio >= 3, `the badge's edge stands out by ${ratio.toFixed(2)}:1 on the dark panel`);
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0]!, /#0d4cd3 stands out from the background #14181f by 2\.\d:1/);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
