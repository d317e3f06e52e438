import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Db } from '../../apps/api/src/db/open.ts';
import { collect, freshDb, stored } from './helpers.ts';
import { startReplayServer, type ReplayServer } from './replay-server.ts';

let server: ReplayServer;
let db: Db;
beforeEach(async () => {
  server = await startReplayServer();
  db = freshDb();
});
afterEach(async () => {
  db.close();
  await server.close();
});

const allTopics = ['100', '200', '201', '202', '203', '204', '205'];
const chunk1 = `/t/204/posts.json?${Array.from({ length: 20 }, (_, i) => `post_ids[]=${20421 + i}`).join('&')}`;
const chunk2 = `/t/204/posts.json?${Array.from({ length: 5 }, (_, i) => `post_ids[]=${20441 + i}`).join('&')}`;
const fullRunLog = [
  '/site.json',
  '/latest.json',
  '/t/100.json',
  '/t/205.json',
  '/t/204.json',
  chunk1,
  chunk2,
  '/t/203.json',
  '/latest.json?no_definitions=true&page=1',
  '/t/202.json',
  '/t/201.json',
  '/latest.json?no_definitions=true&page=2',
  '/t/200.json',
];

describe('a collection run', () => {
  test('walks every listing page, fetches each topic with all its posts (chunks of 20) and imports them', async () => {
    const { record } = await collect(db, server.url);
    expect(server.log).toEqual(fullRunLog);
    expect(stored(db)).toEqual({ threads: allTopics, posts: 55 });
    expect(
      db
        .prepare("SELECT count(*) FROM posts p JOIN threads t ON t.id = p.thread_id WHERE t.external_id = '204'")
        .pluck()
        .get(),
    ).toBe(45);
    expect(record.status).toBe('succeeded');
    expect(record.progress).toEqual({
      topicsKnown: 7,
      topicsDone: 7,
      topicsUnchanged: 0,
      topicsFailed: 0,
      postsKnown: 60,
      postsDone: 60,
      requests: 13,
      etaSeconds: 0,
    });
    expect(record.report).toEqual({
      threads: { new: 7, updated: 0, unchanged: 0 },
      posts: { new: 55, updated: 0, unchanged: 0 },
      rejected: [],
      rejectedOmitted: 0,
      skipped: [
        { reason: 'Discourse whispers (post_type 4: staff-only notes)', count: 1 },
        { reason: 'Discourse small-action posts (post_type 3: topic closed, pinned, …)', count: 1 },
        { reason: 'deleted Discourse posts (deleted_at or user_deleted set, or "(post deleted by author)")', count: 2 },
        { reason: 'hidden Discourse posts (hidden by flags; their content is withheld)', count: 1 },
      ],
      failedTopics: [],
    });
    // Thread URLs point at the forum; the posts are searchable like imported ones.
    expect(db.prepare("SELECT url FROM threads WHERE external_id = '205'").pluck().get()).toBe(
      `${server.url}/t/tokenizer-adds-padding-on-the-wrong-side/205`,
    );
    expect(db.prepare("SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'LoRA'").pluck().get()).toBe(44);
    // Category names from /site.json, a subcategory under its parent.
    expect(db.prepare('SELECT DISTINCT category FROM threads ORDER BY category').pluck().all()).toEqual([
      'Beginners',
      'Site Feedback',
      '🤗Transformers',
      '🤗Transformers › Tokenizers',
    ]);
  });

  test("keeps the topic's accepted answer and the authors' forum standing", async () => {
    await collect(db, server.url);
    expect(db.prepare('SELECT external_id FROM threads WHERE solved = 1').pluck().all()).toEqual(['205']);
    expect(
      db
        .prepare(
          `SELECT p.post_number, p.author, p.accepted_answer, p.author_role, p.author_group, p.author_title, p.author_trust_level
           FROM posts p JOIN threads t ON t.id = p.thread_id WHERE t.external_id = '205' ORDER BY p.post_number`,
        )
        .raw()
        .all(),
    ).toEqual([
      [1, 'alice', 0, null, null, null, 1],
      [2, 'bob', 1, 'staff', 'huggingface', 'Hugging Face Staff', 3],
    ]);
  });

  test('a source collected before category names were kept gets them on its next collection', async () => {
    await collect(db, server.url);
    db.prepare('DELETE FROM source_categories').run();
    db.prepare("UPDATE threads SET category = '12' WHERE category = '🤗Transformers › Tokenizers'").run();
    const { record } = await collect(db, server.url);
    expect(record.report.threads).toEqual({ new: 0, updated: 0, unchanged: 0 });
    expect(
      db.prepare("SELECT count(*) FROM threads WHERE category = '🤗Transformers › Tokenizers'").pluck().get(),
    ).toBe(1);
    expect(db.prepare("SELECT count(*) FROM threads WHERE category GLOB '[0-9]*'").pluck().get()).toBe(0);
  });

  test('a forum that refuses /site.json and /categories.json is collected with category ids', async () => {
    server.fail('/site.json', { status: 404 });
    server.fail('/categories.json', { status: 403 });
    const { record } = await collect(db, server.url, { maxTopics: 1 });
    expect(server.log.slice(0, 2)).toEqual(['/site.json', '/categories.json?include_subcategories=true']);
    expect(record.status).toBe('succeeded');
    expect(db.prepare('SELECT category FROM threads').pluck().all()).toEqual(['1']);
  });

  test("sends a User-Agent naming Threadcoder and the API key headers to the key's origin, and stores no key", async () => {
    await collect(
      db,
      server.url,
      { maxTopics: 1 },
      { apiKey: { key: 'secret-key-123', username: 'system', origin: server.url } },
    );
    expect(server.headers[0]!['user-agent']).toMatch(/^Threadcoder-collector\/1\.0 /);
    expect(server.headers.map((h) => [h['api-key'], h['api-username']])).toEqual([
      ['secret-key-123', 'system'],
      ['secret-key-123', 'system'],
      ['secret-key-123', 'system'],
    ]);
    const rows = JSON.stringify(db.prepare('SELECT * FROM collections').all());
    expect(rows).not.toContain('secret-key-123');
  });

  test('a topic not in the shape of Discourse is listed as failed and the run goes on', async () => {
    server.replace('/t/203.json', { errors: ['gone'] });
    const { record } = await collect(db, server.url);
    expect(record.status).toBe('succeeded');
    expect(record.report.failedTopics).toEqual([
      { topicId: 203, reason: "/t/203.json is not in Discourse's shape: post_stream.posts should be an array." },
    ]);
    expect(stored(db).threads).toEqual(allTopics.filter((t) => t !== '203'));
  });

  test('posts in the stream that posts.json no longer returns are counted, not waited for', async () => {
    const topic = structuredClone(
      (await import('../fixtures/discourse-api/t/205.json', { with: { type: 'json' } })).default,
    );
    topic.post_stream.stream.push(2056, 2057);
    server.replace('/t/205.json', topic);
    const { record } = await collect(db, server.url, { maxTopics: 2 });
    expect(server.log).toEqual([
      '/site.json',
      '/latest.json',
      '/t/100.json',
      '/t/205.json',
      '/t/205/posts.json?post_ids[]=2056&post_ids[]=2057',
    ]);
    expect(record.report.skipped).toContainEqual({
      reason: "posts in a topic's stream the forum did not return (deleted meanwhile)",
      count: 2,
    });
    expect(record.report.posts.new).toBe(3);
  });

  test('a topic the forum refuses (403, 404) is noted, not retried', async () => {
    server.fail('/t/202.json', { status: 403 });
    server.fail('/t/201.json', { status: 404 });
    const { record } = await collect(db, server.url);
    expect(server.log.filter((p) => p === '/t/202.json' || p === '/t/201.json')).toEqual([
      '/t/202.json',
      '/t/201.json',
    ]);
    expect(record.progress.topicsFailed).toBe(2);
    expect(record.report.failedTopics).toEqual([
      { topicId: 202, reason: '/t/202.json answered HTTP 403' },
      { topicId: 201, reason: '/t/201.json answered HTTP 404' },
    ]);
  });
});

