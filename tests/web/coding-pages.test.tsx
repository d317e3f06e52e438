// A coder with 450 units: the coding screen loads their list in pages of 200 (the pages in view
// and around the open unit), never the whole list, and j / k / Enter move across a page's edge.
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { Agent } from '../support/agent.ts';
import { largeStudy } from '../support/large-study.ts';
import { renderWithApi } from '../support/render-app.tsx';
import { makeTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let cora: Agent;
let asked: string[];

beforeEach(() => {
  localStorage.clear();
  t = makeTestApp();
});
afterEach(() => t.close());

/** 450 units for cora, those `coded(i)` already coded; records what her screen asks of my-units. */
async function open(coded: (i: number) => boolean, unitIndex?: number) {
  const study = await largeStudy(t.db, { units: 450, coded });
  cora = new Agent(t.app);
  await cora.login('cora');
  asked = [];
  const request = cora.request.bind(cora);
  cora.request = (method, path, ...rest) => {
    const mine = /\/my-units(\/summary)?\?*(.*)$/.exec(path);
    if (mine) asked.push(`${mine[1] ?? ''}?${mine[2]}`);
    return request(method, path, ...rest);
  };
  const unit = unitIndex === undefined ? '' : `?unit=${study.unitIds[unitIndex]}`;
  renderWithApi(t.app, { path: `/studies/${study.studyId}/code${unit}`, agent: cora });
  return study;
}
// A loaded machine may take a while over the first render of a 450-unit screen.
const unitArticle = (n: number) => screen.findByRole('article', { name: `Unit ${n} of 450` }, { timeout: 5000 });

test('opens at the first uncoded unit (the 200th); j crosses into the second page and k comes back', async () => {
  // Coded: the first 199, and 201-210; uncoded: 200, then 211 on.
  await open((i) => i < 199 || (i >= 200 && i < 210));
  await unitArticle(200);
  const user = userEvent.setup();
  await user.keyboard('j');
  await unitArticle(201);
  await user.keyboard('k');
  await unitArticle(200);
  // Enter codes the 200th and skips the coded 201st-210th.
  await user.keyboard('{Enter}');
  await unitArticle(211);
  // Pages by index, and the counts from the summary: never the whole list.
  expect(
    asked.every((q) => q === '/summary?' || /^\/summary\?unitId=\d+$/.test(q) || /^\?limit=200&offset=\d+$/.test(q)),
  ).toBe(true);
  expect(asked).toContain('?limit=200&offset=200');
  expect(asked).not.toContain('?');
});

test('a link to the 421st unit opens it in place; Enter with every later unit coded wraps round to the 6th', async () => {
  const study = await open((i) => i !== 5 && i !== 420, 420);
  await unitArticle(421);
  const user = userEvent.setup();
  await user.keyboard('{Enter}');
  await unitArticle(6);
  await waitFor(() =>
    expect(
      t.db
        .prepare('SELECT count(*) FROM codings WHERE unit_id = ? AND coder_id = ?')
        .pluck()
        .get(study.unitIds[420], study.ids.cora),
    ).toBe(1),
  );
});

test('a page that cannot be loaded when j needs it says why instead of leaving the key doing nothing, until a move succeeds', async () => {
  await open((i) => i < 199);
  // The second page (units 201-400) fails: the server refuses an offset it cannot page.
  const request = cora.request.bind(cora);
  cora.request = (method, path, ...rest) =>
    request(method, path.replace('limit=200&offset=200', 'limit=200&offset=-1'), ...rest);
  await unitArticle(200);
  const user = userEvent.setup();
  await user.keyboard('j');
  const alert = await screen.findByRole('alert');
  expect(alert.textContent).toMatch(/offset/);
  expect(screen.getByRole('article', { name: 'Unit 200 of 450' })).toBeTruthy();
  // A move that succeeds clears it.
  await user.keyboard('k');
  await unitArticle(199);
  expect(screen.queryByText(/offset/)).toBeNull();
});
