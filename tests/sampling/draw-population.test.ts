// A draw from the study's population (sampling/draw-into-round.ts planDraw), read as cells of
// thread and month (issue #20): the same units as before where post ids follow the threads,
// exact proportional counts per stratum, no unit twice, never a unit already drawn, `only` kept.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type DrawRequest, drawTarget, planDraw } from '../../apps/api/src/sampling/draw-into-round.ts';
import { codingStudy, type CodingStudy } from '../support/coding-study.ts';

let s: CodingStudy;
beforeEach(async () => {
  s = await codingStudy();
});
afterEach(() => s.t.close());

const plan = (body: Partial<DrawRequest>) => {
  const request = {
    roundId: s.roundId,
    size: 5,
    strata: 'none',
    seed: 'pin',
    overlap: 1,
    withoutWords: false,
    ...body,
  };
  const target = drawTarget(s.t.db, s.studyId, request as DrawRequest);
  return planDraw(s.t.db, s.studyId, target.kind, request as DrawRequest, target.coderIds);
};

const tagOf = (postId: number) =>
  s.t.db
    .prepare('SELECT min(g.tag) FROM posts p JOIN thread_tags g ON g.thread_id = p.thread_id WHERE p.id = ?')
    .pluck()
    .get(postId) as string;

describe('a draw from the population', () => {
  // Drawn by the code before issue #20's change (main at dcdee14), on the same 12 monthly threads.
  test.each([
    ['month', 'pin', 7, [1, 6, 8, 10, 15, 17, 19]],
    ['quarter', 'pin', 9, [1, 8, 7, 10, 18, 22, 20, 33, 34]],
    ['none', 'pin', 5, [2, 32, 23, 5, 36]],
    ['category', 'pin', 6, [4, 34, 24, 1, 33, 15]],
    ['tag', 'pin', 9, [5, 33, 25, 8, 36, 22, 1, 20, 28]],
  ] as const)('strata %s, seed %s, size %i: the units drawn before', (strata, seed, size, expected) => {
    expect(plan({ strata, seed, size }).sampled).toEqual(expected);
  });

  test('by tag: 9 of 12 gpt2 and 24 bert posts are 3 and 6, each unit once, with its thread', () => {
    const drawn = plan({ strata: 'tag', size: 9, seed: 'tags' });
    expect(drawn.strata).toEqual([
      { stratum: 'bert', population: 24, sampled: 6 },
      { stratum: 'gpt2', population: 12, sampled: 3 },
    ]);
    expect(drawn.sampled.map(tagOf).sort()).toEqual([...Array(6).fill('bert'), ...Array(3).fill('gpt2')]);
    expect(new Set(drawn.sampled).size).toBe(9);
    const threadOf = s.t.db.prepare('SELECT thread_id FROM posts WHERE id = ?').pluck();
    expect(drawn.units.map((u) => u.threadId)).toEqual(drawn.sampled.map((id) => threadOf.get(id)));
  });

  test('draws after the first take only what is left, until nothing is', async () => {
    const owen = await s.as('owen');
    const first = await owen.post(`/api/studies/${s.studyId}/sampling/draw`, {
      roundId: s.roundId,
      size: 20,
      strata: 'month',
      seed: 'a',
    });
    expect((await first.json()).population).toBe(36);
    const taken = s.t.db.prepare('SELECT post_id FROM units WHERE study_id = ?').pluck().all(s.studyId) as number[];
    const rest = plan({ strata: 'month', size: 100, seed: 'b' });
    expect(rest.population).toBe(16);
    expect(rest.sampled.filter((id) => taken.includes(id))).toEqual([]);
    expect([...rest.sampled, ...taken].sort((a, b) => a - b)).toEqual(Array.from({ length: 36 }, (_, i) => i + 1));
  });

  test('only accepted answers, or only posts by staff: exactly those', () => {
    s.t.db.prepare('UPDATE posts SET accepted_answer = 1 WHERE id IN (2, 11, 20, 29)').run();
    s.t.db.prepare("UPDATE posts SET author_role = 'staff' WHERE id IN (5, 6, 29)").run();
    const accepted = plan({ strata: 'quarter', size: 10, seed: 'acc', only: 'accepted' });
    expect(accepted.sampled.sort((a, b) => a - b)).toEqual([2, 11, 20, 29]);
    expect(accepted.strata.map((x) => [x.stratum, x.sampled])).toEqual([
      ['2022-Q1', 1],
      ['2022-Q2', 1],
      ['2022-Q3', 1],
      ['2022-Q4', 1],
    ]);
    expect(plan({ size: 2, seed: 'st', only: 'staff' }).population).toBe(3);
  });

  test('the same seed draws the same units; another seed others', () => {
    const one = plan({ strata: 'month', size: 12, seed: 'again' });
    expect(plan({ strata: 'month', size: 12, seed: 'again' })).toEqual(one);
    expect(plan({ strata: 'month', size: 12, seed: 'other' }).sampled).not.toEqual(one.sampled);
  });
});
