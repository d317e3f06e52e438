import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { analysisStudy, type AnalysisStudy } from '../support/analysis-study.ts';

// Our counts beside a published study's: the analysis study's codebook names a template whose
// categories carry reported counts (tests/fixtures/reported-templates). Final labels rolled up:
// technical 4 (U1, U2, U4, U8), docs 2 (U3, U5), thanks 2.
let s: AnalysisStudy;
beforeAll(async () => {
  vi.stubEnv('THREADCODER_TEMPLATES', 'tests/fixtures/reported-templates');
  s = await analysisStudy('tiny-replication');
});
afterAll(() => {
  s.t.close();
  vi.unstubAllEnvs();
});

const base = () => `/api/studies/${s.studyId}/analysis`;

describe('counts beside the reported ones', () => {
  test('the counts carry the comparison per dimension, with the source cited', async () => {
    const res = await s.agents.owen.get(`${base()}/counts`);
    expect(res.status).toBe(200);
    const { reported } = await res.json();
    expect(reported.source).toBe('Someone et al., A study of model reuse (VENUE 2024)');
    const [challenge, benefit] = reported.dimensions;
    expect(
      challenge.rows.map((r: { codeId: string; reported: number; units: number; share: number }) => [
        r.codeId,
        r.reported,
        r.units,
        r.share,
      ]),
    ).toEqual([
      ['technical', 30, 4, 4 / 6],
      ['docs', 70, 2, 2 / 6],
    ]);
    expect(challenge.rows[0].reportedShare).toBeCloseTo(0.3, 12);
    expect(challenge.rows[0].shareDifference).toBeCloseTo(4 / 6 - 0.3, 12);
    // Expected 1.8 and 4.2: pooled into one bin, nothing left to test.
    expect(challenge.test).toEqual({
      statistic: null,
      reason: 'after pooling categories with expected counts below 5 only 1 bin is left',
    });
    expect(benefit).toMatchObject({ dimension: 'benefit', reportedTotal: 12, total: 2 });
  });

  test('the counts CSV has their count and share, ours, the difference and the residual', async () => {
    const lines = (await (await s.agents.owen.get(`${base()}/counts.csv`)).text()).trimEnd().split('\r\n');
    const technical = lines.find((l) => l.startsWith('final labels,,technical,'))!.split(',');
    expect(technical.slice(5, 10)).toEqual(['4', '0.5714285714285714', '4', '30', '0.3']);
    expect(Number(technical[10])).toBeCloseTo(4 / 6, 12);
    expect(Number(technical[12])).toBeCloseTo((4 - 1.8) / Math.sqrt(1.8 * 0.7), 12);
    expect(lines.find((l) => l.startsWith('final labels,,memory,'))!.endsWith(',,,,,')).toBe(true);
  });

  test('the report has a section with the tables and the reason no test was run', async () => {
    const res = await s.agents.owen.get(`/api/studies/${s.studyId}/exports/report`);
    expect(res.status).toBe(200);
    const md = await res.text();
    expect(md).toContain('## Beside the published counts');
    expect(md).toContain('Someone et al., A study of model reuse (VENUE 2024).');
    expect(md).toContain('| Technical | 30 | 30.0% | 4 | 66.7% | 36.7% | 1.96 |');
    expect(md).toContain(
      'Challenge: no goodness-of-fit test (after pooling categories with expected counts below 5 only 1 bin is left).',
    );
  });

  test('a codebook without a template has no comparison', async () => {
    vi.stubEnv('THREADCODER_TEMPLATES', 'tests/fixtures/templates');
    const res = await s.agents.owen.get(`${base()}/counts`);
    expect((await res.json()).reported).toBeNull();
    vi.stubEnv('THREADCODER_TEMPLATES', 'tests/fixtures/reported-templates');
  });
});
