import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, loginAs } from './browser.ts';

// A replication of the Hugging Face forum study (SANER 2024) on the demo: the study's complete
// 84-code codebook, coded by keyboard only through the 20 units of the open round "Main" with
// type-to-filter (`/`, words, Enter), sub-codes and categories applied on their own.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const codebook = (page: Page) => page.getByRole('region', { name: 'Codebook' });
const applied = (page: Page) => codebook(page).locator('button[aria-pressed="true"] .code-name');
const unitNumber = (page: Page) => new URL(page.url()).searchParams.get('unit');

// What the coder types for each unit, and the code each query puts on top (sub-codes and whole categories).
const queries: [string, string][] = [
  ['tokeniz', 'Tokenization'],
  ['colab google', 'Google Colab'],
  ['onnx', 'Model Converting (ONNX Library)'],
  ['memory', 'Memory & Performance'],
  ['THANKS sol', 'Thanks for Solution'],
  ['onboárding', 'Onboarding'],
];

test('alice codes 20 units with the 84-code codebook by keyboard only', async () => {
  const alice = await loginAs(browser, 'alice');
  await alice.getByRole('link', { name: /^Demo: Hugging Face forum/ }).click();
  await alice.getByRole('navigation', { name: 'Study' }).getByRole('link', { name: 'Code', exact: true }).click();
  await alice.getByRole('article', { name: /^Unit 1 of 20$/ }).waitFor();
  expect(await codebook(alice).locator('button.code-toggle').count()).toBe(84);
  // Categories with sub-codes say they can be applied on their own.
  expect(await codebook(alice).getByText('category only').count()).toBe(15);

  for (let i = 0; i < 20; i++) {
    const [query, name] = queries[i % queries.length]!;
    await alice.getByRole('article', { name: new RegExp(`^Unit ${i + 1} of 20$`) }).waitFor();
    await alice.keyboard.press('/');
    await alice.keyboard.type(query);
    await codebook(alice).getByText(`Enter applies ${name}`).waitFor();
    if (i === 3) await alice.screenshot({ path: 'test-results/replication-filter.png' });
    await alice.keyboard.press('Enter');
    await expect.poll(() => applied(alice).allTextContents()).toEqual([name]);
    // Esc in the filter clears it and leaves the codes as they are.
    await alice.keyboard.press('/');
    await alice.keyboard.type('zzz');
    await alice.keyboard.press('Escape');
    expect(await alice.getByRole('searchbox', { name: 'Filter codes' }).inputValue()).toBe('');
    const before = unitNumber(alice);
    await alice.keyboard.press('Enter');
    if (i < 19) await alice.waitForFunction((unit) => new URL(location.href).searchParams.get('unit') !== unit, before);
  }
  await alice.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
  const marks = alice.getByRole('navigation', { name: 'Your units' }).locator('.unit-marks .visually-hidden');
  await expect.poll(async () => (await marks.allTextContents()).filter((m) => m === 'coded').length).toBe(20);
  await alice.screenshot({ path: 'test-results/replication-coded.png' });
  await alice.context().close();
});

test('carol reads our counts beside the reported ones, and the taxonomy roll-up', async () => {
  const carol = await loginAs(browser, 'carol');
  await carol.getByRole('link', { name: /^Demo: Hugging Face forum/ }).click();
  await carol.getByRole('navigation', { name: 'Study' }).getByRole('link', { name: 'Analysis' }).click();
  const challenge = carol.getByRole('table', { name: 'Challenge beside the published study' });
  await challenge.waitFor();
  expect(await challenge.getByRole('row').count()).toBe(1 + 17 + 1);
  const model = challenge.getByRole('row', { name: /^Model Usage and Understanding/ });
  expect(await model.getByRole('cell').first().textContent()).toBe('106');
  expect(await model.getByRole('cell').nth(1).textContent()).toBe('14.4%');
  const benefit = carol.getByRole('table', { name: 'Benefit beside the published study' });
  expect(await benefit.getByRole('row', { name: /^All/ }).getByRole('cell').first().textContent()).toBe('514');
  await carol
    .getByText(/^Chi-square goodness of fit of our \d+ instances against the reported shares: χ²\(\d+\) = /)
    .first()
    .waitFor();
  await carol.getByText(/Reported counts: Taraghi, Dorcelus, Foundjem, Tambon, Khomh/).waitFor();
  await carol.getByRole('figure', { name: 'Taxonomy roll-up' }).locator('svg rect').first().waitFor();
  const [svg] = await Promise.all([
    carol.waitForEvent('download'),
    carol.getByRole('button', { name: 'Download Taxonomy roll-up as SVG' }).click(),
  ]);
  expect(svg.suggestedFilename()).toMatch(/taxonomy-rollup\.svg$/);
  await carol
    .getByRole('region', { name: 'Counts', exact: true })
    .screenshot({ path: 'test-results/replication-counts.png' });
  await carol.context().close();
});

