import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { renderWithApi } from '../support/render-app.tsx';
import { addStudy, addUser, makeTestApp, testPassword, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = makeTestApp({ setupCode: 'K7QM-2XRD-9TWB' });
  const owner = await addUser(t.db, 'carol');
  const coder = await addUser(t.db, 'alice');
  addStudy(t.db, owner.id, [[coder.id, 'coder']], 'Demo study');
});
afterEach(() => t.close());

test('a coder logs in and sees the studies they belong to', async () => {
  const user = userEvent.setup();
  renderWithApi(t.app, { path: '/studies' });
  const form = await screen.findByRole('form', { name: 'Log in' });
  await user.type(within(form).getByLabelText('User name'), 'alice');
  await user.type(within(form).getByLabelText('Password'), testPassword);
  await user.click(within(form).getByRole('button', { name: 'Log in' }));
  expect(await screen.findByRole('heading', { name: 'Studies' })).toBeInTheDocument();
  const row = (await screen.findByRole('link', { name: 'Demo study' })).closest('tr')!;
  expect(within(row).getByText('coder')).toBeInTheDocument();
});

test('a wrong password shows the API message beside the form', async () => {
  const user = userEvent.setup();
  renderWithApi(t.app);
  const form = await screen.findByRole('form', { name: 'Log in' });
  await user.type(within(form).getByLabelText('User name'), 'alice');
  await user.type(within(form).getByLabelText('Password'), 'not the password');
  await user.click(within(form).getByRole('button', { name: 'Log in' }));
  expect(await within(form).findByRole('alert')).toHaveTextContent('The user name or password is wrong.');
});

test('a fresh instance offers the first-run setup, which asks for the console code, then makes an administrator', async () => {
  const user = userEvent.setup();
  renderWithApi(t.app);
  await user.click(await screen.findByRole('link', { name: 'Set up administrator' }));
  const form = await screen.findByRole('form', { name: 'Set up administrator' });
  await user.type(within(form).getByLabelText(/^Setup code/), 'WRONG-CODE');
  await user.type(within(form).getByLabelText('User name'), 'root');
  await user.type(within(form).getByLabelText('Display name'), 'Root');
  await user.type(within(form).getByLabelText(/Password/), 'a long enough password');
  await user.click(within(form).getByRole('button', { name: 'Create administrator' }));
  expect(await within(form).findByRole('alert', undefined, { timeout: 5000 })).toHaveTextContent(
    'The setup code is wrong or missing: copy it from the server console, where npm start printed it.',
  );
  await user.clear(within(form).getByLabelText(/^Setup code/));
  await user.type(within(form).getByLabelText(/^Setup code/), 'k7qm-2xrd-9twb');
  await user.click(within(form).getByRole('button', { name: 'Create administrator' }));
  // Creating the account hashes its password (slow on purpose): allow for a busy machine.
  expect(await screen.findByText('Root (admin)', undefined, { timeout: 5000 })).toBeInTheDocument();
  expect(await screen.findByRole('link', { name: 'Demo study' })).toBeInTheDocument();
});
