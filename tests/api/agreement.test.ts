import { statisticKeys } from '@threadcoder/stats';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Agent } from '../support/agent.ts';
import { codingStudy, type CodingStudy } from '../support/coding-study.ts';

// cora and cody code two rounds of a blind, multi-label study (M = model-usage,
// D = documentation, T = training-pipeline):
//
//   Calibration (closed)        Main (open)
//   unit  cora   cody           unit  cora  cody
//   c1    M      M              m1    M     M
//   c2    M      M              m2    D     D
//   c3    D      D              m3    T     T
//   c4    D      M              m4    M     D
//   c5    T      T              m5    M     —    (one coder only: left out)
//   c6    D,M    D
//
// Cohen's kappa treats each label set as one category.
// Calibration: p_o = 4/6. Shares cora {M} 2, {D} 2, {T} 1, {D,M} 1; cody {M} 3, {D} 2, {T} 1.
//   p_e = (2·3 + 2·2 + 1·1 + 1·0)/36 = 11/36, kappa = (24/36 − 11/36)/(25/36) = 13/25.
// Main: p_o = 3/4; cora {M} 2, {D} 1, {T} 1; cody {M} 1, {D} 2, {T} 1.
//   p_e = (2 + 2 + 1)/16 = 5/16, kappa = (12/16 − 5/16)/(11/16) = 7/11.
// Both rounds (10 units): p_o = 7/10; cora {M} 4, {D} 3, {T} 2, {D,M} 1; cody {M} 4, {D} 4, {T} 2.
//   p_e = (16 + 12 + 4)/100 = 32/100, kappa = (70 − 32)/68 = 19/34.
// Per code in Calibration, D present/absent: cora 1 on c3, c4, c6; cody 1 on c3, c6. p_o = 5/6,
//   p_e = (3/6)(2/6) + (3/6)(4/6) = 1/2, kappa = (5/6 − 1/2)/(1/2) = 2/3; prevalence 5/12.
//   Binary alpha: n = 12 values (5 present, 7 absent), one disagreeing unit gives o_01 = o_10 = 1:
//   alpha = 1 − (n − 1)·2/(2·5·7) = 1 − 22/70 = 24/35.
// MASI alpha in Calibration: δ({D},{M}) = 1, δ({D,M},{D}) = 1 − (1/2)(2/3) = 2/3. Observed
//   Σ o·δ = 2·1 + 2·(2/3) = 10/3. Value counts over 12: {M} 5, {D} 4, {T} 2, {D,M} 1; expected
//   Σ n_c n_k δ = 2·(20 + 10 + 5·(2/3) + 8 + 4·(2/3) + 2) = 92. alpha = 1 − 11·(10/3)/92 = 83/138.

const M = 'model-usage';
const D = 'documentation';
const T = 'training-pipeline';

let s: CodingStudy;
let calibration: number[];
let main: number[];
let mainId: number;
let owen: Agent;
const base = () => `/api/studies/${s.studyId}/agreement`;
const disagreementsOf = async (agent: Agent, query = '') => (await agent.get(`${base()}/disagreements${query}`)).json();

async function code(rows: [number, string[], string[] | null][]) {
  const cora = await s.as('cora');
  const cody = await s.as('cody');
  for (const [unit, a, b] of rows) {
    expect((await cora.request('PUT', `/api/studies/${s.studyId}/units/${unit}/coding`, { codeIds: a })).status).toBe(
      200,
    );
    if (b)
      expect((await cody.request('PUT', `/api/studies/${s.studyId}/units/${unit}/coding`, { codeIds: b })).status).toBe(
        200,
      );
  }
}

const unitsOf = (roundId: number) =>
  s.t.db.prepare('SELECT id FROM units WHERE round_id = ? ORDER BY position').pluck().all(roundId) as number[];

