import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseXml, readQdpx } from '../exports/qdpx-read.ts';
import { launchBrowser, loginAs } from './browser.ts';

// The demo study: carol owns it; its calibration round is closed with disagreements in
// adjudication, so it has codings the owner may see, final labels, counts and agreement.
let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  page = await loginAs(browser, 'carol');
  await page.getByRole('link', { name: /^Demo: Hugging Face forum/ }).click();
  await page.getByRole('navigation', { name: 'Study' }).getByRole('link', { name: 'Export' }).click();
  await page.getByRole('region', { name: 'Codings (CSV)' }).waitFor();
});
afterAll(() => browser?.close());

/** Clicks a download link in a region of the Export page and returns the file's name and bytes. */
async function download(region: string, link: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('region', { name: region }).getByRole('link', { name: link }).click(),
  ]);
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

function csvRows(bytes: Buffer): Record<string, string>[] {
  expect([...bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
  return parse(bytes.toString('utf8'), { columns: true }) as Record<string, string>[];
}

test.each([
  [
    'Codings (CSV)',
    'Download codings CSV',
    /-codings\.csv$/,
    [
      'unit',
      'thread',
      'post',
      'coder',
      'code',
      'round',
      'created_at',
      'revision',
      'thread_created_at',
      'post_created_at',
      'text',
      'quoted_text',
    ],
  ],
  [
    'Final labels (CSV)',
    'Download final labels CSV',
    /-final-labels\.csv$/,
    [
      'unit',
      'thread',
      'post',
      'code',
      'code_path',
      'origin',
      'round',
      'settled_by',
      'settled_at',
      'rationale',
      'thread_created_at',
      'post_created_at',
      'text',
      'quoted_text',
    ],
  ],
  [
    'Counts per period (CSV)',
    'Download counts CSV',
    /-counts-quarter\.csv$/,
    ['period', 'period_start', 'period_end', 'code', 'code_path', 'count', 'count_direct', 'coded_units', 'share'],
  ],
  ['Agreement (CSV or JSON)', 'Download agreement CSV', /^agreement-study-\d+\.csv$/, null],
])('%s downloads and parses: a header and rows', async (region, link, name, header) => {
  const file = await download(region, link);
  expect(file.name).toMatch(name);
  const rows = csvRows(file.bytes);
  expect(rows.length).toBeGreaterThan(0);
  if (header) expect(Object.keys(rows[0]!)).toEqual(header);
});

test('counts per month: the period choice reaches the file', async () => {
  await page.getByRole('region', { name: 'Counts per period (CSV)' }).getByLabel('Counts per').selectOption('month');
  const file = await download('Counts per period (CSV)', 'Download counts CSV');
  expect(file.name).toMatch(/-counts-month\.csv$/);
  expect(csvRows(file.bytes)[0]!.period).toMatch(/^\d{4}-\d{2}$/);
});

test('the report as printable HTML and as Markdown', async () => {
  const html = (await download('Report', 'Download report')).bytes.toString('utf8');
  expect(html).toMatch(/^<!doctype html>/);
  expect(html).toContain('@media print');
  expect(html.match(/<h2>[^<]*<\/h2>/g)).toEqual([
    '<h2>Sample</h2>',
    '<h2>Coders and rounds</h2>',
    '<h2>Agreement</h2>',
    '<h2>Taxonomy</h2>',
    '<h2>Beside the published counts</h2>',
    '<h2>Trends</h2>',
  ]);
  for (const svg of html.match(/<svg[\s\S]*?<\/svg>/g) ?? []) parseXml(svg);
  await page.getByRole('region', { name: 'Report' }).getByRole('radio', { name: 'Markdown' }).check();
  const md = await download('Report', 'Download report');
  expect(md.name).toMatch(/-report\.md$/);
  expect(md.bytes.toString('utf8')).toContain('## Agreement');
});

test('the .qdpx unzips; project.qde parses with root Project in the REFI-QDA namespace', async () => {
  const file = await download('REFI-QDA project (.qdpx)', 'Download .qdpx');
  expect(file.name).toMatch(/\.qdpx$/);
  const q = readQdpx(new Uint8Array(file.bytes));
  expect(q.project.name).toBe('Project');
  expect(q.project.attrs.xmlns).toBe('urn:QDA-XML:project:1.0');
  expect(q.project.children.map((c) => c.name)).toEqual(
    ['Users', 'CodeBook', 'Sources', 'Notes'].filter((n) => q.project.children.some((c) => c.name === n)),
  );
  expect(Object.keys(q.files).filter((f) => f.startsWith('sources/')).length).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/export.png', fullPage: true });
});
