import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { codingStudy, type CodingStudy } from '../support/coding-study.ts';

let s: CodingStudy;
beforeEach(async () => {
  s = await codingStudy();
});
afterEach(() => s.t.close());

describe('drawing a sample into a round', () => {
  test('the same seed draws the same units again (in a fresh copy of the study)', async () => {
    const owen = await s.as('owen');
    const body = { roundId: s.roundId, size: 8, seed: 'paper-2026', strata: 'quarter', overlap: 0.5 };
    const first = await owen.post(`/api/studies/${s.studyId}/sampling/draw`, body);
    expect(first.status).toBe(201);
    const drawn = await first.json();
    expect(drawn.units).toBe(8);
    expect(drawn.population).toBe(36);
    expect(drawn.strata.map((x: { stratum: string; sampled: number }) => `${x.stratum}:${x.sampled}`)).toEqual([
      '2022-Q1:2',
      '2022-Q2:2',
      '2022-Q3:2',
      '2022-Q4:2',
    ]);

    // The answer links to the drawn units instead of listing them.
    expect(drawn).toMatchObject({ draw: 1, sampledUrl: `/api/studies/${s.studyId}/sampling/draws/1/units` });
    const sampled = async (t: CodingStudy, url: string) =>
      (await (await (await t.as('owen')).get(url)).json()).units.map((u: { postId: number }) => u.postId);
    const again = await codingStudy();
    const replay = await (await again.as('owen')).post(`/api/studies/${again.studyId}/sampling/draw`, {
      ...body,
      roundId: again.roundId,
    });
    expect(await sampled(again, (await replay.json()).sampledUrl)).toEqual(await sampled(s, drawn.sampledUrl));
    again.t.close();

    const record = JSON.parse(
      s.t.db.prepare('SELECT sampling_json FROM studies WHERE id = ?').pluck().get(s.studyId) as string,
    );
    expect(record.draws[0]).toMatchObject({
      seed: 'paper-2026',
      size: 8,
      strata: 'quarter',
      overlap: 0.5,
      population: 36,
    });
  });

  test('posts without words of their own are left out unless the draw asks for them', async () => {
    const owen = await s.as('owen');
    // Four of the 36 posts: an empty one, two image-only ones and one that only quotes another.
    const flagged = s.t.db.prepare('SELECT id FROM posts ORDER BY id LIMIT 4').pluck().all() as number[];
    const kinds = ['empty', 'image_only', 'image_only', 'embed_only'];
    for (const [i, id] of flagged.entries())
      s.t.db.prepare('UPDATE posts SET content_kind = ? WHERE id = ?').run(kinds[i], id);
    const pop = await owen.get(`/api/studies/${s.studyId}/sampling/population`);
    expect(await pop.json()).toEqual({
      unitKind: 'post',
      available: 32,
      withoutWords: 4,
      acceptedAnswers: 0,
      byStaff: 0,
    });

    const all = { roundId: s.roundId, size: 36, seed: 'w' };
    const byDefault = await (await owen.post(`/api/studies/${s.studyId}/sampling/draw`, all)).json();
    expect(byDefault.population).toBe(32);
    const drawn = s.t.db.prepare('SELECT post_id FROM units WHERE study_id = ?').pluck().all(s.studyId) as number[];
    expect(drawn.filter((id) => flagged.includes(id))).toEqual([]);

    const withThem = await owen.post(`/api/studies/${s.studyId}/sampling/draw`, { ...all, withoutWords: true });
    expect(await withThem.json()).toMatchObject({ population: 4, units: 4 });
  });

  test('50% overlap: 4 units for both coders, 2 more each', async () => {
    const owen = await s.as('owen');
    await owen.post(`/api/studies/${s.studyId}/sampling/draw`, {
      roundId: s.roundId,
      size: 8,
      seed: 's',
      overlap: 0.5,
    });
    const rows = s.t.db
      .prepare('SELECT user_id AS coder, count(*) AS n FROM assignments GROUP BY user_id ORDER BY user_id')
      .all() as { coder: number; n: number }[];
    expect(rows).toEqual([
      { coder: s.ids.cora, n: 6 },
      { coder: s.ids.cody, n: 6 },
    ]);
  });

  test('a second draw takes only posts that are not units yet', async () => {
    const owen = await s.as('owen');
    await owen.post(`/api/studies/${s.studyId}/sampling/draw`, { roundId: s.roundId, size: 30, seed: 'a' });
    const second = await owen.post(`/api/studies/${s.studyId}/sampling/draw`, {
      roundId: s.roundId,
      size: 30,
      seed: 'b',
    });
    expect((await second.json()).units).toBe(6);
    const third = await owen.post(`/api/studies/${s.studyId}/sampling/draw`, {
      roundId: s.roundId,
      size: 1,
      seed: 'c',
    });
    expect(third.status).toBe(409);
    expect((await third.json()).error.code).toBe('sample.empty_population');
  });

  test('naming a coder twice is refused, not a server error', async () => {
    const owen = await s.as('owen');
    const res = await owen.post(`/api/studies/${s.studyId}/sampling/draw`, {
      roundId: s.roundId,
      size: 2,
      seed: 'x',
      coderIds: [s.ids.cora, s.ids.cora],
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 'request.invalid_json', where: { field: 'coderIds' } });
  });

  test('only the owner draws; a coder gets 403', async () => {
    const cora = await s.as('cora');
    const res = await cora.post(`/api/studies/${s.studyId}/sampling/draw`, { roundId: s.roundId, size: 3, seed: 'x' });
    expect(res.status).toBe(403);
  });

  test('the sample-size calculator shows its inputs and result', async () => {
    const cora = await s.as('cora');
    const res = await cora.get('/api/sample-size?confidence=0.95&margin=0.05&population=1000');
    expect(await res.json()).toMatchObject({
      inputs: { confidence: 0.95, margin: 0.05, proportion: 0.5, population: 1000 },
      n: 278,
    });
    expect((await cora.get('/api/sample-size?confidence=2')).status).toBe(400);
  });
});

