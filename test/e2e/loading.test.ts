// Loading in steps, through the script tag on the demo page against the real server: the launcher
// alone on every page, the panel at the first sign of intent, each channel when its view opens;
// the page API before anything loaded; a file that will not load; the widget from another origin.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { axe, dialog, launcher, newPage, startServer, useServerAndBrowser, type RunningServer } from '../helpers/e2e.js';

const env = useServerAndBrowser({ before, after });

/** The widget's files this page fetched (paths under /dist/), in order. */
function widgetFiles(page: Page): string[] {
  const files: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/dist/')) files.push(pathname.slice('/dist/'.length));
  });
  return files;
}

/** Requests to the backend's API (everything but the page, the site's own files and /dist/). */
function apiCalls(page: Page, base: string): string[] {
  const calls: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin === new URL(base).origin && !url.pathname.startsWith('/dist/') && !/\.(html|css|js|svg|png|ico)$|\/$/.test(url.pathname)) calls.push(url.pathname);
  });
  return calls;
}

const manifest = () => JSON.parse(readFileSync('dist/widget/.vite/manifest.json', 'utf8')) as Record<string, { file: string; imports?: string[] }>;

/** The files an import() of `entry` fetches: its file and its static imports, as widget/… paths. */
function filesOf(entry: string, m = manifest(), seen = new Set<string>()): Set<string> {
  const chunk = m[entry]!;
  if (seen.has(`widget/${chunk.file}`)) return seen;
  seen.add(`widget/${chunk.file}`);
  for (const imported of chunk.imports ?? []) filesOf(imported, m, seen);
  return seen;
}

const CHANNEL_ENTRIES = { request: 'src/features/request/index.ts', status: 'src/features/status/index.ts', callback: 'src/features/callback/index.ts', offices: 'src/features/offices/index.ts' } as const;
const channelFile = (id: keyof typeof CHANNEL_ENTRIES) => `widget/${manifest()[CHANNEL_ENTRIES[id]]!.file}`;

const textsFile = (id: keyof typeof CHANNEL_ENTRIES, locale: 'ru' | 'en') => `widget/${manifest()[`src/features/${id}/texts/${locale}.ts`]!.file}`;

const widget = (page: Page) => page.locator('gs-support-widget');

async function openChannel(page: Page, id: string) {
  await widget(page).locator(`gs-home-view button[data-channel="${id}"]`).click();
}

