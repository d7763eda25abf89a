// A bundler app that uses the package by name (`import 'gov-support-widget/…'`), built with Vite
// into a temporary folder and served on the test server's origin through Playwright routing,
// so that the elements talk to the real backend as a site's own page would.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { activeElement } from './e2e.js';

export interface BundledApp {
  /** Answers `<base>/app/**` from the build for this page. */
  serve(page: Page, base: string): Promise<void>;
  /** Files the build wrote (to tell chunks apart in a network log). */
  dir: string;
  remove(): void;
}

/** Builds an app whose entry is `main` (TypeScript) in a page with `body` (HTML, no script). */
export function buildBundledApp(main: string, body: string, title: string): BundledApp {
  const root = resolve('.');
  const app = mkdtempSync(join(tmpdir(), 'gs-bundled-app-'));
  mkdirSync(join(app, 'node_modules'));
  symlinkSync(root, join(app, 'node_modules', 'gov-support-widget'), 'dir');
  for (const dep of ['lit', '@lit', 'lit-html', 'lit-element', 'zod', 'idb']) symlinkSync(join(root, 'node_modules', dep), join(app, 'node_modules', dep), 'dir');
  writeFileSync(join(app, 'main.ts'), main);
  writeFileSync(join(app, 'index.html'), `<!doctype html><html lang="ru"><head><title>${title}</title></head><body>${body}<script type="module" src="./main.ts"></script></body></html>`);
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', app, '--logLevel', 'error', '--base', '/app/', '--outDir', join(app, 'out')], { stdio: 'pipe', cwd: app });
  const out = join(app, 'out');
  return {
    dir: out,
    serve: async (page, base) => {
      await page.route(`${base}/app/**`, (route) => {
        const path = join(out, new URL(route.request().url()).pathname.slice('/app/'.length) || 'index.html');
        try {
          return route.fulfill({ status: 200, contentType: extname(path) === '.js' ? 'text/javascript' : 'text/html', body: readFileSync(path) });
        } catch {
          return route.fulfill({ status: 404, body: '' });
        }
      });
    },
    remove: () => rmSync(app, { recursive: true, force: true }),
  };
}

/** Presses Tab until the focused element (as activeElement() writes it) starts with `target`. */
export async function tabTo(page: Page, target: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if ((await activeElement(page)).startsWith(target)) return;
  }
  assert.fail(`Tab never reached ${target}`);
}

/** Text of an element's shadow root (Playwright's textContent reads the light DOM only). */
export const shadowText = async (locator: Locator): Promise<string> => (await locator.evaluate((el) => el.shadowRoot?.textContent ?? '')) as string;
