// insertUnits writes a draw's rows in post order (so their lookups share pages), yet each unit
// keeps the id and position of its place in the order given, as when rows were written in it.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { insertUnits } from '../../apps/api/src/db/units.ts';
import { codingStudy, type CodingStudy } from '../support/coding-study.ts';

let s: CodingStudy;
beforeEach(async () => {
  s = await codingStudy();
});
afterEach(() => s.t.close());

const rows = (studyId: number) =>
  s.t.db
    .prepare('SELECT id, thread_id, post_id, position FROM units WHERE study_id = ? ORDER BY id')
    .raw()
    .all(studyId);

test('units given out of post order get ids and positions in the order given, after the existing ones', () => {
  const { threadIds, postIds } = s.forum;
  const unit = (thread: number, post: number) => ({
    threadId: threadIds[thread]!,
    postId: postIds[thread]![post]!,
    coderIds: [s.ids.cora!],
  });
  const [first] = insertUnits(s.t.db, s.studyId, s.roundId, [unit(5, 0)], s.ids.owen!, { draw: 1 });
  const ids = insertUnits(s.t.db, s.studyId, s.roundId, [unit(9, 2), unit(0, 1), unit(4, 0), unit(0, 0)], s.ids.owen!, {
    draw: 2,
  });
  expect(ids).toEqual([first! + 1, first! + 2, first! + 3, first! + 4]);
  expect(rows(s.studyId)).toEqual([
    [first, threadIds[5], postIds[5]![0], 1],
    [first! + 1, threadIds[9], postIds[9]![2], 2],
    [first! + 2, threadIds[0], postIds[0]![1], 3],
    [first! + 3, threadIds[4], postIds[4]![0], 4],
    [first! + 4, threadIds[0], postIds[0]![0], 5],
  ]);
  expect(s.t.db.prepare('SELECT unit_id, user_id FROM assignments ORDER BY unit_id').raw().all()).toEqual(
    [first, ...ids].map((id) => [id, s.ids.cora]),
  );
});

test('a unit removed from the end frees its id again, as SQLite would have given it', () => {
  const { threadIds, postIds } = s.forum;
  const unit = (post: number) => ({ threadId: threadIds[1]!, postId: postIds[1]![post]!, coderIds: [s.ids.cody!] });
  const [a, b] = insertUnits(s.t.db, s.studyId, s.roundId, [unit(2), unit(0)], s.ids.owen!, {});
  s.t.db.prepare('DELETE FROM units WHERE id = ?').run(b);
  expect(insertUnits(s.t.db, s.studyId, s.roundId, [unit(1)], s.ids.owen!, {})).toEqual([b]);
  expect(rows(s.studyId)).toEqual([
    [a, threadIds[1], postIds[1]![2], 1],
    [b, threadIds[1], postIds[1]![1], 2],
  ]);
});
