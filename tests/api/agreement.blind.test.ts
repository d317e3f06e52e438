import { afterEach, beforeEach, expect, test } from 'vitest';
import { addMember } from '../../apps/api/src/db/studies.ts';
import { codingStudy, type CodingStudy } from '../support/coding-study.ts';
import { addUser } from '../support/test-app.ts';

// A closed round discloses the labels of units every coder coded (they are final labels or in
// adjudication), never those of a unit one coder left uncoded: it never reaches adjudication.
let s: CodingStudy;
let units: number[];
beforeEach(async () => {
  s = await codingStudy();
  const cole = await addUser(s.t.db, 'cole');
  addMember(s.t.db, s.studyId, cole.id, 'coder');
  const owen = await s.as('owen');
  await owen.post(`/api/studies/${s.studyId}/sampling/draw`, { roundId: s.roundId, size: 2, seed: 'leak', overlap: 1 });
  units = s.t.db.prepare('SELECT id FROM units ORDER BY position').pluck().all() as number[];
  const put = async (who: string, unit: number, codeIds: string[]) =>
    (await s.as(who)).request('PUT', `/api/studies/${s.studyId}/units/${unit}/coding`, { codeIds });
  // Unit 1: all three agree. Unit 2: cora and cody differ, cole never codes it.
  for (const who of ['cora', 'cody', 'cole']) await put(who, units[0]!, ['documentation']);
  await put('cora', units[1]!, ['beginner-guidance']);
  await put('cody', units[1]!, ['model-usage']);
  await owen.post(`/api/studies/${s.studyId}/rounds/${s.roundId}/close`);
});
afterEach(() => s.t.close());

test('the owner sees no unit-level detail of an incomplete unit in a closed blind round', async () => {
  const owen = await s.as('owen');
  const report = await (await owen.get(`/api/studies/${s.studyId}/agreement`)).json();
  expect(report.disagreementCount).toBe(0);
  const listed = await (await owen.get(`/api/studies/${s.studyId}/agreement/disagreements`)).json();
  expect(listed).toEqual({ disagreements: [], total: 0, nextCursor: null });
  expect(report.hidden).toEqual({ units: 1, rounds: [{ id: s.roundId, name: 'Main' }] });
  // Only the complete unit is in the matrix; the incomplete unit's labels appear nowhere per unit.
  expect(report.confusion.units).toBe(1);
  expect(report.confusion.codes.map((c: { codeId: string }) => c.codeId)).toEqual(['documentation']);
});
