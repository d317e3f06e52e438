// Accepted answers and who answered (issue 18 point 4) through the API: thread filters in the
// browser and in selection rules, the thread page's and the coding screen's fields, and draws
// of only accepted answers or only posts by forum staff.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { codingStudy, type CodingStudy } from '../support/coding-study.ts';

let s: CodingStudy;
/** posts[i][j]: post j+1 of "Thread i+1". */
let posts: number[][];

beforeEach(async () => {
  s = await codingStudy();
  posts = s.forum.postIds;
  const db = s.t.db;
  const thread = (i: number) => s.forum.threadIds[i - 1]!;
  const solve = db.prepare('UPDATE threads SET solved = 1 WHERE id = ?');
  for (const i of [1, 2, 5]) solve.run(thread(i));
  const score = db.prepare('UPDATE threads SET score = ? WHERE id = ?');
  score.run(7, thread(1));
  score.run(0, thread(2));
  score.run(-2, thread(3));
  const accept = db.prepare('UPDATE posts SET accepted_answer = 1 WHERE id = ?');
  for (const id of [posts[0]![1]!, posts[1]![2]!, posts[4]![1]!]) accept.run(id);
  const standing = db.prepare('UPDATE posts SET author_role = ?, author_group = ?, author_title = ? WHERE id = ?');
  standing.run('moderator', 'huggingface', 'Hugging Face Staff', posts[0]![1]!);
  standing.run('admin', null, null, posts[2]![0]!);
  standing.run('staff', 'huggingface', null, posts[6]![2]!);
});
afterEach(() => s.t.close());

const titles = async (query: string) => {
  const res = await (await s.as('owen')).get(`/api/threads?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { threads: { title: string }[] }).threads.map((t) => t.title);
};

describe('thread filters', () => {
  test('has an accepted answer, and a minimum question score, alone and together', async () => {
    expect(await titles('solved=yes')).toEqual(['Thread 5', 'Thread 2', 'Thread 1']);
    expect(await titles('solved=no')).toEqual([
      'Thread 12',
      'Thread 11',
      'Thread 10',
      'Thread 9',
      'Thread 8',
      'Thread 7',
      'Thread 6',
      'Thread 4',
      'Thread 3',
    ]);
    // Threads without a score (no Stack Exchange question) never pass a minimum.
    expect(await titles('minScore=0')).toEqual(['Thread 2', 'Thread 1']);
    expect(await titles('minScore=-5')).toEqual(['Thread 3', 'Thread 2', 'Thread 1']);
    expect(await titles('solved=yes&minScore=1')).toEqual(['Thread 1']);
  });

  test('bad values are 400 naming the field', async () => {
    const owen = await s.as('owen');
    for (const [query, field] of [
      ['solved=maybe', 'solved'],
      ['minScore=high', 'minScore'],
      ['minScore=1.5', 'minScore'],
    ]) {
      const res = await owen.get(`/api/threads?${query}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { where: unknown } }).error.where).toEqual({ field });
    }
  });

  test('a selection rule filters by them and is recorded with them', async () => {
    const owen = await s.as('owen');
    const res = await owen.post(`/api/studies/${s.studyId}/threads`, {
      action: 'remove',
      rule: { kind: 'filter', filter: { solved: 'no' } },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const change = (await res.json()) as { matched: number; changed: number; selection: { threads: number } };
    expect([change.matched, change.changed, change.selection.threads]).toEqual([9, 9, 3]);
    const json = JSON.parse(
      s.t.db.prepare('SELECT selection_json FROM studies WHERE id = ?').pluck().get(s.studyId) as string,
    ) as { rules: { kind: string; filter: unknown; action: string }[] };
    expect(json.rules.map(({ kind, filter, action }) => ({ kind, filter, action }))).toEqual([
      { kind: 'filter', filter: { solved: 'no' }, action: 'remove' },
    ]);
    const bad = await owen.post(`/api/studies/${s.studyId}/threads`, {
      action: 'add',
      rule: { kind: 'filter', filter: { minScore: 'x' } },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { where: unknown } }).error.where).toEqual({
      field: 'rule.filter.minScore',
    });
  });
});

