// The built script in real pages, against the real backend: isolation, CSP, no I/O before open,
// keyboard use, double loading, manual mounting.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pixelmatch from 'pixelmatch';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { activeElement, axe, dialog, launcher, newPage, useServerAndBrowser } from '../helpers/e2e.js';

const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'";

const env = useServerAndBrowser({ before, after });

/** Serves `body` as a page on the backend's origin (so the script and /config are same-origin). */
async function hostPage(page: Page, path: string, body: string, headers: Record<string, string> = {}, css = '') {
  await page.route(`${env.server.url}${path}`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers, body: `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Хост</title>${css ? `<link rel="stylesheet" href="${path}.css">` : ''}</head><body>${body}</body></html>` }),
  );
  if (css) await page.route(`${env.server.url}${path}.css`, (route) => route.fulfill({ status: 200, contentType: 'text/css', headers, body: css }));
  await page.goto(`${env.server.url}${path}`);
}

const SCRIPT = '<script src="/dist/gov-support-widget.js" defer></script>';
const HOST_CONTENT = '<h1>Портал услуг</h1><p>Текст страницы <a href="#a">ссылка</a></p><button type="button" id="host-button">Кнопка сайта</button>';

async function openPanel(page: Page) {
  await launcher(page).click();
  await dialog(page).waitFor({ state: 'visible' });
  // The contacts card comes with the backend's config.
  await page.locator('gs-support-widget').locator('gs-contacts-card').locator('.card').waitFor();
}

