import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { codingStudy, type CodingStudy } from '../support/coding-study.ts';
import { renderWithApi } from '../support/render-app.tsx';

let s: CodingStudy;
beforeEach(async () => {
  s = await codingStudy();
  const owen = await s.as('owen');
  await owen.post(`/api/studies/${s.studyId}/sampling/draw`, { roundId: s.roundId, size: 2, seed: 'audit' });
  const unitId = s.t.db.prepare('SELECT id FROM units ORDER BY position').pluck().get() as number;
  const cora = await s.as('cora');
  await cora.request('PUT', `/api/studies/${s.studyId}/units/${unitId}/coding`, {
    codeIds: ['documentation'],
    memo: 'CORA-MEMO',
  });
  await owen.request('PATCH', `/api/studies/${s.studyId}`, { name: 'Renamed' });
});
afterEach(() => s.t.close());

test('the owner opens the audit log from its tab; coding rows are hidden while blind; filters narrow it', async () => {
  const user = userEvent.setup();
  renderWithApi(s.t.app, { path: `/studies/${s.studyId}`, agent: await s.as('owen') });
  await user.click(await screen.findByRole('link', { name: 'Audit log' }));
  const log = await screen.findByRole('region', { name: 'Audit log' });
  const rows = await within(log).findAllByRole('row');
  expect(rows.slice(1).map((r) => within(r).getAllByRole('cell')[2]!.textContent)).toEqual([
    'study.update study 1',
    'coding.create coding 1',
    'sample.draw round 1',
  ]);
  expect(within(rows[1]!).getByText('Renamed')).toBeInTheDocument();
  expect(within(rows[2]!).getByText('hidden while blind')).toBeInTheDocument();
  expect(within(rows[2]!).getByText('cora')).toBeInTheDocument();
  expect(log).not.toHaveTextContent('CORA-MEMO');
  await user.selectOptions(within(log).getByLabelText('Action'), 'sample.draw');
  await within(log).findByText('Page 1 of 1 (1 entry)');
  expect(within(log).getAllByRole('row')).toHaveLength(2);
});
