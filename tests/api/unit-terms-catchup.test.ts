// Coded units' own-words token counts are made in the background (migration 033, the search
// catch-up worker), so the first distinctive-terms request finds them kept; an edit in place
// lists the thread's units again.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { catchUpUnitTerms } from '../../apps/api/src/db/unit-terms-catchup.ts';
import { distinctiveTerms, prepareCorpus, tokenCountsLine } from '../../apps/api/src/words/tfidf.ts';
import { analysisStudy, threads, type AnalysisStudy } from '../support/analysis-study.ts';

let s: AnalysisStudy;
beforeAll(async () => {
  s = await analysisStudy();
});
afterAll(() => s.t.close());

const listed = () => s.t.db.prepare('SELECT unit_id FROM unit_terms_stale ORDER BY unit_id').pluck().all();
const kept = () =>
  Object.fromEntries(
    s.t.db.prepare('SELECT unit_id, tokens FROM unit_terms WHERE quotes = 0 ORDER BY unit_id').raw().all() as [
      number,
      string,
    ][],
  );
// U1..U6 are the first posts of T1..T6, U7 the second of T1, U8 the second of T6.
const unitTexts = () => [...threads.map((t) => t.posts[0]!), threads[0]!.posts[1]!, threads[5]!.posts[1]!];

test('every coded unit is listed, and catch-up keeps the counts a request would make', async () => {
  expect(listed()).toEqual(s.units);
  expect(await catchUpUnitTerms(s.t.db)).toBe(8);
  expect(listed()).toEqual([]);
  const texts = unitTexts();
  expect(kept()).toEqual(Object.fromEntries(s.units.map((id, i) => [id, tokenCountsLine(texts[i]!)])));

  const before = kept();
  const res = await s.agents.owen.get(`/api/studies/${s.studyId}/analysis/terms?code=memory`);
  const settled = [0, 1, 2, 3, 4, 5, 7].map((i) => texts[i]!);
  expect((await res.json()).codes[0].terms).toEqual(distinctiveTerms(prepareCorpus(settled), [0, 3, 6]));
  expect(kept()).toEqual(before);
});

test('an edit in place lists its thread’s units, and catch-up makes their counts again', async () => {
  s.t.db.prepare('UPDATE posts SET text = ? WHERE id = ?').run('zyzzyva zyzzyva overflow', s.forum.postIds[0]![0]!);
  // T1 holds U1 and U7.
  expect(listed()).toEqual([s.units[0], s.units[6]]);
  expect(await catchUpUnitTerms(s.t.db)).toBe(2);
  expect(kept()[s.units[0]!]).toBe('zyzzyva 2 overflow 1');
  expect(kept()[s.units[6]!]).toBe(tokenCountsLine(threads[0]!.posts[1]!));
  expect(await catchUpUnitTerms(s.t.db)).toBe(0);
});
