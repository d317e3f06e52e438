// "Most uncertain first" a page at a time (issue #20): GET …/my-units?order=uncertainty pages the
// coder's units by offset in one ranking (its rankedAt), and …/my-units/summary answers where a
// unit and the next uncoded one are in it, so the coding screen never loads the whole list.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadScorer, type Scorer } from '../../apps/api/src/suggest/model-store.ts';
import { uncertainty } from '../../apps/api/src/suggest/uncertainty.ts';
import { unitForModel } from '../../apps/api/src/suggest/unit-text.ts';
import { scoreUncoded } from '../../apps/api/src/suggest/uncertainty-ranking.ts';
import type { Agent } from '../support/agent.ts';
import { suggestStudy, type SuggestStudy } from './suggest-study.ts';

let s: SuggestStudy;
let cora: Agent;
beforeEach(async () => {
  s = await suggestStudy();
  cora = await s.as('cora');
});
afterEach(() => s.t.close());

const myUnits = (query: string) => `/api/studies/${s.studyId}/rounds/${s.round2}/my-units${query}`;
const ids = (body: { units: { unitId: number }[] }) => body.units.map((u) => u.unitId);
const pause = () => new Promise((r) => setTimeout(r, 5));

/** The uncoded units as the model ranks them, from the queue route (scored there, independently of the pages). */
async function queueOrder(): Promise<number[]> {
  const q = await (await cora.get(`/api/studies/${s.studyId}/suggestions/rounds/${s.round2}/queue`)).json();
  return ids(q);
}

describe('most uncertain first, a page at a time', () => {
  test('pages of two hold the ranked uncoded units, then those coded before the ranking; a unit coded since keeps its place', async () => {
    s.code(s.fresh[1]!, 'cora', ['dataset']);
    await pause();
    const ranked = await queueOrder();
    expect(ranked.sort()).toEqual([s.fresh[0], s.fresh[2], s.fresh[3], s.coraOnly].sort());
    const ordered = await queueOrder();

    const first = await (await cora.get(myUnits('?order=uncertainty&limit=2&offset=0'))).json();
    expect(first.ranking).toEqual({ rankedAt: expect.any(String), modelVersion: 1, latestModelVersion: 1 });
    const at = `&rankedAt=${encodeURIComponent(first.ranking.rankedAt)}&modelVersion=1`;
    const second = await (await cora.get(myUnits(`?order=uncertainty&limit=2&offset=2${at}`))).json();
    const third = await (await cora.get(myUnits(`?order=uncertainty&limit=2&offset=4${at}`))).json();
    expect([ids(first), ids(second), ids(third)]).toEqual([ordered.slice(0, 2), ordered.slice(2, 4), [s.fresh[1]]]);
    expect([first.nextCursor, second.nextCursor, third.nextCursor]).toEqual(['2', '4', null]);
    expect(second.ranking).toEqual(first.ranking);
    // Each unit scored once under model 1, when first ranked.
    expect(s.t.db.prepare('SELECT count(*) FROM unit_uncertainty WHERE model_version = 1').pluck().get()).toBe(4);

    await pause();
    s.code(ordered[0]!, 'cora', ['documentation']);
    const again = await (await cora.get(myUnits(`?order=uncertainty&limit=2&offset=0${at}`))).json();
    expect(again.units.map((u: { unitId: number; coded: boolean }) => [u.unitId, u.coded])).toEqual([
      [ordered[0], true],
      [ordered[1], false],
    ]);
    // A new ranking puts it among the coded units, in round order.
    const fresh = await (await cora.get(myUnits('?order=uncertainty&limit=10&offset=0'))).json();
    const coded = [ordered[0]!, s.fresh[1]!].sort((a, b) => a - b);
    expect(ids(fresh)).toEqual([...ordered.slice(1), ...coded]);
  });

  test('the summary says where a unit and the next uncoded one are in the ranking, wrapping round', async () => {
    const ordered = await queueOrder();
    const first = await (await cora.get(myUnits('/summary?order=uncertainty'))).json();
    expect(first).toMatchObject({
      total: 5,
      coded: 0,
      unit: null,
      nextUncoded: { unitId: ordered[0], index: 0 },
      ranking: { modelVersion: 1 },
    });
    const at = `&rankedAt=${encodeURIComponent(first.ranking.rankedAt)}&modelVersion=1`;
    await pause();
    s.code(ordered[1]!, 'cora', ['dataset']);
    const after0 = await (await cora.get(myUnits(`/summary?order=uncertainty&unitId=${ordered[0]}${at}`))).json();
    expect(after0).toMatchObject({
      coded: 1,
      unit: { unitId: ordered[0], index: 0 },
      nextUncoded: { unitId: ordered[2], index: 2 },
    });
    const last = ordered.length - 1;
    const wrapped = await (await cora.get(myUnits(`/summary?order=uncertainty&unitId=${ordered[last]}${at}`))).json();
    expect(wrapped).toMatchObject({ unit: { index: last }, nextUncoded: { unitId: ordered[0], index: 0 } });
  });

  test('a cursor in the ranked order, or a rankedAt without it, is refused naming the field', async () => {
    const cursor = await cora.get(myUnits('?order=uncertainty&limit=2&cursor=3'));
    expect(cursor.status).toBe(400);
    expect((await cursor.json()).error.where.field).toBe('cursor');
    const stray = await cora.get(myUnits('/summary?rankedAt=2024-01-01T00:00:00.000Z'));
    expect(stray.status).toBe(400);
    expect((await stray.json()).error.where.field).toBe('rankedAt');
    const bad = await cora.get(myUnits('?order=uncertainty&rankedAt=yesterday'));
    expect((await bad.json()).error.where.field).toBe('rankedAt');
  });
});

