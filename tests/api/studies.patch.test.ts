import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { codingStudy, type CodingStudy } from '../support/coding-study.ts';

let s: CodingStudy;
beforeEach(async () => {
  s = await codingStudy();
});
afterEach(() => s.t.close());

const patch = (agent: Awaited<ReturnType<CodingStudy['as']>>, body: unknown) =>
  agent.request('PATCH', `/api/studies/${s.studyId}`, body);
const auditRows = () =>
  s.t.db
    .prepare(
      "SELECT user_id AS userId, before_json AS beforeJson, after_json AS afterJson FROM audit_log WHERE action = 'study.update'",
    )
    .all();

describe('changing a study’s settings', () => {
  test('the owner renames the study and turns blind coding off; only changed fields are audited', async () => {
    const owen = await s.as('owen');
    const res = await patch(owen, { name: 'Reuse pains', description: '', blind: false, labelMode: 'multi' });
    expect(res.status).toBe(200);
    expect((await res.json()).study).toMatchObject({
      id: s.studyId,
      name: 'Reuse pains',
      blind: false,
      labelMode: 'multi',
      roles: ['owner'],
    });
    expect(auditRows()).toEqual([
      {
        userId: s.ids.owen,
        beforeJson: JSON.stringify({ name: 'Study', blind: true }),
        afterJson: JSON.stringify({ name: 'Reuse pains', blind: false }),
      },
    ]);
  });

  test('a change to nothing is not audited', async () => {
    const owen = await s.as('owen');
    expect((await patch(owen, { name: 'Study' })).status).toBe(200);
    expect(auditRows()).toEqual([]);
  });

  test('a coder gets 403 and the study is unchanged', async () => {
    const cora = await s.as('cora');
    const res = await patch(cora, { name: 'Mine now' });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('auth.forbidden');
    expect(s.t.db.prepare('SELECT name FROM studies WHERE id = ?').pluck().get(s.studyId)).toBe('Study');
  });

  test('unit kind and label mode change freely until units exist, then 409', async () => {
    const owen = await s.as('owen');
    expect((await patch(owen, { unitKind: 'thread', labelMode: 'single' })).status).toBe(200);
    expect((await patch(owen, { unitKind: 'post', labelMode: 'multi' })).status).toBe(200);
    await owen.post(`/api/studies/${s.studyId}/sampling/draw`, { roundId: s.roundId, size: 2, seed: 'p' });
    const res = await patch(owen, { unitKind: 'thread' });
    expect(res.status).toBe(409);
    expect((await res.json()).error).toMatchObject({
      code: 'study.has_units',
      message: 'This study already has 2 units, so the unit (post or thread) can no longer change.',
      where: { field: 'unitKind' },
    });
    expect((await patch(owen, { labelMode: 'single' })).status).toBe(409);
    expect(s.t.db.prepare('SELECT unit_kind || label_mode FROM studies WHERE id = ?').pluck().get(s.studyId)).toBe(
      'postmulti',
    );
    // The same value is no change, and other settings still change.
    expect((await patch(owen, { unitKind: 'post', description: 'Posts about reuse' })).status).toBe(200);
  });

  test.each([
    [{ name: '' }, 'name'],
    [{ unitKind: 'sentence' }, 'unitKind'],
    [{ blind: 'yes' }, 'blind'],
    [{ owner: 1 }, ''],
  ])('refuses %o with 400', async (body, field) => {
    const owen = await s.as('owen');
    const res = await patch(owen, body);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 'request.invalid_json', where: { field } });
  });
});
