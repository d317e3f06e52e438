// Which old model versions' uncertainty scores a fresh ranking prunes (suggest/ranking-pins.ts):
// a coder's ranking pins its version for the units of its own round only, so the pins left in
// closed rounds never keep another round's scores, and the table stays bounded by the study's
// units times the coders who ranked them, however many rounds close.
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Agent } from '../support/agent.ts';
import { closedRoundRetrained, suggestStudy, type SuggestStudy } from './suggest-study.ts';

let s: SuggestStudy;
let cora: Agent;
beforeEach(async () => {
  s = await suggestStudy();
  cora = await s.as('cora');
});
afterEach(() => s.t.close());

const rankIn = (roundId: number) =>
  cora.get(`/api/studies/${s.studyId}/rounds/${roundId}/my-units?order=uncertainty&limit=2`);
/** How many scores of `version` the units of `roundId` have. */
const scores = (roundId: number, version: number) =>
  s.t.db
    .prepare(
      'SELECT count(*) FROM unit_uncertainty uu JOIN units u ON u.id = uu.unit_id WHERE u.round_id = ? AND uu.model_version = ?',
    )
    .pluck()
    .get(roundId, version);

/** A calibration round of `n` posts for cora and cody, which cora ranks (pinning the model now) before it closes. */
let calibrations = 0;
async function calibrationRoundRankedThenClosed(n: number): Promise<number> {
  calibrations += 1;
  let calibration = 0;
  const texts = Array.from(
    { length: n },
    (_, i) => `Post ${i}: CUDA out of memory with a larger batch, the GPU is full.`,
  );
  await closedRoundRetrained(s, `Calibration ${calibrations}`, texts, 'memory-performance', async (roundId) => {
    calibration = roundId;
    expect((await rankIn(roundId)).status).toBe(200);
  });
  return calibration;
}

test('a pin left in a closed round keeps its version’s scores of that round only', async () => {
  // cora ranks round 2 under model 1, and then a calibration round (which closes: model 2).
  expect((await rankIn(s.round2)).status).toBe(200);
  expect(scores(s.round2, 1)).toBe(5);
  const calibration = await calibrationRoundRankedThenClosed(6);
  expect(scores(calibration, 1)).toBe(6);

  // cora ranks round 2 afresh under model 2: no ranking of round 2 follows model 1 any more.
  expect((await rankIn(s.round2)).status).toBe(200);
  expect([scores(s.round2, 1), scores(s.round2, 2)]).toEqual([0, 5]);
  // The closed round's ranking still pins model 1 for its own units.
  expect(scores(calibration, 1)).toBe(6);
});

test('rounds that close one after another do not pile up old versions’ scores of an open round', async () => {
  for (let round = 0; round < 3; round++) {
    expect((await rankIn(s.round2)).status).toBe(200);
    await calibrationRoundRankedThenClosed(5);
  }
  expect((await rankIn(s.round2)).status).toBe(200);
  const versions = s.t.db
    .prepare(
      'SELECT DISTINCT uu.model_version FROM unit_uncertainty uu JOIN units u ON u.id = uu.unit_id WHERE u.round_id = ?',
    )
    .pluck()
    .all(s.round2);
  expect(versions).toEqual([4]);
});

test('pruning reads only the study’s scores of versions below the current one, by index', async () => {
  const prepared: string[] = [];
  const prepare = s.t.db.prepare.bind(s.t.db);
  s.t.db.prepare = ((sql: string) => {
    prepared.push(sql);
    return prepare(sql);
  }) as typeof s.t.db.prepare;
  expect((await rankIn(s.round2)).status).toBe(200);
  const prune = prepared.find((sql) => sql.startsWith('DELETE FROM unit_uncertainty'))!;
  const plan = prepare(`EXPLAIN QUERY PLAN ${prune}`)
    .all({ studyId: s.studyId, below: 2 })
    .map((row) => (row as { detail: string }).detail);
  expect(plan[0]).toBe('SEARCH uu USING INDEX unit_uncertainty_study_version (study_id=? AND model_version<?)');
});
