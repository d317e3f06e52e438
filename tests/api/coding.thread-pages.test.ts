// A thread unit comes a page at a time (issue #20): the unit's first 100 posts, then
// GET …/units/:unitId/posts with after / before / around, each post with `quoteStart`, where its
// text begins in the whole unit's text. A quote taken on a later page is stored with exactly the
// offsets it has in the whole text (posts joined by a blank line, counted in code points).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { loggedIn } from '../support/agent.ts';
import { insertForum } from '../support/forum.ts';
import { importTopics, threadIdOf, topics } from '../support/revised-forum.ts';
import { addStudyCast, makeTestApp, type TestApp } from '../support/test-app.ts';
import { threadUnitStudy } from '../support/thread-unit-study.ts';

let t: TestApp;
let dir: string | undefined;
afterEach(() => {
  t.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

// Emoji (one code point, two UTF-16 units) in every tenth post, so UTF-16 lengths would drift.
const texts = Array.from({ length: 320 }, (_, i) =>
  i % 10 === 3 ? `Post ${i + 1} 🚀 says 👋 hello.` : `Post ${i + 1} asks about tokenizers.`,
);
const codePoints = (s: string) => Array.from(s).length;

/** A thread study with one unit, the 320-post thread, assigned to cora and cody. */
async function threadUnit(db = makeTestApp()) {
  t = db;
  const { ids } = await addStudyCast(t.db);
  const threadId = insertForum(t.db, [{ title: 'A long thread', createdAt: '2023-01-01T00:00:00.000Z', posts: texts }])
    .threadIds[0]!;
  return { ...study(ids, threadId), threadId };
}

function study(ids: Record<string, number>, threadId: number) {
  const { studyId, unitId } = threadUnitStudy(t.db, ids, threadId);
  return { studyId, unitId, path: `/api/studies/${studyId}/units/${unitId}` };
}

interface PagePost {
  postNumber: number;
  text: string;
  quoteStart: number;
  isUnit: boolean;
}
interface Page {
  posts: PagePost[];
  prevCursor: string | null;
  nextCursor: string | null;
}
const numbers = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('a thread unit of 320 posts', () => {
  test('opens with its first 100 posts; after, before and around page on with exact post numbers', async () => {
    const u = await threadUnit();
    const cora = await loggedIn(t.app, 'cora');
    // A cursor is `<post number>:<post id>` (post numbers may repeat in a hand-made dump).
    const idOf = t.db.prepare('SELECT id FROM posts WHERE thread_id = ? AND post_number = ?').pluck();
    const key = (n: number) => `${n}:${idOf.get(u.threadId, n)}`;
    const first = await (await cora.get(u.path)).json();
    expect(first.posts.map((p: PagePost) => p.postNumber)).toEqual(numbers(1, 100));
    expect(first.thread.posts).toBe(320);
    expect([first.prevCursor, first.nextCursor]).toEqual([null, key(100)]);

    const page = async (query: string): Promise<Page> => {
      const res = await cora.get(`${u.path}/posts?${query}`);
      expect(res.status).toBe(200);
      return res.json();
    };
    const second = await page('after=100');
    expect(second.posts.map((p) => p.postNumber)).toEqual(numbers(101, 200));
    expect([second.prevCursor, second.nextCursor]).toEqual([key(101), key(200)]);
    const last = await page('after=300');
    expect(last.posts.map((p) => p.postNumber)).toEqual(numbers(301, 320));
    expect([last.prevCursor, last.nextCursor]).toEqual([key(301), null]);
    const before = await page('before=101&limit=30');
    expect(before.posts.map((p) => p.postNumber)).toEqual(numbers(71, 100));
    expect([before.prevCursor, before.nextCursor]).toEqual([key(71), key(100)]);
    // A third of the window before post 250, the rest from it on.
    const around = await page('around=250');
    expect(around.posts.map((p) => p.postNumber)).toEqual(numbers(217, 316));
    expect([around.prevCursor, around.nextCursor]).toEqual([key(217), key(316)]);
    // A quote's start (a code-point offset of the whole text) in post 250: the page around that post.
    const inPost250 = Array.from(texts.join('\n\n').split('Post 250 asks')[0]!).length + 5;
    expect((await page(`aroundOffset=${inPost250}`)).posts.map((p) => p.postNumber)).toEqual(numbers(217, 316));
    const end = await page('around=319&limit=10');
    expect(end.posts.map((p) => p.postNumber)).toEqual(numbers(311, 320));
    expect(end.posts.every((p) => p.isUnit)).toBe(true);
  });

  test('two posts numbered alike across a page edge: neither skipped nor repeated', async () => {
    const u = await threadUnit();
    // Post 101 renumbered 100, as a hand-made dump may number two posts alike.
    t.db.prepare('UPDATE posts SET post_number = 100 WHERE thread_id = ? AND post_number = 101').run(u.threadId);
    const ids = t.db
      .prepare('SELECT id FROM posts WHERE thread_id = ? ORDER BY post_number, id')
      .pluck()
      .all(u.threadId) as number[];
    const cora = await loggedIn(t.app, 'cora');
    const first = await (await cora.get(u.path)).json();
    expect(first.posts.map((p: { id: number }) => p.id)).toEqual(ids.slice(0, 100));
    expect(first.nextCursor).toBe(`100:${ids[99]}`);
    const second = await (await cora.get(`${u.path}/posts?after=${first.nextCursor}`)).json();
    expect(second.posts.map((p: { id: number }) => p.id)).toEqual(ids.slice(100, 200));
    expect(second.prevCursor).toBe(`100:${ids[100]}`);
    const back = await (await cora.get(`${u.path}/posts?before=${second.prevCursor}`)).json();
    expect(back.posts.map((p: { id: number }) => p.id)).toEqual(ids.slice(0, 100));
  });

  test('each post’s quoteStart is where its text begins in the whole unit’s text', async () => {
    const u = await threadUnit();
    const cora = await loggedIn(t.app, 'cora');
    const whole = texts.join('\n\n');
    const page: Page = await (await cora.get(`${u.path}/posts?after=200`)).json();
    for (const p of page.posts) {
      const start = p.quoteStart;
      expect(
        Array.from(whole)
          .slice(start, start + codePoints(p.text))
          .join(''),
      ).toBe(p.text);
    }
    // Post 201 follows 200 posts and 200 blank lines: 10 per hundred posts carry two emoji (two code points fewer).
    const utf16Before = texts.slice(0, 200).join('\n\n').length + 2;
    expect(page.posts[0]!.quoteStart).toBe(utf16Before - 20 * 2);
  });

  test('a quote in post 250, taken from its page, is stored with its offsets in the whole text', async () => {
    const u = await threadUnit();
    const cora = await loggedIn(t.app, 'cora');
    const page: Page = await (await cora.get(`${u.path}/posts?around=250`)).json();
    const post = page.posts.find((p) => p.postNumber === 250)!;
    expect(post.text).toBe('Post 250 asks about tokenizers.');
    // What the coding screen sends: the post's start plus the words' place in its text.
    const local = codePoints(post.text.slice(0, post.text.indexOf('about tokenizers')));
    const sent = { text: 'about tokenizers', start: post.quoteStart + local, end: post.quoteStart + local + 16 };
    // Expected independently: the words' place in the whole unit's text, as before paging.
    const whole = texts.join('\n\n');
    const at = whole.indexOf('Post 250 asks about tokenizers.') + 'Post 250 asks '.length;
    const expected = { text: 'about tokenizers', start: codePoints(whole.slice(0, at)), end: 0 };
    expected.end = expected.start + 16;
    expect(sent).toEqual(expected);

    const saved = await cora.request('PUT', `${u.path}/coding`, {
      codeIds: ['model-usage'],
      quotes: { 'model-usage': sent },
    });
    expect(saved.status).toBe(200);
    expect((await (await cora.get(u.path)).json()).coding.quotes).toEqual({ 'model-usage': expected });
  });

  test('bad page requests get 400 naming the field; a non-member 404', async () => {
    const u = await threadUnit();
    const cora = await loggedIn(t.app, 'cora');
    const both = await cora.get(`${u.path}/posts?after=1&around=5`);
    expect(both.status).toBe(400);
    expect((await both.json()).error).toMatchObject({ code: 'request.invalid_query', where: { field: 'around' } });
    const big = await cora.get(`${u.path}/posts?limit=500`);
    expect(big.status).toBe(400);
    expect((await big.json()).error.where.field).toBe('limit');
    const word = await cora.get(`${u.path}/posts?after=first`);
    expect((await word.json()).error.where.field).toBe('after');
    // nina is no member of the study.
    const nina = await loggedIn(t.app, 'nina');
    expect((await nina.get(`${u.path}/posts`)).status).toBe(404);
  });
});

describe('a thread unit edited since it was coded', () => {
  test('its pages show the coded posts with their coded offsets; a new coder’s the current ones', async () => {
    t = makeTestApp();
    dir = mkdtempSync(join(tmpdir(), 'threadcoder-unit-pages-'));
    await importTopics(t.db, dir, topics());
    const { ids } = await addStudyCast(t.db);
    const u = study(ids, threadIdOf(t.db, '2001'));
    const cora = await loggedIn(t.app, 'cora');
    // "How do I push my dataset?" is 25 code points: post 2 starts at 27.
    const quote = { text: 'push_to_hub()', start: 31, end: 44 };
    expect(
      (await cora.request('PUT', `${u.path}/coding`, { codeIds: ['model-usage'], quotes: { 'model-usage': quote } }))
        .status,
    ).toBe(200);

    const edited = topics();
    edited[0]!.post_stream.posts[0]!.cooked = '<p>How do I push my dataset of 🚀 images?</p>';
    await importTopics(t.db, dir, edited, 'edited.jsonl');

    const coded: Page = await (await cora.get(`${u.path}/posts`)).json();
    expect(coded.posts.map((p) => [p.text, p.quoteStart])).toEqual([
      ['How do I push my dataset?', 0],
      ['Use push_to_hub().', 27],
    ]);
    const cody = await loggedIn(t.app, 'cody');
    const current: Page = await (await cody.get(`${u.path}/posts`)).json();
    expect(current.posts.map((p) => [p.text, p.quoteStart])).toEqual([
      ['How do I push my dataset of 🚀 images?', 0],
      ['Use push_to_hub().', 39],
    ]);
  });
});
