import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Agent } from '../support/agent.ts';
import { codingStudy, type CodingStudy } from '../support/coding-study.ts';
import { renderWithApi } from '../support/render-app.tsx';

// The hand-worked calibration round of tests/api/agreement.test.ts (cora, cody; 6 units):
// Cohen's kappa 13/25 = 0.520 (moderate), MASI alpha 83/138 = 0.601 (unreliable), 4/6 agree.
// Then an open "Main" round where the two agree on one unit (kappa not defined: one category).
const M = 'model-usage';
const D = 'documentation';
const T = 'training-pipeline';

let s: CodingStudy;
let units: number[];
let mainId: number;
beforeEach(async () => {
  s = await codingStudy();
  s.t.db.prepare("UPDATE rounds SET name = 'Calibration', kind = 'calibration' WHERE id = ?").run(s.roundId);
  const owen = await s.as('owen');
  await owen.post(`/api/studies/${s.studyId}/sampling/draw`, {
    roundId: s.roundId,
    size: 6,
    seed: 'agree',
    overlap: 1,
  });
  units = s.t.db.prepare('SELECT id FROM units ORDER BY position').pluck().all() as number[];
  const cora = await s.as('cora');
  const cody = await s.as('cody');
  const code = (who: Agent, unit: number, codeIds: string[]) =>
    who.request('PUT', `/api/studies/${s.studyId}/units/${unit}/coding`, { codeIds });
  const pairs: [string[], string[]][] = [
    [[M], [M]],
    [[M], [M]],
    [[D], [D]],
    [[D], [M]],
    [[T], [T]],
    [[D, M], [D]],
  ];
  for (const [i, [a, b]] of pairs.entries()) {
    await code(cora, units[i]!, a);
    await code(cody, units[i]!, b);
  }
  await owen.post(`/api/studies/${s.studyId}/rounds/${s.roundId}/close`);
  mainId = (await (await owen.post(`/api/studies/${s.studyId}/rounds`, { name: 'Main', kind: 'main' })).json()).round
    .id;
  await owen.post(`/api/studies/${s.studyId}/sampling/draw`, {
    roundId: mainId,
    size: 1,
    seed: 'agree-main',
    overlap: 1,
  });
  const mainUnit = s.t.db.prepare('SELECT id FROM units WHERE round_id = ?').pluck().get(mainId) as number;
  await code(cora, mainUnit, [M]);
  await code(cody, mainUnit, [M]);
});
afterEach(() => s.t.close());

