import { afterEach, beforeEach, expect, test } from 'vitest';
import { addMember } from '../../apps/api/src/db/studies.ts';
import { codingStudy, type CodingStudy } from '../support/coding-study.ts';

// owen owns the study and also codes; he shares the open blind main round with cora. While it is
// open, his agreement report, progress and audit log hold nothing made from cora's codings of it
// (it used to give her exact label set through per-code prevalence and name her in reasons).
let s: CodingStudy;
let units: number[];
beforeEach(async () => {
  s = await codingStudy();
  addMember(s.t.db, s.studyId, s.ids.owen!, 'coder');
  const owen = await s.as('owen');
  await owen.post(`/api/studies/${s.studyId}/sampling/draw`, {
    roundId: s.roundId,
    size: 2,
    seed: 'combined',
    overlap: 1,
    coderIds: [s.ids.owen, s.ids.cora],
  });
  units = s.t.db.prepare('SELECT id FROM units ORDER BY position').pluck().all() as number[];
  const put = async (who: string, unit: number, codeIds: string[]) =>
    (await s.as(who)).request('PUT', `/api/studies/${s.studyId}/units/${unit}/coding`, { codeIds });
  for (const unit of units) {
    await put('owen', unit, ['documentation']);
    await put('cora', unit, ['beginner-guidance', 'model-usage']);
  }
});
afterEach(() => s.t.close());

const get = async (who: string, path: string) =>
  (await (await s.as(who)).get(`/api/studies/${s.studyId}${path}`)).json();

test('an owner who codes in the open blind round: no statistics, progress or audit entries from the other coder', async () => {
  const report = await get('owen', '/agreement');
  expect(report.withheld).toEqual([{ id: s.roundId, name: 'Main' }]);
  expect(report.overall.units).toBe(0);
  expect(report.coders).toEqual([]);
  expect(report.perCode).toEqual([]);
  expect(report.pairs).toEqual([]);
  // The codebook's code list aside, neither cora nor her codes appear anywhere in the report.
  const { codes: _codebook, ...computed } = report;
  expect(JSON.stringify(computed)).not.toMatch(/cora|beginner-guidance|model-usage/);
  const { progress } = await get('owen', '/progress');
  expect(progress).toEqual([
    { roundId: s.roundId, coderId: s.ids.owen, username: 'owen', assigned: 2, done: 2, unsure: 0 },
  ]);
  const audit = await get('owen', '/audit');
  expect(
    audit.entries
      .filter((e: { entity: string }) => e.entity === 'coding')
      .map((e: { user: { username: string } }) => e.user.username),
  ).toEqual(['owen', 'owen']);
});

test('the adjudicator, who does not code, and the owner once the round is closed, see both coders', async () => {
  const ada = await get('ada', '/agreement');
  expect(ada.withheld).toEqual([]);
  expect(ada.coders.map((c: { username: string }) => c.username)).toEqual(['cora', 'owen']);
  expect(ada.perCode.map((c: { codeId: string; prevalence: number }) => [c.codeId, c.prevalence])).toEqual([
    ['beginner-guidance', 0.5],
    ['documentation', 0.5],
    ['model-usage', 0.5],
  ]);
  await (await s.as('owen')).post(`/api/studies/${s.studyId}/rounds/${s.roundId}/close`);
  const owen = await get('owen', '/agreement');
  expect(owen.withheld).toEqual([]);
  expect(owen.overall.units).toBe(2);
  expect(owen.coders.map((c: { username: string }) => c.username)).toEqual(['cora', 'owen']);
  expect(
    (await get('owen', '/progress')).progress.map((p: { username: string; done: number }) => [p.username, p.done]),
  ).toEqual([
    ['cora', 2],
    ['owen', 2],
  ]);
});
