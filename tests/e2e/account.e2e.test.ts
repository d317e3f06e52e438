// Issues #16.4 and #16.13 in Chromium: first-run setup asks for the server's console code; the
// administrator grants the importer right and disables an account (whose open page is logged
// out at once); anyone changes their own password on the Account page.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { baseURL, launchBrowser, loginAs } from './browser.ts';
import { setupCode } from './demo-server.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const adminPassword = 'a long admin password';

async function setUpAdministrator(): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseURL(), viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('link', { name: 'Set up administrator' }).click();
  const form = page.getByRole('form', { name: 'Set up administrator' });
  await form.getByLabel('Setup code').fill('NOT-THE-CODE');
  await form.getByLabel('User name').fill('root');
  await form.getByLabel('Display name').fill('Root');
  await form.getByLabel(/^Password/).fill(adminPassword);
  await form.getByRole('button', { name: 'Create administrator' }).click();
  expect(await form.getByRole('alert').textContent()).toBe(
    'The setup code is wrong or missing: copy it from the server console, where npm start printed it. (setupCode)',
  );
  await page.screenshot({ path: 'test-results/setup-wrong-code.png' });
  await form.getByLabel('Setup code').fill(setupCode);
  await form.getByRole('button', { name: 'Create administrator' }).click();
  await page.getByRole('heading', { name: 'Studies' }).waitFor();
  return page;
}

test('the administrator sets up with the console code, makes alice an importer and disables bob, who is logged out', async () => {
  const bob = await loginAs(browser, 'bob');
  const admin = await setUpAdministrator();
  await admin.getByRole('link', { name: 'Root (admin)' }).click();
  const users = admin.getByRole('table', { name: 'Users' });
  await users.waitFor();
  const aliceImports = users.getByRole('checkbox', { name: 'alice may import' });
  expect(await aliceImports.isChecked()).toBe(false);
  await aliceImports.click(); // checked once the server has granted it
  await expect.poll(() => aliceImports.isChecked()).toBe(true);
  await users.getByRole('button', { name: 'Disable bob' }).click();
  await users.getByRole('button', { name: 'Enable bob' }).waitFor();
  expect(await users.getByRole('row', { name: /^bob/ }).textContent()).toContain('disabled');
  expect(await users.getByRole('checkbox', { name: 'carol may import' }).isChecked()).toBe(true);
  await admin.screenshot({ path: 'test-results/account-users.png', fullPage: true });

  await bob.reload();
  await bob.getByRole('button', { name: 'Log in' }).waitFor();
  await bob.getByLabel('User name').fill('bob');
  await bob.getByLabel('Password').fill('e2e demo password');
  await bob.getByRole('button', { name: 'Log in' }).click();
  expect(await bob.getByRole('alert').textContent()).toBe(
    'This account is disabled; ask an administrator to enable it.',
  );

  const alice = await loginAs(browser, 'alice');
  await alice.getByRole('link', { name: 'Sources' }).click();
  await alice
    .getByRole('form', { name: /import/i })
    .first()
    .waitFor();
  await Promise.all([bob.context().close(), admin.context().close(), alice.context().close()]);
});

test('a user changes their password: a wrong current one is refused, then the new one logs in', async () => {
  const page = await loginAs(browser, 'carol');
  const other = await loginAs(browser, 'carol');
  await page.getByRole('link', { name: 'Carol' }).click();
  const form = page.getByRole('form', { name: 'Change password' });
  await form.getByLabel('Current password').fill('not my password');
  await form.getByLabel(/^New password/).fill('carol has a new password');
  await form.getByRole('button', { name: 'Change password' }).click();
  expect(await form.getByRole('alert').textContent()).toBe('The current password is wrong. (currentPassword)');
  await form.getByLabel('Current password').fill('e2e demo password');
  await form.getByRole('button', { name: 'Change password' }).click();
  await form.getByRole('status').waitFor();
  await page.screenshot({ path: 'test-results/account-password.png', fullPage: true });
  await other.reload();
  await other.getByRole('button', { name: 'Log in' }).waitFor();
  await Promise.all([page.context().close(), other.context().close()]);
});
