import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Agent } from '../support/agent.ts';
import { codingStudy, type CodingStudy } from '../support/coding-study.ts';

// Four units coded by cora and cody, then the round is closed:
// units[0] agreed, units[1] and units[2] disagree (so they are in adjudication), units[3] uncoded.
let s: CodingStudy;
let units: number[];
let ada: Agent;
const base = () => `/api/studies/${s.studyId}/adjudication`;

beforeEach(async () => {
  s = await codingStudy();
  const owen = await s.as('owen');
  await owen.post(`/api/studies/${s.studyId}/sampling/draw`, { roundId: s.roundId, size: 4, seed: 'adj', overlap: 1 });
  units = s.t.db.prepare('SELECT id FROM units ORDER BY position').pluck().all() as number[];
  const cora = await s.as('cora');
  const cody = await s.as('cody');
  const code = (who: Agent, unit: number, body: object) =>
    who.request('PUT', `/api/studies/${s.studyId}/units/${unit}/coding`, body);
  await code(cora, units[0]!, { codeIds: ['model-usage', 'documentation'] });
  await code(cody, units[0]!, { codeIds: ['documentation', 'model-usage'] });
  await code(cora, units[1]!, {
    codeIds: ['model-usage'],
    memo: 'only asks how to call it',
    unsure: true,
    quotes: { 'model-usage': { text: 'Post', start: 0, end: 4 } },
  });
  await code(cody, units[1]!, { codeIds: ['documentation', 'model-usage'], memo: 'docs are missing too' });
  await code(cora, units[2]!, { codeIds: ['documentation'] });
  await code(cody, units[2]!, { codeIds: ['beginner-guidance'] });
  await owen.post(`/api/studies/${s.studyId}/rounds/${s.roundId}/close`);
  ada = await s.as('ada');
});
afterEach(() => s.t.close());

const settle = (who: Agent, unit: number, body: unknown) => who.post(`${base()}/units/${unit}/settle`, body);
const finals = () =>
  s.t.db.prepare('SELECT unit_id, code_id, origin FROM final_labels ORDER BY unit_id, code_id').all();
const auditRows = () =>
  (
    s.t.db
      .prepare(
        "SELECT user_id, study_id, action, entity, entity_id, before_json, after_json FROM audit_log WHERE entity = 'adjudication' ORDER BY id",
      )
      .all() as {
      user_id: number;
      study_id: number;
      action: string;
      entity: string;
      entity_id: string;
      before_json: string;
      after_json: string;
    }[]
  ).map(({ before_json, after_json, ...r }) => ({
    ...r,
    before: JSON.parse(before_json),
    after: JSON.parse(after_json),
  }));

describe('the queue', () => {
  test('lists exactly the disagreeing units, each coder’s coding side by side', async () => {
    const res = await ada.get(base());
    expect(res.status).toBe(200);
    const { items } = await res.json();
    expect(items.map((i: { unitId: number }) => i.unitId)).toEqual([units[1], units[2]]);
    expect(items[0]).toEqual({
      unitId: units[1],
      roundId: s.roundId,
      roundName: 'Main',
      position: 2,
      threadId: expect.any(Number),
      threadTitle: expect.stringMatching(/^Thread \d+$/),
      postId: expect.any(Number),
      postNumber: expect.any(Number),
      status: 'open',
      rationale: '',
      settledById: null,
      settledByName: null,
      settledAt: null,
      openedAt: expect.any(String),
      codings: [
        {
          coderId: s.ids.cody,
          username: 'cody',
          displayName: 'cody',
          codeIds: ['documentation', 'model-usage'],
          memo: 'docs are missing too',
          unsure: false,
          quotes: {},
          updatedAt: expect.any(String),
          revision: 1,
        },
        {
          coderId: s.ids.cora,
          username: 'cora',
          displayName: 'cora',
          codeIds: ['model-usage'],
          memo: 'only asks how to call it',
          unsure: true,
          quotes: { 'model-usage': { text: 'Post', start: 0, end: 4 } },
          updatedAt: expect.any(String),
          revision: 1,
        },
      ],
      sharedCodeIds: ['model-usage'],
      finalCodeIds: [],
    });
    expect(items[1].sharedCodeIds).toEqual([]);
    // The agreeing unit got its final labels when the round closed and never enters the queue.
    expect(finals()).toEqual([
      { unit_id: units[0], code_id: 'documentation', origin: 'agreement' },
      { unit_id: units[0], code_id: 'model-usage', origin: 'agreement' },
    ]);
  });

  test.each([
    ['?code=beginner-guidance', [2]],
    ['?code=model-usage', [1]],
    ['?code=documentation', [1, 2]],
    ['?status=open', [1, 2]],
    ['?status=settled', []],
    ['?status=reopened', []],
  ])('filters with %s', async (query, expected) => {
    const { items } = await (await ada.get(base() + query)).json();
    expect(items.map((i: { unitId: number }) => i.unitId)).toEqual(expected.map((n) => units[n]));
  });

  test('filters by round, and refuses a bad status', async () => {
    const owen = await s.as('owen');
    const other = (
      await (await owen.post(`/api/studies/${s.studyId}/rounds`, { name: 'Calibration', kind: 'calibration' })).json()
    ).round.id;
    expect((await (await ada.get(`${base()}?roundId=${s.roundId}`)).json()).items).toHaveLength(2);
    expect((await (await ada.get(`${base()}?roundId=${other}`)).json()).items).toEqual([]);
    const bad = await ada.get(`${base()}?status=done`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.where).toEqual({ field: 'status' });
  });

  test('a unit’s detail carries the post in its thread; a unit not in adjudication is 404', async () => {
    const res = await ada.get(`${base()}/units/${units[1]}`);
    const body = await res.json();
    expect(body.item.unitId).toBe(units[1]);
    expect(body.thread.title).toBe(body.item.threadTitle);
    expect(body.posts.filter((p: { isUnit: boolean }) => p.isUnit).map((p: { id: number }) => p.id)).toEqual([
      body.item.postId,
    ]);
    expect((await ada.get(`${base()}/units/${units[0]}`)).status).toBe(404);
    expect((await settle(ada, units[0]!, { codeIds: [], rationale: 'x' })).status).toBe(404);
  });

  test('the choices hold the pinned codebook, label mode and rounds', async () => {
    const body = await (await ada.get(`${base()}/choices`)).json();
    expect(body.labelMode).toBe('multi');
    expect(body.codes.map((c: { id: string }) => c.id)).toContain('model-usage');
    expect(body.rounds.map((r: { name: string }) => r.name)).toEqual(['Main']);
  });

  test('coders get 403 on every adjudication route, outsiders 404', async () => {
    const cora = await s.as('cora');
    for (const path of ['', '/choices', '/final-labels', `/units/${units[1]}`])
      expect((await cora.get(base() + path)).status).toBe(403);
    expect((await settle(cora, units[1]!, { codeIds: ['model-usage'], rationale: 'mine' })).status).toBe(403);
    expect((await cora.post(`${base()}/units/${units[1]}/reopen`)).status).toBe(403);
    const nina = await s.as('nina');
    expect((await nina.get(base())).status).toBe(404);
    expect(s.t.db.prepare("SELECT count(*) FROM adjudications WHERE status = 'open'").pluck().get()).toBe(2);
  });
});