beforeEach(async () => {
  s = await codingStudy();
  s.t.db.prepare("UPDATE rounds SET name = 'Calibration', kind = 'calibration' WHERE id = ?").run(s.roundId);
  owen = await s.as('owen');
  await owen.post(`/api/studies/${s.studyId}/sampling/draw`, {
    roundId: s.roundId,
    size: 6,
    seed: 'agree',
    overlap: 1,
  });
  calibration = unitsOf(s.roundId);
  await code([
    [calibration[0]!, [M], [M]],
    [calibration[1]!, [M], [M]],
    [calibration[2]!, [D], [D]],
    [calibration[3]!, [D], [M]],
    [calibration[4]!, [T], [T]],
    [calibration[5]!, [D, M], [D]],
  ]);
  expect((await owen.post(`/api/studies/${s.studyId}/rounds/${s.roundId}/close`)).status).toBe(200);
  mainId = (await (await owen.post(`/api/studies/${s.studyId}/rounds`, { name: 'Main', kind: 'main' })).json()).round
    .id;
  await owen.post(`/api/studies/${s.studyId}/sampling/draw`, {
    roundId: mainId,
    size: 5,
    seed: 'agree-main',
    overlap: 1,
  });
  main = unitsOf(mainId);
  await code([
    [main[0]!, [M], [M]],
    [main[1]!, [D], [D]],
    [main[2]!, [T], [T]],
    [main[3]!, [M], [D]],
    [main[4]!, [M], null],
  ]);
});
afterEach(() => s.t.close());

type Stat = { key: string; value: number | null; reason: string | null; ci95?: [number, number] | null };
const statOf = (stats: Stat[], key: string) => stats.find((x) => x.key === key)!;

