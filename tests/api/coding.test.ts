import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { codingStudy, type CodingStudy } from '../support/coding-study.ts';

let s: CodingStudy;
let units: number[];
beforeEach(async () => {
  s = await codingStudy();
  const owen = await s.as('owen');
  await owen.post(`/api/studies/${s.studyId}/sampling/draw`, { roundId: s.roundId, size: 4, seed: 'c', overlap: 1 });
  units = s.t.db.prepare('SELECT id FROM units ORDER BY position').pluck().all() as number[];
});
afterEach(() => s.t.close());

const codingPath = (unitId: number) => `/api/studies/${s.studyId}/units/${unitId}/coding`;

describe('saving a coding', () => {
  test('a coder saves, revisits and changes a coding; each change is audited with before and after', async () => {
    const cora = await s.as('cora');
    const first = await cora.request('PUT', codingPath(units[0]!), {
      codeIds: ['model-usage'],
      memo: 'asks how to call it',
      unsure: false,
    });
    expect(first.status).toBe(200);
    expect((await first.json()).coding).toMatchObject({
      codeIds: ['model-usage'],
      memo: 'asks how to call it',
      unsure: false,
    });
    await cora.request('PUT', codingPath(units[0]!), {
      codeIds: ['model-usage', 'documentation'],
      memo: 'asks how to call it',
      unsure: true,
    });
    const unit = await (await cora.get(`/api/studies/${s.studyId}/units/${units[0]}`)).json();
    expect(unit.coding).toMatchObject({ codeIds: ['documentation', 'model-usage'], unsure: true });
    expect(unit.posts.filter((p: { isUnit: boolean }) => p.isUnit)).toHaveLength(1);
    const audit = s.t.db
      .prepare("SELECT action, before_json, after_json FROM audit_log WHERE entity = 'coding' ORDER BY id")
      .all() as {
      action: string;
      before_json: string | null;
      after_json: string;
    }[];
    expect(audit.map((a) => a.action)).toEqual(['coding.create', 'coding.update']);
    expect(JSON.parse(audit[1]!.before_json!)).toEqual({
      codeIds: ['model-usage'],
      memo: 'asks how to call it',
      unsure: false,
      quotes: {},
    });
    expect(JSON.parse(audit[1]!.after_json).codeIds).toEqual(['documentation', 'model-usage']);
  });

  test('saving the same coding twice adds no audit row', async () => {
    const cora = await s.as('cora');
    const body = { codeIds: ['model-usage'], memo: '', unsure: false };
    await cora.request('PUT', codingPath(units[0]!), body);
    await cora.request('PUT', codingPath(units[0]!), body);
    expect(s.t.db.prepare("SELECT count(*) FROM audit_log WHERE entity = 'coding'").pluck().get()).toBe(1);
  });

  test.each([
    [{ codeIds: ['no-such-code'] }, 'labels.unknown_code', 'codeIds[0]'],
    [{ codeIds: ['challenge'] }, 'labels.not_codable', 'codeIds[0]'],
    [
      { codeIds: ['model-usage'], quotes: { documentation: { text: 'x', start: 0, end: 1 } } },
      'coding.quote_without_code',
      'quotes.documentation',
    ],
    [{ codeIds: 'model-usage' }, 'request.invalid_json', 'codeIds'],
    [
      { codeIds: ['model-usage'], quotes: { 'model-usage': { text: 'x', start: 5, end: 1 } } },
      'request.invalid_json',
      'quotes.model-usage.end',
    ],
  ])('refuses %o with %s at %s', async (body, code, field) => {
    const cora = await s.as('cora');
    const res = await cora.request('PUT', codingPath(units[0]!), body);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code, where: { field } });
    expect(s.t.db.prepare('SELECT count(*) FROM codings').pluck().get()).toBe(0);
  });

  test('a single-label study refuses two labels', async () => {
    s.t.db.prepare("UPDATE studies SET label_mode = 'single'").run();
    const cora = await s.as('cora');
    const res = await cora.request('PUT', codingPath(units[0]!), { codeIds: ['model-usage', 'documentation'] });
    expect((await res.json()).error.code).toBe('labels.too_many');
  });

  test('a quote is kept as evidence for its code', async () => {
    const cora = await s.as('cora');
    await cora.request('PUT', codingPath(units[0]!), {
      codeIds: ['model-usage'],
      quotes: { 'model-usage': { text: 'Post', start: 0, end: 4 } },
    });
    const unit = await (await cora.get(`/api/studies/${s.studyId}/units/${units[0]}`)).json();
    expect(unit.coding.quotes).toEqual({ 'model-usage': { text: 'Post', start: 0, end: 4 } });
  });

  test('the owner and an outsider cannot code; a closed round refuses changes', async () => {
    const owen = await s.as('owen');
    expect((await owen.request('PUT', codingPath(units[0]!), { codeIds: [] })).status).toBe(403);
    const nina = await s.as('nina');
    expect((await nina.request('PUT', codingPath(units[0]!), { codeIds: [] })).status).toBe(404);
    await owen.post(`/api/studies/${s.studyId}/rounds/${s.roundId}/close`);
    const cora = await s.as('cora');
    const res = await cora.request('PUT', codingPath(units[0]!), { codeIds: ['model-usage'] });
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('coding.round_closed');
  });
});

