/**
 * Smoke check of the built Storybook (`npm test` runs it after `npm run build-storybook`):
 *
 *   npx tsx .storybook/smoke.ts [--screenshots DIR] [story-id-filter]
 *
 * Serves storybook-static/ on 127.0.0.1, opens every story's iframe.html in headless Chromium
 * and checks that the story's element rendered (has a shadow root with content), that nothing
 * was logged as a console error or thrown, that no request left 127.0.0.1 (none is let out), and that the a11y
 * addon's axe run (parameters.a11y.test = 'error') reported no violations. SMOKE_WORKERS stories at
 * a time (default 1), each worker in a browser context of its own.
 */
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/**
 * Stories checked at once (env SMOKE_WORKERS, default 1). Two saved ~80 s of 538 here, but on a
 * loaded 2-core machine a story's timing-sensitive play function failed once: one stays the default.
 */
const WORKERS = Math.max(1, Number(process.env.SMOKE_WORKERS) || 1);

const ROOT = resolve(import.meta.dirname, '..', 'storybook-static');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

function serve(root: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root + sep) && file !== root) {
      res.writeHead(403).end();
      return;
    }
    // The browser's own favicon request (no page asked for it): nothing, rather than a logged 404.
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    // Cacheable for the run: each story's page takes the bundles (and their compiled code) from the cache.
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'max-age=3600' });
    createReadStream(file).pipe(res);
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

interface Finished {
  storyId: string;
  status: string;
  reporters: { type: string; status: string; result?: { violations?: { id: string; impact: string; help: string; nodes: { target: unknown }[] }[]; error?: unknown } }[];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const shotsAt = args.indexOf('--screenshots');
  const shots = shotsAt >= 0 ? args.splice(shotsAt, 2)[1] : undefined;
  const filter = args[0];
  if (shots) mkdirSync(shots, { recursive: true });
  if (!existsSync(join(ROOT, 'index.json'))) throw new Error('storybook-static/ not built: run `npm run build-storybook` first');
  const index = JSON.parse(readFileSync(join(ROOT, 'index.json'), 'utf8')) as { entries: Record<string, { id: string; type: string }> };
  const stories = Object.values(index.entries).filter((e) => e.type === 'story' && (!filter || e.id.includes(filter)));

  const server = await serve(ROOT);
  const { port } = server.address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    // Every request not for 127.0.0.1 goes to a port where nothing listens, so it fails (and the
    // story fails on it: the request listener in check()).
    proxy: { server: 'http://127.0.0.1:9', bypass: '127.0.0.1' },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  let failures = 0;
  /** Opens one story in a page of `context` and checks it; prints its line (and its problems). */
  const check = async (context: BrowserContext, story: { id: string }): Promise<void> => {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    // Seen, not routed: routing would switch the browser's cache off (every story would fetch and
    // compile Storybook's bundles anew). What is not for 127.0.0.1 goes to a dead proxy (launch).
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:') return;
      problems.push(`external request blocked: ${url.href}`);
    });
    // A string, not a function: tsx (esbuild keepNames) would inject `__name` calls into it.
    await page.addInitScript(`
      let channel;
      Object.defineProperty(window, '__STORYBOOK_ADDONS_CHANNEL__', {
        configurable: true,
        get: () => channel,
        set: (value) => {
          channel = value;
          channel?.on('storyFinished', (payload) => { window.__finished = payload; });
        },
      });
    `);
    await page.goto(`http://127.0.0.1:${port}/iframe.html?id=${story.id}&viewMode=story`);
    const finished = (await page
      .waitForFunction('window.__finished', undefined, { timeout: 20_000 })
      .then((h) => h.jsonValue())
      .catch(() => undefined)) as Finished | undefined;
    const rendered = (await page.evaluate(`(() => {
      const root = document.querySelector('#storybook-root');
      const element = root?.querySelector('gs-support-widget, gs-home-view, gs-contacts-card, gs-coming-soon, gs-request-form, gs-file-attachments, gs-error-summary, gs-status-lookup, gs-callback-request, gs-callback-confirmation, gs-office-finder, gs-office-card, gs-office-booking, gs-office-map, gs-chat, gs-chat-opening, gs-chat-log, gs-chat-composer, gs-chat-queue, gs-chat-end, gs-survey-form, gs-survey-view');
      // A view may be all nested elements (the form's confirmation): then their text counts.
      const deep = (node) => [...node.childNodes].map((n) => (n.shadowRoot ? deep(n.shadowRoot) + ' ' : '') + (n.nodeType === 1 ? deep(n) : n.nodeType === 3 ? n.textContent : '')).join('');
      const shadow = element?.shadowRoot;
      const text = shadow ? (shadow.textContent.trim() ? shadow.textContent : deep(shadow)) : '';
      return { tag: element?.localName ?? null, shadowText: text.replace(/\\s+/g, ' ').trim().slice(0, 90) };
    })()`)) as { tag: string | null; shadowText: string };
    if (!finished) problems.push('story did not finish within 20 s');
    else if (finished.status !== 'success') problems.push(`story status ${finished.status}`);
    if (!rendered.tag || !rendered.shadowText) problems.push('element not rendered');
    const a11y = finished?.reporters.find((r) => r.type === 'a11y');
    if (!a11y) problems.push('no a11y report');
    else if (a11y.status !== 'passed') {
      for (const v of a11y.result?.violations ?? []) problems.push(`a11y ${v.impact} ${v.id}: ${v.help} @ ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`);
      if (a11y.result?.error) problems.push(`a11y error: ${JSON.stringify(a11y.result.error)}`);
    }
    if (shots) await page.screenshot({ path: join(shots, `${story.id}.png`) });
    console.log([`${problems.length ? 'FAIL' : 'ok  '} ${story.id} <${rendered.tag}> ${rendered.shadowText}`, ...problems.map((p) => `       ${p}`)].join('\n'));
    if (problems.length) failures++;
    await page.close();
  };
  try {
    // WORKERS pages at a time, each worker with a context of its own (its own storage, as one
    // worker's stories always had).
    const queue = [...stories];
    await Promise.all(
      Array.from({ length: Math.min(WORKERS, queue.length) }, async () => {
        const context = await browser.newContext({ viewport: { width: 1024, height: 760 } });
        for (let story = queue.shift(); story; story = queue.shift()) await check(context, story);
        await context.close();
      }),
    );
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`${stories.length - failures} passed, ${failures} failed`);
  // For scripts/test.mjs, which sums every runner's counts.
  if (process.env.SMOKE_RESULTS_FILE) {
    writeFileSync(process.env.SMOKE_RESULTS_FILE, JSON.stringify({ passed: stories.length - failures, failed: failures, skipped: 0 }));
  }
  process.exitCode = failures ? 1 : 0;
}

await main();
