import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startHubReplay, type HubReplay } from '../support/hub-replay.ts';
import { launchBrowser, loginAs } from './browser.ts';

// carol collects 200 models from a local replay of the Hub whose listing leaves 40 models' cards
// open (models 10k+5 come without files, models 8k+1 list a README without cardData), asking for
// card details on the Sources page: one request per listing page, then one per open model.
let browser: Browser;
let hub: HubReplay;
beforeAll(async () => {
  browser = await launchBrowser();
  hub = await startHubReplay(200, { bareListing: (i) => i % 10 === 5 });
});
afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

test('carol asks for card details on the Sources page and sees them counted in the progress', async () => {
  const page = await loginAs(browser, 'carol');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sources' }).click();
  const form = page.getByRole('form', { name: 'Collect from the Hugging Face Hub' });
  await form.getByLabel('Hub address').fill(hub.url);
  await form.getByLabel('Requests per second').fill('10');
  await form.getByRole('checkbox', { name: /^Ask for card details/ }).check();
  await form.getByRole('button', { name: 'Collect models' }).click();
  const panel = page.getByRole('region', { name: 'Hub collection progress' });
  await expect.poll(() => panel.getByRole('status').textContent(), { timeout: 30_000 }).toBe('Done.');
  expect(await panel.getByText('200 models from 1 pages, 41 requests; back to models created').count()).toBe(1);
  expect(await panel.textContent()).toContain('card details for 40 of 40 models');
  expect(hub.log.filter((p) => p.startsWith('/api/models/'))).toHaveLength(40);
  await panel.screenshot({ path: 'test-results/hub-card-details.png' });
  await page.context().close();
});