test('the owner reads the headline numbers with their bands, per round, per code, per pair, the matrix and the disagreements', async () => {
  const user = userEvent.setup();
  renderWithApi(s.t.app, { path: `/studies/${s.studyId}/agreement?round=${s.roundId}`, agent: await s.as('owen') });

  const kappa = await screen.findByRole('group', { name: 'Cohen’s κ' });
  expect(kappa).toHaveTextContent('0.520');
  expect(within(kappa).getByText('moderate')).toBeInTheDocument();
  const alpha = screen.getByRole('group', { name: 'Krippendorff’s α (MASI)' });
  expect(alpha).toHaveTextContent('0.601');
  expect(within(alpha).getByText('unreliable')).toBeInTheDocument();
  expect(screen.getByRole('group', { name: 'Percent agreement' })).toHaveTextContent('66.7%');
  expect(screen.getByText(/^6 units coded by at least two coders \(cody, cora\)\.$/)).toBeInTheDocument();

  // Per round: the chart renders (fixed size) and the table gives its numbers, "not defined" with the reason.
  const chart = screen.getByRole('figure', { name: 'Agreement by round' });
  expect(chart.querySelector('svg.recharts-surface[width="640"][height="260"]')).not.toBeNull();
  expect(chart.querySelectorAll('.recharts-line').length).toBe(2);
  const rounds = screen.getByRole('table', { name: 'Agreement per round' });
  const calibration = within(rounds).getByRole('row', { name: /^Calibration/ });
  expect(calibration).toHaveTextContent('0.520');
  expect(calibration).toHaveTextContent('closed');
  const main = within(rounds).getByRole('row', { name: /^Main/ });
  expect(main).toHaveTextContent(/not defined — coders "cody" and "cora" used one and the same category/);

  // Per code, sortable: by prevalence (default, descending), then by kappa ascending.
  const codes = screen.getByRole('table', { name: 'Agreement per code' });
  const firstColumn = () =>
    within(codes)
      .getAllByRole('rowheader')
      .map((h) => h.textContent);
  expect(firstColumn()).toEqual([
    'Model usage understanding',
    'Documentation and tutorial gaps',
    'Training pipeline issues',
  ]);
  await user.click(within(codes).getByRole('button', { name: 'κ' }));
  expect(within(codes).getByRole('columnheader', { name: /κ/ })).toHaveAttribute('aria-sort', 'descending');
  expect(firstColumn()).toEqual([
    'Training pipeline issues',
    'Documentation and tutorial gaps',
    'Model usage understanding',
  ]);
  await user.click(within(codes).getByRole('button', { name: 'κ' }));
  expect(firstColumn()).toEqual([
    'Model usage understanding',
    'Documentation and tutorial gaps',
    'Training pipeline issues',
  ]);
  expect(within(codes).getByRole('row', { name: /^Documentation/ })).toHaveTextContent(
    '41.7%0.667 substantial0.686 tentative conclusions only',
  );

  const pairs = screen.getByRole('table', { name: 'Agreement per coder pair' });
  expect(within(pairs).getByRole('row', { name: /cody & cora/ })).toHaveTextContent('cody & cora666.7%0.520 moderate');

  // The confusion matrix: per code present/absent, with a pair selector that flips the orientation.
  const matrix = screen.getByRole('table', { name: 'Confusion matrix of cody and cora' });
  expect(within(matrix).getByRole('row', { name: /^Documentation/ })).toHaveTextContent(
    'Documentation and tutorial gaps2013',
  );
  await user.selectOptions(screen.getByLabelText('Coder pair'), 'cora (rows) × cody');
  const flipped = await screen.findByRole('table', { name: 'Confusion matrix of cora and cody' });
  expect(within(flipped).getByRole('row', { name: /^Documentation/ })).toHaveTextContent(
    'Documentation and tutorial gaps2103',
  );

  // The report gives their number; the units come from the paged disagreements route.
  expect(screen.getByText('2 units with differing labels.')).toBeInTheDocument();
  const list = await screen.findByRole('list', { name: 'Units where coders disagree' });
  const links = within(list).getAllByRole('link');
  expect(links.map((a) => a.getAttribute('href'))).toEqual([
    `/studies/${s.studyId}/adjudicate?unit=${units[3]}`,
    `/studies/${s.studyId}/adjudicate?unit=${units[5]}`,
  ]);
  expect(within(list).getAllByRole('listitem')[1]).toHaveTextContent('Codes that differ: Model usage understanding');

  expect(screen.getByRole('link', { name: 'Download CSV' })).toHaveAttribute(
    'href',
    `/api/studies/${s.studyId}/agreement/export?format=csv&roundId=${s.roundId}&pair=${s.ids.cora}%2C${s.ids.cody}`,
  );
});

test('bootstrap intervals show with their seed; the open blind round hides its matrix and says why', async () => {
  const user = userEvent.setup();
  renderWithApi(s.t.app, { path: `/studies/${s.studyId}/agreement`, agent: await s.as('ada') });
  await screen.findByRole('group', { name: 'Cohen’s κ' });
  expect(screen.getByRole('table', { name: 'Confusion matrix of cody and cora' })).toBeInTheDocument();
  expect(screen.getAllByRole('note')[0]).toHaveTextContent('1 unit of “Main” left out');

  await user.click(screen.getByLabelText('Bootstrap 95% intervals (1,000 resamples)'));
  expect(await screen.findByText(/95% intervals from 1,000 bootstrap resamples of units, seed 1/)).toBeInTheDocument();
  expect(within(screen.getByRole('group', { name: 'Cohen’s κ' })).getByText(/95% CI/)).toHaveTextContent(
    /95% CI −?\d\.\d{3} – \d\.\d{3}/,
  );
  expect(screen.getByLabelText('Seed')).toHaveValue(1);
  expect(screen.getByRole('table', { name: 'All statistics' })).toHaveTextContent('95% CI');

  await user.selectOptions(screen.getByLabelText('Round'), 'Main');
  expect(await screen.findAllByText(/^Hidden: while a round is open and blind/)).toHaveLength(2);
  expect(screen.queryByRole('table', { name: /Confusion matrix/ })).toBeNull();
  expect(screen.getByRole('group', { name: 'Cohen’s κ' })).toHaveTextContent('not defined');
});

test('a coder is told why the page is closed while the study is blind', async () => {
  renderWithApi(s.t.app, { path: `/studies/${s.studyId}/agreement`, agent: await s.as('cora') });
  // The study's layout says why instead of loading a page whose every request would be refused.
  expect(await screen.findByRole('note')).toHaveTextContent(
    'Agreement, analysis and the suggestion evaluation stay hidden from coders while the study is blind, so that no coder learns how the others label.',
  );
  expect(screen.queryByRole('link', { name: 'Agreement' })).not.toBeInTheDocument();
});
