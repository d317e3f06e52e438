import { afterEach, beforeEach, describe, expect, test } from 'vitest';
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

test('offset pages: the page at an index, the last one short, past the end empty', async () => {
  const cora = await s.as('cora');
  const all = ((await (await cora.get(path())).json()) as Mine).units.map((u) => u.unitId);
  const page = async (query: string) => (await (await cora.get(`${path()}?${query}`)).json()) as Mine;
  const middle = await page('limit=3&offset=3');
  expect([middle.units.map((u) => u.unitId), middle.nextCursor]).toEqual([
    all.slice(3, 6),
    String((await page('limit=1&offset=5')).units[0]!.position),
  ]);
  const last = await page('limit=3&offset=6');
  expect([last.units.map((u) => u.unitId), last.nextCursor]).toEqual([all.slice(6), null]);
  expect((await page('limit=3&offset=8')).units).toEqual([]);
});

test.each([
  ['offset=3', 'limit', 'limit: An offset needs a limit.'],
  ['limit=3&offset=3&cursor=2', 'offset', 'offset: Give a cursor or an offset, not both.'],
  ['limit=3&offset=-1', 'offset', undefined],
])('my-units?%s is 400 naming %s', async (query, field, message) => {
  const res = await (await s.as('cora')).get(`${path()}?${query}`);
  expect(res.status).toBe(400);
  const { error } = (await res.json()) as { error: { message: string; where: { field: string } } };
  expect(error.where.field).toBe(field);
  if (message) expect(error.message).toBe(message);
});

describe('summary', () => {
  const summary = async (who: string, unitId?: number | string) =>
    (
      await (await s.as(who)).get(`${path()}/summary${unitId === undefined ? '' : `?unitId=${unitId}`}`)
    ).json() as Promise<Record<string, unknown>>;

  test('counts, where a unit is, and the next uncoded after it, wrapping round', async () => {
    const cora = await s.as('cora');
    const all = ((await (await cora.get(path())).json()) as Mine).units.map((u) => u.unitId);
    const code = (i: number, unsure = false) =>
      cora.request('PUT', `/api/studies/${s.studyId}/units/${all[i]}/coding`, { codeIds: ['model-usage'], unsure });
    for (const i of [0, 1, 4]) await code(i, i === 1);
    expect(await summary('cora')).toEqual({
      total: 8,
      coded: 3,
      unsure: 1,
      unit: null,
      nextUncoded: { unitId: all[2], index: 2 },
      ranking: null,
    });
    expect(await summary('cora', all[4]!)).toMatchObject({
      unit: { unitId: all[4], index: 4 },
      nextUncoded: { unitId: all[5], index: 5 },
    });
    for (const i of [5, 6, 7]) await code(i);
    // After the last uncoded one, round to the start; never the unit asked about itself.
    expect(await summary('cora', all[6]!)).toMatchObject({ nextUncoded: { unitId: all[2], index: 2 } });
    expect(await summary('cora', all[3]!)).toMatchObject({ nextUncoded: { unitId: all[2], index: 2 } });
    await code(2);
    expect(await summary('cora', all[3]!)).toMatchObject({ coded: 7, nextUncoded: null });
    // Another coder counts only their own codings (the study is blind).
    expect(await summary('cody', all[3]!)).toMatchObject({
      total: 8,
      coded: 0,
      unit: { unitId: all[3], index: 3 },
      nextUncoded: { unitId: all[4], index: 4 },
    });
  });

  test('a unit that is not one of the caller’s is null; a bad unit id is 400', async () => {
    expect(await summary('owen', 1)).toMatchObject({ total: 0, unit: null, nextUncoded: null });
    expect(await summary('cora', 99_999)).toMatchObject({ total: 8, unit: null });
    const res = await (await s.as('cora')).get(`${path()}/summary?unitId=abc`);
    expect([res.status, ((await res.json()) as { error: { where: { field: string } } }).error.where.field]).toEqual([
      400,
      'unitId',
    ]);
  });
});