describe('settling', () => {
  test.each([
    [{ codeIds: ['no-such-code'], rationale: 'r' }, 'labels.unknown_code', 'codeIds[0]'],
    [{ codeIds: ['challenge'], rationale: 'r' }, 'labels.not_codable', 'codeIds[0]'],
    [{ codeIds: ['model-usage'] }, 'request.invalid_json', 'rationale'],
    [{ codeIds: ['model-usage'], rationale: '   ' }, 'request.invalid_json', 'rationale'],
    [{ rationale: 'r' }, 'request.invalid_json', 'codeIds'],
    [{ codeIds: ['model-usage'], acceptCoderId: 1, rationale: 'r' }, 'request.invalid_json', 'codeIds'],
  ])('refuses %o with %s at %s and changes nothing', async (body, code, field) => {
    const res = await settle(ada, units[1]!, body);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code, where: { field } });
    expect(finals()).toHaveLength(2);
    expect(s.t.db.prepare('SELECT status FROM adjudications WHERE unit_id = ?').pluck().get(units[1])).toBe('open');
    expect(auditRows()).toEqual([]);
  });

  test('a single-label study refuses two final labels', async () => {
    s.t.db.prepare("UPDATE studies SET label_mode = 'single'").run();
    const res = await settle(ada, units[1]!, { codeIds: ['model-usage', 'documentation'], rationale: 'both' });
    expect((await res.json()).error).toMatchObject({ code: 'labels.too_many', where: { field: 'codeIds' } });
  });

  test('replaces the unit’s final labels, records who and why, and audits before/after', async () => {
    const res = await settle(ada, units[1]!, {
      codeIds: ['model-usage', 'documentation'],
      rationale: 'The poster also says the docs are thin.',
    });
    expect(res.status).toBe(200);
    const { item } = await res.json();
    expect(item).toMatchObject({
      status: 'settled',
      rationale: 'The poster also says the docs are thin.',
      settledById: s.ids.ada,
      settledByName: 'ada',
      finalCodeIds: ['documentation', 'model-usage'],
    });
    expect(finals()).toEqual([
      { unit_id: units[0], code_id: 'documentation', origin: 'agreement' },
      { unit_id: units[0], code_id: 'model-usage', origin: 'agreement' },
      { unit_id: units[1], code_id: 'documentation', origin: 'adjudication' },
      { unit_id: units[1], code_id: 'model-usage', origin: 'adjudication' },
    ]);
    const row = s.t.db
      .prepare('SELECT status, rationale, settled_by, settled_at FROM adjudications WHERE unit_id = ?')
      .get(units[1]);
    expect(row).toEqual({
      status: 'settled',
      rationale: 'The poster also says the docs are thin.',
      settled_by: s.ids.ada,
      settled_at: item.settledAt,
    });
    expect(auditRows()).toEqual([
      {
        user_id: s.ids.ada,
        study_id: s.studyId,
        action: 'adjudication.settle',
        entity: 'adjudication',
        entity_id: String(units[1]),
        before: { status: 'open', rationale: '', codeIds: [] },
        after: {
          status: 'settled',
          rationale: 'The poster also says the docs are thin.',
          codeIds: ['documentation', 'model-usage'],
        },
      },
    ]);
    const again = await settle(ada, units[1]!, { codeIds: [], rationale: 'changed my mind' });
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe('adjudication.already_settled');
  });

  test('accepting one coder’s labels takes that coder’s set; the owner may settle too', async () => {
    const owen = await s.as('owen');
    const res = await settle(owen, units[2]!, { acceptCoderId: s.ids.cody, rationale: 'Cody read the thread right.' });
    expect((await res.json()).item.finalCodeIds).toEqual(['beginner-guidance']);
    expect(s.t.db.prepare('SELECT code_id, origin FROM final_labels WHERE unit_id = ?').all(units[2])).toEqual([
      { code_id: 'beginner-guidance', origin: 'adjudication' },
    ]);
    expect(auditRows()[0]).toMatchObject({
      user_id: s.ids.owen,
      action: 'adjudication.settle',
      after: {
        status: 'settled',
        rationale: 'Cody read the thread right.',
        codeIds: ['beginner-guidance'],
        acceptedCoderId: s.ids.cody,
      },
    });
    const stranger = await settle(ada, units[1]!, { acceptCoderId: s.ids.ada, rationale: 'x' });
    expect(stranger.status).toBe(400);
    expect((await stranger.json()).error).toMatchObject({
      code: 'adjudication.unknown_coder',
      where: { field: 'acceptCoderId' },
    });
  });

  test('an empty final set is a valid decision', async () => {
    await settle(ada, units[2]!, { codeIds: [], rationale: 'Neither code fits.' });
    expect(s.t.db.prepare('SELECT count(*) FROM final_labels WHERE unit_id = ?').pluck().get(units[2])).toBe(0);
    expect(s.t.db.prepare('SELECT status FROM adjudications WHERE unit_id = ?').pluck().get(units[2])).toBe('settled');
  });
});

