import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, loginAs } from './browser.ts';

// Machine-assisted coding on the demo study. Its closed calibration round gives 53 settled
// units to learn from; the main round is open for alice and bob. The model is trained in a
// worker the first time anyone asks for it.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const studyPath = (page: Page) => new URL(page.url()).pathname.match(/^\/studies\/\d+/)![0];
const api = (page: Page, path: string) => page.request.get(`/api${studyPath(page)}${path}`);

async function openStudy(page: Page, tab: string) {
  await page.getByRole('link', { name: /^Demo: Hugging Face forum/ }).click();
  await page.getByRole('navigation', { name: 'Study' }).getByRole('link', { name: tab, exact: true }).click();
}

test('suggestions wait for the first pass; in an assisted round a coder accepts one by keyboard, and it is recorded', async () => {
  const alice = await loginAs(browser, 'alice');
  await openStudy(alice, 'Code');
  await alice.getByRole('article', { name: /^Unit \d+ of \d+$/ }).waitFor();
  const panel = alice.getByRole('region', { name: 'Suggestions' });
  await panel.getByText('Save your own coding first').waitFor();
  const unitId = Number(new URL(alice.url()).searchParams.get('unit'));
  const roundId = Number(new URL(alice.url()).searchParams.get('round'));
  // The server holds the rule, whatever the page shows.
  const refused = await api(alice, `/suggestions/units/${unitId}`);
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe('suggestions.before_first_pass');

  // carol, the owner, makes the main round assisted on the overview.
  const carol = await loginAs(browser, 'carol');
  await openStudy(carol, 'Overview');
  const assisted = carol.getByRole('region', { name: 'Rounds' }).getByLabel('Assisted Main');
  await assisted.check();
  await expect.poll(() => assisted.isChecked()).toBe(true);

  // The model is trained on first request; then find one of alice's units with a suggestion.
  await expect
    .poll(async () => (await (await api(alice, '/suggestions/model')).json()).model?.version ?? null, {
      timeout: 30_000,
    })
    .toBe(1);
  const mine = (await (await api(alice, `/rounds/${roundId}/my-units`)).json()).units as { unitId: number }[];
  let target: { unitId: number; codeId: string } | undefined;
  for (const u of mine) {
    const body = await (await api(alice, `/suggestions/units/${u.unitId}`)).json();
    if (body.suggestions.length) target = { unitId: u.unitId, codeId: body.suggestions[0].codeId };
    if (target) break;
  }
  expect(target).toBeDefined();
  const codes = (await (await api(alice, '/codebook')).json()).codebook.codes as { id: string; name: string }[];
  const codeName = codes.find((c) => c.id === target!.codeId)!.name;

  await alice.goto(`${studyPath(alice)}/code?round=${roundId}&unit=${target!.unitId}`);
  const accept = panel.getByRole('button', { name: `Accept ${codeName}` });
  await accept.waitFor();
  await accept.focus();
  await alice.keyboard.press('Enter');
  // Accepting applies the code and saves the coding.
  const codeButton = alice
    .getByRole('region', { name: 'Codebook' })
    .getByRole('button', { name: new RegExp(codeName) })
    .first();
  await expect.poll(() => codeButton.getAttribute('aria-pressed')).toBe('true');
  await alice.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
  await expect.poll(() => accept.count()).toBe(0);
  const after = await (await api(alice, `/suggestions/units/${target!.unitId}`)).json();
  expect(after.decisions.map((d: { codeId: string; decision: string }) => [d.codeId, d.decision])).toEqual([
    [target!.codeId, 'accepted'],
  ]);
  const coding = (await (await api(alice, `/units/${target!.unitId}`)).json()).coding;
  expect(coding.codeIds).toContain(target!.codeId);
  await alice.screenshot({ path: 'test-results/suggestions-panel.png', fullPage: true });

  // Agreement can leave the assisted units out.
  await carol.getByRole('navigation', { name: 'Study' }).getByRole('link', { name: 'Agreement', exact: true }).click();
  await carol.getByLabel('Leave out assisted units (assisted rounds, accepted suggestions)').click();
  await carol.waitForURL(/assisted=exclude/);
  await expect
    .poll(() => carol.getByLabel('Leave out assisted units (assisted rounds, accepted suggestions)').isChecked())
    .toBe(true);
  await alice.context().close();
  await carol.context().close();
});

