// The demo site as a visitor meets it, and `npm start`'s server process as a site owner runs it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { axe, dialog, launcher, newPage, useServerAndBrowser } from '../helpers/e2e.js';

const env = useServerAndBrowser({ before, after });

describe('demo site', () => {
  it('the Russian page: the launcher opens the panel with the backend contacts; nothing leaves localhost', async () => {
    const { context, page, errors } = await newPage(env.browser);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${env.server.url}/`);
    assert.equal((await launcher(page).textContent())?.trim(), 'Помощь');
    await launcher(page).click();
    await dialog(page).waitFor({ state: 'visible' });
    const card = page.locator('gs-support-widget').locator('gs-contacts-card');
    await card.locator('.card').waitFor();
    assert.match((await card.locator('.card').textContent()) ?? '', /8 800 555-35-35/);
    for (const url of requests) assert.equal(new URL(url).hostname, '127.0.0.1', `${url} is local`);
    assert.deepEqual(await axe(page), [], 'the whole demo page, widget open');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('npm run build leaves the operator console out of the public dist/: served once, at /operator/, with its headers', async () => {
    assert.equal(existsSync('dist/operator'), false, 'no console under dist/');
    assert.equal(existsSync('build/operator/index.html'), true, 'the console is built beside it');
    const copy = await fetch(`${env.server.url}/dist/operator/`);
    assert.equal(copy.status, 404);
    assert.equal(((await copy.json()) as { error: { code: string } }).error.code, 'not_found');
    const page = await fetch(`${env.server.url}/operator/`, { headers: { origin: 'https://evil.example' } });
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    assert.equal(page.headers.get('x-frame-options'), 'SAMEORIGIN');
    assert.equal(page.headers.get('access-control-allow-origin'), null);
  });

  it('the English page speaks English', async () => {
    const { context, page, errors } = await newPage(env.browser, { locale: 'en-GB' });
    await page.goto(`${env.server.url}/en/`);
    assert.equal((await launcher(page).textContent())?.trim(), 'Help');
    await launcher(page).click();
    await dialog(page).waitFor({ state: 'visible' });
    assert.equal(await page.locator('gs-support-widget').locator('#title').textContent(), 'Support');
    // The site owner's contact labels in English too (the demo config gives { ru, en }).
    const card = page.locator('gs-support-widget').locator('gs-contacts-card');
    await card.locator('.card').waitFor();
    const shown = await card.evaluate((el) => el.shadowRoot!.textContent ?? '');
    for (const english of ['Single number', 'Identity confirmation', 'VK']) assert.ok(shown.includes(english), `«${english}» on the English page`);
    for (const russian of ['Единый номер', 'Подтверждение личности', 'ВКонтакте']) assert.ok(!shown.includes(russian), `no «${russian}» on the English page`);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('the page’s «Версия для слабовидящих» switch puts the widget in high-contrast large text', async () => {
    const { context, page } = await newPage(env.browser);
    await page.goto(`${env.server.url}/`);
    await launcher(page).waitFor();
    assert.equal(await page.locator('gs-support-widget').getAttribute('contrast'), null);
    await page.locator('[data-contrast-toggle]').click();
    await page.waitForFunction(() => document.querySelector('gs-support-widget')?.hasAttribute('contrast'));
    const size = await launcher(page).evaluate((b) => parseFloat(getComputedStyle(b).fontSize));
    assert.ok(size >= 22, `launcher text ${size}px`);
    await context.close();
  });
});

describe('demo site on a phone', () => {
  /** Horizontal overflow: the page's and each heading's own (a word wider than its box). */
  const overflow = (page: Page) =>
    page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      headings: [...document.querySelectorAll('h1, h2, h3')].filter((h) => h.scrollWidth > h.clientWidth + 1).map((h) => `${h.tagName} ${h.textContent?.trim()} ${h.scrollWidth}px`),
    }));

  for (const path of ['/', '/en/']) {
    it(`${path} fits 320 px: no sideways scrolling, every heading («Многофункциональные центры») inside its box, low-vision version too`, async () => {
      const { context, page, errors } = await newPage(env.browser, { viewport: { width: 320, height: 640 } });
      await page.goto(`${env.server.url}${path}`);
      await launcher(page).waitFor();
      assert.deepEqual(await overflow(page), { page: 320, headings: [] });
      const mfc = page.locator('#mfc-title');
      const box = (await mfc.boundingBox())!;
      assert.ok(box.x >= 0 && box.x + box.width <= 320, `the heading at ${box.x}–${box.x + box.width}px`);
      if (path === '/') assert.deepEqual(await axe(page), [], 'the page at 320 px');
      await page.locator('[data-contrast-toggle]').click();
      await page.waitForFunction(() => document.documentElement.classList.contains('site--contrast'));
      assert.deepEqual(await overflow(page), { page: 320, headings: [] }, 'large type');
      assert.deepEqual(errors, []);
      await context.close();
    });
  }

  it('the «Помощь» launcher does not cover the page’s main heading at 320×640 and 375×667 (Russian and English pages)', async () => {
    for (const path of ['/', '/en/']) {
      for (const viewport of [
        { width: 320, height: 640 },
        { width: 375, height: 667 },
      ]) {
        const { context, page } = await newPage(env.browser, { viewport });
        await page.goto(`${env.server.url}${path}`);
        await launcher(page).waitFor();
        const h1 = (await page.locator('h1').boundingBox())!;
        const button = (await launcher(page).boundingBox())!;
        const where = `${path} at ${viewport.width}×${viewport.height}: h1 ${Math.round(h1.y)}–${Math.round(h1.y + h1.height)}, launcher ${Math.round(button.y)}–${Math.round(button.y + button.height)}`;
        assert.ok(h1.y + h1.height <= viewport.height, `the heading is in view without scrolling (${where})`);
        const apart = h1.y + h1.height <= button.y || button.y + button.height <= h1.y || h1.x + h1.width <= button.x || button.x + button.width <= h1.x;
        assert.ok(apart, `the launcher and the heading do not overlap (${where})`);
        await context.close();
      }
    }
  });
});

describe('npm start’s server process (compiled: build/server/main.js)', () => {
  it('serves the demo page, the widget and /config on the port it prints, and stops cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gs-start-'));
    const child = spawn(process.execPath, ['--enable-source-maps', 'build/server/main.js'], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DB_PATH: join(dir, 'db.sqlite'), LOG: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      const base = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 20_000);
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk;
          const match = output.match(/Demo site:\s+(http:\/\/\S+?)\/\s/);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        });
        child.stderr.on('data', (chunk: Buffer) => (output += chunk));
        child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
      });
      assert.match(output, /English page:\s+http:\/\/\S+\/en\//);
      const page = await fetch(`${base}/`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<script src="\/dist\/gov-support-widget\.js"/);
      const script = await fetch(`${base}/dist/gov-support-widget.js`);
      assert.equal(script.status, 200);
      assert.match(script.headers.get('content-type') ?? '', /javascript/);
      assert.ok((await script.arrayBuffer()).byteLength > 10_000);
      const config = (await (await fetch(`${base}/config`)).json()) as { contacts: { phones: unknown[] } };
      assert.ok(config.contacts.phones.length > 0);
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
