import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, loginAs } from './browser.ts';

// carol owns the demo study and adjudicates it; here she also codes, in a new blind round she
// shares with alice. While that round is open, the Agreement and Analysis pages must give her
// the blind notice instead of numbers made from alice's codings; once she unblinds it, they appear.
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** A same-origin API call from the page (the session cookie and Origin go along). */
async function api<T = unknown>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const { status, json } = await page.evaluate(
    async ([method, path, body]) => {
      const res = await fetch(path as string, {
        method: method as string,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, json: await res.json() };
    },
    [method, path, body] as const,
  );
  if (status >= 300) throw new Error(`${method} ${path}: ${status} ${JSON.stringify(json)}`);
  return json as T;
}

test('an owner who also codes sees the blind notice, not the numbers, until the round is unblinded', async () => {
  const carol = await loginAs(browser, 'carol');
  const alice = await loginAs(browser, 'alice');
  const { studies } = await api<{ studies: { id: number; name: string }[] }>(carol, 'GET', '/api/studies');
  const study = studies.find((s) => s.name.startsWith('Demo: Hugging Face forum'))!;
  const base = `/api/studies/${study.id}`;
  const { users } = await api<{ users: { id: number; username: string }[] }>(carol, 'GET', '/api/users');
  const idOf = (name: string) => users.find((u) => u.username === name)!.id;
  await api(carol, 'POST', `${base}/members`, { userId: idOf('carol'), role: 'coder' });
  const { round } = await api<{ round: { id: number } }>(carol, 'POST', `${base}/rounds`, {
    name: 'Blind check',
    kind: 'main',
  });
  await api(carol, 'POST', `${base}/sampling/draw`, {
    roundId: round.id,
    size: 2,
    seed: 'blind-roles',
    overlap: 1,
    coderIds: [idOf('carol'), idOf('alice')],
  });
  const { units } = await api<{ units: { unitId: number }[] }>(carol, 'GET', `${base}/rounds/${round.id}/my-units`);
  expect(units).toHaveLength(2);
  for (const { unitId } of units) {
    await api(carol, 'PUT', `${base}/units/${unitId}/coding`, { codeIds: ['onboarding'] });
    await api(alice, 'PUT', `${base}/units/${unitId}/coding`, {
      codeIds: ['onboarding', 'expert-opinion-and-clarification'],
    });
  }

  // Agreement of the blind round: the notice alone.
  await carol.goto(`/studies/${study.id}/agreement?round=${round.id}`);
  const notice = carol.getByRole('note', { name: 'Blind coding' });
  await notice.waitFor();
  expect(await notice.textContent()).toContain('You code in “Blind check”, which is open and blind');
  expect(await carol.getByRole('group', { name: 'Cohen’s κ' }).count()).toBe(0);
  expect(await carol.getByText(/units? coded by at least two coders/).count()).toBe(0);
  await carol.screenshot({ path: 'test-results/blind-roles-agreement.png', fullPage: true });

  // The whole study: the closed calibration round's numbers, with the notice for the blind round.
  await carol.goto(`/studies/${study.id}/agreement`);
  await carol.getByRole('group', { name: 'Cohen’s κ' }).waitFor();
  await carol.getByRole('note', { name: 'Blind coding' }).waitFor();
  await carol.getByText('71 units coded by at least two coders (Alice, Bob).').waitFor();

  await carol.goto(`/studies/${study.id}/analysis`);
  await carol.getByRole('table', { name: 'Counts' }).waitFor();
  expect(await carol.getByRole('note', { name: 'Blind coding' }).textContent()).toContain(
    'the counts and the coder columns leave out the other coders’ codings',
  );
  await carol.screenshot({ path: 'test-results/blind-roles-analysis.png', fullPage: true });

  // Unblinded: the round's numbers appear and the notice goes.
  await api(carol, 'POST', `${base}/rounds/${round.id}/unblind`);
  await carol.goto(`/studies/${study.id}/agreement?round=${round.id}`);
  await carol.getByRole('group', { name: 'Cohen’s κ' }).waitFor();
  await carol.getByText('2 units coded by at least two coders (Alice, Carol).').waitFor();
  expect(await carol.getByRole('note', { name: 'Blind coding' }).count()).toBe(0);
  await carol.screenshot({ path: 'test-results/blind-roles-unblinded.png', fullPage: true });

  await carol.goto(`/studies/${study.id}/analysis`);
  await carol.getByRole('table', { name: 'Counts' }).waitFor();
  expect(await carol.getByRole('note', { name: 'Blind coding' }).count()).toBe(0);
  await carol.context().close();
  await alice.context().close();
});
