import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { baseURL, launchBrowser } from './browser.ts';
import { demoPassword } from './demo-server.ts';
import { axeFindings, type AxeFinding } from './axe.ts';

// axe-core on every page of the app, as the demo owner (who may open every tab): no serious or
// critical finding. The per-page counts are printed for the record.

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  const context = await browser.newContext({
    baseURL: baseURL(),
    bypassCSP: true,
    viewport: { width: 1280, height: 860 },
  });
  page = await context.newPage();
});
afterAll(() => browser?.close());

const counts: Record<string, number> = {};
const found: Record<string, AxeFinding[]> = {};

async function check(name: string, ready: () => Promise<unknown>) {
  await ready();
  await page.waitForLoadState('networkidle');
  found[name] = await axeFindings(page);
  counts[name] = found[name].reduce((n, f) => n + f.targets.length, 0);
}

/** Opens a study tab and waits for its URL, its data and its lazily loaded page. */
async function studyTab(label: string, path: string) {
  await page.getByRole('navigation', { name: 'Study' }).getByRole('link', { name: label, exact: true }).click();
  await page.waitForURL(new RegExp(`/studies/\\d+/${path}$`));
  await page.waitForLoadState('networkidle');
  await page.locator('.loading').first().waitFor({ state: 'detached' });
}

test('no serious or critical axe-core finding on any page', async () => {
  await page.goto('/');
  await check('login', () => page.getByLabel('User name').waitFor());
  await page.getByLabel('User name').fill('carol');
  await page.getByLabel('Password').fill(demoPassword);
  await page.getByRole('button', { name: 'Log in' }).click();
  await check('studies', () => page.getByRole('heading', { name: 'Studies' }).waitFor());
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sources' }).click();
  await check('sources', () => page.getByRole('heading', { name: 'Sources', exact: true }).waitFor());
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Threads' }).click();
  await check('threads', () => page.getByRole('heading', { name: 'Threads', exact: true }).waitFor());
  await page.locator('main a[href^="/threads/"]').first().click();
  await check('thread page', () => page.getByRole('article').first().waitFor());
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Studies' }).click();
  await page.getByRole('link', { name: /^Demo: Hugging Face forum/ }).click();
  await check('study overview', () =>
    page.getByRole('region', { name: 'Members' }).getByText('(bob)', { exact: true }).waitFor(),
  );
  await studyTab('Threads', 'threads');
  await check('study threads', () => page.getByRole('heading', { level: 2 }).first().waitFor());
  await studyTab('Codebook', 'codebook');
  await check('codebook', () => page.getByRole('heading', { level: 2 }).first().waitFor());
  await studyTab('Code', 'code');
  await check('code', () => page.waitForURL(/\/code/));
  await studyTab('Agreement', 'agreement');
  await check('agreement', () => page.getByRole('heading', { level: 2 }).first().waitFor());
  await studyTab('Adjudicate', 'adjudicate');
  await check('adjudicate', () => page.getByRole('heading', { level: 2 }).first().waitFor());
  await studyTab('Analysis', 'analysis');
  await check('analysis', () => page.locator('.recharts-surface').first().waitFor());
  await studyTab('Suggestions', 'suggestions');
  await check('suggestions', () => page.getByRole('heading', { level: 2 }).first().waitFor());
  await studyTab('Export', 'export');
  await check('export', () => page.getByRole('heading', { level: 2 }).first().waitFor());
  await studyTab('Audit log', 'audit');
  await check('audit', () => page.getByRole('region', { name: 'Audit log' }).waitFor());

  // The coding screen as a coder sees it, with a unit open.
  const coder = await browser.newContext({
    baseURL: baseURL(),
    bypassCSP: true,
    viewport: { width: 1280, height: 860 },
  });
  page = await coder.newPage();
  await page.goto('/');
  await page.getByLabel('User name').fill('alice');
  await page.getByLabel('Password').fill(demoPassword);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Studies' }).waitFor();
  await page.goto('/studies/1/code');
  await check('code (coder)', () => page.getByRole('article', { name: /^Unit \d+ of \d+$/ }).waitFor());

  console.log('axe-core serious/critical nodes per page:', JSON.stringify(counts));
  for (const [name, findings] of Object.entries(found))
    for (const f of findings)
      console.log(`${name}: ${f.impact} ${f.id} (${f.help}) ${f.targets.slice(0, 4).join(' | ')}`);
  expect(counts).toEqual(Object.fromEntries(Object.keys(counts).map((k) => [k, 0])));
});
