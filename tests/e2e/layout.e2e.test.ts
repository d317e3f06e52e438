import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { baseURL, launchBrowser } from './browser.ts';
import { demoPassword } from './demo-server.ts';

// The coding screen fits common laptop screens: every code of the codebook is reachable by
// scrolling the codebook panel alone (the page does not scroll), and the header of the unit
// is in view. Every page fits a phone's width (390 px) without scrolling sideways.
// Screenshots go to test-results/ (not in git).

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

async function loginAt(width: number, height: number, username: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseURL(), viewport: { width, height } });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(demoPassword);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Studies' }).waitFor();
  return page;
}

/** How far the page is wider than the window (0 when nothing scrolls sideways). */
const overflowX = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Some elements that reach past the window's right edge (printed when a page is too wide). */
const widest = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(-5)
      .map(
        (el) => `${el.tagName.toLowerCase()}.${String(el.className)} ${Math.round(el.getBoundingClientRect().right)}`,
      ),
  );

for (const [width, height] of [
  [1280, 720],
  [1366, 768],
  [1440, 900],
] as const) {
  test(`the coding screen fits ${width}×${height}`, async () => {
    const page = await loginAt(width, height, 'alice');
    await page.goto('/studies/1/code');
    const unit = page.getByRole('article', { name: /^Unit \d+ of \d+$/ });
    await unit.waitFor();
    await page.waitForLoadState('networkidle');
    // Jump to the screen as the coder sees it after pressing Code: scrolled to the workspace.
    await page.locator('.coding-screen').scrollIntoViewIfNeeded();
    const fit = await page.evaluate(() => {
      const rect = (el: Element | null) => el!.getBoundingClientRect();
      const codebook = rect(document.querySelector('.coding-panel'));
      const groups = document.querySelector('.codebook .code-groups')!;
      const head = rect(document.querySelector('.unit-head'));
      const title = document.querySelector('.unit-head .thread-title')!;
      const titleBox = rect(title);
      const onTop = document.elementFromPoint(titleBox.left + 4, titleBox.top + titleBox.height / 2);
      return {
        pageScrolls: document.documentElement.scrollHeight - window.innerHeight,
        codebookBottom: codebook.bottom,
        codebookTop: codebook.top,
        groupsScroll: getComputedStyle(groups).overflowY,
        headTop: head.top,
        titleCovered: !title.contains(onTop),
        windowHeight: window.innerHeight,
      };
    });
    await page.screenshot({ path: `test-results/coding-${width}x${height}.png` });
    expect(fit.pageScrolls).toBeLessThanOrEqual(0);
    expect(fit.codebookTop).toBeGreaterThanOrEqual(0);
    expect(fit.codebookBottom).toBeLessThanOrEqual(fit.windowHeight);
    expect(fit.groupsScroll).toBe('auto');
    expect(fit.headTop).toBeGreaterThanOrEqual(0);
    expect(fit.titleCovered).toBe(false);
    // The last code can be scrolled to inside the panel, and the page has not moved.
    const codes = page.getByRole('region', { name: 'Codebook' }).locator('.code-toggle');
    expect(await codes.count()).toBeGreaterThan(10);
    await codes.last().scrollIntoViewIfNeeded();
    const last = await codes.last().boundingBox();
    expect(last!.y + last!.height).toBeLessThanOrEqual(height);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await page.context().close();
  });
}

const phonePages = [
  ['studies', '/studies'],
  ['sources', '/sources'],
  ['threads', '/threads'],
  ['study', '/studies/1'],
  ['study-threads', '/studies/1/threads'],
  ['codebook', '/studies/1/codebook'],
  ['code', '/studies/1/code'],
  ['agreement', '/studies/1/agreement'],
  ['adjudicate', '/studies/1/adjudicate'],
  ['analysis', '/studies/1/analysis'],
  ['export', '/studies/1/export'],
  ['audit', '/studies/1/audit'],
] as const;

test('no page scrolls sideways at 390 px, and Log out is on screen', async () => {
  const page = await loginAt(390, 844, 'carol');
  const wide: Record<string, number> = {};
  for (const [name, path] of phonePages) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    await page.locator('.loading').first().waitFor({ state: 'detached' });
    await page.screenshot({ path: `test-results/phone-${name}.png`, fullPage: true });
    wide[name] = await overflowX(page);
    if (wide[name] > 0) console.log(name, await widest(page));
  }
  expect(wide).toEqual(Object.fromEntries(phonePages.map(([name]) => [name, 0])));
  const logout = await page.getByRole('button', { name: 'Log out' }).boundingBox();
  expect(logout!.x + logout!.width).toBeLessThanOrEqual(390);
  await page.context().close();
});
