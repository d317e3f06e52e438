// A study's Threads tab: owners select threads by keyword rule, filter or pick; the rules stay listed.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { Agent } from '../support/agent.ts';
import { insertForum } from '../support/forum.ts';
import { renderWithApi } from '../support/render-app.tsx';
import { addStudy, addUser, makeTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let studyId: number;
beforeEach(async () => {
  t = makeTestApp();
  insertForum(
    t.db,
    [
      {
        title: 'Loading a pretrained checkpoint',
        createdAt: '2022-01-10T00:00:00.000Z',
        category: 'Models',
        posts: ['It fails to load.', 'Works now.'],
      },
      {
        title: 'How to fine-tune on my data',
        createdAt: '2022-02-10T00:00:00.000Z',
        category: 'Beginners',
        posts: ['Which learning rate?'],
      },
      {
        title: 'Tokenizer question',
        createdAt: '2022-03-10T00:00:00.000Z',
        category: 'Beginners',
        posts: ['Call AutoTokenizer.from_pretrained("bert").', 'Thanks', 'Solved'],
      },
      {
        title: 'Space is sleeping',
        createdAt: '2022-04-10T00:00:00.000Z',
        category: 'Spaces',
        posts: ['My Space went to sleep.'],
      },
    ],
    'HF forum',
  );
  const owner = await addUser(t.db, 'olga');
  const coder = await addUser(t.db, 'cody');
  studyId = addStudy(t.db, owner.id, [[coder.id, 'coder']], 'PTM reuse');
});
afterEach(() => t.close());

async function open(username: string) {
  const agent = new Agent(t.app);
  await agent.login(username);
  renderWithApi(t.app, { path: `/studies/${studyId}/threads`, agent });
  return screen.findByRole('heading', { name: 'Selected threads' }, { timeout: 5000 });
}

test('an owner previews and adds a keyword rule, then picks a thread; counts and rules update', async () => {
  const user = userEvent.setup();
  await open('olga');
  expect(
    within(screen.getByRole('navigation', { name: 'Study' })).getByRole('link', { name: 'Threads' }),
  ).toHaveAttribute('href', `/studies/${studyId}/threads`);
  const form = screen.getByRole('form', { name: 'Keyword rule' });
  await user.type(within(form).getByLabelText(/^Keywords/), 'pretrained{Enter}fine-tune, from_pretrained');
  await user.click(within(form).getByRole('button', { name: 'Preview' }));
  expect(await within(form).findByRole('status')).toHaveTextContent('3 threads match; 3 would be added.');

  await user.click(within(form).getByRole('button', { name: 'Add matching threads' }));
  await waitFor(() => expect(within(form).getByRole('status')).toHaveTextContent('Added 3 threads (3 matched).'));
  await waitFor(() =>
    expect(screen.getByText(/threads with/).textContent).toBe(
      '3 threads with 6 posts are selected; sampling draws units from them.',
    ),
  );
  const rules = screen.getByRole('table', { name: 'Selection rules' });
  expect(within(rules).getAllByRole('row')[1]).toHaveTextContent(
    /olgaAddedany of "pretrained", "fine-tune", "from_pretrained"333$/,
  );

  // The browser marks selected threads; pick the one left out and add it.
  const browser = screen.getByRole('region', { name: 'Select by filter or by hand' });
  await user.selectOptions(within(browser).getByLabelText('In this study'), 'no');
  await waitFor(() => expect(within(browser).getAllByRole('listitem')).toHaveLength(1));
  await user.click(within(browser).getByRole('checkbox', { name: 'Pick Space is sleeping' }));
  await user.click(within(browser).getByRole('button', { name: 'Add picked (1)' }));
  expect(await within(browser).findByText('Added 1 thread (1 matched).')).toHaveAttribute('role', 'status');
  await waitFor(() => expect(within(rules).getAllByRole('row')).toHaveLength(3));
  expect(within(rules).getAllByRole('row')[2]).toHaveTextContent(/Added1 picked thread114$/);
});

test('an owner removes every thread matching the browser filter', async () => {
  t.db.prepare('INSERT INTO study_threads (study_id, thread_id) SELECT ?, id FROM threads').run(studyId);
  const user = userEvent.setup();
  await open('olga');
  const browser = screen.getByRole('region', { name: 'Select by filter or by hand' });
  await user.selectOptions(await within(browser).findByLabelText('Category'), 'Beginners (2)');
  await user.click(await within(browser).findByRole('button', { name: 'Remove all matching' }));
  expect(await within(browser).findByText('Removed 2 threads (2 matched).')).toHaveAttribute('role', 'status');
  expect(within(screen.getByRole('table', { name: 'Selection rules' })).getAllByRole('row')[1]).toHaveTextContent(
    'category Beginners',
  );
});

test('every declared filter has its field; another source clears the category; the rule reads back in words', async () => {
  insertForum(
    t.db,
    [{ title: 'Import error', createdAt: '2022-05-01T00:00:00.000Z', category: 'Beginners', posts: ['Hm'] }],
    'SE',
  );
  const user = userEvent.setup();
  await open('olga');
  const browser = screen.getByRole('region', { name: 'Select by filter or by hand' });
  const field = (label: string) => within(browser).getByLabelText(label) as HTMLSelectElement;
  expect(['Source', 'Category', 'Tag', 'From', 'To', 'Coded'].map((l) => field(l).tagName)).toEqual([
    'SELECT',
    'SELECT',
    'SELECT',
    'INPUT',
    'INPUT',
    'SELECT',
  ]);
  await user.selectOptions(field('Source'), 'HF forum');
  await user.selectOptions(field('Category'), await within(browser).findByRole('option', { name: 'Beginners (2)' }));
  await user.selectOptions(field('Source'), 'SE');
  await waitFor(() => expect(field('Category').value).toBe(''));
  await user.selectOptions(field('Source'), 'HF forum');
  await user.selectOptions(field('Category'), await within(browser).findByRole('option', { name: 'Beginners (2)' }));
  await user.selectOptions(field('Coded'), 'Not coded');
  await user.click(await within(browser).findByRole('button', { name: 'Add all 2 matching' }));
  expect(await within(browser).findByText('Added 2 threads (2 matched).')).toHaveAttribute('role', 'status');
  expect(within(screen.getByRole('table', { name: 'Selection rules' })).getAllByRole('row')[1]).toHaveTextContent(
    'source HF forum, category Beginners, not coded',
  );
});

test('a coder sees the counts and rules but not the tools', async () => {
  await open('cody');
  expect(screen.getByText("The study's owners choose its threads.")).toBeInTheDocument();
  expect(screen.queryByRole('form', { name: 'Keyword rule' })).toBeNull();
});
