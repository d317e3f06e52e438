// The thread browser: a virtual list with search and filters; one thread's page with reply links.
import { join } from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { catchUpSearchIndex } from '../../apps/api/src/db/search-catchup.ts';
import { runImportFile } from '../../apps/api/src/import/run.ts';
import { Agent } from '../support/agent.ts';
import { insertForum, monthlyForum } from '../support/forum.ts';
import { renderWithApi } from '../support/render-app.tsx';
import { addUser, makeTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let agent: Agent;
beforeEach(async () => {
  t = makeTestApp();
  await addUser(t.db, 'rita');
  agent = new Agent(t.app);
  await agent.login('rita');
});
afterEach(() => t.close());

const listed = () =>
  within(screen.getByRole('list', { name: 'Threads' }))
    .queryAllByRole('link')
    .map((a) => a.textContent);

test('search finds threads by stemmed words in titles and posts; a result opens the thread', async () => {
  const { threadIds } = insertForum(
    t.db,
    [
      {
        title: 'Tokenizer pads on the wrong side',
        createdAt: '2022-03-01T09:00:00.000Z',
        category: 'Beginners',
        tags: ['tokenizers'],
        posts: ['My tokenizer pads on the right.', 'Set padding_side to left.'],
      },
      {
        title: 'Space build fails',
        createdAt: '2023-01-02T00:00:00.000Z',
        category: 'Spaces',
        posts: ['Exit code 137.', 'Out of memory.'],
      },
      {
        title: 'Dataset streaming',
        createdAt: '2023-05-20T12:00:00.000Z',
        category: 'Datasets',
        posts: ['Which tokenizers work with streaming?'],
      },
    ],
    'HF forum',
  );
  t.db.prepare('UPDATE posts SET reply_to = 1 WHERE thread_id = ? AND post_number = 2').run(threadIds[0]);
  t.db
    .prepare("UPDATE threads SET url = 'https://discuss.huggingface.co/t/tokenizer/1' WHERE id = ?")
    .run(threadIds[0]);
  const user = userEvent.setup();
  renderWithApi(t.app, { path: '/threads', agent });
  await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('3 threads'));
  expect(listed()).toEqual(['Dataset streaming', 'Space build fails', 'Tokenizer pads on the wrong side']);

  const search = screen.getByRole('search', { name: 'Search threads' });
  await user.type(within(search).getByLabelText('Search titles and posts'), 'tokenizers{Enter}');
  await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('2 threads'));
  expect(listed().sort()).toEqual(['Dataset streaming', 'Tokenizer pads on the wrong side']);

  // Quotes and parentheses are not FTS syntax here: a phrase and a word.
  await user.clear(within(search).getByLabelText('Search titles and posts'));
  await user.type(within(search).getByLabelText('Search titles and posts'), '"wrong side" (pads){Enter}');
  await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('1 thread'));

  await user.click(screen.getByRole('link', { name: 'Tokenizer pads on the wrong side' }));
  expect(
    await screen.findByRole('heading', { level: 1, name: 'Tokenizer pads on the wrong side' }),
  ).toBeInTheDocument();
  const posts = screen.getByRole('list', { name: 'Posts' });
  const second = within(posts).getByRole('article', { name: 'Post 2 by user1' });
  expect(within(second).getByRole('link', { name: 'in reply to #1 (user0)' })).toHaveAttribute(
    'href',
    `/threads/${threadIds[0]}#post-1`,
  );
  expect(within(second).getByText('Set padding_side to left.')).toBeInTheDocument();
  expect(screen.getByRole('link', { name: 'https://discuss.huggingface.co/t/tokenizer/1' })).toBeInTheDocument();
  expect(screen.getByText('Beginners')).toBeInTheDocument();
});

test('filters by category and date; the virtual list renders only the rows in view of many', async () => {
  monthlyForum(t.db, 300);
  const user = userEvent.setup();
  renderWithApi(t.app, { path: '/threads', agent });
  await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('300 threads'));
  const items = screen.getAllByRole('listitem');
  expect(items.length).toBeLessThan(60);
  expect(items[0]).toHaveAttribute('aria-setsize', '300');
  expect(listed()[0]).toBe('Thread 300');

  await user.selectOptions(await screen.findByLabelText('Category'), 'Beginners (150)');
  await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('150 threads'));
  await user.type(screen.getByLabelText('From'), '2022-01-01');
  await user.type(screen.getByLabelText('To'), '2022-12-31');
  await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('6 threads'));
  expect(listed()).toEqual(['Thread 12', 'Thread 10', 'Thread 8', 'Thread 6', 'Thread 4', 'Thread 2']);
});

test('while the search index catches up after a big import, the page says so; then search finds the new threads', async () => {
  await runImportFile(t.db, join(process.cwd(), 'tests/fixtures/import/discourse/topics.jsonl'), {
    source: 'forum',
    deferIndex: true,
  });
  const user = userEvent.setup();
  renderWithApi(t.app, { path: '/threads', agent });
  expect(await screen.findByRole('status', { name: 'Search index' }, { timeout: 5000 })).toHaveTextContent(
    'Search index: indexing… 5 posts left. Search results may be incomplete until it is done.',
  );
  await user.type(
    within(screen.getByRole('search', { name: 'Search threads' })).getByLabelText('Search titles and posts'),
    'memory{Enter}',
  );
  await waitFor(() => expect(screen.getByText('0 threads')).toBeInTheDocument());

  await catchUpSearchIndex(t.db, { pauseMs: 0 });
  await waitFor(() => expect(screen.queryByRole('status', { name: 'Search index' })).toBeNull(), { timeout: 5000 });
  await waitFor(() => expect(listed()).toEqual(['Spaces build fails']));
});
