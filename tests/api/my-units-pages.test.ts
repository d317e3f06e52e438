import { afterEach, beforeEach, expect, test } from 'vitest';
import { codingStudy, type CodingStudy } from '../support/coding-study.ts';

// my-units in keyset pages (a coder may have 10,000 units); without a limit, the whole list as before.
let s: CodingStudy;
beforeEach(async () => {
  s = await codingStudy();
  const owen = await s.as('owen');
  await owen.post(`/api/studies/${s.studyId}/sampling/draw`, { roundId: s.roundId, size: 8, seed: 'p', overlap: 1 });
});
afterEach(() => s.t.close());

type Mine = { units: { unitId: number; position: number; coded: boolean }[]; nextCursor: string | null };
const path = () => `/api/studies/${s.studyId}/rounds/${s.roundId}/my-units`;

test('pages of 3, 3 and 2 make up the whole list, in order, with the coder’s own marks', async () => {
  const cora = await s.as('cora');
  const all = (await (await cora.get(path())).json()) as Mine;
  expect(all.units).toHaveLength(8);
  expect(all.nextCursor).toBeNull();
  await cora.request('PUT', `/api/studies/${s.studyId}/units/${all.units[4]!.unitId}/coding`, {
    codeIds: ['model-usage'],
  });
  const pages: Mine[] = [];
  let cursor: string | null = null;
  do {
    const page: Mine = await (await cora.get(`${path()}?limit=3${cursor ? `&cursor=${cursor}` : ''}`)).json();
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor);
  expect(pages.map((p) => p.units.length)).toEqual([3, 3, 2]);
  expect(pages[0]!.nextCursor).toBe(String(all.units[2]!.position));
  const paged = pages.flatMap((p) => p.units);
  expect(paged.map((u) => u.unitId)).toEqual(all.units.map((u) => u.unitId));
  expect(paged.map((u) => u.coded)).toEqual([false, false, false, false, true, false, false, false]);
});

test('a limit that holds every unit has no next page; a bad limit or cursor is 400 with its field', async () => {
  const cora = await s.as('cora');
  expect(((await (await cora.get(`${path()}?limit=8`)).json()) as Mine).nextCursor).toBeNull();
  for (const query of ['limit=0', 'limit=1001', 'cursor=abc']) {
    const res = await cora.get(`${path()}?${query}`);
    expect(res.status, query).toBe(400);
    expect((await res.json()).error.where.field, query).toBe(query.split('=')[0]);
  }
});
