import { afterEach, beforeEach, expect, test } from 'vitest';
import { codingStudy, type CodingStudy } from '../support/coding-study.ts';

// The adjudication queue in keyset pages (a closed round may leave thousands of disagreements);
// without a limit, the whole queue as before.
let s: CodingStudy;
beforeEach(async () => {
  s = await codingStudy();
  const owen = await s.as('owen');
  await owen.post(`/api/studies/${s.studyId}/sampling/draw`, { roundId: s.roundId, size: 6, seed: 'q', overlap: 1 });
  const units = s.t.db
    .prepare('SELECT id FROM units WHERE study_id = ? ORDER BY position')
    .pluck()
    .all(s.studyId) as number[];
  const cora = await s.as('cora');
  const cody = await s.as('cody');
  for (const unit of units) {
    await cora.request('PUT', `/api/studies/${s.studyId}/units/${unit}/coding`, { codeIds: ['model-usage'] });
    await cody.request('PUT', `/api/studies/${s.studyId}/units/${unit}/coding`, { codeIds: ['dataset'] });
  }
  await owen.post(`/api/studies/${s.studyId}/rounds/${s.roundId}/close`);
});
afterEach(() => s.t.close());

type Queue = {
  items: { unitId: number; position: number; codings: { codeIds: string[] }[] }[];
  nextCursor: string | null;
};

test('pages of 4 and 2 make up the whole queue in order, each item with both codings', async () => {
  const owen = await s.as('owen');
  const path = `/api/studies/${s.studyId}/adjudication`;
  const all = (await (await owen.get(path)).json()) as Queue;
  expect([all.items.length, all.nextCursor]).toEqual([6, null]);
  const first = (await (await owen.get(`${path}?limit=4&status=open`)).json()) as Queue;
  expect(first.nextCursor).toBe(String(all.items[3]!.position));
  const second = (await (await owen.get(`${path}?limit=4&status=open&cursor=${first.nextCursor}`)).json()) as Queue;
  expect(second.nextCursor).toBeNull();
  const paged = [...first.items, ...second.items];
  expect(paged.map((i) => i.unitId)).toEqual(all.items.map((i) => i.unitId));
  expect(paged.map((i) => i.codings.map((c) => c.codeIds[0]).sort())).toEqual(
    Array.from({ length: 6 }, () => ['dataset', 'model-usage']),
  );
  const bad = await owen.get(`${path}?cursor=-1`);
  expect([bad.status, (await bad.json()).error.where.field]).toEqual([400, 'cursor']);
});
