import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startReplayServer, type ReplayServer } from '../collect/replay-server.ts';
import { generateForum } from '../support/replay-forum.ts';
import { launchBrowser, loginAs } from './browser.ts';

// Issue 17 on the Sources page: a whole-forum collection, category names instead of ids, a
// scraped CSV's "Sep 6, 2020 9:38 am" dates. carol owns the demo study, so she may import and collect.
const fixture = (name: string) => join(import.meta.dirname, '../fixtures', name);
let browser: Browser;
let forum: ReplayServer;
beforeAll(async () => {
  browser = await launchBrowser();
  forum = await startReplayServer('', generateForum(8, 60));
});
afterAll(async () => {
  await browser?.close();
  await forum?.close();
});

test('carol collects a whole forum; its threads show "Parent › Child" category names', async () => {
  const page = await loginAs(browser, 'carol');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sources' }).click();
  const form = page.getByRole('form', { name: 'Collect from a Discourse forum' });
  await form.getByLabel('Forum address').fill(forum.url);
  await form.getByLabel('Source (optional)').fill('Whole forum');
  await form.getByLabel('Requests per second').fill('10');
  await form.getByLabel(/^Whole forum/).check();
  expect(await form.getByLabel('Category (optional)').isDisabled()).toBe(true);
  await form.getByRole('button', { name: 'Collect' }).click();
  const panel = page.getByRole('region', { name: 'Collection progress' });
  await expect.poll(() => panel.getByRole('status').textContent()).toBe('Done.');
  const counts = panel.getByRole('table', { name: 'Collected' });
  expect(await counts.getByRole('row', { name: /^Threads/ }).textContent()).toBe('Threads800');
  expect(forum.log.filter((p) => p.startsWith('/t/'))).toEqual([]);
  await page.screenshot({ path: 'test-results/collect-whole-forum.png', fullPage: true });

  await page
    .getByRole('row', { name: /^Whole forum/ })
    .getByRole('link', { name: 'Whole forum' })
    .click();
  const category = page.getByLabel('Category');
  await expect
    .poll(() => category.locator('option').allTextContents())
    .toEqual(['Any category', '🤗Transformers › Tokenizers (4)', 'Site Feedback (2)', '🤗Transformers (2)']);
  await page.getByText('How do I fix the cuda tokenizer error (3000)?').waitFor();
  expect(await page.getByText(/· 🤗Transformers › Tokenizers/).count()).toBe(4);
  await page.screenshot({ path: 'test-results/threads-category-names.png', fullPage: true });
});

test('carol names the categories of an imported dump, and imports a scrape with its own date format', async () => {
  const page = await loginAs(browser, 'carol');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sources' }).click();
  const form = page.getByRole('form', { name: 'Import threads' });
  await form.getByLabel('File', { exact: true }).setInputFiles(fixture('import/discourse-site/topics.jsonl'));
  await form.getByLabel('Source').fill('Dump');
  await form.getByRole('button', { name: 'Import' }).click();
  await page.getByRole('table', { name: 'Counts' }).waitFor();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sources' }).click();
  const row = page.getByRole('row', { name: /^Dump/ });
  await row
    .getByLabel('Category names for Dump (site.json or categories.json)')
    .setInputFiles(fixture('import/discourse-site/site.json'));
  await expect.poll(() => row.getByRole('status').textContent()).toBe('5 categories, 3 threads renamed');
  await page.screenshot({ path: 'test-results/sources-category-names.png', fullPage: true });

  await form.getByLabel('File', { exact: true }).setInputFiles(fixture('import/csv/scraped-dates.csv'));
  await form.getByLabel('Source').fill('Scrape');
  await form.getByLabel('Thread id (required)').selectOption('topic_url');
  await form.getByLabel('Created at (required)').selectOption('date');
  await form.getByLabel('Body (required)').selectOption('text');
  await form.getByLabel('Author').selectOption('username');
  await form.getByLabel('Date format (optional)').fill('MMM d, yyyy h:mm a');
  await page.screenshot({ path: 'test-results/import-date-format.png', fullPage: true });
  await form.getByRole('button', { name: 'Import' }).click();
  const report = page.getByRole('table', { name: 'Counts' });
  await expect.poll(() => report.getByRole('row', { name: /^Posts/ }).textContent()).toBe('Posts300');
});
