// The sampling population is counted from kept counts (migration 029: per thread and month, and per
// study, kept by triggers) less the study's units (kept too, migration 035). After every kind of change it must equal what
// the posts say, and the candidates `population` lists.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Db } from '../../apps/api/src/db/open.ts';
import { population, populationCounts } from '../../apps/api/src/db/population.ts';
import { insertStudy } from '../../apps/api/src/db/studies.ts';
import { insertUnits } from '../../apps/api/src/db/units.ts';
import { codingStudy, type CodingStudy } from '../support/coding-study.ts';
import { selectAllThreads } from '../support/forum.ts';
import { importTopics, postIdOf, threadIdOf, type Topic, topics } from '../support/revised-forum.ts';

let s: CodingStudy;
beforeEach(async () => {
  s = await codingStudy();
});
afterEach(() => s.t.close());

/** The population's counts as `population` lists them, one candidate at a time. */
function listedCounts(db: Db, studyId: number, kind: 'post' | 'thread') {
  const listed = (withoutWords: boolean, only: 'accepted' | 'staff' | null = null) =>
    population(db, studyId, kind, 'none', withoutWords, only).length;
  if (kind === 'thread') return { available: listed(false), withoutWords: 0, acceptedAnswers: 0, byStaff: 0 };
  return {
    available: listed(false),
    withoutWords: listed(true) - listed(false),
    acceptedAnswers: listed(false, 'accepted'),
    byStaff: listed(false, 'staff'),
  };
}

/** The kept counts as they are, and as recounted from the posts and selections now. */
function keptAndRecounted(db: Db) {
  const recount = `count(*), sum(content_kind = 'text'), sum(accepted_answer), sum(content_kind = 'text' AND accepted_answer),
    sum(author_role IS NOT NULL), sum(content_kind = 'text' AND author_role IS NOT NULL)`;
  return {
    threads: db.prepare('SELECT * FROM thread_post_counts ORDER BY thread_id, month').raw().all(),
    threadsRecounted: db
      .prepare(`SELECT thread_id, substr(created_at, 1, 7), ${recount} FROM posts GROUP BY 1, 2 ORDER BY 1, 2`)
      .raw()
      .all(),
    studies: db.prepare('SELECT * FROM study_post_counts WHERE threads > 0 ORDER BY study_id').raw().all(),
    studiesRecounted: db
      .prepare(
        `SELECT st.study_id, count(DISTINCT st.thread_id), count(p.id), coalesce(sum(p.content_kind = 'text'), 0),
           coalesce(sum(p.content_kind = 'text' AND p.accepted_answer), 0),
           coalesce(sum(p.content_kind = 'text' AND p.author_role IS NOT NULL), 0)
         FROM study_threads st LEFT JOIN posts p ON p.thread_id = st.thread_id GROUP BY 1 ORDER BY 1`,
      )
      .raw()
      .all(),
    units: db.prepare('SELECT * FROM study_unit_counts WHERE threads > 0 OR posts > 0 ORDER BY study_id').raw().all(),
    unitsRecounted: db
      .prepare(
        `SELECT u.study_id, sum(u.post_id IS NULL), count(p.id), coalesce(sum(p.content_kind = 'text'), 0),
           coalesce(sum(p.content_kind = 'text' AND p.accepted_answer), 0),
           coalesce(sum(p.content_kind = 'text' AND p.author_role IS NOT NULL), 0)
         FROM units u LEFT JOIN posts p ON p.id = u.post_id
         JOIN study_threads st ON st.study_id = u.study_id AND st.thread_id = coalesce(p.thread_id, u.thread_id)
         GROUP BY 1 ORDER BY 1`,
      )
      .raw()
      .all(),
  };
}

function expectKeptCountsTrue(db: Db) {
  const k = keptAndRecounted(db);
  expect(k.threads).toEqual(k.threadsRecounted);
  expect(k.studies).toEqual(k.studiesRecounted);
  expect(k.units).toEqual(k.unitsRecounted);
}

