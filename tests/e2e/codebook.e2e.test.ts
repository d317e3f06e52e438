import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, loginAs } from './browser.ts';

// The demo study has the HF template codebook pinned, and carol owns it.
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

test('carol edits a definition, merges two codes, reads the diff in the history and exports .qdc', async () => {
  const page = await loginAs(browser, 'carol');
  await page.getByRole('link', { name: /^Demo: Hugging Face forum/ }).click();
  await page.getByRole('navigation', { name: 'Study' }).getByRole('link', { name: 'Codebook' }).click();
  const tree = page.getByRole('list', { name: 'Codes' });
  await tree.waitFor();
  const history = page.getByRole('region', { name: 'Version history' });
  // One row per version under the header: the edit makes version latest + 1, the merge latest + 2.
  const latest = (await history.getByRole('table', { name: 'Versions' }).getByRole('row').count()) - 1;

  // Edit a definition, with a why.
  await tree.getByRole('button', { name: 'Dataset Acquisition & Usage', exact: true }).click();
  const form = page.getByRole('form', { name: 'Edit Dataset Acquisition & Usage' });
  await form.getByLabel('Definition').fill('Finding, licensing or loading a dataset to train or evaluate a model.');
  await form.getByLabel(/^Why/).fill('Coders asked whether licensing questions belong here.');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await form.getByRole('status').filter({ hasText: 'Saved as a new version' }).waitFor();

  // Merge two codes through the dialog.
  await tree.getByRole('button', { name: 'Onboarding', exact: true }).click();
  await page.getByRole('button', { name: 'Merge…' }).click();
  const merge = page.getByRole('dialog', { name: 'Merge Onboarding with…' });
  await merge.getByRole('checkbox', { name: 'Challenge › Other Issues' }).check();
  await merge.getByLabel(/^Why/).fill('Calibration showed coders could not tell them apart.');
  await merge.getByRole('button', { name: 'Merge' }).click();
  await merge.waitFor({ state: 'detached' });
  await expect.poll(() => tree.getByRole('button', { name: 'Other Issues', exact: true }).count()).toBe(0);

  // The new version is in the history, with who and why, and its diff.
  const row = history.getByRole('row').filter({ hasText: 'Calibration showed coders could not tell them apart.' });
  await row.waitFor();
  expect(await row.getByRole('rowheader').textContent()).toContain(String(latest + 2));
  expect(await row.textContent()).toContain('Carol');
  const diff = history.getByRole('region', { name: `Changes from version ${latest + 1} to version ${latest + 2}` });
  await diff.waitFor();
  expect(await diff.textContent()).toMatch(/removed\s*Other Issues/);

  // Export the latest version as REFI-QDA .qdc.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Export .qdc' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`-v${latest + 2}\\.qdc$`));
  const xml = readFileSync((await download.path())!, 'utf8');
  expect(xml.split('\n')[1]).toMatch(/^<CodeBook xmlns="urn:QDA-XML:codebook:1\.0" origin="Threadcoder">$/);
  expect(xml).toContain('name="Onboarding"');
  expect(xml).not.toContain('name="Other Issues"');
  expect(xml).toContain('Finding, licensing or loading a dataset to train or evaluate a model.');

  // The screenshot shows the definition edit's diff.
  await page.getByRole('button', { name: `Changes in version ${latest + 1}` }).click();
  await history.getByRole('region', { name: `Changes from version ${latest} to version ${latest + 1}` }).waitFor();
  await page.screenshot({ path: 'test-results/codebook.png', fullPage: true });
  await page.context().close();
});

test('carol drags a code onto another to nest it, saying why', async () => {
  const page = await loginAs(browser, 'carol');
  await page.getByRole('link', { name: /^Demo: Hugging Face forum/ }).click();
  await page.getByRole('navigation', { name: 'Study' }).getByRole('link', { name: 'Codebook' }).click();
  const tree = page.getByRole('list', { name: 'Codes' });
  const row = (name: string) =>
    tree.getByRole('listitem').filter({ has: page.getByRole('button', { name, exact: true }) });
  await row('People from Other Domains').dragTo(row('Call for collaboration'));
  const dialog = page.getByRole('dialog', { name: 'Move People from Other Domains' });
  expect(await dialog.getByLabel('Move to…').inputValue()).toBe('call-for-collaboration');
  await dialog.getByLabel(/^Why/).fill('People from other domains mostly call for collaboration.');
  await dialog.getByRole('button', { name: 'Move' }).click();
  await dialog.waitFor({ state: 'detached' });
  // Nested one level deeper than its old siblings.
  await expect
    .poll(async () => {
      const [moved, sibling] = await Promise.all([
        row('People from Other Domains').evaluate((li) => getComputedStyle(li).paddingLeft),
        row('Announcements').evaluate((li) => getComputedStyle(li).paddingLeft),
      ]);
      return parseFloat(moved) > parseFloat(sibling);
    })
    .toBe(true);
  await page.context().close();
});