describe('progress and rounds', () => {
  test('owners see every coder’s counts, a coder only their own', async () => {
    const cora = await s.as('cora');
    await cora.request('PUT', codingPath(units[0]!), { codeIds: ['model-usage'], unsure: true });
    await cora.request('PUT', codingPath(units[1]!), { codeIds: [] });
    const owen = await s.as('owen');
    const all = (await (await owen.get(`/api/studies/${s.studyId}/progress`)).json()).progress;
    expect(all).toEqual([
      { roundId: s.roundId, coderId: s.ids.cody, username: 'cody', assigned: 4, done: 0, unsure: 0 },
      { roundId: s.roundId, coderId: s.ids.cora, username: 'cora', assigned: 4, done: 2, unsure: 1 },
    ]);
    const own = (await (await cora.get(`/api/studies/${s.studyId}/progress`)).json()).progress;
    expect(own.map((p: { username: string }) => p.username)).toEqual(['cora']);
    const mine = await (await cora.get(`/api/studies/${s.studyId}/rounds/${s.roundId}/my-units`)).json();
    expect(mine.units.map((u: { coded: boolean }) => u.coded)).toEqual([true, true, false, false]);
  });

  test('closing a round settles agreeing units and opens adjudication for the rest', async () => {
    const cora = await s.as('cora');
    const cody = await s.as('cody');
    await cora.request('PUT', codingPath(units[0]!), { codeIds: ['model-usage', 'documentation'] });
    await cody.request('PUT', codingPath(units[0]!), { codeIds: ['documentation', 'model-usage'] });
    await cora.request('PUT', codingPath(units[1]!), { codeIds: ['model-usage'] });
    await cody.request('PUT', codingPath(units[1]!), { codeIds: ['documentation'] });
    await cora.request('PUT', codingPath(units[2]!), { codeIds: ['model-usage'] });
    const owen = await s.as('owen');
    const res = await owen.post(`/api/studies/${s.studyId}/rounds/${s.roundId}/close`);
    expect((await res.json()).summary).toEqual({ agreed: 1, disagreed: 1, incomplete: 2 });
    expect(s.t.db.prepare('SELECT unit_id, code_id, origin FROM final_labels ORDER BY code_id').all()).toEqual([
      { unit_id: units[0], code_id: 'documentation', origin: 'agreement' },
      { unit_id: units[0], code_id: 'model-usage', origin: 'agreement' },
    ]);
    expect(s.t.db.prepare('SELECT unit_id, status FROM adjudications').all()).toEqual([
      { unit_id: units[1], status: 'open' },
    ]);
    expect((await owen.post(`/api/studies/${s.studyId}/rounds/${s.roundId}/close`)).status).toBe(409);
  });

  test('owners add a calibration round; coders cannot', async () => {
    const owen = await s.as('owen');
    const res = await owen.post(`/api/studies/${s.studyId}/rounds`, { name: 'Calibration 1', kind: 'calibration' });
    expect((await res.json()).round).toMatchObject({
      name: 'Calibration 1',
      kind: 'calibration',
      position: 2,
      status: 'open',
      units: 0,
    });
    const cora = await s.as('cora');
    expect((await cora.post(`/api/studies/${s.studyId}/rounds`, { name: 'x', kind: 'main' })).status).toBe(403);
  });
});

describe('a unit in context', () => {
  test('each post carries its plain text beside its HTML, so quotes count offsets in the text that exports use', async () => {
    s.t.db
      .prepare(
        "UPDATE posts SET html = '<p>Loading  <b>fails</b></p><p>with OOM</p>', text = 'Loading fails' || char(10) || 'with OOM' WHERE id = (SELECT post_id FROM units WHERE id = ?)",
      )
      .run(units[0]);
    const cora = await s.as('cora');
    const unit = await (await cora.get(`/api/studies/${s.studyId}/units/${units[0]}`)).json();
    const post = unit.posts.find((p: { isUnit: boolean }) => p.isUnit);
    expect(post).toMatchObject({
      html: '<p>Loading  <b>fails</b></p><p>with OOM</p>',
      text: 'Loading fails\nwith OOM',
    });
    expect(unit.posts.every((p: { text: unknown }) => typeof p.text === 'string')).toBe(true);
  });
});
