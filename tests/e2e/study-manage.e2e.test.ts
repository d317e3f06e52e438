import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, loginAs } from './browser.ts';

// carol owns the demo study. She sizes a sample with the calculator, creates a calibration
// round and draws the sample into it. The round is named "Pilot" so other suites' row lookups
// (/^Calibration/, "Main") still find one row each.
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

test('carol sizes a sample with the calculator and draws it into a new calibration round', async () => {
  const page = await loginAs(browser, 'carol');
  await page.getByRole('link', { name: /^Demo: Hugging Face forum/ }).click();
  await page.getByRole('heading', { name: /^Demo: Hugging Face forum/ }).waitFor();

  // The calculator starts from what the study can still sample.
  const calculator = page.getByRole('form', { name: 'Sample size' });
  const hint = calculator.getByText(/units are available to sample in this study/);
  await hint.waitFor();
  const available = Number((await hint.textContent())!.split(' ')[0]);
  expect(available).toBeGreaterThan(20);
  expect(Number(await calculator.getByLabel('Population').inputValue())).toBe(available);
  await calculator.getByLabel('Margin of error (%)').fill('20');
  // Cochran with finite-population correction at 95%: n0 = 1.96² · 0.25 / 0.2² = 24.01.
  const n0 = (1.959963984540054 ** 2 * 0.25) / 0.04;
  const n = Math.ceil(n0 / (1 + (n0 - 1) / available));
  await expect.poll(() => calculator.getByRole('status', { name: 'n' }).textContent()).toBe(String(n));
  await calculator.getByText('24.01', { exact: true }).waitFor();

  const newRound = page.getByRole('form', { name: 'New round' });
  await newRound.getByLabel('Round name').fill('Pilot');
  await newRound.getByLabel('Kind').selectOption('calibration');
  await newRound.getByRole('button', { name: 'Create round' }).click();

  const draw = page.getByRole('form', { name: 'Draw a sample' });
  await expect.poll(() => draw.getByLabel('Round').locator('option:checked').textContent()).toBe('Pilot (calibration)');
  expect(Number(await draw.getByLabel('Size').inputValue())).toBe(n);
  await draw.getByLabel('Strata').selectOption('quarter');
  const seed = await draw.getByLabel('Seed').inputValue();
  expect(seed).toMatch(/^[a-z]+-[a-z]+-\d{2}$/);
  await draw.getByRole('button', { name: 'Draw sample' }).click();

  const result = draw.getByRole('status', { name: 'Draw result' });
  await result.waitFor();
  expect(await result.textContent()).toContain(`Drew ${n} units from ${available} available, with seed ${seed}.`);
  const rounds = page.getByRole('region', { name: 'Rounds' });
  const pilot = rounds.getByRole('row').filter({ has: page.getByRole('cell', { name: 'Pilot', exact: true }) });
  await expect.poll(() => pilot.getByRole('cell').nth(3).textContent()).toBe(String(n));
  await page.getByRole('progressbar', { name: 'alice in Pilot' }).waitFor();
  await calculator.getByText(`${available - n} units are available to sample in this study.`).waitFor();

  await page.screenshot({ path: 'test-results/study-manage.png', fullPage: true });
  await page.context().close();
});
