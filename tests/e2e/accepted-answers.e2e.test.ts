import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, loginAs } from './browser.ts';

// The demo forum marks 23 of its 40 topics solved (the Solved plugin's accepted_answer), and two
// helpers are staff: tensorcat (Hugging Face staff) and annaklein (moderator).
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const solvedTitle = "OSError: Can't load config for 'bert-base-uncased' on a cluster without internet";

async function openStudy(page: Page): Promise<number> {
  await page.getByRole('link', { name: /^Demo: Hugging Face forum/ }).click();
  await page.waitForURL(/\/studies\/\d+/);
  return Number(/\/studies\/(\d+)/.exec(page.url())![1]);
}

test('the thread browser filters by accepted answer; the thread page shows the badge and the author standing', async () => {
  const page = await loginAs(browser, 'alice');
  await page.getByRole('link', { name: 'Threads', exact: true }).first().click();
  const status = page.locator('.thread-list').getByRole('status');
  await expect.poll(() => status.textContent()).toBe('40 threads');
  await page.getByLabel('Accepted answer').selectOption('yes');
  await expect.poll(() => status.textContent()).toBe('23 threads');
  expect(new URL(page.url()).searchParams.get('solved')).toBe('yes');
  await page.getByRole('listitem').first().getByText('Solved').waitFor();
  await page.screenshot({ path: 'test-results/accepted-thread-list.png' });

  await page.getByLabel('Search titles and posts').fill('"cluster without internet"');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect.poll(() => status.textContent()).toBe('1 thread');
  await page.getByRole('link', { name: solvedTitle }).click();
  await page.getByRole('heading', { level: 1, name: `${solvedTitle} Solved` }).waitFor();
  const answer = page.getByRole('article', { name: 'Post 2 by tensorcat' });
  await answer.getByText('✓ Accepted answer').waitFor();
  expect(await answer.locator('.standing').allTextContents()).toEqual(['staff', 'huggingface', 'Hugging Face Staff']);
  // The asker's posts carry neither.
  const question = page.getByRole('article', { name: 'Post 1 by dvolkov' });
  expect(await question.locator('.standing, .badge-accepted').count()).toBe(0);
  await page.screenshot({ path: 'test-results/accepted-thread-page.png', fullPage: true });
  await page.context().close();
});

test('carol draws only accepted answers; alice sees the badge on the coding screen; Analysis splits the counts', async () => {
  const carol = await loginAs(browser, 'carol');
  const studyId = await openStudy(carol);
  const draw = carol.getByRole('form', { name: 'Draw a sample' });
  const posts = draw.getByLabel('Posts to draw');
  await posts.waitFor();
  // The calibration round already holds some accepted answers: the option counts those still available.
  const option = await posts.locator('option[value="accepted"]').textContent();
  const available = Number(/\((\d+)\)/.exec(option ?? '')?.[1]);
  expect(available).toBeGreaterThan(3);
  await posts.selectOption('accepted');
  await draw.getByLabel('Size').fill('3');
  await draw.getByRole('button', { name: 'Draw sample' }).click();
  await draw
    .getByRole('status', { name: 'Draw result' })
    .getByText(`Drew 3 units from ${available} available`)
    .waitFor();

  // alice codes in the Main round: its last three units are the accepted answers just drawn.
  const alice = await loginAs(browser, 'alice');
  await openStudy(alice);
  await alice.getByRole('navigation', { name: 'Study' }).getByRole('link', { name: 'Code', exact: true }).click();
  await alice.getByRole('article', { name: /^Unit \d+ of \d+$/ }).waitFor();
  const { rounds } = (await (await alice.request.get(`/api/studies/${studyId}/rounds`)).json()) as {
    rounds: { id: number; name: string }[];
  };
  const main = rounds.find((r) => r.name === 'Main')!;
  const { units } = (await (await alice.request.get(`/api/studies/${studyId}/rounds/${main.id}/my-units`)).json()) as {
    units: { unitId: number }[];
  };
  const codeUrl = new URL(alice.url());
  codeUrl.searchParams.set('unit', String(units.at(-1)!.unitId));
  await alice.goto(codeUrl.toString());
  const unitPost = alice.getByRole('article', { name: /^Post \d+ \(the unit\)$/ });
  await unitPost.getByText('✓ Accepted answer').waitFor();
  await alice.locator('.thread-facts').getByText('Solved').waitFor();
  await alice.screenshot({ path: 'test-results/accepted-coding-screen.png' });
  await alice.context().close();

  // Analysis: the counts split by accepted answers, as the API computed them.
  await carol.getByRole('navigation', { name: 'Study' }).getByRole('link', { name: 'Analysis' }).click();
  await carol.getByRole('table', { name: 'Counts' }).waitFor();
  await carol.getByLabel('Split by').selectOption('accepted');
  const split = carol.getByRole('table', { name: 'Accepted answers vs other posts' });
  await split.waitFor();
  const api = (await (
    await carol.request.get(`/api/studies/${studyId}/analysis/counts?granularity=quarter&split=accepted`)
  ).json()) as {
    rows: { id: string; name: string }[];
    split: {
      groups: { label: string; codedUnits: number }[];
      codes: Record<string, { units: number; share: number }[]>;
    };
  };
  const [accepted, other] = api.split.groups;
  expect(accepted!.codedUnits).toBeGreaterThan(0);
  expect(await split.getByRole('columnheader').allTextContents()).toEqual([
    'Code',
    `Accepted answers of ${accepted!.codedUnits}`,
    `Other posts of ${other!.codedUnits}`,
  ]);
  const row = api.rows.find((r) => (api.split.codes[r.id]?.[0]?.units ?? 0) > 0)!;
  const [a, b] = api.split.codes[row.id]!;
  const cells = split
    .getByRole('row')
    .filter({ has: carol.getByRole('rowheader', { name: row.name, exact: true }) })
    .getByRole('cell');
  const shown = (c: { units: number; share: number }) =>
    c.units ? `${c.units} (${(c.share * 100).toFixed(1)}%)` : '0';
  expect(await cells.allTextContents()).toEqual([shown(a!), shown(b!)]);
  expect(await carol.getByRole('link', { name: 'Counts CSV' }).getAttribute('href')).toContain('split=accepted');
  await split.screenshot({ path: 'test-results/accepted-split-counts.png' });

  // The forum descriptives: 23 of 40 topics solved; 20 of 148 posts by staff.
  const forum = carol.getByRole('region', { name: 'The forum' });
  await forum.getByText('23 topics (57.5%) have an accepted answer.').waitFor();
  await forum
    .getByText('20 posts (13.5%) are by forum staff (admins, moderators, staff), 128 by other users.', { exact: false })
    .waitFor();
  await forum.screenshot({ path: 'test-results/accepted-forum-descriptives.png' });
  await carol.context().close();
});
