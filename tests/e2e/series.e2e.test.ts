import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startHubReplay, type HubReplay } from '../support/hub-replay.ts';
import { launchBrowser, loginAs } from './browser.ts';

// carol owns the demo study (so she may import and collect). She collects 1,200 models from a
// local replay of the Hub on the Sources page, imports the two wide CSVs of the replication check
// on the Analysis page, and compares them.
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/series/${name}`, import.meta.url));
let browser: Browser;
let hub: HubReplay;
beforeAll(async () => {
  browser = await launchBrowser();
  hub = await startHubReplay(1200);
});
afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

test('carol collects from the Hub, imports outside series and compares them on the Analysis page', async () => {
  const page = await loginAs(browser, 'carol');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sources' }).click();
  const form = page.getByRole('form', { name: 'Collect from the Hugging Face Hub' });
  await form.getByLabel('Hub address').fill(hub.url);
  await form.getByLabel('Requests per second').fill('10');
  await form.getByRole('button', { name: 'Collect models' }).click();
  const panel = page.getByRole('region', { name: 'Hub collection progress' });
  await expect.poll(() => panel.getByRole('status').textContent()).toBe('Done.');
  expect(await panel.getByText(/^1200 models from 2 pages, 2 requests/).count()).toBe(1);
  await page.screenshot({ path: 'test-results/hub-collect.png', fullPage: true });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Studies' }).click();
  await page.getByRole('link', { name: /^Demo: Hugging Face forum/ }).click();
  await page.getByRole('navigation', { name: 'Study' }).getByRole('link', { name: 'Analysis' }).click();
  // The forum before coding: the demo forum's topics per category and replies.
  const forum = page.getByRole('region', { name: 'The forum' });
  await forum.getByRole('table', { name: 'Topics by number of replies' }).waitFor();
  expect(await forum.getByRole('table', { name: 'Topics by number of replies' }).getByRole('row').count()).toBe(7);
  expect(
    await forum.getByRole('table', { name: 'Topics and posts per category' }).getByRole('row').count(),
  ).toBeGreaterThan(1);
  await forum.getByRole('button', { name: 'Add topics per category as series' }).click();
  await expect
    .poll(() => forum.getByRole('status').textContent())
    .toMatch(/topics by creation month per forum category/);
  await forum.screenshot({ path: 'test-results/forum-descriptives.png' });
  const section = page.getByRole('region', { name: 'Outside series' });
  const list = section.getByRole('table', { name: 'Outside series' });
  await expect.poll(() => list.getByRole('row', { name: /^Hub: models created per model type/ }).count()).toBe(1);

  const importForm = section.getByRole('form', { name: 'Import outside series' });
  const load = async (file: string, name: string, unit: string) => {
    await importForm.getByLabel('File').setInputFiles(fixture(file));
    await importForm.getByLabel('Name').fill(name);
    await importForm.getByLabel('Source').fill('Replication package');
    await importForm.getByLabel('Unit').fill(unit);
    await importForm.getByRole('button', { name: 'Import series' }).click();
  };
  await load('forum-mentions-wide.csv', 'Forum topics per model family', 'topics');
  await expect
    .poll(() => importForm.getByRole('status').textContent())
    .toBe(
      'Imported 4 series (wide layout, monthly, 30 values); skipped “total” (not a date (a total or a label column)).',
    );
  await load('hub-models-wide.csv', 'Study: Hub models per model type', 'models');
  await expect.poll(() => list.getByRole('row').count()).toBe(9);

  const compare = section.getByRole('region', { name: 'Compare series' });
  await compare
    .getByLabel('Left series (e.g. forum mentions)')
    .selectOption({ label: 'Forum topics per model family' });
  await compare
    .getByLabel('Right series (e.g. Hub models)')
    .selectOption({ label: 'Study: Hub models per model type' });
  const pairs = compare.getByRole('table', { name: 'Series pairs' });
  await expect.poll(() => pairs.getByRole('row').count()).toBe(5);
  // sorted by Spearman's rho, highest first: GPT-2 (.82), …, Llama (-1)
  expect(await pairs.getByRole('rowheader').allTextContents()).toEqual(['GPT-2', 'T5', 'BERT', 'Llama']);
  expect(await pairs.getByRole('row', { name: /^Llama llama/ }).textContent()).toContain('falling');
  expect(
    await pairs
      .getByRole('row', { name: /^Llama/ })
      .getByRole('cell')
      .last()
      .textContent(),
  ).toBe('yes');
  await pairs.getByRole('button', { name: 'Left' }).click();
  expect(await pairs.getByRole('rowheader').allTextContents()).toEqual(['BERT', 'GPT-2', 'Llama', 'T5']);
  await pairs.getByRole('button', { name: 'Left' }).click();
  expect(await pairs.getByRole('rowheader').allTextContents()).toEqual(['T5', 'Llama', 'GPT-2', 'BERT']);
  expect(await compare.getByRole('status', { name: 'Pooled result' }).textContent()).toBe(
    'Pooled totals (12 months): Spearman ρ .58 (p .050), Kendall τ .29 (p .189)',
  );

  // The Llama pair overlaid on two axes; then cumulative.
  await pairs.getByRole('button', { name: 'Llama', exact: true }).click();
  const chart = compare.getByRole('figure', { name: 'Llama vs llama, per month' });
  await chart.waitFor();
  await expect
    .poll(() =>
      chart.locator('path.recharts-line-curve').evaluateAll((p) => p.filter((x) => x.getAttribute('d')).length),
    )
    .toBe(2);
  expect(await chart.locator('.recharts-yAxis').count()).toBe(2);
  await chart.screenshot({ path: 'test-results/series-pair-chart.png' });
  await compare.getByLabel('Cumulative').check();
  const cumulative = compare.getByRole('figure', { name: 'Llama vs llama, cumulative' });
  await cumulative.waitFor();
  const svgDownload = page.waitForEvent('download');
  await cumulative.getByRole('button', { name: /as SVG$/ }).click();
  const svg = await readFile((await (await svgDownload).path())!, 'utf8');
  expect(svg).toContain('Llama vs llama, cumulative');
  const pngDownload = page.waitForEvent('download');
  await cumulative.getByRole('button', { name: /as PNG$/ }).click();
  const png = await readFile((await (await pngDownload).path())!);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  await writeFile('test-results/series-pair-export.png', png);

  // Leave GPT-2 out through the pairing editor; the CSV follows.
  await compare.getByText('Edit the pairing').click();
  await compare.getByLabel('Pair GPT-2 with').selectOption({ label: '(leave out)' });
  await expect.poll(() => pairs.getByRole('row').count()).toBe(4);
  const csvDownload = page.waitForEvent('download');
  await compare.getByRole('link', { name: 'Comparison CSV' }).click();
  const csv = await readFile((await (await csvDownload).path())!, 'utf8');
  expect(csv.split('\r\n').map((l) => l.split(',')[0])).toEqual(['left', 'BERT', 'T5', 'Llama', '(pooled totals)', '']);
  // This forum's mentions as a series set: groups in bulk, then topics by creation month.
  const groupsForm = section.getByRole('form', { name: 'Import keyword groups' });
  await groupsForm.getByLabel('Keyword list').setInputFiles(fixture('model-families.txt'));
  await groupsForm.getByRole('button', { name: 'Import groups' }).click();
  await expect.poll(() => groupsForm.getByRole('status').textContent()).toBe('4 groups added, 0 updated.');
  const mentionsForm = section.getByRole('form', { name: 'Add mentions as series' });
  await mentionsForm.getByRole('button', { name: 'Add mentions as series' }).click();
  await expect
    .poll(() => mentionsForm.getByRole('status').textContent())
    .toMatch(/topics by creation month mentioning/);
  const mentionRow = list.getByRole('row', { name: /topics by creation month mentioning each keyword group/ });
  await expect.poll(() => mentionRow.count()).toBe(1);
  expect(await mentionRow.getByRole('cell').nth(3).textContent()).toBe('4');
  await section.screenshot({ path: 'test-results/series-section.png' });
  await page.context().close();
});
