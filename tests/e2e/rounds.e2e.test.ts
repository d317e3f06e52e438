import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, loginAs } from './browser.ts';

// The demo's round Main is open. alice and bob both code its first unit; carol (owner and
// adjudicator) starts adjudicating it while the round stays open, closes the round, reopens it,
// closes it again and offers the units still missing a coding to a new round.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const saved = (page: Page) => page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
const openStudy = (page: Page) => page.getByRole('link', { name: /^Demo: Hugging Face forum/ }).click();
const tab = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Study' }).getByRole('link', { name, exact: true }).click();

test('adjudication starts in an open round; a closed round reopens; incomplete units go to a new round', async () => {
  const alice = await loginAs(browser, 'alice');
  await openStudy(alice);
  await tab(alice, 'Code');
  await alice.getByRole('article', { name: /^Unit \d+ of \d+$/ }).waitFor();
  const unitUrl = alice.url();
  await alice.keyboard.press('3');
  await saved(alice);
  const bob = await loginAs(browser, 'bob');
  await bob.goto(unitUrl);
  await bob.getByRole('article', { name: /^Unit \d+ of \d+$/ }).waitFor();
  await bob.keyboard.press('1');
  await saved(bob);

  // carol: the queue holds the calibration round's disputes; below it, Main's finished unit waits.
  const carol = await loginAs(browser, 'carol');
  await openStudy(carol);
  await tab(carol, 'Adjudicate');
  const more = carol.getByRole('region', { name: 'More to adjudicate' });
  await more.getByText(/^1 unit of the open round Main has all its codings; \d+ units still being coded\./).waitFor();
  await more.getByRole('button', { name: 'Adjudicate the finished units of Main' }).click();
  await more.getByRole('status').filter({ hasText: '1 unit went to adjudication' }).waitFor();
  await carol.getByLabel('Round').selectOption({ label: 'Main' });
  await carol.waitForURL(/round=/);
  const queue = carol.getByRole('list', { name: 'Units in adjudication' });
  await expect.poll(() => queue.getByRole('button').count()).toBe(1);
  await queue.getByRole('button').first().click();
  await carol.getByRole('region', { name: 'Coding by Alice' }).waitFor();
  await carol.getByRole('region', { name: 'Coding by Bob' }).waitFor();
  await carol.screenshot({ path: 'test-results/adjudicate-open-round.png' });

  // bob's unit is settled for him: shown read-only, his key presses change nothing.
  await bob.reload();
  await bob.getByRole('note').filter({ hasText: 'it has gone to adjudication' }).waitFor();

  // Close Main, reopen it (the owner), close it again.
  await tab(carol, 'Overview');
  const rounds = carol.getByRole('region', { name: 'Rounds' });
  await rounds.getByRole('button', { name: 'Close Main' }).click();
  await carol.getByRole('dialog', { name: 'Close Main?' }).getByRole('button', { name: 'Close round' }).click();
  await carol.getByRole('dialog', { name: 'Main is closed' }).getByRole('button', { name: 'Done' }).click();
  await rounds.getByRole('button', { name: 'Reopen Main' }).click();
  await carol.getByRole('dialog', { name: 'Reopen Main?' }).getByRole('button', { name: 'Reopen round' }).click();
  await rounds.getByRole('button', { name: 'Close Main' }).click();
  await carol.getByRole('dialog', { name: 'Close Main?' }).getByRole('button', { name: 'Close round' }).click();
  const summary = carol.getByRole('dialog', { name: 'Main is closed' });
  const incomplete = Number((await summary.getByText(/units were missing a coding$/).textContent())!.split(' ')[0]);
  expect(incomplete).toBeGreaterThan(0);
  await summary.getByRole('button', { name: 'Done' }).click();

  // The incomplete units go to a new round, for the same coders.
  const newRound = carol.getByRole('form', { name: 'New round' });
  await newRound.getByLabel('Round name').fill('Mop-up');
  await newRound.getByLabel('Kind').selectOption('main');
  await newRound.getByRole('button', { name: 'Create round' }).click();
  await rounds.getByRole('cell', { name: 'Mop-up', exact: true }).waitFor();
  await rounds.getByRole('button', { name: `Offer the ${incomplete} incomplete units of Main` }).click();
  const offer = carol.getByRole('dialog', { name: 'Offer the incomplete units of Main' });
  expect(await offer.getByLabel('Into round').locator('option:checked').textContent()).toBe('Mop-up');
  await carol.screenshot({ path: 'test-results/offer-incomplete.png' });
  await offer.getByRole('button', { name: `Offer ${incomplete} units` }).click();
  await offer.waitFor({ state: 'detached' });
  const mopUp = rounds.getByRole('row').filter({ has: carol.getByRole('cell', { name: 'Mop-up', exact: true }) });
  await expect.poll(() => mopUp.getByRole('cell').nth(3).textContent()).toBe(String(incomplete));

  for (const page of [alice, bob, carol]) await page.context().close();
});
