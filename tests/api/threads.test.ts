// The thread browser's API: full-text search (stemmed, ranked, safe), filters, pages, one thread.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loggedIn, type Agent } from '../support/agent.ts';
import { catchUpSearchIndex } from '../../apps/api/src/db/search-catchup.ts';
import { insertForum, insertTemplateCodebook, pinCodebook } from '../support/forum.ts';
import { addStudy, addUser, makeTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let ids: number[];
let reader: Agent;

beforeEach(async () => {
  t = makeTestApp();
  const hf = insertForum(
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
        title: 'Fine-tune BERT for classification',
        createdAt: '2022-06-15T14:00:00.000Z',
        category: 'Models',
        tags: ['bert', 'fine-tuning'],
        posts: ['How do I adapt a pretrained model?', 'Load it with from_pretrained, then use the Trainer.', 'Thanks!'],
      },
      {
        title: 'Space build fails',
        createdAt: '2023-01-02T00:00:00.000Z',
        category: 'Spaces',
        tags: ['spaces'],
        posts: ['Exit code 137 during the build.', 'That means it ran out of memory.'],
      },
      {
        title: 'Streaming a dataset larger than memory',
        createdAt: '2023-05-20T12:00:00.000Z',
        category: 'Datasets',
        posts: ['How can I iterate over it (NEAR the RAM limit)?'],
      },
    ],
    'HF forum',
  );
  const other = insertForum(
    t.db,
    [
      {
        title: 'Tokenizers everywhere',
        createdAt: '2021-01-01T00:00:00.000Z',
        category: 'Models',
        tags: ['tokenizers'],
        posts: ['A post.'],
      },
    ],
    'Other forum',
  );
  ids = [...hf.threadIds, ...other.threadIds];
  await addUser(t.db, 'rita');
  reader = await loggedIn(t.app, 'rita');
});
afterEach(() => t.close());

type Page = {
  threads: { id: number; title: string; coded: boolean; posts: number; tags: string[]; sourceName: string }[];
  total: number;
  nextCursor: string | null;
};
async function list(query: string, agent = reader): Promise<Page> {
  const res = await agent.get(`/api/threads?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Page;
}
const titles = async (query: string) => (await list(query)).threads.map((r) => r.title);

describe('search', () => {
  test('stems words: "tokenizers" finds threads about a tokenizer, in titles and posts', async () => {
    expect((await titles('q=tokenizers')).sort()).toEqual([
      'Tokenizer pads on the wrong side',
      'Tokenizers everywhere',
    ]);
    expect(await titles('q=padding')).toEqual(['Tokenizer pads on the wrong side']);
  });

  test('every word must occur somewhere in the thread, not necessarily in one post', async () => {
    expect(await titles('q=tokenizer+left')).toEqual(['Tokenizer pads on the wrong side']);
    expect(await titles('q=tokenizer+memory')).toEqual([]);
  });

  test('"quoted words" are a phrase; a trailing * is a prefix', async () => {
    expect(await titles(`q=${encodeURIComponent('"wrong side"')}`)).toEqual(['Tokenizer pads on the wrong side']);
    expect(await titles(`q=${encodeURIComponent('"side wrong"')}`)).toEqual([]);
    expect(await titles('q=classif*')).toEqual(['Fine-tune BERT for classification']);
  });

  test('ranks by bm25 with titles weighing more than posts', async () => {
    const page = await list('q=memory');
    expect(page.threads.map((r) => r.title)).toEqual(['Streaming a dataset larger than memory', 'Space build fails']);
    expect(page.total).toBe(2);
  });

  test.each([
    ['unbalanced quote', '"wrong side'],
    ['parentheses', '(tokenizer OR'],
    ['NEAR group', 'NEAR(tokenizer side, 3)'],
    ['column filter', 'title:tokenizer'],
    ['operators alone', 'AND OR NOT'],
    ['caret and star', '^tokenizer *'],
    ['only punctuation', '"()" - *'],
    ['a lone quote', '"'],
  ])('user text cannot break the FTS syntax: %s', async (_name, q) => {
    const res = await reader.get(`/api/threads?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
  });

  test('operator words are searched as words', async () => {
    expect(await titles(`q=${encodeURIComponent('NEAR(the RAM')}`)).toEqual(['Streaming a dataset larger than memory']);
  });

  test('the list and GET /search-index say whether search covers every post yet', async () => {
    expect(((await list('q=memory')) as Page & { search: unknown }).search).toEqual({
      state: 'ready',
      pending: 0,
      pendingThreads: 0,
    });
    // A big import's rows, stored and listed for catch-up (migration 006), not yet indexed.
    const late = insertForumUnindexed(t.db, [
      {
        title: 'Out of memory on the Hub',
        createdAt: '2024-02-01T00:00:00.000Z',
        posts: ['Memory again.', 'And again.'],
      },
    ]);
    const page = (await list('q=memory')) as Page & { search: unknown };
    expect([page.threads.map((r) => r.title), page.search]).toEqual([
      ['Streaming a dataset larger than memory', 'Space build fails'],
      { state: 'indexing', pending: 2, pendingThreads: 1 },
    ]);
    const res = await reader.get('/api/threads/search-index');
    expect([res.status, await res.json()]).toEqual([200, { state: 'indexing', pending: 2, pendingThreads: 1 }]);
    await catchUpSearchIndex(t.db, { pauseMs: 0 });
    expect(await titles('q=memory')).toContain(late);
    expect(await (await reader.get('/api/threads/search-index')).json()).toEqual({
      state: 'ready',
      pending: 0,
      pendingThreads: 0,
    });
    expect((await t.app.request('http://localhost/api/threads/search-index')).status).toBe(401);
  });
});

