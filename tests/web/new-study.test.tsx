import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { loggedIn } from '../support/agent.ts';
import { renderWithApi } from '../support/render-app.tsx';
import { addUser, makeTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = makeTestApp();
  await addUser(t.db, 'nina');
});
afterEach(() => t.close());

const templateOf = (name: string) =>
  t.db
    .prepare('SELECT c.template_id FROM studies s LEFT JOIN codebooks c ON c.id = s.codebook_id WHERE s.name = ?')
    .pluck()
    .get(name);

test('a new study codes with the Hugging Face forum template unless told otherwise', async () => {
  const user = userEvent.setup();
  renderWithApi(t.app, { path: '/studies', agent: await loggedIn(t.app, 'nina') });
  const form = await screen.findByRole('form', { name: 'New study' });
  const codebook = within(form).getByLabelText('Codebook');
  await within(codebook).findByRole('option', { name: /Model store information elements/ });
  expect(codebook).toHaveValue('hf-forum-ptm-reuse');
  await user.type(within(form).getByLabelText('Name'), 'Reuse pains');
  await user.click(within(form).getByRole('button', { name: 'Create study' }));
  expect(await screen.findByRole('heading', { name: 'Reuse pains' })).toBeInTheDocument();
  expect(templateOf('Reuse pains')).toBe('hf-forum-ptm-reuse');
});

test('"none yet" creates a study without a codebook', async () => {
  const user = userEvent.setup();
  renderWithApi(t.app, { path: '/studies', agent: await loggedIn(t.app, 'nina') });
  const form = await screen.findByRole('form', { name: 'New study' });
  await user.type(within(form).getByLabelText('Name'), 'Later');
  await user.selectOptions(within(form).getByLabelText('Codebook'), '');
  await user.click(within(form).getByRole('button', { name: 'Create study' }));
  expect(await screen.findByRole('heading', { name: 'Later' })).toBeInTheDocument();
  expect(templateOf('Later')).toBeNull();
});
