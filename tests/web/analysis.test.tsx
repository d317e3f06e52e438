import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { analysisStudy, type AnalysisStudy } from '../support/analysis-study.ts';
import { renderWithApi } from '../support/render-app.tsx';

let s: AnalysisStudy;
beforeEach(async () => {
  s = await analysisStudy();
});
afterEach(() => s.t.close());

const curves = (figure: HTMLElement, selector: string) =>
  [...figure.querySelectorAll(selector)].filter((p) => (p.getAttribute('d') ?? '').length > 0);

test('the owner reads counts with sparklines, the trend chart and its tests, co-occurrence and terms', async () => {
  const user = userEvent.setup();
  renderWithApi(s.t.app, { path: `/studies/${s.studyId}/analysis`, agent: s.agents.owen });

  const counts = await screen.findByRole('table', { name: 'Counts' });
  // Each count column says how many units it counts: the blind rule gives the coders' columns fewer.
  expect(
    within(counts)
      .getAllByRole('columnheader')
      .map((h) => h.textContent),
  ).toEqual([
    'Code',
    'Units of 7 with a final label',
    'Share',
    'Threads',
    'Per quarter',
    'cody of 1 unit you may see',
    'cora of 1 unit you may see',
  ]);
  expect(
    screen.getByText(/^The columns count different units: the final labels cover 7, while each coder’s column/),
  ).toBeInTheDocument();
  const memory = within(counts).getByRole('row', { name: /^Memory/ });
  expect(
    within(memory)
      .getAllByRole('cell')
      .slice(0, 3)
      .map((c) => c.textContent),
  ).toEqual(['3', '42.9%', '3']);
  expect(within(memory).getByRole('img', { name: 'Memory per quarter: 1, 1, 1' })).toBeInTheDocument();
  expect(within(counts).getByRole('row', { name: /^Technical/ })).toHaveTextContent('457.1%4');
  expect(screen.getByText(/7 coded units in 6 threads/)).toBeInTheDocument();
  expect(
    screen.getByRole('figure', { name: 'Units per code' }).querySelectorAll('.recharts-bar-rectangle').length,
  ).toBe(4);

  // The five most used codes are picked by default; the chart shows shares as lines.
  const trend = await screen.findByRole('figure', { name: 'Final labels per quarter (share of coded units)' });
  await waitFor(() => expect(curves(trend, 'path.recharts-line-curve')).toHaveLength(4));
  expect(
    within(screen.getByRole('list', { name: /legend$/ }))
      .getAllByRole('listitem')
      .map((li) => li.textContent),
  ).toEqual(['Memory', 'Training', 'Docs', 'Thanks']);
  await user.click(screen.getByRole('radio', { name: 'Counts' }));
  await user.click(screen.getByRole('radio', { name: 'Stacked areas' }));
  const areas = await screen.findByRole('figure', { name: 'Final labels per quarter (units)' });
  await waitFor(() => expect(curves(areas, 'path.recharts-area-area')).toHaveLength(4));
  await user.click(
    within(screen.getByRole('group', { name: 'Codes to chart' })).getByRole('checkbox', { name: /^Training/ }),
  );
  await waitFor(() =>
    expect(
      curves(screen.getByRole('figure', { name: 'Final labels per quarter (units)' }), 'path.recharts-area-area'),
    ).toHaveLength(3),
  );

  expect(
    screen.getByText(/χ²\(6\) = 4\.00, p = \.677, Cramér’s V = \.47, over 9 labels of 4 codes/),
  ).toBeInTheDocument();
  expect(screen.getByText(/12 of 12 expected counts are below 5/)).toBeInTheDocument();
  const tests = screen.getByRole('table', { name: 'Trend tests per code' });
  expect(within(tests).getByRole('row', { name: /^Training/ })).toHaveTextContent('-2');

  // Co-occurrence: a heatmap, and the same numbers as a table.
  expect(screen.getByRole('img', { name: /Co-occurrence heatmap \(Jaccard\)/ })).toBeInTheDocument();
  await user.click(screen.getByRole('checkbox', { name: 'Show as a table' }));
  const matrix = screen.getByRole('table', { name: 'Co-occurrence table' });
  expect(within(matrix).getByRole('row', { name: /^Docs \(2\)/ })).toHaveTextContent('1.00');

  const terms = await screen.findByRole('table', { name: 'Distinctive terms of Memory' });
  expect(within(terms).getAllByRole('row').length).toBeGreaterThan(1);

  // CSV links point at the API.
  expect(screen.getByRole('link', { name: 'Trend CSV' })).toHaveAttribute(
    'href',
    `/api/studies/${s.studyId}/analysis/trend.csv?granularity=quarter`,
  );
});

