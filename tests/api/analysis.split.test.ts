// Counts split by accepted answers and by staff authors (issue 18 point 4), on the analysis study
// of tests/support/analysis-study.ts, whose settled units are U1–U6 and U8 (U7 is not coded):
//   accepted answers: the posts of U1, U4, U8     staff posts: the posts of U3, U8
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { analysisStudy, type AnalysisStudy } from '../support/analysis-study.ts';

let s: AnalysisStudy;
beforeAll(async () => {
  s = await analysisStudy();
  const postOf = (unit: number) =>
    s.t.db.prepare('SELECT post_id FROM units WHERE id = ?').pluck().get(s.units[unit]) as number;
  for (const u of [0, 3, 7]) s.t.db.prepare('UPDATE posts SET accepted_answer = 1 WHERE id = ?').run(postOf(u));
  for (const u of [2, 7]) s.t.db.prepare("UPDATE posts SET author_role = 'moderator' WHERE id = ?").run(postOf(u));
});
afterAll(() => s.t.close());

type Split = {
  by: string;
  groups: { label: string; codedUnits: number }[];
  codes: Record<string, { units: number; share: number; threads: number }[]>;
};
const split = async (by: string, extra = '') => {
  const res = await s.agents.owen.get(`/api/studies/${s.studyId}/analysis/counts?split=${by}${extra}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { split: Split }).split;
};
/** Per code: [units, share] of each group. */
const table = (sp: Split) =>
  Object.fromEntries(Object.entries(sp.codes).map(([id, g]) => [id, g.map((c) => [c.units, c.share])]));

describe('counts split in two', () => {
  test('accepted answers vs other posts', async () => {
    const sp = await split('accepted');
    expect(sp.groups).toEqual([
      { label: 'Accepted answers', codedUnits: 3 },
      { label: 'Other posts', codedUnits: 4 },
    ]);
    expect(table(sp)).toEqual({
      challenge: [
        [3, 1],
        [3, 0.75],
      ],
      technical: [
        [3, 1],
        [1, 0.25],
      ],
      memory: [
        [3, 1],
        [0, 0],
      ],
      training: [
        [1, 1 / 3],
        [1, 0.25],
      ],
      docs: [
        [0, 0],
        [2, 0.5],
      ],
      benefit: [
        [0, 0],
        [2, 0.5],
      ],
      thanks: [
        [0, 0],
        [2, 0.5],
      ],
    });
    expect(sp.codes.memory!.map((c) => c.threads)).toEqual([3, 0]);
  });

  test('posts by staff vs other users; the filters apply', async () => {
    const sp = await split('staff');
    expect(sp.groups).toEqual([
      { label: 'Posts by staff', codedUnits: 2 },
      { label: 'Posts by other users', codedUnits: 5 },
    ]);
    expect(table(sp)).toMatchObject({
      challenge: [
        [2, 1],
        [4, 0.8],
      ],
      memory: [
        [1, 0.5],
        [2, 0.4],
      ],
      docs: [
        [1, 0.5],
        [1, 0.2],
      ],
      thanks: [
        [1, 0.5],
        [1, 0.2],
      ],
    });
    // Only round "Main": U8, a staff post with {memory}.
    const main = await split('staff', `&roundId=${s.rounds[1]}`);
    expect(main.groups.map((g) => g.codedUnits)).toEqual([1, 0]);
    expect(table(main)).toEqual({
      challenge: [
        [1, 1],
        [0, 0],
      ],
      technical: [
        [1, 1],
        [0, 0],
      ],
      memory: [
        [1, 1],
        [0, 0],
      ],
    });
  });

  test('no split unless asked; an unknown split is 400 naming the field', async () => {
    const plain = await s.agents.owen.get(`/api/studies/${s.studyId}/analysis/counts`);
    expect(((await plain.json()) as { split: unknown }).split).toBeNull();
    const bad = await s.agents.owen.get(`/api/studies/${s.studyId}/analysis/counts?split=likes`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { where: unknown } }).error.where).toEqual({ field: 'split' });
  });

  test("the CSV adds each group's rows, named in scope", async () => {
    const csv = await (await s.agents.owen.get(`/api/studies/${s.studyId}/analysis/counts.csv?split=accepted`)).text();
    const rows = csv.trimEnd().split('\r\n');
    // The two groups add up to the final labels' count (3 of 7 settled units).
    expect(rows.filter((r) => r.includes(',memory,') && !r.startsWith('coder,'))).toEqual([
      'final labels,,memory,Challenge > Technical > Memory,2,3,0.42857142857142855,3,,,,,',
      'Accepted answers,,memory,Challenge > Technical > Memory,2,3,1,3,,,,,',
      'Other posts,,memory,Challenge > Technical > Memory,2,0,0,0,,,,,',
    ]);
    expect(rows.filter((r) => r.startsWith('Other posts,,docs,'))).toEqual([
      'Other posts,,docs,Challenge > Docs,1,2,0.5,2,,,,,',
    ]);
  });
});
