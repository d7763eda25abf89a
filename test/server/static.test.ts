import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { buildApp, type BackendApp } from '../../server/app.js';
import { DEMO_CSP } from '../../server/static.js';
import type { ApiError } from '../../src/protocol/error.js';
import { FAKE_WIDGET, SITE_DIR, startBackend, tempDir } from './support.js';

const EXPECTED_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; " +
  "font-src 'self'; frame-ancestors 'self'; base-uri 'self'; form-action 'self'";

const pages = [
  { url: '/', lang: 'ru', toggle: 'Версия для слабовидящих' },
  { url: '/en/', lang: 'en', toggle: 'Low-vision version' },
] as const;

describe('demo site', () => {
  for (const page of pages) {
    test(`${page.url} is served with the strict CSP and embeds the widget (${page.lang})`, async (t) => {
      const { app } = await startBackend(t);
      const res = await app.inject({ method: 'GET', url: page.url });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/html/);
      assert.equal(res.headers['content-security-policy'], EXPECTED_CSP);
      assert.equal(DEMO_CSP, EXPECTED_CSP);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['referrer-policy'], 'strict-origin-when-cross-origin');

      const html = res.body;
      assert.ok(html.includes(`<html lang="${page.lang}">`));
      const script = /<script src="\/dist\/gov-support-widget.js"([^>]*) defer><\/script>/.exec(html);
      assert.ok(script, 'the launcher script tag');
      assert.ok(script[1]!.includes(` data-locale="${page.lang}"`), 'the page language');
      assert.match(script[1]!, / data-phone="[^"]+" data-email="[^"]+" data-hours="[^"]+"/, 'the contacts the launcher shows when the panel cannot load');
      assert.ok(html.includes('<script src="/site.js" defer></script>'));
      assert.ok(html.includes('<link rel="stylesheet" href="/site.css">'));
      assert.ok(html.includes(page.toggle), 'has the low-vision toggle');
      assert.match(html, /<button[^>]*data-contrast-toggle[^>]*aria-pressed="false"/);
    });

    test(`${page.url} has no inline script or style and no third-party URL`, async (t) => {
      const { app } = await startBackend(t);
      const html = (await app.inject({ method: 'GET', url: page.url })).body;
      for (const tag of html.match(/<script\b[^>]*>/g) ?? []) assert.match(tag, /\ssrc="\//, `external same-origin script: ${tag}`);
      assert.doesNotMatch(html, /<script\b[^>]*>[^<]+<\/script>/, 'no inline script body');
      assert.doesNotMatch(html, /<style\b/i, 'no <style> element');
      assert.doesNotMatch(html, /\sstyle=/i, 'no style attribute');
      assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handler');
      assert.doesNotMatch(html, /javascript:/i);
      const urls = [...html.matchAll(/\s(?:src|href|action)="([^"]*)"/g)].map((m) => m[1]!);
      assert.ok(urls.length > 5);
      for (const url of urls) assert.match(url, /^(?:\/(?!\/)|#|tel:|mailto:)/, `no third-party request: ${url}`);
    });
  }

  test('/en redirects to /en/, and the shared assets are served under the CSP', async (t) => {
    const { app } = await startBackend(t);
    const redirect = await app.inject({ method: 'GET', url: '/en' });
    assert.equal(redirect.statusCode, 301);
    assert.equal(redirect.headers.location, '/en/');

    const css = await app.inject({ method: 'GET', url: '/site.css' });
    assert.equal(css.statusCode, 200);
    assert.match(String(css.headers['content-type']), /^text\/css/);
    assert.doesNotMatch(css.body, /@import|url\(\s*["']?(?:https?:)?\/\//, 'no external CSS resources');

    const js = await app.inject({ method: 'GET', url: '/site.js' });
    assert.equal(js.statusCode, 200);
    assert.match(String(js.headers['content-type']), /javascript/);
    assert.ok(js.body.includes('GovSupport.configure({ theme: { contrast } })'));
    assert.equal(js.headers['content-security-policy'], EXPECTED_CSP);
  });
});

describe('built widget at /dist/', () => {
  test('serves dist/gov-support-widget.js as JavaScript, revalidated on each load', async (t) => {
    const { app } = await startBackend(t);
    const res = await app.inject({ method: 'GET', url: '/dist/gov-support-widget.js' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^(?:application|text)\/javascript/);
    assert.equal(res.headers['cache-control'], 'no-cache');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.body, FAKE_WIDGET);
    assert.ok(res.headers.etag, 'an ETag lets browsers revalidate cheaply');
  });

  test('a missing file under /dist/ is a 404 ApiError', async (t) => {
    const { app } = await startBackend(t);
    const res = await app.inject({ method: 'GET', url: '/dist/nope.js' });
    assert.equal(res.statusCode, 404);
    assert.equal((res.json() as ApiError).error.code, 'not_found');
  });

  test('without a build, /dist/ explains how to build the widget', async (t) => {
    let backend: BackendApp | undefined;
    const dir = tempDir(t, () => backend?.close());
    backend = await buildApp({
      dbPath: join(dir, 'db.sqlite'),
      corsOrigins: [],
      distDir: join(dir, 'not-built'),
      siteDir: SITE_DIR,
    });
    const res = await backend.app.inject({ method: 'GET', url: '/dist/gov-support-widget.js' });
    assert.equal(res.statusCode, 404);
    const body = res.json() as ApiError;
    assert.equal(body.error.code, 'not_found');
    assert.match(body.error.message, /npm run build/);
  });

  test('the operator console is served at /operator/ only: a console folder inside a public folder is refused at start', async (t) => {
    let backend: BackendApp | undefined;
    const dir = tempDir(t, () => backend?.close());
    const distDir = join(dir, 'dist');
    const consoleDir = join(distDir, 'operator');
    mkdirSync(join(consoleDir, 'assets'), { recursive: true });
    writeFileSync(join(consoleDir, 'index.html'), '<!doctype html><title>Консоль</title>');
    await assert.rejects(
      buildApp({ dbPath: join(dir, 'db.sqlite'), corsOrigins: [], distDir, siteDir: SITE_DIR, consoleDir }),
      /inside the public folder/,
    );
    await assert.rejects(
      buildApp({ dbPath: join(dir, 'db.sqlite'), corsOrigins: [], distDir: join(dir, 'x'), siteDir: distDir, consoleDir }),
      /inside the public folder/,
    );
    // Beside dist/, as npm run build lays it out: protected at /operator/, nothing at /dist/operator/.
    const outside = join(dir, 'build', 'operator');
    mkdirSync(join(outside, 'assets'), { recursive: true });
    writeFileSync(join(outside, 'index.html'), '<!doctype html><title>Консоль</title>');
    const builtDist = join(dir, 'built-dist');
    mkdirSync(builtDist);
    writeFileSync(join(builtDist, 'gov-support-widget.js'), FAKE_WIDGET);
    backend = await buildApp({ dbPath: join(dir, 'db.sqlite'), corsOrigins: [], distDir: builtDist, siteDir: SITE_DIR, consoleDir: outside });
    const page = await backend.app.inject({ method: 'GET', url: '/operator/', headers: { origin: 'https://evil.example' } });
    assert.equal(page.statusCode, 200);
    assert.match(page.headers['content-security-policy'] as string, /default-src 'self'/);
    assert.equal(page.headers['x-frame-options'], 'SAMEORIGIN');
    assert.equal(page.headers['access-control-allow-origin'], undefined);
    const copy = await backend.app.inject({ method: 'GET', url: '/dist/operator/' });
    assert.equal(copy.statusCode, 404);
    assert.equal((copy.json() as ApiError).error.code, 'not_found');
  });
});