describe('a forum that will not serve the listing', () => {
  test('403 fails the run at once, saying a private forum needs an API key', async () => {
    server.fail('/latest.json', { status: 403 });
    const { record } = await collect(db, server.url);
    expect(server.log).toEqual(['/site.json', '/latest.json']);
    expect(record.error).toEqual({
      code: 'collect.http',
      message:
        "The forum refused the collection: /latest.json answered HTTP 403. A private forum needs THREADCODER_DISCOURSE_API_KEY (and _USERNAME) set where Threadcoder runs, with THREADCODER_DISCOURSE_API_ORIGIN naming the forum's origin.",
    });
  });

  test('an HTML page instead of JSON fails the run without quoting the page', async () => {
    server.fail('/latest.json', { html: '<html><body>secret intranet page</body></html>' });
    const { record } = await collect(db, server.url);
    expect(server.log).toEqual(['/site.json', '/latest.json']);
    expect(record.error).toEqual({
      code: 'collect.not_json',
      message: '/latest.json did not answer with JSON (it sent text/html; charset=utf-8); is this a Discourse forum?',
    });
  });
});

describe('selection', () => {
  test('--since stops paging at the first non-pinned topic bumped before it (the pinned one does not)', async () => {
    await collect(db, server.url, { since: '2023-05-01' });
    expect(server.log).toEqual([
      '/site.json',
      '/latest.json',
      '/t/205.json',
      '/t/204.json',
      chunk1,
      chunk2,
      '/t/203.json',
      '/latest.json?no_definitions=true&page=1',
    ]);
    expect(stored(db).threads).toEqual(['203', '204', '205']);
  });

  test('--until keeps topics created up to the end of that day', async () => {
    await collect(db, server.url, { until: '2023-05-20' });
    expect(stored(db).threads).toEqual(['100', '200', '201', '202', '203']);
    await collect(db, server.url, { source: 'other', until: '2023-05-19' });
    expect(
      db
        .prepare("SELECT count(*) FROM threads t JOIN sources s ON s.id = t.source_id WHERE s.name = 'other'")
        .pluck()
        .get(),
    ).toBe(4);
  });

  test('--max-topics stops the listing once it has that many', async () => {
    const { record } = await collect(db, server.url, { maxTopics: 2 });
    expect(server.log).toEqual(['/site.json', '/latest.json', '/t/100.json', '/t/205.json']);
    expect(record.progress.topicsKnown).toBe(2);
  });

  test('--category walks /c/{slug}/{id}.json and its pages; a subcategory resolves too', async () => {
    await collect(db, server.url, { category: 'transformers' });
    expect(server.log).toEqual([
      '/site.json',
      '/c/transformers/9.json',
      '/t/204.json',
      chunk1,
      chunk2,
      '/t/202.json',
      '/c/transformers/9/l/latest.json?page=1',
      '/t/200.json',
    ]);
    await collect(db, server.url, { category: 'transformers/tokenizers' });
    expect(server.log.slice(8)).toEqual(['/site.json', '/c/tokenizers/12.json', '/t/205.json']);
  });

  test('an unknown category fails the run and names the ones there are', async () => {
    const { record } = await collect(db, server.url, { category: 'datasets' });
    expect(record.status).toBe('failed');
    expect(record.error).toEqual({
      code: 'collect.no_category',
      message:
        'The forum has no category "datasets". Its categories: site-feedback, beginners, transformers, tokenizers, transformers/tokenizers.',
    });
  });
});

