import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openDb } from '../../apps/api/src/db/open.ts';
import { insertForum } from '../support/forum.ts';
import { largeStudy } from '../support/large-study.ts';
import { testPassword } from '../support/test-app.ts';
import { launchBrowser, loginAs, serverDbPath } from './browser.ts';

// Long lists in a real browser: a link to post 2,500 of a 3,000-post thread opens there (the page
// loads a window of posts around it), and j on the coding screen moves across the edge between
// two pages of the coder's 450 units.

let browser: Browser;
let threadId: number;
let studyId: number;
beforeAll(async () => {
  browser = await launchBrowser();
  const db = openDb(serverDbPath());
  try {
    threadId = insertForum(
      db,
      [
        {
          title: 'A thread of 3,000 posts',
          createdAt: '2023-01-01T00:00:00.000Z',
          posts: Array.from({ length: 3000 }, (_, i) => `Words of post ${i + 1}`),
        },
      ],
      'Long threads',
    ).threadIds[0]!;
    db.prepare('UPDATE posts SET reply_to = 12 WHERE thread_id = ? AND post_number = 2500').run(threadId);
    // cora has 450 units; the first 199 are coded.
    studyId = (await largeStudy(db, { units: 450, coded: (i) => i < 199 })).studyId;
  } finally {
    db.close();
  }
});
afterAll(() => browser?.close());

test('a link to post 2,500 of 3,000 opens the thread there; its reply link jumps back to post 12', async () => {
  const page = await loginAs(browser, 'cora', testPassword);
  await page.goto(`/threads/${threadId}#post-2500`);
  const linked = page.getByRole('article', { name: 'Post 2500 by user2499' });
  await expect.poll(() => linked.isVisible()).toBe(true);
  await expect.poll(() => linked.evaluate((el) => Math.round(el.getBoundingClientRect().top))).toBeLessThan(100);
  // A window of 100 posts, not 3,000.
  expect(await page.getByRole('list', { name: 'Posts' }).getByRole('article').count()).toBe(100);
  await page.screenshot({ path: 'test-results/thread-post-2500.png' });

  await linked.getByRole('link', { name: 'in reply to #12 (user11)' }).click();
  const answered = page.getByRole('article', { name: 'Post 12 by user11' });
  await expect.poll(() => answered.evaluate((el) => Math.round(el.getBoundingClientRect().top))).toBeLessThan(100);
  expect(new URL(page.url()).hash).toBe('#post-12');
  await page.screenshot({ path: 'test-results/thread-post-12.png' });
  await page.context().close();
});

test('the coding screen opens at the 200th unit, the first uncoded, and j moves into the next page', async () => {
  const page = await loginAs(browser, 'cora', testPassword);
  await page.goto(`/studies/${studyId}/code`);
  await page.getByRole('article', { name: 'Unit 200 of 450' }).waitFor();
  const list = page.getByRole('navigation', { name: 'Your units' });
  expect(await list.getByRole('listitem').count()).toBeLessThan(80);
  await page.keyboard.press('j');
  await page.getByRole('article', { name: 'Unit 201 of 450' }).waitFor();
  await expect.poll(() => list.locator('a[aria-current="page"]').textContent()).toMatch(/^201 /);
  await page.keyboard.press('j');
  await page.getByRole('article', { name: 'Unit 202 of 450' }).waitFor();
  await page.keyboard.press('k');
  await page.keyboard.press('k');
  await page.getByRole('article', { name: 'Unit 200 of 450' }).waitFor();
  await page.keyboard.press('j');
  await page.getByRole('article', { name: 'Unit 201 of 450' }).waitFor();
  await page.screenshot({ path: 'test-results/coding-page-edge.png' });
  await page.context().close();
});
