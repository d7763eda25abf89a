// Screenshots for a review by eye: the home view, the request form with its errors, the
// confirmation, a status result and the chat with a file attached, each at 1280×800, 320×640,
// 200 % zoom (1280×800 seen as 640×400) and with the browser's default text at 32 px, through
// the script tag on the demo page and the real server; the home view also in both high-contrast
// schemes and on the English page.
// axe runs on every state and the script fails on any violation.
//
//   npm run build && npm run screens   → docs/screens/<setup>-<state>.png
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { axe, dialog, launchBrowser, launcher, newPage, pdfFile, registerRequest, startServer } from '../test/helpers/e2e.js';

const OUT = resolve('docs/screens');
const NOW = Date.UTC(2026, 2, 16, 9, 0);

interface Setup {
  name: string;
  viewport: { width: number; height: number };
  deviceScaleFactor?: number;
  textSize?: number;
  /** The demo page's path: / (Russian) or /en/. */
  path?: string;
  /** The high-contrast, large-text mode in one of its two schemes. */
  contrast?: 'black-on-white' | 'white-on-black';
}

const SETUPS: Setup[] = [
  { name: 'desktop-1280x800', viewport: { width: 1280, height: 800 } },
  { name: 'phone-320x640', viewport: { width: 320, height: 640 } },
  { name: 'zoom-200', viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 },
  { name: 'text-32px', viewport: { width: 1280, height: 800 }, textSize: 32 },
];

/** The home view only, in the other modes a reader may meet. */
const HOME_ONLY: Setup[] = [
  { name: 'contrast-black-on-white', viewport: { width: 1280, height: 800 }, contrast: 'black-on-white' },
  { name: 'contrast-white-on-black', viewport: { width: 1280, height: 800 }, contrast: 'white-on-black' },
  { name: 'english-1280x800', viewport: { width: 1280, height: 800 }, path: '/en/' },
];

const widget = (page: Page) => page.locator('gs-support-widget');

async function open(browser: Browser, base: string, setup: Setup) {
  const opened = await newPage(browser, { viewport: setup.viewport, deviceScaleFactor: setup.deviceScaleFactor ?? 1 });
  if (setup.textSize) {
    const cdp = await opened.context.newCDPSession(opened.page);
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: setup.textSize } });
  }
  await opened.page.clock.setFixedTime(NOW);
  await opened.page.goto(`${base}${setup.path ?? '/'}`);
  if (setup.contrast) await opened.page.evaluate((c) => window.GovSupport!.configure({ theme: { contrast: true, contrastColors: c } }), setup.contrast);
  await launcher(opened.page).click();
  await dialog(opened.page).waitFor({ state: 'visible' });
  await widget(opened.page).locator('gs-home-view').waitFor();
  return opened;
}

async function settle(page: Page) {
  await dialog(page).evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)).then(() => undefined));
  await page.waitForTimeout(150);
}

async function shoot(page: Page, setup: Setup, state: string) {
  await settle(page);
  assert.deepEqual(await axe(page), [], `axe on ${setup.name} ${state}`);
  const path = `${OUT}/${setup.name}-${state}.png`;
  await page.screenshot({ path });
  console.log(`ok   ${path}`);
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const server = await startServer({ now: () => NOW });
  const browser = await launchBrowser();
  try {
    for (const setup of SETUPS) {
      const { context, page, errors } = await open(browser, server.url, setup);
      await shoot(page, setup, 'home');

      await page.evaluate(() => window.GovSupport!.open('request'));
      const form = widget(page).locator('gs-request-form');
      await form.locator('form').waitFor();
      await form.locator('button.submit').click();
      await form.locator('gs-error-summary .summary').waitFor();
      await shoot(page, setup, 'request-errors');

      await form.locator('#type').selectOption('technical');
      await form.locator('#fullName').fill('Иванова Мария Петровна');
      await form.locator('#phone').fill('8 (912) 345 67 89');
      await form.locator('#answerChannel').check();
      await form.locator('#email').fill('maria\u0040example.ru');
      await form.locator('#description').fill('Не могу войти в личный кабинет: после ввода кода из SMS снова открывается форма входа.');
      await form.locator('#consent').check();
      await form.locator('button.submit').click();
      await widget(page).locator('gs-request-confirmation h3').waitFor();
      await shoot(page, setup, 'request-confirmation');

      const { number, lookupCode } = await registerRequest(server.url);
      await page.evaluate(() => window.GovSupport!.open('status'));
      const lookup = widget(page).locator('gs-status-lookup');
      await lookup.locator('#number').fill(number);
      await lookup.locator('#factor').fill(lookupCode);
      await lookup.locator('button[type="submit"]').click();
      await lookup.locator('.badge').waitFor();
      await shoot(page, setup, 'status-result');

      // The chat: the assistant's answer, then the attachments field with an uploaded file.
      await page.evaluate(() => window.GovSupport!.open('chat'));
      const chat = widget(page).locator('gs-chat');
      const opening = chat.locator('gs-chat-opening');
      await opening.getByRole('radio', { name: 'Техническая проблема' }).check();
      await opening.getByRole('textbox', { name: 'Коротко, о чём вопрос' }).fill('Не приходит код подтверждения');
      await opening.getByRole('textbox', { name: 'Ваш вопрос' }).fill('Как восстановить пароль от личного кабинета?');
      await opening.getByRole('button', { name: 'Начать чат' }).click();
      await chat.locator('gs-chat-log li.message').filter({ hasText: 'Виртуальный помощник' }).first().waitFor();
      await chat.locator('gs-chat-composer').getByRole('button', { name: 'Прикрепить файлы' }).click();
      await chat.locator('gs-file-attachments input[type="file"]').setInputFiles([pdfFile('скан заявления.pdf')]);
      await chat.locator('gs-file-attachments').getByText('Загружен', { exact: true }).waitFor();
      await chat.locator('gs-chat-composer textarea').fill('Прикладываю скан заявления');
      await shoot(page, setup, 'chat-attachments');

      assert.deepEqual(errors, [], `no errors on ${setup.name}`);
      await context.close();
    }
    for (const setup of HOME_ONLY) {
      const { context, page, errors } = await open(browser, server.url, setup);
      await shoot(page, setup, 'home');
      assert.deepEqual(errors, [], `no errors on ${setup.name}`);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