describe('the sampling population count', () => {
  test('a post study: 36 posts, then 28 after drawing 8, as the route says', async () => {
    const owen = await s.as('owen');
    expect(populationCounts(s.t.db, s.studyId, 'post').available).toBe(36);
    await owen.post(`/api/studies/${s.studyId}/sampling/draw`, { roundId: s.roundId, size: 8, seed: 'x' });
    expect(populationCounts(s.t.db, s.studyId, 'post')).toEqual({
      available: 28,
      withoutWords: 0,
      acceptedAnswers: 0,
      byStaff: 0,
    });
    expect(listedCounts(s.t.db, s.studyId, 'post').available).toBe(28);
    const res = await owen.get(`/api/studies/${s.studyId}/sampling/population`);
    expect(await res.json()).toEqual({
      unitKind: 'post',
      available: 28,
      withoutWords: 0,
      acceptedAnswers: 0,
      byStaff: 0,
    });
  });

  test('units on a thread taken out of the selection are not subtracted twice', async () => {
    const owen = await s.as('owen');
    await owen.post(`/api/studies/${s.studyId}/sampling/draw`, { roundId: s.roundId, size: 8, seed: 'x' });
    const thread = s.t.db
      .prepare('SELECT thread_id FROM units WHERE study_id = ? ORDER BY id LIMIT 1')
      .pluck()
      .get(s.studyId) as number;
    const onThread = s.t.db
      .prepare('SELECT count(*) FROM units WHERE study_id = ? AND thread_id = ?')
      .pluck()
      .get(s.studyId, thread) as number;
    s.t.db.prepare('DELETE FROM study_threads WHERE study_id = ? AND thread_id = ?').run(s.studyId, thread);
    // The thread's 3 posts leave the population, less those already drawn from it.
    expect(populationCounts(s.t.db, s.studyId, 'post').available).toBe(28 - (3 - onThread));
    expect(populationCounts(s.t.db, s.studyId, 'post')).toEqual(listedCounts(s.t.db, s.studyId, 'post'));
    expectKeptCountsTrue(s.t.db);
  });

  test('a thread study counts threads: 12, then 7 after drawing 5, then 6 when one leaves the selection', () => {
    const studyId = insertStudy(
      s.t.db,
      { name: 'Threads', description: '', unitKind: 'thread', labelMode: 'multi', blind: true },
      s.ids.owen!,
    );
    selectAllThreads(s.t.db, studyId);
    expect(populationCounts(s.t.db, studyId, 'thread').available).toBe(12);
    s.t.db
      .prepare(
        'INSERT INTO units (study_id, round_id, thread_id, post_id, position) SELECT ?, ?, id, NULL, id FROM threads ORDER BY id LIMIT 5',
      )
      .run(studyId, s.t.db.prepare('SELECT id FROM rounds WHERE study_id = ?').pluck().get(studyId));
    expect(populationCounts(s.t.db, studyId, 'thread')).toEqual({
      available: 7,
      withoutWords: 0,
      acceptedAnswers: 0,
      byStaff: 0,
    });
    s.t.db
      .prepare('DELETE FROM study_threads WHERE study_id = ? AND thread_id = (SELECT max(id) FROM threads)')
      .run(studyId);
    expect(populationCounts(s.t.db, studyId, 'thread')).toEqual(listedCounts(s.t.db, studyId, 'thread'));
    expect(populationCounts(s.t.db, studyId, 'thread').available).toBe(6);
  });

  test('a study without selected threads has an empty population', () => {
    const studyId = insertStudy(
      s.t.db,
      { name: 'Empty', description: '', unitKind: 'post', labelMode: 'multi', blind: true },
      s.ids.owen!,
    );
    expect(populationCounts(s.t.db, studyId, 'post')).toEqual({
      available: 0,
      withoutWords: 0,
      acceptedAnswers: 0,
      byStaff: 0,
    });
  });
});

