import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { modelInfo } from '../../apps/api/src/suggest/model-store.ts';
import { retrainSettings } from '../../apps/api/src/suggest/retrain.ts';
import { suggestStudy, type SuggestStudy } from './suggest-study.ts';

let s: SuggestStudy;
beforeEach(async () => {
  s = await suggestStudy();
});
afterEach(() => s.t.close());

const url = (path: string) => `/api/studies/${s.studyId}/suggestions${path}`;

describe('the blind rule for suggestions', () => {
  test('a coder gets 403 before their first pass, and suggestions once their coding is saved', async () => {
    const cora = await s.as('cora');
    const before = await cora.get(url(`/units/${s.fresh[0]}`));
    expect(before.status).toBe(403);
    expect((await before.json()).error.code).toBe('suggestions.before_first_pass');

    s.code(s.fresh[0]!, 'cora', ['documentation']);
    const after = await cora.get(url(`/units/${s.fresh[0]}`));
    expect(after.status).toBe(200);
    const body = await after.json();
    expect(body.modelVersion).toBe(1);
    expect(body.suggestions.map((x: { codeId: string }) => x.codeId)).toContain('dataset');
    // The coder's own code is not suggested back, and every suggestion passes the threshold.
    expect(body.suggestions.map((x: { codeId: string }) => x.codeId)).not.toContain('documentation');
    for (const x of body.suggestions) expect(x.score).toBeGreaterThanOrEqual(0.5);
  });

  test('another coder’s saved coding does not open the unit to a coder who has not coded it', async () => {
    s.code(s.fresh[0]!, 'cora', ['dataset']);
    const cody = await (await s.as('cody')).get(url(`/units/${s.fresh[0]}`));
    expect(cody.status).toBe(403);
    expect((await cody.json()).error.code).toBe('suggestions.before_first_pass');
  });

  test('a unit not assigned to the coder is refused; the outsider does not see the study', async () => {
    const cody = await (await s.as('cody')).get(url(`/units/${s.coraOnly}`));
    expect(cody.status).toBe(403);
    expect((await cody.json()).error.code).toBe('auth.forbidden');
    expect((await (await s.as('nina')).get(url(`/units/${s.coraOnly}`))).status).toBe(404);
  });

  test('in a round the owner marks assisted, suggestions come before the first pass', async () => {
    const owen = await s.as('owen');
    expect(
      (await (await s.as('cora')).request('PUT', url(`/rounds/${s.round2}/assisted`), { assisted: true })).status,
    ).toBe(403);
    const marked = await owen.request('PUT', url(`/rounds/${s.round2}/assisted`), { assisted: true });
    expect(marked.status).toBe(200);
    expect((await marked.json()).round.assisted).toBe(true);
    const cody = await (await s.as('cody')).get(url(`/units/${s.fresh[2]}`));
    expect(cody.status).toBe(200);
    expect((await cody.json()).suggestions[0].codeId).toBe('memory-performance');
  });

  test('a round created assisted says so', async () => {
    const owen = await s.as('owen');
    const res = await owen.post(`/api/studies/${s.studyId}/rounds`, { name: 'Assisted', kind: 'main', assisted: true });
    expect(res.status).toBe(201);
    expect((await res.json()).round.assisted).toBe(true);
  });
});

describe('feedback', () => {
  test('accepting and rejecting are recorded with who, unit, code, the server’s score and the model version', async () => {
    s.code(s.fresh[2]!, 'cora', []);
    const cora = await s.as('cora');
    const shown = await (await cora.get(url(`/units/${s.fresh[2]}`))).json();
    const top = shown.suggestions[0];
    expect(top.codeId).toBe('memory-performance');
    const res = await cora.post(url(`/units/${s.fresh[2]}/feedback`), {
      codeId: 'memory-performance',
      decision: 'accepted',
    });
    expect(res.status).toBe(201);
    const { feedback } = await res.json();
    expect(feedback).toMatchObject({
      unitId: s.fresh[2],
      userId: s.ids.cora,
      codeId: 'memory-performance',
      score: top.score,
      decision: 'accepted',
      modelVersion: 1,
    });
    await cora.post(url(`/units/${s.fresh[2]}/feedback`), { codeId: 'dataset', decision: 'rejected' });
    const rows = s.t.db
      .prepare('SELECT unit_id, user_id, code_id, decision, model_version FROM suggestion_feedback ORDER BY id')
      .raw()
      .all();
    expect(rows).toEqual([
      [s.fresh[2], s.ids.cora, 'memory-performance', 'accepted', 1],
      [s.fresh[2], s.ids.cora, 'dataset', 'rejected', 1],
    ]);
    const again = await (await cora.get(url(`/units/${s.fresh[2]}`))).json();
    expect(again.decisions.map((d: { codeId: string; decision: string }) => [d.codeId, d.decision])).toEqual([
      ['memory-performance', 'accepted'],
      ['dataset', 'rejected'],
    ]);
  });

  test('feedback before the first pass, or on a code the model cannot suggest, is refused', async () => {
    const cora = await s.as('cora');
    expect(
      (await cora.post(url(`/units/${s.fresh[1]}/feedback`), { codeId: 'dataset', decision: 'accepted' })).status,
    ).toBe(403);
    s.code(s.fresh[1]!, 'cora', []);
    const rare = await cora.post(url(`/units/${s.fresh[1]}/feedback`), {
      codeId: 'call-for-collaboration',
      decision: 'accepted',
    });
    expect(rare.status).toBe(400);
    expect(await rare.json()).toMatchObject({
      error: { code: 'suggestions.unknown_code', where: { field: 'codeId' } },
    });
    const bad = await cora.post(url(`/units/${s.fresh[1]}/feedback`), { codeId: 'dataset', decision: 'maybe' });
    expect(bad.status).toBe(400);
    expect(s.t.db.prepare('SELECT count(*) FROM suggestion_feedback').pluck().get()).toBe(0);
  });
});

