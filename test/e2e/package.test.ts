// `import 'gov-support-widget'` in a bundler app: the exports map, the ES build and its types.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { launchBrowser, launcher, newPage } from '../helpers/e2e.js';

const root = resolve('.');
let app: string;
let browser: Browser;

before(async () => {
  app = mkdtempSync(join(tmpdir(), 'gs-app-'));
  mkdirSync(join(app, 'node_modules'));
  // The app sees this package as an installed dependency, and its dependencies beside it.
  symlinkSync(root, join(app, 'node_modules', 'gov-support-widget'), 'dir');
  for (const dep of ['lit', '@lit', 'lit-html', 'lit-element', '@lit-labs', 'zod', 'idb', 'socket.io-client']) {
    try {
      symlinkSync(join(root, 'node_modules', dep), join(app, 'node_modules', dep), 'dir');
    } catch {
      /* not installed: not needed */
    }
  }
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  rmSync(app, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('type-checks an app that imports it by name (exports map + .d.ts)', () => {
    writeFileSync(
      join(app, 'main.ts'),
      `import { pageConfigStore, GsSupportWidget, type WidgetConfigInput } from 'gov-support-widget';
import { WidgetConfig } from 'gov-support-widget/protocol';
const settings: WidgetConfigInput = { backend: 'https://support.example.ru', theme: { contrast: true } };
pageConfigStore.set('api', settings);
const widget: GsSupportWidget = document.createElement('gs-support-widget');
widget.open = false;
document.body.append(widget);
export const parsed = WidgetConfig.parse({});
`,
    );
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, module: 'ESNext', moduleResolution: 'Bundler', target: 'ES2022', lib: ['ES2022', 'DOM'], noEmit: true, skipLibCheck: true }, files: ['main.ts'] }),
    );
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', app], { stdio: 'pipe' });
  });

  it('bundles with Vite and runs: the launcher renders', async () => {
    writeFileSync(join(app, 'index.html'), '<!doctype html><html lang="ru"><body><script type="module" src="./main.ts"></script></body></html>');
    execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', app, '--logLevel', 'error', '--outDir', join(app, 'out')], {
      stdio: 'pipe',
      cwd: app,
    });
    const out = join(app, 'out');
    const server: Server = createServer((req, res) => {
      if (req.url === '/favicon.ico') return void res.writeHead(204).end();
      const path = join(out, req.url === '/' ? 'index.html' : req.url!.split('?')[0]!);
      try {
        const body = readFileSync(path);
        res.writeHead(200, { 'content-type': path.endsWith('.js') ? 'text/javascript' : 'text/html' });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    }).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const { context, page, errors } = await newPage(browser);
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      await launcher(page).waitFor();
      assert.equal((await launcher(page).textContent())?.trim(), 'Помощь');
      assert.equal(await page.locator('gs-support-widget').getAttribute('contrast'), '');
      assert.deepEqual(errors, []);
      await context.close();
    } finally {
      server.close();
    }
  });
});
