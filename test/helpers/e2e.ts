import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildApp, type BackendApp } from '../../server/app.js';
import type { CallbackView } from '../../src/protocol/callback.js';
import type { Booking, BookingBody } from '../../src/protocol/offices.js';

export interface RunningServer {
  url: string;
  backend: BackendApp;
  close(): Promise<void>;
}

export interface StartServerOptions {
  /** The operator token (operator console and API); absent = the backend's default. */
  operatorToken?: string;
  /** SUPERVISOR_TOKEN: logs in to the console as a supervisor (figures, alerts). */
  supervisorToken?: string;
  /** The server's clock (answer due dates, overdue, rate limits); the real one when absent. */
  now?: () => number;
  /** Other origins whose pages may call the API (CORS_ORIGINS). */
  corsOrigins?: string[];
  /** PostgreSQL instead of the fresh SQLite file (several servers on one database). */
  databaseUrl?: string;
  /** The upload folder (several servers share one); the server's own temp folder when absent. */
  uploadDir?: string;
}

/** The real reference backend on 127.0.0.1 with a fresh SQLite file (or `databaseUrl`), serving the built dist/. */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'gs-e2e-'));
  const backend = await buildApp({
    dbPath: join(dir, 'db.sqlite'),
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    uploadDir: options.uploadDir ?? join(dir, 'uploads'),
    configPath: resolve('demo/data/widget-config.json'),
    corsOrigins: options.corsOrigins ?? [],
    distDir: resolve('dist'),
    siteDir: resolve('demo/site'),
    logger: false,
    ...(options.operatorToken ? { operatorToken: options.operatorToken } : {}),
    ...(options.supervisorToken ? { supervisorToken: options.supervisorToken } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  await backend.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = backend.app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    backend,
    close: async () => {
      await backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium (or CHROME_PATH), headless, with everything that calls home switched off. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--font-render-hinting=none',
    ],
  });
}

/** A page that fails the test on uncaught errors: the widget never throws into the host page. */
export async function newPage(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: 'ru-RU', timezoneId: 'Europe/Moscow', viewport: { width: 1280, height: 800 }, ...options });
  const page = await context.newPage();
  // Functions the tests pass to page.evaluate are compiled by tsx, which names inner functions
  // through an `__name` helper the page does not have.
  await page.addInitScript('window.__name = (fn) => fn;');
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return { context, page, errors };
}

/** The element that has focus, through shadow roots, as `tag#id.class`. */
export function activeElement(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return '';
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}`;
  });
}

/** Runs axe-core (WCAG 2.2 A/AA rules) on the page, or just inside `include`. */
export async function axe(page: Page, include?: string): Promise<{ id: string; nodes: string[] }[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) {
    const { readFileSync } = await import('node:fs');
    const { createRequire } = await import('node:module');
    const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    await page.evaluate(source);
  }
  return page.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
    const result = await axe.run(selector ? { include: [[selector]] } : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
  }, include);
}

/** Clicks the launcher inside the widget's shadow root. */
export const launcher = (page: Page) => page.locator('gs-support-widget').locator('button.launcher');
export const dialog = (page: Page) => page.locator('gs-support-widget').locator('[role="dialog"]');

/**
 * Starts the real server and Chromium before the file's tests and stops both after.
 * Read `.server` and `.browser` inside tests.
 */
export function useServerAndBrowser(
  hooks: { before: (fn: () => Promise<void>) => void; after: (fn: () => Promise<void>) => void },
  serverOptions: StartServerOptions = {},
) {
  const env = {} as { server: RunningServer; browser: Browser };
  hooks.before(async () => {
    env.server = await startServer(serverOptions);
    env.browser = await launchBrowser();
  });
  hooks.after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** A file for Playwright's setInputFiles that is a PDF by its leading bytes (the server sniffs them). */
export function pdfFile(name = 'scan.pdf', size = 2048) {
  const buffer = Buffer.alloc(size, 0x20);
  buffer.write('%PDF-1.7\n');
  return { name, mimeType: 'application/pdf', buffer };
}

/** A citizen's request with one PDF, registered through the public API as the widget does. */
export async function registerRequest(base: string): Promise<{ number: string; lookupCode: string }> {
  const pdf = pdfFile().buffer;
  const upload = await fetch(`${base}/uploads`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent('заявление.pdf') },
    body: pdf,
  });
  assert.equal(upload.status, 201, await upload.clone().text());
  const { id } = (await upload.json()) as { id: string };
  const created = await fetch(`${base}/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({
      type: 'technical',
      fullName: 'Иванова Мария Петровна',
      phone: '8 (912) 345-67-89',
      email: 'maria.ivanova\u0040example.ru',
      answerChannel: 'email',
      description: 'Не открывается страница оплаты <b>госпошлины</b>, появляется ошибка 500.',
      consent: true,
      attachments: [id],
    }),
  });
  assert.equal(created.status, 201, await created.clone().text());
  return (await created.json()) as { number: string; lookupCode: string };
}

/** Signs in to the operator console at its login screen. */
export async function operatorLogin(page: Page, token: string, name = 'Петров А. С.'): Promise<void> {
  const app = page.locator('gs-operator-console');
  await app.locator('#token').fill(token);
  await app.locator('#operatorName').fill(name);
  await app.locator('gs-operator-login button[type="submit"]').click();
  await app.locator('main h1').filter({ hasText: 'Обращения' }).waitFor();
}

/** A citizen's callback booked through the public API as the widget does (a fresh Idempotency-Key). */
export async function bookCallback(base: string, body: Record<string, unknown>): Promise<CallbackView> {
  const created = await fetch(`${base}/callbacks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify(body),
  });
  assert.equal(created.status, 201, await created.clone().text());
  return (await created.json()) as CallbackView;
}

/** A visit to an office booked through the public API as the widget does (a fresh Idempotency-Key). */
export async function bookVisit(base: string, officeId: string, body: BookingBody): Promise<Booking> {
  const created = await fetch(`${base}/offices/${encodeURIComponent(officeId)}/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify(body),
  });
  assert.equal(created.status, 201, await created.clone().text());
  return (await created.json()) as Booking;
}

/** Cancels a visit as the citizen does: its number and phone. */
export async function cancelVisit(base: string, number: string, phone: string): Promise<Booking> {
  const cancelled = await fetch(`${base}/bookings/${encodeURIComponent(number)}/cancel`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone }),
  });
  assert.equal(cancelled.status, 200, await cancelled.clone().text());
  return (await cancelled.json()) as Booking;
}
