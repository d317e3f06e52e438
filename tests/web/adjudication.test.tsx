import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Agent } from '../support/agent.ts';
import { codingStudy, type CodingStudy } from '../support/coding-study.ts';
import { renderWithApi } from '../support/render-app.tsx';

// cora and cody disagree on two units; the round is closed, so both are in adjudication.
let s: CodingStudy;
let units: number[];
beforeEach(async () => {
  s = await codingStudy();
  const owen = await s.as('owen');
  await owen.post(`/api/studies/${s.studyId}/sampling/draw`, { roundId: s.roundId, size: 2, seed: 'web', overlap: 1 });
  units = s.t.db.prepare('SELECT id FROM units ORDER BY position').pluck().all() as number[];
  const cora = await s.as('cora');
  const cody = await s.as('cody');
  const code = (who: Agent, unit: number, body: object) =>
    who.request('PUT', `/api/studies/${s.studyId}/units/${unit}/coding`, body);
  await code(cora, units[0]!, {
    codeIds: ['model-usage'],
    memo: 'asks how to call it',
    unsure: true,
    quotes: { 'model-usage': { text: 'Post', start: 0, end: 4 } },
  });
  await code(cody, units[0]!, { codeIds: ['model-usage', 'documentation'], memo: 'docs too' });
  await code(cora, units[1]!, { codeIds: ['dataset'] });
  await code(cody, units[1]!, { codeIds: ['training-pipeline'] });
  await owen.post(`/api/studies/${s.studyId}/rounds/${s.roundId}/close`);
});
afterEach(() => s.t.close());

test('an adjudicator compares the codings, picks the final labels, settles with a rationale and can reopen', async () => {
  const user = userEvent.setup();
  renderWithApi(s.t.app, { path: `/studies/${s.studyId}/adjudicate`, agent: await s.as('ada') });
  const queue = await screen.findByRole('list', { name: 'Units in adjudication' });
  expect(within(queue).getAllByRole('button')).toHaveLength(2);

  // j selects the first unit, j the next, k goes back.
  await user.keyboard('j');
  expect(await screen.findByRole('region', { name: 'Coding by cora' })).toBeInTheDocument();
  await user.keyboard('j');
  expect(
    await within(await screen.findByRole('region', { name: 'Coding by cody' })).findByText('Training pipeline issues'),
  ).toBeInTheDocument();
  await user.keyboard('k');
  const cora = await screen.findByRole('region', { name: 'Coding by cora' });
  expect(await within(cora).findByText('Model usage understanding')).toBeInTheDocument();
  expect(within(cora).getByText('Post', { selector: 'blockquote' })).toBeInTheDocument();
  expect(within(cora).getByText('asks how to call it')).toBeInTheDocument();
  expect(within(cora).getByText(/unsure/)).toBeInTheDocument();
  expect(within(screen.getByRole('region', { name: 'Coding by cody' })).getByText('docs too')).toBeInTheDocument();
  expect(screen.getByRole('article', { name: /^Coded post/ })).toHaveTextContent('of thread');

  // The final set starts as the labels both coders share.
  const decision = screen.getByRole('form', { name: 'Decision' });
  expect(within(decision).getByRole('checkbox', { name: 'Model usage understanding' })).toBeChecked();
  const docs = within(decision).getByRole('checkbox', { name: 'Documentation and tutorial gaps' });
  expect(docs).not.toBeChecked();
  expect(docs).toHaveAccessibleDescription('applied by cody');
  await user.click(within(decision).getByRole('button', { name: 'Accept cody’s labels' }));
  expect(docs).toBeChecked();
  await user.click(docs);
  await user.click(docs);

  // A blank rationale is refused by the API, and the message shows beside the decision.
  await user.type(within(decision).getByLabelText('Rationale'), '   ');
  await user.click(within(decision).getByRole('button', { name: 'Settle' }));
  expect(await within(decision).findByRole('alert')).toHaveTextContent('Write down why these are the final labels.');

  await user.clear(within(decision).getByLabelText('Rationale'));
  await user.type(within(decision).getByLabelText('Rationale'), 'The poster also complains about the docs.');
  await user.click(within(decision).getByRole('button', { name: 'Settle' }));
  const settled = await screen.findByRole('region', { name: 'Decision' });
  expect(within(settled).getByText('ada')).toBeInTheDocument();
  expect(within(settled).getByText('Documentation and tutorial gaps, Model usage understanding')).toBeInTheDocument();
  expect(within(settled).getByText('The poster also complains about the docs.')).toBeInTheDocument();
  expect(
    s.t.db.prepare('SELECT code_id, origin FROM final_labels WHERE unit_id = ? ORDER BY code_id').all(units[0]),
  ).toEqual([
    { code_id: 'documentation', origin: 'adjudication' },
    { code_id: 'model-usage', origin: 'adjudication' },
  ]);
  const counts = screen.getByRole('table', { name: 'Final label counts' });
  const row = (await within(counts).findByRole('rowheader', { name: 'Documentation and tutorial gaps' })).closest(
    'tr',
  )!;
  expect(
    within(row)
      .getAllByRole('cell')
      .map((c) => c.textContent),
  ).toEqual(['0', '1', '1']);
  expect(within(queue).getByRole('button', { current: true })).toHaveTextContent('settled');

  await user.click(within(settled).getByRole('button', { name: 'Reopen' }));
  const again = await screen.findByRole('form', { name: 'Decision' });
  expect(within(again).getByLabelText('Rationale')).toHaveValue('The poster also complains about the docs.');
  expect(s.t.db.prepare('SELECT count(*) FROM final_labels').pluck().get()).toBe(0);
});

test('the status filter narrows the queue', async () => {
  const user = userEvent.setup();
  renderWithApi(s.t.app, { path: `/studies/${s.studyId}/adjudicate`, agent: await s.as('owen') });
  const filters = await screen.findByRole('form', { name: 'Queue filters' });
  expect(await screen.findAllByRole('button', { name: /^#\d/ })).toHaveLength(2);
  await user.selectOptions(within(filters).getByLabelText('Status'), 'settled');
  expect(await screen.findByText('No units in adjudication match these filters.')).toBeInTheDocument();
  await user.selectOptions(within(filters).getByLabelText('Status'), '');
  await user.selectOptions(await within(filters).findByLabelText('Code'), 'dataset');
  expect(await screen.findAllByRole('button', { name: /^#\d/ })).toHaveLength(1);
});
