// «Написать в поддержку» end to end: real Chromium, the built script, the real server, real IndexedDB.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { activeElement, axe, dialog, launcher, newPage, pdfFile, useServerAndBrowser } from '../helpers/e2e.js';

const env = useServerAndBrowser({ before, after });

/** Monday 16 March 2026, 12:00 Moscow: the page's clock in these tests. */
const NOW = Date.UTC(2026, 2, 16, 9, 0);
const SNILS = '112-233-445 95';
const INN = '500100732259';

const pdf = pdfFile;

async function openForm(page: Page, options: { clearStorage?: boolean; realClock?: boolean } = {}) {
  if (!options.realClock) await page.clock.setFixedTime(NOW);
  await page.goto(`${env.server.url}/`);
  if (options.clearStorage) await page.evaluate(() => indexedDB.deleteDatabase('gov-support-widget'));
  await launcher(page).click();
  await dialog(page).waitFor({ state: 'visible' });
  await page.evaluate(() => window.GovSupport!.open('request'));
  await page.locator('gs-request-form form').waitFor();
}

const form = (page: Page) => page.locator('gs-request-form');

/** Requests stored so far, read from the server's database. */
async function countRequests(): Promise<number> {
  const row = await env.server.backend.database.kysely
    .selectFrom('requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function fillValid(page: Page) {
  await form(page).locator('#type').selectOption('technical');
  await form(page).locator('#fullName').fill('Иванова Мария Петровна');
  await form(page).locator('#phone').fill('8 (912) 345 67 89');
  await form(page).locator('#answerChannel').check(); // e-mail: no answer is chosen for the citizen
  await form(page).locator('#email').fill('maria\u0040example.ru');
  await form(page).locator('#description').fill('Не могу войти в личный кабинет: после ввода кода из SMS снова открывается форма входа.');
  await form(page).locator('#consent').check();
}

/** Everything IndexedDB holds for the widget, as text (Blobs as their text). */
function storedDrafts(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes('gov-support-widget')) return '';
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('gov-support-widget');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const out: unknown[] = [];
    for (const storeName of db.objectStoreNames) {
      const all = await new Promise<unknown[]>((resolve) => {
        const req = db.transaction(storeName).objectStore(storeName).getAll();
        req.onsuccess = () => resolve(req.result);
      });
      out.push(...all);
    }
    db.close();
    const texts: string[] = [];
    const visit = async (v: unknown): Promise<void> => {
      if (v instanceof Blob) texts.push(await v.text());
      else if (Array.isArray(v)) for (const x of v) await visit(x);
      else if (v && typeof v === 'object') for (const x of Object.values(v)) await visit(x);
      else texts.push(String(v));
    };
    await visit(out);
    return texts.join('\n');
  });
}

const draftSaved = (page: Page, needle: string) =>
  page.waitForFunction(
    async (text) => {
      const db = await new Promise<IDBDatabase | undefined>((resolve) => {
        const r = indexedDB.open('gov-support-widget');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => resolve(undefined);
      });
      if (!db || !db.objectStoreNames.contains('drafts')) return false;
      const all = await new Promise<unknown[]>((resolve) => {
        const req = db.transaction('drafts').objectStore('drafts').getAll();
        req.onsuccess = () => resolve(req.result);
      });
      db.close();
      return JSON.stringify(all).includes(text);
    },
    needle,
    { polling: 200, timeout: 10_000 },
  );

