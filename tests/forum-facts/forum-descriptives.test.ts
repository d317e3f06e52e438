// Forum descriptives through the API, on a forum built by hand so every number is counted here.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type Agent, loggedIn } from '../support/agent.ts';
import { insertForum, selectAllThreads } from '../support/forum.ts';
import { addStudyCast, makeTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let cora: Agent;
let base: string;
beforeEach(async () => {
  t = makeTestApp();
  const { studyId } = await addStudyCast(t.db);
  base = `/api/studies/${studyId}/forum`;
  insertForum(t.db, [
    { title: 'a', createdAt: '2022-01-10T09:00:00.000Z', category: 'Models', posts: ['q', 'r1', 'r2'] },
    { title: 'b', createdAt: '2022-01-20T09:00:00.000Z', category: 'Beginners', posts: ['q'] },
    { title: 'c', createdAt: '2022-02-05T09:00:00.000Z', category: 'Models', posts: ['q', 'r1'] },
    { title: 'd', createdAt: '2022-02-07T09:00:00.000Z', posts: Array.from({ length: 12 }, (_, i) => `p${i}`) },
  ]);
  // topic a's last reply came in February
  t.db.prepare("UPDATE posts SET created_at = '2022-02-01T00:00:00.000Z' WHERE external_id = 'p1-3'").run();
  selectAllThreads(t.db, studyId);
  cora = await loggedIn(t.app, 'cora'); // a coder: these are facts about the forum, not labels
});
afterEach(() => t.close());

describe('forum descriptives', () => {
  test('topics and posts per category per month, posts per topic, replies', async () => {
    const res = await cora.get(`${base}/descriptives`);
    expect(res.status).toBe(200);
    const d = await res.json();
    expect(d).toMatchObject({ topics: 4, posts: 18, sources: [{ name: 'Test forum' }] });
    expect(d.perCategoryMonth).toEqual([
      { category: '(none)', month: '2022-02', topics: 1, posts: 12, solvedTopics: 0, staffPosts: 0 },
      { category: 'Beginners', month: '2022-01', topics: 1, posts: 1, solvedTopics: 0, staffPosts: 0 },
      { category: 'Models', month: '2022-01', topics: 1, posts: 2, solvedTopics: 0, staffPosts: 0 },
      { category: 'Models', month: '2022-02', topics: 1, posts: 3, solvedTopics: 0, staffPosts: 0 },
    ]);
    // posts per topic 1, 2, 3, 12: mean 4.5, median 2.5, p90 (nearest rank) 12
    expect(d.postsPerTopic).toEqual({ mean: 4.5, median: 2.5, p90: 12, max: 12 });
    expect(d.replies).toEqual([
      { bucket: '0', topics: 1, share: 0.25 },
      { bucket: '1', topics: 1, share: 0.25 },
      { bucket: '2–4', topics: 1, share: 0.25 },
      { bucket: '5–9', topics: 0, share: 0 },
      { bucket: '10–19', topics: 1, share: 0.25 },
      { bucket: '20+', topics: 0, share: 0 },
    ]);
    expect(d.unansweredShare).toBe(0.25);
    const csv = await (await cora.get(`${base}/descriptives.csv`)).text();
    expect(csv.split('\r\n').slice(0, 2)).toEqual([
      'category,month,topics_created,posts_written,topics_with_accepted_answer,posts_by_staff',
      '(none),2022-02,1,12,0,0',
    ]);
  });

  test('the share of topics with an accepted answer, per month and overall, and of posts by staff', async () => {
    // Topics a (January), c and d (February) are solved; a's first reply and three posts of d are by staff.
    t.db.prepare("UPDATE threads SET solved = 1 WHERE title IN ('a', 'c', 'd')").run();
    t.db
      .prepare("UPDATE posts SET author_role = 'moderator' WHERE external_id IN ('p1-2', 'p4-1', 'p4-2', 'p4-3')")
      .run();
    const d = await (await cora.get(`${base}/descriptives`)).json();
    expect(d.accepted).toEqual({
      topics: 3,
      share: 0.75,
      perMonth: [
        { month: '2022-01', topics: 2, solved: 1, share: 0.5 },
        { month: '2022-02', topics: 2, solved: 2, share: 1 },
      ],
    });
    expect(d.staff).toEqual({ posts: 4, otherPosts: 14, share: 4 / 18 });
    expect(
      d.perCategoryMonth.map((r: { category: string; solvedTopics: number; staffPosts: number }) => [
        r.category,
        r.solvedTopics,
        r.staffPosts,
      ]),
    ).toEqual([
      ['(none)', 1, 3],
      ['Beginners', 0, 0],
      ['Models', 1, 1],
      ['Models', 1, 0],
    ]);
    const csv = await (await cora.get(`${base}/descriptives.csv`)).text();
    expect(csv.split('\r\n').slice(1, 5)).toEqual([
      '(none),2022-02,1,12,1,3',
      'Beginners,2022-01,1,1,0,0',
      'Models,2022-01,1,2,1,1',
      'Models,2022-02,1,3,1,0',
    ]);
  });

  test('a forum without topics has no shares', async () => {
    t.db.prepare('DELETE FROM threads').run();
    const d = await (await cora.get(`${base}/descriptives`)).json();
    expect([d.accepted, d.staff]).toEqual([
      { topics: 0, share: null, perMonth: [] },
      { posts: 0, otherPosts: 0, share: null },
    ]);
  });

  test('the owner stores topics or posts per category as a series set; a coder may not', async () => {
    expect((await cora.post(`${base}/series`, { count: 'topics' })).status).toBe(403);
    const owen = await loggedIn(t.app, 'owen');
    const { set } = await (await owen.post(`${base}/series`, { count: 'posts' })).json();
    expect(set).toMatchObject({
      name: 'Study (#1): posts by post month per forum category',
      unit: 'posts',
      seriesCount: 3,
    });
    const { set: full } = await (await owen.get(`/api/series/${set.id}`)).json();
    const values = full.series.map((s: { key: string; points: { value: number }[] }) => [
      s.key,
      s.points.map((p) => p.value),
    ]);
    expect(values).toEqual([
      ['(none)', [0, 12]],
      ['Beginners', [1, 0]],
      ['Models', [2, 3]],
    ]);
  });
});
