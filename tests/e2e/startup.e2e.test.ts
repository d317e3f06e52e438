import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, loginAs } from './browser.ts';

// A study page opened by its address: the session, the study and the tab's first data are each asked
// for once (prefetched at start, not again when the layout and the tab mount), and the API's JSON
// arrives gzip-compressed and is read by the page.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** The API requests the page sends from now on, as `path?query`, and the encodings of their answers. */
function apiRequests(page: Page) {
  const paths: string[] = [];
  const encodings = new Map<string, string | undefined>();
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/') && r.method() === 'GET') paths.push(url.pathname + url.search);
  });
  page.on('response', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/')) encodings.set(url.pathname + url.search, r.headers()['content-encoding']);
  });
  const count = (path: string) => paths.filter((p) => p === path).length;
  return { count, encodings };
}

test('the Code tab asks for the session, the study, its rounds, progress and codebook once each', async () => {
  const page = await loginAs(browser, 'alice');
  const api = apiRequests(page);
  await page.goto('/studies/1/code');
  await page.getByRole('article', { name: /^Unit \d+ of \d+$/ }).waitFor();
  await page.waitForLoadState('networkidle');
  for (const path of [
    '/api/auth/session',
    '/api/studies/1',
    '/api/studies/1/rounds',
    '/api/studies/1/progress',
    '/api/studies/1/codebook',
  ])
    expect([path, api.count(path)]).toEqual([path, 1]);
  // The codebook (several kB of JSON) came gzipped, and the page shows its codes.
  expect(api.encodings.get('/api/studies/1/codebook')).toBe('gzip');
  expect(await page.getByRole('button', { name: /^Model Usage and Understanding/ }).count()).toBeGreaterThan(0);
  await page.context().close();
});

test('the Adjudicate tab asks for the study and the queue’s first page once each', async () => {
  const page = await loginAs(browser, 'carol');
  const api = apiRequests(page);
  await page.goto('/studies/1/adjudicate');
  await page.getByRole('list', { name: 'Units in adjudication' }).waitFor();
  await page.waitForLoadState('networkidle');
  expect(api.count('/api/studies/1')).toBe(1);
  expect(api.count('/api/studies/1/adjudication?limit=100')).toBe(1);
  expect(api.count('/api/studies/1/adjudication/choices')).toBe(1);
  await page.context().close();
});
