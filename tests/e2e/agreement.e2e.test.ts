import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, loginAs } from './browser.ts';

// The demo's closed calibration round holds alice's and bob's codings of 71 posts; the open
// main round has none yet, so its point on the chart is missing and its numbers "not defined".
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

test('carol opens Agreement on the demo study: kappa with its band, alpha, the per-round chart and the matrix', async () => {
  const page = await loginAs(browser, 'carol');
  await page.getByRole('link', { name: /^Demo: Hugging Face forum/ }).click();
  await page.getByRole('navigation', { name: 'Study' }).getByRole('link', { name: 'Agreement' }).click();

  const kappa = page.getByRole('group', { name: 'Cohen’s κ' });
  await kappa.waitFor();
  expect(await kappa.textContent()).toMatch(/^Cohen’s κ0\.\d{3}(slight|fair|moderate|substantial|almost perfect)$/);
  expect(await page.getByRole('group', { name: 'Krippendorff’s α (MASI)' }).textContent()).toMatch(
    /(reliable|tentative conclusions only|unreliable)$/,
  );
  await page.getByText('71 units coded by at least two coders (Alice, Bob).').waitFor();

  const chart = page.getByRole('figure', { name: 'Agreement by round' });
  await chart.locator('svg.recharts-surface[width="640"]').waitFor();
  // One point per line so far (Calibration); Main has no codings, so its point is a gap.
  expect(await chart.locator('.recharts-line-dots circle').count()).toBe(2);
  expect(await chart.locator('.recharts-line').count()).toBe(2);
  const rounds = page.getByRole('table', { name: 'Agreement per round' });
  expect(await rounds.getByRole('row', { name: /^Calibration/ }).textContent()).toContain('closed');
  expect(await rounds.getByRole('row', { name: /^Main/ }).textContent()).toContain('not defined');

  // The calibration round is closed, so the matrix and the disagreements are shown.
  await page.getByRole('table', { name: 'Confusion matrix of Alice and Bob' }).waitFor();
  // The report gives their number; the list is its first page, fetched apart.
  const count = Number(
    /^(\d+) units? with differing labels/.exec(
      (await page.getByText(/units? with differing labels/).textContent()) ?? '',
    )?.[1],
  );
  const disagreements = page.getByRole('list', { name: 'Units where coders disagree' });
  await disagreements.getByRole('link').first().waitFor();
  expect(count).toBeGreaterThan(0);
  expect(await disagreements.getByRole('link').count()).toBe(Math.min(count, 100));

  // Bootstrap intervals come with their seed.
  await page.getByLabel('Bootstrap 95% intervals (1,000 resamples)').click();
  await kappa.getByText(/95% CI/).waitFor();
  await page.getByText(/bootstrap resamples of units, seed 1/).waitFor();

  await page.screenshot({ path: 'test-results/agreement.png', fullPage: true });
  await page.context().close();
});
