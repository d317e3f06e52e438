// The thread page of a long thread: posts a page at a time, and links to a post (#post-N, a
// reply's "in reply to") that open the page around that post even when it was not loaded.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { Agent } from '../support/agent.ts';
import { insertForum } from '../support/forum.ts';
import { renderWithApi } from '../support/render-app.tsx';
import { addUser, makeTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let agent: Agent;
let threadId: number;
// jsdom has no layout: the page asks the linked post's element to scroll into view; record which.
const scrolledTo = vi.fn();

beforeEach(async () => {
  t = makeTestApp();
  await addUser(t.db, 'rita');
  agent = new Agent(t.app);
  await agent.login('rita');
  threadId = insertForum(t.db, [
    {
      title: 'A long thread',
      createdAt: '2023-01-01T00:00:00.000Z',
      posts: Array.from({ length: 250 }, (_, i) => `Words of post ${i + 1}`),
    },
  ]).threadIds[0]!;
  t.db.prepare('UPDATE posts SET reply_to = 3 WHERE thread_id = ? AND post_number = 230').run(threadId);
  scrolledTo.mockClear();
  Element.prototype.scrollIntoView = function (this: Element) {
    scrolledTo(this.id);
  };
});
afterEach(() => t.close());

const shownPosts = () =>
  within(screen.getByRole('list', { name: 'Posts' }))
    .getAllByRole('article')
    .map((a) => a.getAttribute('aria-label'));

test('the first page holds posts 1-100; later posts load on asking', async () => {
  const user = userEvent.setup();
  renderWithApi(t.app, { path: `/threads/${threadId}`, agent });
  await screen.findByRole('article', { name: 'Post 100 by user99' });
  expect(shownPosts()).toHaveLength(100);
  expect(screen.getByText('250')).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Show earlier posts' })).not.toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Show later posts' }));
  await screen.findByRole('article', { name: 'Post 200 by user199' });
  expect(shownPosts()).toHaveLength(200);
  await user.click(screen.getByRole('button', { name: 'Show later posts' }));
  await screen.findByRole('article', { name: 'Post 250 by user249' });
  expect(screen.queryByRole('button', { name: 'Show later posts' })).not.toBeInTheDocument();
});

test('a link to post 230 opens the page around it; its "in reply to #3" jumps back to post 3', async () => {
  const user = userEvent.setup();
  renderWithApi(t.app, { path: `/threads/${threadId}#post-230`, agent });
  const linked = await screen.findByRole('article', { name: 'Post 230 by user229' });
  expect(within(linked).getByText('Words of post 230')).toBeInTheDocument();
  // A third of the window before it, the rest after: posts 151-250.
  expect([shownPosts()[0], shownPosts().at(-1)]).toEqual(['Post 151 by user150', 'Post 250 by user249']);
  await waitFor(() => expect(scrolledTo).toHaveBeenLastCalledWith('post-230'));

  await user.click(within(linked).getByRole('link', { name: 'in reply to #3 (user2)' }));
  await screen.findByRole('article', { name: 'Post 3 by user2' });
  await waitFor(() => expect(scrolledTo).toHaveBeenLastCalledWith('post-3'));
  expect(screen.queryByRole('article', { name: 'Post 230 by user229' })).not.toBeInTheDocument();
});

test('earlier posts of a window opened at a link load on asking, before the ones shown', async () => {
  const user = userEvent.setup();
  renderWithApi(t.app, { path: `/threads/${threadId}#post-120`, agent });
  await screen.findByRole('article', { name: 'Post 120 by user119' });
  // 120 - 100/3 = 87: posts 87-186; then 100 more before them (the first 86).
  expect(shownPosts()[0]).toBe('Post 87 by user86');
  await user.click(screen.getByRole('button', { name: 'Show earlier posts' }));
  await screen.findByRole('article', { name: 'Post 1 by user0' });
  expect(shownPosts()[0]).toBe('Post 1 by user0');
});

test('two posts numbered 100 across the first page edge both show, once each', async () => {
  // A hand-made dump: the 101st post is numbered 100 too (by user100), so numbers run 1-100, 100, 102-250.
  t.db.prepare('UPDATE posts SET post_number = 100 WHERE thread_id = ? AND post_number = 101').run(threadId);
  const user = userEvent.setup();
  renderWithApi(t.app, { path: `/threads/${threadId}`, agent });
  await screen.findByRole('article', { name: 'Post 100 by user99' });
  expect(shownPosts()).toHaveLength(100);
  await user.click(screen.getByRole('button', { name: 'Show later posts' }));
  await screen.findByRole('article', { name: 'Post 200 by user199' });
  expect(shownPosts().slice(98, 102)).toEqual([
    'Post 99 by user98',
    'Post 100 by user99',
    'Post 100 by user100',
    'Post 102 by user101',
  ]);
  expect(shownPosts()).toHaveLength(200);
});
