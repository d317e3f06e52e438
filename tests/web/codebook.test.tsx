import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { codingStudy, type CodingStudy } from '../support/coding-study.ts';
import { renderWithApi } from '../support/render-app.tsx';

let s: CodingStudy;
beforeEach(async () => {
  s = await codingStudy();
});
afterEach(() => s.t.close());

const page = () => `/studies/${s.studyId}/codebook`;
const versions = () => s.t.db.prepare('SELECT version, message FROM codebook_versions ORDER BY version').all();

async function openCode(name: string) {
  const tree = await screen.findByRole('list', { name: 'Codes' });
  await userEvent.click(within(tree).getByRole('button', { name }));
  return screen.findByRole('form', { name: `Edit ${name}` });
}

test('an owner edits a definition with a why, and the new version shows in the history with its diff', async () => {
  const user = userEvent.setup();
  renderWithApi(s.t.app, { path: page(), agent: await s.as('owen') });
  const form = await openCode('Dataset acquisition and usage');
  const definition = within(form).getByLabelText('Definition');
  await user.clear(definition);
  await user.type(definition, 'Finding, licensing or loading a dataset for a model.');

  // A save without a reason is refused before it leaves the page.
  await user.click(within(form).getByRole('button', { name: 'Save changes' }));
  expect(await within(form).findByRole('alert')).toHaveTextContent('Say why the codebook changes');
  expect(versions()).toHaveLength(1);

  await user.type(within(form).getByLabelText(/^Why/), 'Coders asked whether licensing belongs here.');
  await user.click(within(form).getByRole('button', { name: 'Save changes' }));
  expect(await within(form).findByRole('status')).toHaveTextContent('Saved as a new version');
  expect(versions()).toEqual([
    { version: 1, message: 'From template' },
    { version: 2, message: 'Coders asked whether licensing belongs here.' },
  ]);

  const history = screen.getByRole('region', { name: 'Version history' });
  const row = await within(history).findByRole('row', { name: /^2 .*Coders asked whether licensing belongs here\./ });
  expect(row).toHaveTextContent('owen');
  const diff = await within(history).findByRole('region', { name: 'Changes from version 1 to version 2' });
  expect(diff).toHaveTextContent('changed');
  expect(diff).toHaveTextContent('Finding, licensing or loading a dataset for a model.');
  expect(screen.getByRole('region', { name: 'Study version' })).toHaveTextContent(
    'The study codes with version 1; the codebook is at version 2.',
  );
});

test('the merge dialog merges two codes into one, and the tree and history follow', async () => {
  const user = userEvent.setup();
  renderWithApi(s.t.app, { path: page(), agent: await s.as('owen') });
  await openCode('Model usage understanding');
  await user.click(screen.getByRole('button', { name: 'Merge…' }));
  const dialog = await screen.findByRole('dialog', { name: 'Merge Model usage understanding with…' });
  const merge = within(dialog).getByRole('form', { name: 'Merge codes' });
  expect(within(merge).getByRole('button', { name: 'Merge' })).toBeDisabled();
  await user.click(within(merge).getByRole('checkbox', { name: 'Challenge › Documentation and tutorial gaps' }));
  expect(within(merge).getByLabelText('Merge into')).toHaveValue('model-usage');
  await user.type(within(merge).getByLabelText(/^Why/), 'Coders could not tell them apart in calibration.');
  await user.click(within(merge).getByRole('button', { name: 'Merge' }));

  await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  const tree = screen.getByRole('list', { name: 'Codes' });
  await waitFor(() =>
    expect(within(tree).queryByRole('button', { name: 'Documentation and tutorial gaps' })).not.toBeInTheDocument(),
  );
  expect(within(tree).getByRole('button', { name: 'Model usage understanding' })).toBeInTheDocument();
  const history = screen.getByRole('region', { name: 'Version history' });
  expect(await within(history).findByText(/merge: model-usage, documentation → model-usage/)).toBeInTheDocument();
  const diff = await within(history).findByRole('region', { name: 'Changes from version 1 to version 2' });
  expect(diff).toHaveTextContent(/removed\s*Documentation and tutorial gaps/);
});

test('a save on a stale version says so and offers to reload', async () => {
  const user = userEvent.setup();
  renderWithApi(s.t.app, { path: page(), agent: await s.as('owen') });
  const form = await openCode('Memory and performance');
  // Someone else saves first.
  const other = await s.as('owen');
  const res = await other.post(`/api/studies/${s.studyId}/codebook/versions`, {
    op: 'update',
    id: 'dataset',
    patch: { definition: 'x' },
    baseVersion: 1,
    why: 'elsewhere',
  });
  expect(res.status).toBe(201);

  await user.type(within(form).getByLabelText('Exclude when'), 'Out-of-memory errors caused by a bug.');
  await user.type(within(form).getByLabelText(/^Why/), 'clarify');
  await user.click(within(form).getByRole('button', { name: 'Save changes' }));
  const alert = await within(form).findByRole('alert');
  expect(alert).toHaveTextContent('Someone changed the codebook meanwhile — Reload');
  await user.click(within(alert).getByRole('button', { name: 'Reload' }));
  expect(await screen.findByText(/version 2/, { selector: 'p' })).toBeInTheDocument();
  await waitFor(() =>
    expect(
      within(screen.getByRole('form', { name: 'Edit Memory and performance' })).queryByRole('alert'),
    ).not.toBeInTheDocument(),
  );
});