describe('reopening', () => {
  test('removes the final labels until the unit is settled again, audited', async () => {
    await settle(ada, units[1]!, { codeIds: ['model-usage'], rationale: 'first' });
    const res = await ada.post(`${base()}/units/${units[1]}/reopen`);
    expect(res.status).toBe(200);
    expect((await res.json()).item).toMatchObject({
      status: 'reopened',
      rationale: 'first',
      settledById: null,
      settledAt: null,
      finalCodeIds: [],
    });
    expect(s.t.db.prepare('SELECT count(*) FROM final_labels WHERE unit_id = ?').pluck().get(units[1])).toBe(0);
    expect(
      (await (await ada.get(`${base()}?status=reopened`)).json()).items.map((i: { unitId: number }) => i.unitId),
    ).toEqual([units[1]]);
    expect((await ada.post(`${base()}/units/${units[1]}/reopen`)).status).toBe(409);
    await settle(ada, units[1]!, { codeIds: ['documentation'], rationale: 'second' });
    expect(s.t.db.prepare('SELECT code_id, origin FROM final_labels WHERE unit_id = ?').all(units[1])).toEqual([
      { code_id: 'documentation', origin: 'adjudication' },
    ]);
    expect(auditRows().map(({ action, before, after }) => ({ action, before, after }))).toEqual([
      {
        action: 'adjudication.settle',
        before: { status: 'open', rationale: '', codeIds: [] },
        after: { status: 'settled', rationale: 'first', codeIds: ['model-usage'] },
      },
      {
        action: 'adjudication.reopen',
        before: { status: 'settled', rationale: 'first', codeIds: ['model-usage'] },
        after: { status: 'reopened', rationale: 'first', codeIds: [] },
      },
      {
        action: 'adjudication.settle',
        before: { status: 'reopened', rationale: 'first', codeIds: [] },
        after: { status: 'settled', rationale: 'second', codeIds: ['documentation'] },
      },
    ]);
  });

  test('an open unit cannot be reopened', async () => {
    const res = await ada.post(`${base()}/units/${units[1]}/reopen`);
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('adjudication.not_settled');
  });
});

test('final label counts per code, by origin, with adjudication statuses', async () => {
  await settle(ada, units[1]!, { codeIds: ['model-usage'], rationale: 'r' });
  const body = await (await ada.get(`${base()}/final-labels`)).json();
  expect(body).toEqual({
    codes: [
      {
        codeId: 'model-usage',
        name: 'Model usage understanding',
        dimension: 'challenge',
        agreement: 1,
        adjudication: 1,
        total: 2,
      },
      {
        codeId: 'documentation',
        name: expect.any(String),
        dimension: 'challenge',
        agreement: 1,
        adjudication: 0,
        total: 1,
      },
    ],
    units: 2,
    adjudications: { open: 1, settled: 1, reopened: 0 },
  });
});
