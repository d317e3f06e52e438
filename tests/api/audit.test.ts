import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { audit } from '../../apps/api/src/db/audit.ts';
import type { Agent } from '../support/agent.ts';
import { codingStudy, type CodingStudy } from '../support/coding-study.ts';

interface Entry {
  user: { username: string } | null;
  action: string;
  entity: string;
  hidden: boolean;
  before: unknown;
  after: unknown;
  at: string;
}

let s: CodingStudy;
let owen: Agent;
let unitId: number;
beforeEach(async () => {
  s = await codingStudy();
  owen = await s.as('owen');
  await owen.post(`/api/studies/${s.studyId}/sampling/draw`, { roundId: s.roundId, size: 2, seed: 'audit' });
  unitId = s.t.db.prepare('SELECT id FROM units ORDER BY position').pluck().get() as number;
  const cora = await s.as('cora');
  await cora.request('PUT', `/api/studies/${s.studyId}/units/${unitId}/coding`, {
    codeIds: ['documentation'],
    memo: 'CORA-MEMO',
  });
  await owen.request('PATCH', `/api/studies/${s.studyId}`, { description: 'Now described' });
});
afterEach(() => s.t.close());

const log = async (agent: Agent, query = '') => {
  const res = await agent.get(`/api/studies/${s.studyId}/audit${query}`);
  return {
    status: res.status,
    text: await res.clone().text(),
    body: (await res.json()) as { entries: Entry[]; total: number; actions: string[] },
  };
};

describe('the audit log', () => {
  test('the owner sees who did what, newest first, with before and after', async () => {
    const { status, body } = await log(owen);
    expect(status).toBe(200);
    expect(body.entries.map((e) => `${e.user?.username} ${e.action}`)).toEqual([
      'owen study.update',
      'cora coding.create',
      'owen sample.draw',
    ]);
    expect(body.entries[0]).toMatchObject({
      entity: 'study',
      hidden: false,
      before: { description: '' },
      after: { description: 'Now described' },
    });
    expect(body.total).toBe(3);
    expect(body.actions).toEqual(['coding.create', 'sample.draw', 'study.update']);
  });

  test('filters by action, entity and user, and pages', async () => {
    expect((await log(owen, '?action=sample.draw')).body.entries.map((e) => e.action)).toEqual(['sample.draw']);
    expect((await log(owen, '?entity=study')).body.entries.map((e) => e.action)).toEqual(['study.update']);
    expect((await log(owen, `?userId=${s.ids.cora}`)).body.entries.map((e) => e.action)).toEqual(['coding.create']);
    const second = (await log(owen, '?page=2&pageSize=2')).body;
    expect(second.entries.map((e) => e.action)).toEqual(['sample.draw']);
    expect(second.total).toBe(3);
  });

  test('while the study is blind a coding row shows only who, when and what', async () => {
    const { body, text } = await log(owen, '?entity=coding');
    expect(body.entries).toEqual([
      expect.objectContaining({
        user: expect.objectContaining({ username: 'cora' }),
        action: 'coding.create',
        hidden: true,
        before: null,
        after: null,
      }),
    ]);
    expect(text).not.toContain('CORA-MEMO');
    expect(text).not.toContain('documentation');
  });

  test('after the owner unblinds the round the coding row shows its labels and memo', async () => {
    await owen.post(`/api/studies/${s.studyId}/rounds/${s.roundId}/unblind`);
    const { body } = await log(owen, '?entity=coding');
    expect(body.entries[0]).toMatchObject({
      hidden: false,
      before: null,
      after: { codeIds: ['documentation'], memo: 'CORA-MEMO' },
    });
  });

  test('a unit in adjudication, or a study that is not blind, shows its coding rows', async () => {
    s.t.db.prepare("INSERT INTO adjudications (unit_id, created_at) VALUES (?, '2026-01-01')").run(unitId);
    expect((await log(owen, '?entity=coding')).body.entries[0]!.hidden).toBe(false);
    s.t.db.prepare('DELETE FROM adjudications').run();
    await owen.request('PATCH', `/api/studies/${s.studyId}`, { blind: false });
    expect((await log(owen, '?entity=coding')).body.entries[0]!.after).toMatchObject({ memo: 'CORA-MEMO' });
  });

  test('other rows about a coder’s coding (coding.review on a unit) are hidden the same way', async () => {
    audit(s.t.db, {
      userId: s.ids.cora!,
      studyId: s.studyId,
      action: 'coding.review',
      entity: 'unit',
      entityId: unitId,
      before: { codeIds: ['documentation'] },
      after: { codeIds: ['REVIEWED-LABEL'] },
    });
    const hidden = await log(owen, '?action=coding.review');
    expect(hidden.body.entries[0]).toMatchObject({ hidden: true, before: null, after: null });
    expect(hidden.text).not.toContain('REVIEWED-LABEL');
    await owen.post(`/api/studies/${s.studyId}/rounds/${s.roundId}/unblind`);
    expect((await log(owen, '?action=coding.review')).body.entries[0]).toMatchObject({
      hidden: false,
      after: { codeIds: ['REVIEWED-LABEL'] },
    });
  });

  test('a coder and an adjudicator get 403; a non-member 404', async () => {
    expect((await log(await s.as('cora'))).status).toBe(403);
    expect((await log(await s.as('ada'))).status).toBe(403);
    expect((await log(await s.as('nina'))).status).toBe(404);
  });
});