test('units are scored before the write lock is taken, so saves never wait on the scoring', () => {
  const inTransaction: boolean[] = [];
  const scorer = {
    version: 7,
    scores: () => {
      inTransaction.push(s.t.db.inTransaction);
      return [{ codeId: 'dataset', score: 0.5 }];
    },
  } as unknown as Scorer;
  scoreUncoded(s.t.db, s.studyId, s.round2, s.ids.cora!, scorer, '2024-05-01T00:00:00.000Z');
  expect(inTransaction).toEqual([false, false, false, false, false]);
  expect(s.t.db.prepare('SELECT count(*) FROM unit_uncertainty WHERE model_version = 7').pluck().get()).toBe(5);
});

test('a unit the forum edited since it was scored is scored again on its new text', async () => {
  const unitId = s.fresh[0]!;
  const stored = () =>
    s.t.db.prepare('SELECT uncertainty FROM unit_uncertainty WHERE unit_id = ?').pluck().get(unitId) as number;
  const current = () => uncertainty(loadScorer(s.t.db, s.studyId)!.scores(unitForModel(s.t.db, unitId)));
  expect((await cora.get(myUnits('?order=uncertainty&limit=2'))).status).toBe(200);
  const before = current();
  expect(stored()).toBe(before);

  // A re-import stores the edit as the post's revision 2 and the post's text as it is now.
  const postId = s.t.db.prepare('SELECT post_id FROM units WHERE id = ?').pluck().get(unitId) as number;
  const text = 'Thank you, the tokenizer fix worked and the model card is clear now.';
  s.t.db
    .prepare(
      `INSERT INTO post_revisions (post_id, revision, thread_revision, content_hash, html, text, stored_at)
       VALUES (?, 2, 1, 'edited', ?, ?, '2024-02-01T00:00:00.000Z')`,
    )
    .run(postId, `<p>${text}</p>`, text);
  s.t.db.prepare('UPDATE posts SET text = ?, html = ? WHERE id = ?').run(text, `<p>${text}</p>`, postId);
  expect(current()).not.toBe(before);

  expect((await cora.get(myUnits('?order=uncertainty&limit=2'))).status).toBe(200);
  expect(stored()).toBe(current());
});

test('a rankedAt written without milliseconds is the same moment as with them', async () => {
  const ranked = async (rankedAt: string) =>
    ids(await (await cora.get(myUnits(`?order=uncertainty&rankedAt=${rankedAt}&modelVersion=1`))).json());
  const uncoded = await ranked('2030-01-01T00:00:00.000Z');
  // The most uncertain unit, coded half a second after the ranking: it keeps its place.
  s.code(uncoded[0]!, 'cora', ['dataset']);
  s.t.db.prepare("UPDATE codings SET created_at = '2030-01-01T00:00:00.500Z' WHERE unit_id = ?").run(uncoded[0]!);
  expect(await ranked('2030-01-01T00:00:01.000Z')).not.toEqual(uncoded);
  expect(await ranked('2030-01-01T00:00:00.000Z')).toEqual(uncoded);
  expect(await ranked('2030-01-01T00:00:00Z')).toEqual(uncoded);
});
