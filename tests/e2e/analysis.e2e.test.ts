import { readFile, writeFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, loginAs } from './browser.ts';

// carol owns the demo study, whose closed calibration round gives final labels over 2021–2024.
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

test('carol opens Analysis: the counts table and the trend chart render, with series', async () => {
  const page = await loginAs(browser, 'carol');
  await page.getByRole('link', { name: /^Demo: Hugging Face forum/ }).click();
  await page.getByRole('navigation', { name: 'Study' }).getByRole('link', { name: 'Analysis' }).click();

  const counts = page.getByRole('table', { name: 'Counts' });
  await counts.waitFor();
  expect(await counts.getByRole('row').count()).toBeGreaterThan(5);

  const trend = page.getByRole('figure', { name: 'Final labels per quarter (share of coded units)' });
  await trend.waitFor();
  const series = () =>
    trend
      .locator('path.recharts-line-curve')
      .evaluateAll((paths) => paths.filter((p) => (p.getAttribute('d') ?? '').length > 0).length);
  await expect.poll(series).toBeGreaterThan(0);
  expect(await series()).toBeLessThanOrEqual(5);
  await trend.screenshot({ path: 'test-results/trend-chart.png' });

  // Stacked areas draw one area per picked code, as many as the legend lists.
  const picked = await trend
    .getByRole('list', { name: /legend$/ })
    .getByRole('listitem')
    .count();
  expect(picked).toBe(await series());
  await page.getByRole('radio', { name: 'Stacked areas' }).click();
  const areas = page.getByRole('figure', { name: /^Final labels per quarter/ }).locator('path.recharts-area-area');
  await expect
    .poll(() => areas.evaluateAll((paths) => paths.filter((p) => (p.getAttribute('d') ?? '').length > 0).length))
    .toBe(picked);
  await page.getByRole('radio', { name: 'Lines' }).click();

  // The SVG download is the chart's own SVG with its title.
  const download = page.waitForEvent('download');
  await trend.getByRole('button', { name: /as SVG$/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^study-\d+-trend-quarter\.svg$/);
  const svg = await readFile((await file.path())!, 'utf8');
  expect(svg).toContain('Final labels per quarter (share of coded units)');
  expect(svg).toContain('recharts-line-curve');
  // The PNG is the same SVG drawn on a canvas, at twice the size.
  const png = page.waitForEvent('download');
  await trend.getByRole('button', { name: /as PNG$/ }).click();
  const image = await png;
  expect(image.suggestedFilename()).toMatch(/^study-\d+-trend-quarter\.png$/);
  const bytes = await readFile((await image.path())!);
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  await writeFile('test-results/trend-chart-export.png', bytes);

  await page.getByRole('heading', { name: 'Is the shift real?' }).waitFor();
  await page.screenshot({ path: 'test-results/analysis.png', fullPage: true });
  await page.context().close();
});