describe('the kept counts follow imports, re-imports and the selection', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'threadcoder-population-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /**
   * The three topics again as the forum returns them later: topic 2001 marks post 60002, by a
   * moderator, as its accepted answer and gains post 60006 a month later; post 60003 is now only an
   * image; post 60005 moved to topic 2002.
   */
  function revised(): Topic[] {
    const list = topics() as (Topic & Record<string, unknown>)[];
    const [first, second, third] = list as [Topic & Record<string, unknown>, Topic, Topic];
    first.accepted_answer = { post_number: 2, username: 'dave' };
    Object.assign(first.post_stream.posts[1]!, { moderator: true, staff: true });
    first.post_stream.posts.push({
      id: 60006,
      post_number: 3,
      username: 'carol',
      created_at: '2021-07-02T10:00:00Z',
      cooked: '<p>Thanks, that worked.</p>',
      reply_to_post_number: 2,
    } as Topic['post_stream']['posts'][number]);
    second.post_stream.posts[0]!.cooked = '<p><img src="https://example.org/padding.png" alt=""></p>';
    const moved = third.post_stream.posts.pop()!;
    second.post_stream.posts.push({ ...moved, post_number: 2 });
    return list;
  }

  test('a post study over topics 2001 and 2003, before and after the re-import', async () => {
    const db = s.t.db;
    await importTopics(db, dir, topics());
    const studyId = insertStudy(
      db,
      { name: 'Imported', description: '', unitKind: 'post', labelMode: 'multi', blind: true },
      s.ids.owen!,
    );
    const select = db.prepare('INSERT INTO study_threads (study_id, thread_id) VALUES (?, ?)');
    for (const topic of ['2001', '2003']) select.run(studyId, threadIdOf(db, topic));
    // 60001, 60002, 60004 and 60005 (it quotes, and has words of its own).
    expect(populationCounts(db, studyId, 'post')).toEqual({
      available: 4,
      withoutWords: 0,
      acceptedAnswers: 0,
      byStaff: 0,
    });
    const roundId = db.prepare('SELECT id FROM rounds WHERE study_id = ?').pluck().get(studyId) as number;
    insertUnits(
      db,
      studyId,
      roundId,
      [{ threadId: threadIdOf(db, '2001'), postId: postIdOf(db, '60001'), coderIds: [] }],
      s.ids.owen!,
      {},
    );

    await importTopics(db, dir, revised(), 'revised.jsonl');
    // 60002 (accepted, by a moderator), 60006 and 60004; 60001 is a unit; 60005 left with its topic.
    expect(populationCounts(db, studyId, 'post')).toEqual({
      available: 3,
      withoutWords: 0,
      acceptedAnswers: 1,
      byStaff: 1,
    });
    expect(populationCounts(db, studyId, 'post')).toEqual(listedCounts(db, studyId, 'post'));
    expectKeptCountsTrue(db);

    // Topic 2002 joins the selection: 60005 comes back with it, and the image-only post counts apart.
    select.run(studyId, threadIdOf(db, '2002'));
    expect(populationCounts(db, studyId, 'post')).toEqual({
      available: 4,
      withoutWords: 1,
      acceptedAnswers: 1,
      byStaff: 1,
    });
    expect(populationCounts(db, studyId, 'post')).toEqual(listedCounts(db, studyId, 'post'));
    expectKeptCountsTrue(db);
  });

  test('drawn posts re-imported with new flags, then a unit, a round and a study deleted keep the unit counts true', async () => {
    const db = s.t.db;
    await importTopics(db, dir, topics());
    selectAllThreads(db, s.studyId);
    const studyId = insertStudy(
      db,
      { name: 'Drawn', description: '', unitKind: 'post', labelMode: 'multi', blind: true },
      s.ids.owen!,
    );
    const select = db.prepare('INSERT INTO study_threads (study_id, thread_id) VALUES (?, ?)');
    for (const topic of ['2001', '2003']) select.run(studyId, threadIdOf(db, topic));
    const roundId = db.prepare('SELECT id FROM rounds WHERE study_id = ?').pluck().get(studyId) as number;
    const draw = (study: number, round: number, posts: string[]) =>
      insertUnits(
        db,
        study,
        round,
        posts.map((post) => ({
          threadId: db.prepare('SELECT thread_id FROM posts WHERE id = ?').pluck().get(postIdOf(db, post)) as number,
          postId: postIdOf(db, post),
          coderIds: [],
        })),
        s.ids.owen!,
        {},
      );
    draw(studyId, roundId, ['60002', '60005']);
    draw(s.studyId, s.roundId, ['60002', '60003', '60005']);
    // 60001 and 60004 of 60001, 60002, 60004, 60005.
    expect(populationCounts(db, studyId, 'post').available).toBe(2);
    expectKeptCountsTrue(db);

    // 60002 turns accepted and by a moderator while drawn, 60003 loses its words, 60005 moves to 2002.
    await importTopics(db, dir, revised(), 'revised.jsonl');
    // 60001, 60006 and 60004: the drawn 60002 is no accepted answer to draw, and 60005 left the selection.
    expect(populationCounts(db, studyId, 'post')).toEqual({
      available: 3,
      withoutWords: 0,
      acceptedAnswers: 0,
      byStaff: 0,
    });
    expect(populationCounts(db, s.studyId, 'post')).toEqual(listedCounts(db, s.studyId, 'post'));
    expectKeptCountsTrue(db);

    db.prepare('DELETE FROM units WHERE study_id = ? AND post_id = ?').run(studyId, postIdOf(db, '60002'));
    expect(populationCounts(db, studyId, 'post')).toEqual({
      available: 4,
      withoutWords: 0,
      acceptedAnswers: 1,
      byStaff: 1,
    });
    expectKeptCountsTrue(db);

    db.prepare('DELETE FROM rounds WHERE id = ?').run(s.roundId);
    expect(populationCounts(db, s.studyId, 'post')).toEqual(listedCounts(db, s.studyId, 'post'));
    expectKeptCountsTrue(db);

    db.prepare('DELETE FROM studies WHERE id = ?').run(studyId);
    expect(db.prepare('SELECT count(*) FROM study_unit_counts WHERE study_id = ?').pluck().get(studyId)).toBe(0);
    expectKeptCountsTrue(db);
  });

  test('a post or thread removed, a date changed and a study removed keep the counts true', async () => {
    const db = s.t.db;
    await importTopics(db, dir, topics());
    selectAllThreads(db, s.studyId);
    expectKeptCountsTrue(db);
    db.prepare('DELETE FROM posts WHERE id = ?').run(postIdOf(db, '60005'));
    db.prepare("UPDATE posts SET created_at = '2021-09-30T23:59:59Z' WHERE id = ?").run(postIdOf(db, '60002'));
    db.prepare("UPDATE posts SET author_role = 'admin' WHERE id = ?").run(postIdOf(db, '60004'));
    expectKeptCountsTrue(db);
    db.prepare('DELETE FROM threads WHERE id = ?').run(threadIdOf(db, '2001'));
    expectKeptCountsTrue(db);
    expect(populationCounts(db, s.studyId, 'post')).toEqual(listedCounts(db, s.studyId, 'post'));
    // The monthly forum's 36 posts and topics 2002 and 2003's remaining two, one by an admin.
    expect(populationCounts(db, s.studyId, 'post')).toEqual({
      available: 38,
      withoutWords: 0,
      acceptedAnswers: 0,
      byStaff: 1,
    });
    db.prepare('DELETE FROM studies WHERE id = ?').run(s.studyId);
    expect(db.prepare('SELECT count(*) FROM study_post_counts WHERE study_id = ?').pluck().get(s.studyId)).toBe(0);
    expectKeptCountsTrue(db);
  });
});
