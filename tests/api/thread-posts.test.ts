// A long thread's posts come in pages: from the start, after or before a post number, or a
// window around one (a link to post N); cursors (`<post number>:<post id>`) chain the pages with
// no gap and no repeat, also where a hand-made dump numbers two posts of a thread alike.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loggedIn, type Agent } from '../support/agent.ts';
import { insertForum } from '../support/forum.ts';
import { addUser, makeTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let threadId: number;
let postIds: number[];
let reader: Agent;

interface Page {
  posts: { id: number; postNumber: number; replyTo: number | null; replyToAuthor: string | null; html: string }[];
  prevCursor: string | null;
  nextCursor: string | null;
}

beforeEach(async () => {
  t = makeTestApp();
  // 250 posts, numbered 1-250; post 200 answers post 3.
  const forum = insertForum(t.db, [
    {
      title: 'A long thread',
      createdAt: '2023-01-01T00:00:00.000Z',
      posts: Array.from({ length: 250 }, (_, i) => `Post ${i + 1}`),
    },
  ]);
  threadId = forum.threadIds[0]!;
  postIds = forum.postIds[0]!;
  t.db.prepare('UPDATE posts SET reply_to = 3 WHERE thread_id = ? AND post_number = 200').run(threadId);
  await addUser(t.db, 'rita');
  reader = await loggedIn(t.app, 'rita');
});
afterEach(() => t.close());

async function page(query: string, thread = threadId): Promise<Page> {
  const res = await reader.get(`/api/threads/${thread}/posts?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Page;
}
const numbers = (p: Page) => p.posts.map((x) => x.postNumber);
/** The cursor of post number n of the long thread. */
const key = (n: number) => `${n}:${postIds[n - 1]}`;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('pages of posts', () => {
  test('the first page holds 50 posts by default and points on to the next', async () => {
    const first = await page('');
    expect(numbers(first)).toEqual(range(1, 50));
    expect([first.prevCursor, first.nextCursor]).toEqual([null, key(50)]);
    expect(first.posts[0]!.html).toBe('<p>Post 1</p>');
  });

  test('following nextCursor walks every post once, and the last page says there is no more', async () => {
    const seen: number[] = [];
    let cursor: string | null = '0';
    while (cursor !== null) {
      const p = await page(`after=${cursor}&limit=100`);
      seen.push(...numbers(p));
      cursor = p.nextCursor;
    }
    expect(seen).toEqual(range(1, 250));
    const last = await page('after=200&limit=100');
    expect([numbers(last).length, last.prevCursor, last.nextCursor]).toEqual([50, key(201), null]);
  });

  test('a page that ends exactly at the last post has no nextCursor', async () => {
    const p = await page('after=150&limit=100');
    expect([numbers(p)[0], numbers(p).at(-1), p.nextCursor]).toEqual([151, 250, null]);
  });

  test('before a post number: the posts just before it, in order, pointing further back', async () => {
    const p = await page('before=101&limit=20');
    expect(numbers(p)).toEqual(range(81, 100));
    expect([p.prevCursor, p.nextCursor]).toEqual([key(81), key(100)]);
    const start = await page('before=11&limit=20');
    expect([numbers(start), start.prevCursor]).toEqual([range(1, 10), null]);
  });

  test('around post 200: a third of the window before it, the rest from it on', async () => {
    const p = await page('around=200&limit=30');
    expect(numbers(p)).toEqual(range(190, 219));
    expect([p.prevCursor, p.nextCursor]).toEqual([key(190), key(219)]);
    // The post it answers is on another page; its author comes with the reply.
    expect(p.posts.find((x) => x.postNumber === 200)).toMatchObject({ replyTo: 3, replyToAuthor: 'user2' });
  });

  test('around a post near either end fills the window from the other side', async () => {
    const end = await page('around=249&limit=30');
    expect([numbers(end), end.nextCursor]).toEqual([range(221, 250), null]);
    const start = await page('around=2&limit=30');
    expect([numbers(start), start.prevCursor]).toEqual([range(1, 30), null]);
    const past = await page('around=900&limit=10');
    expect(numbers(past)).toEqual(range(241, 250));
  });
});

describe('a thread whose dump numbers several posts alike', () => {
  // Posts a-f numbered 1, 2, 3, 3, 3, 4: the three posts numbered 3 fall across page edges.
  let dup: number;
  let ids: Record<'a' | 'b' | 'c' | 'd' | 'e' | 'f', number>;
  beforeEach(() => {
    const forum = insertForum(
      t.db,
      [{ title: 'Hand-made', createdAt: '2023-02-01T00:00:00.000Z', posts: ['a', 'b', 'c', 'd', 'e', 'f'] }],
      'Hand-made dump',
    );
    dup = forum.threadIds[0]!;
    const [a, b, c, d, e, f] = forum.postIds[0]! as [number, number, number, number, number, number];
    ids = { a, b, c, d, e, f };
    const renumber = t.db.prepare('UPDATE posts SET post_number = ? WHERE id = ?');
    for (const [id, n] of [
      [d, 3],
      [e, 3],
      [f, 4],
    ])
      renumber.run(n, id);
  });
  const idsOf = (p: Page) => p.posts.map((x) => x.id);

  test('walking forward by nextCursor gives every post once, in (number, id) order', async () => {
    const first = await page('limit=3', dup);
    expect([idsOf(first), first.prevCursor, first.nextCursor]).toEqual([[ids.a, ids.b, ids.c], null, `3:${ids.c}`]);
    const second = await page(`after=${first.nextCursor}&limit=3`, dup);
    expect([idsOf(second), second.prevCursor, second.nextCursor]).toEqual([[ids.d, ids.e, ids.f], `3:${ids.d}`, null]);
  });

  test('walking back by prevCursor gives the posts before, the other two numbered 3 included', async () => {
    const back = await page(`before=4:${ids.f}&limit=2`, dup);
    expect([idsOf(back), back.prevCursor, back.nextCursor]).toEqual([[ids.d, ids.e], `3:${ids.d}`, `3:${ids.e}`]);
    const further = await page(`before=${back.prevCursor}&limit=2`, dup);
    expect([idsOf(further), further.prevCursor, further.nextCursor]).toEqual([
      [ids.b, ids.c],
      `2:${ids.b}`,
      `3:${ids.c}`,
    ]);
  });

  test('around a repeated number: every post of it is from the window on; a bare number pages past them all', async () => {
    const window = await page('around=3&limit=3', dup);
    expect([idsOf(window), window.prevCursor, window.nextCursor]).toEqual([
      [ids.b, ids.c, ids.d],
      `2:${ids.b}`,
      `3:${ids.d}`,
    ]);
    expect(idsOf(await page(`after=${window.nextCursor}`, dup))).toEqual([ids.e, ids.f]);
    expect(idsOf(await page('after=3', dup))).toEqual([ids.f]);
    expect(idsOf(await page('before=3', dup))).toEqual([ids.a, ids.b]);
  });
});

describe('bad requests', () => {
  test.each([
    ['after=abc', 'after'],
    ['before=-1', 'before'],
    ['around=1.5', 'around'],
    ['after=3:', 'after'],
    ['before=3:x', 'before'],
    ['around=3:4', 'around'],
    ['limit=0', 'limit'],
    ['limit=201', 'limit'],
  ])('%s is 400 naming %s', async (query, field) => {
    const res = await reader.get(`/api/threads/${threadId}/posts?${query}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { where: { field: string } } }).error.where.field).toBe(field);
  });

  test('two starting points at once are 400', async () => {
    const res = await reader.get(`/api/threads/${threadId}/posts?after=10&around=20`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
      'Give one of after, before or around, not several.',
    );
  });

  test('an unknown thread is 404, and signing out is 401', async () => {
    expect((await reader.get('/api/threads/9999/posts')).status).toBe(404);
    expect((await t.app.request(`/api/threads/${threadId}/posts`)).status).toBe(401);
  });
});
