// collect --whole-forum: /latest.json + /posts.json?before= instead of one request per topic,
// storing exactly what the topic-by-topic walk stores; later runs stop at the newest stored post.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Db } from '../../apps/api/src/db/open.ts';
import { generateForum, type ReplayForum } from '../support/replay-forum.ts';
import { collect, freshDb } from './helpers.ts';
import { startReplayServer, type ReplayServer } from './replay-server.ts';

let forum: ReplayForum;
let server: ReplayServer;
let dbs: Db[];
beforeEach(async () => {
  forum = generateForum(60, 1015);
  server = await startReplayServer('', forum);
  dbs = [];
});
afterEach(async () => {
  for (const db of dbs) db.close();
  await server.close();
});

const newDb = () => {
  const db = freshDb();
  dbs.push(db);
  return db;
};

/** Everything a collection stores, by forum ids (row ids depend on import order). */
function rows(db: Db) {
  return {
    threads: db
      .prepare(
        'SELECT external_id, title, category, tags_json, url, views, created_at, solved FROM threads ORDER BY external_id',
      )
      .all(),
    tags: db
      .prepare('SELECT t.external_id, g.tag FROM thread_tags g JOIN threads t ON t.id = g.thread_id ORDER BY 1, 2')
      .all(),
    posts: db
      .prepare(
        `SELECT p.external_id, t.external_id AS thread, p.post_number, p.reply_to, p.author, p.created_at, p.html, p.text,
           p.like_count, p.accepted_answer, p.author_role, p.author_group, p.author_title, p.author_trust_level, p.content_hash
         FROM posts p JOIN threads t ON t.id = p.thread_id ORDER BY p.external_id`,
      )
      .all(),
  };
}

