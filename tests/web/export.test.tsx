import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { smallStudy, type SmallStudy } from '../exports/small-study.ts';
import { renderWithApi } from '../support/render-app.tsx';

let s: SmallStudy;
beforeEach(async () => {
  s = await smallStudy();
});
afterEach(() => s.t.close());

const hrefs = (region: HTMLElement) =>
  within(region)
    .queryAllByRole('link')
    .map((a) => a.getAttribute('href'));

test('the owner opens Export from the study tabs and gets every download, with what each file holds', async () => {
  const user = userEvent.setup();
  renderWithApi(s.t.app, { path: `/studies/${s.studyId}`, agent: await s.as('owen') });
  await user.click(await screen.findByRole('link', { name: 'Export' }));
  const codings = await screen.findByRole('region', { name: 'Codings (CSV)' });
  expect(codings).toHaveTextContent('Your file holds 2 codings.');
  // The owner's file of a blind study is partial: the page says so, as the file's header does.
  expect(within(codings).getByRole('note')).toHaveTextContent(
    'This file holds 2 of 7 codings: 5 are withheld while their round is blind, until the round is unblinded or the unit reaches adjudication. Agreement is computed from all of them. The download carries this note in its X-Threadcoder-Note header.',
  );
  expect(within(codings).getByText('created_at')).toBeInTheDocument();
  expect(hrefs(codings)).toEqual([`/api/studies/${s.studyId}/exports/codings`]);
  expect(hrefs(screen.getByRole('region', { name: 'Final labels (CSV)' }))).toEqual([
    `/api/studies/${s.studyId}/exports/final`,
  ]);
  expect(hrefs(screen.getByRole('region', { name: 'REFI-QDA project (.qdpx)' }))).toEqual([
    `/api/studies/${s.studyId}/exports/qdpx`,
  ]);
  expect(hrefs(screen.getByRole('region', { name: 'Agreement (CSV or JSON)' }))).toEqual([
    `/api/studies/${s.studyId}/agreement/export?format=csv&bootstrap=1000&seed=1`,
    `/api/studies/${s.studyId}/agreement/export?format=json&bootstrap=1000&seed=1`,
  ]);
  expect(hrefs(screen.getByRole('region', { name: 'Codebook' }))).toEqual(
    ['qdc', 'csv', 'md', 'json'].map((f) => `/api/studies/${s.studyId}/codebook/export?format=${f}`),
  );
  for (const link of screen.getAllByRole('link', { name: /^Download/ })) expect(link).toHaveAttribute('download');
});

test('the period and format choices go into the download links, which answer with the file', async () => {
  const user = userEvent.setup();
  const { agent } = renderWithApi(s.t.app, { path: `/studies/${s.studyId}/export`, agent: await s.as('owen') });
  const counts = await screen.findByRole('region', { name: 'Counts per period (CSV)' });
  expect(hrefs(counts)).toEqual([`/api/studies/${s.studyId}/exports/counts?period=quarter`]);
  await user.selectOptions(within(counts).getByLabelText('Counts per'), 'month');
  const link = within(counts).getByRole('link', { name: 'Download counts CSV' });
  expect(link).toHaveAttribute('href', `/api/studies/${s.studyId}/exports/counts?period=month`);
  const res = await agent.get(link.getAttribute('href')!);
  expect(res.headers.get('content-disposition')).toBe('attachment; filename="study-1-small-study-counts-month.csv"');
  expect((await res.text()).split('\r\n')[1]).toMatch(/^2022-01,/);

  const report = screen.getByRole('region', { name: 'Report' });
  expect(hrefs(report)).toEqual([`/api/studies/${s.studyId}/exports/report?format=html&period=quarter`]);
  await user.click(within(report).getByRole('radio', { name: 'Markdown' }));
  await user.selectOptions(within(report).getByLabelText('Trends per'), 'year');
  expect(hrefs(report)).toEqual([`/api/studies/${s.studyId}/exports/report?format=md&period=year`]);
});

test('a coder of the blind study sees why final labels, the report and agreement are not theirs to download', async () => {
  renderWithApi(s.t.app, { path: `/studies/${s.studyId}/export`, agent: await s.as('cora') });
  const codings = await screen.findByRole('region', { name: 'Codings (CSV)' });
  expect(codings).toHaveTextContent('Your file holds 5 codings.');
  for (const name of ['Final labels (CSV)', 'Report', 'Agreement (CSV or JSON)']) {
    const region = screen.getByRole('region', { name });
    expect(hrefs(region)).toEqual([]);
    expect(region).toHaveTextContent('Hidden from coders while the study is blind');
  }
  expect(hrefs(screen.getByRole('region', { name: 'REFI-QDA project (.qdpx)' }))).toHaveLength(1);
});
