// The replication check of issue #19: the study's published monthly files (forum topics mentioning
// each model family, Hub models created per model type; wide CSVs, months as columns, a total
// column) loaded as outside series and compared through the API. The files here are made in that
// layout; their common months hold scipy's published examples, so the coefficients are checked
// against scipy's printed outputs to 1e-9 (no scipy runs here; the pooled values and the Llama
// trend are worked out by hand in the comments, the t tail with A&S 26.7.3 for even df).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type Agent, loggedIn } from '../support/agent.ts';
import { addStudyCast, makeTestApp, type TestApp } from '../support/test-app.ts';

const file = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../fixtures/series/${name}`, import.meta.url)), 'utf8');
const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThan(1e-9);

let t: TestApp;
let owen: Agent;
let forum: number;
let hub: number;
beforeEach(async () => {
  t = makeTestApp();
  await addStudyCast(t.db);
  // Series and Hub collections need the importer right, which an administrator grants.
  t.db.prepare("UPDATE users SET is_importer = 1 WHERE username = 'owen'").run();
  owen = await loggedIn(t.app, 'owen');
  const load = async (name: string, fileName: string, unit: string) =>
    (
      await (
        await owen.post('/api/series', { name, source: 'Taraghi et al. 2024', unit, fileName, csv: file(fileName) })
      ).json()
    ).set.id as number;
  forum = await load('Forum topics per model family', 'forum-mentions-wide.csv', 'topics');
  hub = await load('Hub models per model type', 'hub-models-wide.csv', 'models');
});
afterEach(() => t.close());

interface Pair {
  left: string;
  right: string;
  periods: string[];
  spearman: { coefficient: number; p: number; pHolm: number } | null;
  kendall: { coefficient: number; p: number; pHolm: number; method: string } | null;
  trendLeft: { direction: string } | null;
  trendRight: { direction: string } | null;
  diverging: boolean;
  chart: {
    period: string;
    left: number | null;
    right: number | null;
    leftCumulative: number;
    rightCumulative: number;
  }[];
}

describe('replication: forum mentions vs Hub models', () => {
  test('pairs matched by name, correlations equal scipy to 1e-9, pooled result shown', async () => {
    const res = await owen.post('/api/series/compare', { left: forum, right: hub });
    expect(res.status).toBe(200);
    const { comparison } = await res.json();
    const byLeft = Object.fromEntries((comparison.pairs as Pair[]).map((p) => [p.left, p]));
    expect((comparison.pairs as Pair[]).map((p) => [p.left, p.right])).toEqual([
      ['BERT', 'bert'],
      ['GPT-2', 'gpt2'],
      ['T5', 't5'],
      ['Llama', 'llama'],
    ]);
    expect(comparison.unmatchedRight).toEqual(['whisper']);
    // BERT's June has no Hub value: five common months. scipy.stats.kendalltau docstring example.
    expect(byLeft.BERT!.periods).toEqual(['2021-01', '2021-02', '2021-03', '2021-04', '2021-05']);
    close(byLeft.BERT!.kendall!.coefficient, -0.47140452079103173);
    close(byLeft.BERT!.kendall!.p, 0.2827454599327748);
    // scipy.stats.spearmanr docstring example
    close(byLeft['GPT-2']!.spearman!.coefficient, 0.8207826816681233);
    close(byLeft['GPT-2']!.spearman!.p, 0.08858700531354381);
    // scipy test_kendalltau, R cor.test exact: -0.14285714286, 0.77261904762 (= 3894/5040)
    close(byLeft.T5!.kendall!.coefficient, -1 / 7);
    close(byLeft.T5!.kendall!.p, 3894 / 5040);
    // Llama: forum topics fall 12 -> 1 while Hub models rise 1 -> 12
    expect(byLeft.Llama).toMatchObject({
      trendLeft: { direction: 'falling' },
      trendRight: { direction: 'rising' },
      diverging: true,
    });
    close(byLeft.Llama!.spearman!.coefficient, -1);
    expect(byLeft.Llama!.spearman!.p).toBe(0);
    // Pooled: per-month totals of the four families on each side, 2021-01 … 2021-12
    //   forum 30 17 15 28 21 20 13 5 4 3 2 1;  Hub 12 14 23 16 13 13 11 8 9 10 11 12
    //   rho = 82 / sqrt(143 · 141.5); t = rho sqrt(10 / (1 - rho²)), p by A&S 26.7.3 (df = 10)
    //   tau-b = 19 / sqrt(66 · 63) (3 ties on the Hub side), Var = 209.6667, p = erfc(|z| / √2)
    expect(comparison.pooled.periods).toHaveLength(12);
    close(comparison.pooled.spearman.coefficient, 82 / Math.sqrt(143 * 141.5));
    close(comparison.pooled.spearman.p, 0.04976731659729239);
    close(comparison.pooled.kendall.coefficient, 0.2946533332928491);
    close(comparison.pooled.kendall.p, 0.1894640033901702);
  });

  test('chart rows: both series by month with gaps as null, and running totals', async () => {
    const { comparison } = await (await owen.post('/api/series/compare', { left: forum, right: hub })).json();
    const bert = (comparison.pairs as Pair[])[0]!;
    expect(bert.chart.slice(4)).toEqual([
      { period: '2021-05', left: 2, right: 0, leftCumulative: 29, rightCumulative: 13 },
      { period: '2021-06', left: 9, right: null, leftCumulative: 38, rightCumulative: 13 },
    ]);
  });

  test('the comparison as CSV: a row per pair and the pooled totals, the mapping as JSON in the query', async () => {
    const mapping = encodeURIComponent(JSON.stringify({ 'GPT-2': '' }));
    const res = await owen.get(`/api/series/compare.csv?left=${forum}&right=${hub}&mapping=${mapping}`);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="series-comparison.csv"');
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'left,right,months,first_month,last_month,spearman_rho,spearman_p,spearman_p_holm,kendall_tau,kendall_p,kendall_p_holm,kendall_method,trend_left,trend_left_p,trend_right,trend_right_p,diverging,notes',
    );
    expect(lines.map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
      'left,right,months',
      'BERT,bert,5',
      'T5,t5,7',
      'Llama,llama,12',
      '(pooled totals),(pooled totals),12',
    ]);
    close(Number(lines[1]!.split(',')[8]), -0.47140452079103173);
    const bad = await owen.get(`/api/series/compare.csv?left=${forum}&right=${hub}&mapping=nope`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toBe('mapping: mapping must be a JSON object of left name -> right name');
  });

  test('the mapping overrides names: leave one out, pair another by hand; bad names are 400', async () => {
    const { comparison } = await (
      await owen.post('/api/series/compare', { left: forum, right: hub, mapping: { 'GPT-2': '', Llama: 'whisper' } })
    ).json();
    expect((comparison.pairs as Pair[]).map((p) => [p.left, p.right])).toEqual([
      ['BERT', 'bert'],
      ['T5', 't5'],
      ['Llama', 'whisper'],
    ]);
    expect(comparison.unmatchedLeft).toEqual(['GPT-2']);
    expect(comparison.unmatchedRight).toEqual(['gpt2', 'llama']);
    const bad = await owen.post('/api/series/compare', { left: forum, right: hub, mapping: { BERT: 'roberta' } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({
      code: 'series.bad_mapping',
      message: '"roberta" is not a series of "Hub models per model type".',
      where: { field: 'mapping.BERT' },
    });
  });

  test('a multi-column card-share file keeps NA and empty cells as gaps', async () => {
    const { set } = await (
      await owen.post('/api/series', {
        name: 'Card share',
        source: 'Hub',
        unit: 'models',
        fileName: 'card.csv',
        csv: file('card-share.csv'),
      })
    ).json();
    expect(set.layout).toBe('multi');
    expect(set.series.map((s: { key: string; points: unknown[] }) => [s.key, s.points.length])).toEqual([
      ['models created', 3],
      ['models with a card', 2],
      ['ratio', 2],
    ]);
    expect(set.report.missingValues).toBe(2);
  });
});
