import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, loginAs } from './browser.ts';

// One coder (alice) on two devices, A and B, and a second tab A2 beside A. A saves a unit that B
// shows from before: B's next edit is refused as stale and B offers both versions; B keeps its
// own, and A, on getting focus back, shows it. A2 shows A's later save at once (BroadcastChannel).

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const unitOpen = (page: Page) => page.getByRole('article', { name: /^Unit \d+ of \d+$/ }).waitFor();
const saved = (page: Page) => page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
const applied = (page: Page) =>
  page
    .getByRole('region', { name: 'Codebook' })
    .locator('button[aria-pressed="true"]')
    .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-keyshortcuts')));

test('a stale save on a second device shows both versions; choosing one resolves it and the other pages follow', async () => {
  const a = await loginAs(browser, 'alice');
  await a.getByRole('link', { name: /^Demo: Hugging Face forum/ }).click();
  await a.getByRole('navigation', { name: 'Study' }).getByRole('link', { name: 'Code', exact: true }).click();
  await unitOpen(a);
  const unitUrl = a.url();

  const b = await loginAs(browser, 'alice');
  await b.goto(unitUrl);
  await unitOpen(b);
  expect(await applied(b)).toEqual([]);

  // A codes the unit; B still shows it uncoded.
  await a.keyboard.press('3');
  await saved(a);

  // B's edit starts from "no coding yet": refused, and both versions are shown.
  await b.keyboard.press('1');
  const panel = b.getByRole('region', { name: 'Two versions of this coding' });
  await panel.waitFor();
  expect(await panel.getByRole('region', { name: 'Saved elsewhere' }).getByRole('listitem').count()).toBe(1);
  expect(await panel.getByRole('region', { name: 'Yours, in this tab' }).getByRole('listitem').count()).toBe(1);
  await b.screenshot({ path: 'test-results/coding-conflict.png' });
  // The choice is in keyboard reach: focus is on it; Tab, Enter keeps B's version.
  expect(await b.evaluate(() => document.activeElement?.textContent)).toBe('Keep the saved version');
  await b.keyboard.press('Tab');
  await b.keyboard.press('Enter');
  await saved(b);
  await panel.waitFor({ state: 'detached' });
  expect(await applied(b)).toEqual(['1']);

  // A gets focus back (the browser's visibilitychange) and reads the unit again: B's version.
  await a.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));
  await expect.poll(() => applied(a)).toEqual(['1']);

  // A second tab beside A follows A's next save without any focus change.
  const a2 = await a.context().newPage();
  await a2.goto(unitUrl);
  await unitOpen(a2);
  expect(await applied(a2)).toEqual(['1']);
  await a.keyboard.press('2');
  await saved(a);
  await expect.poll(() => applied(a2)).toEqual(['1', '2']);
  // And A2's next edit builds on it: no conflict.
  await a2.keyboard.press('4');
  await saved(a2);
  expect(await a2.getByRole('region', { name: 'Two versions of this coding' }).count()).toBe(0);
  expect(await applied(a2)).toEqual(['1', '2', '4']);

  await a.context().close();
  await b.context().close();
});
