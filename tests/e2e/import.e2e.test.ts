import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, loginAs } from './browser.ts';

// carol is an importer in the demo (an administrator's grant), so no administrator is needed.
// The file is the fixture's four topics plus generated ones, big enough for progress to show.
const FILLER = 6000;
let browser: Browser;
let dir: string;
let file: string;
beforeAll(async () => {
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), 'threadcoder-e2e-import-'));
  file = join(dir, 'hf-dump.jsonl');
  const topics = JSON.parse(
    readFileSync(join(import.meta.dirname, '../fixtures/upload/hf-topics.json'), 'utf8'),
  ) as unknown[];
  const filler = Array.from({ length: FILLER }, (_, i) => ({
    id: 100_000 + i,
    title: `Question ${i} about datasets and models`,
    created_at: new Date(Date.UTC(2021, 0, 1) + i * 3_600_000).toISOString(),
    category_name: i % 2 ? 'Models' : 'Datasets',
    tags: [i % 3 ? 'datasets' : 'hub'],
    post_stream: {
      posts: [
        {
          id: 1_000_000 + 2 * i,
          post_number: 1,
          username: `user${i % 50}`,
          created_at: new Date(Date.UTC(2021, 0, 1) + i * 3_600_000).toISOString(),
          cooked: `<p>How do I load dataset number ${i} from the Hub without running out of memory?</p>`,
        },
        {
          id: 1_000_001 + 2 * i,
          post_number: 2,
          username: `user${(i + 7) % 50}`,
          created_at: new Date(Date.UTC(2021, 0, 1) + i * 3_600_000 + 60_000).toISOString(),
          cooked: '<p>Use streaming mode and iterate in batches.</p>',
          reply_to_post_number: 1,
        },
      ],
    },
  }));
  writeFileSync(file, `${[...topics, ...filler].map((t) => JSON.stringify(t)).join('\n')}\n`);
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('carol imports a Discourse dump from the Sources page, watches it, then finds and opens a thread', async () => {
  const page = await loginAs(browser, 'carol');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sources' }).click();
  const form = page.getByRole('form', { name: 'Import threads' });
  await form.getByLabel('File', { exact: true }).setInputFiles(file);
  await form.getByLabel('Source').fill('HF forum (e2e)');
  await form.getByLabel('Format').selectOption('discourse');
  await form.getByLabel('Forum address (optional)').fill('https://discuss.huggingface.co');
  await page.screenshot({ path: 'test-results/sources.png', fullPage: true });
  await form.getByRole('button', { name: 'Import' }).click();

  // Watch the job: record the progress bar's values until the report appears.
  await page.getByRole('heading', { name: 'Import of hf-dump.jsonl into HF forum (e2e)' }).waitFor();
  const seen: string[] = [];
  const report = page.getByRole('table', { name: 'Counts' });
  for (let i = 0; i < 600 && !(await report.isVisible()); i++) {
    const bar = page.getByRole('progressbar', { name: 'Import progress' });
    const now = (await bar.isVisible()) ? await bar.getAttribute('aria-valuenow').catch(() => null) : null;
    if (now !== null && seen.at(-1) !== now) seen.push(now);
    await page.waitForTimeout(50);
  }
  console.log(`progress bar values seen (%): ${seen.join(', ') || 'none (the job finished before the first poll)'}`);
  await expect
    .poll(() => report.getByRole('row', { name: /^Threads/ }).textContent())
    .toBe(`Threads${(FILLER + 4).toLocaleString('en-US')}00`);
  expect(await report.getByRole('row', { name: /^Posts/ }).textContent()).toBe(
    `Posts${(2 * FILLER + 8).toLocaleString('en-US')}00`,
  );
  await page.getByText('No records were rejected.').waitFor();
  await page.screenshot({ path: 'test-results/import.png', fullPage: true });

  // The thread browser: stemmed search over titles and posts.
  await page.getByRole('link', { name: 'Browse the threads of HF forum (e2e)' }).click();
  const list = page.getByRole('list', { name: 'Threads' });
  await expect
    .poll(() => page.getByRole('status').textContent())
    .toBe(`${(FILLER + 4).toLocaleString('en-US')} threads`);
  await page.getByLabel('Search titles and posts').fill('tokenizers padding');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toBe('1 thread');
  await list.getByRole('link', { name: 'Tokenizer adds padding on the wrong side' }).waitFor();
  await page.getByLabel('Search titles and posts').fill('streaming');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect
    .poll(() => page.getByRole('status').textContent())
    .toBe(`${(FILLER + 1).toLocaleString('en-US')} threads`);
  // The title hit ranks above the thousands of post hits.
  expect(await list.getByRole('link').first().textContent()).toBe('Streaming a dataset larger than RAM');
  await page.screenshot({ path: 'test-results/threads.png' });

  await page.getByLabel('Search titles and posts').fill('tokenizers padding');
  await page.getByRole('button', { name: 'Search' }).click();
  await list.getByRole('link', { name: 'Tokenizer adds padding on the wrong side' }).click();
  await page.getByRole('heading', { level: 1, name: 'Tokenizer adds padding on the wrong side' }).waitFor();
  const reply = page.getByRole('article', { name: 'Post 2 by bob' });
  expect(await reply.getByRole('link', { name: 'in reply to #1 (alice)' }).getAttribute('href')).toMatch(
    /^\/threads\/\d+#post-1$/,
  );
  expect(
    await page
      .getByRole('link', { name: 'https://discuss.huggingface.co/t/tokenizer-adds-padding-on-the-wrong-side/501' })
      .count(),
  ).toBe(1);
  await page.screenshot({ path: 'test-results/thread.png', fullPage: true });

  // The demo study's Threads tab (read only here: other suites sample from its selection).
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Studies' }).click();
  await page.getByRole('link', { name: /^Demo: Hugging Face forum/ }).click();
  await page.getByRole('navigation', { name: 'Study' }).getByRole('link', { name: 'Threads' }).click();
  await page.getByRole('heading', { name: 'Selected threads' }).waitFor();
  await page
    .getByRole('region', { name: 'Select by filter or by hand' })
    .getByRole('list', { name: 'Threads' })
    .getByRole('listitem')
    .first()
    .waitFor();
  await page.screenshot({ path: 'test-results/study-threads.png', fullPage: true });
});
