import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, loginAs } from './browser.ts';

// The demo's calibration round is closed, so alice and bob's disagreements wait in adjudication.
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

test('carol settles a demo disagreement and its final labels show in the counts', async () => {
  const page = await loginAs(browser, 'carol');
  await page.getByRole('link', { name: /^Demo: Hugging Face forum/ }).click();
  await page.getByRole('navigation', { name: 'Study' }).getByRole('link', { name: 'Adjudicate' }).click();
  await page.getByLabel('Status').selectOption('open');
  // j right after the filter change must keep the filter (the page once lost it here).
  await page.waitForURL(/status=open/);
  const queue = page.getByRole('list', { name: 'Units in adjudication' });
  await queue.getByRole('button').first().waitFor();
  // A virtual list: the rows in view are in the DOM, each saying how long the queue is.
  const queueLength = async () => Number(await queue.getByRole('listitem').first().getAttribute('aria-setsize'));
  const open = await queueLength();
  expect(open).toBeGreaterThan(0);

  // j opens the first unit: the post in context and both coders' codings side by side.
  await page.keyboard.press('j');
  await page.getByRole('article', { name: /^Coded post/ }).waitFor();
  await page.getByRole('region', { name: 'Coding by Alice' }).waitFor();
  await page.getByRole('region', { name: 'Coding by Bob' }).waitFor();

  const decision = page.getByRole('form', { name: 'Decision' });
  await decision.getByRole('button', { name: 'Accept Alice’s labels' }).click();
  const chosen = await decision
    .locator('input[type=checkbox]:checked')
    .evaluateAll((boxes) => boxes.map((b) => b.closest('label')!.textContent!.trim()));
  expect(chosen.length).toBeGreaterThan(0);
  const counts = page.getByRole('table', { name: 'Final label counts' });
  const adjudicated = async (name: string) => {
    const row = counts.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
    return (await row.count()) ? Number(await row.getByRole('cell').nth(1).textContent()) : 0;
  };
  const before = await Promise.all(chosen.map(adjudicated));

  await decision
    .getByLabel('Rationale')
    .fill('Alice’s reading matches what the poster asks; the second label is not supported by the text.');
  await decision.getByRole('button', { name: 'Settle' }).click();
  const settled = page.getByRole('region', { name: 'Decision' });
  await settled.getByText('Settled by').waitFor();
  expect(await settled.textContent()).toContain('Carol');
  expect(await settled.textContent()).toContain('Alice’s reading matches');

  // The final label counts now include the adjudicated labels.
  await expect.poll(() => Promise.all(chosen.map(adjudicated))).toEqual(before.map((n) => n + 1));
  await expect.poll(queueLength).toBe(open - 1);
  await page.screenshot({ path: 'test-results/adjudication.png', fullPage: true });
  await page.context().close();
});