test('filters live in the address and narrow every section', async () => {
  renderWithApi(s.t.app, { path: `/studies/${s.studyId}/analysis?category=Beginners&g=month`, agent: s.agents.owen });
  expect(await screen.findByText(/2 coded units in 2 threads/)).toBeInTheDocument();
  expect(screen.getByLabelText('Forum category')).toHaveValue('Beginners');
  const counts = screen.getByRole('table', { name: 'Counts' });
  expect(within(within(counts).getByRole('row', { name: /^Memory/ })).getByRole('img')).toHaveAccessibleName(
    'Memory per month: 0, 1',
  );
});

test('the owner adds a keyword group and sees its mentions beside the codes; a duplicate name is refused beside the form', async () => {
  const user = userEvent.setup();
  renderWithApi(s.t.app, { path: `/studies/${s.studyId}/analysis?codes=memory`, agent: s.agents.owen });
  const form = await screen.findByRole('form', { name: 'New keyword group' });
  await user.type(within(form).getByLabelText('Group name'), 'Memory');
  await user.type(within(form).getByLabelText('Terms and aliases (comma-separated)'), 'memory, OOM');
  await user.click(within(form).getByRole('button', { name: 'Add group' }));
  const chart = await screen.findByRole('figure', { name: 'Posts mentioning each group per quarter (share of posts)' });
  await waitFor(() => expect(curves(chart, 'path.recharts-line-curve')).toHaveLength(1));
  const rho = await screen.findByRole('table', { name: 'Mentions against codes (Spearman’s rho)' });
  expect(within(rho).getByRole('row', { name: /^Memory/ })).toHaveTextContent('.87 (p .333, n 3)');
  const groups = screen.getByRole('table', { name: 'Mentions per keyword group' });
  expect(within(groups).getByRole('row', { name: /^Memory/ })).toHaveTextContent(
    'Memorymemory, OOMwhole words, stemmed; any case; own words only',
  );
  expect(within(chart).getByRole('list', { name: /legend$/ })).toHaveTextContent(
    'Memory (whole words, stemmed; any case; own words only)',
  );

  const bad = await screen.findByRole('form', { name: 'New keyword group' });
  await user.type(within(bad).getByLabelText('Group name'), 'memory');
  await user.type(within(bad).getByLabelText('Terms and aliases (comma-separated)'), 'x');
  await user.click(within(bad).getByRole('button', { name: 'Add group' }));
  expect(await within(bad).findByRole('alert')).toHaveTextContent('There is already a keyword group named "memory".');
});

test('the owner chooses a group’s matching rules; stemmed matching leaves case unchosen', async () => {
  const user = userEvent.setup();
  renderWithApi(s.t.app, { path: `/studies/${s.studyId}/analysis`, agent: s.agents.owen });
  const form = await screen.findByRole('form', { name: 'New keyword group' });
  const caseSensitive = within(form).getByRole('checkbox', { name: 'Case-sensitive' });
  expect(caseSensitive).toBeDisabled();
  await user.selectOptions(within(form).getByLabelText('Match'), 'word beginnings');
  await user.click(caseSensitive);
  await user.click(within(form).getByRole('checkbox', { name: 'Count link previews' }));
  await user.selectOptions(within(form).getByLabelText('Match'), 'whole words, stemmed');
  expect(caseSensitive).toBeDisabled();
  expect(caseSensitive).not.toBeChecked();
  await user.selectOptions(within(form).getByLabelText('Match'), 'word beginnings');
  await user.click(caseSensitive);
  await user.type(within(form).getByLabelText('Group name'), 'T5');
  await user.type(within(form).getByLabelText('Terms and aliases (comma-separated)'), 'T5, t5, flan-t5');
  await user.click(within(form).getByRole('button', { name: 'Add group' }));
  const list = await screen.findByRole('list', { name: 'Keyword groups' });
  // case-sensitive: "T5" and "t5" are two aliases
  expect(list).toHaveTextContent('T5 T5, t5, flan-t5 (word beginnings; case-sensitive; own words and link previews)');
});

test('a coder of a blind study is told the analysis is hidden', async () => {
  renderWithApi(s.t.app, { path: `/studies/${s.studyId}/analysis`, agent: s.agents.cora });
  expect((await screen.findAllByText(/hidden from coders while the study is blind/)).length).toBeGreaterThan(0);
  expect(screen.queryByRole('table', { name: 'Counts' })).toBeNull();
});

test('once the study is not blind, a coder reads the analysis but cannot edit keyword groups', async () => {
  s.t.db.prepare('UPDATE studies SET blind = 0 WHERE id = ?').run(s.studyId);
  renderWithApi(s.t.app, { path: `/studies/${s.studyId}/analysis`, agent: s.agents.cora });
  expect(await screen.findByRole('table', { name: 'Counts' })).toBeInTheDocument();
  expect(await screen.findByText(/the study’s owner can add them/)).toBeInTheDocument();
  expect(screen.queryByRole('form', { name: 'New keyword group' })).toBeNull();
});