/** Inserts a thread and its posts the way a deferred import leaves them: stored, listed as unindexed. */
function insertForumUnindexed(
  db: TestApp['db'],
  threads: { title: string; createdAt: string; posts: string[] }[],
): string {
  const { threadIds, postIds } = insertForum(db, threads, 'Late forum');
  for (const id of threadIds)
    db.prepare(
      `INSERT INTO threads_fts (threads_fts, rowid, title) SELECT 'delete', id, title FROM threads WHERE id = ?`,
    ).run(id);
  for (const id of postIds.flat())
    db.prepare(`INSERT INTO posts_fts (posts_fts, rowid, text) SELECT 'delete', id, text FROM posts WHERE id = ?`).run(
      id,
    );
  db.exec(`INSERT INTO threads_unindexed SELECT id FROM threads WHERE source_id = (SELECT id FROM sources WHERE name = 'Late forum');
           INSERT INTO posts_unindexed SELECT id FROM posts WHERE source_id = (SELECT id FROM sources WHERE name = 'Late forum')`);
  return threads[0]!.title;
}

describe('filters', () => {
  test('by source, category, tag and date range, also together with a search', async () => {
    const sources = (await (await reader.get('/api/sources')).json()) as {
      sources: { id: number; name: string; threads: number; posts: number }[];
    };
    expect(sources.sources.map((s) => [s.name, s.threads, s.posts])).toEqual([
      ['HF forum', 4, 8],
      ['Other forum', 1, 1],
    ]);
    const other = sources.sources[1]!.id;
    expect(await titles(`source=${other}`)).toEqual(['Tokenizers everywhere']);
    expect(await titles('category=Models')).toEqual(['Fine-tune BERT for classification', 'Tokenizers everywhere']);
    expect(await titles('tag=tokenizers')).toEqual(['Tokenizer pads on the wrong side', 'Tokenizers everywhere']);
    expect(await titles('from=2022-06-15&to=2023-01-02')).toEqual([
      'Space build fails',
      'Fine-tune BERT for classification',
    ]);
    expect(await titles('to=2021-12-31')).toEqual(['Tokenizers everywhere']);
    expect(await titles(`q=tokenizers&source=${sources.sources[0]!.id}`)).toEqual(['Tokenizer pads on the wrong side']);
  });

  test('coded: coded by me, or by the study once released; never another coder of a blind study', async () => {
    const owner = await addUser(t.db, 'olga');
    const coder = await addUser(t.db, 'cody');
    const other = await addUser(t.db, 'cora');
    const studyId = addStudy(t.db, owner.id, [
      [coder.id, 'coder'],
      [other.id, 'coder'],
    ]);
    const { versionId } = insertTemplateCodebook(t.db);
    pinCodebook(t.db, studyId, { codebookId: 1, versionId });
    const roundId = t.db.prepare('SELECT id FROM rounds WHERE study_id = ?').pluck().get(studyId);
    const unitId = t.db
      .prepare('INSERT INTO units (study_id, round_id, thread_id, position) VALUES (?, ?, ?, 1)')
      .run(studyId, roundId, ids[1]).lastInsertRowid;
    for (const id of [coder.id, other.id])
      t.db.prepare("INSERT INTO assignments (unit_id, user_id, assigned_at) VALUES (?, ?, 'x')").run(unitId, id);
    t.db
      .prepare("INSERT INTO codings (unit_id, coder_id, version_id, created_at, updated_at) VALUES (?, ?, ?, 'x', 'x')")
      .run(unitId, coder.id, versionId);
    const [olga, cody, cora] = [
      await loggedIn(t.app, 'olga'),
      await loggedIn(t.app, 'cody'),
      await loggedIn(t.app, 'cora'),
    ];
    const codedTitles = async (agent: Agent) => (await list('coded=yes', agent)).threads.map((r) => r.title);
    // cody coded it: his own. cora codes the same unit blind and the owner has not unblinded: not theirs to know.
    expect(await codedTitles(cody)).toEqual(['Fine-tune BERT for classification']);
    expect((await list('q=bert', cody)).threads[0]!.coded).toBe(true);
    expect(await codedTitles(cora)).toEqual([]);
    expect((await list('coded=no', cora)).total).toBe(5);
    expect((await list('q=bert', cora)).threads[0]!.coded).toBe(false);
    expect(await codedTitles(olga)).toEqual([]);
    // Unblinded, the study's codings are everyone's to see.
    t.db.prepare('UPDATE rounds SET unblinded = 1 WHERE id = ?').run(roundId);
    expect(await codedTitles(cora)).toEqual(['Fine-tune BERT for classification']);
    expect(await codedTitles(olga)).toEqual(['Fine-tune BERT for classification']);
    expect((await list('coded=no', olga)).total).toBe(4);
    // rita is in no study: nothing is coded as far as she can tell.
    expect((await list('coded=yes')).total).toBe(0);
  });

  test('bad filter values are 400 with the field', async () => {
    const res = await reader.get('/api/threads?from=2022-13-45');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { where: unknown } }).error.where).toEqual({ field: 'from' });
  });

  test.each(['2023-02-31', '2023-02-29', '2023-2-1', '2023-04-31'])(
    '%s is not a calendar day: 400 on to',
    async (day) => {
      const res = await reader.get(`/api/threads?to=${day}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { where: unknown } }).error.where).toEqual({ field: 'to' });
    },
  );

  test('a leap day is a calendar day', async () => {
    expect((await reader.get('/api/threads?from=2024-02-29')).status).toBe(200);
  });
});

describe('pages', () => {
  test('newest first in keyset pages until nextCursor is null; oldest first on request', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await list(`limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.total).toBe(5);
      seen.push(...page.threads.map((r) => r.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([
      'Streaming a dataset larger than memory',
      'Space build fails',
      'Fine-tune BERT for classification',
      'Tokenizer pads on the wrong side',
      'Tokenizers everywhere',
    ]);
    expect(await titles('sort=oldest&limit=2')).toEqual(['Tokenizers everywhere', 'Tokenizer pads on the wrong side']);
  });

  test('a search pages by rank', async () => {
    const first = await list('q=memory&limit=1');
    const second = await list(`q=memory&limit=1&cursor=${first.nextCursor}`);
    expect([first.threads[0]!.title, second.threads[0]!.title, second.nextCursor, second.total]).toEqual([
      'Streaming a dataset larger than memory',
      'Space build fails',
      null,
      2,
    ]);
  });

  test('a search by date pages by keyset, and every page counts all the matches', async () => {
    const first = await list('q=memory&sort=oldest&limit=1');
    const second = await list(`q=memory&sort=oldest&limit=1&cursor=${encodeURIComponent(first.nextCursor!)}`);
    expect([first.threads[0]!.title, first.total, second.threads[0]!.title, second.total, second.nextCursor]).toEqual([
      'Space build fails',
      2,
      'Streaming a dataset larger than memory',
      2,
      null,
    ]);
    // Both words, not either: only one tokenizer thread pads.
    const both = await list('q=tokenizer+pads&sort=newest');
    expect([both.threads.map((r) => r.title), both.total]).toEqual([['Tokenizer pads on the wrong side'], 1]);
  });

  test('a forged cursor is 400', async () => {
    expect((await reader.get('/api/threads?cursor=nonsense')).status).toBe(400);
    expect((await reader.get('/api/threads?sort=relevance&q=memory&cursor=o99999999999999999999999')).status).toBe(400);
  });
});

