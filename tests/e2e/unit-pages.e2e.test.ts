import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openDb } from '../../apps/api/src/db/open.ts';
import { closeRound } from '../../apps/api/src/db/close-round.ts';
import { saveCoding } from '../../apps/api/src/db/codings.ts';
import { addMember, insertStudy } from '../../apps/api/src/db/studies.ts';
import { insertUnits } from '../../apps/api/src/db/units.ts';
import { insertForum, insertTemplateCodebook, pinCodebook } from '../support/forum.ts';
import { addStudyCast, testPassword } from '../support/test-app.ts';
import { launchBrowser, loginAs, serverDbPath } from './browser.ts';

// A thread unit of 320 posts comes a page at a time on the coding screen: cora reads on to
// post 250 (a later page), selects words there, attaches them as a quote, stored with their
// offsets in the whole unit's text; after a reload the quote's "Show in text" loads its page and
// highlights it. On the adjudication screen a disputed thread unit of the same posts opens with
// its first page, and " (the key to the next quote) loads post 250's page with the quote highlighted.

const texts = Array.from({ length: 320 }, (_, i) =>
  i % 7 === 0 ? `Post ${i + 1} 🚀 reports a crash with tokenizers.` : `Post ${i + 1} asks about tokenizers.`,
);

const whole = texts.join('\n\n');
/** Where 'about tokenizers' of post 250 starts in the whole unit's text, in code points. */
const quoteStart = Array.from(
  whole.slice(0, whole.indexOf('Post 250 asks about tokenizers.') + 'Post 250 asks '.length),
).length;

let browser: Browser;
let studyId: number;
let unitId: number;
let disputedStudyId: number;
let laterRevisionStudyId: number;
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
    disputedStudyId = disputedThreadUnit(db, ids, threadId);
    laterRevisionStudyId = disputedThreadUnit(db, ids, threadId, 'Quote on a later revision');
    // Cody's coding, with a quote, as if made after the forum edited the thread (revision 2): its
    // offsets are into that text, not into the text as first coded that the adjudicator reads.
    const later = db
      .prepare('SELECT c.id FROM codings c JOIN units u ON u.id = c.unit_id WHERE u.study_id = ? AND c.coder_id = ?')
      .pluck()
      .get(laterRevisionStudyId, ids.cody) as number;
    db.prepare('UPDATE codings SET revision = 2 WHERE id = ?').run(later);
    db.prepare(
      "UPDATE coding_labels SET quote = 'reports a crash', quote_start = 9, quote_end = 24 WHERE coding_id = ?",
    ).run(later);
  } finally {
    db.close();
  }
});
afterAll(() => browser?.close());

/** A second study of the same thread as one unit, which cora (quoting post 250) and cody coded differently; its round closed. */
function disputedThreadUnit(
  db: ReturnType<typeof openDb>,
  ids: Record<string, number>,
  threadId: number,
  name = 'Disputed thread unit',
): number {
  const id = insertStudy(db, { name, description: '', unitKind: 'thread', labelMode: 'multi', blind: true }, ids.owen!);
  addMember(db, id, ids.cora!, 'coder');
  addMember(db, id, ids.cody!, 'coder');
  addMember(db, id, ids.ada!, 'adjudicator');
  const codebook = insertTemplateCodebook(db);
  pinCodebook(db, id, codebook);
  const roundId = db.prepare('SELECT id FROM rounds WHERE study_id = ?').pluck().get(id) as number;
  const [disputed] = insertUnits(
    db,
    id,
    roundId,
    [{ threadId, postId: null, coderIds: [ids.cora!, ids.cody!] }],
    ids.owen!,
    {},
  );
  const quote = { text: 'about tokenizers', start: quoteStart, end: quoteStart + 16 };
  const coding = { memo: '', unsure: false };
  saveCoding(db, id, disputed!, ids.cora!, codebook.versionId, {
    ...coding,
    codeIds: ['model-usage'],
    quotes: { 'model-usage': quote },
  });
  saveCoding(db, id, disputed!, ids.cody!, codebook.versionId, { ...coding, codeIds: ['documentation'], quotes: {} });
  closeRound(db, id, roundId, ids.owen!);
  return id;
}

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
  const start = quoteStart;
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

  // After a reload the unit opens at its first page again; the quote's link brings its page.
  await page.reload();
  await page.getByRole('article', { name: 'Unit 1 of 1' }).waitFor();
  expect(await pane.getByRole('article').count()).toBe(100);
  expect(await highlighted(page)).toEqual([]);
  await page.getByRole('button', { name: /^Show the quote of .* in the text$/ }).click();
  await expect.poll(() => highlighted(page)).toEqual([{ text: 'about tokenizers', post: 'Post 250' }]);
  // The page around post 250 (217–316) replaced the first, and the quote is in view in the pane.
  expect(await pane.getByRole('article').first().getAttribute('aria-label')).toBe('Post 217');
  expect(await pane.getByRole('article').count()).toBe(100);
  await expect.poll(() => quoteInView(page, 'Posts of the thread')).toBe(true);
  await page.screenshot({ path: 'test-results/unit-pages-quote-250.png' });
  // Earlier posts come back above the button pressed, and post 217 stays where the reader saw it.
  const top217 = () =>
    post(page, 217).evaluate(
      (el) => el.getBoundingClientRect().top - el.closest('section')!.getBoundingClientRect().top,
    );
  await pane.getByRole('button', { name: 'Show earlier posts' }).focus();
  const before = await top217();
  await page.keyboard.press('Enter');
  await post(page, 117).waitFor();
  expect(Math.abs((await top217()) - before)).toBeLessThan(2);
  await page.context().close();
});

