import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { analysisStudy, type AnalysisStudy } from '../support/analysis-study.ts';

// One study for the whole file: every test here only reads (the last describe block changes
// labels and checks the numbers follow, so it runs last).
let s: AnalysisStudy;
beforeAll(async () => {
  s = await analysisStudy();
});
afterAll(() => s.t.close());

const url = (path: string, query: Record<string, string | number> = {}) => {
  const q = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
  return `/api/studies/${s.studyId}/analysis/${path}${q ? `?${q}` : ''}`;
};
const getJson = async (
  path: string,
  query: Record<string, string | number> = {},
  as: keyof AnalysisStudy['agents'] = 'owen',
) => {
  const res = await s.agents[as].get(url(path, query));
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
};
type Row = {
  id: string;
  units: number;
  directUnits: number;
  share: number;
  threads: number;
  counts: number[];
  depth: number;
};
const rowsById = (body: { rows: Row[] }) => Object.fromEntries(body.rows.map((r) => [r.id, r]));
const units = (body: { rows: Row[] }) => Object.fromEntries(body.rows.map((r) => [r.id, r.units]));

describe('counts per code, rolled up the codebook tree', () => {
  test('units with the final label, share of coded units, distinct threads, per quarter', async () => {
    const body = await getJson('counts');
    expect(body.codedUnits).toBe(7);
    expect(body.codedThreads).toBe(6);
    expect(body.periods.map((p: { key: string }) => p.key)).toEqual(['2022-Q1', '2022-Q2', '2022-Q3']);
    expect(body.rows.map((r: Row) => [r.id, r.depth])).toEqual([
      ['challenge', 0],
      ['technical', 1],
      ['memory', 2],
      ['training', 2],
      ['docs', 1],
      ['benefit', 0],
      ['thanks', 1],
    ]);
    const r = rowsById(body);
    expect(r.memory).toMatchObject({ units: 3, directUnits: 3, share: 3 / 7, threads: 3, counts: [1, 1, 1] });
    expect(r.training).toMatchObject({ units: 2, share: 2 / 7, threads: 2, counts: [2, 0, 0] });
    // U1 has memory and training: the category counts it once.
    expect(r.technical).toMatchObject({ units: 4, directUnits: 0, share: 4 / 7, threads: 4, counts: [2, 1, 1] });
    expect(r.docs).toMatchObject({ units: 2, threads: 2, counts: [1, 1, 0] });
    expect(r.challenge).toMatchObject({ units: 6, share: 6 / 7, threads: 6, counts: [3, 2, 1] });
    expect(r.benefit).toMatchObject({ units: 2, threads: 2, counts: [1, 1, 0] });
    expect(r.thanks).toMatchObject({ units: 2, share: 2 / 7 });
  });

  test.each([
    [{ roundId: 'main' }, 1, { memory: 1, training: 0, technical: 1, docs: 0, thanks: 0, challenge: 1, benefit: 0 }],
    [
      { category: 'Beginners' },
      2,
      { memory: 1, training: 0, technical: 1, docs: 1, thanks: 1, challenge: 2, benefit: 1 },
    ],
    [{ tag: 'gpt2' }, 2, { memory: 0, training: 1, technical: 1, docs: 1, thanks: 1, challenge: 2, benefit: 1 }],
    // 31 March 23:30 is still in the range that ends on 31 March; 1 April 00:10 is not.
    [
      { from: '2022-01-01', to: '2022-03-31' },
      3,
      { memory: 1, training: 2, technical: 2, docs: 1, thanks: 1, challenge: 3, benefit: 1 },
    ],
    [
      { from: '2022-04-01', to: '2022-05-31' },
      2,
      { memory: 1, training: 0, technical: 1, docs: 1, thanks: 1, challenge: 2, benefit: 1 },
    ],
  ])('filtered by %o: %i coded units', async (filter, coded, expected) => {
    const query = 'roundId' in filter ? { roundId: s.rounds[1] } : filter;
    const body = await getJson('counts', query as Record<string, string>);
    expect(body.codedUnits).toBe(coded);
    expect(units(body)).toEqual(expected);
  });

  test('the round filter reads the summary and a date filter the facts: both agree', async () => {
    const bySummary = await getJson('trend', { roundId: s.rounds[0], granularity: 'month' });
    const byFacts = await getJson('trend', {
      roundId: s.rounds[0],
      granularity: 'month',
      from: '2000-01-01',
      to: '2022-08-31',
    });
    expect(byFacts.codedUnits.slice(-bySummary.codedUnits.length)).toEqual(bySummary.codedUnits);
    expect(byFacts.nodes.map((n: { total: number }) => n.total)).toEqual(
      bySummary.nodes.map((n: { total: number }) => n.total),
    );
  });
});

