import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { population, populationSize, populationStrata, type Strata } from '../../apps/api/src/db/population.ts';
import { insertStudy } from '../../apps/api/src/db/studies.ts';
import { codingStudy, type CodingStudy } from '../support/coding-study.ts';
import { selectAllThreads } from '../support/forum.ts';

// The population count is SQL arithmetic (selected less drawn); it must equal the rows `population` lists.
let s: CodingStudy;
beforeEach(async () => {
  s = await codingStudy();
});
afterEach(() => s.t.close());

const listed = (studyId: number, kind: 'post' | 'thread') => population(s.t.db, studyId, kind, 'none').length;

describe('the sampling population count', () => {
  test('a post study: 36 posts, then 28 after drawing 8, as the route says', async () => {
    const owen = await s.as('owen');
    expect(populationSize(s.t.db, s.studyId, 'post')).toBe(36);
    await owen.post(`/api/studies/${s.studyId}/sampling/draw`, { roundId: s.roundId, size: 8, seed: 'x' });
    expect(populationSize(s.t.db, s.studyId, 'post')).toBe(28);
    expect(listed(s.studyId, 'post')).toBe(28);
    const res = await owen.get(`/api/studies/${s.studyId}/sampling/population`);
    expect(await res.json()).toEqual({
      unitKind: 'post',
      available: 28,
      withoutWords: 0,
      acceptedAnswers: 0,
      byStaff: 0,
    });
  });

  test('units on a thread taken out of the selection are not subtracted twice', async () => {
    const owen = await s.as('owen');
    await owen.post(`/api/studies/${s.studyId}/sampling/draw`, { roundId: s.roundId, size: 8, seed: 'x' });
    const thread = s.t.db
      .prepare('SELECT thread_id FROM units WHERE study_id = ? ORDER BY id LIMIT 1')
      .pluck()
      .get(s.studyId) as number;
    const onThread = s.t.db
      .prepare('SELECT count(*) FROM units WHERE study_id = ? AND thread_id = ?')
      .pluck()
      .get(s.studyId, thread) as number;
    s.t.db.prepare('DELETE FROM study_threads WHERE study_id = ? AND thread_id = ?').run(s.studyId, thread);
    // The thread's 3 posts leave the population, less those already drawn from it.
    expect(populationSize(s.t.db, s.studyId, 'post')).toBe(28 - (3 - onThread));
    expect(populationSize(s.t.db, s.studyId, 'post')).toBe(listed(s.studyId, 'post'));
  });

  test('a thread study counts threads: 12, then 7 after drawing 5', async () => {
    const studyId = insertStudy(
      s.t.db,
      { name: 'Threads', description: '', unitKind: 'thread', labelMode: 'multi', blind: true },
      s.ids.owen!,
    );
    selectAllThreads(s.t.db, studyId);
    expect(populationSize(s.t.db, studyId, 'thread')).toBe(12);
    s.t.db
      .prepare(
        'INSERT INTO units (study_id, round_id, thread_id, post_id, position) SELECT ?, ?, id, NULL, id FROM threads ORDER BY id LIMIT 5',
      )
      .run(studyId, s.t.db.prepare('SELECT id FROM rounds WHERE study_id = ?').pluck().get(studyId));
    expect(populationSize(s.t.db, studyId, 'thread')).toBe(7);
    expect(listed(studyId, 'thread')).toBe(7);
  });
});

describe('the population by stratum, as a draw reads it', () => {
  test.each(['none', 'month', 'quarter', 'category', 'tag'] as Strata[])(
    'strata %s: the ids population lists, grouped, ascending',
    async (strata) => {
      const owen = await s.as('owen');
      await owen.post(`/api/studies/${s.studyId}/sampling/draw`, { roundId: s.roundId, size: 8, seed: 'x' });
      const expected = new Map<string, number[]>();
      for (const row of population(s.t.db, s.studyId, 'post', strata).sort((a, b) => a.id - b.id))
        expected.set(row.stratum, [...(expected.get(row.stratum) ?? []), row.id]);
      const strataOf = populationStrata(s.t.db, s.studyId, 'post', strata);
      expect(new Map([...strataOf].sort())).toEqual(new Map([...expected].sort()));
      expect([...strataOf.values()].flat()).toHaveLength(28);
    },
  );
});