describe('agreement with and without assisted units', () => {
  test('a unit where a suggestion was accepted, and every unit of an assisted round, can be left out', async () => {
    s.code(s.fresh[0]!, 'cora', ['dataset']);
    s.code(s.fresh[0]!, 'cody', ['dataset']);
    s.code(s.fresh[2]!, 'cora', ['memory-performance']);
    s.code(s.fresh[2]!, 'cody', ['memory-performance']);
    const owen = await s.as('owen');
    const units = async (assisted: string) =>
      (await (await owen.get(`/api/studies/${s.studyId}/agreement?assisted=${assisted}`)).json()).overall.units;
    const labelled = s.posts.length;
    expect(await units('include')).toBe(labelled + 2);
    await (await s.as('cora')).post(url(`/units/${s.fresh[0]}/feedback`), { codeId: 'dataset', decision: 'accepted' });
    await (await s.as('cora')).post(url(`/units/${s.fresh[2]}/feedback`), { codeId: 'dataset', decision: 'rejected' });
    expect(await units('include')).toBe(labelled + 2);
    expect(await units('exclude')).toBe(labelled + 1);
    await owen.request('PUT', url(`/rounds/${s.round2}/assisted`), { assisted: true });
    expect(await units('exclude')).toBe(labelled);
    expect((await owen.get(`/api/studies/${s.studyId}/agreement?assisted=maybe`)).status).toBe(400);
  });
});

describe('active learning order', () => {
  test('a coder’s uncoded units, most uncertain first; by position without the model', async () => {
    s.code(s.fresh[1]!, 'cora', ['dataset']);
    const cora = await s.as('cora');
    const q = await (await cora.get(url(`/rounds/${s.round2}/queue?order=uncertainty`))).json();
    expect(q.modelVersion).toBe(1);
    expect(q.units.map((u: { unitId: number }) => u.unitId).sort()).toEqual(
      [s.fresh[0], s.fresh[2], s.fresh[3], s.coraOnly].sort(),
    );
    const values = q.units.map((u: { uncertainty: number }) => u.uncertainty);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    for (const v of values) expect(v).toBeGreaterThanOrEqual(0);
    const plain = await (await cora.get(url(`/rounds/${s.round2}/queue?order=position`))).json();
    expect(plain.units).toEqual(
      [s.fresh[0], s.fresh[2], s.fresh[3], s.coraOnly].map((unitId) =>
        expect.objectContaining({ unitId, uncertainty: null }),
      ),
    );
  });
});

describe('evaluation and retraining', () => {
  test('the owner sees the cross-validated evaluation; a coder of the blind study does not', async () => {
    expect((await (await s.as('cora')).get(url('/evaluation'))).status).toBe(403);
    const body = await (await (await s.as('owen')).get(url('/evaluation'))).json();
    expect(body).toMatchObject({ version: 1, labelCount: 120, threshold: 0.5 });
    expect(body.evaluation.folds).toBe(5);
    expect(body.evaluation.examples).toBe(120);
    // The folds say how they keep units together: here each post has a thread of its own and a text of its own.
    expect(body.evaluation.grouping).toBe('thread-and-duplicate-text');
    expect(body.evaluation.groups).toBe(120);
    const counts = (code: string) => s.posts.filter((p) => p.codeIds.includes(code)).length;
    for (const c of body.evaluation.perCode) expect(c.positives).toBe(counts(c.codeId));
    // The codebook's codable codes in its order, less the two with too few examples.
    expect(body.evaluation.perCode.map((c: { codeId: string }) => c.codeId)).toEqual([
      'model-usage',
      'training-pipeline',
      'memory-performance',
      'other-platforms',
      'documentation',
      'dataset',
      'acknowledgement',
    ]);
    const rare = body.evaluation.unsuggestable.find((u: { codeId: string }) => u.codeId === 'call-for-collaboration');
    expect(rare).toEqual({
      codeId: 'call-for-collaboration',
      positives: 3,
      reason: '3 of the 120 labelled units have this code; at least 5 are needed.',
    });
    expect(body.evaluation.macro.f1).toBeGreaterThan(0.8);
  });

  test('settling an adjudication retrains the model in the background', async () => {
    retrainSettings.debounceMs = 20;
    try {
      // cora and cody disagree on a fresh unit; closing round 2 sends it to adjudication.
      s.code(s.fresh[0]!, 'cora', ['dataset']);
      s.code(s.fresh[0]!, 'cody', ['documentation']);
      const owen = await s.as('owen');
      expect((await owen.post(`/api/studies/${s.studyId}/rounds/${s.round2}/close`)).status).toBe(200);
      const settle = await owen.post(`/api/studies/${s.studyId}/adjudication/units/${s.fresh[0]}/settle`, {
        codeIds: ['dataset'],
        rationale: 'About loading data.',
      });
      expect(settle.status).toBe(200);
      const model = await (await owen.get(url('/model'))).json();
      expect(model.training).toBe(true);
      for (let i = 0; i < 200 && modelInfo(s.t.db, s.studyId)?.labelCount !== 121; i++)
        await new Promise((r) => setTimeout(r, 50));
      // Round 2's unanimous units and the settled one: 120 + 1 settled (the others were not coded by both).
      expect(modelInfo(s.t.db, s.studyId)).toMatchObject({ labelCount: 121 });
      expect(modelInfo(s.t.db, s.studyId)!.version).toBeGreaterThan(1);
    } finally {
      retrainSettings.debounceMs = 2_000;
    }
  });
});