describe('embedded script', () => {
  it('before the first open: no request, no socket, no storage write; after: only same-origin calls', async () => {
    const { context, page, errors } = await newPage(env.browser);
    // A string, not a function: tsx's transform would add helpers the page does not have.
    await page.addInitScript(`
      const writes = (window.__writes = []);
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key, value) {
        writes.push('storage:' + key);
        return setItem.call(this, key, value);
      };
      const open = IDBFactory.prototype.open;
      IDBFactory.prototype.open = function (...args) {
        writes.push('indexedDB:' + args[0]);
        return open.apply(this, args);
      };
      const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
      Object.defineProperty(document, 'cookie', {
        get: () => cookie.get.call(document),
        set: (value) => {
          writes.push('cookie');
          cookie.set.call(document, value);
        },
      });
    `);
    const requests: string[] = [];
    const sockets: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('websocket', (socket) => sockets.push(socket.url()));

    await hostPage(page, '/quiet', `${HOST_CONTENT}${SCRIPT}`);
    await launcher(page).waitFor();
    await page.waitForTimeout(500);
    assert.deepEqual(requests, [`${env.server.url}/quiet`, `${env.server.url}/dist/gov-support-widget.js`]);
    assert.deepEqual(sockets, []);
    assert.deepEqual(await page.evaluate(() => (window as unknown as { __writes: string[] }).__writes), []);
    assert.deepEqual(await context.cookies(), []);
    assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length), 0);
    assert.deepEqual(await page.evaluate(async () => (await indexedDB.databases()).length), 0);

    await openPanel(page);
    assert.ok(requests.includes(`${env.server.url}/config`), 'GET /config after opening');
    for (const url of requests) assert.equal(new URL(url).origin, env.server.url, `${url} stays on this origin`);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('keyboard only: Tab to the launcher, Enter opens, Esc closes, focus returns', async () => {
    const { context, page, errors } = await newPage(env.browser);
    await hostPage(page, '/keyboard', `${HOST_CONTENT}${SCRIPT}`);
    await launcher(page).waitFor();
    // Host link, host button, then the launcher (mounted at the end of <body>).
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
    assert.equal(await activeElement(page), 'button.launcher');
    await page.keyboard.press('Enter');
    await dialog(page).waitFor({ state: 'visible' });
    assert.equal(await activeElement(page), 'h2#title');
    // Into the panel: past the help search to the channels, on to a channel view and back, by keyboard alone.
    await page.locator('gs-support-widget').locator('gs-help-search input#q').waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await activeElement(page), 'button.button-icon.close');
    await page.keyboard.press('Tab');
    assert.equal(await activeElement(page), 'input#q');
    await page.keyboard.press('Tab');
    assert.equal(await activeElement(page), 'button.button-secondary');
    await page.keyboard.press('Tab');
    assert.equal(await activeElement(page), 'button.channel', 'the chat');
    await page.keyboard.press('Tab');
    assert.equal(await activeElement(page), 'button.channel', 'the request form');
    await page.keyboard.press('Enter');
    await page.locator('gs-support-widget').locator('gs-request-form').waitFor();
    assert.equal(await activeElement(page), 'h2#title');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await activeElement(page), 'button.button-icon.back');
    await page.keyboard.press('Enter');
    await page.locator('gs-support-widget').locator('gs-home-view').waitFor();
    await page.keyboard.press('Escape');
    await dialog(page).waitFor({ state: 'hidden' });
    assert.equal(await activeElement(page), 'button.launcher');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('works under a strict Content-Security-Policy with 0 violations', async () => {
    const { context, page, errors } = await newPage(env.browser);
    await page.addInitScript(`
      const seen = (window.__violations = []);
      document.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));
    `);
    await hostPage(page, '/csp', `${HOST_CONTENT}${SCRIPT}`, { 'Content-Security-Policy': STRICT_CSP });
    await openPanel(page);
    await page.locator('gs-support-widget').locator('gs-home-view').locator('button.channel[data-channel="request"]').click();
    await page.locator('gs-support-widget').locator('gs-request-form').waitFor();
    await page.locator('gs-support-widget').locator('button.back').click();
    await page.evaluate(() => window.GovSupport?.configure({ theme: { contrast: true }, position: { side: 'left' } }));
    await page.waitForTimeout(200);
    assert.equal(await page.locator('gs-support-widget').getAttribute('side'), 'left');
    assert.deepEqual(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations), []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('looks the same on a page whose CSS attacks every element, and leaves the page styles alone', async () => {
    const hostile = '* { all: unset } button { font-size: 40px !important; color: red !important } div, section, h2, ul, li, p, a, span { font: 30px serif !important; color: green !important; background: yellow !important; display: inline !important }';
    const shots: Record<string, Buffer[]> = { clean: [], hostile: [] };
    const pageStyles: Record<string, string[]> = {};
    for (const kind of ['clean', 'hostile'] as const) {
      const { context, page, errors } = await newPage(env.browser);
      await hostPage(page, `/${kind}`, `${HOST_CONTENT}`, {}, kind === 'hostile' ? hostile : 'body { margin: 8px }');
      const snapshot = () =>
        page.evaluate(() =>
          ['body', 'h1', 'p', 'a', '#host-button'].map((selector) => {
            const style = getComputedStyle(document.querySelector(selector)!);
            return `${selector}: ${['font-family', 'font-size', 'color', 'background-color', 'display', 'margin', 'padding', 'line-height', 'box-sizing'].map((p) => style.getPropertyValue(p)).join('|')}`;
          }),
        );
      const before = await snapshot();
      await page.addScriptTag({ url: '/dist/gov-support-widget.js' });
      await launcher(page).waitFor();
      shots[kind]!.push(await launcher(page).screenshot({ animations: 'disabled' }));
      await openPanel(page);
      await page.mouse.move(0, 0);
      shots[kind]!.push(await dialog(page).screenshot({ animations: 'disabled' }));
      assert.deepEqual(await snapshot(), before, `${kind}: host elements keep their styles`);
      pageStyles[kind] = before;
      assert.deepEqual(errors, []);
      await context.close();
    }
    assert.notDeepEqual(pageStyles.clean, pageStyles.hostile, 'the hostile CSS does change the host page');
    for (const [i, name] of ['launcher', 'panel'].entries()) {
      const a = PNG.sync.read(shots.clean![i]!);
      const b = PNG.sync.read(shots.hostile![i]!);
      assert.deepEqual([b.width, b.height], [a.width, a.height], `${name}: same size`);
      const diff = pixelmatch(a.data, b.data, undefined, a.width, a.height, { threshold: 0 });
      assert.equal(diff, 0, `${name}: ${diff} pixels differ`);
    }
  });

  it('is harmless when loaded twice, and waits for the site with data-mount="manual"', async () => {
    const { context, page, errors } = await newPage(env.browser);
    await hostPage(page, '/twice', `${HOST_CONTENT}${SCRIPT}${SCRIPT}`);
    await launcher(page).waitFor();
    await page.waitForTimeout(200);
    assert.equal(await page.locator('gs-support-widget').count(), 1);
    await openPanel(page);
    assert.deepEqual(errors, []);

    await hostPage(page, '/manual', `${HOST_CONTENT}<script src="/dist/gov-support-widget.js" data-mount="manual" defer></script>`);
    await page.waitForFunction(() => 'GovSupport' in window);
    assert.equal(await page.locator('gs-support-widget').count(), 0);
    await page.evaluate(() => window.GovSupport!.open('status'));
    await page.evaluate(() => window.GovSupport!.mount(document.querySelector('p')!));
    await dialog(page).waitFor({ state: 'visible' });
    assert.equal(await page.locator('gs-support-widget').locator('#title').textContent(), 'Статус обращения');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('reports an invalid data-* value once, with its path, and starts with the default', async () => {
    const { context, page } = await newPage(env.browser);
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    await hostPage(page, '/bad', `${HOST_CONTENT}<script src="/dist/gov-support-widget.js" data-position="top" data-offset-x="-3" defer></script>`);
    await launcher(page).waitFor();
    await openPanel(page);
    assert.equal(warnings.filter((w) => w.includes('config.position.side')).length, 1);
    assert.equal(warnings.filter((w) => w.includes('config.position.offsetX')).length, 1);
    assert.equal(await page.locator('gs-support-widget').getAttribute('side'), 'right');
    await context.close();
  });

  it('has no axe violations in the views it reaches, in every theme', async () => {
    const { context, page } = await newPage(env.browser, { bypassCSP: true });
    await hostPage(page, '/axe', `${HOST_CONTENT}${SCRIPT}`);
    await launcher(page).waitFor();
    assert.deepEqual(await axe(page, 'gs-support-widget'), []);
    await openPanel(page);
    for (const theme of [{}, { scheme: 'dark' as const }, { contrast: true }]) {
      await page.evaluate((t) => window.GovSupport!.configure({ theme: { scheme: 'light', contrast: false, ...t } }), theme);
      await page.evaluate(() => window.GovSupport!.open('home'));
      assert.deepEqual(await axe(page, 'gs-support-widget'), [], `home ${JSON.stringify(theme)}`);
      await page.evaluate(() => window.GovSupport!.open('chat'));
      await page.locator('gs-support-widget').locator('gs-chat-opening button[type="submit"]').waitFor();
      assert.deepEqual(await axe(page, 'gs-support-widget'), [], `chat opening ${JSON.stringify(theme)}`);
      await page.evaluate(() => window.GovSupport!.open('offices'));
      await page.locator('gs-support-widget').locator('gs-office-finder').waitFor();
      assert.deepEqual(await axe(page, 'gs-support-widget'), [], `office finder ${JSON.stringify(theme)}`);
    }
    await context.close();
  });
});
