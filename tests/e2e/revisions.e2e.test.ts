import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, loginAs, serverDbPath } from './browser.ts';
import { runCli } from './xss-seed.ts';

// The forum edits a post alice and bob coded in the demo's closed calibration round (now in
// adjudication); the operator imports the forum again. Alice and carol still read the text as
// coded, told that it was edited since, with a word diff one click away.

interface Topic {
  id: number;
  post_stream: { posts: { id: number; cooked: string }[] };
}

let browser: Browser;
let unit: { studyId: number; roundId: number; unitId: number; topic: string; post: string };
beforeAll(async () => {
  browser = await launchBrowser();
  const db = new Database(serverDbPath(), { readonly: true });
  unit = db
    .prepare(
      `SELECT u.study_id AS studyId, u.round_id AS roundId, u.id AS unitId, t.external_id AS topic, p.external_id AS post
       FROM adjudications a JOIN units u ON u.id = a.unit_id JOIN posts p ON p.id = u.post_id JOIN threads t ON t.id = u.thread_id
       WHERE a.status = 'open' ORDER BY u.position LIMIT 1`,
    )
    .get() as typeof unit;
  db.close();
});
afterAll(() => browser?.close());

const edit = ' EDITED: the forum changed this sentence after it was coded.';

async function reimportWithEditedPost(dir: string) {
  const root = resolve(import.meta.dirname, '../..');
  const dump = JSON.parse(readFileSync(join(root, 'data/demo/hf-forum-sample.json'), 'utf8')) as Topic[];
  const post = dump
    .find((t) => String(t.id) === unit.topic)!
    .post_stream.posts.find((p) => String(p.id) === unit.post)!;
  post.cooked = `${post.cooked}<p>${edit.trim()}</p>`;
  const file = join(dir, 'edited.json');
  writeFileSync(file, JSON.stringify(dump));
  const args = ['import', file, '--source', 'Hugging Face forum (demo sample)', '--format', 'discourse'];
  const run = await runCli(serverDbPath(), [...args, '--base-url', 'https://discuss.huggingface.co']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
}

async function seeNoticeAndDiff(page: Page, shot: string) {
  const notice = page.getByRole('region', { name: 'Edited since coded' });
  await notice.waitFor();
  await notice.getByRole('button', { name: 'Show changes' }).click();
  const diff = notice.getByLabel('Changes since coded');
  await expect
    .poll(() => diff.locator('ins').allTextContents())
    .toEqual([expect.stringContaining('EDITED: the forum changed this sentence after it was coded.')]);
  expect(await diff.locator('del').count()).toBe(0);
  await page.screenshot({ path: `test-results/${shot}`, fullPage: true });
}

test('a post edited on the forum after coding shows "edited since coded" to the coder and the adjudicator', async () => {
  await reimportWithEditedPost(join(serverDbPath(), '..'));

  const alice = await loginAs(browser, 'alice');
  await alice.goto(`/studies/${unit.studyId}/code?round=${unit.roundId}&unit=${unit.unitId}`);
  await seeNoticeAndDiff(alice, 'revisions-coding.png');
  // The unit's post itself is still the text alice coded.
  const unitPost = alice.getByRole('article', { name: /\(the unit\)$/ });
  expect(await unitPost.textContent()).not.toContain('EDITED');
  await alice.context().close();

  const carol = await loginAs(browser, 'carol');
  await carol.goto(`/studies/${unit.studyId}/adjudicate?unit=${unit.unitId}`);
  await seeNoticeAndDiff(carol, 'revisions-adjudication.png');
  expect(await carol.getByRole('article', { name: /^Coded post/ }).textContent()).not.toContain('EDITED');
  await carol.context().close();
});
