import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openDb } from '../../apps/api/src/db/open.ts';
import { insertForum } from '../support/forum.ts';
import { launchBrowser, loginAs, serverDbPath } from './browser.ts';

// Past 10,000 matching threads the API stops counting (db/capped-count.ts): the thread browser
// says "10,000+ threads" and a keyword rule's preview says what it counted; below the cap both
// stay exact. The demo's 40 threads and 9,961 more make 10,001.
const BULK = 9_961;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
  const db = openDb(serverDbPath());
  try {
    db.transaction(() =>
      insertForum(
        db,
        Array.from({ length: BULK }, (_, i) => ({
          title: `Bulk thread ${i + 1}`,
          createdAt: new Date(Date.UTC(2019, 0, 1) + i * 60_000).toISOString(),
          posts: [`Zebrafish notes, part ${i + 1}`],
        })),
        'Bulk forum',
      ),
    )();
  } finally {
    db.close();
  }
});
afterAll(() => browser?.close());

test('the thread browser says "10,000+ threads" past the cap and the exact number below it', async () => {
  const page = await loginAs(browser, 'alice');
  await page.getByRole('link', { name: 'Threads', exact: true }).first().click();
  const status = page.locator('.thread-list').getByRole('status');
  await expect.poll(() => status.textContent()).toBe('10,000+ threads');
  // The list's size is unknown to assistive technology too, and its rows are there to read.
  expect(await page.getByRole('listitem').first().getAttribute('aria-setsize')).toBe('-1');
  await page.screenshot({ path: 'test-results/thread-count-capped.png' });

  await page.getByLabel('Search titles and posts').fill('zebrafish');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect.poll(() => status.textContent()).toBe('9,961 threads');
  expect(await page.getByRole('listitem').first().getAttribute('aria-setsize')).toBe('9961');
  await page.screenshot({ path: 'test-results/thread-count-exact.png' });
  await page.context().close();
});

test("a keyword rule's preview past the cap says what it counted; below it, the exact numbers", async () => {
  const page = await loginAs(browser, 'carol');
  await page.getByRole('link', { name: /^Demo: Hugging Face forum/ }).click();
  await page.waitForURL(/\/studies\/\d+/);
  const studyId = Number(/\/studies\/(\d+)/.exec(page.url())![1]);
  await page.goto(`/studies/${studyId}/threads`);
  const form = page.getByRole('form', { name: 'Keyword rule' });
  const keywords = form.getByLabel(/^Keywords/);
  const said = form.getByRole('status');

  await keywords.fill('zebrafish\nthe');
  await form.getByRole('button', { name: 'Preview' }).click();
  // The bulk threads and the 40 demo threads (all saying "the"): 10,001. Matches are found in the
  // order the posts were stored, so the first 10,000 are the demo's 40, already selected, and 9,960 more.
  await expect.poll(() => said.textContent()).toBe('10,000+ threads match; of the first 10,000, 9,960 would be added.');
  await page.screenshot({ path: 'test-results/keyword-preview-capped.png' });

  await keywords.fill('zebrafish');
  await form.getByRole('button', { name: 'Preview' }).click();
  await expect.poll(() => said.textContent()).toBe('9,961 threads match; 9,961 would be added.');
  await page.context().close();
});
