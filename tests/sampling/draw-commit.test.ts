// A draw is planned off the request thread (sampling/draw-into-round.ts planDraw) and written
// later (commitDraw): a plan the study outgrew meanwhile is never written, and requestDraw
// draws again from the study as it is then.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { insertUnits } from '../../apps/api/src/db/units.ts';
import { commitDraw, type DrawRequest, drawTarget, planDraw } from '../../apps/api/src/sampling/draw-into-round.ts';
import { requestDraw } from '../../apps/api/src/sampling/draw-request.ts';
import { codingStudy, type CodingStudy } from '../support/coding-study.ts';

let s: CodingStudy;
let request: DrawRequest;
beforeEach(async () => {
  s = await codingStudy();
  request = { roundId: s.roundId, size: 5, strata: 'month', seed: 'plan', overlap: 1, withoutWords: false };
});
afterEach(() => s.t.close());

const unitPosts = () =>
  s.t.db.prepare('SELECT post_id FROM units WHERE study_id = ? ORDER BY post_id').pluck().all(s.studyId) as number[];

describe('a draw planned, then written', () => {
  test('a plan written unchanged gives the units it drew', () => {
    const target = drawTarget(s.t.db, s.studyId, request);
    const plan = planDraw(s.t.db, s.studyId, target.kind, request, target.coderIds);
    const result = commitDraw(s.t.db, s.studyId, s.ids.owen!, request, target, plan);
    expect(result).toEqual({
      units: 5,
      strata: plan.strata,
      population: 36,
      draw: 1,
      sampledUrl: `/api/studies/${s.studyId}/sampling/draws/1/units`,
    });
    expect(unitPosts()).toEqual([...plan.sampled].sort((a, b) => a - b));
  });

  test('a plan one of whose posts became a unit meanwhile is not written', () => {
    const target = drawTarget(s.t.db, s.studyId, request);
    const plan = planDraw(s.t.db, s.studyId, target.kind, request, target.coderIds);
    insertUnits(s.t.db, s.studyId, s.roundId, [plan.units[2]!], s.ids.owen!, { by: 'another draw' });
    expect(commitDraw(s.t.db, s.studyId, s.ids.owen!, request, target, plan)).toBeNull();
    expect(unitPosts()).toEqual([plan.units[2]!.postId]);
  });

  test('a plan one of whose threads left the selection meanwhile is not written', () => {
    const target = drawTarget(s.t.db, s.studyId, request);
    const plan = planDraw(s.t.db, s.studyId, target.kind, request, target.coderIds);
    s.t.db
      .prepare('DELETE FROM study_threads WHERE study_id = ? AND thread_id = ?')
      .run(s.studyId, plan.units[0]!.threadId);
    expect(commitDraw(s.t.db, s.studyId, s.ids.owen!, request, target, plan)).toBeNull();
    expect(unitPosts()).toEqual([]);
  });

  test('requestDraw draws again when the study changed under its first plan', async () => {
    let plans = 0;
    const { result, created } = await requestDraw(s.t.db, s.studyId, s.ids.owen!, request, async (target, body) => {
      const plan = planDraw(s.t.db, s.studyId, target.kind, body, target.coderIds);
      // The first time, another draw takes one of the planned posts before this one is written.
      if (plans++ === 0) insertUnits(s.t.db, s.studyId, s.roundId, [plan.units[0]!], s.ids.owen!, { by: 'another' });
      return plan;
    });
    expect(plans).toBe(2);
    expect(created).toBe(true);
    expect(result.population).toBe(35);
    expect(unitPosts()).toHaveLength(6); // the other draw's one and this draw's five, none twice
  });

  test('requestDraw gives up with 409 when the study keeps changing', async () => {
    const draw = requestDraw(s.t.db, s.studyId, s.ids.owen!, request, async (target, body) => {
      const plan = planDraw(s.t.db, s.studyId, target.kind, body, target.coderIds);
      insertUnits(s.t.db, s.studyId, s.roundId, [plan.units[0]!], s.ids.owen!, { by: 'another' });
      return plan;
    });
    await expect(draw).rejects.toMatchObject({ code: 'sample.population_changed', status: 409 });
    expect(unitPosts()).toHaveLength(3); // only the three other draws' units
  });
});
