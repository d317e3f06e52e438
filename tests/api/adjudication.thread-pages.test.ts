// Adjudicating a thread unit pages its posts as the coding screen does (issue #20 follow-up):
// GET …/adjudication/units/:unitId holds the first 100 posts, GET …/adjudication/units/:unitId/posts
// the others (after / before / around / aroundOffset), each post with quoteStart, its text's start
// in the whole unit's text. Only adjudicators and owners may read them.
import { afterEach, describe, expect, test } from 'vitest';
import { addMember } from '../../apps/api/src/db/studies.ts';
import { Agent, loggedIn } from '../support/agent.ts';
import { insertForum } from '../support/forum.ts';
import { addStudyCast, makeTestApp, type TestApp } from '../support/test-app.ts';
import { threadUnitStudy } from '../support/thread-unit-study.ts';

let t: TestApp;
afterEach(() => t.close());

// Emoji (one code point, two UTF-16 units) in every tenth post, so UTF-16 lengths would drift.
const texts = Array.from({ length: 320 }, (_, i) =>
  i % 10 === 3 ? `Post ${i + 1} 🚀 says 👋 hello.` : `Post ${i + 1} asks about tokenizers.`,
);
const whole = texts.join('\n\n');
const codePoints = (s: string) => Array.from(s).length;
/** Where `words` in post `n` start in the whole unit's text, in code points, found without the API. */
const offsetOf = (n: number, words: string) => {
  const post = texts[n - 1]!;
  return codePoints(whole.slice(0, whole.indexOf(`${post}`) + post.indexOf(words)));
};
const numbers = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

interface Page {
  posts: { postNumber: number; text: string; quoteStart: number; isUnit: boolean }[];
  prevCursor: string | null;
  nextCursor: string | null;
}

/** A thread study whose one unit, a thread of 320 posts, cora and cody coded differently, quoting post 250; its round closed. */
async function disputedThreadUnit() {
  t = makeTestApp();
  const { ids } = await addStudyCast(t.db);
  const threadId = insertForum(t.db, [{ title: 'A long thread', createdAt: '2023-01-01T00:00:00.000Z', posts: texts }])
    .threadIds[0]!;
  const { studyId, roundId, unitId } = threadUnitStudy(t.db, ids, threadId);
  addMember(t.db, studyId, ids.ada!, 'adjudicator');
  const base = `/api/studies/${studyId}`;
  const start = offsetOf(250, 'about tokenizers');
  const quote = { text: 'about tokenizers', start, end: start + 16 };
  const cora = await loggedIn(t.app, 'cora');
  const cody = await loggedIn(t.app, 'cody');
  const owen = await loggedIn(t.app, 'owen');
  const unitPath = `${base}/units/${unitId}/coding`;
  expect(
    (await cora.request('PUT', unitPath, { codeIds: ['model-usage'], quotes: { 'model-usage': quote } })).status,
  ).toBe(200);
  expect((await cody.request('PUT', unitPath, { codeIds: ['documentation'] })).status).toBe(200);
  expect((await owen.post(`${base}/rounds/${roundId}/close`)).status).toBe(200);
  return { threadId, quote, path: `${base}/adjudication/units/${unitId}` };
}