/** Whether the highlighted quote lies inside the visible part of the scroll region named `pane`. */
const quoteInView = (page: Page, pane: string) =>
  page.evaluate((name) => {
    const range = [...(CSS.highlights.get('quote') ?? [])][0] as Range | undefined;
    const box = document.querySelector(`section[aria-label="${name}"]`)!.getBoundingClientRect();
    const at = range?.getBoundingClientRect();
    return at !== undefined && at.top >= box.top && at.bottom <= box.bottom;
  }, pane);

test('adjudicating a thread unit of 320 posts: the first page, then " loads the disputed quote’s page in post 250 and highlights it', async () => {
  const page = await loginAs(browser, 'ada', testPassword);
  await page.goto(`/studies/${disputedStudyId}/adjudicate`);
  await page.getByRole('list', { name: 'Units in adjudication' }).getByRole('button').first().waitFor();
  // j opens the queue's one unit.
  await page.keyboard.press('j');
  await page.getByRole('heading', { level: 2, name: /A thread of 320 posts/ }).waitFor();
  const pane = page.getByRole('region', { name: 'Post in context' });
  await pane.getByRole('article', { name: /^Coded post 1 by/ }).waitFor();
  expect(await pane.getByRole('article').count()).toBe(100);
  expect(await pane.getByRole('button', { name: 'Show later posts' }).count()).toBe(1);
  await page.screenshot({ path: 'test-results/adjudication-thread-first-page.png' });

  await page.keyboard.press('"');
  await expect
    .poll(() => highlighted(page))
    .toEqual([{ text: 'about tokenizers', post: expect.stringMatching(/^Coded post 250 by/) }]);
  expect(await pane.getByRole('article').first().getAttribute('aria-label')).toMatch(/^Coded post 217 by/);
  await expect.poll(() => quoteInView(page, 'Post in context')).toBe(true);
  await page.screenshot({ path: 'test-results/adjudication-thread-quote-250.png' });
  // Reading on from there reaches the thread's last post.
  await pane.getByRole('button', { name: 'Show later posts' }).click();
  await pane.getByRole('article', { name: /^Coded post 320 by/ }).waitFor();
  await page.context().close();
});

test('a coder’s quote made on a later revision of the thread is listed, but neither shown nor highlighted in the text as first coded', async () => {
  const page = await loginAs(browser, 'ada', testPassword);
  await page.goto(`/studies/${laterRevisionStudyId}/adjudicate`);
  await page.getByRole('list', { name: 'Units in adjudication' }).getByRole('button').first().waitFor();
  await page.keyboard.press('j');
  const pane = page.getByRole('region', { name: 'Post in context' });
  await pane.getByRole('article', { name: /^Coded post 1 by/ }).waitFor();
  const cody = page.getByRole('region', { name: /^Coding by cody/ });
  expect(await cody.getByRole('button', { name: /^Show the quote of/ }).count()).toBe(0);
  await cody.getByText('Made on a later version of the text (revision 2); not shown here.').waitFor();
  // " goes to cora's quote, the one made on this text, and stays there.
  await page.keyboard.press('"');
  await expect
    .poll(() => highlighted(page))
    .toEqual([{ text: 'about tokenizers', post: expect.stringMatching(/^Coded post 250 by/) }]);
  await page.keyboard.press('"');
  await expect.poll(() => quoteInView(page, 'Post in context')).toBe(true);
  expect(await highlighted(page)).toEqual([
    { text: 'about tokenizers', post: expect.stringMatching(/^Coded post 250 by/) },
  ]);
  await cody.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/adjudication-quote-later-revision.png' });
  await page.context().close();
});
