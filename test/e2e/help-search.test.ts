// The home view's help search through the script tag on the demo page, against the real
// knowledge base (GET /faq): the citizen finds an article before choosing a channel.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { axe, dialog, launcher, newPage, useServerAndBrowser } from '../helpers/e2e.js';

const env = useServerAndBrowser({ before, after });

describe('help search on the home view', () => {
  it('«забыл пароль» finds the password article in the knowledge base; its text opens in place; the count is announced', async () => {
    const { context, page, errors } = await newPage(env.browser);
    const faq: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/faq') faq.push(new URL(r.url()).search);
    });
    await page.goto(`${env.server.url}/`);
    await launcher(page).click();
    await dialog(page).waitFor({ state: 'visible' });
    const search = page.locator('gs-support-widget').locator('gs-help-search');
    await search.getByLabel('Найти ответ в справке').fill('забыл пароль от госуслуг');
    await search.getByRole('button', { name: 'Найти' }).click();
    const article = search.locator('summary', { hasText: 'Как восстановить пароль или логин?' });
    await article.waitFor();
    assert.match(faq.at(-1) ?? '', /lang=ru/);
    assert.match((await search.locator('[role="status"]').textContent()) ?? '', /^Нашл(ась|ось) \d+ стать(я|и|ей)$/);
    await article.click();
    assert.match((await search.locator('details[open] .article').textContent()) ?? '', /Восстановить/);
    assert.deepEqual(await axe(page, 'gs-support-widget'), []);

    await search.getByLabel('Найти ответ в справке').fill('какая погода на Марсе');
    await search.getByRole('button', { name: 'Найти' }).click();
    await search.getByText('В справке ничего не нашлось', { exact: false }).first().waitFor();
    assert.deepEqual(await axe(page, 'gs-support-widget'), []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('on the English page the articles are English', async () => {
    const { context, page, errors } = await newPage(env.browser, { locale: 'en-GB' });
    await page.goto(`${env.server.url}/en/`);
    await launcher(page).click();
    const search = page.locator('gs-support-widget').locator('gs-help-search');
    await search.getByLabel('Search the help articles').fill('forgot my password');
    await search.getByRole('button', { name: 'Search' }).click();
    await search.locator('summary', { hasText: 'How do I recover my password or login?' }).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });
});