describe('per-coder counts follow the blind rule', () => {
  const coderUnits = (body: {
    coders: { name: string; codedUnits: number; codes: Record<string, { units: number }> }[];
  }) =>
    Object.fromEntries(
      body.coders.map((c) => [
        c.name,
        {
          coded: c.codedUnits,
          memory: c.codes.memory?.units ?? 0,
          thanks: c.codes.thanks?.units ?? 0,
          challenge: c.codes.challenge?.units ?? 0,
        },
      ]),
    );

  test('in a blind study the owner sees only codings of units in adjudication', async () => {
    expect(coderUnits(await getJson('counts'))).toEqual({
      cody: { coded: 1, memory: 0, thanks: 1, challenge: 1 },
      cora: { coded: 1, memory: 0, thanks: 0, challenge: 1 },
    });
  });

  test('a coder gets no counts at all while the study is blind', async () => {
    for (const path of ['counts', 'trend', 'cooccurrence', 'terms', 'mentions']) {
      const res = await s.agents.cora.get(`/api/studies/${s.studyId}/analysis/${path}`);
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe('auth.forbidden');
    }
    expect((await s.agents.cora.get(`/api/studies/${s.studyId}/analysis/options`)).status).toBe(200);
  });

  test('once the rounds are unblinded, the owner sees every coder’s counts', async () => {
    for (const roundId of s.rounds) await s.agents.owen.post(`/api/studies/${s.studyId}/rounds/${roundId}/unblind`);
    const body = await getJson('counts');
    expect(coderUnits(body)).toEqual({
      cody: { coded: 7, memory: 3, thanks: 2, challenge: 6 },
      cora: { coded: 8, memory: 4, thanks: 1, challenge: 7 },
    });
    const cora = body.coders.find((c: { name: string }) => c.name === 'cora');
    // U1 and U7 are both in thread T1.
    expect(cora.codes.memory).toEqual({ units: 4, share: 4 / 8, threads: 3 });
    expect(cora.codes.technical.units).toBe(5);
  });
});

describe('shift over time and its tests', () => {
  test('counts and shares per quarter, with zeros for empty periods', async () => {
    const body = await getJson('trend', { granularity: 'quarter', from: '2021-11-01' });
    expect(body.periods.map((p: { key: string }) => p.key)).toEqual(['2021-Q4', '2022-Q1', '2022-Q2', '2022-Q3']);
    expect(body.codedUnits).toEqual([0, 3, 2, 2]);
    const memory = body.nodes.find((n: { id: string }) => n.id === 'memory');
    expect(memory.counts).toEqual([0, 1, 1, 1]);
    expect(memory.shares).toEqual([0, 1 / 3, 1 / 2, 1 / 2]);
  });

  test('per month: 31 March and 1 April fall in different months; months without units are zeros', async () => {
    const body = await getJson('trend', { granularity: 'month' });
    expect(body.periods.map((p: { key: string }) => p.key)).toEqual([
      '2022-01',
      '2022-02',
      '2022-03',
      '2022-04',
      '2022-05',
      '2022-06',
      '2022-07',
      '2022-08',
    ]);
    expect(body.codedUnits).toEqual([1, 1, 1, 1, 1, 0, 0, 2]);
  });

  test('chi-square of code × quarter and per-code trend tests with Holm-adjusted p', async () => {
    const { tests } = await getJson('trend', { granularity: 'quarter' });
    // Rows memory [1,1,1], training [2,0,0], docs [1,1,0], thanks [1,1,0]: X² = 1.6 + 1.6 + 0.4 + 0.4 = 4 exactly.
    expect(tests.chiSquare.value).toMatchObject({
      df: 6,
      n: 9,
      codeIds: ['memory', 'training', 'docs', 'thanks'],
      expectedBelow5: 12,
      cells: 12,
    });
    expect(tests.chiSquare.value.statistic).toBeCloseTo(4, 10);
    expect(tests.chiSquare.value.cramersV).toBeCloseTo(Math.sqrt(2) / 3, 10);
    expect(tests.chiSquare.value.p).toBeCloseTo(0.6767, 4);
    expect(tests.chiSquare.value.warning).toMatch(/^12 of 12 expected counts are below 5 \(7 below 1\)/);
    const training = tests.trends.find((t: { codeId: string }) => t.codeId === 'training');
    // shares 2/3, 0, 0: S = -2.
    expect(training.mannKendall.value).toMatchObject({ n: 3, s: -2 });
    expect(training.mannKendall.value.pHolm).toBeGreaterThanOrEqual(training.mannKendall.value.p);
    expect(tests.trends.map((t: { codeId: string }) => t.codeId)).toEqual(['memory', 'training', 'docs', 'thanks']);
  });

  test('the tests can be limited to one dimension', async () => {
    const { tests } = await getJson('trend', { dimension: 'benefit' });
    expect(tests.trends.map((t: { codeId: string }) => t.codeId)).toEqual(['thanks']);
    expect(tests.chiSquare).toEqual({
      value: null,
      reason:
        'the test needs at least two non-empty rows and two non-empty columns; after dropping empty ones there are 1 x 2',
    });
  });
});