describe('a draw id makes a draw happen once', () => {
  const drawId = '6f1c0a52-3b7e-4d1a-9c55-2f0e8b7d4a10';

  test('two concurrent posts with one draw id draw once and both answer the first draw', async () => {
    const owen = await s.as('owen');
    const body = { roundId: s.roundId, size: 4, seed: 'double-click', overlap: 1, drawId };
    const [a, b] = await Promise.all([
      owen.post(`/api/studies/${s.studyId}/sampling/draw`, body),
      owen.post(`/api/studies/${s.studyId}/sampling/draw`, body),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    const [first, second] = [await a.json(), await b.json()];
    expect(second).toEqual(first);
    expect(first.units).toBe(4);
    expect(s.t.db.prepare('SELECT count(*) FROM units WHERE round_id = ?').pluck().get(s.roundId)).toBe(4);
    expect(s.t.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'sample.draw'").pluck().get()).toBe(1);
    const record = JSON.parse(
      s.t.db.prepare('SELECT sampling_json FROM studies WHERE id = ?').pluck().get(s.studyId) as string,
    );
    expect(record.draws).toHaveLength(1);
  });

  test('a new draw id draws again; one id with a different request is refused', async () => {
    const owen = await s.as('owen');
    const path = `/api/studies/${s.studyId}/sampling/draw`;
    const body = { roundId: s.roundId, size: 4, seed: 'again', overlap: 1 };
    expect((await owen.post(path, { ...body, drawId })).status).toBe(201);
    expect((await owen.post(path, { ...body, drawId: 'd2b3a7c4-1e5f-4a6b-8c9d-0e1f2a3b4c5d' })).status).toBe(201);
    expect(s.t.db.prepare('SELECT count(*) FROM units').pluck().get()).toBe(8);
    const reused = await owen.post(path, { ...body, size: 5, drawId });
    expect(reused.status).toBe(409);
    expect((await reused.json()).error).toMatchObject({ code: 'sample.draw_id_reused', where: { field: 'drawId' } });
    expect(s.t.db.prepare('SELECT count(*) FROM units').pluck().get()).toBe(8);
  });

  test('a draw id that is not a UUID is refused with its field', async () => {
    const owen = await s.as('owen');
    const res = await owen.post(`/api/studies/${s.studyId}/sampling/draw`, {
      roundId: s.roundId,
      size: 4,
      seed: 'x',
      drawId: 'click-1',
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.where.field).toBe('drawId');
  });
});

describe("a draw's units, a page at a time", () => {
  test('in drawn order, each draw its own, paged by position; an unknown draw is 404', async () => {
    const owen = await s.as('owen');
    const draw = async (seed: string, size: number) =>
      (await owen.post(`/api/studies/${s.studyId}/sampling/draw`, { roundId: s.roundId, size, seed })).json();
    const first = await draw('one', 5);
    const second = await draw('two', 3);
    expect(second).toMatchObject({ draw: 2, units: 3 });
    const units = s.t.db
      .prepare(
        'SELECT id AS unitId, thread_id AS threadId, post_id AS postId FROM units WHERE study_id = ? ORDER BY position',
      )
      .all(s.studyId);
    const page1 = await (await owen.get(`${first.sampledUrl}?limit=3`)).json();
    expect(page1).toEqual({ draw: 1, units: units.slice(0, 3), nextCursor: '3' });
    const page2 = await (await owen.get(`${first.sampledUrl}?limit=3&cursor=${page1.nextCursor}`)).json();
    expect(page2).toEqual({ draw: 1, units: units.slice(3, 5), nextCursor: null });
    expect((await (await owen.get(second.sampledUrl)).json()).units).toEqual(units.slice(5, 8));
    const missing = await owen.get(`/api/studies/${s.studyId}/sampling/draws/3/units`);
    expect(missing.status).toBe(404);
    const coder = await s.as('cora');
    expect((await coder.get(first.sampledUrl)).status).toBe(403);
  });
});
