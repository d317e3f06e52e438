import { afterEach, beforeEach, expect, test } from 'vitest';
import { codingStudy, type CodingStudy } from '../support/coding-study.ts';

// Saving a coding answers with the stored coding without reading it back (a hot path); this
// checks that answer against a fresh read and against the audit row written with it.
let s: CodingStudy;
beforeEach(async () => {
  s = await codingStudy();
  const owen = await s.as('owen');
  await owen.post(`/api/studies/${s.studyId}/sampling/draw`, { roundId: s.roundId, size: 2, seed: 'readback' });
});
afterEach(() => s.t.close());

test('the coding a save returns is the one stored and audited', async () => {
  const unitId = s.t.db.prepare('SELECT id FROM units ORDER BY position').pluck().get() as number;
  const cora = await s.as('cora');
  const path = `/api/studies/${s.studyId}/units/${unitId}/coding`;
  const bodies = [
    {
      codeIds: ['model-usage', 'documentation', 'dataset'],
      memo: 'first ✓',
      quotes: { 'model-usage': { text: 'of thread', start: 7, end: 16 }, dataset: { text: 'P', start: 0, end: 1 } },
    },
    { codeIds: ['documentation'], memo: '', unsure: true },
  ];
  for (const body of bodies) {
    const saved = (await (await cora.request('PUT', path, body)).json()).coding;
    const read = (await (await cora.get(`/api/studies/${s.studyId}/units/${unitId}`)).json()).coding;
    expect(saved).toEqual(read);
    expect(JSON.stringify(saved)).toBe(JSON.stringify(read));
    const after = s.t.db
      .prepare("SELECT after_json FROM audit_log WHERE entity = 'coding' ORDER BY id DESC")
      .pluck()
      .get() as string;
    expect(JSON.parse(after)).toEqual({
      codeIds: read.codeIds,
      memo: read.memo,
      unsure: read.unsure,
      quotes: read.quotes,
    });
  }
  expect(s.t.db.prepare("SELECT action FROM audit_log WHERE entity = 'coding' ORDER BY id").pluck().all()).toEqual([
    'coding.create',
    'coding.update',
  ]);
});
