import { readFile } from 'node:fs/promises';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, loginAs } from './browser.ts';

// carol owns the demo study, whose forum sample mentions BERT in many spellings ("BERT",
// "bert-base-uncased", "RoBERTa", "DistilBERT"). She adds a keyword group and changes its
// matching rules; the groups table, the chart's legend and the CSV follow each change.
const optionLabel = async (scope: Locator, name: RegExp) =>
  (await scope.getByRole('option').allTextContents()).find((o) => name.test(o));

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

test('carol chooses the matching rules of a keyword group and sees the mention counts change', async () => {
  const page = await loginAs(browser, 'carol');
  await page.getByRole('link', { name: /^Demo: Hugging Face forum/ }).click();
  await page.getByRole('navigation', { name: 'Study' }).getByRole('link', { name: 'Analysis' }).click();
  const section = page.getByRole('region', { name: 'Mention trends' });
  const form = section.getByRole('form', { name: 'New keyword group' });
  await form.getByLabel('Group name').fill('BERT family');
  await form.getByLabel('Terms and aliases (comma-separated)').fill('bert');
  await form.getByRole('button', { name: 'Add group' }).click();

  const table = section.getByRole('table', { name: 'Mentions per keyword group' });
  const row = table.getByRole('row', { name: /^BERT family/ });
  const cells = async () => (await row.getByRole('cell').allTextContents()).join(' | ');
  const legend = section.getByRole('list', { name: /legend$/ });
  await expect.poll(cells).toBe('bert | whole words, stemmed; any case; own words only | 16');
  expect(await legend.textContent()).toBe('BERT family (whole words, stemmed; any case; own words only)');

  const edit = async (rules: (f: typeof form) => Promise<void>) => {
    await section.getByRole('button', { name: 'Edit BERT family' }).click();
    const editForm = section.getByRole('form', { name: 'Edit BERT family' });
    await rules(editForm);
    await editForm.getByRole('button', { name: 'Save' }).click();
    await editForm.waitFor({ state: 'detached' });
  };
  // Anywhere in words: "RoBERTa" and "DistilBERT" count too.
  await edit(async (f) => {
    await f.getByLabel('Match').selectOption({ label: 'anywhere in words' });
  });
  await expect.poll(cells).toBe('bert | anywhere in words; any case; own words only | 29');
  expect(await legend.textContent()).toBe('BERT family (anywhere in words; any case; own words only)');

  // Whole words as written, case-sensitive, "BERT": "bert-base-uncased" no longer counts.
  await edit(async (f) => {
    await f.getByLabel('Terms and aliases (comma-separated)').fill('BERT');
    await f.getByLabel('Match').selectOption({ label: 'whole words as written' });
    await f.getByLabel('Case-sensitive').check();
  });
  await expect.poll(cells).toBe('BERT | whole words as written; case-sensitive; own words only | 8');
  await section.screenshot({ path: 'test-results/mention-rules.png' });

  const download = page.waitForEvent('download');
  await section.getByRole('link', { name: 'Mentions CSV' }).click();
  const csv = await readFile((await (await download).path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toBe('period,period_start,period_end,group,terms,matching,posts_mentioning,posts,share');
  expect(csv).toContain(',BERT family,BERT,whole words as written; case-sensitive; own words only,');

  // Stored as a series set, the mentions keep the rules: the pair chart's legend names them.
  const outside = page.getByRole('region', { name: 'Outside series' });
  await outside.getByRole('button', { name: 'Add mentions as series' }).click();
  const compare = outside.getByRole('region', { name: 'Compare series' });
  await compare.waitFor();
  const setName = /topics by creation month mentioning each keyword group/;
  await compare
    .getByLabel('Left series (e.g. forum mentions)')
    .selectOption({ label: (await optionLabel(compare, setName))! });
  await compare
    .getByLabel('Right series (e.g. Hub models)')
    .selectOption({ label: (await optionLabel(compare, setName))! });
  const pairLegend = compare.getByRole('figure', { name: 'BERT family vs BERT family, per month' }).getByRole('list');
  await expect
    .poll(() => pairLegend.getByRole('listitem').first().textContent())
    .toMatch(/^BERT family — .*; matched: whole words as written; case-sensitive; own words only \(left axis\)$/);
  await outside.screenshot({ path: 'test-results/mention-rules-pair.png' });
  await page.context().close();
});
