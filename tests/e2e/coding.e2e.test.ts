import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, loginAs } from './browser.ts';

// Two demo coders code the demo study's open round "Main" in separate browser contexts.
// Blind coding holds on screen: bob never sees alice's labels or memo. The time from Enter
// to the next unit on screen is measured in the page and printed (reported, not asserted).

const aliceMemo = 'ALICE-PRIVATE-MEMO-e2e';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

async function openCodingScreen(page: Page): Promise<string> {
  await page.getByRole('link', { name: /^Demo: Hugging Face forum/ }).click();
  await page.getByRole('navigation', { name: 'Study' }).getByRole('link', { name: 'Code', exact: true }).click();
  await page.getByRole('article', { name: /^Unit \d+ of \d+$/ }).waitFor();
  return page.url();
}

const currentUnit = (page: Page) => Number(new URL(page.url()).searchParams.get('unit'));
const heading = (page: Page) => page.locator('#unit-heading').textContent();
const saved = (page: Page) => page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
const appliedCodes = (page: Page) =>
  page.getByRole('region', { name: 'Codebook' }).locator('button[aria-pressed="true"]');

/** Counts the page's requests in flight, so a measurement starts once saves and prefetches are done. */
function trackRequests(page: Page) {
  let open = 0;
  page.on('request', () => open++);
  page.on('requestfinished', () => open--);
  page.on('requestfailed', () => open--);
  return async () => {
    while (open > 0) await page.waitForTimeout(20);
  };
}

/** Enter → the next unit's heading in the DOM, timed inside the page (keydown to DOM commit and to the next frame). */
async function timeEnter(page: Page): Promise<{ commit: number; frame: number }> {
  await page.evaluate(() => {
    const w = window as unknown as Record<string, number>;
    w.__t0 = 0;
    w.__commit = 0;
    w.__frame = 0;
    document.addEventListener(
      'keydown',
      (e) => {
        if (e.key === 'Enter') w.__t0 = performance.now();
      },
      {
        capture: true,
        once: true,
      },
    );
    const before = document.getElementById('unit-heading')?.textContent;
    const observer = new MutationObserver(() => {
      const now = document.getElementById('unit-heading')?.textContent;
      if (now && now !== before) {
        w.__commit = performance.now();
        observer.disconnect();
        requestAnimationFrame(() => setTimeout(() => (w.__frame = performance.now())));
      }
    });
    observer.observe(document.querySelector('.coding-main')!, { subtree: true, childList: true, characterData: true });
  });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => ((window as unknown as Record<string, number>).__frame ?? 0) > 0);
  return page.evaluate(() => {
    const w = window as unknown as Record<string, number>;
    return { commit: w.__commit! - w.__t0!, frame: w.__frame! - w.__t0! };
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

test('alice and bob code the same units blind; Enter opens the next unit at once', async () => {
  const alice = await loginAs(browser, 'alice');
  const bob = await loginAs(browser, 'bob');
  const codeUrl = await openCodingScreen(alice);
  expect(await alice.getByRole('combobox', { name: 'Round' }).inputValue()).toBeTruthy();
  expect(await alice.getByRole('combobox', { name: 'Round' }).locator('option:checked').textContent()).toBe(
    'Main (open)',
  );

  // Alice codes her first unit: a code, a memo, then Enter.
  const first = currentUnit(alice);
  await alice.keyboard.press('3');
  await alice.keyboard.press('m');
  await alice.keyboard.type(aliceMemo);
  await alice.keyboard.press('Escape');
  await alice.keyboard.press('Enter');
  await alice.waitForFunction((unit) => new URL(location.href).searchParams.get('unit') !== String(unit), first);
  await saved(alice);

  // Bob opens the same unit: none of alice's labels, nowhere her memo.
  await bob.goto(`${new URL(codeUrl).pathname}?unit=${first}`);
  await bob.getByRole('article', { name: /^Unit \d+ of \d+$/ }).waitFor();
  expect(await appliedCodes(bob).count()).toBe(0);
  expect(await bob.getByRole('textbox', { name: 'Memo' }).inputValue()).toBe('');
  expect(await bob.content()).not.toContain(aliceMemo);
  await bob.keyboard.press('1');
  await bob.keyboard.press('Enter');
  await saved(bob);
  expect(await bob.content()).not.toContain(aliceMemo);

  // And alice, back on that unit, sees her own coding only.
  await alice.goto(`${new URL(codeUrl).pathname}?unit=${first}`);
  await alice.getByRole('article', { name: /^Unit \d+ of \d+$/ }).waitFor();
  expect(await appliedCodes(alice).count()).toBe(1);
  expect(await appliedCodes(alice).first().getAttribute('aria-keyshortcuts')).toBe('3');
  expect(await alice.getByRole('textbox', { name: 'Memo' }).inputValue()).toBe(aliceMemo);

  // Enter → next unit, ten times, each after the previous save and prefetch have settled.
  await alice.keyboard.press('Enter');
  await alice.getByRole('article', { name: /^Unit \d+ of \d+$/ }).waitFor();
  const idle = trackRequests(alice);
  const commits: number[] = [];
  const frames: number[] = [];
  for (let i = 0; i < 10; i++) {
    await idle();
    const before = await heading(alice);
    await alice.keyboard.press(String((i % 9) + 1));
    const t = await timeEnter(alice);
    expect(await heading(alice)).not.toBe(before);
    commits.push(t.commit);
    frames.push(t.frame);
  }
  await saved(alice);
  console.log(
    `Enter → next unit (ms, n=${commits.length}): median ${median(commits).toFixed(1)} to DOM, ${median(frames).toFixed(1)} to next frame; ` +
      `all to DOM: ${commits.map((m) => m.toFixed(1)).join(', ')}`,
  );

  // A calm look at the screen: a unit with a code applied, a quote and a definition shown.
  await alice.keyboard.press('2');
  await alice
    .locator('.post.is-unit .post-body')
    .first()
    .evaluate((body) => {
      const text = [...body.querySelectorAll('*'), body]
        .flatMap((el) => [...el.childNodes])
        .find((n) => n.nodeType === 3 && (n.textContent ?? '').trim().length > 20);
      if (!text) return;
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(text, Math.min(60, text.textContent!.length));
      document.getSelection()!.removeAllRanges();
      document.getSelection()!.addRange(range);
    });
  await alice.keyboard.press('q');
  await alice.keyboard.press('2');
  await alice
    .getByRole('region', { name: 'Codebook' })
    .getByRole('button', { name: /^Model Usage and Understanding/ })
    .hover();
  await saved(alice);
  await alice.screenshot({ path: 'test-results/coding.png' });
  await alice.context().close();
  await bob.context().close();
});
