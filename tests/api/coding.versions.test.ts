import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Agent } from '../support/agent.ts';
import { codingStudy, type CodingStudy } from '../support/coding-study.ts';

// Two tabs (or devices) of one coder: each save names the version of the coding it started from,
// and a save based on an older version than the stored one is refused with the stored coding.

let s: CodingStudy;
let unitId: number;
let cora: Agent;
beforeEach(async () => {
  s = await codingStudy();
  const owen = await s.as('owen');
  await owen.post(`/api/studies/${s.studyId}/sampling/draw`, { roundId: s.roundId, size: 2, seed: 'v', overlap: 1 });
  unitId = s.t.db.prepare('SELECT id FROM units ORDER BY position').pluck().get() as number;
  cora = await s.as('cora');
});
afterEach(() => s.t.close());

const put = (agent: Agent, body: Record<string, unknown>) =>
  agent.request('PUT', `/api/studies/${s.studyId}/units/${unitId}/coding`, body);

describe('a coding carries a version', () => {
  test('a normal sequence of saves: 0 → 1 → 2, each based on the last answer; a save that changes nothing keeps it', async () => {
    const first = await put(cora, { codeIds: ['model-usage'], baseVersion: 0 });
    expect(first.status).toBe(200);
    expect((await first.json()).coding).toMatchObject({ codeIds: ['model-usage'], version: 1 });
    const second = await put(cora, { codeIds: ['model-usage', 'documentation'], baseVersion: 1 });
    expect((await second.json()).coding).toMatchObject({ codeIds: ['documentation', 'model-usage'], version: 2 });
    const same = await put(cora, { codeIds: ['documentation', 'model-usage'], baseVersion: 2 });
    expect((await same.json()).coding.version).toBe(2);
    const unit = await (await cora.get(`/api/studies/${s.studyId}/units/${unitId}`)).json();
    expect(unit.coding.version).toBe(2);
  });

  test('a stale save gets 409 with the stored coding and changes nothing', async () => {
    await put(cora, { codeIds: ['model-usage'], memo: 'tab A', baseVersion: 0 });
    // Tab B opened the unit before tab A saved, so it still believes there is no coding.
    const stale = await put(cora, { codeIds: ['documentation'], memo: 'tab B', baseVersion: 0 });
    expect(stale.status).toBe(409);
    const body = await stale.json();
    expect(body.error).toEqual({
      code: 'coding.stale',
      message:
        'This coding was changed in another tab or on another device after you opened it. Choose which version to keep.',
      where: { field: 'baseVersion' },
    });
    expect(body.coding).toMatchObject({ codeIds: ['model-usage'], memo: 'tab A', unsure: false, version: 1 });
    const stored = await (await cora.get(`/api/studies/${s.studyId}/units/${unitId}`)).json();
    expect(stored.coding).toMatchObject({ codeIds: ['model-usage'], memo: 'tab A', version: 1 });
    expect(s.t.db.prepare("SELECT count(*) FROM audit_log WHERE entity = 'coding'").pluck().get()).toBe(1);

    // Choosing "mine" after seeing version 1 saves it as version 2.
    const chosen = await put(cora, { codeIds: ['documentation'], memo: 'tab B', baseVersion: 1 });
    expect(chosen.status).toBe(200);
    expect((await chosen.json()).coding).toMatchObject({ codeIds: ['documentation'], memo: 'tab B', version: 2 });
  });

  test('a stale save of what is already stored is no conflict', async () => {
    await put(cora, { codeIds: ['model-usage'], baseVersion: 0 });
    await put(cora, { codeIds: ['documentation'], baseVersion: 1 });
    const res = await put(cora, { codeIds: ['documentation'], baseVersion: 1 });
    expect(res.status).toBe(200);
    expect((await res.json()).coding.version).toBe(2);
  });

  test('a base version ahead of the stored one is stale too (the coding was never seen at that version)', async () => {
    const res = await put(cora, { codeIds: ['model-usage'], baseVersion: 3 });
    expect(res.status).toBe(409);
    expect((await res.json()).coding).toBeNull();
  });

  test('of many concurrent saves from one base version, one wins and the others get 409', async () => {
    await put(cora, { codeIds: ['model-usage'], baseVersion: 0 });
    const memos = ['a', 'b', 'c', 'd'];
    const answers = await Promise.all(
      memos.map((memo) => put(cora, { codeIds: ['model-usage'], memo, baseVersion: 1 })),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    const winner = memos[answers.findIndex((r) => r.status === 200)];
    const stored = await (await cora.get(`/api/studies/${s.studyId}/units/${unitId}`)).json();
    expect(stored.coding).toMatchObject({ memo: winner, version: 2 });
  });

  test('without baseVersion a save overwrites, as scripts written before versions expect', async () => {
    await put(cora, { codeIds: ['model-usage'] });
    const res = await put(cora, { codeIds: ['documentation'] });
    expect(res.status).toBe(200);
    expect((await res.json()).coding.version).toBe(2);
  });

  test.each([[-1], [1.5], ['1']])('refuses baseVersion %o with its field', async (baseVersion) => {
    const res = await put(cora, { codeIds: ['model-usage'], baseVersion });
    expect(res.status).toBe(400);
    expect((await res.json()).error.where.field).toBe('baseVersion');
  });

  test('moving the study to a new codebook version raises the version: a tab holding the old labels must choose', async () => {
    await put(cora, { codeIds: ['model-usage'], baseVersion: 0 });
    const owen = await s.as('owen');
    const base = `/api/studies/${s.studyId}/codebook`;
    const merge = {
      from: ['model-usage', 'documentation'],
      into: { id: 'usage-docs', name: 'Usage and documentation' },
    };
    expect((await owen.post(`${base}/versions`, { op: 'merge', merge, baseVersion: 1, why: 'one idea' })).status).toBe(
      201,
    );
    expect((await owen.post(`${base}/upgrade`, { toVersion: 2 })).status).toBe(200);
    const stale = await put(cora, { codeIds: ['usage-docs'], memo: 'old tab', baseVersion: 1 });
    expect(stale.status).toBe(409);
    expect((await stale.json()).coding).toMatchObject({ codeIds: ['usage-docs'], version: 2 });
  });
});
