import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, loginAs } from './browser.ts';

// A double click on "Draw sample" draws once: both clicks land before the button can be disabled
// (as a fast double click does), carry the form's one draw id, and the API draws once for it.
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

test('a double click on Draw sample draws once, and the form is ready for the next draw', async () => {
  const page = await loginAs(browser, 'carol');
  await page.getByRole('link', { name: /^Demo: Hugging Face forum/ }).click();
  const rounds = page.getByRole('region', { name: 'Rounds' });
  const main = rounds.getByRole('row').filter({ has: page.getByRole('cell', { name: 'Main', exact: true }) });
  await main.waitFor();
  const before = Number(await main.getByRole('cell').nth(3).textContent());
  const calculator = page.getByRole('form', { name: 'Sample size' });
  const n = calculator.getByRole('status', { name: 'n' });
  await n.waitFor();

  const draw = page.getByRole('form', { name: 'Draw a sample' });
  // Both are read on each try: n changes once the population arrives (385 → 50 here).
  const sizeIsN = async () => (await draw.getByLabel('Size').inputValue()) === (await n.textContent());
  await expect.poll(sizeIsN).toBe(true);
  await draw.getByLabel('Size').fill('3');
  const seed = await draw.getByLabel('Seed').inputValue();
  await draw.getByRole('button', { name: 'Draw sample' }).evaluate((button: HTMLButtonElement) => {
    button.click();
    button.click();
  });

  await draw.getByRole('status', { name: 'Draw result' }).getByText(`Drew 3 units`).waitFor();
  await expect.poll(() => main.getByRole('cell').nth(3).textContent()).toBe(String(before + 3));
  // The form starts over: the calculator's n (for the smaller population), a new seed.
  await expect.poll(sizeIsN).toBe(true);
  expect(await draw.getByLabel('Seed').inputValue()).not.toBe(seed);
  // Reloaded, the round still holds exactly the one draw.
  await page.reload();
  await expect.poll(() => main.getByRole('cell').nth(3).textContent()).toBe(String(before + 3));
  await page.context().close();
});