describe('the statistics', () => {
  test('overall, per code and per pair over both rounds, leaving out units only one coder coded', async () => {
    const res = await owen.get(base());
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.overall.units).toBe(10);
    expect(body.overall.coders).toEqual(['cody', 'cora']);
    expect(body.overall.headline).toEqual({ kappa: 'cohen_kappa', alpha: 'krippendorff_alpha_masi' });
    expect(statOf(body.overall.statistics, 'cohen_kappa').value).toBeCloseTo(19 / 34, 12);
    expect(statOf(body.overall.statistics, 'percent_agreement').value).toBe(0.7);
    // Every statistic of the registry, in its order (pinned literally in tests/stats/report.test.ts).
    expect(body.overall.statistics.map((x: Stat) => x.key)).toEqual(statisticKeys(true));
    expect(body.pairs).toEqual([
      {
        coderA: 'cody',
        coderB: 'cora',
        units: 10,
        percentAgreement: { value: 0.7, reason: null },
        kappa: { value: expect.closeTo(19 / 34, 12), reason: null },
      },
    ]);
    expect(body.perCode.map((c: { codeId: string }) => c.codeId)).toEqual([D, M, T]);
    expect(body.coders.map((c: { username: string }) => c.username)).toEqual(['cody', 'cora']);
  });

  test('a pair of coders who share no unit is listed with its units at 0 and both statistics not defined', async () => {
    // nina joins and codes two units of a third round with cora only: cora M, M; nina M, D.
    // cora–nina: p_o = 1/2; cora {M} 2, nina {M} 1, {D} 1: p_e = (2/2)(1/2) = 1/2, kappa = 0.
    expect((await owen.post(`/api/studies/${s.studyId}/members`, { userId: s.ids.nina, role: 'coder' })).status).toBe(
      201,
    );
    const thirdId = (
      await (await owen.post(`/api/studies/${s.studyId}/rounds`, { name: 'Third', kind: 'main' })).json()
    ).round.id;
    const drawn = await owen.post(`/api/studies/${s.studyId}/sampling/draw`, {
      roundId: thirdId,
      size: 2,
      seed: 'agree-third',
      overlap: 1,
      coderIds: [s.ids.cora, s.ids.nina],
    });
    expect(drawn.status).toBe(201);
    const [t1, t2] = unitsOf(thirdId);
    const cora = await s.as('cora');
    const nina = await s.as('nina');
    for (const [unit, a, b] of [
      [t1!, [M], [M]],
      [t2!, [M], [D]],
    ] as const) {
      expect((await cora.request('PUT', `/api/studies/${s.studyId}/units/${unit}/coding`, { codeIds: a })).status).toBe(
        200,
      );
      expect((await nina.request('PUT', `/api/studies/${s.studyId}/units/${unit}/coding`, { codeIds: b })).status).toBe(
        200,
      );
    }
    const body = await (await owen.get(base())).json();
    expect(body.pairs).toEqual([
      {
        coderA: 'cody',
        coderB: 'cora',
        units: 10,
        percentAgreement: { value: 0.7, reason: null },
        kappa: { value: expect.closeTo(19 / 34, 12), reason: null },
      },
      {
        coderA: 'cody',
        coderB: 'nina',
        units: 0,
        percentAgreement: {
          value: null,
          reason: 'no unit has two or more codings, so there is no pair of codings to compare',
        },
        kappa: { value: null, reason: 'coders "cody" and "nina" coded no unit in common' },
      },
      {
        coderA: 'cora',
        coderB: 'nina',
        units: 2,
        percentAgreement: { value: 0.5, reason: null },
        kappa: { value: 0, reason: null },
      },
    ]);
    // The headline mean pairwise kappa leaves the unshared pair out: (19/34 + 0) / 2.
    expect(body.overall.headline.kappa).toBe('mean_pairwise_cohen_kappa');
    expect(statOf(body.overall.statistics, 'mean_pairwise_cohen_kappa').value).toBeCloseTo(19 / 68, 12);
    // The third round is open and blind: the default matrix is the first pair sharing a disclosed unit.
    expect(body.confusion).toMatchObject({ coderA: 'cody', coderB: 'cora', units: 6 });
    const csv = (await (await owen.get(`${base()}/export?format=csv`)).text()).split('\r\n');
    expect(csv).toContain('pair,,,,cody,nina,cohen_kappa,,,,0,"coders ""cody"" and ""nina"" coded no unit in common"');
  });

  test('one round: kappa, per-code kappa/alpha/prevalence and MASI alpha worked by hand', async () => {
    const body = await (await owen.get(`${base()}?roundId=${s.roundId}`)).json();
    expect(body.roundId).toBe(s.roundId);
    expect(body.overall.units).toBe(6);
    expect(statOf(body.overall.statistics, 'cohen_kappa').value).toBeCloseTo(13 / 25, 12);
    expect(statOf(body.overall.statistics, 'percent_agreement').value).toBeCloseTo(4 / 6, 12);
    expect(statOf(body.overall.statistics, 'krippendorff_alpha_masi').value).toBeCloseTo(83 / 138, 12);
    const docs = body.perCode.find((c: { codeId: string }) => c.codeId === D);
    expect(docs.prevalence).toBeCloseTo(5 / 12, 12);
    expect(docs.kappa.value).toBeCloseTo(2 / 3, 12);
    expect(docs.alpha.value).toBeCloseTo(24 / 35, 12);
    const training = body.perCode.find((c: { codeId: string }) => c.codeId === T);
    expect(training).toMatchObject({ prevalence: 1 / 6, kappa: { value: 1, reason: null } });
  });

  test('per round: the headline statistics of every round, in round order, whatever the scope', async () => {
    await owen.post(`/api/studies/${s.studyId}/rounds`, { name: 'Empty', kind: 'main' });
    const body = await (await owen.get(`${base()}?roundId=${mainId}`)).json();
    const rounds = body.rounds.map((r: { name: string; status: string; units: number; statistics: Stat[] }) => ({
      name: r.name,
      status: r.status,
      units: r.units,
      kappa: statOf(r.statistics, 'cohen_kappa').value,
    }));
    expect(rounds).toEqual([
      { name: 'Calibration', status: 'closed', units: 6, kappa: expect.closeTo(13 / 25, 12) },
      { name: 'Main', status: 'open', units: 4, kappa: expect.closeTo(7 / 11, 12) },
      { name: 'Empty', status: 'open', units: 0, kappa: null },
    ]);
    const empty = body.rounds[2];
    expect(statOf(empty.statistics, 'krippendorff_alpha_masi')).toEqual({
      key: 'krippendorff_alpha_masi',
      value: null,
      reason: 'no unit has two or more codings, so there are no pairable values',
    });
    expect(statOf(empty.statistics, 'cohen_kappa').reason).toMatch(/two coders/);
  });

  test('a single-label study gives categories, nominal alpha and a full confusion matrix', async () => {
    s.t.db.prepare("UPDATE studies SET label_mode = 'single'").run();
    // c6 becomes cora M / cody D: Calibration p_o = 4/6; cora M 3, D 2, T 1; cody M 3, D 2, T 1;
    // p_e = (9 + 4 + 1)/36 = 14/36, kappa = (24 − 14)/(36 − 14) = 5/11.
    // Reopened by hand, its units not handed over (a handed-over unit's codings no longer change).
    s.t.db.prepare("UPDATE rounds SET status = 'open' WHERE id = ?").run(s.roundId);
    s.t.db.prepare('UPDATE units SET handed_over_at = NULL WHERE round_id = ?').run(s.roundId);
    await code([[calibration[5]!, [M], [D]]]);
    s.t.db.prepare("UPDATE rounds SET status = 'closed' WHERE id = ?").run(s.roundId);
    const body = await (await owen.get(`${base()}?roundId=${s.roundId}`)).json();
    expect(body.overall.headline).toEqual({ kappa: 'cohen_kappa', alpha: 'krippendorff_alpha_nominal' });
    expect(statOf(body.overall.statistics, 'cohen_kappa').value).toBeCloseTo(5 / 11, 12);
    // Rows cody, columns cora: cody D on c3 (cora D), c6 (cora M); cody M on c1, c2 (M), c4 (cora D); T on c5.
    expect(body.confusion).toEqual({
      coderA: 'cody',
      coderB: 'cora',
      units: 6,
      onlyA: 0,
      onlyB: 0,
      layout: 'categories',
      categories: [D, M, T],
      counts: [
        [1, 1, 0],
        [1, 2, 0],
        [0, 0, 1],
      ],
    });
  });

  test('bootstrap intervals: the seed is echoed and the same seed gives the same intervals', async () => {
    const url = `${base()}?roundId=${s.roundId}&bootstrap=200&seed=7`;
    const body = await (await owen.get(url)).json();
    expect(body.bootstrap).toEqual({ resamples: 200, seed: 7 });
    const kappa = statOf(body.overall.statistics, 'cohen_kappa');
    expect(kappa.ci95![0]).toBeLessThanOrEqual(kappa.value!);
    expect(kappa.ci95![1]).toBeGreaterThanOrEqual(kappa.value!);
    expect((await (await owen.get(url)).json()).overall).toEqual(body.overall);
    expect((await (await owen.get(base())).json()).bootstrap).toBeNull();
  });

  test.each([
    ['?roundId=99999', 404, 'not_found', undefined],
    ['?bootstrap=1', 400, 'request.invalid_query', 'bootstrap'],
    ['?seed=abc', 400, 'request.invalid_query', 'seed'],
    ['?pair=1', 400, 'request.invalid_query', 'pair'],
  ])('refuses %s', async (query, status, code, field) => {
    const res = await owen.get(`${base()}${query}`);
    expect(res.status).toBe(status);
    const { error } = await res.json();
    expect(error.code).toBe(code);
    if (field) expect(error.where.field).toBe(field);
  });

  test('a pair must be two coders of the data', async () => {
    const same = await owen.get(`${base()}?pair=${s.ids.cora},${s.ids.cora}`);
    expect((await same.json()).error).toMatchObject({ code: 'agreement.same_coder', where: { field: 'pair' } });
    const outsider = await owen.get(`${base()}?pair=${s.ids.cora},${s.ids.nina}`);
    expect(outsider.status).toBe(400);
    expect((await outsider.json()).error.code).toBe('agreement.unknown_coder');
  });
});