test('the evaluation page shows cross-validated scores per code and the unsuggestable codes', async () => {
  const carol = await loginAs(browser, 'carol');
  await openStudy(carol, 'Suggestions');
  const table = carol.getByRole('table', { name: 'Evaluation per code' });
  await table.waitFor({ timeout: 30_000 });
  await table.getByRole('rowheader', { name: 'Expert Opinion and Clarification' }).waitFor();
  await table.getByRole('rowheader', { name: 'Thanks for Solution' }).waitFor();
  await table.getByRole('rowheader', { name: 'Macro average' }).waitFor();
  expect(await carol.getByText(/5-fold cross-validation \(seed 1\) on 53 settled units/).count()).toBe(1);
  // The folds keep threads and copies of a text together, and the page says so.
  expect(await carol.getByText(/in \d+ groups: the units of one thread, and units with the same text/).count()).toBe(1);
  await table.getByRole('columnheader', { name: 'Learned in' }).waitFor();
  const unsuggestable = carol.getByRole('region', { name: 'Unsuggestable codes' });
  expect(await unsuggestable.textContent()).toContain(
    'Dataset Acquisition & Usage: 2 of the 53 labelled units have this code; at least 5 are needed.',
  );
  await carol.screenshot({ path: 'test-results/suggestions-evaluation.png', fullPage: true });
  await carol.context().close();
});

test('a coder can take the remaining units most uncertain first, a page at a time, and j follows that order', async () => {
  const bob = await loginAs(browser, 'bob');
  await openStudy(bob, 'Code');
  await bob.getByRole('article', { name: /^Unit \d+ of \d+$/ }).waitFor();
  const roundId = Number(new URL(bob.url()).searchParams.get('round'));
  // Every request for bob's units, to see that none asks for the whole list.
  const asked: URL[] = [];
  bob.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.endsWith('/my-units')) asked.push(url);
  });
  await bob.getByLabel('Order').selectOption('uncertainty');
  await expect
    .poll(
      async () =>
        (await (await api(bob, `/suggestions/rounds/${roundId}/queue?order=uncertainty`)).json()).modelVersion,
      { timeout: 30_000 },
    )
    .not.toBeNull();
  const queue = (await (await api(bob, `/suggestions/rounds/${roundId}/queue?order=uncertainty`)).json()).units as {
    unitId: number;
  }[];
  const links = bob.getByRole('navigation', { name: 'Your units' }).getByRole('link');
  await expect
    .poll(() => links.first().getAttribute('href'), { timeout: 15_000 })
    .toContain(`unit=${queue[0]!.unitId}`);
  expect(await links.nth(1).getAttribute('href')).toContain(`unit=${queue[1]!.unitId}`);
  // The unit open before stays open (at its place in this order); the first in the list opens on a click.
  await links.first().click();
  await bob.getByRole('article', { name: /^Unit 1 of \d+$/ }).waitFor();
  expect(new URL(bob.url()).searchParams.get('unit')).toBe(String(queue[0]!.unitId));
  await bob.keyboard.press('j');
  await bob.getByRole('article', { name: /^Unit 2 of \d+$/ }).waitFor();
  expect(new URL(bob.url()).searchParams.get('unit')).toBe(String(queue[1]!.unitId));
  const ranked = asked.filter((u) => u.searchParams.get('order') === 'uncertainty');
  expect(ranked.length).toBeGreaterThan(0);
  for (const u of asked) expect(u.searchParams.get('limit')).toBe('200');
  expect(new Set(ranked.map((u) => u.searchParams.get('rankedAt'))).size).toBe(1);
  await bob.screenshot({ path: 'test-results/suggestions-uncertain-order.png' });
  await bob.context().close();
});

