// Counts split in two for a study that codes whole threads: a thread falls in "Solved threads"
// by its accepted answer, and in "Started by staff" by who wrote its first post.
//   T1 solved, started by a moderator: {memory}      T2 solved: {docs}
//   T3 a staff reply, not the starter: {memory}       T4: {thanks}
import { afterEach, beforeEach, expect, test } from 'vitest';
import { ensureFacts } from '../../apps/api/src/db/analysis-facts.ts';
import { splitCounts } from '../../apps/api/src/db/analysis-split.ts';
import { createCodebook } from '../../apps/api/src/db/codebooks.ts';
import { insertUnits } from '../../apps/api/src/db/units.ts';
import { insertForum, pinCodebook, selectAllThreads } from '../support/forum.ts';
import { addStudyCast, makeTestApp, type TestApp } from '../support/test-app.ts';
import { codes } from '../support/analysis-study.ts';

let t: TestApp;
let studyId: number;
beforeEach(async () => {
  t = makeTestApp();
  ({ studyId } = await addStudyCast(t.db));
  t.db.prepare("UPDATE studies SET unit_kind = 'thread' WHERE id = ?").run(studyId);
  const forum = insertForum(
    t.db,
    [1, 2, 3, 4].map((i) => ({ title: `T${i}`, createdAt: `2022-0${i}-10T09:00:00.000Z`, posts: ['q', 'a'] })),
  );
  selectAllThreads(t.db, studyId);
  pinCodebook(
    t.db,
    studyId,
    createCodebook(t.db, { name: 'Test', description: '', templateId: null, version: 1, codes }, null, 'test'),
  );
  const [t1, t2] = forum.threadIds;
  t.db.prepare('UPDATE threads SET solved = 1 WHERE id IN (?, ?)').run(t1, t2);
  t.db
    .prepare("UPDATE posts SET author_role = 'moderator' WHERE id IN (?, ?)")
    .run(forum.postIds[0]![0], forum.postIds[2]![1]);
  const round = t.db.prepare('SELECT id FROM rounds WHERE study_id = ?').pluck().get(studyId) as number;
  const units = insertUnits(
    t.db,
    studyId,
    round,
    forum.threadIds.map((threadId) => ({ threadId, postId: null, coderIds: [] })),
    1,
    { method: 'test' },
  );
  const label = t.db.prepare("INSERT INTO final_labels (unit_id, code_id, origin) VALUES (?, ?, 'agreement')");
  for (const [i, code] of ['memory', 'docs', 'memory', 'thanks'].entries()) label.run(units[i], code);
  ensureFacts(t.db, studyId);
});
afterEach(() => t.close());

const units = (s: ReturnType<typeof splitCounts>) =>
  Object.fromEntries(Object.entries(s.codes).map(([id, g]) => [id, g.map((c) => c.units)]));

test('solved threads vs other threads', () => {
  const s = splitCounts(t.db, studyId, 'thread', 'accepted', {});
  expect(s.groups).toEqual([
    { label: 'Solved threads', codedUnits: 2 },
    { label: 'Other threads', codedUnits: 2 },
  ]);
  expect(units(s)).toEqual({
    challenge: [2, 1],
    technical: [1, 1],
    memory: [1, 1],
    docs: [1, 0],
    benefit: [0, 1],
    thanks: [0, 1],
  });
  expect(s.codes.docs![0]).toEqual({ units: 1, share: 0.5, threads: 1 });
});

test("threads started by staff vs others: a staff reply does not count, the first post's author does", () => {
  const s = splitCounts(t.db, studyId, 'thread', 'staff', { from: '2022-01-01', to: '2022-03-31' });
  expect(s.groups).toEqual([
    { label: 'Started by staff', codedUnits: 1 },
    { label: 'Started by other users', codedUnits: 2 },
  ]);
  expect(units(s)).toEqual({
    challenge: [1, 2],
    technical: [1, 1],
    memory: [1, 1],
    docs: [0, 1],
  });
});