describe('access and the blind rule', () => {
  test('owners and adjudicators see the statistics; a coder gets 403 while the study is blind; outsiders 404', async () => {
    expect((await owen.get(base())).status).toBe(200);
    expect((await (await s.as('ada')).get(base())).status).toBe(200);
    const cody = await s.as('cody');
    const refused = await cody.get(base());
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe('auth.forbidden');
    expect((await cody.get(`${base()}/export?format=csv`)).status).toBe(403);
    expect((await (await s.as('nina')).get(base())).status).toBe(404);
  });

  test('once the study is not blind, a coder sees what the owner sees', async () => {
    s.t.db.prepare('UPDATE studies SET blind = 0').run();
    const cody = await s.as('cody');
    const asCoder = await (await cody.get(base())).json();
    expect(asCoder).toEqual(await (await owen.get(base())).json());
    expect(asCoder.hidden.units).toBe(0);
    expect(asCoder.disagreementCount).toBe(3);
    expect((await disagreementsOf(cody)).disagreements.map((d: { unitId: number }) => d.unitId)).toEqual([
      calibration[3],
      calibration[5],
      main[3],
    ]);
  });

  test('the confusion matrix and disagreeing units are hidden for the open blind round and shown after it closes', async () => {
    const open = await (await owen.get(`${base()}?roundId=${mainId}`)).json();
    expect(open.confusion).toBeNull();
    expect(open.disagreementCount).toBe(0);
    expect((await disagreementsOf(owen, `?roundId=${mainId}`)).disagreements).toEqual([]);
    expect(open.hidden).toEqual({ units: 4, rounds: [{ id: mainId, name: 'Main' }] });
    expect(statOf(open.overall.statistics, 'cohen_kappa').value).toBeCloseTo(7 / 11, 12);
    // The pair selector cannot get round the rule either.
    expect(
      (await (await owen.get(`${base()}?roundId=${mainId}&pair=${s.ids.cora},${s.ids.cody}`)).json()).confusion,
    ).toBeNull();

    // Over the whole study only the closed round's units are shown.
    const all = await (await owen.get(base())).json();
    expect(all.hidden).toEqual({ units: 4, rounds: [{ id: mainId, name: 'Main' }] });
    expect(all.confusion.units).toBe(6);
    expect(all.disagreementCount).toBe(2);
    expect((await disagreementsOf(owen)).disagreements.map((d: { unitId: number }) => d.unitId)).toEqual([
      calibration[3],
      calibration[5],
    ]);

    await owen.post(`/api/studies/${s.studyId}/rounds/${mainId}/close`);
    const closed = await (await owen.get(`${base()}?roundId=${mainId}`)).json();
    expect(closed.hidden).toEqual({ units: 0, rounds: [] });
    expect(closed.confusion).toMatchObject({
      coderA: 'cody',
      coderB: 'cora',
      units: 4,
      onlyA: 0,
      onlyB: 0,
      layout: 'presence',
    });
    expect(closed.disagreementCount).toBe(1);
    expect((await disagreementsOf(owen, `?roundId=${mainId}`)).disagreements).toEqual([
      {
        unitId: main[3],
        roundId: mainId,
        roundName: 'Main',
        threadTitle: expect.stringMatching(/^Thread /),
        postNumber: expect.any(Number),
        codeIds: [D, M],
      },
    ]);
  });

  test('unblinding an open round shows its detail too', async () => {
    await owen.post(`/api/studies/${s.studyId}/rounds/${mainId}/unblind`);
    const body = await (await owen.get(`${base()}?roundId=${mainId}`)).json();
    expect(body.hidden.units).toBe(0);
    expect(body.confusion.units).toBe(4);
  });

  test('the closed round: per-code 2×2 matrices (rows cody, columns cora; absent, present) and the codes that differ', async () => {
    const body = await (await owen.get(`${base()}?roundId=${s.roundId}&pair=${s.ids.cody},${s.ids.cora}`)).json();
    expect(body.confusion.codes).toEqual([
      // D: c1 c2 c5 neither; c4 cora only; c3 c6 both.
      {
        codeId: D,
        counts: [
          [3, 1],
          [0, 2],
        ],
      },
      // M: c3 c5 neither; c4 cody only; c6 cora only; c1 c2 both.
      {
        codeId: M,
        counts: [
          [2, 1],
          [1, 2],
        ],
      },
      {
        codeId: T,
        counts: [
          [5, 0],
          [0, 1],
        ],
      },
    ]);
    // The other orientation transposes every matrix.
    const flipped = await (await owen.get(`${base()}?roundId=${s.roundId}&pair=${s.ids.cora},${s.ids.cody}`)).json();
    expect(flipped.confusion.coderA).toBe('cora');
    expect(flipped.confusion.codes[0]).toEqual({
      codeId: D,
      counts: [
        [3, 0],
        [1, 2],
      ],
    });
    const listed = await disagreementsOf(owen, `?roundId=${s.roundId}`);
    expect(listed.disagreements.map((d: { unitId: number; codeIds: string[] }) => [d.unitId, d.codeIds])).toEqual([
      [calibration[3], [D, M]],
      [calibration[5], [M]],
    ]);
  });

  test('disagreements come a page at a time, by unit, after the cursor; coders of a blind study get 403', async () => {
    const first = await disagreementsOf(owen, `?roundId=${s.roundId}&limit=1`);
    expect(first).toMatchObject({ total: 2, nextCursor: String(calibration[3]) });
    expect(first.disagreements.map((d: { unitId: number }) => d.unitId)).toEqual([calibration[3]]);
    const second = await disagreementsOf(owen, `?roundId=${s.roundId}&limit=1&cursor=${first.nextCursor}`);
    expect(second).toMatchObject({ total: 2, nextCursor: null });
    expect(second.disagreements.map((d: { unitId: number }) => d.unitId)).toEqual([calibration[5]]);
    expect((await (await s.as('cody')).get(`${base()}/disagreements`)).status).toBe(403);
    const bad = await owen.get(`${base()}/disagreements?cursor=x`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.where.field).toBe('cursor');
  });
});