describe('idempotence', () => {
  test('a second run fetches no unchanged topic; a topic with a new post is fetched again and only that post is added', async () => {
    await collect(db, server.url);
    server.log.length = 0;
    const second = await collect(db, server.url);
    expect(server.log).toEqual([
      '/site.json',
      '/latest.json',
      '/latest.json?no_definitions=true&page=1',
      '/latest.json?no_definitions=true&page=2',
    ]);
    expect(second.resumed).toBe(false);
    expect(second.record.progress).toMatchObject({ topicsKnown: 7, topicsDone: 0, topicsUnchanged: 7, requests: 4 });
    expect(second.record.report.posts).toEqual({ new: 0, updated: 0, unchanged: 0 });

    const latest = (await import('../fixtures/discourse-api/latest.json', { with: { type: 'json' } })).default;
    const topic205 = structuredClone(
      (await import('../fixtures/discourse-api/t/205.json', { with: { type: 'json' } })).default,
    );
    const bumped = '2023-06-13T08:00:00.000Z';
    server.replace('/latest.json', {
      ...latest,
      topic_list: {
        ...latest.topic_list,
        topics: latest.topic_list.topics.map((t) =>
          t.id === 205
            ? { ...t, posts_count: 5, highest_post_number: 5, last_posted_at: bumped, bumped_at: bumped }
            : t,
        ),
      },
    });
    const newPost = {
      ...topic205.post_stream.posts[1]!,
      id: 2055,
      post_number: 5,
      created_at: bumped,
      cooked: '<p>Reopened: it works now.</p>',
    };
    topic205.post_stream.posts.push(newPost);
    topic205.post_stream.stream.push(2055);
    server.replace('/t/205.json', topic205);
    server.log.length = 0;
    const third = await collect(db, server.url);
    expect(server.log).toEqual([
      '/site.json',
      '/latest.json',
      '/t/205.json',
      '/latest.json?no_definitions=true&page=1',
      '/latest.json?no_definitions=true&page=2',
    ]);
    expect(third.record.report.threads).toEqual({ new: 0, updated: 0, unchanged: 1 });
    expect(third.record.report.posts).toEqual({ new: 1, updated: 0, unchanged: 2 });
    expect(stored(db)).toEqual({ threads: allTopics, posts: 56 });
  });
});
