import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startReplayServer, type ReplayServer } from '../collect/replay-server.ts';
import { launchBrowser, loginAs } from './browser.ts';

// The server under test collects from a local replay of a Discourse forum (7 topics, 55
// posts to keep). carol is an importer in the demo, so she may collect into sources of her own.
let browser: Browser;
let forum: ReplayServer;
beforeAll(async () => {
  browser = await launchBrowser();
  forum = await startReplayServer();
});
afterAll(async () => {
  await browser?.close();
  await forum?.close();
});

test('carol collects a forum from the Sources page, stops it, resumes it, and a second run fetches nothing unchanged', async () => {
  const page = await loginAs(browser, 'carol');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sources' }).click();
  const form = page.getByRole('form', { name: 'Collect from a Discourse forum' });
  await form.getByLabel('Forum address').fill(forum.url);
  await form.getByLabel('Source (optional)').fill('Replay forum');
  await form.getByLabel('Requests per second').fill('10');
  // The fourth topic answers 429 with a ten-minute Retry-After: the run waits there until stopped.
  forum.fail('/t/203.json', { status: 429, retryAfter: () => '600' });
  await form.getByRole('button', { name: 'Collect' }).click();

  const panel = page.getByRole('region', { name: 'Collection progress' });
  const bar = panel.getByRole('progressbar', { name: 'Collection progress' });
  await expect
    .poll(() => bar.getAttribute('aria-valuetext'))
    .toBe('75%: 3 of 4 topics listed so far, 50 of 52 posts, 7 requests');
  await page.screenshot({ path: 'test-results/collect-running.png', fullPage: true });
  await panel.getByRole('button', { name: 'Stop' }).click();
  await expect
    .poll(() => panel.getByRole('status').textContent())
    .toBe('Stopped. Start it again with the same fields to resume where it was.');
  await expect.poll(() => form.getByRole('button', { name: 'Collect' }).isEnabled()).toBe(true);

  // The same fields resume run #1 where it stopped.
  await form.getByRole('button', { name: 'Collect' }).click();
  await expect.poll(() => panel.getByRole('status').textContent()).toBe('Done.');
  expect(await panel.getByRole('heading').textContent()).toBe(`Collection #1: ${forum.url} into Replay forum`);
  expect(await bar.getAttribute('aria-valuetext')).toBe('100%: 7 of 7 topics, 60 of 60 posts, 14 requests');
  const counts = panel.getByRole('table', { name: 'Collected' });
  expect(await counts.getByRole('row', { name: /^Threads/ }).textContent()).toBe('Threads700');
  expect(await counts.getByRole('row', { name: /^Posts/ }).textContent()).toBe('Posts5500');
  await panel.getByText('Skipped 1 Discourse whispers (post_type 4: staff-only notes)').waitFor();
  await expect.poll(() => page.getByRole('row', { name: /^Replay forum/ }).count()).toBe(1);
  await page.screenshot({ path: 'test-results/collect-done.png', fullPage: true });

  // A second run lists the forum again and fetches no unchanged topic.
  forum.log.length = 0;
  await form.getByRole('button', { name: 'Collect' }).click();
  await expect
    .poll(() => panel.getByRole('heading').textContent())
    .toBe(`Collection #2: ${forum.url} into Replay forum`);
  await expect.poll(() => panel.getByRole('status').textContent()).toBe('Done.');
  await panel.getByText('7 topics unchanged since the last collection (not fetched again)').waitFor();
  expect(forum.log).toEqual([
    '/site.json',
    '/latest.json',
    '/latest.json?no_definitions=true&page=1',
    '/latest.json?no_definitions=true&page=2',
  ]);
  const earlier = page.getByRole('table', { name: 'Earlier collections' });
  expect(await earlier.getByRole('row').nth(1).getByRole('cell').nth(3).textContent()).toBe('succeeded');

  // A category the forum does not have: the run fails and says which ones it has.
  await form.getByLabel('Category (optional)').fill('datasets');
  await form.getByRole('button', { name: 'Collect' }).click();
  await expect
    .poll(() => panel.getByRole('alert').textContent())
    .toBe(
      'The forum has no category "datasets". Its categories: site-feedback, beginners, transformers, tokenizers, transformers/tokenizers.',
    );
  expect(await panel.getByRole('status').textContent()).toBe('The collection failed; the message below says why.');
});
