import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { baseURL, launchBrowser, loginAs, serverDbPath } from './browser.ts';
import { demoPassword } from './demo-server.ts';
import { ApiClient, runCli } from './xss-seed.ts';

// Real-shaped Discourse cooked HTML (tests/fixtures/import/discourse/content-shapes.json):
// the thread page and the coding screen show a quote as a quote (who, a link to the quoted
// post), a onebox as a link preview (its site), a YouTube card, and images as placeholders
// that load only when asked; no request leaves for another host before that.
// Screenshots go to /tmp (outside git): /tmp/post-content-thread.png, /tmp/post-content-coding.png,
// /tmp/post-content-coding-end.png.

let browser: Browser;
let threadId: number;
let codeUrl: string;
beforeAll(async () => {
  browser = await launchBrowser();
  const fixture = join(import.meta.dirname, '../fixtures/import/discourse/content-shapes.json');
  const cli = await runCli(serverDbPath(), [
    'import',
    fixture,
    '--source',
    'Slicer (e2e)',
    '--base-url',
    'https://discourse.slicer.org',
  ]);
  expect(cli.code, cli.stderr).toBe(0);
  const carol = new ApiClient(baseURL());
  const me = await carol.ok<{ user: { id: number } }>('POST', '/api/auth/login', {
    username: 'carol',
    password: demoPassword,
  });
  const { threads } = await carol.ok<{ threads: { id: number; title: string }[] }>(
    'GET',
    '/api/threads?q=histogram&limit=50',
  );
  threadId = threads.find((t) => t.title === 'Histogram of a segment')!.id;
  const { study } = await carol.ok<{ study: { id: number } }>('POST', '/api/studies', {
    name: 'Quotes and previews (e2e)',
    unitKind: 'thread',
  });
  const s = `/api/studies/${study.id}`;
  await carol.ok('POST', `${s}/members`, { userId: me.user.id, role: 'coder' });
  await carol.ok('POST', `${s}/threads`, { action: 'add', rule: { kind: 'pick', threadIds: [threadId] } });
  const { round } = await carol.ok<{ round: { id: number } }>('POST', `${s}/rounds`, {
    name: 'R1',
    kind: 'calibration',
  });
  await carol.ok('POST', `${s}/sampling/draw`, { roundId: round.id, size: 1, seed: 's', coderIds: [me.user.id] });
  const { units } = await carol.ok<{ units: { unitId: number }[] }>('GET', `${s}/rounds/${round.id}/my-units`);
  codeUrl = `/studies/${study.id}/code?round=${round.id}&unit=${units[0]!.unitId}`;
});
afterAll(async () => {
  await browser?.close();
});

/** Every request the page makes to a host other than the app's. */
function foreignRequests(page: Page): string[] {
  const seen: string[] = [];
  const own = new URL(baseURL()).host;
  page.on('request', (r) => {
    if (new URL(r.url()).host !== own) seen.push(r.url());
  });
  return seen;
}

async function expectMarkedBlocks(post: (n: number) => ReturnType<Page['locator']>) {
  const quote = post(2).locator('aside.quote');
  await expect.poll(() => quote.locator('.block-label').textContent()).toBe('Quote from martflar · post 1');
  expect(await quote.getByRole('link', { name: 'post 1' }).getAttribute('href')).toBe(
    'https://discourse.slicer.org/t/11277/1',
  );
  expect(await post(3).locator('aside.onebox .block-label').textContent()).toBe('Link preview · huggingface.co');
  expect(await post(4).locator('aside.onebox .block-label').textContent()).toBe('Link preview · github.com');
  const card = post(5).locator('div.embed');
  expect(await card.locator('.block-label').textContent()).toBe('Video · YouTube');
  expect(await card.getByRole('link').getAttribute('href')).toBe('https://www.youtube.com/watch?v=kPRA0W1kECg');
  expect(await post(6).locator('div.embed').textContent()).toBe(
    'Video · YouTubeCurved multi-planar reconstruction (MPR) view in 3D Slicer',
  );
  expect(await post(7).locator('div.embed .block-label').textContent()).toBe('Video · Vimeo');
  expect(await post(8).locator('.image-placeholder').textContent()).toBe('Image: large (us1.discourse-cdn.com)');
  expect(await post(8).locator('img').count()).toBe(0);
  // The mention and the topic link of post 1 were relative; with the forum's address they point to it.
  expect(await post(1).getByRole('link', { name: '@lassoan' }).getAttribute('href')).toBe(
    'https://discourse.slicer.org/u/lassoan',
  );
}

test('the thread page shows quotes, previews, video cards and image placeholders as such', async () => {
  const page = await loginAs(browser, 'carol');
  const foreign = foreignRequests(page);
  await page.goto(`/threads/${threadId}`);
  const post = (n: number) => page.locator(`#post-${n}`);
  await expectMarkedBlocks(post);
  expect(await post(9).getByRole('note').textContent()).toBe(
    'This post is empty: it has no text, images or links to code.',
  );
  await page.screenshot({ path: '/tmp/post-content-thread.png', fullPage: true });
  expect(foreign).toEqual([]);
  // Loading the image is the coder's choice, per post.
  await post(8).getByRole('button', { name: 'Load the image from us1.discourse-cdn.com' }).click();
  await expect.poll(() => post(8).locator('img').getAttribute('src')).toMatch(/^https:\/\/us1\.discourse-cdn\.com\//);
  await page.context().close();
});

test('the coding screen shows them the same way and says why a post has no text', async () => {
  const page = await loginAs(browser, 'carol');
  const foreign = foreignRequests(page);
  await page.goto(codeUrl);
  const post = (n: number) => page.getByRole('article', { name: new RegExp(`^Post ${n}\\b`) });
  await expectMarkedBlocks(post);
  expect(await post(8).getByRole('note').textContent()).toBe('This post has no text of its own: only images.');
  expect(await post(6).getByRole('note').textContent()).toBe(
    'This post has no text of its own: only quotes, link previews or videos.',
  );
  expect(await post(9).getByRole('note').textContent()).toBe(
    'This post is empty: it has no text, images or links to code.',
  );
  await post(2).scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/post-content-coding.png', fullPage: false });
  await post(9).scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/post-content-coding-end.png', fullPage: false });
  expect(foreign).toEqual([]);
  await page.context().close();
});