describe('request form', () => {
  it('is completed by keyboard alone and registers a request; gs-submit carries the number only', async () => {
    const { context, page, errors } = await newPage(env.browser);
    await openForm(page, { clearStorage: true });
    await page.evaluate(() => {
      (window as unknown as { submitted: unknown[] }).submitted = [];
      window.GovSupport!.on('submit', (e) => (window as unknown as { submitted: unknown[] }).submitted.push({ ...e, number: (e as unknown as { requestNumber: string }).requestNumber, form: (e as unknown as { form: string }).form }));
    });
    await form(page).locator('#type').focus();
    await page.keyboard.press('ArrowDown'); // the first type
    assert.equal(await activeElement(page), 'select#type');
    const typeAndTab = async (text: string) => {
      await page.keyboard.press('Tab');
      await page.keyboard.type(text);
    };
    await typeAndTab('Иванова Мария Петровна');
    assert.equal(await activeElement(page), 'input#fullName');
    await typeAndTab('+7 912 345-67-89');
    await page.keyboard.press('Tab'); // answer channel: none chosen yet, the first (e-mail) has focus
    assert.equal(await form(page).locator('input[name="answerChannel"]:checked').count(), 0, 'no preselected answer');
    await page.keyboard.press('ArrowDown'); // SMS
    assert.equal(await form(page).locator('input[value="sms"]').isChecked(), true);
    await typeAndTab('');
    assert.equal(await activeElement(page), 'input#email');
    await typeAndTab(SNILS);
    await typeAndTab(INN);
    await typeAndTab('2026-000777');
    await typeAndTab('Не приходит код подтверждения по SMS при входе в личный кабинет.');
    assert.equal(await activeElement(page), 'textarea#description');
    // Through the attachments (their button), to the consent, tick it, to the submit button.
    for (let i = 0; i < 8 && (await activeElement(page)) !== 'input#consent'; i++) await page.keyboard.press('Tab');
    assert.equal(await activeElement(page), 'input#consent');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const confirmation = page.locator('gs-request-confirmation');
    await confirmation.locator('h3').waitFor();
    const text = (await confirmation.locator('dl').textContent()) ?? '';
    const number = text.match(/\d{4}-\d{6}/)?.[0];
    assert.ok(number, `a request number in «${text}»`);
    assert.match(text, /Код для проверки статуса\s*[A-Z2-9]{8}/);
    assert.deepEqual(
      (await page.evaluate(() => (window as unknown as { submitted: { number: string; form: string }[] }).submitted)).map((e) => [e.form, e.number]),
      [['request', number]],
    );
    assert.deepEqual(await axe(page, 'gs-support-widget'), [], 'confirmation');
    assert.equal(await storedDrafts(page), '', 'the draft is gone once the server confirmed');

    // The tracking link carries the number only; «Проверить статус» shows the status at once.
    const code = text.match(/Код для проверки статуса\s*([A-Z2-9]{8})/)![1]!;
    const link = (await confirmation.locator('a').getAttribute('href')) ?? '';
    assert.equal(link, `${env.server.url}/#gs-status=${number}`);
    assert.doesNotMatch(link, new RegExp(code));
    await confirmation.getByRole('button', { name: 'Проверить статус' }).click();
    await page.locator('gs-status-lookup .badge').filter({ hasText: 'Зарегистрировано' }).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('shows each rule’s message; the summary takes focus and its links move focus to the fields', async () => {
    const { context, page } = await newPage(env.browser);
    await openForm(page, { clearStorage: true });
    // Not on the first keystroke…
    await form(page).locator('#fullName').fill('Иванова');
    assert.equal(await form(page).locator('#fullName-error').count(), 0);
    // …but once the field is left.
    await form(page).locator('#phone').focus();
    assert.match((await form(page).locator('#fullName-error').textContent()) ?? '', /Укажите фамилию и имя/);
    await form(page).locator('#phone').fill('12345');
    await form(page).locator('#snils').fill('112-233-445 96');
    await form(page).locator('#inn').fill('500100732258');
    await form(page).locator('#description').fill('Коротко');
    await form(page).locator('#type').selectOption('fraud');
    await form(page).locator('#links').fill('ftp://example.org');
    await form(page).locator('#answerChannel').check();
    await form(page).locator('button.submit').click();
    const summary = page.locator('gs-error-summary');
    await summary.locator('.summary').waitFor();
    assert.equal(await activeElement(page), 'div.summary');
    const expected: [string, RegExp][] = [
      ['fullName', /фамилию и имя/],
      ['phone', /российский номер/],
      ['email', /Введите адрес электронной почты или выберите другой способ ответа/],
      ['snils', /СНИЛС не проходит проверку контрольного числа/],
      ['inn', /ИНН не проходит проверку контрольных цифр/],
      ['description', /не меньше 20 символов/],
      ['incidentDate', /Введите дату, когда это случилось/],
      ['links', /http:\/\/ или https:\/\//],
      ['consent', /согласие на обработку/],
    ];
    for (const [field, message] of expected) {
      assert.match((await form(page).locator(`#${field}-error`).textContent()) ?? '', message, field);
      assert.match((await summary.locator(`a[href="#${field}"]`).textContent()) ?? '', message, `summary: ${field}`);
      assert.match((await form(page).locator(`#${field}`).getAttribute('aria-describedby')) ?? '', new RegExp(`${field}-error`));
    }
    await summary.locator('a[href="#inn"]').click();
    assert.equal(await activeElement(page), 'input#inn');
    assert.deepEqual(await axe(page, 'gs-support-widget'), [], 'with errors');
    await context.close();
  });

  it('keeps the draft across a reload, attachments included, never with СНИЛС or ИНН', async () => {
    const { context, page, errors } = await newPage(env.browser);
    await openForm(page, { clearStorage: true });
    await fillValid(page);
    await form(page).locator('#snils').fill(SNILS);
    await form(page).locator('#inn').fill(INN);
    await form(page).locator('#description').fill(`Паспорт 45 06 123456, СНИЛС ${SNILS}. Не могу войти в личный кабинет.`);
    await form(page).locator('gs-file-attachments input[type="file"]').setInputFiles([pdf('заявление.pdf')]);
    await form(page).locator('gs-file-attachments').getByText('Загружен', { exact: true }).waitFor();
    await draftSaved(page, 'Не могу войти в личный кабинет');
    await page.waitForTimeout(800);
    const stored = await storedDrafts(page);
    assert.ok(stored.includes('Иванова Мария Петровна'));
    assert.ok(stored.includes('%PDF-1.7'), 'the attachment is kept as a Blob');
    for (const secret of [SNILS, '11223344595', INN, '45 06 123456', '123456']) assert.ok(!stored.includes(secret), `${secret} is not stored`);

    await page.reload();
    await launcher(page).click();
    await page.evaluate(() => window.GovSupport!.open('request'));
    await form(page).getByText('Черновик восстановлен').waitFor();
    assert.equal(await form(page).locator('#fullName').inputValue(), 'Иванова Мария Петровна');
    assert.equal(await form(page).locator('#snils').inputValue(), '');
    assert.match(await form(page).locator('#description').inputValue(), /Не могу войти/);
    await form(page).locator('gs-file-attachments').getByText('заявление.pdf').waitFor();
    assert.deepEqual(await axe(page, 'gs-support-widget'), [], 'draft restored');

    await form(page).getByRole('button', { name: 'Удалить черновик' }).click();
    assert.equal(await form(page).locator('#fullName').inputValue(), '');
    await page.waitForTimeout(300);
    assert.ok(!(await storedDrafts(page)).includes('Иванова'));
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('two tabs: the other tab is told of the newer draft and offered to load it, not overwritten', async () => {
    const { context, page } = await newPage(env.browser);
    // Which save is newer is told by the time: a fixed clock (shared by the context's pages)
    // would make both the same. Nothing here depends on the date.
    await openForm(page, { clearStorage: true, realClock: true });
    const other = await context.newPage();
    await other.addInitScript('window.__name = (fn) => fn;');
    await other.goto(`${env.server.url}/`);
    await other.evaluate(() => window.GovSupport!.open('request'));
    await other.locator('gs-request-form form').waitFor();
    await other.locator('#fullName').fill('Петров Пётр');
    await draftSaved(other, 'Петров Пётр');
    await page.locator('#fullName').fill('Иванова Мария Петровна');
    await page.locator('#description').fill('Описание из первой вкладки, достаточно длинное.');
    const notice = other.locator('gs-request-form').getByText('В другой вкладке есть более новый черновик этого обращения.');
    await notice.waitFor({ timeout: 10_000 });
    assert.equal(await other.locator('#fullName').inputValue(), 'Петров Пётр', 'not overwritten silently');
    assert.deepEqual(await axe(other, 'gs-support-widget'), [], 'newer draft notice');
    await other.locator('gs-request-form').getByRole('button', { name: 'Загрузить его' }).click();
    await other.waitForFunction(() => {
      const panel = document.querySelector('gs-support-widget')?.shadowRoot?.querySelector('gs-support-panel');
      const input = panel?.shadowRoot?.querySelector('gs-request-form')?.shadowRoot?.querySelector<HTMLInputElement>('#fullName');
      return input?.value === 'Иванова Мария Петровна';
    });
    assert.match(await other.locator('#description').inputValue(), /первой вкладки/);
    await context.close();
  });

  it('refuses a 6 MB file and an .exe named .pdf before uploading, each with its reason', async () => {
    const { context, page } = await newPage(env.browser);
    const uploads: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/uploads')) uploads.push(r.url());
    });
    await openForm(page, { clearStorage: true });
    const exe = Buffer.alloc(4096, 0);
    exe.write('MZ');
    await form(page)
      .locator('gs-file-attachments input[type="file"]')
      .setInputFiles([pdf('big.pdf', 6 * 1024 * 1024), { name: 'virus.pdf', mimeType: 'application/pdf', buffer: exe }]);
    const widget = form(page).locator('gs-file-attachments');
    await widget.getByText('Файл больше 5 МБ', { exact: true }).waitFor();
    await widget.getByText(/^Это не PDF/).first().waitFor();
    assert.equal(uploads.length, 0);
    assert.deepEqual(await axe(page, 'gs-support-widget'), [], 'rejected files');
    await context.close();
  });

  it('the server refuses them too when sent directly', async () => {
    const big = await fetch(`${env.server.url}/uploads`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'big.pdf' },
      body: pdf('big.pdf', 6 * 1024 * 1024).buffer,
    });
    assert.equal(big.status, 413);
    const exe = Buffer.alloc(4096, 0);
    exe.write('MZ');
    const fake = await fetch(`${env.server.url}/uploads`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'virus.pdf' },
      body: exe,
    });
    assert.equal(fake.status, 415);
    assert.equal(((await fake.json()) as { error: { code: string } }).error.code, 'unsupported_media_type');
  });

  it('works without IndexedDB: says once that no draft is kept, and submits', async () => {
    const { context, page, errors } = await newPage(env.browser);
    await page.addInitScript('Object.defineProperty(window, "indexedDB", { value: undefined, configurable: true });');
    await openForm(page);
    await fillValid(page);
    await form(page).getByText(/Черновик на этом устройстве не сохранится/).waitFor();
    assert.equal(await form(page).getByText(/Черновик на этом устройстве не сохранится/).count(), 1);
    await form(page).locator('button.submit').click();
    await page.locator('gs-request-confirmation h3').waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('a lost answer and a retry make one request; offline keeps everything typed', async () => {
    const { context, page } = await newPage(env.browser);
    await openForm(page, { clearStorage: true });
    await fillValid(page);
    const before = await countRequests();
    // The first submit reaches the server, but its answer is lost on the way back.
    let lost = 0;
    await page.route('**/requests', async (route) => {
      if (lost++ === 0) {
        await route.fetch();
        await route.abort('connectionreset');
      } else await route.continue();
    });
    await form(page).locator('button.submit').click();
    await form(page).getByRole('alert').getByText(/Нет связи с сервером/).waitFor();
    assert.equal(await form(page).locator('#fullName').inputValue(), 'Иванова Мария Петровна');
    assert.deepEqual(await axe(page, 'gs-support-widget'), [], 'offline');
    await form(page).getByRole('button', { name: 'Отправить ещё раз' }).first().click();
    await page.locator('gs-request-confirmation h3').waitFor();
    const after = await countRequests();
    assert.equal(after - before, 1);
    await context.close();
  });

  it('GovSupport.open pre-fills the form; the empty form has no axe violations', async () => {
    const { context, page } = await newPage(env.browser);
    await openForm(page, { clearStorage: true });
    assert.deepEqual(await axe(page, 'gs-support-widget'), [], 'empty');
    await page.reload();
    await page.evaluate(() => indexedDB.deleteDatabase('gov-support-widget'));
    await page.evaluate(() => window.GovSupport!.open('request', { type: 'status', serviceNumber: '2026-000123', description: 'Статус не меняется' }));
    await page.locator('gs-request-form form').waitFor();
    assert.equal(await form(page).locator('#type').inputValue(), 'status');
    assert.equal(await form(page).locator('#serviceNumber').inputValue(), '2026-000123');
    assert.equal(await form(page).locator('#description').inputValue(), 'Статус не меняется');
    assert.deepEqual(await axe(page, 'gs-support-widget'), [], 'pre-filled');
    await context.close();
  });
});
