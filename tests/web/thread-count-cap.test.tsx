// A study's Threads tab when the API stops counting (here at 2 threads): the list and the rule
// preview say "2+"; adding every match still adds, and reports, all of them.
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { Agent } from '../support/agent.ts';
import { insertForum } from '../support/forum.ts';
import { renderWithApi } from '../support/render-app.tsx';
import { addStudy, addUser, makeTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let studyId: number;
beforeEach(async () => {
  t = makeTestApp({ threadCountCap: 2 });
  insertForum(t.db, [
    { title: 'Model card', createdAt: '2022-01-10T00:00:00.000Z', category: 'Models', posts: ['Missing.'] },
    { title: 'Slow model', createdAt: '2022-02-10T00:00:00.000Z', category: 'Models', posts: ['On CPU.'] },
    { title: 'Which model?', createdAt: '2022-03-10T00:00:00.000Z', category: 'Beginners', posts: ['For text.'] },
    { title: 'Space asleep', createdAt: '2022-04-10T00:00:00.000Z', category: 'Spaces', posts: ['Wake it.'] },
  ]);
  const owner = await addUser(t.db, 'olga');
  studyId = addStudy(t.db, owner.id, [], 'Capped');
  const agent = new Agent(t.app);
  await agent.login('olga');
  renderWithApi(t.app, { path: `/studies/${studyId}/threads`, agent });
  await screen.findByRole('heading', { name: 'Selected threads' }, { timeout: 5000 });
});
afterEach(() => t.close());

test('the list says "2+ threads" past the cap, the exact count below it; adding all adds every match', async () => {
  const user = userEvent.setup();
  const browser = screen.getByRole('region', { name: 'Select by filter or by hand' });
  expect(await within(browser).findByText('2+ threads')).toHaveAttribute('role', 'status');
  await user.selectOptions(within(browser).getByLabelText('Category'), 'Spaces');
  expect(await within(browser).findByText('1 thread')).toHaveAttribute('role', 'status');
  await user.type(within(browser).getByLabelText('Search titles and posts'), 'model{Enter}');
  await user.selectOptions(within(browser).getByLabelText('Category'), '');
  await user.click(await within(browser).findByRole('button', { name: 'Add all 2+ matching' }));
  expect(await within(browser).findByText('Added 3 threads (3 matched).')).toHaveAttribute('role', 'status');
});

test("a keyword rule's preview past the cap says what it counted", async () => {
  const user = userEvent.setup();
  const form = screen.getByRole('form', { name: 'Keyword rule' });
  await user.type(within(form).getByLabelText(/^Keywords/), 'model');
  await user.click(within(form).getByRole('button', { name: 'Preview' }));
  expect(await within(form).findByRole('status')).toHaveTextContent(
    '2+ threads match; of the first 2, 2 would be added.',
  );
  await user.clear(within(form).getByLabelText(/^Keywords/));
  await user.type(within(form).getByLabelText(/^Keywords/), 'asleep');
  await user.click(within(form).getByRole('button', { name: 'Preview' }));
  expect(await within(form).findByText('1 thread matches; 1 would be added.')).toHaveAttribute('role', 'status');
});
