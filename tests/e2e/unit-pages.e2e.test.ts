import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openDb } from '../../apps/api/src/db/open.ts';
import { addMember, insertStudy } from '../../apps/api/src/db/studies.ts';
import { insertUnits } from '../../apps/api/src/db/units.ts';
import { insertForum, insertTemplateCodebook, pinCodebook } from '../support/forum.ts';
import { addStudyCast, testPassword } from '../support/test-app.ts';
import { launchBrowser, loginAs, serverDbPath } from './browser.ts';

// A thread unit of 320 posts comes a page at a time on the coding screen: cora reads on to
// post 250 (a later page), selects words there, attaches them as a quote, and after a reload
// the highlight sits on the same words, stored with their offsets in the whole unit's text.

const texts = Array.from({ length: 320 }, (_, i) =>
  i % 7 === 0 ? `Post ${i + 1} 🚀 reports a crash with tokenizers.` : `Post ${i + 1} asks about tokenizers.`,
);

let browser: Browser;
let studyId: number;
let unitId: number;
beforeAll(async () => {
  browser = await launchBrowser();
  const db = openDb(serverDbPath());
  try {
    const threadId = insertForum(
      db,
      [{ title: 'A thread of 320 posts', createdAt: '2023-01-01T00:00:00.000Z', posts: texts }],
      'Long thread units',
    ).threadIds[0]!;
    const { ids } = await addStudyCast(db);
    studyId = insertStudy(
      db,
      { name: 'Thread units', description: '', unitKind: 'thread', labelMode: 'multi', blind: true },
      ids.owen!,
    );
    addMember(db, studyId, ids.cora!, 'coder');
    pinCodebook(db, studyId, insertTemplateCodebook(db));
    const roundId = db.prepare('SELECT id FROM rounds WHERE study_id = ?').pluck().get(studyId) as number;
    unitId = insertUnits(db, studyId, roundId, [{ threadId, postId: null, coderIds: [ids.cora!] }], ids.owen!, {})[0]!;
  } finally {
    db.close();
  }
});
afterAll(() => browser?.close());

const post = (page: Page, n: number) => page.getByRole('article', { name: `Post ${n}`, exact: true });

/** Scrolls the posts pane on until post `n` is there (each "Show later posts" seen loads a page). */
async function readOnTo(page: Page, n: number) {
  const pane = page.getByRole('region', { name: 'Posts of the thread' });
  while (!(await post(page, n).count())) {
    await pane.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await page.waitForTimeout(100);
  }
  await post(page, n).scrollIntoViewIfNeeded();
}

/** The highlighted quotes' words, each with the post they are in. */
const highlighted = (page: Page) =>
  page.evaluate(() =>
    [...(CSS.highlights.get('quote') ?? [])].map((r) => ({
      text: (r as Range).toString(),
      post: (r as Range).startContainer.parentElement?.closest('article')?.getAttribute('aria-label'),
    })),
  );

test('a quote taken on a later page of a long thread unit is stored with its offsets in the whole text and highlighted after a reload', async () => {
  const page = await loginAs(browser, 'cora', testPassword);
  await page.goto(`/studies/${studyId}/code`);
  await page.getByRole('article', { name: 'Unit 1 of 1' }).waitFor();
  const pane = page.getByRole('region', { name: 'Posts of the thread' });
  // The unit opens with its first page: 100 posts, not 320.
  expect(await pane.getByRole('article').count()).toBe(100);

  await readOnTo(page, 250);
  await page.keyboard.press('2');
  await post(page, 250)
    .locator('.post-body p')
    .evaluate((p) => {
      const text = p.firstChild!;
      const at = text.textContent!.indexOf('about tokenizers');
      const range = document.createRange();
      range.setStart(text, at);
      range.setEnd(text, at + 'about tokenizers'.length);
      document.getSelection()!.removeAllRanges();
      document.getSelection()!.addRange(range);
    });
  await page.keyboard.press('q');
  await page.keyboard.press('2');
  await page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
  expect(await highlighted(page)).toEqual([{ text: 'about tokenizers', post: 'Post 250' }]);

  // Stored with the offsets the words have in the whole unit's text (code points, posts joined by a blank line).
  const whole = texts.join('\n\n');
  const at = whole.indexOf('Post 250 asks about tokenizers.') + 'Post 250 asks '.length;
  const start = Array.from(whole.slice(0, at)).length;
  const db = openDb(serverDbPath());
  try {
    const stored = db
      .prepare(
        `SELECT l.quote AS text, l.quote_start AS start, l.quote_end AS "end"
         FROM coding_labels l JOIN codings c ON c.id = l.coding_id WHERE c.unit_id = ? AND l.quote IS NOT NULL`,
      )
      .all(unitId);
    expect(stored).toEqual([{ text: 'about tokenizers', start, end: start + 16 }]);
  } finally {
    db.close();
  }

  await page.reload();
  await page.getByRole('article', { name: 'Unit 1 of 1' }).waitFor();
  await readOnTo(page, 250);
  await expect.poll(() => highlighted(page)).toEqual([{ text: 'about tokenizers', post: 'Post 250' }]);
  await page.screenshot({ path: 'test-results/unit-pages-quote-250.png' });
  await page.context().close();
});
