import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { baseURL, launchBrowser, loginAs } from './browser.ts';

// A study page opened by its address: the session, the study and the tab's first data are each asked
// for once (preloaded by index.html as the server serves it to this member, then taken by the app's
// prefetch at start, not asked again when the layout and the tab mount), and the API's JSON arrives
// gzip-compressed and is read by the page.

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
  const refused: string[] = [];
  page.on('response', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/') && r.status() >= 400) refused.push(`${r.status()} ${r.url()}`);
  });
  const count = (path: string) => paths.filter((p) => p === path).length;
  return { count, encodings, paths: () => [...paths], refused: () => [...refused] };
}

/** How the page fetched an address (Resource Timing): who asked ('link': index.html's preload) and when, against the scripts having run. */
const fetchedHow = (page: Page, path: string) =>
  page.evaluate((p) => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return performance
      .getEntriesByType('resource')
      .filter((r) => r.name === new URL(p, location.href).href)
      .map((r) => ({
        initiator: (r as PerformanceResourceTiming).initiatorType,
        beforeScriptsRan: r.startTime < nav.domContentLoadedEventStart,
      }));
  }, path);

test('the Code tab’s session, study, rounds, progress and codebook are preloaded by index.html, each asked for once', async () => {
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
  ]) {
    expect([path, api.count(path)]).toEqual([path, 1]);
    expect([path, await fetchedHow(page, path)]).toEqual([path, [{ initiator: 'link', beforeScriptsRan: true }]]);
  }
  // The codebook (several kB of JSON) came gzipped, and the page shows its codes.
  expect(api.encodings.get('/api/studies/1/codebook')).toBe('gzip');
  expect(await page.getByRole('button', { name: /^Model Usage and Understanding/ }).count()).toBeGreaterThan(0);
  await page.context().close();
});

test('the Adjudicate tab’s study, choices and first queue page are preloaded by index.html, each asked for once', async () => {
  const page = await loginAs(browser, 'carol');
  const api = apiRequests(page);
  await page.goto('/studies/1/adjudicate');
  await page.locator('.adj-queue-item').first().waitFor();
  await page.waitForLoadState('networkidle');
  const first = [
    '/api/auth/session',
    '/api/studies/1',
    '/api/studies/1/adjudication/choices',
    '/api/studies/1/adjudication?limit=100',
  ];
  for (const path of first) expect([path, api.count(path)]).toEqual([path, 1]);
  // Each came from a preload, asked for while the scripts loaded, not after they ran.
  for (const path of first)
    expect([path, await fetchedHow(page, path)]).toEqual([path, [{ initiator: 'link', beforeScriptsRan: true }]]);
  await page.context().close();
});

test('filters in the address are preloaded as the queue asks for them', async () => {
  const page = await loginAs(browser, 'carol');
  const api = apiRequests(page);
  await page.goto('/studies/1/adjudicate?status=open&round=1');
  await page.getByRole('list', { name: 'Units in adjudication' }).waitFor();
  await page.waitForLoadState('networkidle');
  const queue = '/api/studies/1/adjudication?roundId=1&status=open&limit=100';
  expect(api.count(queue)).toBe(1);
  expect(await fetchedHow(page, queue)).toEqual([{ initiator: 'link', beforeScriptsRan: true }]);
  await page.context().close();
});

test('a coder opening the Adjudicate tab gets the study preloaded and nothing refused', async () => {
  const page = await loginAs(browser, 'alice');
  const api = apiRequests(page);
  await page.goto('/studies/1/adjudicate');
  await page.getByRole('note').filter({ hasText: 'Adjudication is for' }).waitFor();
  await page.waitForLoadState('networkidle');
  expect(api.count('/api/studies/1')).toBe(1);
  expect(await fetchedHow(page, '/api/studies/1')).toEqual([{ initiator: 'link', beforeScriptsRan: true }]);
  expect(api.paths().filter((p) => p.includes('/adjudication'))).toEqual([]);
  expect(api.refused()).toEqual([]);
  await page.context().close();
});

test('the app served is React’s production build (built under vitest, NODE_ENV=test, it was the development build)', async () => {
  const page = await browser.newPage({ baseURL: baseURL() });
  await page.goto('/');
  const entry = await page.locator('script[type="module"]').getAttribute('src');
  const code = await (await page.request.get(entry!)).text();
  expect(code).toContain('Minified React error');
  expect(code).not.toContain('unique "key" prop');
  await page.close();
});

/** The scripts every page runs before its first render: index.html's entry and what it imports statically, transitively. */
async function startupScripts(page: Page): Promise<Map<string, string>> {
  const html = await (await page.request.get('/')).text();
  const pending = [...html.matchAll(/<script type="module" crossorigin src="([^"]+)"/g)].map((m) => m[1]!);
  const scripts = new Map<string, string>();
  while (pending.length > 0) {
    const path = pending.pop()!;
    if (scripts.has(path)) continue;
    const code = await (await page.request.get(path)).text();
    scripts.set(path, code);
    // Static imports only (`from"./x.js"`, `import"./x.js"`); import("./x.js") is a page's chunk, loaded when opened.
    for (const m of code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) pending.push(`/assets/${m[1]}`);
  }
  return scripts;
}

test('the start-up scripts hold neither the charts nor zod, and stay under 340 kB', async () => {
  const page = await browser.newPage({ baseURL: baseURL() });
  const scripts = await startupScripts(page);
  expect(scripts.size).toBeGreaterThan(1);
  const all = [...scripts.values()].join('\n');
  // Recharts (363 kB, the Agreement and Analysis pages) names its SVG root so; zod (84 kB, forms) its error class.
  expect(all).not.toContain('recharts-surface');
  expect(all).not.toContain('ZodError');
  expect(all.length).toBeLessThan(340_000);
  await page.close();
});
