// A long adjudication queue comes in pages of 100 into a virtual list: only the rows in view
// are in the DOM, and j at the last loaded unit brings the next page and moves on into it.
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { Agent } from '../support/agent.ts';
import { largeStudy } from '../support/large-study.ts';
import { renderWithApi } from '../support/render-app.tsx';
import { makeTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let study: Awaited<ReturnType<typeof largeStudy>>;
let ada: Agent;
// A loaded machine may take a while over the first render of a 250-unit queue.
const slow = { timeout: 5000 };
beforeEach(async () => {
  t = makeTestApp();
  study = await largeStudy(t.db, { units: 250, disagree: true });
  ada = new Agent(t.app);
  await ada.login('ada');
});
afterEach(() => t.close());

test('250 units in adjudication: a few rows in the DOM, pages of 100 asked for as they are needed', async () => {
  const asked: string[] = [];
  const request = ada.request.bind(ada);
  ada.request = (method, path, ...rest) => {
    if (path.startsWith(`/api/studies/${study.studyId}/adjudication?`)) asked.push(path.split('?')[1]!);
    return request(method, path, ...rest);
  };
  renderWithApi(t.app, { path: `/studies/${study.studyId}/adjudicate`, agent: ada });
  const queue = await screen.findByRole('list', { name: 'Units in adjudication' }, slow);
  const rows = within(queue).getAllByRole('listitem');
  expect(rows.length).toBeGreaterThan(5);
  expect(rows.length).toBeLessThan(40);
  expect(rows[0]).toHaveTextContent(/^#1 Thread 1, post 1open/);
  // Its length is not known until the last page is here.
  expect(rows[1]).toHaveAttribute('aria-posinset', '2');
  expect(rows[1]).toHaveAttribute('aria-setsize', '-1');
  expect(asked).toEqual(['limit=100']);
});

test('j at the 100th unit loads the next page and selects the 101st; k goes back', async () => {
  const user = userEvent.setup();
  renderWithApi(t.app, { path: `/studies/${study.studyId}/adjudicate?unit=${study.unitIds[99]}`, agent: ada });
  await screen.findByRole('heading', { level: 2, name: /^#100 / }, slow);
  await screen.findByRole('list', { name: 'Units in adjudication' }, slow);
  await user.keyboard('j');
  expect(await screen.findByRole('heading', { level: 2, name: /^#101 / }, slow)).toBeInTheDocument();
  await user.keyboard('k');
  expect(await screen.findByRole('heading', { level: 2, name: /^#100 / }, slow)).toBeInTheDocument();
});

test('a coded post that replies to another links to the thread page at the post answered', async () => {
  const post = t.db
    .prepare('SELECT p.id, p.thread_id AS threadId FROM units u JOIN posts p ON p.id = u.post_id WHERE u.id = ?')
    .get(study.unitIds[1]) as { id: number; threadId: number };
  t.db.prepare('UPDATE posts SET reply_to = 1 WHERE id = ?').run(post.id);
  renderWithApi(t.app, { path: `/studies/${study.studyId}/adjudicate?unit=${study.unitIds[1]}`, agent: ada });
  const coded = await screen.findByRole('article', { name: /^Coded post/ }, slow);
  expect(within(coded).getByRole('link', { name: 'reply to #1' })).toHaveAttribute(
    'href',
    `/threads/${post.threadId}#post-1`,
  );
});