describe('loading in steps', () => {
  it('the page fetches the launcher alone; intent fetches the panel; each channel brings its own file and no other channel’s', async () => {
    const { context, page, errors } = await newPage(env.browser);
    const files = widgetFiles(page);
    const calls = apiCalls(page, env.server.url);
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    await page.goto(`${env.server.url}/`);
    await launcher(page).waitFor();
    await page.waitForTimeout(300);
    assert.deepEqual(files, ['gov-support-widget.js'], 'the launcher and nothing else of ours');
    assert.deepEqual(calls, [], 'no backend request before intent');

    await launcher(page).hover();
    const panel = [...filesOf('src/panel/index.ts')];
    const language = `widget/${manifest()['src/i18n/ru.ts']!.file}`;
    await page.waitForFunction((n) => performance.getEntriesByType('resource').filter((e) => e.name.includes('/dist/widget/')).length >= n, panel.length + 1);
    assert.deepEqual(new Set(files.slice(1)), new Set([...panel, language]), 'hovering fetches the panel, its shared chunks and the page’s language');
    assert.deepEqual(calls, [], 'still no backend request: only the widget’s own files');
    assert.deepEqual(sockets, []);

    await launcher(page).click();
    await dialog(page).waitFor({ state: 'visible' });
    let seen = new Set(files);
    for (const id of ['request', 'status', 'callback', 'offices'] as const) {
      await openChannel(page, id);
      await widget(page).locator({ request: 'gs-request-form', status: 'gs-status-lookup', callback: 'gs-callback-request', offices: 'gs-office-finder' }[id]).waitFor();
      const added = files.filter((f) => !seen.has(f));
      assert.ok(added.includes(channelFile(id)), `${id}: its file ${channelFile(id)} was fetched (got ${added.join(', ')})`);
      assert.ok(added.includes(textsFile(id, 'ru')), `${id}: its texts in the page's language were fetched`);
      assert.ok(!added.includes(textsFile(id, 'en')), `${id}: not its texts in another language`);
      for (const other of (['request', 'status', 'callback', 'offices'] as const).filter((o) => o !== id)) {
        if (!seen.has(channelFile(other))) assert.ok(!added.includes(channelFile(other)), `${id} fetched no file of ${other}`);
      }
      assert.ok(!added.some((f) => f.startsWith('widget/office-map-')), 'no map before the map opens');
      seen = new Set(files);
      await widget(page).locator('button.back').click();
      await widget(page).locator('gs-home-view').waitFor();
    }
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('a form channel opened first has everything its form shows: the callback form’s error summary', async () => {
    const { context, page, errors } = await newPage(env.browser);
    await page.goto(`${env.server.url}/`);
    await launcher(page).click();
    await dialog(page).waitFor({ state: 'visible' });
    await openChannel(page, 'callback');
    const form = widget(page).locator('gs-callback-request');
    await form.locator('form').waitFor();
    await form.locator('button[type="submit"]').last().click();
    const summary = form.locator('gs-error-summary');
    await summary.locator('a').first().waitFor();
    assert.ok(await page.evaluate(() => !!customElements.get('gs-error-summary')), 'defined by the callback file itself');
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('on the English page a channel brings its English texts and no Russian ones', async () => {
    const { context, page, errors } = await newPage(env.browser);
    const files = widgetFiles(page);
    await page.goto(`${env.server.url}/en/`);
    await launcher(page).click();
    await dialog(page).waitFor({ state: 'visible' });
    await openChannel(page, 'callback');
    await widget(page).locator('gs-callback-request').getByText('Leave your phone number', { exact: false }).waitFor();
    assert.ok(files.includes(textsFile('callback', 'en')), 'the callback texts in English');
    assert.ok(!files.includes(textsFile('callback', 'ru')), 'not the Russian ones');
    assert.ok(!files.includes(`widget/${manifest()['src/i18n/ru.ts']!.file}`), 'nor the panel’s Russian texts');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('GovSupport before anything loaded: configure takes effect, open(callback, prefill) opens it pre-filled, calls replay in order', async () => {
    const { context, page, errors } = await newPage(env.browser);
    const files = widgetFiles(page);
    await page.goto(`${env.server.url}/`);
    await launcher(page).waitFor();
    assert.deepEqual(files, ['gov-support-widget.js']);
    await page.evaluate(() => {
      const seen: string[] = ((window as unknown as { __events: string[] }).__events = []);
      const api = (window as unknown as { GovSupport: { on(e: string, f: (e: Event & { view?: string }) => void): void; configure(c: unknown): void; open(v: string, p?: unknown): void; close(): void } }).GovSupport;
      api.on('open', (e) => seen.push(`open:${e.view}`));
      api.on('close', () => seen.push('close'));
      api.on('view', (e) => seen.push(`view:${e.view}`));
      api.configure({ position: { side: 'left' }, texts: { ru: { title: 'Помощь порталу' } } });
      api.open('status');
      api.close();
      api.open('callback', { topic: 'status', requestNumber: '2026-000123' });
    });
    assert.equal(await widget(page).getAttribute('side'), 'left', 'configure() moved the launcher before the panel arrived');
    const form = widget(page).locator('gs-callback-request');
    await form.waitFor();
    await dialog(page).waitFor({ state: 'visible' });
    assert.equal(await form.locator('#requestNumber').inputValue(), '2026-000123');
    assert.equal(await form.locator('#topic').inputValue(), 'status');
    assert.deepEqual(await page.evaluate(() => (window as unknown as { __events: string[] }).__events), ['view:status', 'open:status', 'close', 'view:callback', 'open:callback']);
    await page.evaluate(() => (window as unknown as { GovSupport: { open(view: string): void } }).GovSupport.open('home'));
    await widget(page).locator('#title').filter({ hasText: 'Помощь порталу' }).waitFor();
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('offline after the page loaded, then a click: the launcher’s own panel with the support phones and «Повторить»; back online it opens the home view', async () => {
    const { context, page, errors } = await newPage(env.browser);
    await page.goto(`${env.server.url}/`);
    await launcher(page).waitFor();
    await context.setOffline(true);
    await launcher(page).click();
    const fallback = widget(page).locator('[role="dialog"]');
    await fallback.waitFor({ state: 'visible' });
    const text = (await fallback.textContent()) ?? '';
    assert.match(text, /Не удалось загрузить/);
    assert.equal(await fallback.locator('a[href="tel:+78005553535"]').count(), 1, 'the phone of data-phone as a tel: link');
    assert.equal(await fallback.locator('a[href^="mailto:support"]').count(), 1, 'the e-mail of data-email as a mailto: link');
    assert.match(text, /Круглосуточно/, 'the hours of data-hours');
    assert.deepEqual(await axe(page), []);
    // Back online, but the panel's files still refused for a moment: the automatic retry on the
    // `online` event fails too and the fallback stays; then «Повторить» succeeds.
    await page.route('**/dist/widget/**', (route) => route.abort('internetdisconnected'));
    await context.setOffline(false);
    await page.waitForTimeout(300);
    await page.unroute('**/dist/widget/**');
    await fallback.getByRole('button', { name: 'Повторить' }).click();
    await widget(page).locator('gs-home-view').waitFor();
    await dialog(page).filter({ has: page.locator('#title') }).waitFor({ state: 'visible' });
    await widget(page).locator('gs-contacts-card .card').waitFor();
    assert.deepEqual(await axe(page), []);
    // Chromium reports the refused files as console errors while offline.
    assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch dynamically imported module|Failed to load resource/.test(e)), []);
    await context.close();
  });

  it('a channel file that will not load (404 after a deploy): a message, the contacts and «Повторить», which recovers', async () => {
    const { context, page, errors } = await newPage(env.browser);
    let gone = true;
    await page.route('**/dist/widget/callback-*.js', (route) => (gone ? route.fulfill({ status: 404, body: 'not found' }) : route.continue()));
    await page.goto(`${env.server.url}/`);
    await launcher(page).click();
    await dialog(page).waitFor({ state: 'visible' });
    await openChannel(page, 'callback');
    const alert = widget(page).locator('[role="alert"]');
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? '', /Не удалось загрузить этот раздел/);
    assert.ok((await widget(page).locator('gs-contacts-card a[href^="tel:"]').count()) > 0, 'the phones as tel: links');
    assert.deepEqual(await axe(page), []);
    gone = false;
    await widget(page).getByRole('button', { name: 'Повторить' }).click();
    await widget(page).locator('gs-callback-request').waitFor();
    // Chromium reports the refused file itself as a console error.
    assert.deepEqual(errors.filter((e) => !/404|Failed to fetch dynamically imported module/.test(e)), []);
    await context.close();
  });
});

describe('the one-file build', () => {
  it('dist/gov-support-widget.bundle.js holds everything: the panel and a channel open with no further file fetched', async () => {
    const { context, page, errors } = await newPage(env.browser);
    await page.route(`${env.server.url}/one-file`, (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        headers: { 'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'" },
        body: '<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Портал</title><script src="/dist/gov-support-widget.bundle.js" defer></script></head><body><main><h1>Портал услуг</h1></main></body></html>',
      }),
    );
    const files = widgetFiles(page);
    await page.goto(`${env.server.url}/one-file`);
    await launcher(page).click();
    await dialog(page).waitFor({ state: 'visible' });
    await openChannel(page, 'offices');
    await widget(page).locator('gs-office-finder li.office').first().waitFor();
    assert.deepEqual(files, ['gov-support-widget.bundle.js'], 'one file, nothing else of ours');
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

const NONCE = 'r4nd0m-n0nce-per-page';

describe('the widget from another origin', () => {
  // Three origins, as on a real portal: the site's page, a CDN with the widget's files (a second
  // reference server stands in for it), and the support backend that lists the site in CORS_ORIGINS.
  let cdn: RunningServer;
  let backend: RunningServer;
  let site: Server;
  let siteOrigin = '';
  before(async () => {
    site = createServer((request, response) => {
      // /nonce: a policy that trusts scripts by nonce only (no origin listed for scripts).
      const nonce = request.url === '/nonce' ? NONCE : undefined;
      const scripts = nonce ? `'nonce-${nonce}'` : `'self' ${cdn.url}`;
      const csp = `default-src 'self'; script-src ${scripts}; style-src 'self'; connect-src ${backend.url}; img-src 'self' data:`;
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp });
      response.end(
        `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Портал</title>` +
          `<script src="${cdn.url}/dist/gov-support-widget.js" data-backend="${backend.url}"${nonce ? ` nonce="${nonce}"` : ''} defer></script></head>` +
          `<body><main><h1>Портал услуг</h1></main></body></html>`,
      );
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteOrigin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    cdn = await startServer();
    backend = await startServer({ corsOrigins: [siteOrigin] });
  });
  after(async () => {
    await cdn?.close();
    await backend?.close();
    await new Promise((resolve) => site?.close(resolve));
  });

  it('served from a CDN origin on a page with a strict CSP listing it: works, no violation, every widget file from the CDN', async () => {
    const { context, page, errors } = await newPage(env.browser);
    const urls: string[] = [];
    page.on('request', (request) => urls.push(request.url()));
    await page.goto(`${siteOrigin}/`);
    await launcher(page).click();
    await dialog(page).waitFor({ state: 'visible' });
    await widget(page).locator('gs-contacts-card .card').waitFor();
    await openChannel(page, 'status');
    await widget(page).locator('gs-status-lookup').waitFor();
    const ours = urls.filter((url) => url.includes('/dist/'));
    assert.ok(ours.length > 2 && ours.every((url) => url.startsWith(`${cdn.url}/dist/`)), `every widget file from the CDN: ${ours.join(', ')}`);
    assert.ok(urls.includes(`${backend.url}/config`), 'the API on the backend origin');
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(errors, [], 'no CSP violation, no error');
    await context.close();
  });

  it('on a page whose CSP trusts scripts by nonce only, the nonce on the script tag carries to the panel and the channel files', async () => {
    const { context, page, errors } = await newPage(env.browser);
    const urls: string[] = [];
    page.on('request', (request) => urls.push(request.url()));
    await page.goto(`${siteOrigin}/nonce`);
    await launcher(page).click();
    await dialog(page).waitFor({ state: 'visible' });
    await widget(page).locator('gs-contacts-card .card').waitFor();
    await openChannel(page, 'callback');
    await widget(page).locator('gs-callback-request form').waitFor();
    assert.ok(urls.filter((url) => url.startsWith(`${cdn.url}/dist/widget/`)).length > 3, 'the panel and the channel came from the CDN');
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(errors, [], 'no CSP violation, no error');
    await context.close();
  });

  it('the CDN answers the module files with CORS and the hashed files with a year of cache; the launcher is revalidated', async () => {
    const panelFile = manifest()['src/panel/index.ts']!.file;
    const res = await fetch(`${cdn.url}/dist/widget/${panelFile}`, { headers: { origin: siteOrigin } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    const launcherFile = await fetch(`${cdn.url}/dist/gov-support-widget.js`);
    assert.equal(launcherFile.headers.get('cache-control'), 'no-cache', 'a deploy shows at once');
  });
});