test('a thread with its facts, post count and source; its posts in order with reply links', async () => {
  t.db.prepare('UPDATE posts SET reply_to = 1 WHERE thread_id = ? AND post_number = 2').run(ids[1]);
  const res = await reader.get(`/api/threads/${ids[1]}`);
  const { thread } = (await res.json()) as { thread: Record<string, unknown> };
  expect(thread).toMatchObject({
    title: 'Fine-tune BERT for classification',
    sourceName: 'HF forum',
    category: 'Models',
    tags: ['bert', 'fine-tuning'],
    postCount: 3,
  });
  expect(thread).not.toHaveProperty('posts');
  const page = (await (await reader.get(`/api/threads/${ids[1]}/posts`)).json()) as {
    posts: { postNumber: number; replyTo: number | null; replyToAuthor: string | null; author: string }[];
  };
  expect(page.posts.map((p) => [p.postNumber, p.replyTo, p.replyToAuthor, p.author])).toEqual([
    [1, null, null, 'user0'],
    [2, 1, 'user0', 'user1'],
    [3, null, null, 'user2'],
  ]);
  expect((await reader.get('/api/threads/9999')).status).toBe(404);
});

test('facets list categories and tags with counts', async () => {
  const facets = (await (await reader.get('/api/threads/facets')).json()) as { categories: unknown[]; tags: unknown[] };
  expect(facets.categories).toEqual([
    { name: 'Models', threads: 2 },
    { name: 'Beginners', threads: 1 },
    { name: 'Datasets', threads: 1 },
    { name: 'Spaces', threads: 1 },
  ]);
  expect(facets.tags).toEqual([
    { name: 'tokenizers', threads: 2 },
    { name: 'bert', threads: 1 },
    { name: 'fine-tuning', threads: 1 },
    { name: 'spaces', threads: 1 },
  ]);
});

test('signed-out requests are 401', async () => {
  expect((await t.app.request('http://localhost/api/threads')).status).toBe(401);
});
