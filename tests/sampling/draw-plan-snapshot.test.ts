// A draw is planned on a worker (planDraw) while the request thread may commit another draw: a
// double click on "Draw sample" under load did exactly that. The plan reads the kept counts and
// then the drawn posts; both must come from one snapshot, or a post drawn in between leaves the
// counts pointing past the thread's remaining posts. Here another connection draws every post of
// the picked threads right between those two reads.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { type Db, openDb } from '../../apps/api/src/db/open.ts';
import type { PostPick } from '../../apps/api/src/db/population-cells.ts';
import { insertUnits } from '../../apps/api/src/db/units.ts';
import { commitDraw, type DrawRequest, drawTarget, planDraw } from '../../apps/api/src/sampling/draw-into-round.ts';
import { codingStudy, type CodingStudy } from '../support/coding-study.ts';

const { hook } = vi.hoisted(() => ({ hook: { between: null as ((picks: readonly PostPick[]) => void) | null } }));
vi.mock('../../apps/api/src/db/population-cells.ts', async (original) => {
  const m = await original<typeof import('../../apps/api/src/db/population-cells.ts')>();
  return {
    ...m,
    postsAtRanks: (...args: Parameters<typeof m.postsAtRanks>) => {
      const run = hook.between;
      hook.between = null;
      run?.(args[3]);
      return m.postsAtRanks(...args);
    },
  };
});

let s: CodingStudy;
let other: Db;
let request: DrawRequest;
beforeEach(async () => {
  s = await codingStudy();
  other = openDb(s.t.dbPath);
  request = { roundId: s.roundId, size: 4, strata: 'none', seed: 'snapshot', overlap: 1, withoutWords: false };
});
afterEach(() => {
  hook.between = null;
  other.close();
  s.t.close();
});

const unitCount = () => s.t.db.prepare('SELECT count(*) FROM units WHERE study_id = ?').pluck().get(s.studyId);

test('a draw committed between the plan’s two reads leaves the plan whole, and its commit is refused', () => {
  let taken = 0;
  hook.between = (picks) => {
    const threads = [...new Set(picks.map((p) => p.threadId))];
    const posts = other
      .prepare(`SELECT id, thread_id AS threadId FROM posts WHERE thread_id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(threads)) as { id: number; threadId: number }[];
    const units = posts.map((p) => ({ threadId: p.threadId, postId: p.id, coderIds: [s.ids.cora!] }));
    taken = insertUnits(other, s.studyId, s.roundId, units, s.ids.owen!, { by: 'another draw' }).length;
  };
  const target = drawTarget(s.t.db, s.studyId, request);
  const plan = planDraw(s.t.db, s.studyId, target.kind, request, target.coderIds);

  expect(hook.between).toBeNull(); // the other draw did run between the reads
  expect(taken).toBeGreaterThanOrEqual(4);
  expect(plan.sampled).toHaveLength(4);
  expect(plan.population).toBe(36);
  expect(commitDraw(s.t.db, s.studyId, s.ids.owen!, request, target, plan)).toBeNull();
  expect(unitCount()).toBe(taken);
});