test('"Move to…" moves a code by keyboard, with a why', async () => {
  const user = userEvent.setup();
  renderWithApi(s.t.app, { path: page(), agent: await s.as('owen') });
  await openCode('Expert solutions and clarifications');
  await user.click(screen.getByRole('button', { name: 'Move to…' }));
  const form = screen.getByRole('form', { name: 'Move Expert solutions and clarifications' });
  await user.selectOptions(within(form).getByLabelText('Move to…'), 'Benefit › Acknowledgement of help');
  await user.type(within(form).getByLabelText(/^Why/), 'It is a kind of acknowledgement.');
  await user.click(within(form).getByRole('button', { name: 'Move' }));
  await waitFor(() => expect(versions()).toHaveLength(2));
  const moved = s.t.db
    .prepare(
      "SELECT parent_id FROM codes c JOIN codebook_versions v ON v.id = c.version_id WHERE v.version = 2 AND c.id = 'expert-solutions'",
    )
    .pluck()
    .get();
  expect(moved).toBe('acknowledgement');
});

test('coders read the codebook: definitions and notes, no editor', async () => {
  renderWithApi(s.t.app, { path: page(), agent: await s.as('cora') });
  const reference = await screen.findByRole('region', { name: /^Codebook/ });
  const challenge = within(reference).getByRole('region', { name: 'Challenge' });
  const entry = within(challenge).getByRole('article', { name: /Dataset acquisition and usage/ });
  expect(entry.textContent).toMatch(/dataset/i);
  expect(screen.queryByRole('list', { name: 'Codes' })).not.toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Save changes' })).not.toBeInTheDocument();
  await userEvent.type(within(reference).getByRole('searchbox', { name: 'Filter the codebook' }), 'memory');
  expect(within(reference).getAllByRole('article')).toHaveLength(1);
});

test('a study without a codebook: the owner starts from the HF template, chosen by default', async () => {
  const user = userEvent.setup();
  s.t.db.prepare('UPDATE studies SET codebook_id = NULL, codebook_version_id = NULL WHERE id = ?').run(s.studyId);
  renderWithApi(s.t.app, { path: page(), agent: await s.as('owen') });
  const form = await screen.findByRole('form', { name: 'Start a codebook' });
  const templates = await within(form).findByRole('list', { name: 'Templates' });
  expect(within(templates).getByRole('radio', { name: /^Hugging Face forum: challenges and benefits/ })).toBeChecked();
  expect(templates).toHaveTextContent('12 challenge, 5 benefit');
  await user.click(within(form).getByRole('button', { name: 'Use this codebook' }));
  const tree = await screen.findByRole('list', { name: 'Codes' });
  expect(within(tree).getByRole('button', { name: 'Model usage understanding' })).toBeInTheDocument();
});

test('after a split, a coder chooses the part that applies from the review list', async () => {
  const user = userEvent.setup();
  const owen = await s.as('owen');
  await owen.post(`/api/studies/${s.studyId}/sampling/draw`, { roundId: s.roundId, size: 1, seed: 'web', overlap: 1 });
  const unit = s.t.db.prepare('SELECT id FROM units').pluck().get() as number;
  await (await s.as('cora')).request('PUT', `/api/studies/${s.studyId}/units/${unit}/coding`, { codeIds: ['dataset'] });
  const split = {
    id: 'dataset',
    into: [
      { id: 'dataset-acquisition', name: 'Dataset acquisition' },
      { id: 'dataset-usage', name: 'Dataset usage' },
    ],
  };
  await owen.post(`/api/studies/${s.studyId}/codebook/versions`, {
    op: 'split',
    split,
    baseVersion: 1,
    why: 'two problems',
  });
  await owen.post(`/api/studies/${s.studyId}/codebook/upgrade`, { toVersion: 2 });

  renderWithApi(s.t.app, { path: page(), agent: await s.as('cora') });
  const list = await screen.findByRole('list', { name: 'Your codings' });
  const item = within(list).getByRole('form', { name: /^Review Dataset acquisition and usage in Thread/ });
  await user.click(within(item).getByRole('checkbox', { name: 'Dataset usage' }));
  await user.click(within(item).getByRole('button', { name: 'Apply' }));
  await waitFor(() => expect(screen.queryByRole('region', { name: 'Review list' })).not.toBeInTheDocument());
  const labels = s.t.db.prepare('SELECT code_id FROM coding_labels').pluck().all();
  expect(labels).toEqual(['dataset-usage']);
});