test('after a retraining the coder keeps the ranking begun, is told a newer one is there, and ranks again with R', async () => {
  const bob = await loginAs(browser, 'bob');
  await openStudy(bob, 'Code');
  await bob.getByRole('article', { name: /^Unit \d+ of \d+$/ }).waitFor();
  const asked: URL[] = [];
  bob.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.endsWith('/my-units')) asked.push(url);
  });
  await bob.getByLabel('Order').selectOption('uncertainty');
  const modelVersion = async () => (await (await api(bob, '/suggestions/model')).json()).model?.version ?? null;
  await expect.poll(modelVersion, { timeout: 30_000 }).not.toBeNull();
  const began = (await modelVersion()) as number;
  const links = bob.getByRole('navigation', { name: 'Your units' }).getByRole('link');
  await links.first().waitFor();
  await expect.poll(() => asked.some((u) => u.searchParams.get('modelVersion') === String(began))).toBe(true);
  const note = bob.getByRole('status').filter({ hasText: 'The model was retrained' });
  expect(await note.count()).toBe(0);

  // carol, the owner, retrains the model on the Suggestions tab.
  const carol = await loginAs(browser, 'carol');
  await openStudy(carol, 'Suggestions');
  await carol.getByRole('button', { name: 'Retrain now' }).click();
  await expect.poll(modelVersion, { timeout: 30_000 }).toBe(began + 1);

  // bob codes a unit; the pages come again, still in the order of the version the ranking began with.
  await links.first().click();
  await bob.getByRole('article', { name: /^Unit 1 of \d+$/ }).waitFor();
  await bob.keyboard.press('1');
  await bob.keyboard.press('Enter');
  await bob.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
  await note.waitFor({ timeout: 15_000 });
  expect(await note.textContent()).toContain(
    `The model was retrained (version ${began + 1}); your units keep version ${began}’s order.`,
  );
  expect(
    asked
      .filter((u) => u.searchParams.has('rankedAt'))
      .every((u) => u.searchParams.get('modelVersion') === String(began)),
  ).toBe(true);
  await bob.screenshot({ path: 'test-results/suggestions-newer-ranking.png' });

  // An R typed in the memo is text: the ranking stays.
  const rankings = () => asked.filter((u) => !u.searchParams.has('rankedAt')).length;
  const rankingsBefore = rankings();
  await bob.keyboard.press('m');
  await bob.keyboard.type('Rare R');
  await bob.keyboard.press('Escape');
  expect(await bob.getByLabel('Memo').inputValue()).toContain('Rare R');
  expect(await note.count()).toBe(1);
  expect(rankings()).toBe(rankingsBefore);

  // Shift+R ranks again: the note goes and the pages follow the retrained model.
  await bob.keyboard.press('Shift+R');
  await expect.poll(() => note.count(), { timeout: 15_000 }).toBe(0);
  await expect
    .poll(() => asked.some((u) => u.searchParams.get('modelVersion') === String(began + 1)), { timeout: 15_000 })
    .toBe(true);
  await bob.screenshot({ path: 'test-results/suggestions-ranked-again.png' });
  await bob.context().close();
  await carol.context().close();
});

test('a ranking replaced in another tab says so where it was paged, and Rank again starts afresh', async () => {
  const bob = await loginAs(browser, 'bob');
  await openStudy(bob, 'Code');
  await bob.getByLabel('Order').selectOption('uncertainty');
  const links = bob.getByRole('navigation', { name: 'Your units' }).getByRole('link');
  await links.first().waitFor();
  const modelVersion = async () => (await (await api(bob, '/suggestions/model')).json()).model?.version ?? null;
  await expect.poll(modelVersion, { timeout: 30_000 }).not.toBeNull();
  const began = (await modelVersion()) as number;

  // carol retrains; bob ranks afresh in a second tab, which drops the first tab's ranking.
  const carol = await loginAs(browser, 'carol');
  await openStudy(carol, 'Suggestions');
  await carol.getByRole('button', { name: 'Retrain now' }).click();
  await expect.poll(modelVersion, { timeout: 30_000 }).toBe(began + 1);
  const second = await bob.context().newPage();
  await second.goto(bob.url());
  await second.getByRole('navigation', { name: 'Your units' }).getByRole('link').first().waitFor();

  // Back in the first tab, a save brings its pages again: the server no longer pages that ranking.
  await links.first().click();
  await bob.getByRole('article', { name: /^Unit 1 of \d+$/ }).waitFor();
  await bob.keyboard.press('2');
  await bob.keyboard.press('Enter');
  const note = bob.getByRole('status').filter({ hasText: 'You ranked your units again elsewhere' });
  await note.waitFor({ timeout: 15_000 });
  expect(await note.textContent()).toBe('You ranked your units again elsewhere; this ranking is gone. Rank again R');
  await bob.screenshot({ path: 'test-results/suggestions-ranking-replaced.png' });
  await note.getByRole('button', { name: /Rank again/ }).click();
  await expect.poll(() => note.count(), { timeout: 15_000 }).toBe(0);
  await bob.context().close();
  await carol.context().close();
});