describe('adjudicating a thread unit of 320 posts', () => {
  test('opens with its first 100 posts; after, before, around and aroundOffset page on', async () => {
    const u = await disputedThreadUnit();
    const ada = await loggedIn(t.app, 'ada');
    const idOf = t.db.prepare('SELECT id FROM posts WHERE thread_id = ? AND post_number = ?').pluck();
    const key = (n: number) => `${n}:${idOf.get(u.threadId, n)}`;
    const first = await (await ada.get(u.path)).json();
    expect(first.posts.map((p: { postNumber: number }) => p.postNumber)).toEqual(numbers(1, 100));
    expect([first.prevCursor, first.nextCursor]).toEqual([null, key(100)]);
    const quotesBy = Object.fromEntries(
      first.item.codings.map((c: { username: string; quotes: object }) => [c.username, c.quotes]),
    );
    expect(quotesBy).toEqual({ cora: { 'model-usage': u.quote }, cody: {} });

    const page = async (query: string): Promise<Page> => {
      const res = await ada.get(`${u.path}/posts?${query}`);
      expect(res.status).toBe(200);
      return res.json();
    };
    const second = await page(`after=${first.nextCursor}`);
    expect(second.posts.map((p) => p.postNumber)).toEqual(numbers(101, 200));
    expect([second.prevCursor, second.nextCursor]).toEqual([key(101), key(200)]);
    const back = await page(`before=${second.prevCursor}&limit=30`);
    expect(back.posts.map((p) => p.postNumber)).toEqual(numbers(71, 100));
    expect((await page('around=250')).posts.map((p) => p.postNumber)).toEqual(numbers(217, 316));
    // The quote's start lies in post 250: the same page as around=250.
    const quoted = await page(`aroundOffset=${u.quote.start}`);
    expect(quoted.posts.map((p) => p.postNumber)).toEqual(numbers(217, 316));
    expect([quoted.prevCursor, quoted.nextCursor]).toEqual([key(217), key(316)]);
    const last = await page(`after=${quoted.nextCursor}`);
    expect(last.posts.map((p) => p.postNumber)).toEqual(numbers(317, 320));
    expect(last.nextCursor).toBeNull();
  });

  test('each post’s quoteStart is where its text begins in the whole unit’s text', async () => {
    const u = await disputedThreadUnit();
    const ada = await loggedIn(t.app, 'ada');
    const page: Page = await (await ada.get(`${u.path}/posts?aroundOffset=${u.quote.start}`)).json();
    const post250 = page.posts.find((p) => p.postNumber === 250)!;
    expect(post250.text).toBe('Post 250 asks about tokenizers.');
    expect(post250.quoteStart).toBe(offsetOf(250, 'Post 250'));
    expect(post250.quoteStart + codePoints('Post 250 asks ')).toBe(u.quote.start);
    for (const p of page.posts) expect(p.quoteStart).toBe(offsetOf(p.postNumber, `Post ${p.postNumber} `));
  });

  test('an offset in the blank line after a post, at the very start, or past the end pages around the nearest post', async () => {
    const u = await disputedThreadUnit();
    const ada = await loggedIn(t.app, 'ada');
    const firstOf = async (offset: number) => {
      const page: Page = await (await ada.get(`${u.path}/posts?aroundOffset=${offset}&limit=3`)).json();
      return page.posts.map((p) => p.postNumber);
    };
    // The blank line after post 10 belongs to post 10: one post before it, one after.
    expect(await firstOf(offsetOf(11, 'Post 11') - 1)).toEqual([9, 10, 11]);
    expect(await firstOf(offsetOf(11, 'Post 11'))).toEqual([10, 11, 12]);
    expect(await firstOf(0)).toEqual([1, 2, 3]);
    expect(await firstOf(10 ** 9)).toEqual([318, 319, 320]);
  });

  test('who may read the pages: adjudicators and owners; a coder of the study 403, a stranger 404, nobody 401', async () => {
    const u = await disputedThreadUnit();
    const status = async (user: string | null) =>
      (await (user ? await loggedIn(t.app, user) : new Agent(t.app)).get(`${u.path}/posts`)).status;
    expect(await status('ada')).toBe(200);
    expect(await status('owen')).toBe(200);
    expect(await status('cora')).toBe(403);
    expect(await status('nina')).toBe(404);
    expect(await status(null)).toBe(401);
  });

  test('bad page requests get 400 naming the field; a unit not in adjudication 404', async () => {
    const u = await disputedThreadUnit();
    const ada = await loggedIn(t.app, 'ada');
    const both = await ada.get(`${u.path}/posts?aroundOffset=5&after=1`);
    expect(both.status).toBe(400);
    expect((await both.json()).error).toMatchObject({
      code: 'request.invalid_query',
      where: { field: 'aroundOffset' },
    });
    const word = await ada.get(`${u.path}/posts?aroundOffset=start`);
    expect(word.status).toBe(400);
    expect((await word.json()).error.where.field).toBe('aroundOffset');
    const missing = await ada.get(`${u.path.replace(/\d+$/, '999999')}/posts`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('not_found');
  });
});
