// The callback request and the office finder as a citizen meets them: through the script tag on
// the demo page (launcher → panel → channel), against the real server, with axe in every state.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { axe, dialog, launcher, newPage, useServerAndBrowser } from '../helpers/e2e.js';

/** Monday 16 March 2026, 11:00 in Moscow: the server's and the browser's clock start here. */
const START = Date.parse('2026-03-16T08:00:00Z');
const started = Date.now();
const env = useServerAndBrowser({ before, after }, { now: () => START + (Date.now() - started) });

const widget = (page: Page) => page.locator('gs-support-widget');

async function openDemo(channel: string) {
  const opened = await newPage(env.browser);
  await opened.context.clock.install({ time: START });
  await opened.page.goto(`${env.server.url}/`);
  await launcher(opened.page).click();
  await dialog(opened.page).waitFor({ state: 'visible' });
  await widget(opened.page).locator(`gs-home-view button[data-channel="${channel}"]`).click();
  return opened;
}

async function noViolations(page: Page, state: string): Promise<void> {
  assert.deepEqual(await axe(page), [], `axe violations: ${state}`);
}

describe('journeys through the script tag on the demo page', () => {
  it('«Обратный звонок»: a free slot booked, the confirmation with its number', async () => {
    const { context, page, errors } = await openDemo('callback');
    const form = widget(page).locator('gs-callback-request');
    await form.locator('#when').waitFor();
    await noViolations(page, 'empty callback form');
    await form.locator('#phone').fill('8 912 345 67 89');
    await form.locator('#name').fill('Анна');
    await form.locator('#topic').selectOption('technical');
    await form.locator('#when-slot').check();
    await form.locator('input[name=slotStart]').first().check();
    await form.locator('#consent').check();
    await noViolations(page, 'filled callback form');
    await form.locator('button.submit').click();
    const confirmation = form.locator('gs-callback-confirmation');
    await confirmation.locator('h3').filter({ hasText: 'Звонок заказан' }).waitFor();
    assert.match((await confirmation.locator('dd.value').textContent())!.trim(), /^CB-2026-\d{6}$/);
    await noViolations(page, 'callback confirmation');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('«Офисы»: search, the office card, a visit booked with its confirmation', async () => {
    const { context, page, errors } = await openDemo('offices');
    const finder = widget(page).locator('gs-office-finder');
    await finder.locator('li.office').first().waitFor();
    await noViolations(page, 'office list');
    const offices = (await (await fetch(`${env.server.url}/offices?region=54`)).json()) as { items: { name: string }[] };
    const target = offices.items[0]!;
    await finder.locator('#q').fill(target.name.replace(/^.*«|».*$/g, ''));
    await finder.locator('#q').press('Enter');
    const entry = finder.locator('li.office').filter({ has: page.locator('h3', { hasText: target.name }) });
    await entry.waitFor();
    await entry.locator('button.details').click();
    const card = finder.locator('gs-office-card');
    await card.locator('h3').waitFor();
    await noViolations(page, 'office card');
    await card.locator('button.button-primary').first().click();
    const booking = finder.locator('gs-office-booking');
    await booking.locator('#service-0').check();
    await booking.locator('button.button-primary').click();
    await booking.locator('#slot-0').check();
    await noViolations(page, 'visit times');
    await booking.locator('button.button-primary').click();
    await booking.locator('#name').fill('Иванова Анна Сергеевна');
    await booking.locator('#phone').fill('8 912 345 67 89');
    await booking.locator('#consent').check();
    await booking.locator('button.button-primary').click();
    await booking.locator('h3').filter({ hasText: 'Вы записаны' }).waitFor();
    assert.match((await booking.locator('dd.value').textContent())!.trim(), /^V-2026-\d{6}$/);
    await noViolations(page, 'visit confirmation');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
