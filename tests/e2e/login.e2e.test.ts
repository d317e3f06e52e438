import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, loginAs } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

test('a demo coder logs in and opens the demo study', async () => {
  const page = await loginAs(browser, 'alice');
  await page.getByRole('link', { name: /^Demo: Hugging Face forum/ }).click();
  await page.getByRole('heading', { name: /^Demo: Hugging Face forum/ }).waitFor();
  expect(await page.getByText('Your roles: coder').isVisible()).toBe(true);
  const members = page.getByRole('region', { name: 'Members' });
  await members.getByText('bob').waitFor();
  expect(await members.textContent()).toContain('Carol');
  await page.screenshot({ path: 'test-results/demo-study.png' });
  await page.context().close();
});

test('a wrong password is refused with a message', async () => {
  const context = await browser.newContext({ baseURL: (await import('./browser.ts')).baseURL() });
  const page = await context.newPage();
  await page.goto('/studies');
  await page.getByLabel('User name').fill('alice');
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('alert').waitFor();
  expect(await page.getByRole('alert').textContent()).toBe('The user name or password is wrong.');
  await context.close();
});
