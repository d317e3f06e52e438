// "Most uncertain first" keeps the model version it began with (issue #20 follow-up): a retraining
// between two pages of one ranking neither repeats nor skips a unit, a fresh ranking follows the
// new model, and an old version's scores go once no coder's ranking can page through them.
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Agent } from '../support/agent.ts';
import { closedRoundRetrained, suggestStudy, type SuggestStudy } from './suggest-study.ts';

let s: SuggestStudy;
let cora: Agent;
let cody: Agent;
beforeEach(async () => {
  s = await suggestStudy();
  cora = await s.as('cora');
  cody = await s.as('cody');
});
afterEach(() => s.t.close());

const myUnits = (query: string) => `/api/studies/${s.studyId}/rounds/${s.round2}/my-units${query}`;
const ids = (body: { units: { unitId: number }[] }) => body.units.map((u) => u.unitId);
const queueOrder = async (who: Agent): Promise<number[]> =>
  ids(await (await who.get(`/api/studies/${s.studyId}/suggestions/rounds/${s.round2}/queue`)).json());
const continued = (ranking: { rankedAt: string; modelVersion: number }) =>
  `&rankedAt=${encodeURIComponent(ranking.rankedAt)}&modelVersion=${ranking.modelVersion}`;
const scoresOf = (version: number) =>
  s.t.db.prepare('SELECT count(*) FROM unit_uncertainty WHERE model_version = ?').pluck().get(version);

/**
 * New final labels, then a retraining: a third round of posts worded like round 2's dataset posts,
 * which both coders label as memory problems. Model 2 ranks round 2's units otherwise.
 */
async function relabelAndRetrain() {
  const texts = Array.from(
    { length: 30 },
    (_, i) => `Post ${i}: load_dataset with a CSV file, the data split and the arrow table.`,
  );
  expect((await closedRoundRetrained(s, 'Third', texts, 'memory-performance')).version).toBe(2);
}

test('a ranking paged across a retraining holds every uncoded unit once, in the first model’s order', async () => {
  const before = await queueOrder(cora);
  // Pages of one unit: the first is seen under model 1, the others after the retraining.
  const first = await (await cora.get(myUnits('?order=uncertainty&limit=1&offset=0'))).json();
  expect(first.ranking).toMatchObject({ modelVersion: 1, latestModelVersion: 1 });

  await relabelAndRetrain();
  const after = await queueOrder(cora);
  // Model 2 swaps the first two: pages that followed it would show the first unit again and never the second.
  expect(after.slice(1)).not.toEqual(before.slice(1));

  const rest = [];
  for (let offset = 1; ; offset += 1) {
    const page = await (
      await cora.get(myUnits(`?order=uncertainty&limit=1&offset=${offset}${continued(first.ranking)}`))
    ).json();
    expect(page.ranking).toEqual({ ...first.ranking, latestModelVersion: 2 });
    rest.push(...ids(page));
    if (page.nextCursor === null) break;
  }
  expect([...ids(first), ...rest]).toEqual(before);

  // Asked afresh, the ranking follows model 2.
  const fresh = await (await cora.get(myUnits('?order=uncertainty&limit=10&offset=0'))).json();
  expect(fresh.ranking).toMatchObject({ modelVersion: 2, latestModelVersion: 2 });
  expect(ids(fresh)).toEqual(after);
});

test('the summary of a ranking begun before a retraining places units in the first model’s order', async () => {
  const before = await queueOrder(cora);
  const first = await (await cora.get(myUnits('/summary?order=uncertainty'))).json();
  await relabelAndRetrain();
  const last = before.at(-1)!;
  const summary = await (
    await cora.get(myUnits(`/summary?order=uncertainty&unitId=${last}${continued(first.ranking)}`))
  ).json();
  expect(summary).toMatchObject({
    unit: { unitId: last, index: before.length - 1 },
    nextUncoded: { unitId: before[0], index: 0 },
    ranking: { modelVersion: 1, latestModelVersion: 2 },
  });
});

test('an old model’s scores are pruned once no coder’s ranking can page through them', async () => {
  const coraFirst = await (await cora.get(myUnits('?order=uncertainty&limit=2'))).json();
  const codyFirst = await (await cody.get(myUnits('?order=uncertainty&limit=2'))).json();
  // cora's five units and cody's four (the same four as cora's first).
  expect(scoresOf(1)).toBe(5);
  await relabelAndRetrain();

  // cora ranks afresh: cody's ranking still pages through model 1, so its scores stay.
  expect((await cora.get(myUnits('?order=uncertainty&limit=2'))).status).toBe(200);
  expect([scoresOf(1), scoresOf(2)]).toEqual([5, 5]);
  const codyPage = await cody.get(myUnits(`?order=uncertainty&limit=2&offset=2${continued(codyFirst.ranking)}`));
  expect(codyPage.status).toBe(200);

  // cody ranks afresh too: no ranking can ask for model 1 any more.
  expect((await cody.get(myUnits('?order=uncertainty&limit=2'))).status).toBe(200);
  expect([scoresOf(1), scoresOf(2)]).toEqual([0, 5]);

  // cora's first ranking (in another tab, say) was replaced: it is refused, not paged in another order.
  const stale = await cora.get(myUnits(`?order=uncertainty&limit=2&offset=2${continued(coraFirst.ranking)}`));
  expect(stale.status).toBe(409);
  expect((await stale.json()).error).toMatchObject({
    code: 'suggestions.ranking_replaced',
    message:
      "Your ranking in model version 1's order is not kept: you have ranked your units again since (in another tab?), or no ranking of yours in this round began with that version. Rank them again.",
    where: { field: 'modelVersion' },
  });
});

test('a modelVersion the study never had is refused without claiming a ranking of it was replaced', async () => {
  const res = await cora.get(myUnits('?order=uncertainty&rankedAt=2030-01-01T00:00:00.000Z&modelVersion=9'));
  expect(res.status).toBe(409);
  expect((await res.json()).error).toMatchObject({
    code: 'suggestions.ranking_replaced',
    message:
      "Your ranking in model version 9's order is not kept: you have ranked your units again since (in another tab?), or no ranking of yours in this round began with that version. Rank them again.",
    where: { field: 'modelVersion' },
  });
});

test('rankedAt without modelVersion, or the other way round, is refused naming modelVersion', async () => {
  for (const query of ['rankedAt=2030-01-01T00:00:00.000Z', 'modelVersion=1']) {
    const res = await cora.get(myUnits(`?order=uncertainty&${query}`));
    expect(res.status).toBe(400);
    expect((await res.json()).error.where.field).toBe('modelVersion');
  }
});
