import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, loginAs } from './browser.ts';

// A coder of the blind demo study is offered only what a coder may use: no Adjudicate, Agreement,
// Analysis, Suggestions or Audit tab, one short line on the Overview saying why, a notice instead
// of a locked page opened by URL, and no failed request (console error) on any page.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    // Post images point at the forum's servers, which this test machine cannot resolve: not the app's doing.
    if (m.type() === 'error' && !m.text().includes('ERR_NAME_NOT_RESOLVED')) errors.push(`${page.url()}: ${m.text()}`);
  });
  return errors;
}

const tabs = (page: Page) => page.getByRole('navigation', { name: 'Study' }).getByRole('link').allTextContents();

test('a coder sees only the tabs a coder can use, and no console errors', async () => {
  const page = await loginAs(browser, 'alice');
  const errors = consoleErrors(page);
  await page.getByRole('link', { name: /^Demo: Hugging Face forum/ }).click();
  await page.getByRole('region', { name: 'Members' }).waitFor();
  expect(await tabs(page)).toEqual(['Overview', 'Threads', 'Codebook', 'Code', 'Export']);
  expect(await page.locator('.hint', { hasText: 'Your roles' }).textContent()).toBe(
    'Your roles: coder — Agreement, analysis and the suggestion evaluation stay hidden from coders while the study is blind, so that no coder learns how the others label. Adjudication is for the study’s adjudicators and owners. The audit log is for the study’s owners.',
  );
  for (const tab of ['Threads', 'Codebook', 'Code', 'Export']) {
    await page.getByRole('navigation', { name: 'Study' }).getByRole('link', { name: tab, exact: true }).click();
    await page.waitForLoadState('networkidle');
  }
  // A locked page opened by its URL says why, and asks the API nothing it would refuse.
  const refused: string[] = [];
  page.on('response', (r) => {
    if (r.status() === 403) refused.push(r.url());
  });
  await page.goto('/studies/1/adjudicate');
  expect(await page.getByRole('note').textContent()).toBe('Adjudication is for the study’s adjudicators and owners.');
  expect(await page.getByRole('button', { name: /Filter|Apply/ }).count()).toBe(0);
  await page.goto('/studies/1/analysis');
  await page.getByRole('note').waitFor();
  expect(await page.getByRole('link', { name: /CSV/ }).count()).toBe(0);
  await page.waitForLoadState('networkidle');
  expect(refused).toEqual([]);
  expect(errors).toEqual([]);
  await page.context().close();
});

test('the owner and adjudicator sees every tab', async () => {
  const page = await loginAs(browser, 'carol');
  await page.getByRole('link', { name: /^Demo: Hugging Face forum/ }).click();
  await page.getByRole('region', { name: 'Members' }).waitFor();
  expect(await tabs(page)).toEqual([
    'Overview',
    'Threads',
    'Codebook',
    'Code',
    'Agreement',
    'Adjudicate',
    'Analysis',
    'Suggestions',
    'Export',
    'Audit log',
  ]);
  expect(await page.locator('.hint', { hasText: 'Your roles' }).textContent()).toBe('Your roles: adjudicator, owner');
  await page.context().close();
});