test('carol brings existing labels in from CSV: preview, mapping, then import', async () => {
  const carol = await loginAs(browser, 'carol');
  await carol.getByRole('link', { name: /^Demo: Hugging Face forum/ }).click();
  await carol.getByRole('navigation', { name: 'Study' }).getByRole('link', { name: 'Export' }).click();
  const csv = ['thread_id,code', '31074,Onboarding', '99999999,onboarding', '31074,Beginner stuff'].join('\n');
  await carol
    .getByLabel('Labels CSV')
    .setInputFiles({ name: 'labels.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const preview = carol.getByRole('region', { name: 'Label import preview' });
  await preview.getByText('3 rows: 1 codings with 1 labels to write.').waitFor();
  expect(await preview.getByRole('list', { name: 'Rows that match nothing' }).textContent()).toBe(
    'Line 3: thread 99999999 is not a unit of this study',
  );
  const importButton = preview.getByRole('button', { name: 'Import 1 codings' });
  expect(await importButton.isDisabled()).toBe(true);
  await preview.getByLabel(/Unknown code “Beginner stuff” \(lines 4\)/).selectOption({ label: 'Onboarding' });
  await expect.poll(() => importButton.isDisabled()).toBe(false);
  await preview.getByText('“Beginner stuff” → Onboarding').waitFor();
  await carol.screenshot({ path: 'test-results/replication-label-import.png', fullPage: true });
  await importButton.click();
  await carol.getByRole('status').filter({ hasText: 'Imported 1 codings with 1 labels.' }).waitFor();
  // The same thread's published final label, settled as carol's adjudication.
  await carol.getByRole('radio', { name: 'Final labels' }).check();
  await carol.getByLabel('Labels CSV').setInputFiles({
    name: 'published-finals.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('thread_id,code\n31074,Onboarding\n'),
  });
  await preview
    .getByText('1 rows: final labels of 1 units with 1 labels to write, 1 replacing existing decisions.')
    .waitFor();
  await carol.screenshot({ path: 'test-results/replication-final-import.png', fullPage: true });
  await preview.getByRole('button', { name: 'Import final labels of 1 units' }).click();
  await carol.getByRole('status').filter({ hasText: 'Imported final labels of 1 units with 1 labels.' }).waitFor();
  await carol.context().close();
});

test('carol moves the study as a .qdpx: exported, then imported from the Studies page as a new study', async () => {
  const carol = await loginAs(browser, 'carol');
  await carol.getByRole('link', { name: /^Demo: Hugging Face forum/ }).click();
  await carol.getByRole('navigation', { name: 'Study' }).getByRole('link', { name: 'Export' }).click();
  const [download] = await Promise.all([
    carol.waitForEvent('download'),
    carol.getByRole('link', { name: 'Download .qdpx' }).click(),
  ]);
  const path = await download.path();
  await carol.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Studies' }).click();
  await carol.getByLabel('Study file').setInputFiles(path);
  await carol.waitForURL(/\/studies\/\d+$/);
  await carol
    .getByRole('heading', { name: 'Demo: Hugging Face forum, challenges and benefits of model reuse' })
    .waitFor();
  expect(new URL(carol.url()).pathname).not.toBe('/studies/1');
  await carol.screenshot({ path: 'test-results/replication-qdpx-import.png', fullPage: true });
  await carol.context().close();
});