describe('what the thread page and the coding screen show', () => {
  test("the thread's Solved mark and score; each post's accepted flag and author standing", async () => {
    const owen = await s.as('owen');
    const id = s.forum.threadIds[0];
    const { thread } = (await (await owen.get(`/api/threads/${id}`)).json()) as {
      thread: { solved: boolean; score: number | null };
    };
    expect([thread.solved, thread.score]).toEqual([true, 7]);
    const { posts } = (await (await owen.get(`/api/threads/${id}/posts?after=0&limit=100`)).json()) as {
      posts: Record<string, unknown>[];
    };
    expect(
      posts.map(({ postNumber, acceptedAnswer, authorRole, authorGroup, authorTitle }) => ({
        postNumber,
        acceptedAnswer,
        authorRole,
        authorGroup,
        authorTitle,
      })),
    ).toEqual([
      { postNumber: 1, acceptedAnswer: false, authorRole: null, authorGroup: null, authorTitle: null },
      {
        postNumber: 2,
        acceptedAnswer: true,
        authorRole: 'moderator',
        authorGroup: 'huggingface',
        authorTitle: 'Hugging Face Staff',
      },
      { postNumber: 3, acceptedAnswer: false, authorRole: null, authorGroup: null, authorTitle: null },
    ]);
    const list = (await (await owen.get('/api/threads?solved=yes&minScore=1')).json()) as {
      threads: { solved: boolean; score: number | null }[];
    };
    expect(list.threads.map((t) => [t.solved, t.score])).toEqual([[true, 7]]);
  });

  test('the unit a coder reads carries the same', async () => {
    const owen = await s.as('owen');
    const drawn = await owen.post(`/api/studies/${s.studyId}/sampling/draw`, {
      roundId: s.roundId,
      size: 10,
      seed: 'x',
      only: 'accepted',
    });
    expect(drawn.status).toBe(201);
    const unitId = s.t.db.prepare('SELECT id FROM units WHERE post_id = ?').pluck().get(posts[0]![1]!) as number;
    const cora = await s.as('cora');
    const unit = (await (await cora.get(`/api/studies/${s.studyId}/units/${unitId}`)).json()) as {
      thread: { solved: boolean; score: number | null };
      posts: { postNumber: number; acceptedAnswer: boolean; authorRole: string | null; isUnit: boolean }[];
    };
    expect([unit.thread.solved, unit.thread.score]).toEqual([true, 7]);
    expect(unit.posts.map((p) => [p.postNumber, p.isUnit, p.acceptedAnswer, p.authorRole])).toEqual([
      [1, false, false, null],
      [2, true, true, 'moderator'],
      [3, false, false, null],
    ]);
  });
});

describe('drawing only accepted answers or only posts by staff', () => {
  test('the population counts them; a draw takes exactly them and records the choice', async () => {
    const owen = await s.as('owen');
    const pop = await (await owen.get(`/api/studies/${s.studyId}/sampling/population`)).json();
    expect(pop).toEqual({ unitKind: 'post', available: 36, withoutWords: 0, acceptedAnswers: 3, byStaff: 3 });
    const res = await owen.post(`/api/studies/${s.studyId}/sampling/draw`, {
      roundId: s.roundId,
      size: 10,
      seed: 'root-causes',
      only: 'accepted',
    });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await res.json()).toMatchObject({ units: 3, population: 3 });
    const drawn = s.t.db
      .prepare('SELECT post_id FROM units WHERE study_id = ? ORDER BY post_id')
      .pluck()
      .all(s.studyId);
    expect(drawn).toEqual([posts[0]![1], posts[1]![2], posts[4]![1]]);
    const record = JSON.parse(
      s.t.db.prepare('SELECT sampling_json FROM studies WHERE id = ?').pluck().get(s.studyId) as string,
    ) as { draws: { only?: string; population: number }[] };
    expect(record.draws.map((d) => [d.only, d.population])).toEqual([['accepted', 3]]);
    // The moderator's accepted answer is a unit now: two staff posts are left.
    const staff = await owen.post(`/api/studies/${s.studyId}/sampling/draw`, {
      roundId: s.roundId,
      size: 10,
      seed: 'staff',
      only: 'staff',
    });
    expect(await staff.json()).toMatchObject({ units: 2, population: 2 });
    const again = await owen.post(`/api/studies/${s.studyId}/sampling/draw`, {
      roundId: s.roundId,
      size: 1,
      seed: 'more',
      only: 'accepted',
    });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { message: string } }).error.message).toBe(
      'There is nothing left to sample: no accepted answer among the selected threads is left.',
    );
  });

  test('a study of threads cannot draw only some posts: 400 on only', async () => {
    s.t.db.prepare("UPDATE studies SET unit_kind = 'thread' WHERE id = ?").run(s.studyId);
    const res = await (await s.as('owen')).post(`/api/studies/${s.studyId}/sampling/draw`, {
      roundId: s.roundId,
      size: 1,
      seed: 'x',
      only: 'staff',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string; where: unknown } }).error).toMatchObject({
      code: 'sample.only_posts',
      where: { field: 'only' },
    });
  });
});
