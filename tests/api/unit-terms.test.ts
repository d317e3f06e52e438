// Distinctive terms read each unit's content tokens from unit_terms (issue #20): tokenized on the
// first request, read back afterwards with the same result, and tokenized again when the unit's
// words change.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { distinctiveTerms, prepareCorpus } from '../../apps/api/src/words/tfidf.ts';
import { analysisStudy, threads, type AnalysisStudy } from '../support/analysis-study.ts';

let s: AnalysisStudy;
beforeAll(async () => {
  s = await analysisStudy();
});
afterAll(() => s.t.close());

const terms = async () => (await s.agents.owen.get(`/api/studies/${s.studyId}/analysis/terms?code=memory`)).json();
const kept = (quotes: number) =>
  s.t.db.prepare('SELECT count(*) FROM unit_terms WHERE quotes = ?').pluck().get(quotes) as number;

test('kept token counts give the same terms as tokenizing the texts, and change with the words', async () => {
  // Settled units in unit order: U1..U6, U8; memory is on U1, U4 and U8.
  const texts = [...threads.map((t) => t.posts[0]!), threads[5]!.posts[1]!];
  const first = await terms();
  expect(kept(0)).toBe(7);
  expect(kept(1)).toBe(0);
  expect((await terms()).codes).toEqual(first.codes);
  expect(first.codes[0].terms).toEqual(distinctiveTerms(prepareCorpus(texts), [0, 3, 6]));

  // U4's post rewritten in place: its thread's units are tokenized again on the next request.
  s.t.db.prepare('UPDATE posts SET text = ? WHERE id = ?').run('zyzzyva zyzzyva overflow', s.forum.postIds[3]![0]!);
  expect(kept(0)).toBe(6);
  texts[3] = 'zyzzyva zyzzyva overflow';
  const edited = await terms();
  expect(edited.codes[0].terms).toEqual(distinctiveTerms(prepareCorpus(texts), [0, 3, 6]));
  expect(edited.codes[0].terms.map((t: { term: string }) => t.term)).toContain('zyzzyva');
  expect(kept(0)).toBe(7);
});
