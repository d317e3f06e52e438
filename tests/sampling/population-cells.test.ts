// A draw reads the population as cells (db/population-cells.ts): rank by rank, a stratum's cells
// must name each candidate `population` lists exactly once, in the documented order (by thread,
// month, then the post's date and id), whatever the strata and the draw's options.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type CellOptions, cellAt, populationCells, postsAtRanks } from '../../apps/api/src/db/population-cells.ts';
import { population, type Strata } from '../../apps/api/src/db/population.ts';
import { insertStudy } from '../../apps/api/src/db/studies.ts';
import { insertUnits } from '../../apps/api/src/db/units.ts';
import { codingStudy, type CodingStudy } from '../support/coding-study.ts';
import { selectAllThreads } from '../support/forum.ts';

let s: CodingStudy;
beforeEach(async () => {
  s = await codingStudy();
  const db = s.t.db;
  // Post ids no longer follow the threads: thread 1 gains a post in December, after thread 12's.
  db.prepare(
    `INSERT INTO posts (source_id, thread_id, external_id, post_number, author, created_at, html, text, content_hash)
     SELECT source_id, thread_id, 'late', 4, 'user9', '2022-12-20T00:00:00.000Z', '<p>Late</p>', 'Late', 'h-late'
     FROM posts WHERE id = ?`,
  ).run(s.forum.postIds[0]![0]);
  // Some posts without words, some accepted answers, some by staff.
  const set = (sql: string, ids: number[]) => {
    for (const id of ids) db.prepare(sql).run(id);
  };
  set("UPDATE posts SET content_kind = 'image_only' WHERE id = ?", [2, 14, 30]);
  set('UPDATE posts SET accepted_answer = 1 WHERE id = ?', [3, 9, 14, 27]);
  set("UPDATE posts SET author_role = 'moderator' WHERE id = ?", [1, 9, 30, 37]);
});
afterEach(() => s.t.close());

/** The candidates of each stratum in the cells' order, from `population` and the posts' dates. */
function expectedOrder(studyId: number, kind: 'post' | 'thread', o: CellOptions): Map<string, number[]> {
  const when = s.t.db.prepare('SELECT created_at FROM posts WHERE id = ?').pluck();
  const rows = population(s.t.db, studyId, kind, o.strata, o.withoutWords, o.only).map((r) => {
    const at = kind === 'post' ? (when.get(r.id) as string) : '';
    return { ...r, key: [r.threadId, at.slice(0, 7), at, r.id] as const };
  });
  rows.sort((a, b) => {
    for (let i = 0; i < 4; i++) if (a.key[i] !== b.key[i]) return a.key[i]! < b.key[i]! ? -1 : 1;
    return 0;
  });
  const out = new Map<string, number[]>();
  for (const r of rows) out.set(r.stratum, [...(out.get(r.stratum) ?? []), r.id]);
  return out;
}

/** Every candidate of every stratum, read rank by rank through the cells. */
function readThroughCells(studyId: number, kind: 'post' | 'thread', o: CellOptions): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const [stratum, cells] of populationCells(s.t.db, studyId, kind, o)) {
    const picks = Array.from({ length: cells.ends.at(-1)! }, (_, rank) => cellAt(cells, rank));
    out.set(stratum, kind === 'post' ? postsAtRanks(s.t.db, studyId, o, picks) : picks.map((p) => p.threadId));
  }
  return out;
}

const threadOf = { get: (id: number) => s.t.db.prepare('SELECT thread_id FROM posts WHERE id = ?').pluck().get(id) };

const strataKinds: Strata[] = ['none', 'month', 'quarter', 'year', 'category', 'tag'];
const optionSets: Omit<CellOptions, 'strata'>[] = [
  { withoutWords: false, only: null },
  { withoutWords: true, only: null },
  { withoutWords: false, only: 'accepted' },
  { withoutWords: true, only: 'staff' },
];

describe('the population as cells', () => {
  test.each(strataKinds.flatMap((strata) => optionSets.map((o) => ({ strata, ...o }))))(
    'post study, strata $strata, without words $withoutWords, only $only: every candidate once, in order',
    (o) => {
      // Units already drawn are no candidates: some plain, accepted, by staff, without words.
      const units = [3, 9, 14, 20, 31, 37].map((id) => ({
        threadId: threadOf.get(id) as number,
        postId: id,
        coderIds: [],
      }));
      insertUnits(s.t.db, s.studyId, s.roundId, units, s.ids.owen!, {});
      const expected = expectedOrder(s.studyId, 'post', o);
      expect(readThroughCells(s.studyId, 'post', o)).toEqual(expected);
      expect([...expected.values()].flat().length).toBeGreaterThan(0);
    },
  );

  test('the late post of thread 1 comes first in its stratum, before thread 12 (ids would put it last)', () => {
    const o = { strata: 'month' as const, withoutWords: false, only: null };
    const december = readThroughCells(s.studyId, 'post', o).get('2022-12');
    expect(december).toEqual([37, 34, 35, 36]);
    expect(populationCells(s.t.db, s.studyId, 'post', o).get('2022-12')).toEqual({
      threads: [s.forum.threadIds[0], s.forum.threadIds[11]],
      months: ['2022-12', '2022-12'],
      ends: [1, 4],
    });
  });

  test.each(strataKinds)('thread study, strata %s: every selected thread not yet a unit, once', (strata) => {
    const studyId = insertStudy(
      s.t.db,
      { name: 'Threads', description: '', unitKind: 'thread', labelMode: 'multi', blind: true },
      s.ids.owen!,
    );
    selectAllThreads(s.t.db, studyId);
    const roundId = s.t.db.prepare('SELECT id FROM rounds WHERE study_id = ?').pluck().get(studyId);
    s.t.db
      .prepare('INSERT INTO units (study_id, round_id, thread_id, post_id, position) VALUES (?, ?, ?, NULL, 1)')
      .run(studyId, roundId, s.forum.threadIds[4]);
    const o = { strata, withoutWords: false, only: null };
    expect(readThroughCells(studyId, 'thread', o)).toEqual(expectedOrder(studyId, 'thread', o));
    expect([...readThroughCells(studyId, 'thread', o).values()].flat()).toHaveLength(11);
  });

  test('cellAt finds the cell of each rank and the place in it', () => {
    const cells = { threads: [4, 9, 12], months: ['2022-01', '2022-01', '2022-03'], ends: [2, 3, 7] };
    expect([0, 1, 2, 3, 6].map((rank) => cellAt(cells, rank))).toEqual([
      { threadId: 4, month: '2022-01', offset: 0 },
      { threadId: 4, month: '2022-01', offset: 1 },
      { threadId: 9, month: '2022-01', offset: 0 },
      { threadId: 12, month: '2022-03', offset: 0 },
      { threadId: 12, month: '2022-03', offset: 3 },
    ]);
  });
});