describe('export', () => {
  test('CSV: one row per statistic × scope, with the exact header and values', async () => {
    await owen.post(`/api/studies/${s.studyId}/rounds`, { name: 'Empty', kind: 'main' });
    const res = await owen.get(`${base()}/export?format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="agreement-study-${s.studyId}.csv"`);
    const lines = (await res.text()).split('\r\n');
    expect(lines[0]).toBe('scope,round_id,round,code,coder_a,coder_b,statistic,value,ci95_low,ci95_high,units,note');
    expect(lines[1]).toBe('overall,,,,,,percent_agreement,0.7,,,10,');
    expect(lines).toContain(`round,${s.roundId},Calibration,,,,percent_agreement,${4 / 6},,,6,`);
    const emptyId = s.t.db.prepare("SELECT id FROM rounds WHERE name = 'Empty'").pluck().get() as number;
    expect(lines).toContain(
      `round,${emptyId},Empty,,,,percent_agreement,,,,0,"no unit has two or more codings, so there is no pair of codings to compare"`,
    );
    expect(lines).toContain('code,,,training-pipeline,,,prevalence,0.2,,,10,');
    expect(lines).toContain('pair,,,,cody,cora,percent_agreement,0.7,,,10,');
    // 8 overall + 3 rounds × 8 + 3 codes × 3 + 1 pair × 2, the header, and the final newline.
    expect(lines).toHaveLength(1 + 8 + 24 + 9 + 2 + 1);
    expect(lines.at(-1)).toBe('');
  });

  test('CSV with a bootstrap and one round fills the interval columns; JSON is the report itself', async () => {
    const csv = await (await owen.get(`${base()}/export?format=csv&roundId=${s.roundId}&bootstrap=100&seed=3`)).text();
    const kappa = csv.split('\r\n').find((l) => l.startsWith(`overall,${s.roundId},Calibration,,,,cohen_kappa,`))!;
    const [low, high] = kappa.split(',').slice(8, 10).map(Number);
    expect(low).toBeLessThanOrEqual(13 / 25);
    expect(high).toBeGreaterThanOrEqual(13 / 25);
    const json = await owen.get(`${base()}/export?format=json&roundId=${s.roundId}`);
    expect(json.headers.get('content-disposition')).toBe(
      `attachment; filename="agreement-study-${s.studyId}-round-${s.roundId}.json"`,
    );
    // The file is the report with its disagreements listed in full (the page gets their number).
    const { disagreementCount, ...report } = await (await owen.get(`${base()}?roundId=${s.roundId}`)).json();
    const listed = await disagreementsOf(owen, `?roundId=${s.roundId}`);
    expect(listed.disagreements).toHaveLength(disagreementCount);
    expect(await json.json()).toEqual({ ...report, disagreements: listed.disagreements });
  });
});