describe('whole-forum collection', () => {
  test('stores the same threads and posts as topic by topic, in under a third of the requests', async () => {
    const byTopic = newDb();
    const perTopic = await collect(byTopic, server.url);
    const whole = newDb();
    server.log.length = 0;
    const wholeRun = await collect(whole, server.url, { wholeForum: true });
    expect(wholeRun.record.status).toBe('succeeded');
    const a = rows(byTopic);
    expect(a.threads).toHaveLength(60);
    expect(a.posts).toHaveLength(forum.storedPosts);
    expect(rows(whole)).toEqual(a);
    // Accepted answers and moderators' posts come through both walks (the listing's has_accepted_answer, the posts' flags).
    expect(a.threads.filter((t) => (t as { solved: number }).solved === 1)).toHaveLength(forum.solved);
    expect(a.posts.filter((p) => (p as { accepted_answer: number }).accepted_answer === 1)).toHaveLength(forum.solved);
    expect(a.posts.some((p) => (p as { author_role: string | null }).author_role === 'moderator')).toBe(true);
    // 1 /site.json + 2 listing pages + 21 /posts.json pages (1,024 posts: 1,015 stored, 9 withdrawn by
    // their authors, which /posts.json lists and the import skips) + the empty page that ends the walk.
    expect(wholeRun.record.progress.requests).toBe(25);
    expect(server.log.slice(0, 4)).toEqual([
      '/site.json',
      '/latest.json',
      '/latest.json?no_definitions=true&page=1',
      '/posts.json',
    ]);
    expect(server.log.filter((p) => p.startsWith('/t/'))).toEqual([]);
    // Topic by topic: /site.json, 2 listing pages, 60 topics and 23 further chunks of 20 posts.
    expect(perTopic.record.progress.requests).toBe(86);
    expect(wholeRun.record.report.threads).toEqual({ new: 60, updated: 0, unchanged: 0 });
    expect(wholeRun.record.report.posts).toEqual({ new: forum.storedPosts, updated: 0, unchanged: 0 });
    expect(wholeRun.record.progress).toMatchObject({ topicsKnown: 60, topicsDone: 60, topicsFailed: 0 });
  });

  test('a second run stops at the newest stored post; a new post is the only one fetched and stored', async () => {
    const db = newDb();
    await collect(db, server.url, { wholeForum: true });
    const before = rows(db);
    server.log.length = 0;
    const second = await collect(db, server.url, { wholeForum: true });
    expect(server.log).toEqual(['/site.json', '/latest.json', '/posts.json']);
    expect(second.record.report.posts).toEqual({ new: 0, updated: 0, unchanged: 0 });
    expect(rows(db)).toEqual(before);

    // A reply in topic 3010 bumps it to the top of /latest and heads /posts.json.
    const latest = forum.answer(new URL('http://x/latest.json')) as {
      topic_list: { topics: Record<string, unknown>[] };
    };
    const posts = forum.answer(new URL('http://x/posts.json')) as { latest_posts: Record<string, unknown>[] };
    const at = '2024-01-01T00:00:00.000Z';
    const reply = {
      ...posts.latest_posts.find((p) => p.topic_id === 3010)!,
      id: 99_001,
      post_number: 99,
      created_at: at,
      cooked: '<p>Solved it.</p>',
    };
    const bumped = latest.topic_list.topics.find((t) => t.id === 3010)!;
    server.replace('/latest.json', {
      ...latest,
      topic_list: {
        ...latest.topic_list,
        topics: [
          { ...bumped, bumped_at: at, last_posted_at: at },
          ...latest.topic_list.topics.filter((t) => t.id !== 3010),
        ],
      },
    });
    server.replace('/posts.json', { latest_posts: [reply, ...posts.latest_posts] });
    server.log.length = 0;
    const third = await collect(db, server.url, { wholeForum: true });
    expect(server.log).toEqual(['/site.json', '/latest.json', '/posts.json']);
    expect(third.record.report.posts).toEqual({ new: 1, updated: 0, unchanged: 0 });
    expect(db.prepare("SELECT p.post_number, p.text FROM posts p WHERE external_id = '99001'").get()).toEqual({
      post_number: 99,
      text: 'Solved it.',
    });
  });

  test('a stop in the middle of the posts walk resumes there and ends with the same rows', async () => {
    const reference = newDb();
    await collect(reference, server.url);
    const db = newDb();
    const stop = new AbortController();
    const first = await collect(
      db,
      server.url,
      { wholeForum: true },
      { signal: stop.signal, onProgress: (r) => r.progress.requests >= 10 && stop.abort() },
    );
    expect(first.record.status).toBe('stopped');
    server.log.length = 0;
    const second = await collect(db, server.url, { wholeForum: true });
    expect([second.resumed, second.record.status]).toEqual([true, 'succeeded']);
    // Nothing was stored before the stop, so no source keeps the category names yet (a refused or
    // stopped run leaves no empty source): the resume reads /site.json again, then goes on where it was.
    expect(server.log[0]).toBe('/site.json');
    expect(server.log[1]).toMatch(/^\/posts\.json\?before=\d+$/);
    expect(second.record.progress.requests).toBe(26);
    expect(rows(db)).toEqual(rows(reference));
  });

  test('a topic the listing does not show (a category kept out of /latest) is fetched whole', async () => {
    const latest = forum.answer(new URL('http://x/latest.json')) as { topic_list: { topics: { id: number }[] } };
    server.replace('/latest.json', {
      ...latest,
      topic_list: { ...latest.topic_list, topics: latest.topic_list.topics.filter((t) => t.id !== 3010) },
    });
    const reference = newDb();
    const db = newDb();
    await collect(reference, server.url, { source: 'forum' });
    const run = await collect(db, server.url, { wholeForum: true });
    expect(server.log).toContain('/t/3010.json');
    expect(run.record.status).toBe('succeeded');
    const ref = rows(reference);
    const got = rows(db);
    // The topic-by-topic walk follows /latest only, so it never saw 3010; the whole-forum walk did.
    expect(got.threads.filter((t) => (t as { external_id: string }).external_id !== '3010')).toEqual(ref.threads);
    expect(got.threads).toHaveLength(ref.threads.length + 1);
  });

  test('a stopped topic-by-topic run is not resumed by a whole-forum one, nor the other way round', async () => {
    const db = newDb();
    const stop = new AbortController();
    const perTopic = await collect(db, server.url, {}, { signal: stop.signal, onProgress: () => stop.abort() });
    expect(perTopic.record.status).toBe('stopped');
    const whole = await collect(db, server.url, { wholeForum: true });
    expect([whole.resumed, whole.record.id]).toEqual([false, perTopic.record.id + 1]);
    const again = await collect(db, server.url);
    expect([again.resumed, again.record.id]).toEqual([true, perTopic.record.id]);
  });

  test('--whole-forum with a category, dates or a topic limit is refused, naming the option', async () => {
    for (const narrowing of [{ category: 'beginners' }, { since: '2023-01-01' }, { maxTopics: 5 }]) {
      await expect(collect(newDb(), server.url, { wholeForum: true, ...narrowing })).rejects.toMatchObject({
        code: 'collect.bad_option',
        where: { field: Object.keys(narrowing)[0] },
      });
    }
  });
});