describe('co-occurrence', () => {
  test('units with both codes and Jaccard, codes in codebook order', async () => {
    const body = await getJson('cooccurrence');
    expect(body.codes).toEqual([
      { id: 'memory', name: 'Memory', units: 3 },
      { id: 'training', name: 'Training', units: 2 },
      { id: 'docs', name: 'Docs', units: 2 },
      { id: 'thanks', name: 'Thanks', units: 2 },
    ]);
    expect(body.counts).toEqual([
      [3, 1, 0, 0],
      [1, 2, 0, 0],
      [0, 0, 2, 2],
      [0, 0, 2, 2],
    ]);
    expect(body.jaccard[0][1]).toBe(1 / 4);
    expect(body.jaccard[2][3]).toBe(1);
    expect(body.jaccard[0][2]).toBe(0);
  });
});

describe('access and validation', () => {
  test('a non-member gets 404; a bad date range names the field', async () => {
    const nina = await s.as('nina');
    expect((await nina.get(url('counts'))).status).toBe(404);
    const res = await s.agents.owen.get(url('counts', { from: '2022-05-01', to: '2022-04-01' }));
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 'request.invalid_query', where: { field: 'to' } });
    expect((await s.agents.owen.get(url('trend', { granularity: 'week' }))).status).toBe(400);
    expect((await s.agents.owen.get(url('trend', { from: '2022-02-30' }))).status).toBe(400);
  });
});

describe('the numbers follow changes to final labels', () => {
  test('reopening a settled unit takes it out of the coded units until it is settled again', async () => {
    expect((await getJson('counts')).codedUnits).toBe(7);
    await s.agents.ada.post(`/api/studies/${s.studyId}/adjudication/units/${s.units[2]}/reopen`);
    const reopened = await getJson('counts');
    expect(reopened.codedUnits).toBe(6);
    expect(units(reopened)).toMatchObject({ docs: 1, thanks: 1, challenge: 5 });
    await s.agents.ada.post(`/api/studies/${s.studyId}/adjudication/units/${s.units[2]}/settle`, {
      codeIds: ['docs'],
      rationale: 'Only docs.',
    });
    const settled = await getJson('counts');
    expect(settled.codedUnits).toBe(7);
    expect(units(settled)).toMatchObject({ docs: 2, thanks: 1, benefit: 1 });
  });
});

describe('kept current incrementally, equal to a full build', () => {
  const snapshot = async () => {
    const counts = await getJson('counts', { granularity: 'month' });
    const trend = await getJson('trend', { granularity: 'month' });
    return {
      counts: { ...counts, coders: undefined },
      trend,
      facts: s.t.db.prepare('SELECT * FROM analysis_facts ORDER BY month, code_id, unit_id').all(),
    };
  };

  test('a new round closed after the first analysis adds its units; a full rebuild gives the same numbers', async () => {
    await getJson('counts');
    const owen = s.agents.owen;
    const round = (await (await owen.post(`/api/studies/${s.studyId}/rounds`, { name: 'Extra', kind: 'main' })).json())
      .round.id as number;
    const { insertUnits } = await import('../../apps/api/src/db/units.ts');
    const [unit] = insertUnits(
      s.t.db,
      s.studyId,
      round,
      [{ threadId: s.forum.threadIds[4]!, postId: s.forum.postIds[4]![1]!, coderIds: [s.ids.cora!, s.ids.cody!] }],
      s.ids.owen!,
      {},
    );
    for (const who of ['cora', 'cody'] as const)
      await s.agents[who].request('PUT', `/api/studies/${s.studyId}/units/${unit}/coding`, {
        codeIds: ['memory', 'docs'],
      });
    expect(s.t.db.prepare('SELECT count(*) FROM analysis_stale_units').pluck().get()).toBe(1);
    await owen.post(`/api/studies/${s.studyId}/rounds/${round}/close`);
    const incremental = await snapshot();
    expect(s.t.db.prepare('SELECT count(*) FROM analysis_stale_units').pluck().get()).toBe(0);
    expect(incremental.counts.codedUnits).toBe(8);
    expect(units(incremental.counts)).toMatchObject({ memory: 4, docs: 3, challenge: 7, technical: 5 });

    s.t.db.prepare('DELETE FROM analysis_built').run();
    expect(await snapshot()).toEqual(incremental);
  });

  test("a post's new date (a re-import moved it) rebuilds, moving its unit to another period", async () => {
    const before = await getJson('trend', { granularity: 'quarter' });
    s.t.db.prepare("UPDATE posts SET created_at = '2022-07-02T10:00:00.000Z' WHERE id = ?").run(s.forum.postIds[0]![0]);
    const after = await getJson('trend', { granularity: 'quarter' });
    expect(after.codedUnits[0]).toBe(before.codedUnits[0] - 1);
    expect(after.codedUnits[2]).toBe(before.codedUnits[2] + 1);
  });
});
